#!/usr/bin/python3
"""scikit-learn peer for issue 4's workloads (benchmarks/Scratch.ML.Benchmarks/Learn/LearnWorkloads.cs).

The C# side writes the data it fits to $TMPDIR/scratchml-peers (make_classification 110 000 x 50, 10 informative, from our generator;
rows 0..n train, the last 10 000 held out; corpus.txt for TF-IDF), so both sides fit identical rows. Quality lines
start with '#'. Args: WORKLOAD [N].
"""
import os
import tempfile

import numpy as np

DIR = os.path.join(tempfile.gettempdir(), "scratchml-peers")
TEST = 10_000


def _data():
    x = np.load(os.path.join(DIR, "classification_x.npy"))
    y = np.load(os.path.join(DIR, "classification_y.npy"))
    return x, y


def run(args):
    from sklearn.linear_model import LogisticRegression
    from sklearn.neighbors import KNeighborsClassifier
    from sklearn.preprocessing import StandardScaler
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.svm import SVC
    work = args[0]
    if work == "tfidf":
        with open(os.path.join(DIR, "corpus.txt")) as f:
            docs = f.read().splitlines()
        return lambda: TfidfVectorizer().fit_transform(docs)
    x, y = _data()
    n = int(args[1])
    xtr, ytr, xte, yte = x[:n], y[:n], x[-TEST:], y[-TEST:]
    if work == "logreg_fit":
        print(f"# held-out accuracy {LogisticRegression().fit(xtr, ytr).score(xte, yte):.4f}")
        return lambda: LogisticRegression().fit(xtr, ytr)
    if work == "logreg_predict":
        m = LogisticRegression().fit(xtr, ytr)
        return lambda: m.predict_proba(xtr)
    if work == "scaler":
        return lambda: StandardScaler().fit(xtr).transform(xtr)
    if work == "knn":
        m = KNeighborsClassifier(5).fit(xtr, ytr)
        print(f"# held-out accuracy {m.score(xte, yte):.4f}")
        return lambda: m.predict(xte)
    if work == "svc_fit" and n >= 50_000:
        # One fit takes minutes: time it once and report the accuracy of that same fit at exit.
        import atexit
        state = {}
        atexit.register(lambda: print(f"# held-out accuracy {state['m'].score(xte, yte):.4f}"))
        return lambda: state.update(m=SVC().fit(xtr, ytr))
    if work == "svc_fit":
        print(f"# held-out accuracy {SVC().fit(xtr, ytr).score(xte, yte):.4f}")
        return lambda: SVC().fit(xtr, ytr)
    if work == "svc_predict":
        m = SVC().fit(xtr, ytr)
        return lambda: m.predict(xte)
    raise ValueError(f"unknown learn workload {work}")
