# Negative step: i runs n - 2, ..., 0 and a[i] = a[i + 1] reads what the previous iteration (i + 1) wrote: flow at distance 1, sequential.
def kernel(a, n):
    for i in range(n - 2, -1, -1):
        a[i] = a[i + 1] * 0.5


# loupe: n=8, a=float64[8]
# expect: 3=sequential
