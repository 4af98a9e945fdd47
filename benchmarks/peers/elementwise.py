#!/usr/bin/python3
"""NumPy peer for the "elementwise" group (benchmarks/Scratch.ML.Benchmarks/Elementwise/ElementwiseWorkloads.cs).

args: OP LAYOUT ROWS COLS. Inputs are float32 uniform in [-5, 5); every op writes into a preallocated output with
out= (NumPy ufuncs are single-threaded, so the thread count does not change its figure).
layouts: contiguous; transposed (input is x.T of a (COLS, ROWS) array); step2 (input is x[:, ::2] of a (ROWS, 2*COLS)
array); broadcast-row (binary ops: b has shape (COLS,)).
sigmoid is scipy.special.expit (a ufunc); gelu is the exact form 0.5*x*(1 + erf(x/sqrt 2)) with scipy.special.erf,
written with out= temporaries (what a NumPy user would write).
"""
import numpy as np
import scipy.special as sp


def run(args):
    op, layout, rows, cols = args[0], args[1], int(args[2]), int(args[3])
    rng = np.random.default_rng(42)

    def make():
        if layout == "transposed":
            return (rng.random((cols, rows), dtype=np.float32) * 10 - 5).T
        if layout == "step2":
            return (rng.random((rows, 2 * cols), dtype=np.float32) * 10 - 5)[:, ::2]
        return rng.random((rows, cols), dtype=np.float32) * 10 - 5

    a = make()
    b = (rng.random(cols, dtype=np.float32) * 10 - 5) if layout == "broadcast-row" else make()
    y = np.empty((rows, cols), dtype=np.float32)
    t = np.empty((rows, cols), dtype=np.float32)
    inv_sqrt2 = np.float32(1 / np.sqrt(2))

    if op == "add":
        return lambda: np.add(a, b, out=y)
    if op == "mul":
        return lambda: np.multiply(a, b, out=y)
    if op == "exp":
        return lambda: np.exp(a, out=y)
    if op == "tanh":
        return lambda: np.tanh(a, out=y)
    if op == "sigmoid":
        return lambda: sp.expit(a, out=y)
    if op == "relu":
        return lambda: np.maximum(a, np.float32(0), out=y)
    if op == "gelu":
        def gelu():
            np.multiply(a, inv_sqrt2, out=t)
            sp.erf(t, out=t)
            np.add(t, np.float32(1), out=t)
            np.multiply(a, np.float32(0.5), out=y)
            np.multiply(y, t, out=y)
        return gelu
    raise ValueError(op)
