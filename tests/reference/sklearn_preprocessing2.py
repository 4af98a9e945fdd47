#!/usr/bin/python3
"""Fixtures for Scratch.ML.Learn.Preprocessing from scikit-learn 1.2 (KBinsDiscretizer, QuantileTransformer, FunctionTransformer).

Writes tests/reference/fixtures/learn/preprocessing2/preprocessing2.json.
Run: /usr/bin/python3 tests/reference/sklearn_preprocessing2.py
"""
import json, os, warnings
import numpy as np
import sklearn
from sklearn.preprocessing import KBinsDiscretizer

warnings.simplefilter("ignore")
rng = np.random.default_rng(20261123)
out = {"sklearn": sklearn.__version__, "numpy": np.__version__}

# 17 rows; column 2 constant; column 3 has many repeats (so quantile edges coincide and are removed).
x = rng.normal(size=(17, 4)) * [1.0, 10.0, 0.1, 3.0] + [0.0, 5.0, -1.0, 2.0]
x[:, 2] = -7.25
x[:, 3] = np.array([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 3, 4, 5, 9], dtype=float)
x_new = rng.normal(size=(6, 4)) * 6.0  # partly outside the training range
out["x"] = x.tolist()
out["x_new"] = x_new.tolist()

kb = {}
for tag, kw in [("uniform5", {"n_bins": 5, "strategy": "uniform"}), ("uniform3", {"n_bins": 3, "strategy": "uniform"}),
                ("quantile5", {"n_bins": 5, "strategy": "quantile"}), ("quantile4", {"n_bins": 4, "strategy": "quantile"}),
                ("kmeans3", {"n_bins": 3, "strategy": "kmeans"}), ("kmeans5", {"n_bins": 5, "strategy": "kmeans"})]:
    m = KBinsDiscretizer(encode="ordinal", **kw).fit(x)
    t = m.transform(x)
    inv = m.inverse_transform(t)
    kb[tag] = {"n_bins": m.n_bins_.tolist(),
               "edges": [[None if not np.isfinite(v) else float(v) for v in e] for e in m.bin_edges_],
               "transform": t.tolist(), "transform_new": m.transform(x_new).tolist(),
               "inverse": np.where(np.isnan(inv), None, inv).tolist()}
m = KBinsDiscretizer(n_bins=4, encode="onehot-dense", strategy="quantile").fit(x)
t = m.transform(x)
kb["onehot"] = {"transform": t.tolist(), "transform_new": m.transform(x_new).tolist(), "inverse": np.where(np.isnan(m.inverse_transform(t)), None, m.inverse_transform(t)).tolist()}
out["kbins"] = kb


# QuantileTransformer: a skewed column, a column with ties (runs of equal quantiles), NaN, and a constant column.
from sklearn.preprocessing import QuantileTransformer
from scipy import stats
xq = np.stack([np.exp(rng.normal(size=30)), np.round(rng.normal(size=30) * 1.5), rng.normal(size=30), np.full(30, 2.5)], axis=1)
xqn = xq.copy(); xqn[[3, 17], 0] = np.nan; xqn[9, 2] = np.nan
xq_new = np.concatenate([rng.normal(size=(5, 4)) * 3.0, xq[:2]], axis=0)  # outside the range, and training rows
nan = lambda a: np.where(np.isnan(a), None, a).tolist()
qt = {"x": xq.tolist(), "x_nan": nan(xqn), "x_new": xq_new.tolist(),
      "clip": [stats.norm.ppf(1e-7 - np.spacing(1)), stats.norm.ppf(1 - (1e-7 - np.spacing(1)))]}
for tag, kw, data in [("uniform", {}, xq), ("normal", {"output_distribution": "normal"}, xq),
                      ("uniform10", {"n_quantiles": 10}, xq), ("normal7", {"n_quantiles": 7, "output_distribution": "normal"}, xq),
                      ("nan", {"n_quantiles": 12}, xqn)]:
    m = QuantileTransformer(**kw).fit(data)
    t = m.transform(data)
    z = np.linspace(-0.2, 1.2, 15) if m.output_distribution == "uniform" else np.linspace(-6.0, 6.0, 15)
    zz = np.tile(z[:, None], (1, 4))
    qt[tag] = {"quantiles": m.quantiles_.tolist(), "references": m.references_.tolist(), "transform": nan(t),
               "transform_new": nan(m.transform(xq_new)), "inverse": nan(m.inverse_transform(t)),
               "z": zz.tolist(), "inverse_z": m.inverse_transform(zz).tolist()}
out["quantile"] = qt

# FunctionTransformer: log1p / expm1 (stateless); a bad inverse only warns in scikit-learn (here Fit throws).
from sklearn.preprocessing import FunctionTransformer
xf = np.abs(rng.normal(size=(9, 3))) * [1.0, 5.0, 0.01]
m = FunctionTransformer(np.log1p, np.expm1).fit(xf)
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    FunctionTransformer(np.log1p, np.log1p).fit(xf)
out["function"] = {"x": xf.tolist(), "transform": m.transform(xf).tolist(), "inverse": m.inverse_transform(m.transform(xf)).tolist(),
                   "bad_inverse_warns": any("inverse" in str(x.message) for x in w)}

path = os.path.join(os.path.dirname(__file__), "fixtures", "learn", "preprocessing2", "preprocessing2.json")
with open(path, "w") as f:
    json.dump(out, f)
print("wrote", path)
