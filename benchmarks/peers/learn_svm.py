#!/usr/bin/python3
"""scikit-learn 1.2 SVC(rbf) fit / predict timings on make_classification (the issue-4 SVM benchmark).

Run: /usr/bin/python3 benchmarks/peers/learn_svm.py [n_samples ...]   (default 10000)
Prints one line per size: n, d, fit seconds, predict seconds (on the training rows), training accuracy, n_SV.
"""
import sys, time
import numpy as np
import sklearn
from sklearn.datasets import make_classification
from sklearn.svm import SVC

sizes = [int(a) for a in sys.argv[1:]] or [10000]
print(f"sklearn {sklearn.__version__}, numpy {np.__version__}")
for n in sizes:
    x, y = make_classification(n_samples=n, n_features=50, random_state=0)
    m = SVC(kernel="rbf")
    t0 = time.perf_counter(); m.fit(x, y); t1 = time.perf_counter()
    p = m.predict(x); t2 = time.perf_counter()
    print(f"n={n} d=50 fit={t1 - t0:.3f}s predict={t2 - t1:.3f}s accuracy={np.mean(p == y):.4f} n_sv={m.n_support_.sum()}")
