# ZIV: a[0, i] vs a[1, i - 1]; the constant first subscripts 0 and 1 never meet, so the distance-1 second subscript does not matter: parallel.
def kernel(a, n):
    for i in range(1, n):
        a[0, i] = a[1, i - 1] * 0.5


# loupe: n=8, a=float64[2,8]
# expect: 3=parallel
