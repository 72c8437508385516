# Correlation: corr := the Pearson correlation matrix of the m columns of data (n observations each).
# Origin: PolyBench/C 4.2.1 datamining/correlation (mean, standard deviation with the eps guard,
# normalisation by sqrt(n) * stddev, then the symmetric product).
# Shapes: data[n, m] (normalised in place), corr[m, m], mean[m], stddev[m]; float_n = float(n), eps = 0.1.
# Defaults: SMALL_DATASET.
import math

import numpy as np


def kernel(m, n, float_n, eps, data, corr, mean, stddev):
    for j in range(m):
        mean[j] = 0.0
        for i in range(n):
            mean[j] += data[i, j]
        mean[j] /= float_n
    for j in range(m):
        stddev[j] = 0.0
        for i in range(n):
            stddev[j] += (data[i, j] - mean[j]) * (data[i, j] - mean[j])
        stddev[j] /= float_n
        stddev[j] = math.sqrt(stddev[j])
        stddev[j] = 1.0 if stddev[j] <= eps else stddev[j]
    for i in range(n):
        for j in range(m):
            data[i, j] -= mean[j]
            data[i, j] /= math.sqrt(float_n) * stddev[j]
    for i in range(m - 1):
        corr[i, i] = 1.0
        for j in range(i + 1, m):
            corr[i, j] = 0.0
            for k in range(n):
                corr[i, j] += data[k, i] * data[k, j]
            corr[j, i] = corr[i, j]
    corr[m - 1, m - 1] = 1.0


# loupe: m=80, n=100, float_n=100.0, eps=0.1, data=float64[100,80], corr=float64[80,80], mean=float64[80], stddev=float64[80]
# expect: 12=parallel, 14=reduction, 17=parallel, 19=reduction, 24=parallel, 25=parallel, 28=parallel, 30=parallel, 32=reduction
