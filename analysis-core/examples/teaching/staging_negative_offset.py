# Staging: a[i + k] = a[i] with k = -2 writes behind the reads; iteration i + 2 overwrites a[i] after iteration i read it (anti, sequential).
def kernel(a, n, k):
    for i in range(2, n):
        a[i + k] = a[i] * 0.5


# loupe: n=10, k=-2, a=float64[10]
# expect: 3=sequential
# expect-static: 3=unknown
