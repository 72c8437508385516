# Python trap (resolved exactly): u, v = v, u only exchanges which name holds which of two distinct arrays, so inside every time step v and u stay distinct and the stencil loop i is parallel.
import numpy as np


def kernel(steps, n):
    u = np.zeros(n)
    v = np.zeros(n)
    for t in range(steps):
        for i in range(1, n - 1):
            v[i] = 0.5 * (u[i - 1] + u[i + 1])
        u, v = v, u
    return u


# loupe: steps=3, n=10
# expect: 8=sequential, 9=parallel
