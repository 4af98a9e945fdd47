#!/usr/bin/python3
"""Fixtures for the forests (RandomForest/ExtraTrees classifier and regressor) from scikit-learn 1.2.

Writes tests/reference/fixtures/learn/forests/forests.json. Run: /usr/bin/python3 tests/reference/sklearn_forests.py

Our random numbers (Philox streams per tree) differ from NumPy's MT19937, so a forest cannot be reproduced tree by
tree. The fixture therefore records, per case, scikit-learn's held-out score (accuracy or R^2) and OOB score for
seeds 0..9, and the C# tests compare means within margins derived from this seed-to-seed spread
(tests/Scratch.ML.Learn.Tests/Ensemble/ForestsVsSklearnTests.cs). Exact cases: with max_features=None and
bootstrap=False every random-forest tree is the deterministic CART tree, so on data where no two splits tie (checked
below over 100 seeds) scikit-learn's predictions are reproduced exactly.

Split: row i is held out when i % 4 == 0 (the same rule on both sides; no RNG).
"""
import json
import os

import numpy as np
import sklearn
from sklearn.datasets import (load_breast_cancer, load_diabetes, load_iris, load_wine, make_classification,
                              make_friedman1)
from sklearn.ensemble import ExtraTreesClassifier, ExtraTreesRegressor, RandomForestClassifier, RandomForestRegressor

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "learn", "forests")
SEEDS = list(range(10))


def r(a, digits=17):
    """Flattened values with `digits` significant digits (17: exact round trip)."""
    return [float(f"{v:.{digits}g}") for v in np.ravel(a)]


def split(n):
    test = np.arange(n) % 4 == 0
    return ~test, test


# Generated data, rounded to 4 decimals before anything is fitted (so the JSON stays small and the C# side reads
# exactly the values the scores below were computed on; json writes the shortest round-trip repr).
xg, yg = make_classification(n_samples=600, n_features=10, n_informative=4, n_redundant=2, random_state=0)
xg = np.round(xg, 4)
xf, yf = make_friedman1(n_samples=400, n_features=8, noise=0.5, random_state=0)
xf, yf = np.round(xf, 4), np.round(yf, 4)
# Clearly important features: 3 informative columns first (shuffle=False), 5 pure-noise columns after.
xi, yi = make_classification(n_samples=500, n_features=8, n_informative=3, n_redundant=0, n_repeated=0, shuffle=False,
                             class_sep=1.5, random_state=0)
xi = np.round(xi, 4)
# Tie-free data for the exact case (continuous features; DecisionTree gives the same tree for 100 random_states).
rng = np.random.default_rng(0)
xt = np.round(rng.normal(size=(240, 6)), 4)
yt = np.round(xt[:, 0] * 2 + np.sin(3 * xt[:, 1]) + 0.3 * xt[:, 2] ** 2 + 0.1 * rng.normal(size=240), 4)
xtc, ytc = make_classification(n_samples=240, n_features=6, n_informative=3, n_redundant=0, random_state=1)
xtc = np.round(xtc, 4)
xq = np.round(np.random.default_rng(5).normal(size=(60, 6)), 4)

data = {
    "iris": load_iris(return_X_y=True),
    "wine": load_wine(return_X_y=True),
    "breast_cancer": load_breast_cancer(return_X_y=True),
    "diabetes": load_diabetes(return_X_y=True),
    "generated": (xg, yg),
    "friedman1": (xf, yf),
    "importance": (xi, yi),
}

CASES = [
    # name, dataset, estimator, options
    ("rfc_iris", "iris", RandomForestClassifier, {}),
    ("etc_iris", "iris", ExtraTreesClassifier, {}),
    ("rfc_wine", "wine", RandomForestClassifier, {}),
    ("etc_wine", "wine", ExtraTreesClassifier, {}),
    ("rfc_breast_cancer", "breast_cancer", RandomForestClassifier, {}),
    ("etc_breast_cancer", "breast_cancer", ExtraTreesClassifier, {}),
    ("rfc_generated", "generated", RandomForestClassifier, {}),
    ("etc_generated", "generated", ExtraTreesClassifier, {}),
    ("rfc_bc_entropy_depth4", "breast_cancer", RandomForestClassifier, {"criterion": "entropy", "max_depth": 4}),
    ("rfc_bc_log2_leaf5", "breast_cancer", RandomForestClassifier, {"max_features": "log2", "min_samples_leaf": 5}),
    ("rfc_bc_max_samples", "breast_cancer", RandomForestClassifier, {"max_samples": 0.5}),
    ("rfc_bc_balanced_subsample", "breast_cancer", RandomForestClassifier, {"class_weight": "balanced_subsample"}),
    ("rfc_gen_leaves", "generated", RandomForestClassifier, {"max_leaf_nodes": 16}),
    ("etc_gen_all_features", "generated", ExtraTreesClassifier, {"max_features": None}),
    ("rfr_diabetes", "diabetes", RandomForestRegressor, {}),
    ("etr_diabetes", "diabetes", ExtraTreesRegressor, {}),
    ("rfr_friedman1", "friedman1", RandomForestRegressor, {}),
    ("etr_friedman1", "friedman1", ExtraTreesRegressor, {}),
    ("rfr_diabetes_sqrt_leaf5", "diabetes", RandomForestRegressor, {"max_features": "sqrt", "min_samples_leaf": 5}),
    ("rfr_diabetes_poisson", "diabetes", RandomForestRegressor, {"criterion": "poisson", "min_samples_leaf": 3}),
]


def score_case(dataset, est, options):
    x, y = data[dataset]
    tr, te = split(len(y))
    scores, oob = [], []
    for s in SEEDS:
        m = est(random_state=s, n_jobs=1, **options).fit(x[tr], y[tr])
        scores.append(m.score(x[te], y[te]))
        if options.get("bootstrap", est in (RandomForestClassifier, RandomForestRegressor)):
            mo = est(random_state=s, n_jobs=1, oob_score=True, **options).fit(x[tr], y[tr])
            oob.append(mo.oob_score_)
    return {"dataset": dataset, "estimator": est.__name__, "options": {k: v for k, v in options.items()},
            "test_rows": int(te.sum()), "scores": r(scores, 10), "oob": r(oob, 10)}


out = {"sklearn": sklearn.__version__, "numpy": np.__version__, "seeds": SEEDS,
       "data": {"generated": {"x": xg.tolist(), "y": yg.tolist()},
                "friedman1": {"x": xf.tolist(), "y": yf.tolist()},
                "importance": {"x": xi.tolist(), "y": yi.tolist()},
                "tiefree_reg": {"x": xt.tolist(), "y": yt.tolist()},
                "tiefree_cls": {"x": xtc.tolist(), "y": ytc.tolist()},
                "tiefree_query": {"x": xq.tolist()}}}
out["cases"] = {name: score_case(ds, est, opt) for name, ds, est, opt in CASES}

# Feature importances on the clearly-important case, averaged over the seeds (RF and ET).
imp = {}
for est in (RandomForestClassifier, ExtraTreesClassifier):
    x, y = data["importance"]
    imp[est.__name__] = r(np.mean([est(random_state=s).fit(x, y).feature_importances_ for s in SEEDS], axis=0), 10)
out["importances"] = imp

# Exact cases: all features, no bootstrap -> every tree is the deterministic CART tree.
exact = {}
for name, est, x, y, options in [
    ("rfr_tiefree", RandomForestRegressor, xt, yt, {"min_samples_leaf": 10}),
    ("rfc_tiefree", RandomForestClassifier, xtc, ytc, {"max_depth": 4}),
]:
    preds, imps = set(), set()
    for s in range(100):
        m = est(n_estimators=3, max_features=None, bootstrap=False, random_state=s, **options).fit(x, y)
        p = m.predict_proba(xq) if hasattr(m, "predict_proba") else m.predict(xq)
        preds.add(np.round(p, 12).tobytes())
        imps.add(np.round(m.feature_importances_, 12).tobytes())
    assert len(preds) == 1, f"{name}: splits tie (the data is not tie-free)"
    # Ties between splits that route the queries alike (e.g. in pure subtrees) can still change the importances.
    exact[name] = {"options": options, "prediction": r(p), "importances": r(m.feature_importances_),
                   "importances_stable": len(imps) == 1}
out["exact"] = exact

os.makedirs(OUT, exist_ok=True)
with open(os.path.join(OUT, "forests.json"), "w") as f:
    json.dump(out, f, separators=(",", ":"))
print("wrote", os.path.join(OUT, "forests.json"), os.path.getsize(os.path.join(OUT, "forests.json")), "bytes")
for name, c in out["cases"].items():
    s = np.array(c["scores"])
    o = np.array(c["oob"]) if c["oob"] else np.array([np.nan])
    print(f"{name:28s} score {s.mean():.4f} +- {s.std():.4f}   oob {o.mean():.4f} +- {o.std():.4f}")
