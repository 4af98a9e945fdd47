#!/usr/bin/python3
"""Fixtures for KDTree/BallTree, the Algorithm option and the radius estimators, from scikit-learn 1.2.

Writes tests/reference/fixtures/learn/neighbors2/neighbors2.json. Run: /usr/bin/python3 tests/reference/sklearn_neighbors2.py
Datasets: iris (train = rows i % 5 != 0, queries = rows i % 5 == 0), digits (train = rows 0..499, queries = rows
1700..1719), and a synthetic Gaussian set stored in the file. iris and digits have many tied distances, whose order
scikit-learn does not specify: the tests compare distances everywhere and indices only where the distance is
separated from its neighbours in the list ("distinct" below). Every case is computed with algorithm="brute"; the
script checks that kd_tree and ball_tree give the same distances (cosine: brute only), so the tests run all our
algorithms against the one reference. NaN (empty radius neighbourhoods) is written as null.
"""
import json, os
import numpy as np
import sklearn
from sklearn.datasets import load_iris, load_digits
from sklearn.neighbors import NearestNeighbors, KDTree, BallTree, RadiusNeighborsClassifier, RadiusNeighborsRegressor

rng = np.random.default_rng(20261123)
out = {"sklearn": sklearn.__version__, "numpy": np.__version__}
iris = load_iris().data
digits = load_digits().data
# Rounded to 4 decimals to keep the file small (the rounded values are what both sides use).
syn = np.round(rng.normal(size=(400, 3)) * np.array([1.0, 2.0, 0.5]), 4)
synq = np.round(rng.normal(size=(25, 3)) * np.array([1.0, 2.0, 0.5]), 4)
sets = {
    "iris": (iris[np.arange(150) % 5 != 0], iris[np.arange(150) % 5 == 0]),
    "digits": (digits[:500], digits[1700:1720]),
    "synthetic": (syn, synq),
}
out["synthetic"] = {"x": syn.tolist(), "q": synq.tolist()}
K = 5
metrics = {"euclidean": {"metric": "euclidean"}, "manhattan": {"metric": "manhattan"}, "chebyshev": {"metric": "chebyshev"},
           "minkowski3": {"metric": "minkowski", "p": 3}, "cosine": {"metric": "cosine"}}


def clean_radius(d, r):
    """Moves r off every distance (a distance equal to r is a tie between 'in' and 'out' under rounding)."""
    while np.any(np.abs(d - r) < 1e-9 * max(1.0, r)):
        r *= 1.0001
    return float(r)


cases = {}
for dname, (x, q) in sets.items():
    for mname, kw in metrics.items():
        nn = NearestNeighbors(algorithm="brute", **kw).fit(x)
        d, i = nn.kneighbors(q, n_neighbors=K + 1)
        if mname != "cosine":
            for algo, tree in (("kd_tree", KDTree), ("ball_tree", BallTree)):
                d2, _ = NearestNeighbors(algorithm=algo, **kw).fit(x).kneighbors(q, n_neighbors=K + 1)
                assert np.allclose(d, d2, rtol=1e-12, atol=1e-12), (dname, mname, algo)
                t = tree(x, leaf_size=40, **kw)
                d3, _ = t.query(q, k=K + 1)
                assert np.allclose(d, d3, rtol=1e-12, atol=1e-12), (dname, mname, "tree class")
        allx = nn.kneighbors(q, n_neighbors=len(x))[0]
        r = clean_radius(allx, float(np.median(d[:, 2])))
        rd, ri = nn.radius_neighbors(q, radius=r, sort_results=True)
        if mname != "cosine":
            td, ti = KDTree(x, **kw).query_radius(q, r=r, return_distance=True, sort_results=True)
            assert all(len(a) == len(b) for a, b in zip(ti, ri)), (dname, mname, "kd radius")
        cases[f"{dname}_{mname}"] = {"dist": d.tolist(), "ind": i.tolist(), "radius": r,
                                     "radius_dist": [v.tolist() for v in rd], "radius_ind": [v.tolist() for v in ri]}
out["cases"] = cases

# Radius classifier on iris, with two far-away queries (outliers) appended. iris has one decimal, so Euclidean distances are
# square roots of multiples of 0.01 and Manhattan ones multiples of 0.1: radii 0.65 and 1.55 are never on a boundary.
x, q = sets["iris"]
y = load_iris().target[np.arange(150) % 5 != 0]
qo = np.concatenate([q, [[10.0, 10.0, 10.0, 10.0], [-5.0, 0.0, 0.0, 1.0]]])
out["iris_queries_with_outliers"] = qo.tolist()
out["iris_y"] = y.tolist()
clf = {}
for mname in ("euclidean", "manhattan"):
    for w in ("uniform", "distance"):
        for label_name, label in (("most_frequent", "most_frequent"), ("7", 7), ("1", 1)):
            m = RadiusNeighborsClassifier(radius=0.65, weights=w, metric=mname, outlier_label=label, algorithm="brute").fit(x, y)
            clf[f"{mname}_{w}_{label_name}"] = {"proba": m.predict_proba(qo).tolist(), "pred": m.predict(qo).tolist()}
        m = RadiusNeighborsClassifier(radius=1.55, weights=w, metric=mname, algorithm="brute").fit(x, y)
        clf[f"{mname}_{w}_none"] = {"proba": m.predict_proba(q).tolist(), "pred": m.predict(q).tolist()}
out["radius_classifier"] = clf

# Radius regressor on the synthetic set: some queries have no neighbour within 0.35 (NaN, written as null).
t = np.round(syn[:, 0] - 2 * syn[:, 1] + rng.normal(scale=0.1, size=len(syn)), 4)
t2 = np.stack([t, syn[:, 2] ** 2], axis=1)
out["synthetic"]["t"] = t.tolist()
out["synthetic"]["t2"] = t2.tolist()
reg = {}
for mname in ("euclidean", "chebyshev", "minkowski3"):
    for w in ("uniform", "distance"):
        kw = metrics[mname]
        with np.errstate(all="ignore"):
            import warnings
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                p1 = RadiusNeighborsRegressor(radius=0.35, weights=w, algorithm="brute", **kw).fit(syn, t).predict(synq)
                p2 = RadiusNeighborsRegressor(radius=0.35, weights=w, algorithm="brute", **kw).fit(syn, t2).predict(synq)
        reg[f"{mname}_{w}"] = {"pred": [None if np.isnan(v) else float(v) for v in p1],
                               "pred2": [[None if np.isnan(v) else float(v) for v in row] for row in p2]}
        assert np.isnan(p1).any() and not np.isnan(p1).all(), (mname, w, "want some empty neighbourhoods")
out["radius_regressor"] = reg

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "learn", "neighbors2", "neighbors2.json")
os.makedirs(os.path.dirname(path), exist_ok=True)
with open(path, "w") as f:
    json.dump(out, f, separators=(",", ":"))
print("wrote", path, os.path.getsize(path), "bytes")
