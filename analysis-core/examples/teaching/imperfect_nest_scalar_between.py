# Imperfect nest with a scalar set between the loops: s is privatizable for i and only read by the j loop.
def kernel(a, n, m):
    for i in range(n):
        s = a[i, 0]
        for j in range(1, m):
            a[i, j] = a[i, j] + s


# loupe: n=6, m=8, a=float64[6,8]
# expect: 3=privatizable, 5=parallel
