# Python trap (the fix): [[0.0] * m for _ in range(n)] builds a fresh row per element, so the rows are distinct objects and g[i][j] is a true 2-D array: both loops are parallel.
n = 6
m = 4
g = [[0.0] * m for _ in range(n)]
for i in range(n):
    for j in range(m):
        g[i][j] = i * m + j


# loupe: n=6, m=4, g=float64[6,4]
# expect: 5=parallel, 6=parallel
