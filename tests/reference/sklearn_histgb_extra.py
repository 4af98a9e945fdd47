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

OUT = os.path.join(os.path.dirname(__file__), "fixtures", "learn", "histgb")
SEEDS = range(5)


def u01(i, j, salt):
    """Exact dyadic uniform in [0, 1): the same integers are hashed by the C# test (HistGbData.U01)."""
    return ((i * 2654435761 + j * 97531 + salt * 7919 + 12345) % 4294967296) / 4294967296.0


def generated(n=600):
    """The data of sklearn_histgb.py: x0 with NaN, x1, x2 tied levels, x3 categorical with NaN; y_reg, y_cls."""
    x = np.zeros((n, 4))
    y = np.zeros(n)
    effect = [0.0, 2.5, -1.0, 4.0, 0.5, -3.0, 1.5, -0.5]
    for i in range(n):
        x0 = u01(i, 0, 1) * 10 - 5
        x1 = u01(i, 1, 2) * 10 - 5
        x2 = np.floor(u01(i, 2, 3) * 20)
        c = int(u01(i, 3, 4) * 8)
        noise = u01(i, 4, 5) - 0.5
        y[i] = (0.0 if (i * 31) % 13 == 0 else x0 * 2) + (3.0 if x1 > 0 else -1.0) + effect[c] + x2 * 0.25 + noise
        x[i] = [np.nan if (i * 31) % 13 == 0 else x0, x1, x2, np.nan if (i * 17) % 23 == 0 else float(c)]
    ycls = (y > np.median(y)).astype(int)
    return x, y, ycls


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
