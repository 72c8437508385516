# Verdict unknown: b = a[1:] is a view of a shifted by one element; Loupe does not model views, so b[i] may overlap a[i].
def kernel(a, n):
    b = a[1:]
    for i in range(n - 1):
        b[i] = a[i] * 0.5


# loupe: n=8, a=float64[8]
# expect: 4=unknown
