# Verdict privatizable + reduction: s is reset in each i iteration (privatizable for i) and accumulated over j (a reduction for j).
def kernel(a, r, n, m):
    for i in range(n):
        s = 0.0
        for j in range(m):
            s += a[i, j]
        r[i] = s


# loupe: n=6, m=8, a=float64[6,8], r=float64[6]
# expect: 3=privatizable, 5=reduction
