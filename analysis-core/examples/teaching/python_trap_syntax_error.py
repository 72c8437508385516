# Python trap: this loop does not parse (the right-hand side ends in a bare +), so it decides nothing: no verdict until the code is fixed, however plain the rest looks.
def kernel(a, b, n):
    for i in range(n):
        b[i] = a[i] +


# loupe: n=8, a=float64[8], b=float64[8]
# expect: 3=unknown
