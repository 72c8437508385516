# Python trap: last is written only inside the triangular loop j, which does not run in the last iteration of i (i = n - 1), so the value read after the loop is not the last iteration's: not privatizable in i (it is in j, whose every iteration writes it).
def kernel(a, b, n):
    last = 0.0
    for i in range(n):
        for j in range(n - 1 - i):
            last = a[j]
        b[i] = 2.0 * a[i]
    return last


# loupe: n=8, a=float64[8], b=float64[8]
# expect: 4=sequential, 5=privatizable
