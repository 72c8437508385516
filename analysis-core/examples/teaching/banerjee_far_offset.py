# Banerjee with directions: a[10*i + j] vs a[10*i + j + 95]; only i - i' = 9, j - j' = 5 solves it (anti, direction (<, >)): i sequential, j parallel.
def kernel(a):
    for i in range(10):
        for j in range(10):
            a[10 * i + j] = a[10 * i + j + 95] * 0.5


# loupe: a=float64[195]
# expect: 3=sequential, 4=parallel
