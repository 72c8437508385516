# ZIV with a symbol: a[m, i] vs a[0, i - 1] meet only when m == 0, so the verdict is staged on m (m=1 here: parallel).
def kernel(a, n, m):
    for i in range(1, n):
        a[m, i] = a[0, i - 1] * 0.5


# loupe: n=8, m=1, a=float64[2,8]
# expect: 3=parallel
# expect-static: 3=unknown
