# Weak-crossing SIV: a[i] vs a[n - 1 - i]; the subscripts cross at the middle, pairing i with n - 1 - i: sequential.
def kernel(a, n):
    for i in range(n):
        a[i] = a[n - 1 - i]


# loupe: n=8, a=float64[8]
# expect: 3=sequential
