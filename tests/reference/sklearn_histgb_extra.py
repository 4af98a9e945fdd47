#!/usr/bin/python3
"""Fixtures for Scratch.ML's histogram gradient boosting scorers and warm start against scikit-learn 1.2.

Writes tests/reference/fixtures/learn/histgb/histgb_extra.json:
  * scoring: early stopping with a scorer (scikit-learn's `scoring`) on breast cancer (classifier) and diabetes
    (regressor), rows i % 5 == 0 held out; for random_state 0..4 the held-out score, n_iter_ and the best validation
    score. The validation split uses numpy's RNG, which we do not reproduce, so these are compared within margins.
  * warm_start: raw predictions after fit(max_iter=a) then warm_start=True, fit(max_iter=a+b), early stopping off
    (exact: same bins and trees as a single fit).

sklearn runs single-threaded (OMP_NUM_THREADS=1) so that its root gradient sums are sequential, like ours.
Run: /usr/bin/python3 tests/reference/sklearn_histgb_extra.py
"""
import os

os.environ["OMP_NUM_THREADS"] = "1"

import json  # noqa: E402

import numpy as np  # noqa: E402
import sklearn  # noqa: E402
from sklearn.datasets import load_breast_cancer, load_diabetes, load_wine  # noqa: E402
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor  # noqa: E402
from sklearn.metrics import get_scorer  # noqa: E402

import sys  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sklearn_histgb import generated  # noqa: E402  (the same data as the main fixtures)

OUT = os.path.join(os.path.dirname(__file__), "fixtures", "learn", "histgb")
SEEDS = range(5)


def scoring_case(est_cls, x, y, scoring):
    test = np.arange(x.shape[0]) % 5 == 0
    held, n_iter, best = [], [], []
    for seed in SEEDS:
        m = est_cls(early_stopping=True, scoring=scoring, random_state=seed, max_iter=200, n_iter_no_change=10)
        m.fit(x[~test], y[~test])
        held.append(float(get_scorer(scoring)(m, x[test], y[test])))
        n_iter.append(int(m.n_iter_))
        best.append(float(np.max(m.validation_score_)))
        assert len(m.validation_score_) == m.n_iter_ + 1
    return {"scoring": scoring, "held_out": held, "n_iter": n_iter, "best_validation": best}


def main():
    bc = load_breast_cancer()
    diabetes = load_diabetes()
    wine = load_wine()
    xg, yg, ygc = generated()
    fixture = {"sklearn": sklearn.__version__, "classification": [], "regression": [], "warm_start": []}
    for s in ["accuracy", "balanced_accuracy", "roc_auc", "neg_log_loss"]:
        fixture["classification"].append(scoring_case(HistGradientBoostingClassifier, bc.data, bc.target, s))
    for s in ["r2", "neg_mean_squared_error", "neg_mean_absolute_error"]:
        fixture["regression"].append(scoring_case(HistGradientBoostingRegressor, diabetes.data, diabetes.target, s))

    def warm(name, est, x, y, a, b):
        est.set_params(max_iter=a, early_stopping=False, warm_start=True)
        est.fit(x, y)
        est.set_params(max_iter=a + b)
        est.fit(x, y)
        raw = est._raw_predict(x)
        fixture["warm_start"].append({"name": name, "a": a, "b": b, "n_iter": int(est.n_iter_),
                                      "raw": [[float(v) for v in r] for r in raw]})

    warm("regressor_gen", HistGradientBoostingRegressor(categorical_features=[3], min_samples_leaf=10), xg, yg, 8, 7)
    warm("binary_gen", HistGradientBoostingClassifier(categorical_features=[3]), xg, ygc, 6, 9)
    warm("wine", HistGradientBoostingClassifier(max_leaf_nodes=8, l2_regularization=1.0), wine.data, wine.target, 5, 5)

    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "histgb_extra.json"), "w") as f:
        json.dump(fixture, f, separators=(",", ":"))


if __name__ == "__main__":
    main()
