# Exact test (coupled): a[i, i] vs a[i, i + 1] and a[i + 1, i]; each dimension alone is dependent, together they force i = i + 1: parallel.
def kernel(a, n):
    for i in range(n):
        a[i, i] = a[i, i + 1] + a[i + 1, i]


# loupe: n=8, a=float64[9,9]
# expect: 3=parallel
