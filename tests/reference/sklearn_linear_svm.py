#!/usr/bin/python3
"""LinearSVC / LinearSVR fixtures from scikit-learn 1.2 (liblinear), solved to tol=1e-10 so the optimum is reached.

Writes tests/reference/fixtures/learn/linear_svm/linear_svm.json. Data: breast cancer, iris and diabetes (features
standardised with the population std, as StandardScaler; the tests rebuild them from SmallDatasets) and a small
make_classification set stored in the file. Sample weights are w_i = 1 + (i mod 3)/2 (rebuilt in the tests).
For every case: coef, intercept, decision function / prediction on the training rows, and the primal objective of
scikit-learn's solution (liblinear's: the intercept column is regularised, intercept = intercept_scaling * w_bias).
"""
import json
import os
import warnings

import numpy as np
from sklearn.datasets import load_breast_cancer, load_diabetes, load_iris, make_classification
from sklearn.svm import LinearSVC, LinearSVR

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "learn", "linear_svm", "linear_svm.json")
ROWS = 60  # scores stored for the first ROWS training rows (coef and intercept are compared in full)
TIGHT = dict(tol=1e-10, max_iter=1_000_000, random_state=0)


def std(x):
    return (x - x.mean(axis=0)) / x.std(axis=0)


def weights(n):
    return 1.0 + (np.arange(n) % 3) / 2.0


def svc_objective(m, x, y, sw, cw):
    """½(‖W‖² + (b/s)²) (l2) or ‖W‖₁ + |b/s| (l1) + Σ C_i loss per one-vs-rest row (liblinear's primal), summed."""
    classes = m.classes_
    coef = np.atleast_2d(m.coef_)
    b = np.atleast_1d(m.intercept_) if m.fit_intercept else np.zeros(coef.shape[0])
    if m.multi_class == "crammer_singer":
        if coef.shape[0] == 1:
            # Two classes: scikit-learn reports w1 - w0; the rows of the joint problem sum to zero, so w1 = -w0 = coef/2.
            coef, b = np.vstack([-coef / 2, coef / 2]), np.array([-b[0] / 2, b[0] / 2])
        reg = np.sum(coef ** 2) + (np.sum((b / m.intercept_scaling) ** 2) if m.fit_intercept else 0)
        z = x @ coef.T + b
        codes = np.searchsorted(classes, y)
        e = np.ones_like(z)
        e[np.arange(len(y)), codes] = 0
        c = m.C * sw * np.array([cw.get(v, 1.0) for v in y])
        return 0.5 * reg + np.sum(c * np.max(e + z - z[np.arange(len(y)), codes][:, None], axis=1))
    total = 0.0
    for k in range(coef.shape[0]):
        pos = classes[1] if coef.shape[0] == 1 else classes[k]
        t = np.where(y == pos, 1.0, -1.0)
        c = m.C * sw.copy()
        if coef.shape[0] == 1:
            c *= np.array([cw.get(v, 1.0) for v in y])
        else:
            c *= np.where(y == pos, cw.get(pos, 1.0), 1.0)
        z = x @ coef[k] + b[k]
        h = np.maximum(0, 1 - t * z)
        loss = h ** 2 if m.loss == "squared_hinge" else h
        if m.penalty == "l1":
            reg = np.sum(np.abs(coef[k])) + (abs(b[k] / m.intercept_scaling) if m.fit_intercept else 0)
            total += reg + np.sum(c * loss)
        else:
            reg = coef[k] @ coef[k] + ((b[k] / m.intercept_scaling) ** 2 if m.fit_intercept else 0)
            total += 0.5 * reg + np.sum(c * loss)
    return total


def svr_objective(m, x, y, sw):
    b = float(m.intercept_[0]) if m.fit_intercept else 0.0
    r = np.maximum(0, np.abs(y - x @ m.coef_ - b) - m.epsilon)
    loss = r ** 2 if m.loss == "squared_epsilon_insensitive" else r
    reg = m.coef_ @ m.coef_ + ((b / m.intercept_scaling) ** 2 if m.fit_intercept else 0)
    return 0.5 * reg + m.C * np.sum(sw * loss)


def main():
    bc = load_breast_cancer()
    xb, yb = std(bc.data), bc.target
    iris = load_iris()
    xi, yi = std(iris.data), iris.target
    db = load_diabetes()
    xd, yd = std(db.data), db.target
    xm, ym = make_classification(n_samples=120, n_features=6, n_informative=4, n_redundant=1, n_classes=3,
                                 random_state=3)
    data = {"xm": np.round(xm, 6).tolist(), "ym": ym.tolist()}
    xm = np.array(data["xm"])
    sets = {"bc": (xb, yb), "iris": (xi, yi), "mc": (xm, ym)}

    svc_cases = {
        "bc_squared": ("bc", {}, False),
        "bc_hinge": ("bc", {"loss": "hinge"}, False),
        "bc_c01_no_intercept": ("bc", {"C": 0.1, "fit_intercept": False}, False),
        "bc_scaling10": ("bc", {"C": 0.5, "intercept_scaling": 10.0}, False),
        "bc_balanced": ("bc", {"class_weight": "balanced"}, False),
        "bc_weighted": ("bc", {"loss": "hinge", "C": 2.0}, True),
        "iris_squared": ("iris", {}, False),
        "iris_hinge": ("iris", {"loss": "hinge", "C": 10.0}, False),
        "iris_dict": ("iris", {"class_weight": {0: 2.0, 2: 0.5}}, False),
        "iris_weighted": ("iris", {"C": 0.3}, True),
        "mc_squared": ("mc", {"C": 0.05}, False),
        "mc_balanced_weighted": ("mc", {"class_weight": "balanced", "loss": "hinge"}, True),
        "bc_l1": ("bc", {"penalty": "l1", "dual": False}, False),
        "bc_l1_c01_scaling01": ("bc", {"penalty": "l1", "dual": False, "C": 0.1, "intercept_scaling": 0.1}, False),
        "iris_l1": ("iris", {"penalty": "l1", "dual": False, "C": 0.5}, False),
        "mc_l1_weighted_no_intercept": ("mc", {"penalty": "l1", "dual": False, "fit_intercept": False, "class_weight": {1: 3.0}}, True),
        "iris_cs": ("iris", {"multi_class": "crammer_singer"}, False),
        "iris_cs_dict_weighted": ("iris", {"multi_class": "crammer_singer", "C": 3.0, "class_weight": {1: 2.0}}, True),
        "bc_cs_scaling5": ("bc", {"multi_class": "crammer_singer", "C": 0.2, "intercept_scaling": 5.0}, False),
        "mc_cs_no_intercept": ("mc", {"multi_class": "crammer_singer", "fit_intercept": False}, False),
    }
    cases = {}
    for name, (ds, opts, weighted) in svc_cases.items():
        x, y = sets[ds]
        sw = weights(len(y)) if weighted else np.ones(len(y))
        m = LinearSVC(**opts, **TIGHT)
        cs = opts.get("multi_class") == "crammer_singer"
        with warnings.catch_warnings():
            # liblinear's Crammer-Singer solver does not report its iteration count (scikit-learn 1.2 reads an
            # uninitialised value, hence a spurious ConvergenceWarning); convergence is checked by the objective instead.
            warnings.simplefilter("ignore" if cs else "error")
            m.fit(x, y, sample_weight=sw if weighted else None)
        cw = opts.get("class_weight", {})
        if cw == "balanced":
            cls, counts = np.unique(y, return_counts=True)
            cw = {c: len(y) / (len(cls) * n) for c, n in zip(cls, counts)}
        cases[name] = {
            "data": ds, "weighted": weighted, "n_iter": -1 if cs else int(m.n_iter_),
            "coef": m.coef_.tolist(), "intercept": np.broadcast_to(m.intercept_, (m.coef_.shape[0],)).tolist(),
            "decision": m.decision_function(x[:ROWS]).tolist(), "pred": m.predict(x).tolist(),
            "objective": svc_objective(m, x, y, sw, cw),
        }
    svr_cases = {
        "l1_eps0": ({"epsilon": 0.0, "C": 1.0}, False),
        "l1_eps5_c10": ({"epsilon": 5.0, "C": 10.0}, False),
        "l2_c01": ({"loss": "squared_epsilon_insensitive", "C": 0.1, "epsilon": 2.0}, False),
        "l2_no_intercept": ({"loss": "squared_epsilon_insensitive", "C": 0.01, "fit_intercept": False}, False),
        "l1_scaling100_weighted": ({"C": 0.5, "intercept_scaling": 100.0}, True),
    }
    svr = {}
    for name, (opts, weighted) in svr_cases.items():
        sw = weights(len(yd)) if weighted else np.ones(len(yd))
        m = LinearSVR(**opts, **TIGHT)
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            m.fit(xd, yd, sample_weight=sw if weighted else None)
        svr[name] = {
            "weighted": weighted, "n_iter": int(m.n_iter_), "coef": m.coef_.tolist(),
            "intercept": float(np.atleast_1d(m.intercept_)[0]), "predict": m.predict(xd[:ROWS]).tolist(),
            "objective": svr_objective(m, xd, yd, sw),
        }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump({"data": data, "svc": cases, "svr": svr}, f, separators=(",", ":"))
    for k, v in {**cases, **svr}.items():
        print(k, v["n_iter"], v["objective"])


if __name__ == "__main__":
    main()
