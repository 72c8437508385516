# Covariance: cov := the sample covariance matrix of the m columns of data (n observations each).
# Origin: PolyBench/C 4.2.1 datamining/covariance.
# Shapes: data[n, m] (centred in place), cov[m, m], mean[m]; float_n = float(n). Defaults: SMALL_DATASET.
# The last nest fills the upper triangle and mirrors it: cov[i, j] (j >= i) and cov[j, i] meet only on
# the diagonal, inside one iteration, so i and j stay parallel.
import numpy as np


def kernel(m, n, float_n, data, cov, mean):
    for j in range(m):
        mean[j] = 0.0
        for i in range(n):
            mean[j] += data[i, j]
        mean[j] /= float_n
    for i in range(n):
        for j in range(m):
            data[i, j] -= mean[j]
    for i in range(m):
        for j in range(i, m):
            cov[i, j] = 0.0
            for k in range(n):
                cov[i, j] += data[k, i] * data[k, j]
            cov[i, j] /= float_n - 1.0
            cov[j, i] = cov[i, j]


# loupe: m=80, n=100, float_n=100.0, data=float64[100,80], cov=float64[80,80], mean=float64[80]
# expect: 10=parallel, 12=reduction, 15=parallel, 16=parallel, 18=parallel, 19=parallel, 21=reduction
