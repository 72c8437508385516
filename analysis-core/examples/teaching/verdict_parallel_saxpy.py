# Verdict parallel: y[i] = alpha * x[i] + y[i] touches only element i in iteration i.
def kernel(alpha, x, y, n):
    for i in range(n):
        y[i] = alpha * x[i] + y[i]


# loupe: n=16, alpha=2.0, x=float64[16], y=float64[16]
# expect: 3=parallel
