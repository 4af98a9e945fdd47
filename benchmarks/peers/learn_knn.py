#!/usr/bin/python3
"""k-NN peer: scikit-learn 1.2 KNeighborsClassifier fit + predict, 10,000 queries on 100,000 training rows.

Workload (issue 4): make_classification(n_samples=110000, n_features=50, random_state=0); the first 100,000 rows train,
the last 10,000 are queried; k = 5, float64. Times algorithm="auto" (which picks brute for d = 50 > 15) and "brute".
Usage: /usr/bin/python3 benchmarks/peers/learn_knn.py [REPEATS]   (threads: OMP_NUM_THREADS / OPENBLAS_NUM_THREADS)
Prints the best wall time and the best CPU time (process_time, all threads; useful on a loaded machine) of fit + predict for each algorithm and the fraction of predictions equal to the labels.
"""
import sys
import time

import numpy as np
import sklearn
from sklearn.datasets import make_classification
from sklearn.neighbors import KNeighborsClassifier


def main():
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    x, y = make_classification(n_samples=110000, n_features=50, random_state=0)
    xt, yt, xq, yq = x[:100000], y[:100000], x[100000:], y[100000:]
    print(f"sklearn {sklearn.__version__}, numpy {np.__version__}, x {x.shape} {x.dtype}")
    for algorithm in ("auto", "brute"):
        best = best_cpu = float("inf")
        for _ in range(repeats):
            t0, c0 = time.perf_counter(), time.process_time()
            clf = KNeighborsClassifier(n_neighbors=5, algorithm=algorithm).fit(xt, yt)
            pred = clf.predict(xq)
            best = min(best, time.perf_counter() - t0)
            best_cpu = min(best_cpu, time.process_time() - c0)
        print(f"algorithm={algorithm} fit_method={clf._fit_method} best fit+predict {best:.3f} s wall, {best_cpu:.3f} s CPU (all threads), "
              f"accuracy {np.mean(pred == yq):.4f}")


if __name__ == "__main__":
    main()
