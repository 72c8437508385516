# MVT: x1 := x1 + A y1 and x2 := x2 + A^T y2, a matrix-vector and a transposed matrix-vector product.
# Origin: PolyBench/C 4.2.1 linear-algebra/kernels/mvt.
# Shapes: A[n, n], x1[n], x2[n], y_1[n], y_2[n]. Defaults: PolyBench SMALL_DATASET.
import numpy as np


def kernel(n, x1, x2, y_1, y_2, A):
    for i in range(n):
        for j in range(n):
            x1[i] += A[i, j] * y_1[j]
    for i in range(n):
        for j in range(n):
            x2[i] += A[j, i] * y_2[j]


# loupe: n=120, x1=float64[120], x2=float64[120], y_1=float64[120], y_2=float64[120], A=float64[120,120]
# expect: 8=parallel, 9=reduction, 11=parallel, 12=reduction
