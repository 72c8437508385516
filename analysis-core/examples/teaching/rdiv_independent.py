# RDIV: a[i] (loop i) vs a[j + 10] (loop j); i = j + 10 has no solution with both in [0, 9]: both loops parallel.
def kernel(a, b, c):
    for i in range(10):
        a[i] = b[i] * 2.0
        for j in range(10):
            c[i, j] = a[j + 10]


# loupe: a=float64[20], b=float64[10], c=float64[10,10]
# expect: 3=parallel, 5=parallel
