#!/usr/bin/python3
"""Peer for group "rng" (not "random": peer.py puts this folder first on sys.path, and a module named random.py would shadow the standard library's random, which NumPy imports): NumPy's Generator(Philox) filling a preallocated float32 buffer.

args: KIND N   (KIND = uniform | normal). NumPy's bit generators are single-threaded, so 1T and 2T are the same run.
"""
import numpy as np


def run(args):
    kind, n = args[0], int(args[1])
    g = np.random.Generator(np.random.Philox(42))
    out = np.empty(n, dtype=np.float32)
    if kind == "uniform":
        return lambda: g.random(dtype=np.float32, out=out)
    if kind == "normal":
        return lambda: g.standard_normal(dtype=np.float32, out=out)
    raise ValueError(f"unknown kind {kind}")
