# Python trap: [[0.0] * m] * n repeats one row object n times, so g[i][j] is the same element for every i and each i overwrites the others; a list of lists is a 2-D array only when its rows are distinct objects.
n = 6
m = 4
g = [[0.0] * m] * n
for i in range(n):
    for j in range(m):
        g[i][j] = i * m + j


# loupe: n=6, m=4
# expect: 5=unknown, 6=parallel
# expect-executed: 5=sequential, 6=parallel
