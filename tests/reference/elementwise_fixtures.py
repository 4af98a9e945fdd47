#!/usr/bin/python3
"""Writes tests/reference/fixtures/elementwise/erf.json: erf, erfc, exact GELU and tanh-GELU at 60-digit precision
(mpmath), rounded to double, on a grid that covers every piece of ErfKernel and its boundaries, plus the values
SciPy 1.10 returns for erf/erfc (recorded for comparison; the expected values are mpmath's).

Run: /usr/bin/python3 tests/reference/elementwise_fixtures.py
Tolerance used by the tests: erf/gelu within 4 ulp (relative 1e-15), erfc within 8 ulp relative down to 1e-300.
"""
import json
import os

import mpmath as mp
import numpy as np
import scipy
import scipy.special as sp

mp.mp.dps = 60

xs = set()
for v in np.linspace(-6, 6, 1201):
    xs.add(float(v))
for v in np.linspace(-30, 30, 241):
    xs.add(float(v))
for b in [1.0, 2.0, 3.0, 4.0, 6.0, 26.5, 27.0, 27.3, 28.0]:
    for s in (1, -1):
        xs.add(s * b)
        xs.add(s * float(np.nextafter(b, 0)))
        xs.add(s * float(np.nextafter(b, 100)))
for e in range(-320, 1, 7):
    xs.add(10.0 ** e)
    xs.add(-(10.0 ** e))
xs.add(5e-324)
xs = sorted(xs)


def rd(v):
    return float(v)


def gelu(x):
    x = mp.mpf(x)
    return x * mp.erfc(-x / mp.sqrt(2)) / 2


def gelu_tanh(x):
    x = mp.mpf(x)
    u = mp.sqrt(2 / mp.pi) * (x + mp.mpf("0.044715") * x ** 3)
    return x / (1 + mp.exp(-2 * u))


rows = []
for x in xs:
    X = mp.mpf(x)
    rows.append({
        "x": x,
        "erf": rd(mp.erf(X)),
        "erfc": rd(mp.erfc(X)),
        "gelu": rd(gelu(x)),
        "gelu_tanh": rd(gelu_tanh(x)),
        "scipy_erf": float(sp.erf(x)),
        "scipy_erfc": float(sp.erfc(x)),
    })

out = {
    "peer": f"mpmath {mp.__version__} (60 digits); scipy {scipy.__version__}; numpy {np.__version__}",
    "tolerance": "erf, gelu, gelu_tanh: relative 1e-15 + absolute 1e-300; erfc: relative 2e-15",
    "rows": rows,
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "elementwise", "erf.json")
with open(path, "w") as f:
    json.dump(out, f, indent=0)
print(path, len(rows))
