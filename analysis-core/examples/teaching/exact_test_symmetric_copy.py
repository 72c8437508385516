# Exact test (coupled, triangular): a[j, i] = a[i, j] for j >= i (as in covariance); write and read meet only on the diagonal, in the same iteration: parallel.
def kernel(a, n):
    for i in range(n):
        for j in range(i, n):
            a[j, i] = a[i, j]


# loupe: n=8, a=float64[8,8]
# expect: 3=parallel, 4=parallel
