# Exact SIV: a[i] vs a[2*i + 1]; iteration i reads a[2*i + 1] before iteration 2*i + 1 writes it (anti, for i <= 4): sequential.
def kernel(a):
    for i in range(10):
        a[i] = a[2 * i + 1] * 0.5


# loupe: a=float64[20]
# expect: 3=sequential
