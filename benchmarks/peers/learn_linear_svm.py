#!/usr/bin/python3
"""scikit-learn 1.2 LinearSVC (liblinear dual coordinate descent) on make_classification(100000, 50).

Usage: /usr/bin/python3 benchmarks/peers/learn_linear_svm.py [--dump DIR] [--repeat R]
Prints the median fit time (wall and process CPU seconds) over R runs (default 1) of LinearSVC() (squared hinge, C=1,
tol=1e-4, max_iter=1000) and of LinearSVC(loss="hinge"), with n_iter_ and the training accuracy. liblinear is
single-threaded, so on a busy machine the CPU time is the fairer figure. With --dump, writes the data as raw float64/int32
(x.bin, y.bin) so that our side can time the identical workload.
Also usable through peer.py: run(args) returns one fit of the default LinearSVC.
"""
import os
import sys
import time
import warnings

import numpy as np
from sklearn.datasets import make_classification
from sklearn.exceptions import ConvergenceWarning
from sklearn.svm import LinearSVC


def data():
    return make_classification(n_samples=100_000, n_features=50, n_informative=10, random_state=0)


def run(args):
    x, y = data()
    return lambda: LinearSVC(random_state=0).fit(x, y)


def main():
    x, y = data()
    if "--dump" in sys.argv:
        out = sys.argv[sys.argv.index("--dump") + 1]
        os.makedirs(out, exist_ok=True)
        np.ascontiguousarray(x, dtype=np.float64).tofile(os.path.join(out, "x.bin"))
        y.astype(np.int32).tofile(os.path.join(out, "y.bin"))
    repeat = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 1
    for loss in ("squared_hinge", "hinge"):
        wall, cpu = [], []
        for _ in range(repeat):
            m = LinearSVC(loss=loss, random_state=0)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ConvergenceWarning)
                t0, c0 = time.perf_counter(), time.process_time()
                m.fit(x, y)
                wall.append(time.perf_counter() - t0)
                cpu.append(time.process_time() - c0)
        wall.sort()
        cpu.sort()
        print(f"sklearn LinearSVC(loss={loss}) fit: median wall {wall[len(wall) // 2]:.3f} s, CPU {cpu[len(cpu) // 2]:.3f} s "
              f"over {repeat} run(s), n_iter_={m.n_iter_}, train accuracy={m.score(x, y):.4f}")


if __name__ == "__main__":
    main()
