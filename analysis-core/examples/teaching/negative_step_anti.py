# Negative step: i runs n - 1, ..., 1 and a[i] = a[i - 1] reads a[i - 1] before the next iteration overwrites it: anti, sequential.
def kernel(a, n):
    for i in range(n - 1, 0, -1):
        a[i] = a[i - 1] * 0.5


# loupe: n=8, a=float64[8]
# expect: 3=sequential
