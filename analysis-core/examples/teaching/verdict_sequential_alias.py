# Verdict sequential through an alias: b = a makes b another name for a, so b[i] (write) and a[i - 1] (read) are one array — a flow dependence of distance 1.
def kernel(a, n):
    b = a
    for i in range(1, n):
        b[i] = a[i - 1] * 0.5


# loupe: n=8, a=float64[8]
# expect: 4=sequential
