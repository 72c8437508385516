# Strong SIV: a[i] vs a[i + 1]; iteration i reads a[i + 1] before iteration i + 1 overwrites it: an anti dependence, sequential.
def kernel(a, n):
    for i in range(n - 1):
        a[i] = a[i + 1] * 0.5


# loupe: n=8, a=float64[8]
# expect: 3=sequential
