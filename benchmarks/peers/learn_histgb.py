#!/usr/bin/python3
"""HistGradientBoosting peer: scikit-learn 1.2 HistGradientBoostingClassifier fit, defaults (early stopping 'auto' -> on).

Workload (issue 5): make_classification(n_samples=110000, n_features=50, random_state=0); the first 100,000 rows train,
the last 10,000 are held out. sklearn's OpenMP uses OMP_NUM_THREADS threads (2 for the issue's comparison).

Standalone: OMP_NUM_THREADS=2 /usr/bin/python3 benchmarks/peers/learn_histgb.py [REPEATS] [--dump DIR]
  prints the best wall and CPU time of fit, n_iter_ and the held-out accuracy; --dump writes x.f64 / y.i32 (raw
  little-endian, row-major) so our side can fit the very same rows.
Peer runner: run(["histgb_fit", N]) times fit, run(["histgb_predict", N]) predict_proba on the 10,000 held-out rows, on the C#-written classification_x.npy / classification_y.npy (same rows as ours).
"""
import os
import sys
import tempfile
import time

import numpy as np

TEST = 10_000


def run(args):
    from sklearn.ensemble import HistGradientBoostingClassifier
    d = os.path.join(tempfile.gettempdir(), "scratchml-peers")
    x = np.load(os.path.join(d, "classification_x.npy"))
    y = np.load(os.path.join(d, "classification_y.npy"))
    n = int(args[1]) if len(args) > 1 else 100_000
    xtr, ytr, xte, yte = x[:n], y[:n], x[-TEST:], y[-TEST:]
    m = HistGradientBoostingClassifier(random_state=0).fit(xtr, ytr)
    if args[0] == "histgb_predict":
        return lambda: m.predict_proba(xte)
    print(f"# held-out accuracy {m.score(xte, yte):.4f}, n_iter {m.n_iter_}")
    return lambda: HistGradientBoostingClassifier(random_state=0).fit(xtr, ytr)


def main():
    import sklearn
    from sklearn.datasets import make_classification
    from sklearn.ensemble import HistGradientBoostingClassifier
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 3
    x, y = make_classification(n_samples=110000, n_features=50, random_state=0)
    if "--dump" in sys.argv:
        out = sys.argv[sys.argv.index("--dump") + 1]
        os.makedirs(out, exist_ok=True)
        x.astype("<f8").tofile(os.path.join(out, "x.f64"))
        y.astype("<i4").tofile(os.path.join(out, "y.i32"))
    xt, yt, xq, yq = x[:100000], y[:100000], x[100000:], y[100000:]
    print(f"sklearn {sklearn.__version__}, numpy {np.__version__}, x {x.shape} {x.dtype}, OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS')}")
    best = best_cpu = float("inf")
    for r in range(repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        clf = HistGradientBoostingClassifier(random_state=r).fit(xt, yt)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        best, best_cpu = min(best, wall), min(best_cpu, cpu)
        print(f"repeat {r}: fit {wall:.3f} s wall, {cpu:.3f} s CPU, n_iter {clf.n_iter_}, held-out accuracy {clf.score(xq, yq):.4f}")
    print(f"best fit {best:.3f} s wall, {best_cpu:.3f} s CPU (all threads)")


if __name__ == "__main__":
    main()
