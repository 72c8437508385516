# ZIV: a[0, i] vs a[0, i - 1]; equal constant first subscripts leave the dependence to the second (distance 1): sequential.
def kernel(a, n):
    for i in range(1, n):
        a[0, i] = a[0, i - 1] * 0.5


# loupe: n=8, a=float64[2,8]
# expect: 3=sequential
