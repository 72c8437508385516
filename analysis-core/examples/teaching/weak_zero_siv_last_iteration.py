# Weak-zero SIV: a[i] vs a[n - 1]; earlier iterations read a[n - 1] before the last iteration overwrites it (anti): sequential.
def kernel(a, b, n):
    for i in range(n):
        a[i] = a[n - 1] + b[i]


# loupe: n=8, a=float64[8], b=float64[8]
# expect: 3=sequential
