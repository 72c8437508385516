# Staging: a[i + k] = a[i] depends on k; with k = 3 < n iteration i + 3 reads what iteration i wrote (sequential), without a value it is unknown.
def kernel(a, n, k):
    for i in range(n):
        a[i + k] = a[i] * 0.5


# loupe: n=16, k=3, a=float64[19]
# expect: 3=sequential
# expect-static: 3=unknown
