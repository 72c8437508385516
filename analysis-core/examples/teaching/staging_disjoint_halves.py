# Staging: a[i + n] = a[i] is symbolic but provable: the distance n exceeds the n - 1 iterations for every n, so parallel even without values.
def kernel(a, n):
    for i in range(n):
        a[i + n] = a[i] * 0.5


# loupe: n=8, a=float64[16]
# expect: 3=parallel
# expect-static: 3=parallel
