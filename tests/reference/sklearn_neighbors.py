#!/usr/bin/python3
"""Fixtures for the brute-force neighbour searches (NearestNeighbors, KNeighborsClassifier, KNeighborsRegressor) from scikit-learn 1.2.

Writes tests/reference/fixtures/learn/neighbors/neighbors.json. Run: /usr/bin/python3 tests/reference/sklearn_neighbors.py
Data are continuous, so distances have no ties (checked below: sklearn's tie order is not specified). The second query set
"xm" holds exact copies of training rows, used only with metrics that give an exact 0 for them (Manhattan, Chebyshev,
Minkowski p = 3), to exercise the zero-distance rule of weights="distance".
"""
import json, os
import numpy as np
import sklearn
from sklearn.neighbors import NearestNeighbors, KNeighborsClassifier, KNeighborsRegressor

rng = np.random.default_rng(20261122)
out = {"sklearn": sklearn.__version__, "numpy": np.__version__}
x = rng.normal(size=(30, 4))
y = np.array([2, 5, 9])[rng.integers(0, 3, 30)]
t = x[:, 0] - 2 * x[:, 1] + rng.normal(scale=0.3, size=30)
t2 = np.stack([t, x[:, 2] ** 2], axis=1)
xq = rng.normal(size=(7, 4))
xm = np.concatenate([x[[3, 17]], rng.normal(size=(2, 4))])
out["data"] = {"x": x.tolist(), "y": y.tolist(), "t": t.tolist(), "t2": t2.tolist(), "xq": xq.tolist(), "xm": xm.tolist()}
K = 4
metrics = {"euclidean": {"metric": "euclidean"}, "manhattan": {"metric": "manhattan"}, "chebyshev": {"metric": "chebyshev"},
           "minkowski3": {"metric": "minkowski", "p": 3}, "cosine": {"metric": "cosine"}}
cases = {}
for name, kw in metrics.items():
    sets = {"xq": xq} if name in ("euclidean", "cosine") else {"xq": xq, "xm": xm}
    for qname, q in sets.items():
        nn = NearestNeighbors(n_neighbors=K, algorithm="brute", **kw).fit(x)
        d, i = nn.kneighbors(q, n_neighbors=K + 1)
        assert np.all(np.diff(d, axis=1) > 1e-9), (name, qname, "tie among the nearest distances")
        c = {"dist": d[:, :K].tolist(), "ind": i[:, :K].tolist()}
        rd, ri = nn.radius_neighbors(q, radius=float(np.mean(d[:, 2])), sort_results=True)
        c["radius"] = float(np.mean(d[:, 2]))
        c["radius_dist"] = [r.tolist() for r in rd]
        c["radius_ind"] = [r.tolist() for r in ri]
        for w in ("uniform", "distance"):
            clf = KNeighborsClassifier(n_neighbors=K, weights=w, algorithm="brute", **kw).fit(x, y)
            reg = KNeighborsRegressor(n_neighbors=K, weights=w, algorithm="brute", **kw).fit(x, t)
            reg2 = KNeighborsRegressor(n_neighbors=K, weights=w, algorithm="brute", **kw).fit(x, t2)
            c[w] = {"proba": clf.predict_proba(q).tolist(), "pred": clf.predict(q).tolist(),
                    "reg": reg.predict(q).tolist(), "reg2": reg2.predict(q).tolist()}
        cases[f"{name}_{qname}"] = c
out["cases"] = cases
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "learn", "neighbors", "neighbors.json")
os.makedirs(os.path.dirname(path), exist_ok=True)
with open(path, "w") as f:
    json.dump(out, f, separators=(",", ":"))
print("wrote", path, os.path.getsize(path), "bytes")
