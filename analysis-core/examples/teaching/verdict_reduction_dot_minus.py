# Verdict reduction: s -= a[i] * b[i] is a (negated) sum reduction over i.
def kernel(a, b, n):
    s = 0.0
    for i in range(n):
        s -= a[i] * b[i]
    return s


# loupe: n=16, a=float64[16], b=float64[16]
# expect: 4=reduction
