#!/usr/bin/python3
"""Peer side of the "linalg" group: SciPy/LAPACK (OpenBLAS) decompositions of an n × n float64 matrix.

Called by benchmarks/peers/peer.py as run([op, n]); op is one of lu, cholesky, qr, eigh, svd, inv, solve. Inputs match
the C# side (LinalgPeerWorkloads.cs) in kind: a random matrix, made symmetric positive definite for cholesky and
symmetric for eigh; solve uses n right-hand sides.
"""
import numpy as np
import scipy.linalg as sl


def run(args):
    op, n = args[0], int(args[1])
    rng = np.random.default_rng(0)
    a = rng.standard_normal((n, n))
    if op == "cholesky":
        a = a @ a.T + n * np.eye(n)
    elif op == "eigh":
        a = (a + a.T) / 2
    b = rng.standard_normal((n, n))
    ops = {
        "lu": lambda: sl.lu_factor(a, check_finite=False),
        "cholesky": lambda: sl.cholesky(a, lower=True, check_finite=False),
        "qr": lambda: sl.qr(a, mode="economic", check_finite=False),
        "eigh": lambda: sl.eigh(a, check_finite=False),
        "svd": lambda: sl.svd(a, full_matrices=False, check_finite=False),
        "inv": lambda: sl.inv(a, check_finite=False),
        "solve": lambda: sl.solve(a, b, check_finite=False),
    }
    return ops[op]
