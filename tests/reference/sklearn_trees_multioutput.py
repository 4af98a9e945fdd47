#!/usr/bin/python3
"""Multi-output DecisionTreeClassifier fixtures (scikit-learn 1.2): one tree fitted to two label columns.

For each case we fit DecisionTreeClassifier(random_state=0, **params) on float32-exact data with y of shape (n, 2) and
store the tree arrays, the per-output class probabilities of every node, predict / predict_proba / apply and the
feature importances. The C# test draws feature orders with scikit-learn's own generator (the SklearnSeed hook of the
single-tree tests), so the trees must agree node for node.
Run: /usr/bin/python3 tests/reference/sklearn_trees_multioutput.py
"""
import json
import os

import numpy as np
from sklearn.datasets import load_breast_cancer, load_iris
from sklearn.tree import DecisionTreeClassifier

OUT = os.path.join(os.path.dirname(__file__), "fixtures", "learn", "trees")


def case(name, X, Y, params):
    est = DecisionTreeClassifier(random_state=0, **params).fit(X, Y)
    t = est.tree_
    values = []
    for o in range(Y.shape[1]):
        k = len(est.classes_[o])
        v = t.value[:, o, :k]
        values.append((v / v.sum(axis=1, keepdims=True)).tolist())
    proba = est.predict_proba(X)
    print(f"{name}: {t.node_count} nodes, depth {t.max_depth}")
    return {
        "name": name, "params": {k: v for k, v in params.items()},
        "children_left": t.children_left.tolist(), "children_right": t.children_right.tolist(),
        "feature": t.feature.tolist(), "threshold": t.threshold.tolist(), "values": values,
        "predict": est.predict(X).T.tolist(), "proba": [p.tolist() for p in proba], "apply": est.apply(X).tolist(),
        "feature_importances": est.feature_importances_.tolist(),
    }


def main():
    os.makedirs(OUT, exist_ok=True)
    xi, yi = load_iris(return_X_y=True)
    xb, yb = load_breast_cancer(return_X_y=True)
    xi = xi.astype(np.float32).astype(np.float64)
    xb = xb.astype(np.float32).astype(np.float64)
    iris_y = np.c_[yi, (xi[:, 0] > 5.8).astype(int)]
    bc_y = np.c_[yb, (xb[:, 0] > 14).astype(int) + (xb[:, 1] > 20).astype(int)]
    cases = [
        case("iris_multi", xi, iris_y, {}),
        case("iris_multi_balanced_depth4", xi, iris_y, {"class_weight": "balanced", "max_depth": 4}),
        case("bc_multi_entropy_depth5", xb, bc_y, {"criterion": "entropy", "max_depth": 5}),
        case("bc_multi_leaves12", xb, bc_y, {"max_leaf_nodes": 12, "min_samples_leaf": 3}),
    ]
    path = os.path.join(OUT, "trees_multioutput.json")
    with open(path, "w") as fh:
        json.dump({"cases": cases}, fh, separators=(",", ":"))
    print("wrote", os.path.getsize(path), "bytes")


if __name__ == "__main__":
    main()
