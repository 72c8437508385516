# Interchange: a[i, j] = a[i - 1, j] has direction (<, =); i is sequential, j parallel, and swapping them legally puts the parallel loop outside.
def kernel(a, b, n, m):
    for i in range(1, n):
        for j in range(m):
            a[i, j] = a[i - 1, j] + b[i, j]


# loupe: n=6, m=8, a=float64[6,8], b=float64[6,8]
# expect: 3=sequential, 4=parallel
