# Python trap: b = helper(a) may return a itself (or a view of it), so b[i] = a[i + 1] may write the element the next iteration reads; here it does.
def helper(x):
    return x


def kernel(a, n):
    b = helper(a)
    for i in range(n - 1):
        b[i] = a[i + 1]


# loupe: n=8, a=float64[8]
# expect: 8=unknown
# expect-executed: 8=sequential
