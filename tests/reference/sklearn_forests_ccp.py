#!/usr/bin/python3
"""Fixtures for cost-complexity pruning of the forests (ccp_alpha) from scikit-learn 1.2.

Writes tests/reference/fixtures/learn/forests/forests_ccp.json. Run: /usr/bin/python3 tests/reference/sklearn_forests_ccp.py

Exact cases: with bootstrap=False and max_features=None every tree of a RandomForest is the deterministic CART tree
pruned with ccp_alpha, so the forest equals one pruned DecisionTree. The alphas are picked halfway (geometrically)
between two consecutive effective alphas of the tree's pruning path, so float summation order cannot flip a
collapse; a case is kept only if 40 random_states give the same node counts and predictions (no tie between
splits survives the pruning). X is cast to float32 (scikit-learn's trees split float32 copies).

Statistical cases: bootstrap on, default max_features; held-out score (row i held out when i % 4 == 0) over seeds
0..9, compared with our mean over 3 seeds in ForestsCcpTests.
"""
import json
import os

import numpy as np
import sklearn
from sklearn.datasets import load_breast_cancer, load_diabetes, load_iris
from sklearn.ensemble import ExtraTreesRegressor, RandomForestClassifier, RandomForestRegressor
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "learn", "forests")


def r(a):
    return [float(repr_v) for repr_v in np.ravel(a)]


data = {
    "iris": load_iris(return_X_y=True),
    "breast_cancer": load_breast_cancer(return_X_y=True),
    "diabetes": load_diabetes(return_X_y=True),
}

EXACT = [
    # name, dataset, classifier?, extra options, path positions (fraction of the path) to pick alphas at
    ("rfc_iris", "iris", True, {}, [0.3, 0.6, 0.85]),
    ("rfc_bc", "breast_cancer", True, {}, [0.7, 0.85]),
    ("rfr_diabetes", "diabetes", False, {"min_samples_leaf": 5}, [0.5, 0.8, 0.95]),
]

exact = {}
for name, ds, cls, opts, positions in EXACT:
    x, y = data[ds]
    x = x.astype(np.float32).astype(np.float64)
    tree = (DecisionTreeClassifier if cls else DecisionTreeRegressor)(random_state=0, **opts)
    path = tree.cost_complexity_pruning_path(x, y).ccp_alphas
    for j, pos in enumerate(positions):
        k = int(pos * (len(path) - 2))
        lo, hi = path[k], path[k + 1]
        while hi <= lo * (1 + 1e-6) and k + 2 < len(path):  # skip coincident alphas
            k += 1
            lo, hi = path[k], path[k + 1]
        alpha = float(np.sqrt(lo * hi)) if lo > 0 else float(hi / 2)
        alpha = float(f"{alpha:.6g}")
        seen, pred = set(), None
        for s in range(40):
            est = RandomForestClassifier if cls else RandomForestRegressor
            m = est(n_estimators=3, bootstrap=False, max_features=None, ccp_alpha=alpha, random_state=s, **opts).fit(x, y)
            p = m.predict_proba(x) if cls else m.predict(x)
            nodes = tuple(t.tree_.node_count for t in m.estimators_)
            seen.add((nodes, np.round(p, 12).tobytes()))
            if s == 0:
                pred, counts, leaves = p, nodes, [int(t.tree_.n_leaves) for t in m.estimators_]
        case = f"{name}_a{j}"
        stable = len(seen) == 1
        print(f"{case}: alpha {alpha:g} (path {lo:g} .. {hi:g}), nodes {counts}, leaves {leaves}, stable {stable}")
        if not stable:
            continue
        exact[case] = {"dataset": ds, "classifier": cls, "options": opts, "ccp_alpha": alpha,
                       "node_counts": list(counts), "leaf_counts": leaves, "prediction": r(p)}

STAT = [
    ("rfc_bc_ccp", "breast_cancer", RandomForestClassifier, {"ccp_alpha": 0.01}),
    ("rfr_diabetes_ccp", "diabetes", RandomForestRegressor, {"ccp_alpha": 30.0}),
    ("etr_diabetes_ccp", "diabetes", ExtraTreesRegressor, {"ccp_alpha": 30.0}),
]
stat = {}
for name, ds, est, opts in STAT:
    x, y = data[ds]
    te = np.arange(len(y)) % 4 == 0
    scores, leaves = [], []
    for s in range(10):
        m = est(n_estimators=50, random_state=s, **opts).fit(x[~te], y[~te])
        scores.append(m.score(x[te], y[te]))
        leaves.append(np.mean([t.tree_.n_leaves for t in m.estimators_]))
    stat[name] = {"dataset": ds, "estimator": est.__name__, "ccp_alpha": opts["ccp_alpha"], "n_estimators": 50,
                  "scores": r(np.round(scores, 10)), "mean_leaves": r(np.round(leaves, 6))}
    print(f"{name}: score {np.mean(scores):.4f} +- {np.std(scores):.4f}, mean leaves {np.mean(leaves):.2f}")

os.makedirs(OUT, exist_ok=True)
out = {"sklearn": sklearn.__version__, "numpy": np.__version__, "exact": exact, "statistical": stat}
with open(os.path.join(OUT, "forests_ccp.json"), "w") as f:
    json.dump(out, f, separators=(",", ":"))
print("wrote", os.path.getsize(os.path.join(OUT, "forests_ccp.json")), "bytes")
