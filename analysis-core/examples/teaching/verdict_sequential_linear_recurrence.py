# Verdict sequential: x = 0.5 * x + a[i] is a linear recurrence whose every value is stored, not a reduction.
def kernel(a, b, n):
    x = 1.0
    for i in range(n):
        x = 0.5 * x + a[i]
        b[i] = x


# loupe: n=16, a=float64[16], b=float64[16]
# expect: 4=sequential
