# Verdict privatizable: swapping a[i] and b[i] through the temporary t (written first in every iteration).
def kernel(a, b, n):
    for i in range(n):
        t = a[i]
        a[i] = b[i]
        b[i] = t


# loupe: n=16, a=float64[16], b=float64[16]
# expect: 3=privatizable
