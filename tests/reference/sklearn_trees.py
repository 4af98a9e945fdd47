#!/usr/bin/python3
"""Fixtures for the CART tests (tests/Scratch.ML.Learn.Tests/Trees): single deterministic scikit-learn 1.2 trees.

For each case we fit DecisionTreeClassifier/Regressor (random_state=0, max_features=None) and store the fitted
tree_ arrays, the training predictions and, per internal node, every split that ties with scikit-learn's choice.

Why the ties: scikit-learn visits the features in a random permutation even with max_features=None and keeps the
first best split (strict >), so among exactly tied splits its choice depends on its private RNG. We brute-force every
(feature, threshold) of every internal node on scikit-learn's float32 copy of X, list all splits whose impurity
decrease equals the best one (relative 1e-9; classification counts are exact), and check that all of them give the
same partition of the node's samples (otherwise the case is rejected: it would not be comparable). The C# test then
asserts exact equality of the partitions, counts, values and impurities and that our (feature, threshold) is one of
the tied alternatives.
"""
import json
import os

import numpy as np
from sklearn.datasets import load_breast_cancer, load_diabetes, load_iris
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor
from sklearn.utils.class_weight import compute_sample_weight

OUT = os.path.join(os.path.dirname(__file__), "fixtures", "learn", "trees")
FT = np.float32(1e-7)


def impurity(crit, y, w, classes):
    W = w.sum()
    if crit in ("gini", "entropy"):
        counts = np.array([w[y == c].sum() for c in range(classes)])
        p = counts / W
        if crit == "gini":
            return 1 - (p * p).sum()
        p = p[p > 0]
        return -(p * np.log2(p)).sum()
    if crit in ("squared_error", "friedman_mse"):
        m = (w * y).sum() / W
        return (w * (y - m) ** 2).sum() / W
    if crit == "poisson":
        m = (w * y).sum() / W
        if (w * y).sum() <= np.finfo(float).eps:
            return np.inf
        nz = y > 0
        return (w[nz] * y[nz] * np.log(y[nz] / m)).sum() / W
    if crit == "absolute_error":
        order = np.argsort(y, kind="stable")
        ys, ws = y[order], w[order]
        cum = np.cumsum(ws)
        k = np.searchsorted(cum, W / 2)  # first index with cum >= W/2
        med = (ys[k] + ys[k + 1]) / 2 if cum[k] == W / 2 else ys[k]
        return (w * np.abs(y - med)).sum() / W
    raise ValueError(crit)


def score(crit, yl, wl, yr, wr, classes):
    """Larger is better; equal scores = equal impurity decrease for this node."""
    if crit == "friedman_mse":
        WL, WR = wl.sum(), wr.sum()
        diff = WR * (wl * yl).sum() - WL * (wr * yr).sum()
        return diff * diff / (WL * WR)
    return -(wl.sum() * impurity(crit, yl, wl, classes) + wr.sum() * impurity(crit, yr, wr, classes))


def tied_splits(crit, X32, y, w, idx, min_leaf, min_wleaf, classes):
    found = []
    for f in range(X32.shape[1]):
        xs = np.sort(X32[idx, f])
        for p in range(1, len(idx)):
            if not xs[p] > np.float32(xs[p - 1] + FT):
                continue
            if p < min_leaf or len(idx) - p < min_leaf:
                continue
            t = float(xs[p - 1]) / 2.0 + float(xs[p]) / 2.0
            left = idx[X32[idx, f] <= t]
            right = idx[X32[idx, f] > t]
            if w[left].sum() < min_wleaf or w[right].sum() < min_wleaf:
                continue
            s = score(crit, y[left], w[left], y[right], w[right], classes)
            if np.isfinite(s):
                found.append((s, f, t, left))
    best = max(s for s, _, _, _ in found)
    return [(f, t, left) for s, f, t, left in found if np.isclose(s, best, rtol=1e-9, atol=1e-12)]


def case(name, dataset, kind, params, weights=None):
    X, y = dataset
    est = (DecisionTreeClassifier if kind == "classifier" else DecisionTreeRegressor)(random_state=0, **params)
    est.fit(X, y, sample_weight=weights)
    t = est.tree_
    X32 = X.astype(np.float32)
    w = np.ones(len(y)) if weights is None else np.asarray(weights, dtype=float)
    cw = params.get("class_weight")
    if cw is not None:
        w = w * compute_sample_weight(cw, y)
    crit = params.get("criterion", "gini" if kind == "classifier" else "squared_error")
    crit = "entropy" if crit == "log_loss" else crit
    classes = int(y.max()) + 1 if kind == "classifier" else 0
    min_leaf = params.get("min_samples_leaf", 1)
    min_wleaf = params.get("min_weight_fraction_leaf", 0.0) * w.sum()
    paths = est.decision_path(X).tocsc()
    alternatives, divergent = [], []
    ties = 0
    for node in range(t.node_count):
        if t.children_left[node] == -1:
            alternatives.append([])
            divergent.append(False)
            continue
        idx = paths[:, node].nonzero()[0]
        idx = idx[w[idx] != 0]
        alts = tied_splits(crit, X32, y, w, idx, min_leaf, min_wleaf, classes)
        chosen = idx[X32[idx, t.feature[node]] <= t.threshold[node]]
        assert any(set(a[2]) == set(chosen) for a in alts), (name, node, "sklearn's split is not among the brute-force optima")
        # Alternatives with the same partition as scikit-learn's choice are interchangeable; a tie with another
        # partition ("divergent") makes the subtrees incomparable: the test then stops descending there.
        same = [a for a in alts if set(a[2]) == set(chosen)]
        divergent.append(len(same) != len(alts))
        ties += len(alts) > 1
        alternatives.append([[int(a[0]), a[1], int(set(a[2]) == set(chosen))] for a in alts])
    value = t.value[:, 0, :] if kind == "regressor" else t.value[:, 0, :] / t.value[:, 0, :].sum(axis=1, keepdims=True)
    print(f"{name}: {t.node_count} nodes, depth {t.max_depth}, {ties} nodes with ties, {sum(divergent)} divergent")
    return {
        "name": name, "kind": kind, "params": {k: v for k, v in params.items() if k != "class_weight"},
        "class_weight": cw if not isinstance(cw, dict) else {str(k): v for k, v in cw.items()},
        "sample_weight": None if weights is None else list(map(float, weights)),
        "effective_weight": list(map(float, w)) if (weights is not None or cw is not None) else None,
        "min_weight_leaf": float(min_wleaf),
        "children_left": t.children_left.tolist(), "children_right": t.children_right.tolist(),
        "feature": t.feature.tolist(), "threshold": t.threshold.tolist(), "alternatives": alternatives, "divergent": divergent,
        "n_node_samples": t.n_node_samples.tolist(), "weighted_n_node_samples": t.weighted_n_node_samples.tolist(),
        "impurity": t.impurity.tolist(), "value": value.tolist(),
        "predict": est.predict(X).tolist(), "apply": est.apply(X).tolist(),
        "feature_importances": est.feature_importances_.tolist(),
    }


def main():
    os.makedirs(OUT, exist_ok=True)
    iris = load_iris(return_X_y=True)
    bc = load_breast_cancer(return_X_y=True)
    dia = load_diabetes(return_X_y=True)
    rng = np.random.RandomState(0)
    w_iris = rng.randint(1, 4, size=150).astype(float)
    w_bc = rng.randint(0, 3, size=569).astype(float)
    w_dia = rng.uniform(0.5, 2.0, size=442)
    cases = [
        case("iris_gini", iris, "classifier", {}),
        case("iris_entropy_depth3", iris, "classifier", {"criterion": "entropy", "max_depth": 3}),
        case("iris_gini_leaf5", iris, "classifier", {"min_samples_leaf": 5}),
        case("iris_gini_leaves6", iris, "classifier", {"max_leaf_nodes": 6}),
        case("iris_balanced_weights", iris, "classifier", {"class_weight": "balanced", "max_depth": 4}, w_iris),
        case("bc_gini", bc, "classifier", {}),
        case("bc_entropy_split10", bc, "classifier", {"criterion": "entropy", "min_samples_split": 10}),
        case("bc_leaves10", bc, "classifier", {"max_leaf_nodes": 10}),
        case("bc_classweight_zero_weights", bc, "classifier", {"class_weight": {0: 2.0, 1: 1.0}, "max_depth": 5}, w_bc),
        case("bc_minweightfraction", bc, "classifier", {"min_weight_fraction_leaf": 0.05}),
        case("bc_impurity_decrease", bc, "classifier", {"min_impurity_decrease": 0.01}),
        case("dia_mse_depth4", dia, "regressor", {"max_depth": 4}),
        case("dia_friedman_depth4", dia, "regressor", {"criterion": "friedman_mse", "max_depth": 4}),
        case("dia_mae_depth3", dia, "regressor", {"criterion": "absolute_error", "max_depth": 3}),
        case("dia_poisson_depth3", dia, "regressor", {"criterion": "poisson", "max_depth": 3}),
        case("dia_mse_leaf20", dia, "regressor", {"min_samples_leaf": 20}),
        case("dia_leaves12_weights", dia, "regressor", {"max_leaf_nodes": 12}, w_dia),
    ]
    checks = {"iris_sum": float(iris[0].sum()), "bc_sum": float(bc[0].sum()), "dia_sum": float(dia[0].sum())}
    with open(os.path.join(OUT, "trees.json"), "w") as fh:
        json.dump({"checks": checks, "cases": cases}, fh, separators=(",", ":"))
    print("wrote", os.path.getsize(os.path.join(OUT, "trees.json")), "bytes")


if __name__ == "__main__":
    main()
