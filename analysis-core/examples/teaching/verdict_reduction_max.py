# Verdict reduction: m = max(m, a[i]) is a max-reduction over i.
def kernel(a, n):
    m = a[0]
    for i in range(1, n):
        m = max(m, a[i])
    return m


# loupe: n=16, a=float64[16]
# expect: 4=reduction
