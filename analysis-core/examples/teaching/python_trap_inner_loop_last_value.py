# Python trap: last is written only inside the triangular loop j, which does not run when i = 0, so loop i's last iteration need not be the one that set it: not privatizable in i (it is in j, whose every iteration writes it).
def kernel(a, b, n):
    last = 0.0
    for i in range(n):
        for j in range(i):
            last = a[j]
        b[i] = 2.0 * a[i]
    return last


# loupe: n=8, a=float64[8], b=float64[8]
# expect: 4=sequential, 5=privatizable
