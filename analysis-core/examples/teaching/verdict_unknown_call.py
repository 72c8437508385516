# Verdict unknown: scale() is a user-defined function; without looking inside, it may read or write anything.
def scale(v, i):
    return v[i] * 2.0


def kernel(a, b, n):
    for i in range(n):
        b[i] = scale(a, i)


# loupe: n=8, a=float64[8], b=float64[8]
# expect: 7=unknown
