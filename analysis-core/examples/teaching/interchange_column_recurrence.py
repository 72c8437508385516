# Interchange: column-order loops over a[i, j] = a[i, j - 1]; j (outer) is sequential, i parallel, and interchange is legal (direction (<, =)).
def kernel(a, n, m):
    for j in range(1, m):
        for i in range(n):
            a[i, j] = a[i, j - 1] * 0.5


# loupe: n=6, m=8, a=float64[6,8]
# expect: 3=sequential, 4=parallel
