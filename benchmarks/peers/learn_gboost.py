#!/usr/bin/python3
"""scikit-learn 1.2 GradientBoostingClassifier (defaults: log-loss, 100 stages, depth 3, learning rate 0.1) peer.

Workload: make_classification(30 000 x 50) — rows 0..20 000 train, the last 10 000 held out. As a peer module
(benchmarks/peers/peer.py learn_gboost THREADS gb_fit) it fits the rows the C# side wrote to $TMPDIR/scratchml-peers
(gboost_x.npy / gboost_y.npy, from benchmarks/Scratch.ML.Benchmarks/Learn/GradientBoostingWorkloads.cs) and prints the
held-out accuracy as a '#' line. Run directly (/usr/bin/python3 benchmarks/peers/learn_gboost.py) it uses
sklearn's make_classification(30000, 50, random_state=0), times one fit (GradientBoosting has no n_jobs: one core)
and prints the time and the held-out accuracy.
"""
import os
import sys
import tempfile
import time

import numpy as np

DIR = os.path.join(tempfile.gettempdir(), "scratchml-peers")
TRAIN, TEST = 20_000, 10_000


def _data(ours):
    if ours:
        return np.load(os.path.join(DIR, "gboost_x.npy")), np.load(os.path.join(DIR, "gboost_y.npy"))
    from sklearn.datasets import make_classification
    return make_classification(n_samples=TRAIN + TEST, n_features=50, random_state=0)


def run(args, ours=True):
    from sklearn.ensemble import GradientBoostingClassifier
    x, y = _data(ours)
    xtr, ytr, xte, yte = x[:TRAIN], y[:TRAIN], x[-TEST:], y[-TEST:]
    if args[0] == "gb_fit":
        print(f"# held-out accuracy {GradientBoostingClassifier(random_state=0).fit(xtr, ytr).score(xte, yte):.4f}")
        return lambda: GradientBoostingClassifier(random_state=0).fit(xtr, ytr)
    if args[0] == "gb_predict":
        m = GradientBoostingClassifier(random_state=0).fit(xtr, ytr)
        return lambda: m.predict_proba(xte)
    raise ValueError(f"unknown learn_gboost workload {args[0]}")


if __name__ == "__main__":
    from sklearn.ensemble import GradientBoostingClassifier
    x, y = _data("--ours" in sys.argv)
    xtr, ytr, xte, yte = x[:TRAIN], y[:TRAIN], x[-TEST:], y[-TEST:]
    t = time.perf_counter()
    m = GradientBoostingClassifier(random_state=0).fit(xtr, ytr)
    fit = time.perf_counter() - t
    t = time.perf_counter()
    m.predict_proba(xte)
    pred = time.perf_counter() - t
    print(f"sklearn {__import__('sklearn').__version__} GradientBoostingClassifier fit 20k x 50: {fit:.2f} s, "
          f"predict_proba 10k: {pred * 1e3:.1f} ms, held-out accuracy {m.score(xte, yte):.4f}")
