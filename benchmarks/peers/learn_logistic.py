#!/usr/bin/python3
"""scikit-learn 1.2 LogisticRegression (default lbfgs, L2, C=1, tol=1e-4, max_iter=100) on make_classification.

Prints fit and predict times (best of 5) and training accuracy for n = 100,000 and 10,000 rows × 50 features,
make_classification(n_samples=n, n_features=50, random_state=0). Compare with Scratch.ML's LogisticRegression on the
same data (the data are generated here and could be written out with --save for an exact comparison).
"""
import sys, time, warnings
import numpy as np
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression

warnings.filterwarnings("ignore")
for n in (100_000, 10_000):
    x, y = make_classification(n_samples=n, n_features=50, random_state=0)
    if "--save" in sys.argv:
        np.savetxt(f"/tmp/logistic_{n}.csv", np.c_[x, y], delimiter=",", fmt="%.17g")
    fits, preds = [], []
    for _ in range(5):
        t = time.perf_counter(); m = LogisticRegression().fit(x, y); fits.append(time.perf_counter() - t)
        t = time.perf_counter(); p = m.predict(x); preds.append(time.perf_counter() - t)
    print(f"n={n}: fit {min(fits)*1e3:.1f} ms, predict {min(preds)*1e3:.2f} ms, n_iter {m.n_iter_[0]}, accuracy {np.mean(p == y):.4f}")
