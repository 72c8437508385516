# Verdict reduction: s += a[i] carries a dependence only through s, an associative sum (top-level code).
s = 0.0
for i in range(n):
    s += a[i]


# loupe: n=16, a=float64[16]
# expect: 3=reduction
