# Staging: a[i + k] = a[i] with k = 0 reads and writes the same element in the same iteration only (parallel); unknown without values.
def kernel(a, n, k):
    for i in range(n):
        a[i + k] = a[i] * 0.5


# loupe: n=8, k=0, a=float64[8]
# expect: 3=parallel
# expect-static: 3=unknown
