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


def _best_of(fn, seconds):
    """Best wall time and best CPU time (process_time: all threads) of one call, repeating for `seconds`."""
    import time
    fn()
    best_wall = best_cpu = float("inf")
    start = time.perf_counter()
    runs = 0
    while runs < 5 or time.perf_counter() - start < seconds:
        w0, c0 = time.perf_counter(), time.process_time()
        fn()
        best_cpu = min(best_cpu, time.process_time() - c0)
        best_wall = min(best_wall, time.perf_counter() - w0)
        runs += 1
    return best_wall, best_cpu


if __name__ == "__main__":
    # Used by the GEMM lab (benchmarks/GemmLab, `peer` mode) on a loaded machine: prints "best_wall best_cpu" seconds.
    # Usage: gemm.py DTYPE N SECONDS   (threads via OPENBLAS_NUM_THREADS)
    import sys
    wall, cpu = _best_of(run(sys.argv[1:3]), float(sys.argv[3]))
    print(f"{wall:.9f} {cpu:.9f}")
