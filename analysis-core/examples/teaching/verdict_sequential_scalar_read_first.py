# Verdict sequential: t is read before it is written in each iteration, so iteration i sees the value of iteration i - 1 (not privatizable).
def kernel(a, b, n):
    t = 0.0
    for i in range(n):
        b[i] = t
        t = a[i]


# loupe: n=16, a=float64[16], b=float64[16]
# expect: 4=sequential
