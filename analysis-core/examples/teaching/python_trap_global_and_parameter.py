# Python trap: kernel reads the module's array g and writes its parameter a, and the caller passes g itself, so a[i] = g[i + 1] is a shifted copy within one array.
import numpy as np

g = np.zeros(9)


def kernel(a, n):
    for i in range(n - 1):
        a[i] = g[i + 1] + 1.0


kernel(g, 9)


# loupe: n=9, a=float64[9]
# expect: 8=unknown
