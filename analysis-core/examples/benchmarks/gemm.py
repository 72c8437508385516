# GEMM: C := alpha * A * B + beta * C, a general dense matrix-matrix product.
# Origin: PolyBench/C 4.2.1 linear-algebra/blas/gemm (i-j-k loop order as in PolyBench 3.2; 4.2.1 hoists
# k above j, which changes no verdict).
# Shapes: A[ni, nk], B[nk, nj], C[ni, nj]; scalars alpha, beta. Defaults: PolyBench SMALL_DATASET.
import numpy as np


def kernel(ni, nj, nk, alpha, beta, A, B, C):
    for i in range(ni):
        for j in range(nj):
            C[i, j] *= beta
            for k in range(nk):
                C[i, j] += alpha * A[i, k] * B[k, j]


# loupe: ni=60, nj=70, nk=80, alpha=1.5, beta=1.2, A=float64[60,80], B=float64[80,70], C=float64[60,70]
# expect: 9=parallel, 10=parallel, 12=reduction
