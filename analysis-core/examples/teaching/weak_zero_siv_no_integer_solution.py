# Weak-zero SIV: a[2*i] vs a[5]; 2*i = 5 has no integer solution, so the read element is never written: parallel.
def kernel(a, b, n):
    for i in range(n):
        a[2 * i] = a[5] + b[i]


# loupe: n=8, a=float64[16], b=float64[8]
# expect: 3=parallel
