# Verdict sequential: a[i] += a[i - 1] looks like a reduction but its element changes with i; it is a prefix sum (flow, distance 1).
def kernel(a, n):
    for i in range(1, n):
        a[i] += a[i - 1]


# loupe: n=16, a=float64[16]
# expect: 3=sequential
