# Python trap: this file defines its own max, which also counts its calls in a global list, so m = max(m, a[i]) is not the builtin max reduction.
calls = [0]


def max(x, y):
    calls[0] = calls[0] + 1
    return x if x > y else y


def kernel(a, n):
    m = a[0]
    for i in range(n):
        m = max(m, a[i])
    return m


# loupe: n=8, a=float64[8]
# expect: 12=sequential
