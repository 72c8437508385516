# Weak-crossing SIV: a[2*i] vs a[2*n - 1 - 2*i]; even writes and odd reads (2*(i + i') = 2*n - 1 has no integer solution): parallel.
def kernel(a, n):
    for i in range(n):
        a[2 * i] = a[2 * n - 1 - 2 * i]


# loupe: n=8, a=float64[16]
# expect: 3=parallel
