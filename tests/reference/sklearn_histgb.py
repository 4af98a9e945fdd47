#!/usr/bin/python3
"""Fixtures for Scratch.ML's HistGradientBoosting{Regressor,Classifier} against scikit-learn 1.2.

Writes tests/reference/fixtures/learn/histgb/histgb.json:
  * bin thresholds of sklearn's _BinMapper on shipped datasets and on generated data with NaN and ties;
  * raw predictions (decision_function / link-space predictions) on the training rows with early stopping OFF,
    for every loss, L2, depth/leaf limits, sample weights, NaN, categorical features, monotonic and interaction
    constraints;
  * held-out scores with early stopping ON (the validation split uses numpy's RNG, which we do not reproduce, so
    these are compared within margins, not exactly).

sklearn runs single-threaded (OMP_NUM_THREADS=1) so that its root gradient sums are sequential, like ours.
Run: /usr/bin/python3 tests/reference/sklearn_histgb.py
"""
import os

os.environ["OMP_NUM_THREADS"] = "1"

import json  # noqa: E402

import numpy as np  # noqa: E402
import sklearn  # noqa: E402
from sklearn.datasets import load_breast_cancer, load_diabetes, load_iris, load_wine  # noqa: E402
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor  # noqa: E402
from sklearn.ensemble._hist_gradient_boosting.binning import _BinMapper  # noqa: E402
from sklearn._loss.loss import HalfGammaLoss  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "fixtures", "learn", "histgb")


def u01(i, j, salt):
    """Exact dyadic uniform in [0, 1): the same integers are hashed by the C# test (HistGbData.U01)."""
    return ((i * 2654435761 + j * 97531 + salt * 7919 + 12345) % 4294967296) / 4294967296.0


def generated(n=600):
    """x0 continuous with NaN, x1 continuous, x2 20 tied levels, x3 categorical codes 0..7 with NaN; y_reg, y_cls."""
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


def weights(n):
    return np.array([1 + (i % 3) / 2 for i in range(n)])


def thresholds(x, max_bins, features, cat=None):
    known = None
    if cat is not None:
        known = [np.unique(x[~np.isnan(x[:, f]), f]) if cat[f] else None for f in range(x.shape[1])]
    m = _BinMapper(n_bins=max_bins + 1, is_categorical=cat, known_categories=known).fit(x)
    return {
        "max_bins": max_bins,
        "counts": [int(len(t)) for t in m.bin_thresholds_],
        "sums": [float(np.sum(t)) for t in m.bin_thresholds_],
        "full": {str(f): [float(v) for v in m.bin_thresholds_[f]] for f in features},
        "categorical": None if cat is None else [bool(c) for c in cat],
    }


def main():
    diabetes = load_diabetes()
    xd, yd = diabetes.data, diabetes.target
    bc = load_breast_cancer()
    xb, yb = bc.data, bc.target
    iris = load_iris()
    wine = load_wine()
    xg, yg, ygc = generated()
    nan_d = xd.copy()
    for i in range(xd.shape[0]):
        for j in range(xd.shape[1]):
            if (i * 7 + j * 3) % 11 == 0:
                nan_d[i, j] = np.nan

    fixture = {
        "sklearn": sklearn.__version__,
        "checks": {
            "diabetes_sum": float(xd.sum()), "breast_cancer_sum": float(xb.sum()),
            "gen_x_nansum": float(np.nansum(xg)), "gen_y_sum": float(yg.sum()), "gen_ycls_sum": int(ygc.sum()),
        },
        "binning": {
            "diabetes": thresholds(xd, 255, [0, 2, 9]),
            "breast_cancer": thresholds(xb, 255, [0, 3, 13, 23]),
            "breast_cancer_16": thresholds(xb, 16, list(range(30))),
            "diabetes_nan": thresholds(nan_d, 255, [0, 1, 2]),
            "gen": thresholds(xg, 255, [0, 1, 2, 3], cat=np.array([False, False, False, True])),
            "gen_32": thresholds(xg, 32, [0, 1, 2]),
        },
        "regression": [],
        "classification": [],
    }

    def reg(name, x, y, data, sw=None, rows=None, **params):
        params.setdefault("max_iter", 30)
        p = {k: (v.tolist() if isinstance(v, np.ndarray) else v) for k, v in params.items()}
        if params.get("loss") == "gamma":  # sklearn 1.2 takes the gamma loss as an object only (the string came in 1.3)
            params["loss"] = HalfGammaLoss()
        m = HistGradientBoostingRegressor(early_stopping=False, **params).fit(x, y, sample_weight=sw)
        raw = m._raw_predict(x)[:, 0]
        idx = list(range(x.shape[0])) if rows is None else rows
        fixture["regression"].append({
            "name": name, "data": data, "params": p, "weighted": sw is not None, "n_iter": int(m.n_iter_),
            "rows": idx, "raw": [float(raw[i]) for i in idx],
            "leaves": [int(pred[0].get_n_leaf_nodes()) for pred in m._predictors],
        })

    def cls(name, x, y, data, sw=None, rows=None, **params):
        params.setdefault("max_iter", 30)
        p = {k: (v.tolist() if isinstance(v, np.ndarray) else v) for k, v in params.items()}
        m = HistGradientBoostingClassifier(early_stopping=False, **params).fit(x, y, sample_weight=sw)
        raw = m._raw_predict(x)
        idx = list(range(x.shape[0])) if rows is None else rows
        fixture["classification"].append({
            "name": name, "data": data, "params": p, "weighted": sw is not None, "n_iter": int(m.n_iter_),
            "rows": idx, "raw": [[float(v) for v in raw[i]] for i in idx],
            "proba": [[float(v) for v in r] for r in m.predict_proba(x[idx])],
            "leaves": [[int(t.get_n_leaf_nodes()) for t in pred] for pred in m._predictors],
        })

    half_d = list(range(0, xd.shape[0], 2))
    reg("squared", xd, yd, "diabetes", rows=half_d, max_iter=40)
    reg("absolute", xd, yd, "diabetes", rows=half_d, loss="absolute_error")
    reg("poisson", xd, yd, "diabetes", rows=half_d, loss="poisson")
    reg("gamma", xd, yd, "diabetes", rows=half_d, loss="gamma")
    reg("quantile", xd, yd, "diabetes", rows=half_d, loss="quantile", quantile=0.8)
    reg("limits", xd, yd, "diabetes", rows=half_d, l2_regularization=1.0, max_depth=3, max_leaf_nodes=15,
        min_samples_leaf=10, learning_rate=0.2, max_bins=64)
    reg("weighted", xd, yd, "diabetes", sw=weights(xd.shape[0]), rows=half_d)
    reg("weighted_absolute", xd, yd, "diabetes", sw=weights(xd.shape[0]), rows=half_d, loss="absolute_error", max_iter=15)
    reg("monotonic", xd, yd, "diabetes", rows=half_d, monotonic_cst=[1, 0, 1, 1, 0, 0, -1, 0, 1, 0])
    reg("interaction", xd, yd, "diabetes", rows=half_d, interaction_cst=[[0, 2], [3, 8, 9]])
    reg("nan", nan_d, yd, "diabetes_nan", rows=half_d)
    reg("gen_categorical", xg, yg, "gen", categorical_features=[3], min_samples_leaf=10)
    reg("gen_mask_32", xg, yg, "gen", categorical_features=[False, False, True, True], max_bins=32, max_iter=20)

    half_b = list(range(0, xb.shape[0], 2))
    cls("binary", xb, yb, "breast_cancer", rows=half_b)
    cls("binary_weighted_l2", xb, yb, "breast_cancer", sw=weights(xb.shape[0]), rows=half_b, l2_regularization=0.5)
    cls("binary_monotonic", xb, yb, "breast_cancer", rows=half_b, max_iter=15,
        monotonic_cst=[-1 if j in (0, 2, 3, 20, 22, 23) else 0 for j in range(30)])
    cls("binary_balanced", xb, yb, "breast_cancer", rows=half_b, max_iter=20, class_weight="balanced")
    cls("iris", iris.data, iris.target, "iris", max_iter=20, min_samples_leaf=5)
    cls("wine", wine.data, wine.target, "wine", max_iter=15, l2_regularization=1.0, max_leaf_nodes=8)
    cls("gen_categorical", xg, ygc, "gen", categorical_features=[3], max_iter=20)

    # Early stopping on (held-out margins): train on rows i % 5 != 0, test on i % 5 == 0.
    test_b = np.arange(xb.shape[0]) % 5 == 0
    mb = HistGradientBoostingClassifier(early_stopping=True, random_state=0).fit(xb[~test_b], yb[~test_b])
    test_d = np.arange(xd.shape[0]) % 5 == 0
    md = HistGradientBoostingRegressor(early_stopping=True, random_state=0).fit(xd[~test_d], yd[~test_d])
    fixture["early_stopping"] = {
        "breast_cancer_accuracy": float(mb.score(xb[test_b], yb[test_b])), "breast_cancer_n_iter": int(mb.n_iter_),
        "diabetes_r2": float(md.score(xd[test_d], yd[test_d])), "diabetes_n_iter": int(md.n_iter_),
    }

    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "histgb.json"), "w") as f:
        json.dump(fixture, f, separators=(",", ":"))


if __name__ == "__main__":
    main()
