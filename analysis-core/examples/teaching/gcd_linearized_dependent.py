# GCD cannot rule out a[20*i + 2*j + 2] vs a[20*i + 2*j] (gcd 2 divides 2), and the dependence is real: (i, j) -> (i, j + 1) and (i, 9) -> (i + 1, 0).
def kernel(a):
    for i in range(10):
        for j in range(10):
            a[20 * i + 2 * j + 2] = a[20 * i + 2 * j] * 0.5


# loupe: a=float64[201]
# expect: 3=sequential, 4=sequential
