# Verdict reduction on an array element across the outer loop: c[j] += a[i, j] does not depend on i (reduction over i) and is distinct per j (parallel).
def kernel(a, c, n, m):
    for i in range(n):
        for j in range(m):
            c[j] += a[i, j]


# loupe: n=6, m=8, a=float64[6,8], c=float64[8]
# expect: 3=reduction, 4=parallel
