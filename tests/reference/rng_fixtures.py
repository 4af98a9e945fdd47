#!/usr/bin/python3
"""Fixtures for the random-number tests (tests/Scratch.ML.Tensors.Tests/Random).

An independent, deliberately plain Python implementation of Philox4x32-10 (Salmon et al., SC'11) with Python's
unbounded integers, checked first against Random123's published known-answer vectors, then used to write
counter/key/output triples for arbitrary inputs. NumPy's numpy.random.Philox is the 4x64 variant, so it cannot be
used as the oracle for 4x32 directly.

It also writes distributions.json: SciPy quantiles q_k = F^-1(k/100), k = 1..99, of every continuous
distribution the tests sample (for the max-CDF-deviation check), and SciPy's moments of the truncated normal.

Run: /usr/bin/python3 tests/reference/rng_fixtures.py
     (writes tests/reference/fixtures/random/philox.json and distributions.json)
"""
import json
import os
import random
import sys

M0, M1 = 0xD2511F53, 0xCD9E8D57
W0, W1 = 0x9E3779B9, 0xBB67AE85
MASK = 0xFFFFFFFF


def philox4x32_10(ctr, key):
    x = list(ctr)
    k = list(key)
    for r in range(10):
        if r:
            k = [(k[0] + W0) & MASK, (k[1] + W1) & MASK]
        p0 = M0 * x[0]
        p1 = M1 * x[2]
        x = [((p1 >> 32) ^ x[1] ^ k[0]) & MASK, p1 & MASK, ((p0 >> 32) ^ x[3] ^ k[1]) & MASK, p0 & MASK]
    return x


KAT = [
    ([0, 0, 0, 0], [0, 0], [0x6627E8D5, 0xE169C58D, 0xBC57AC4C, 0x9B00DBD8]),
    ([MASK] * 4, [MASK] * 2, [0x408F276D, 0x41C83B0E, 0xA20BC7C6, 0x6D5451FD]),
    ([0x243F6A88, 0x85A308D3, 0x13198A2E, 0x03707344], [0xA4093822, 0x299F31D0],
     [0xD16CFE09, 0x94FDCCEB, 0x5001E420, 0x24126EA1]),
]


def main():
    for c, k, out in KAT:
        got = philox4x32_10(c, k)
        if got != out:
            sys.exit(f"KAT mismatch for {c} {k}: {got} != {out}")
    rng = random.Random(20261122)
    cases = [{"counter": c, "key": k, "output": out} for c, k, out in KAT]
    for _ in range(40):
        c = [rng.getrandbits(32) for _ in range(4)]
        k = [rng.getrandbits(32) for _ in range(2)]
        cases.append({"counter": c, "key": k, "output": philox4x32_10(c, k)})
    doc = {
        "generator": "philox4x32-10",
        "peer": f"independent pure-Python implementation, Python {sys.version.split()[0]}",
        "tolerance": "exact (bitwise)",
        "cases": cases,
    }
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "random", "philox.json")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w") as f:
        json.dump(doc, f, indent=1)
    print(f"wrote {len(cases)} cases to {out}")
    write_distributions(os.path.dirname(out))


def write_distributions(folder):
    import numpy as np
    import scipy
    from scipy import stats
    probs = [k / 100 for k in range(1, 100)]
    dists = {
        "uniform": stats.uniform(0, 1),
        "normal": stats.norm(0, 1),
        "normal_m2_s3": stats.norm(2, 3),
        "exponential_rate2": stats.expon(scale=0.5),
        "gamma_a0.5": stats.gamma(0.5),
        "gamma_a1": stats.gamma(1.0),
        "gamma_a2.5_scale2": stats.gamma(2.5, scale=2.0),
        "gamma_a30": stats.gamma(30.0),
        "beta_2_5": stats.beta(2, 5),
        "truncnorm_-2_2": stats.truncnorm(-2, 2),
        "truncnorm_1_3": stats.truncnorm(1, 3),
        "truncnorm_3_inf": stats.truncnorm(3, np.inf),
        "truncnorm_-inf_-4": stats.truncnorm(-np.inf, -4),
        "truncnorm_-0.5_0.5": stats.truncnorm(-0.5, 0.5),
        "truncnorm_5_5.2": stats.truncnorm(5, 5.2),
    }
    out = {"peer": f"scipy {scipy.__version__}, numpy {np.__version__}", "probabilities": probs, "quantiles": {}, "moments": {}}
    for name, d in dists.items():
        out["quantiles"][name] = [float(q) for q in d.ppf(probs)]
        m, v, sk = d.stats(moments="mvs")
        out["moments"][name] = {"mean": float(m), "variance": float(v), "skewness": float(sk)}
    path = os.path.join(folder, "distributions.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
    print(f"wrote {len(dists)} distributions to {path}")


if __name__ == "__main__":
    main()
