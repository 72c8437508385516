# Banerjee: a[i] vs a[i + j + 10]; gcd 1 proves nothing, but i - i' - j = 10 exceeds the bound max(i - i' - j) = 9: both loops parallel.
def kernel(a, b, c):
    for i in range(10):
        a[i] = b[i] * 2.0
        for j in range(10):
            c[i, j] = a[i + j + 10]


# loupe: a=float64[30], b=float64[10], c=float64[10,10]
# expect: 3=parallel, 5=parallel
