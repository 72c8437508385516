# Interchange counter-example: a[i, j] = a[i - 1, j + 1] has direction (<, >); i sequential, j parallel, but swapping the loops would reverse the dependence.
def kernel(a, n, m):
    for i in range(1, n):
        for j in range(m - 1):
            a[i, j] = a[i - 1, j + 1] * 0.5


# loupe: n=6, m=8, a=float64[6,8]
# expect: 3=sequential, 4=parallel
