# Strong SIV: a[2*i] vs a[2*i + 1] gives distance 1/2, not an integer, so the even writes never meet the odd reads: parallel.
def kernel(a, n):
    for i in range(n):
        a[2 * i] = a[2 * i + 1] * 0.5


# loupe: n=8, a=float64[16]
# expect: 3=parallel
