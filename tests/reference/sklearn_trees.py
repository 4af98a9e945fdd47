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
    y = y.reshape(len(y), -1)
    out = []
    for k in range(y.shape[1]):
        yk = y[:, k]
        m = (w * yk).sum() / W
        if crit in ("squared_error", "friedman_mse"):
            out.append((w * (yk - m) ** 2).sum() / W)
        elif crit == "poisson":
            if (w * yk).sum() <= np.finfo(float).eps:
                return np.inf
            nz = yk > 0
            out.append((w[nz] * yk[nz] * np.log(yk[nz] / m)).sum() / W)
        elif crit == "absolute_error":
            order = np.argsort(yk, kind="stable")
            ys, ws = yk[order], w[order]
            cum = np.cumsum(ws)
            j = np.searchsorted(cum, W / 2)  # first index with cum >= W/2
            med = (ys[j] + ys[j + 1]) / 2 if cum[j] == W / 2 else ys[j]
            out.append((w * np.abs(yk - med)).sum() / W)
        else:
            raise ValueError(crit)
    return float(np.mean(out))


def score(crit, yl, wl, yr, wr, classes):
    """Larger is better; equal scores = equal impurity decrease for this node."""
    if crit == "friedman_mse":
        WL, WR = wl.sum(), wr.sum()
        diff = WR * (wl[:, None] * yl.reshape(len(yl), -1)).sum() - WL * (wr[:, None] * yr.reshape(len(yr), -1)).sum()
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


def case(name, dataset, kind, params, weights=None, check_ties=True, path=False):
    """One fitted tree. check_ties=False skips the brute-force tie analysis (random splitter, max_features: not optimal
    splits; those cases are compared only with scikit-learn's own generator). path=True adds the pruning path."""
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
        if not check_ties:
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
    value = t.value[:, :, 0] if kind == "regressor" else t.value[:, 0, :] / t.value[:, 0, :].sum(axis=1, keepdims=True)
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
        "feature_importances": est.feature_importances_.tolist(), "ties_checked": check_ties,
        "decision_path_first5": est.decision_path(X[:5]).indices.tolist(),
        "decision_path_indptr5": est.decision_path(X[:5]).indptr.tolist(),
        "ccp_path": ccp(est, X, y, weights) if path else None,
    }


def ccp(est, X, y, weights):
    p = est.cost_complexity_pruning_path(X, y, sample_weight=weights)
    return {"ccp_alphas": p.ccp_alphas.tolist(), "impurities": p.impurities.tolist()}


def main():
    os.makedirs(OUT, exist_ok=True)
    iris = load_iris(return_X_y=True)
    bc = load_breast_cancer(return_X_y=True)
    dia = load_diabetes(return_X_y=True)
    rng = np.random.RandomState(0)
    y2 = np.c_[dia[1], np.sqrt(dia[1]) * 10]
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
        case("iris_leaf5_path", iris, "classifier", {"min_samples_leaf": 5}, path=True),
        case("iris_leaf5_ccp", iris, "classifier", {"min_samples_leaf": 5, "ccp_alpha": 0.01}),
        case("bc_gini_path", bc, "classifier", {"max_depth": 6}, path=True),
        case("bc_ccp", bc, "classifier", {"ccp_alpha": 0.005}),
        case("dia_leaf20_path", dia, "regressor", {"min_samples_leaf": 20}, path=True),
        case("dia_leaf20_ccp", dia, "regressor", {"min_samples_leaf": 20, "ccp_alpha": 40.0}),
        case("dia2_multi", (dia[0], y2), "regressor", {"max_depth": 4, "min_samples_leaf": 5}),
        case("iris_random", iris, "classifier", {"splitter": "random"}, check_ties=False),
        case("bc_sqrt", bc, "classifier", {"max_features": "sqrt", "max_depth": 8}, check_ties=False),
        case("bc_random_entropy", bc, "classifier", {"splitter": "random", "criterion": "entropy", "max_leaf_nodes": 15}, check_ties=False),
        case("dia_random_depth5", dia, "regressor", {"splitter": "random", "max_depth": 5}, check_ties=False),
        case("dia_maxfeat3_friedman", dia, "regressor", {"max_features": 3, "criterion": "friedman_mse", "max_depth": 6}, check_ties=False),
        case("dia_random_poisson", dia, "regressor", {"splitter": "random", "criterion": "poisson", "min_samples_leaf": 10}, check_ties=False),
    ]
    # scikit-learn's splitter seeds its xorshift generator with RandomState(random_state).randint(0, RAND_R_MAX).
    seed = int(np.random.RandomState(0).randint(0, 0x7FFFFFFF))
    checks = {"sklearn_seed": seed, "iris_sum": float(iris[0].sum()), "bc_sum": float(bc[0].sum()), "dia_sum": float(dia[0].sum())}
    with open(os.path.join(OUT, "trees.json"), "w") as fh:
        json.dump({"checks": checks, "cases": cases}, fh, separators=(",", ":"))
    print("wrote", os.path.getsize(os.path.join(OUT, "trees.json")), "bytes")


if __name__ == "__main__":
    main()
