# Jacobi 2-D: tsteps sweeps of the 5-point averaging stencil, ping-ponging between A and B.
# Origin: PolyBench/C 4.2.1 stencils/jacobi-2d.
# Shapes: A[n, n], B[n, n]. Defaults: SMALL_DATASET.
# Each sweep reads only the other array, so the space loops are parallel; the time loop is sequential
# (sweep t + 1 reads what sweep t wrote).
import numpy as np


def kernel(tsteps, n, A, B):
    for t in range(tsteps):
        for i in range(1, n - 1):
            for j in range(1, n - 1):
                B[i, j] = 0.2 * (A[i, j] + A[i, j - 1] + A[i, j + 1] + A[i + 1, j] + A[i - 1, j])
        for i in range(1, n - 1):
            for j in range(1, n - 1):
                A[i, j] = 0.2 * (B[i, j] + B[i, j - 1] + B[i, j + 1] + B[i + 1, j] + B[i - 1, j])


# loupe: tsteps=40, n=90, A=float64[90,90], B=float64[90,90]
# expect: 10=sequential, 11=parallel, 12=parallel, 14=parallel, 15=parallel
