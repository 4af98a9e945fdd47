#!/usr/bin/python3
"""NumPy peers of the copying/indexing workloads (see benchmarks/Scratch.ML.Benchmarks/Copying/CopyPeerWorkloads.cs).

Each returns a callable doing one run on inputs prepared here, mirroring the C# side: float32, row-major, fresh output
per run (NumPy allocates, as Clone/Contiguous/Concat/Gather do).
"""
import numpy as np


def run(args):
    kind = args[0]
    rng = np.random.default_rng(1)
    if kind in ("gather", "index_select"):
        x = np.arange(4096 * 1024, dtype=np.float32).reshape(4096, 1024)
    else:
        x = np.arange(4096 * 4096, dtype=np.float32).reshape(4096, 4096)
    if kind == "copy":
        return lambda: x.copy()
    if kind == "transpose":
        return lambda: np.ascontiguousarray(x.T)
    if kind == "concat0":
        blocks = [np.full((512, 4096), i, dtype=np.float32) for i in range(8)]
        return lambda: np.concatenate(blocks, axis=0)
    if kind == "concat1":
        blocks = [np.full((4096, 512), i, dtype=np.float32) for i in range(8)]
        return lambda: np.concatenate(blocks, axis=1)
    if kind == "gather":
        idx = rng.integers(0, 1024, size=(4096, 256), dtype=np.int64)
        return lambda: np.take_along_axis(x, idx, axis=1)
    if kind == "index_select":
        idx = rng.integers(0, 4096, size=2048, dtype=np.int64)
        return lambda: np.take(x, idx, axis=0)
    raise ValueError(f"unknown workload {kind}")
