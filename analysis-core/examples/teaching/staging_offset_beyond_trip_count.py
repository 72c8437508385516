# Staging: a[i + k] = a[i] with k = n = 8; the distance k is at least the trip count, so the halves never meet (parallel); unknown without values.
def kernel(a, n, k):
    for i in range(n):
        a[i + k] = a[i] * 0.5


# loupe: n=8, k=8, a=float64[16]
# expect: 3=parallel
# expect-static: 3=unknown
