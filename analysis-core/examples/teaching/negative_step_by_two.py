# Step -2: i = n - 1, n - 3, ... writes one parity and reads a[i - 1] of the other parity, so they never meet: parallel.
def kernel(a, n):
    for i in range(n - 1, 0, -2):
        a[i] = a[i - 1] * 0.5


# loupe: n=10, a=float64[10]
# expect: 3=parallel
