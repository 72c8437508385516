# Weak-crossing SIV: a[i] vs a[2*m - 1 - i]; the crossing point m - 1/2 lies past the last iteration m - 1, so writes and reads never meet: parallel.
def kernel(a, m):
    for i in range(m):
        a[i] = a[2 * m - 1 - i] * 0.5


# loupe: m=8, a=float64[16]
# expect: 3=parallel
