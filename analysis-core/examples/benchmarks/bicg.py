# BiCG: s := A^T r and q := A p, the two matrix-vector products of a BiCGStab iteration.
# Origin: PolyBench/C 4.2.1 linear-algebra/kernels/bicg.
# Shapes: A[n, m], s[m], q[n], p[m], r[n]. Defaults: PolyBench SMALL_DATASET.
# The i loop reduces into s[j] (invariant in i); the j loop reduces into q[i] (invariant in j).
import numpy as np


def kernel(m, n, A, s, q, p, r):
    for i in range(m):
        s[i] = 0.0
    for i in range(n):
        q[i] = 0.0
        for j in range(m):
            s[j] += r[i] * A[i, j]
            q[i] += A[i, j] * p[j]


# loupe: m=116, n=124, A=float64[124,116], s=float64[116], q=float64[124], p=float64[116], r=float64[124]
# expect: 9=parallel, 11=reduction, 13=reduction
