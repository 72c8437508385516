# Exact SIV: a[i] vs a[2*i + 10]; i = 2*i' + 10 needs i >= 10, beyond the last iteration 9: parallel.
def kernel(a):
    for i in range(10):
        a[i] = a[2 * i + 10] * 0.5


# loupe: a=float64[30]
# expect: 3=parallel
