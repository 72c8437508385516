# GCD on a linearised 2-D array: a[20*i + 2*j] vs a[20*i + 2*j + 1]; gcd(20, 2) = 2 does not divide 1: both loops parallel.
def kernel(a):
    for i in range(10):
        for j in range(10):
            a[20 * i + 2 * j] = a[20 * i + 2 * j + 1] * 0.5


# loupe: a=float64[200]
# expect: 3=parallel, 4=parallel
