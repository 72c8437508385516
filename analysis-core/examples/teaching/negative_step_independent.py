# Negative step: a reversed loop that only touches element i in iteration i is still parallel.
def kernel(a, b, n):
    for i in range(n - 1, -1, -1):
        a[i] = a[i] * 2.0 + b[i]


# loupe: n=8, a=float64[8], b=float64[8]
# expect: 3=parallel
