# Weak-zero SIV: a[i] vs a[0]; iteration 0 writes a[0] and every later iteration reads it: sequential (peeling i = 0 would fix it).
def kernel(a, b, n):
    for i in range(n):
        a[i] = a[0] + b[i]


# loupe: n=8, a=float64[8], b=float64[8]
# expect: 3=sequential
