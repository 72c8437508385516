# Verdict privatizable: the scalar t is written before it is read in every iteration, so each iteration can have its own copy.
def kernel(a, b, n):
    for i in range(n):
        t = a[i] * 2.0
        b[i] = t + t * t


# loupe: n=16, a=float64[16], b=float64[16]
# expect: 3=privatizable
