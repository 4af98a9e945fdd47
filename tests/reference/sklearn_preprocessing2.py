#!/usr/bin/python3
"""Fixtures for Scratch.ML.Learn.Preprocessing from scikit-learn 1.2 (KBinsDiscretizer).

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
                ("quantile5", {"n_bins": 5, "strategy": "quantile"}), ("quantile4", {"n_bins": 4, "strategy": "quantile"})]:
    m = KBinsDiscretizer(encode="ordinal", **kw).fit(x)
    t = m.transform(x)
    inv = m.inverse_transform(t)
    kb[tag] = {"n_bins": m.n_bins_.tolist(),
               "edges": [[None if not np.isfinite(v) else float(v) for v in e] for e in m.bin_edges_],
               "transform": t.tolist(), "transform_new": m.transform(x_new).tolist(),
               "inverse": np.where(np.isnan(inv), None, inv).tolist()}
out["kbins"] = kb

path = os.path.join(os.path.dirname(__file__), "fixtures", "learn", "preprocessing2", "preprocessing2.json")
with open(path, "w") as f:
    json.dump(out, f)
print("wrote", path)
