# Exact test (coupled subscripts): a[i, j] = a[j, i] over the full square; (0, 1) writes a[0, 1], which (1, 0) reads: i sequential, j parallel.
def kernel(a, n):
    for i in range(n):
        for j in range(n):
            a[i, j] = a[j, i]


# loupe: n=8, a=float64[8,8]
# expect: 3=sequential, 4=parallel
