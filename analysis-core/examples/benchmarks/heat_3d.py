# Heat 3-D: tsteps explicit steps of the 3-D heat equation (7-point stencil), ping-ponging A and B.
# Origin: PolyBench/C 4.2.1 stencils/heat-3d.
# Shapes: A[n, n, n], B[n, n, n]. Defaults: SMALL_DATASET.
import numpy as np


def kernel(tsteps, n, A, B):
    for t in range(1, tsteps + 1):
        for i in range(1, n - 1):
            for j in range(1, n - 1):
                for k in range(1, n - 1):
                    B[i, j, k] = (
                        0.125 * (A[i + 1, j, k] - 2.0 * A[i, j, k] + A[i - 1, j, k])
                        + 0.125 * (A[i, j + 1, k] - 2.0 * A[i, j, k] + A[i, j - 1, k])
                        + 0.125 * (A[i, j, k + 1] - 2.0 * A[i, j, k] + A[i, j, k - 1])
                        + A[i, j, k]
                    )
        for i in range(1, n - 1):
            for j in range(1, n - 1):
                for k in range(1, n - 1):
                    A[i, j, k] = (
                        0.125 * (B[i + 1, j, k] - 2.0 * B[i, j, k] + B[i - 1, j, k])
                        + 0.125 * (B[i, j + 1, k] - 2.0 * B[i, j, k] + B[i, j - 1, k])
                        + 0.125 * (B[i, j, k + 1] - 2.0 * B[i, j, k] + B[i, j, k - 1])
                        + B[i, j, k]
                    )


# loupe: tsteps=40, n=20, A=float64[20,20,20], B=float64[20,20,20]
# expect: 8=sequential, 9=parallel, 10=parallel, 11=parallel, 18=parallel, 19=parallel, 20=parallel
