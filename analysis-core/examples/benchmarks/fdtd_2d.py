# FDTD 2-D: tmax steps of the 2-D finite-difference time-domain update of the fields ex, ey and hz.
# Origin: PolyBench/C 4.2.1 stencils/fdtd-2d.
# Shapes: ex[nx, ny], ey[nx, ny], hz[nx, ny], fict[tmax] (the source term). Defaults: SMALL_DATASET.
import numpy as np


def kernel(tmax, nx, ny, ex, ey, hz, fict):
    for t in range(tmax):
        for j in range(ny):
            ey[0, j] = fict[t]
        for i in range(1, nx):
            for j in range(ny):
                ey[i, j] = ey[i, j] - 0.5 * (hz[i, j] - hz[i - 1, j])
        for i in range(nx):
            for j in range(1, ny):
                ex[i, j] = ex[i, j] - 0.5 * (hz[i, j] - hz[i, j - 1])
        for i in range(nx - 1):
            for j in range(ny - 1):
                hz[i, j] = hz[i, j] - 0.7 * (ex[i, j + 1] - ex[i, j] + ey[i + 1, j] - ey[i, j])


# loupe: tmax=40, nx=60, ny=80, ex=float64[60,80], ey=float64[60,80], hz=float64[60,80], fict=float64[40]
# expect: 8=sequential, 9=parallel, 11=parallel, 12=parallel, 14=parallel, 15=parallel, 17=parallel, 18=parallel
