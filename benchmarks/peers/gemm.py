#!/usr/bin/python3
"""GEMM peer: NumPy (OpenBLAS) float32/float64 matmul into a preallocated output.

Args: DTYPE N   (DTYPE is float32 or float64). Returns a callable computing C = A @ B with out=C.
"""
import numpy as np


def run(args):
    dtype, n = args[0], int(args[1])
    rng = np.random.default_rng(1)
    a = rng.random((n, n)).astype(dtype)
    b = rng.random((n, n)).astype(dtype)
    c = np.empty((n, n), dtype=dtype)

    def step():
        np.matmul(a, b, out=c)

    return step
