# Banerjee: a[10*i + j] vs a[10*i + j + 100]; 10*(i - i') + (j - j') lies in [-99, 99], so it never equals 100: both loops parallel.
def kernel(a):
    for i in range(10):
        for j in range(10):
            a[10 * i + j] = a[10 * i + j + 100] * 0.5


# loupe: a=float64[200]
# expect: 3=parallel, 4=parallel
