# Exact test (MIV): a[2*i] vs a[2*i + 3*j + 5], j in {0, 1}; gcd and Banerjee allow it, but j = 0 reads odd elements and j = 1 reads past a[6]: parallel.
def kernel(a, b, c):
    for i in range(4):
        a[2 * i] = b[i]
        for j in range(2):
            c[i, j] = a[2 * i + 3 * j + 5]


# loupe: a=float64[15], b=float64[4], c=float64[4,2]
# expect: 3=parallel, 5=parallel
