# Black-Scholes: prices a European call and put for each of n options (independent per option).
# Origin: the Black-Scholes-Merton closed form (the NVIDIA CUDA Samples BlackScholes kernel prices options
# the same way, with a polynomial CND); here cnd(d) = 0.5 * (1 + erf(d / sqrt(2))) is written inline,
# because a call to a user-defined helper would make the loop unknown.
# Shapes: S[n] (spot), K[n] (strike), T[n] (years to expiry), call[n], put[n]; scalars r (riskless
# rate) and v (volatility). The per-option temporaries are privatizable scalars.
import math

import numpy as np


def kernel(n, r, v, S, K, T, call, put):
    for i in range(n):
        sqrt_t = math.sqrt(T[i])
        d1 = (math.log(S[i] / K[i]) + (r + 0.5 * v * v) * T[i]) / (v * sqrt_t)
        d2 = d1 - v * sqrt_t
        cnd_d1 = 0.5 * (1.0 + math.erf(d1 / math.sqrt(2.0)))
        cnd_d2 = 0.5 * (1.0 + math.erf(d2 / math.sqrt(2.0)))
        exp_rt = math.exp(-r * T[i])
        call[i] = S[i] * cnd_d1 - K[i] * exp_rt * cnd_d2
        put[i] = K[i] * exp_rt * (1.0 - cnd_d2) - S[i] * (1.0 - cnd_d1)


# loupe: n=4096, r=0.02, v=0.3, S=float64[4096], K=float64[4096], T=float64[4096], call=float64[4096], put=float64[4096]
# expect: 13=privatizable
