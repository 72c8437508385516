# Imperfect nest with two inner loops: the second writes row i of a, which the first reads in iteration i + 1 (i sequential, both j parallel).
def kernel(a, b, n, m):
    for i in range(1, n):
        for j in range(m):
            b[i, j] = a[i - 1, j] * 0.5
        for j in range(m):
            a[i, j] = b[i, j] + 1.0


# loupe: n=6, m=8, a=float64[6,8], b=float64[6,8]
# expect: 3=sequential, 4=parallel, 6=parallel
