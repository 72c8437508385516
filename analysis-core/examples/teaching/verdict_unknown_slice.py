# Verdict unknown: a[i, :] is a slice (a whole row per iteration), outside the scalar-subscript model.
def kernel(a, n):
    for i in range(1, n):
        a[i, :] = a[i - 1, :] * 0.5


# loupe: n=8, a=float64[8,4]
# expect: 3=unknown
