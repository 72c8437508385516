# GCD: a[4*i + 2] vs a[6*i + 1]; gcd(4, 6) = 2 does not divide 1 (even writes, odd reads): parallel.
def kernel(a, n):
    for i in range(n):
        a[4 * i + 2] = a[6 * i + 1] * 0.5


# loupe: n=8, a=float64[48]
# expect: 3=parallel
