# Weak-zero SIV: a[i] vs a[0] with i starting at 1; the solution i = 0 lies outside the loop, so a[0] is only read: parallel.
def kernel(a, b, n):
    for i in range(1, n):
        a[i] = a[0] + b[i]


# loupe: n=8, a=float64[8], b=float64[8]
# expect: 3=parallel
