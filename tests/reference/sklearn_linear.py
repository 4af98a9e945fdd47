#!/usr/bin/python3
"""Fixtures for Scratch.ML.Learn.LinearModels (Ridge, Lasso, ElasticNet, lasso/enet paths) from scikit-learn 1.2.

Writes tests/reference/fixtures/learn/linear/linear.json. Run: /usr/bin/python3 tests/reference/sklearn_linear.py
"""
import json, os
import numpy as np
import sklearn
from sklearn.linear_model import Ridge, Lasso, ElasticNet, lasso_path, enet_path

rng = np.random.default_rng(20261123)
out = {"sklearn": sklearn.__version__, "numpy": np.__version__}

x = rng.normal(size=(30, 5)) * [1.0, 2.0, 0.5, 1.5, 1.0] + [0.5, -1.0, 2.0, 0.0, 1.0]
y = x @ [1.5, -2.0, 0.0, 0.25, 0.0] + 0.75 + rng.normal(scale=0.3, size=30)
w = rng.uniform(0.1, 3.0, size=30)
y2 = np.stack([y, -0.5 * y + x[:, 2]], axis=1)
xw = rng.normal(size=(8, 12))  # wide: d > n (dual form for Ridge)
yw = xw[:, 0] - 2 * xw[:, 3] + rng.normal(scale=0.1, size=8)
out["data"] = {"x": x.tolist(), "y": y.tolist(), "w": w.tolist(), "y2": y2.tolist(), "xw": xw.tolist(), "yw": yw.tolist()}

def fit(est, xx, yy, **kw):
    m = est.fit(xx, yy, **kw)
    r = {"coef": np.asarray(m.coef_).tolist(), "intercept": np.asarray(m.intercept_).tolist(), "pred": m.predict(xx).tolist()}
    if hasattr(m, "dual_gap_"):
        r["dual_gap"] = np.asarray(m.dual_gap_).tolist()
        r["n_iter"] = np.asarray(m.n_iter_).tolist()
    return r

out["ridge"] = {
    "plain": fit(Ridge(alpha=1.0), x, y),
    "no_intercept": fit(Ridge(alpha=0.3, fit_intercept=False), x, y),
    "weighted": fit(Ridge(alpha=2.0), x, y, sample_weight=w),
    "multi": fit(Ridge(alpha=1.0), x, y2),
    "per_target": fit(Ridge(alpha=np.array([0.5, 5.0])), x, y2),
    "wide": fit(Ridge(alpha=0.7), xw, yw),
    "wide_weighted": fit(Ridge(alpha=0.7, fit_intercept=False), xw, yw, sample_weight=w[:8]),
}
out["lasso"] = {
    "plain": fit(Lasso(alpha=0.1), x, y),
    "strong": fit(Lasso(alpha=1.0), x, y),
    "no_intercept": fit(Lasso(alpha=0.05, fit_intercept=False), x, y),
    "weighted": fit(Lasso(alpha=0.1), x, y, sample_weight=w),
    "positive": fit(Lasso(alpha=0.1, positive=True), x, y),
    "multi": fit(Lasso(alpha=0.1), x, y2),
    "tight": fit(Lasso(alpha=0.1, tol=1e-10, max_iter=100000), x, y),
    "wide": fit(Lasso(alpha=0.05), xw, yw),
}
out["enet"] = {
    "plain": fit(ElasticNet(alpha=0.1, l1_ratio=0.5), x, y),
    "l1_0.2": fit(ElasticNet(alpha=0.3, l1_ratio=0.2), x, y),
    "weighted": fit(ElasticNet(alpha=0.1, l1_ratio=0.7), x, y, sample_weight=w),
    "multi": fit(ElasticNet(alpha=0.1, l1_ratio=0.5), x, y2),
}
alphas, coefs, gaps, iters = lasso_path(x, y, eps=1e-3, n_alphas=20, precompute=False, return_n_iter=True)
out["lasso_path"] = {"alphas": alphas.tolist(), "coefs": coefs.tolist(), "gaps": gaps.tolist(), "n_iter": [int(i) for i in iters]}
alphas, coefs, gaps, iters = enet_path(x, y, l1_ratio=0.5, eps=1e-2, n_alphas=10, precompute=False, return_n_iter=True)
out["enet_path"] = {"alphas": alphas.tolist(), "coefs": coefs.tolist(), "gaps": gaps.tolist(), "n_iter": [int(i) for i in iters]}

path = os.path.join(os.path.dirname(__file__), "fixtures", "learn", "linear", "linear.json")
with open(path, "w") as f:
    json.dump(out, f)
print("wrote", path)
