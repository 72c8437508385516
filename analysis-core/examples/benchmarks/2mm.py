# 2MM: D := alpha * A * B * C + beta * D, two chained matrix-matrix products through a temporary.
# Origin: PolyBench/C 4.2.1 linear-algebra/kernels/2mm.
# Shapes: A[ni, nk], B[nk, nj], tmp[ni, nj], C[nj, nl], D[ni, nl]; scalars alpha, beta.
# Defaults: PolyBench SMALL_DATASET.
import numpy as np


def kernel(ni, nj, nk, nl, alpha, beta, tmp, A, B, C, D):
    for i in range(ni):
        for j in range(nj):
            tmp[i, j] = 0.0
            for k in range(nk):
                tmp[i, j] += alpha * A[i, k] * B[k, j]
    for i in range(ni):
        for j in range(nl):
            D[i, j] *= beta
            for k in range(nj):
                D[i, j] += tmp[i, k] * C[k, j]


# loupe: ni=40, nj=50, nk=70, nl=80, alpha=1.5, beta=1.2, tmp=float64[40,50], A=float64[40,70], B=float64[70,50], C=float64[50,80], D=float64[40,80]
# expect: 9=parallel, 10=parallel, 12=reduction, 14=parallel, 15=parallel, 17=reduction
