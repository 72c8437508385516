# Strong SIV per dimension: a[i, j] vs a[i, j - 1] has distance (0, 1): carried by j only, so i is parallel and j sequential.
def kernel(a, n, m):
    for i in range(n):
        for j in range(1, m):
            a[i, j] = a[i, j - 1] * 2.0


# loupe: n=6, m=8, a=float64[6,8]
# expect: 3=parallel, 4=sequential
