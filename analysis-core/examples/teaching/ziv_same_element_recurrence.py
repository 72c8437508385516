# ZIV: c[2] vs c[2] is the same element in every iteration; c[2] = 0.5 * c[2] + b[i] is a recurrence, not a reduction: sequential.
def kernel(b, c, n):
    for i in range(n):
        c[2] = c[2] * 0.5 + b[i]


# loupe: n=8, b=float64[8], c=float64[4]
# expect: 3=sequential
