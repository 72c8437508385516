# Verdict unknown: a[i * j] is not affine in the loop variables, so no dependence test applies (both loops).
def kernel(a, b, n):
    for i in range(n):
        for j in range(n):
            a[i * j] = b[i, j]


# loupe: n=8, a=float64[64], b=float64[8,8]
# expect: 3=unknown, 4=unknown
