#!/usr/bin/python3
"""Decision-tree peer: scikit-learn 1.2 DecisionTreeClassifier / DecisionTreeRegressor fit + predict.

Workload (issue 5, item 9): make_classification(n_samples=110000, n_features=50, random_state=0); the first 100,000
rows train, the last 10,000 are held out. Default options (gini, best splitter, max_features=None, full depth),
random_state=0, float64 input (scikit-learn casts it to float32 internally). A single tree is single-threaded in
scikit-learn whatever n_jobs. The regressor row fits squared error to the 0/1 labels as a continuous target.
Standalone: /usr/bin/python3 benchmarks/peers/learn_trees.py [REPEATS]
Peer runner (group "learn_trees"): run(["dt_fit" | "dt_predict", N]) fits on the C#-written classification_x.npy /
classification_y.npy (the same rows as ours; rows 0..N train, the last 10,000 held out).
Prints the best wall and CPU fit time, the predict time for 10,000 rows, held-out accuracy (or R²), depth and leaves.
"""
import sys
import time

import numpy as np
import sklearn
from sklearn.datasets import make_classification
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor


def run(args):
    import os
    import tempfile
    d = os.path.join(tempfile.gettempdir(), "scratchml-peers")
    x = np.load(os.path.join(d, "classification_x.npy"))
    y = np.load(os.path.join(d, "classification_y.npy"))
    n = int(args[1]) if len(args) > 1 else 100_000
    xtr, ytr, xte, yte = x[:n], y[:n], x[-10_000:], y[-10_000:]
    if args[0] == "dt_fit":
        m = DecisionTreeClassifier(random_state=0).fit(xtr, ytr)
        print(f"# held-out accuracy {m.score(xte, yte):.4f}, depth {m.get_depth()}, leaves {m.get_n_leaves()}")
        return lambda: DecisionTreeClassifier(random_state=0).fit(xtr, ytr)
    if args[0] == "dt_predict":
        m = DecisionTreeClassifier(random_state=0).fit(xtr, ytr)
        return lambda: m.predict(xte)
    raise ValueError(f"unknown workload {args[0]}")


def main():
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    x, y = make_classification(n_samples=110000, n_features=50, random_state=0)
    xt, yt, xq, yq = x[:100000], y[:100000], x[100000:], y[100000:]
    print(f"sklearn {sklearn.__version__}, numpy {np.__version__}, x {x.shape} {x.dtype}")
    for name, make in (("DecisionTreeClassifier", lambda: DecisionTreeClassifier(random_state=0)),
                       ("DecisionTreeRegressor", lambda: DecisionTreeRegressor(random_state=0))):
        best = best_cpu = best_pred = float("inf")
        for _ in range(repeats):
            t0, c0 = time.perf_counter(), time.process_time()
            est = make().fit(xt, yt)
            best = min(best, time.perf_counter() - t0)
            best_cpu = min(best_cpu, time.process_time() - c0)
            t1 = time.perf_counter()
            pred = est.predict(xq)
            best_pred = min(best_pred, time.perf_counter() - t1)
        score = np.mean(pred == yq) if name.endswith("Classifier") else est.score(xq, yq)
        print(f"{name}: fit {best:.3f} s wall, {best_cpu:.3f} s CPU; predict 10k {best_pred * 1000:.1f} ms; "
              f"held-out {'accuracy' if name.endswith('Classifier') else 'R2'} {score:.4f}; depth {est.get_depth()}, "
              f"leaves {est.get_n_leaves()}")


if __name__ == "__main__":
    main()
