# Python trap: b = a if flag else c makes b either array, so b[i] = a[i + 1] may write the element the next iteration reads.
import numpy as np


def kernel(a, flag, n):
    c = np.zeros(n)
    b = a if flag else c
    for i in range(n - 1):
        b[i] = a[i + 1]


# loupe: n=8, flag=1, a=float64[8]
# expect: 8=unknown
# expect-executed: 8=sequential
