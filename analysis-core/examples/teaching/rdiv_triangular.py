# RDIV with a triangular bound: a[i] vs a[j] for j < i; iteration i reads what earlier iterations j wrote (flow): i sequential, j parallel.
def kernel(a, b, c, n):
    for i in range(n):
        a[i] = b[i] * 2.0
        for j in range(i):
            c[i, j] = a[j]


# loupe: n=8, a=float64[8], b=float64[8], c=float64[8,8]
# expect: 3=sequential, 5=parallel
