# Python trap: pos is written only when x[i] > t, so the last iteration need not write it; the pos read after the loop is the last write that happened, which parallel iterations cannot know: not privatizable.
def kernel(x, t, n):
    pos = -1
    for i in range(n):
        if x[i] > t:
            pos = i
    return pos


# loupe: n=8, t=1.0, x=float64[8]
# expect: 4=unknown
# expect-executed: 4=sequential
