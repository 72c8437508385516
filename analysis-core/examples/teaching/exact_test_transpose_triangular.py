# Exact test (coupled subscripts): a[i, j] = a[j, i] over j < i writes the strict lower triangle and reads the strict upper one: both loops parallel.
def kernel(a, n):
    for i in range(n):
        for j in range(i):
            a[i, j] = a[j, i]


# loupe: n=8, a=float64[8,8]
# expect: 3=parallel, 4=parallel
