# Verdict reduction on an array element: r[i] += a[i, j] is invariant in j (a reduction over j) and distinct per i (parallel).
def kernel(a, r, n, m):
    for i in range(n):
        for j in range(m):
            r[i] += a[i, j]


# loupe: n=6, m=8, a=float64[6,8], r=float64[6]
# expect: 3=parallel, 4=reduction
