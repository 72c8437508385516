# Verdict parallel: a[i, j] *= 2.0 is an augmented assignment but not a reduction, because its element changes with i and j.
def kernel(a, n, m):
    for i in range(n):
        for j in range(m):
            a[i, j] *= 2.0


# loupe: n=6, m=8, a=float64[6,8]
# expect: 3=parallel, 4=parallel
