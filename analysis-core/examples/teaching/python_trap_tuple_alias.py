# Python trap: p, q = x, x makes p and q two names for one array (tuple assignment binds each name in turn), so p[i] = q[i + 1] reads the element the next iteration writes: an anti dependence of distance 1.
def kernel(x, n):
    p, q = x, x
    for i in range(n - 1):
        p[i] = q[i + 1] + 1.0


# loupe: n=8, x=float64[8]
# expect: 4=sequential
