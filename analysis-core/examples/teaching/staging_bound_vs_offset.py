# Staging: a[i] = a[i + n] for i < m is dependent exactly when 0 < n < m; with m = n = 10 it is parallel, without values unknown.
def kernel(a, m, n):
    for i in range(m):
        a[i] = a[i + n] * 0.5


# loupe: m=10, n=10, a=float64[20]
# expect: 3=parallel
# expect-static: 3=unknown
