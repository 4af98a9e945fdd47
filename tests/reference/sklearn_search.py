#!/usr/bin/python3
"""Hyperparameter search references from scikit-learn 1.2: GridSearchCV cv_results_ (Ridge on diabetes, LogisticRegression
on iris, unshuffled KFold / StratifiedKFold), successive-halving schedules (n_candidates_ / n_resources_ per iteration),
learning_curve and validation_curve scores, and a GaussianProcessRegressor posterior with a fixed kernel (optimizer=None).

Writes tests/reference/fixtures/learn/search/search.json. Run: /usr/bin/python3 tests/reference/sklearn_search.py
"""
import json, os, warnings
import numpy as np
import sklearn, scipy
from sklearn.datasets import load_diabetes, load_iris, make_regression
from sklearn.linear_model import Ridge, LogisticRegression
from sklearn.dummy import DummyClassifier
from sklearn.model_selection import (GridSearchCV, KFold, StratifiedKFold, learning_curve, validation_curve)
from sklearn.experimental import enable_halving_search_cv  # noqa: F401
from sklearn.model_selection import HalvingGridSearchCV, HalvingRandomSearchCV
from sklearn.gaussian_process import GaussianProcessRegressor
from sklearn.gaussian_process.kernels import ConstantKernel, Matern, RBF

out = {"sklearn": sklearn.__version__, "numpy": np.__version__, "scipy": scipy.__version__}


def cv_table(gs, scorers):
    r = gs.cv_results_
    t = {"params": [{k: (v.item() if hasattr(v, "item") else v) for k, v in p.items()} for p in r["params"]],
         "best_index": int(gs.best_index_), "best_score": float(gs.best_score_),
         "best_params": {k: (v.item() if hasattr(v, "item") else v) for k, v in gs.best_params_.items()}}
    for s in scorers:
        t["mean_test_" + s] = r["mean_test_" + s].tolist()
        t["std_test_" + s] = r["std_test_" + s].tolist()
        t["rank_test_" + s] = r["rank_test_" + s].tolist()
        if "mean_train_" + s in r:
            t["mean_train_" + s] = r["mean_train_" + s].tolist()
    return t


# Ridge over alpha × fit_intercept on diabetes, KFold(5) unshuffled, r2 and neg MSE, refit by r2.
xd, yd = load_diabetes(return_X_y=True)
grid = {"alpha": [0.001, 0.01, 0.1, 1.0, 10.0, 100.0], "fit_intercept": [True, False]}
gs = GridSearchCV(Ridge(), grid, cv=KFold(5), scoring={"r2": "r2", "neg_mse": "neg_mean_squared_error"}, refit="r2",
                  return_train_score=True).fit(xd, yd)
out["ridge"] = cv_table(gs, ["r2", "neg_mse"])

# LogisticRegression over C on iris, StratifiedKFold(5) unshuffled, accuracy and neg log loss, refit by accuracy.
xi, yi = load_iris(return_X_y=True)
grid = {"C": [0.01, 0.1, 1.0, 10.0, 100.0]}
gs = GridSearchCV(LogisticRegression(tol=1e-10, max_iter=10000), grid, cv=StratifiedKFold(5),
                  scoring={"accuracy": "accuracy", "neg_log_loss": "neg_log_loss"}, refit="accuracy").fit(xi, yi)
out["logistic"] = cv_table(gs, ["accuracy", "neg_log_loss"])

# Successive-halving schedules (independent of which candidates survive).
sched = []
xr, yr = make_regression(n_samples=1000, n_features=3, random_state=0)
ycls = (np.arange(1000) % 3)
for kind, n_cand, n, factor, min_res in [("regressor", 10, 1000, 3, "exhaust"), ("regressor", 30, 1000, 3, "smallest"),
                                          ("regressor", 7, 200, 2, "exhaust"), ("regressor", 100, 500, 3, "exhaust"),
                                          ("classifier", 20, 900, 3, "exhaust"), ("classifier", 9, 300, 3, "smallest"),
                                          ("regressor", 50, 1000, 4, 25), ("regressor", 1, 100, 3, "exhaust")]:
    if kind == "regressor":
        est, grid, y = Ridge(), {"alpha": list(np.logspace(-3, 3, n_cand))}, yr[:n]
    else:
        est, grid, y = DummyClassifier(), {"random_state": list(range(n_cand))}, ycls[:n]
    h = HalvingGridSearchCV(est, grid, factor=factor, min_resources=min_res, cv=5, random_state=0).fit(xr[:n], y)
    sched.append({"kind": kind, "candidates": n_cand, "n": n, "factor": factor, "min_resources": min_res,
                  "classes": 3 if kind == "classifier" else 0, "folds": 5,
                  "min_resources_": int(h.min_resources_), "max_resources_": int(h.max_resources_),
                  "n_required_iterations_": int(h.n_required_iterations_), "n_possible_iterations_": int(h.n_possible_iterations_),
                  "n_candidates_": [int(c) for c in h.n_candidates_], "n_resources_": [int(r) for r in h.n_resources_]})
# HalvingRandomSearchCV with n_candidates="exhaust": first-round count = max_resources // smallest min_resources.
h = HalvingRandomSearchCV(Ridge(), {"alpha": scipy.stats.loguniform(1e-3, 1e3)}, cv=5, random_state=0).fit(xr[:1000], yr[:1000])
out["halving_random"] = {"n": 1000, "folds": 5, "n_candidates_": [int(c) for c in h.n_candidates_], "n_resources_": [int(r) for r in h.n_resources_]}
out["halving"] = sched

# Learning curve: Ridge(alpha=0.1) on diabetes, KFold(5), default fractions and explicit counts.
sizes, tr, te = learning_curve(Ridge(alpha=0.1), xd, yd, cv=KFold(5))
out["learning_curve"] = {"sizes": sizes.tolist(), "train": tr.tolist(), "test": te.tolist()}
sizes, tr, te = learning_curve(Ridge(alpha=0.1), xd, yd, cv=KFold(5), train_sizes=[50, 100, 200, 100])
out["learning_curve_counts"] = {"sizes": sizes.tolist(), "train": tr.tolist(), "test": te.tolist()}
# Validation curves: Ridge alpha on diabetes (r2), LogisticRegression C on iris (accuracy).
tr, te = validation_curve(Ridge(), xd, yd, param_name="alpha", param_range=[0.01, 0.1, 1.0, 10.0], cv=KFold(5))
out["validation_ridge"] = {"values": [0.01, 0.1, 1.0, 10.0], "train": tr.tolist(), "test": te.tolist()}
tr, te = validation_curve(LogisticRegression(tol=1e-10, max_iter=10000), xi, yi, param_name="C", param_range=[0.01, 1.0, 100.0], cv=StratifiedKFold(5))
out["validation_logistic"] = {"values": [0.01, 1.0, 100.0], "train": tr.tolist(), "test": te.tolist()}

# GP posterior with fixed hyperparameters (no optimisation, no y normalisation); noise via alpha (latent variance).
rng = np.random.default_rng(3)
xg = rng.uniform(size=(12, 2))
yg = np.sin(3 * xg[:, 0]) + np.cos(2 * xg[:, 1]) + 0.05 * rng.normal(size=12)
xs = rng.uniform(size=(6, 2))
gps = []
for name, base in [("Matern52", Matern(length_scale=0.4, nu=2.5)), ("Rbf", RBF(length_scale=0.3))]:
    k = ConstantKernel(1.7, constant_value_bounds="fixed") * base
    gp = GaussianProcessRegressor(kernel=k, alpha=1e-3, optimizer=None, normalize_y=False).fit(xg, yg)
    mean, std = gp.predict(xs, return_std=True)
    gps.append({"kernel": name, "length_scale": 0.4 if name == "Matern52" else 0.3, "signal_variance": 1.7, "noise": 1e-3,
                "x": xg.tolist(), "y": yg.tolist(), "xs": xs.tolist(), "mean": mean.tolist(), "var": (std ** 2).tolist(),
                "lml": float(gp.log_marginal_likelihood_value_)})
out["gp"] = gps

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "learn", "search", "search.json")
os.makedirs(os.path.dirname(path), exist_ok=True)
with open(path, "w") as f:
    json.dump(out, f, indent=1)
print("wrote", path)
