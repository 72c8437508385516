# Exact test (coupled): a[i + j, i - j + n] vs a[i + j + 1, i - j + n]; adding the two equations gives 2*i = 2*i' + 1, no integer point: parallel.
def kernel(a, n):
    for i in range(n):
        for j in range(n):
            a[i + j, i - j + n] = a[i + j + 1, i - j + n] * 0.5


# loupe: n=6, a=float64[12,12]
# expect: 3=parallel, 4=parallel
