#!/usr/bin/python3
"""Fits the polynomial coefficients of Scratch.ML's vectorised erf/erfc (src/Scratch.ML.Tensors/Ops/Elementwise/ErfKernel.cs).

Run: /usr/bin/python3 tests/reference/erf_coefficients.py
Method: mpmath.chebyfit (Chebyshev interpolation at 60 digits, converted to monomial form) on four ranges:
  |x| < 1         erf(x)  = x * P(x^2)              P(u) = erf(sqrt u)/sqrt u on u in [0, 1]
  1 <= x < 2      erfc(x) = exp(-x^2) * R1(x - 1.5)  R(x) = erfcx(x) = exp(x^2) erfc(x)
  2 <= x < 3      erfc(x) = exp(-x^2) * R2(x - 2.5)
  3 <= x < 4      erfc(x) = exp(-x^2) * R3(x - 3.5)
  4 <= x          erfc(x) = exp(-x^2) / x * T(1/x^2)  T(t) = x erfcx(x) on t = 1/x^2 in (0, 1/16]
Prints the degree, the max relative fit error (in double-ulp units) and the coefficients (lowest first).
"""
import mpmath as mp

mp.mp.dps = 60


def fit(f, a, b, deg):
    poly, err = mp.chebyfit(f, [a, b], deg + 1, error=True)
    coeffs = list(reversed(poly))  # lowest first
    worst = mp.mpf(0)
    for i in range(401):
        t = a + (b - a) * i / 400
        p = mp.polyval(poly, t)
        v = f(t)
        if v != 0:
            worst = max(worst, abs(p - v) / abs(v))
    return coeffs, worst


def erfcx(x):
    return mp.exp(x * x) * mp.erfc(x)


ranges = {
    "Small": (lambda u: mp.erf(mp.sqrt(u)) / mp.sqrt(u) if u > 0 else 2 / mp.sqrt(mp.pi), 0, 1),
    "Mid1": (lambda t: erfcx(t + mp.mpf(1.5)), -0.5, 0.5),
    "Mid2": (lambda t: erfcx(t + mp.mpf(2.5)), -0.5, 0.5),
    "Mid3": (lambda t: erfcx(t + mp.mpf(3.5)), -0.5, 0.5),
    "Tail": (lambda t: (1 / mp.sqrt(t)) * erfcx(1 / mp.sqrt(t)) if t > 0 else 1 / mp.sqrt(mp.pi), 0, mp.mpf(1) / 16),
}

if __name__ == "__main__":
    for name, (f, a, b) in ranges.items():
        for deg in range(8, 40):
            c, worst = fit(f, a, b, deg)
            if worst < mp.mpf(2) ** -55:
                break
        print(f"// {name}: degree {deg}, max relative fit error {float(worst):.2e} ({float(worst / mp.mpf(2) ** -53):.3f} ulp)")
        print(f"private static ReadOnlySpan<double> {name} => [" + ", ".join(mp.nstr(x, 20, min_fixed=-2, max_fixed=2) if False else repr(float(x)) for x in c) + "];")
