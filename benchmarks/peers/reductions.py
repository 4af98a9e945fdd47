#!/usr/bin/python3
"""NumPy peers of the reduction workloads (benchmarks/Scratch.ML.Benchmarks/Reductions/ReductionPeers.cs).

Same sizes as ours: 16 Mi float32 uniform [0, 1), and a 4096x4096 float32 matrix. Softmax is the stable NumPy idiom
(subtract the row max, exp, divide by the row sum), as scipy.special.softmax does.
"""
import numpy as np


def _softmax(m, axis):
    e = np.exp(m - m.max(axis=axis, keepdims=True))
    e /= e.sum(axis=axis, keepdims=True)
    return e


def run(args):
    kind = args[0]
    rng = np.random.default_rng(0)
    if "16M" in kind:
        x = rng.random(1 << 24, dtype=np.float32)
    else:
        m = rng.random((4096, 4096), dtype=np.float32)
    table = {
        "sum 16M": lambda: x.sum(),
        "max 16M": lambda: x.max(),
        "mean 16M": lambda: x.mean(),
        "var 16M": lambda: x.var(),
        "sum axis0 4096^2": lambda: m.sum(axis=0),
        "sum axis1 4096^2": lambda: m.sum(axis=1),
        "sum axis1 of T 4096^2": lambda: m.T.sum(axis=1),
        "sum all of T 4096^2": lambda: m.T.sum(),
        "softmax rows 4096^2": lambda: _softmax(m, 1),
        "var axis1 4096^2": lambda: m.var(axis=1),
        "var axis0 4096^2": lambda: m.var(axis=0),
        "argmax axis0 4096^2": lambda: m.argmax(axis=0),
        "cumsum axis1 4096^2": lambda: np.cumsum(m, axis=1),
        "cumsum axis0 4096^2": lambda: np.cumsum(m, axis=0),
        "softmax axis0 4096^2": lambda: _softmax(m, 0),
    }
    return table[kind]
