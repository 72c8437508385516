/** The snippet shown on first load: one loop with a carried dependence, and two 2-D nests. */
export const DEFAULT_SOURCE = `# Loupe lists every loop below. Edit freely.


def prefix_sum(a, b, n):
    # Each iteration reads what the previous one wrote.
    for i in range(1, n):
        a[i] = a[i - 1] + b[i]


def scale(c, k, n, m):
    # Every (i, j) writes its own element.
    for i in range(n):
        for j in range(m):
            c[i, j] = k * c[i, j]


def smooth(u, v, n, m):
    for i in range(1, n - 1):
        for j in range(0, m, 2):
            v[i, j] = (u[i - 1, j] + u[i, j] + u[i + 1, j]) / 3
`;
