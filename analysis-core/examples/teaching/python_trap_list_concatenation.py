# Python trap: t += [a[i]] on a list concatenates in iteration order, and s = s + 'x' on a string too: + is a reduction only on numbers.
def kernel(a, n):
    t = []
    s = ''
    for i in range(n):
        t += [a[i]]
        s = s + 'x'
    return t, s


# loupe: n=8, a=float64[8]
# expect: 5=sequential
