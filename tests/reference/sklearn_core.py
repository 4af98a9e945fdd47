#!/usr/bin/python3
"""Fixtures for the first Scratch.ML.Learn estimators (StandardScaler, LinearRegression, GaussianNB) from scikit-learn 1.2.

Writes tests/reference/fixtures/learn/core/core.json. Run: /usr/bin/python3 tests/reference/sklearn_core.py
"""
import json, os
import numpy as np
import sklearn
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import LinearRegression

rng = np.random.default_rng(20261122)
out = {"sklearn": sklearn.__version__, "numpy": np.__version__}

x = rng.normal(size=(30, 4)) * [1.0, 10.0, 0.1, 3.0] + [0.0, 5.0, -1.0, 2.0]
x[:, 2] = 7.25  # a constant column: scale must be 1
s = StandardScaler().fit(x)
out["scaler"] = {"x": x.tolist(), "mean": s.mean_.tolist(), "var": s.var_.tolist(), "scale": s.scale_.tolist(),
                 "transform": s.transform(x).tolist()}
s2 = StandardScaler(with_mean=False).fit(x)
out["scaler_no_mean"] = {"transform": s2.transform(x).tolist()}

xr = rng.normal(size=(25, 3))
y = xr @ [1.5, -2.0, 0.25] + 0.75 + rng.normal(scale=0.1, size=25)
w = rng.uniform(0.1, 3.0, size=25)
cases = {}
m = LinearRegression().fit(xr, y)
cases["plain"] = {"coef": m.coef_.tolist(), "intercept": float(m.intercept_), "pred": m.predict(xr).tolist()}
m = LinearRegression(fit_intercept=False).fit(xr, y)
cases["no_intercept"] = {"coef": m.coef_.tolist(), "intercept": float(m.intercept_), "pred": m.predict(xr).tolist()}
m = LinearRegression().fit(xr, y, sample_weight=w)
cases["weighted"] = {"coef": m.coef_.tolist(), "intercept": float(m.intercept_), "pred": m.predict(xr).tolist()}
y2 = np.stack([y, -y + xr[:, 0]], axis=1)
m = LinearRegression().fit(xr, y2)
cases["multi"] = {"y": y2.tolist(), "coef": m.coef_.tolist(), "intercept": m.intercept_.tolist(), "pred": m.predict(xr).tolist()}
xd = np.concatenate([xr, xr[:, :1] * 2.0], axis=1)  # rank deficient: minimum-norm solution
m = LinearRegression().fit(xd, y)
cases["rank_deficient"] = {"x": xd.tolist(), "coef": m.coef_.tolist(), "intercept": float(m.intercept_), "rank": int(m.rank_)}
out["linreg"] = {"x": xr.tolist(), "y": y.tolist(), "w": w.tolist(), "cases": cases}

from sklearn.naive_bayes import GaussianNB
xg = np.concatenate([rng.normal(loc=c, scale=1.0 + c, size=(15, 3)) for c in range(3)])
yg = np.repeat([2, 5, 9], 15)
wg = rng.uniform(0.2, 2.0, size=45)
nb = {"x": xg.tolist(), "y": yg.tolist(), "w": wg.tolist()}
for tag, kw, fit_kw in [("plain", {}, {}), ("weighted", {}, {"sample_weight": wg}), ("priors", {"priors": [0.5, 0.3, 0.2], "var_smoothing": 1e-3}, {})]:
    m = GaussianNB(**kw).fit(xg, yg, **fit_kw)
    nb[tag] = {"theta": m.theta_.tolist(), "var": m.var_.tolist(), "prior": m.class_prior_.tolist(),
               "proba": m.predict_proba(xg).tolist(), "pred": m.predict(xg).tolist()}
out["gaussian_nb"] = nb

path = os.path.join(os.path.dirname(__file__), "fixtures", "learn", "core", "core.json")
with open(path, "w") as f:
    json.dump(out, f)
print("wrote", path)
