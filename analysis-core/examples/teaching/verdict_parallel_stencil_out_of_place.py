# Verdict parallel: a 5-point stencil reading a and writing b; nothing is both read and written.
def kernel(a, b, n):
    for i in range(1, n - 1):
        for j in range(1, n - 1):
            b[i, j] = (a[i - 1, j] + a[i + 1, j] + a[i, j - 1] + a[i, j + 1]) * 0.25


# loupe: n=8, a=float64[8,8], b=float64[8,8]
# expect: 3=parallel, 4=parallel
