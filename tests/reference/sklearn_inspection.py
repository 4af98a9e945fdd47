#!/usr/bin/python3
"""Fixtures for Scratch.ML.Learn.Inspection (permutation importance, partial dependence) from scikit-learn 1.2.

Writes tests/reference/fixtures/learn/inspection/inspection.json. Run: /usr/bin/python3 tests/reference/sklearn_inspection.py

Permutation importance: NumPy's permutations cannot be reproduced by our Philox generator, so besides sklearn's
importances each case exports the exact effective permutations sklearn applied (replaying its RandomState logic:
one seed drawn for all features, optional row subset, then n_repeats in-place shuffles that compound), for the
exact test of our per-permutation scoring; the means are compared separately within statistical margins.
Partial dependence: brute force on LinearRegression/KNeighbors (exactly reproducible models) and on
LogisticRegression (coefficients exported, so the C# test evaluates the same function), plus the recursion method
on a DecisionTreeRegressor and a GradientBoostingRegressor whose trees are exported node by node.
"""
import json, os
import numpy as np
import sklearn
from sklearn.datasets import load_diabetes, load_iris, load_breast_cancer
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor
from sklearn.tree import DecisionTreeRegressor
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.inspection import permutation_importance, partial_dependence
from sklearn.ensemble._bagging import _generate_indices

out = {"sklearn": sklearn.__version__, "numpy": np.__version__}
diab = load_diabetes()
iris = load_iris()
bc = load_breast_cancer()
xd, yd = diab.data, diab.target
xi, yi = iris.data, iris.target
xb, yb = bc.data[:200, :4], bc.target[:200]


def replay_permutations(n, n_repeats, random_state, max_samples):
    """The row subset and the effective permutation of each repeat, exactly as sklearn 1.2 draws them."""
    rs = np.random.RandomState(random_state)
    seed = rs.randint(np.iinfo(np.int32).max + 1)
    if not isinstance(max_samples, int):
        max_samples = int(max_samples * n)
    r = np.random.RandomState(seed)
    rows = None
    if max_samples < n:
        rows = _generate_indices(random_state=r, bootstrap=False, n_population=n, n_samples=max_samples)
    m = n if rows is None else len(rows)
    idx = np.arange(m)
    eff = np.arange(m)
    perms = []
    for _ in range(n_repeats):
        r.shuffle(idx)
        eff = eff[idx]
        perms.append(eff.tolist())
    return (None if rows is None else rows.tolist()), perms


pi = {}
def pi_case(name, est, x, y, scoring, n_repeats, seed, max_samples=1.0, sample_weight=None, long_repeats=40):
    res = permutation_importance(est, x, y, scoring=scoring, n_repeats=n_repeats, random_state=seed,
                                 max_samples=max_samples, sample_weight=sample_weight)
    rows, perms = replay_permutations(x.shape[0], n_repeats, seed, max_samples)
    long = permutation_importance(est, x, y, scoring=scoring, n_repeats=long_repeats, random_state=seed,
                                  max_samples=max_samples, sample_weight=sample_weight)
    pi[name] = {"scoring": scoring, "n_repeats": n_repeats, "max_samples": max_samples,
                "sample_weight": None if sample_weight is None else sample_weight.tolist(),
                "rows": rows, "perms": perms, "importances": res.importances.tolist(),
                "mean": res.importances_mean.tolist(), "std": res.importances_std.tolist(),
                "long_repeats": long_repeats, "long_mean": long.importances_mean.tolist(), "long_std": long.importances_std.tolist()}

lin = LinearRegression().fit(xd, yd)
pi_case("diabetes_linear_r2", lin, xd, yd, None, 5, 0)
pi_case("diabetes_linear_negmse_half", lin, xd, yd, "neg_mean_squared_error", 4, 1, max_samples=0.5)
knn_i = KNeighborsClassifier(5).fit(xi, yi)
wi = 1.0 + (np.arange(len(yi)) % 3)
pi_case("iris_knn_accuracy_weighted", knn_i, xi, yi, "accuracy", 5, 2, sample_weight=wi)
knn_b = KNeighborsClassifier(7).fit(xb, yb)
pi_case("bc_knn_rocauc", knn_b, xb, yb, "roc_auc", 3, 3)
pi_case("bc_knn_neglogloss", knn_b, xb, yb, "neg_log_loss", 3, 4)
out["permutation"] = pi

pd = {}
def pd_case(name, est, x, features, kind="average", grid_resolution=100, percentiles=(0.05, 0.95), method="brute",
            categorical=None, extra=None):
    r = partial_dependence(est, x, features, kind=kind, grid_resolution=grid_resolution, percentiles=percentiles,
                           method=method, categorical_features=categorical)
    c = {"features": list(features) if isinstance(features, (list, tuple)) else [features], "kind": kind,
         "grid_resolution": grid_resolution, "percentiles": list(percentiles), "method": method,
         "categorical": categorical, "values": [v.tolist() for v in r["values"]]}
    if kind in ("average", "both"): c["average"] = np.asarray(r["average"]).ravel().tolist(); c["shape"] = list(np.asarray(r["average"]).shape)
    if kind in ("individual", "both"): c["individual"] = np.asarray(r["individual"]).ravel().tolist(); c["ishape"] = list(np.asarray(r["individual"]).shape)
    if extra: c.update(extra)
    pd[name] = c

# Small row subsets keep the fixture small; the C# side slices the shipped datasets identically.
xd60 = xd[:60]
pd_case("diabetes_linear_bmi", lin, xd60, [2], kind="both", grid_resolution=20)
pd_case("diabetes_linear_sex", lin, xd60, [1], kind="average")                       # 2 unique values -> unique grid
pd_case("diabetes_linear_pair", lin, xd60, [(2, 8)], kind="average", grid_resolution=7, percentiles=(0.1, 0.9))
pd_case("diabetes_linear_cat", lin, xd60, [1], kind="individual", categorical=[1])
knr = KNeighborsRegressor(4).fit(xd, yd)
pd_case("diabetes_knnreg_bmi", knr, xd60, [2], kind="both", grid_resolution=12)
logi = LogisticRegression(max_iter=1000).fit(xi, yi)
pd_case("iris_logistic_petal", logi, xi[::3], [2], kind="average", grid_resolution=10,
        extra={"coef": logi.coef_.tolist(), "intercept": logi.intercept_.tolist()})
pd_case("iris_logistic_pair", logi, xi[::3], [(0, 3)], kind="both", grid_resolution=3,
        extra={"coef": logi.coef_.tolist(), "intercept": logi.intercept_.tolist()})
pd_case("bc_knn_binary", knn_b, xb[:80], [0], kind="both", grid_resolution=15)
pd_case("iris_knn_multiclass", knn_i, xi[::5], [3], kind="average", grid_resolution=8)


def export_tree(t):
    return {"left": t.children_left.tolist(), "right": t.children_right.tolist(), "feature": t.feature.tolist(),
            "threshold": t.threshold.tolist(), "value": t.value[:, 0, 0].tolist(),
            "n": t.n_node_samples.tolist(), "w": t.weighted_n_node_samples.tolist(), "impurity": t.impurity.tolist()}

dt = DecisionTreeRegressor(max_depth=4, random_state=0).fit(xd, yd)
pd_case("diabetes_tree_recursion", dt, xd60, [2], kind="average", grid_resolution=10, method="recursion",
        extra={"trees": [export_tree(dt.tree_)]})
pd_case("diabetes_tree_recursion_pair", dt, xd60, [(2, 8)], kind="average", grid_resolution=6, method="recursion",
        extra={"trees": [export_tree(dt.tree_)]})
gb = GradientBoostingRegressor(n_estimators=6, max_depth=2, learning_rate=0.3, random_state=0).fit(xd, yd)
pd_case("diabetes_gb_recursion", gb, xd60, [(3, 2)], kind="average", grid_resolution=5, method="recursion",
        extra={"trees": [export_tree(e.tree_) for e in gb.estimators_[:, 0]], "learning_rate": 0.3,
               "init": float(gb.init_.constant_.ravel()[0])})
out["pdp"] = pd
out["checks"] = {"diabetes_x0": xd[0].tolist(), "iris_x0": xi[0].tolist(), "bc_x0": xb[0].tolist()}

os.makedirs("tests/reference/fixtures/learn/inspection", exist_ok=True)
with open("tests/reference/fixtures/learn/inspection/inspection.json", "w") as f:
    json.dump(out, f, separators=(",", ":"))
print("wrote", os.path.getsize("tests/reference/fixtures/learn/inspection/inspection.json"), "bytes")
