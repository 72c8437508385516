# Verdict unknown: a[idx[i]] is an indirect subscript; two iterations may write the same element.
def kernel(a, b, idx, n):
    for i in range(n):
        a[idx[i]] = b[i]


# loupe: n=8, a=float64[8], b=float64[8], idx=int64[8]
# expect: 3=unknown
