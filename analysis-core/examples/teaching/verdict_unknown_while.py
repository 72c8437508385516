# Verdict unknown: a while loop inside the for loop, with subscripts in a scalar it counts down, cannot be analysed.
def kernel(a, n):
    for i in range(n):
        j = i
        while j > 0:
            a[j] = a[j - 1] * 0.5
            j -= 1


# loupe: n=8, a=float64[8]
# expect: 3=unknown
