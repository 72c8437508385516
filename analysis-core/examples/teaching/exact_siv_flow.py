# Exact SIV: a[2*i] vs a[i]; 2*i = i' has solutions (1, 2), (2, 4), ...: iteration 2 reads a[2] written by iteration 1: sequential.
def kernel(a):
    for i in range(10):
        a[2 * i] = a[i] + 1.0


# loupe: a=float64[20]
# expect: 3=sequential
