# Negative step in the outer loop: a[i, j] = a[i + 1, j] with i descending is carried by i (sequential); j stays parallel.
def kernel(a, b, n, m):
    for i in range(n - 2, -1, -1):
        for j in range(m):
            a[i, j] = a[i + 1, j] + b[i, j]


# loupe: n=6, m=8, a=float64[6,8], b=float64[6,8]
# expect: 3=sequential, 4=parallel
