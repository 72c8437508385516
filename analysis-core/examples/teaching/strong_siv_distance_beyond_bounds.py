# Strong SIV: a[i + 10] vs a[i] has distance 10, more than the 9 iterations the loop spans, so no dependence: parallel.
def kernel(a):
    for i in range(10):
        a[i + 10] = a[i] * 0.5


# loupe: a=float64[20]
# expect: 3=parallel
