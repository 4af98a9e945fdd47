#!/usr/bin/python3
"""scikit-learn 1.2 peer for the random-forest workloads (benchmarks/Scratch.ML.Benchmarks/Learn/ForestWorkloads.cs).

Peer mode (called by benchmarks/peers/peer.py as group "learn_forests"): the C# side writes make_classification
(110 000 x 50, 10 informative, our generator, seed 0) to $TMPDIR/scratchml-peers/forests_{x,y}.npy; rows 0..100 000
train RandomForestClassifier(n_estimators=100, n_jobs=THREADS, random_state=0), the last 10 000 rows are held out.
Args: rf_fit | rf_predict. Quality lines start with '#'.

Standalone: /usr/bin/python3 benchmarks/peers/learn_forests.py [threads]
  uses sklearn's own make_classification(110000, 50, n_informative=10, random_state=0) and prints fit seconds,
  predict_proba seconds on the 10 000 held-out rows and the held-out accuracy.
"""
import os
import sys
import tempfile
import time

import numpy as np

DIR = os.path.join(tempfile.gettempdir(), "scratchml-peers")
TRAIN, TEST = 100_000, 10_000


def _threads():
    return int(os.environ.get("OMP_NUM_THREADS", "2"))


def run(args):
    from sklearn.ensemble import RandomForestClassifier
    x = np.load(os.path.join(DIR, "forests_x.npy"))
    y = np.load(os.path.join(DIR, "forests_y.npy"))
    xtr, ytr, xte, yte = x[:TRAIN], y[:TRAIN], x[-TEST:], y[-TEST:]
    jobs = _threads()
    work = args[0]
    if work == "rf_fit":
        # One fit takes seconds: the runner times it once; report the accuracy of that same fit at exit.
        import atexit
        state = {}
        atexit.register(lambda: print(f"# held-out accuracy {state['m'].score(xte, yte):.4f}, "
                                      f"{np.mean([e.tree_.node_count for e in state['m'].estimators_]):.0f} nodes per tree, "
                                      f"mean depth {np.mean([e.tree_.max_depth for e in state['m'].estimators_]):.1f}"))
        return lambda: state.update(m=RandomForestClassifier(100, n_jobs=jobs, random_state=0).fit(xtr, ytr))
    if work == "rf_predict":
        m = RandomForestClassifier(100, n_jobs=jobs, random_state=0).fit(xtr, ytr)
        return lambda: m.predict_proba(xte)
    raise ValueError(f"unknown learn_forests workload {work}")


def main():
    import sklearn
    from sklearn.datasets import make_classification
    from sklearn.ensemble import RandomForestClassifier
    jobs = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    x, y = make_classification(n_samples=TRAIN + TEST, n_features=50, n_informative=10, random_state=0)
    xtr, ytr, xte, yte = x[:TRAIN], y[:TRAIN], x[-TEST:], y[-TEST:]
    print(f"sklearn {sklearn.__version__}, numpy {np.__version__}, n_jobs={jobs}")
    t0 = time.perf_counter()
    m = RandomForestClassifier(100, n_jobs=jobs, random_state=0).fit(xtr, ytr)
    t1 = time.perf_counter()
    m.predict_proba(xte)
    t2 = time.perf_counter()
    print(f"fit {t1 - t0:.3f}s  predict_proba(10k) {t2 - t1:.4f}s  held-out accuracy {m.score(xte, yte):.4f}")


if __name__ == "__main__":
    main()
