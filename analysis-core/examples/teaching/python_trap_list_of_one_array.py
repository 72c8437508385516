# Python trap: pair = [a, a] holds the same array twice, so pair[0][i] and pair[1][i + 1] are elements of one array, and iteration i + 1 overwrites what iteration i read.
import numpy as np

a = np.zeros(9)
pair = [a, a]
for i in range(8):
    pair[0][i] = pair[1][i + 1] + 1.0


# loupe: a=float64[9]
# expect: 6=unknown
# expect-executed: 6=sequential
