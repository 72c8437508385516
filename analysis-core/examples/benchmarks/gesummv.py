# GESUMMV: y := alpha * A x + beta * B x, a sum of two scaled matrix-vector products.
# Origin: PolyBench/C 4.2.1 linear-algebra/blas/gesummv.
# Shapes: A[n, n], B[n, n], tmp[n], x[n], y[n]; scalars alpha, beta. Defaults: PolyBench SMALL_DATASET.
import numpy as np


def kernel(n, alpha, beta, A, B, tmp, x, y):
    for i in range(n):
        tmp[i] = 0.0
        y[i] = 0.0
        for j in range(n):
            tmp[i] += A[i, j] * x[j]
            y[i] += B[i, j] * x[j]
        y[i] = alpha * tmp[i] + beta * y[i]


# loupe: n=90, alpha=1.5, beta=1.2, A=float64[90,90], B=float64[90,90], tmp=float64[90], x=float64[90], y=float64[90]
# expect: 8=parallel, 11=reduction
