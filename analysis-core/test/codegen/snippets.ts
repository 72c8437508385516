/** Python snippets for the code-generation tests. */

/** Python's arithmetic: `//`, `%`, `**`, true division, math functions, a select, float32 and int32 elements, a negative step. */
export const SEMANTICS = `import math

import numpy as np


def kernel(a, b, c, d, e, n, s):
    for i in range(n):
        a[i] = (i - 7) // 3 + (i - 7) % 3 + (i - 4) ** 2 + abs(i - 9) + min(i, 4) + max(i // 2, 3)
        b[i] = (i - 5) / 4 + i ** 2 + s * i - (-7.5 + i) // 2 + (i - 3.25) % 1.5
        c[i] = math.sqrt(b[i] + 100.0) + math.floor(b[i] / 3) + math.exp(-b[i] / 50.0) + math.tanh(b[i] / 10.0) + np.log(b[i] + 200.0)
        d[i] = 0.5 * d[i] + 1.0 / 3.0 + np.sqrt(d[i]) - (d[i] if i % 2 == 0 else -d[i])
        e[i] = a[i] * 3 - e[i] % 5 + (i > 10 and i < 20)
    for i in range(n - 1, 0, -3):
        b[i] = b[i] * 2.0 + math.erf(c[i] / 100.0) + pow(2.0, i % 5)


# loupe: n=40, s=0.75, a=int64[40], b=float64[40], c=float64[40], d=float32[40], e=int32[40]
`;

/** Constructs the examples exercise little: each runs in the emulation against CPython. */
export const SNIPPETS: Readonly<Record<string, string>> = {
  // A privatized scalar read after its loop: the thread of the last iteration publishes it.
  liveOut: `def kernel(a, b, out, n):
    for i in range(n):
        t = a[i] * 2.0
        b[i] = t + 1.0
    out[0] = t


# loupe: n=37, a=float64[37], b=float64[37], out=float64[1]
`,
  // A reduction into one array element (block reduction, two blocks), a min, a product, then a serial statement.
  elementMinProduct: `def kernel(a, x, n):
    for i in range(n):
        x[0] += a[i]
    m = a[0]
    for i in range(n):
        m = min(m, a[i])
    p = 1.0
    for i in range(n):
        p *= 1.0 + a[i] / 100.0
    x[1] = m + p


# loupe: n=300, a=float64[300], x=float64[2]
`,
  // A 2-D reduction: both loops are reductions on s, so both become grid loops.
  reduction2d: `def kernel(a, n, m):
    s = 0.0
    for i in range(n):
        for j in range(m):
            s += a[i, j] * a[i, j]
    return s


# loupe: n=20, m=30, a=float64[20,30]
`,
  // Integer xor (compare-and-swap atomic) and a float32 sum.
  xorFloat32: `def kernel(v, w, n):
    h = 0
    for i in range(n):
        h ^= v[i]
    s = 0.0
    for i in range(n):
        s += w[i]
    return h, s


# loupe: n=100, v=int64[100], w=float32[100]
`,
  // An if/else inside a parallel loop.
  branches: `def kernel(a, b, n):
    for i in range(n):
        if a[i] > 1.0:
            b[i] = a[i] - 1.0
        else:
            b[i] = a[i] + 1.0


# loupe: n=50, a=float64[50], b=float64[50]
`,
};
