# Verdict unknown: break makes the trip count depend on the data.
def kernel(a, b, n):
    for i in range(n):
        if a[i] < 0.0:
            break
        b[i] = a[i] * 2.0


# loupe: n=8, a=float64[8], b=float64[8]
# expect: 3=unknown
