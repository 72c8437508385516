# Verdict sequential at both levels: a[i, j] depends on a[i - 1, j] (carried by i) and a[i, j - 1] (carried by j).
def kernel(a, n, m):
    for i in range(1, n):
        for j in range(1, m):
            a[i, j] = a[i - 1, j] + a[i, j - 1]


# loupe: n=6, m=8, a=float64[6,8]
# expect: 3=sequential, 4=sequential
