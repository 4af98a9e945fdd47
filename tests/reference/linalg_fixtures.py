#!/usr/bin/python3
"""Reference values for Scratch.ML's linear algebra (tests/Scratch.ML.Tensors.Tests/LinearAlgebra/LinalgFixtureTests.cs).

Run:  /usr/bin/python3 tests/reference/linalg_fixtures.py
Writes tests/reference/fixtures/linalg/*.json with the inputs, NumPy/SciPy's outputs and the library versions.
Matrices come from numpy.random.default_rng with fixed seeds; all values are float64. Eigenvectors and singular
vectors are determined only up to sign, so the tests align signs before comparing (columns of U / V, eigh vectors).
Tolerance: Float64Decomposition (1e-10 abs + rel) — LAPACK and Scratch.ML are both backward stable on these
well-conditioned matrices of order ≤ 12, so they agree to ~1e-13.
"""
import json
import os

import numpy as np
import scipy

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "linalg")


def mat(x):
    return np.asarray(x, dtype=np.float64).tolist()


def write(name, cases):
    os.makedirs(OUT, exist_ok=True)
    doc = {"generator": "tests/reference/linalg_fixtures.py", "numpy": np.__version__, "scipy": scipy.__version__,
           "cases": cases}
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(doc, f, indent=1, allow_nan=False)


def square_cases():
    rng = np.random.default_rng(20261121)
    cases = []
    for n in [1, 2, 3, 5, 8, 12]:
        a = rng.standard_normal((n, n)) + n * 0.5 * np.eye(n)
        b = rng.standard_normal((n, 3))
        sign, logdet = np.linalg.slogdet(a)
        cases.append({"n": n, "a": mat(a), "b": mat(b), "det": float(np.linalg.det(a)),
                      "slogdet_sign": float(sign), "slogdet_log": float(logdet),
                      "inv": mat(np.linalg.inv(a)), "solve": mat(np.linalg.solve(a, b)),
                      "cond": float(np.linalg.cond(a)), "cond_1": float(np.linalg.cond(a, 1)),
                      "eigvals_real": mat(np.linalg.eigvals(a).real), "eigvals_imag": mat(np.linalg.eigvals(a).imag)})
    write("square", cases)


def norms_cases():
    rng = np.random.default_rng(7)
    cases = []
    for (m, n) in [(1, 1), (3, 3), (4, 2), (2, 5), (7, 7)]:
        a = rng.standard_normal((m, n))
        cases.append({"a": mat(a), "fro": float(np.linalg.norm(a, "fro")), "nuc": float(np.linalg.norm(a, "nuc")),
                      "one": float(np.linalg.norm(a, 1)), "minus_one": float(np.linalg.norm(a, -1)),
                      "inf": float(np.linalg.norm(a, np.inf)), "minus_inf": float(np.linalg.norm(a, -np.inf)),
                      "two": float(np.linalg.norm(a, 2)), "minus_two": float(np.linalg.norm(a, -2)),
                      "rank": int(np.linalg.matrix_rank(a)), "pinv": mat(np.linalg.pinv(a))})
    v = rng.standard_normal(9)
    vec = {"x": mat(v)}
    for p in [1, 2, 3, 0.5]:
        vec[f"p{p}"] = float(np.linalg.norm(v, p))
    vec["pinf"] = float(np.linalg.norm(v, np.inf))
    write("norms", cases)
    write("vector_norms", [vec])


def lstsq_cases():
    rng = np.random.default_rng(11)
    cases = []
    shapes = [(6, 3, False), (3, 6, False), (8, 8, False), (10, 4, True), (12, 5, False)]
    for (m, n, deficient) in shapes:
        a = rng.standard_normal((m, n))
        if deficient:
            a[:, -1] = a[:, 0] + a[:, 1]  # rank n − 1
        b = rng.standard_normal((m, 2))
        x, res, rank, s = np.linalg.lstsq(a, b, rcond=None)
        cases.append({"a": mat(a), "b": mat(b), "x": mat(x), "residuals": mat(res), "rank": int(rank), "s": mat(s),
                      "matrix_rank": int(np.linalg.matrix_rank(a)), "pinv": mat(np.linalg.pinv(a))})
    write("lstsq", cases)


def spectral_cases():
    rng = np.random.default_rng(3)
    eigh = []
    for n in [1, 2, 4, 7, 10]:
        m = rng.standard_normal((n, n))
        a = (m + m.T) / 2
        w, v = np.linalg.eigh(a)
        eigh.append({"a": mat(a), "w": mat(w), "v": mat(v)})
    write("eigh", eigh)
    svd = []
    for (m, n) in [(1, 1), (3, 3), (6, 4), (4, 6), (9, 9)]:
        a = rng.standard_normal((m, n))
        u, s, vh = np.linalg.svd(a, full_matrices=False)
        svd.append({"a": mat(a), "u": mat(u), "s": mat(s), "vh": mat(vh)})
    write("svd", svd)


if __name__ == "__main__":
    square_cases()
    norms_cases()
    lstsq_cases()
    spectral_cases()
