# RDIV: a[i] (loop i) vs a[j] (loop j); i = j has solutions, so iteration i reads elements other iterations of i write: i sequential, j parallel.
def kernel(a, b, c):
    for i in range(10):
        a[i] = b[i] * 2.0
        for j in range(10):
            c[i, j] = a[j]


# loupe: a=float64[10], b=float64[10], c=float64[10,10]
# expect: 3=sequential, 5=parallel
