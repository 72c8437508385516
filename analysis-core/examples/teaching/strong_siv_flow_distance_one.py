# Strong SIV: a[i] vs a[i - 1] has distance 1 (iteration i reads what i - 1 wrote): a flow dependence, sequential.
def kernel(a, b, n):
    for i in range(1, n):
        a[i] = a[i - 1] + b[i]


# loupe: n=8, a=float64[8], b=float64[8]
# expect: 3=sequential
