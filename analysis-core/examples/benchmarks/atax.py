# ATAX: y := A^T (A x), a matrix transpose times a matrix-vector product.
# Origin: PolyBench/C 4.2.1 linear-algebra/kernels/atax.
# Shapes: A[m, n], x[n], y[n], tmp[m]. Defaults: PolyBench SMALL_DATASET.
# The i loop accumulates into y[j] for every i: an array reduction (y[j] does not depend on i).
import numpy as np


def kernel(m, n, A, x, y, tmp):
    for i in range(n):
        y[i] = 0.0
    for i in range(m):
        tmp[i] = 0.0
        for j in range(n):
            tmp[i] += A[i, j] * x[j]
        for j in range(n):
            y[j] += A[i, j] * tmp[i]


# loupe: m=116, n=124, A=float64[116,124], x=float64[124], y=float64[124], tmp=float64[116]
# expect: 9=parallel, 11=reduction, 13=reduction, 15=parallel
