# Imperfect nest: c[i] is initialised between the loops and accumulated by the inner loop (matrix-vector product).
def kernel(a, x, c, n, m):
    for i in range(n):
        c[i] = 0.0
        for j in range(m):
            c[i] += a[i, j] * x[j]


# loupe: n=6, m=8, a=float64[6,8], x=float64[8], c=float64[6]
# expect: 3=parallel, 5=reduction
