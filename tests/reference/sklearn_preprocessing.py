#!/usr/bin/python3
"""Fixtures for Scratch.ML.Learn.Preprocessing from scikit-learn 1.2 (MinMaxScaler, MaxAbsScaler, RobustScaler,
Normalizer, Binarizer, PolynomialFeatures, SimpleImputer, PowerTransformer).

Writes tests/reference/fixtures/learn/preprocessing/preprocessing.json.
Run: /usr/bin/python3 tests/reference/sklearn_preprocessing.py
"""
import json, os
import numpy as np
import sklearn
from sklearn.preprocessing import MinMaxScaler, MaxAbsScaler, RobustScaler, Normalizer, Binarizer, PolynomialFeatures

rng = np.random.default_rng(20261122)
out = {"sklearn": sklearn.__version__, "numpy": np.__version__}

# 13 rows (odd, so percentiles interpolate), a constant column and an outlier.
x = rng.normal(size=(13, 4)) * [1.0, 10.0, 0.1, 3.0] + [0.0, 5.0, -1.0, 2.0]
x[:, 2] = -7.25
x[3, 3] = 40.0
x_new = rng.normal(size=(5, 4)) * 4.0  # partly outside the training range (for clip)
out["x"] = x.tolist()
out["x_new"] = x_new.tolist()

def t(m, a):
    return m.transform(a).tolist()

mm = {}
for tag, kw in [("default", {}), ("range", {"feature_range": (-2.0, 3.5)}), ("clip", {"feature_range": (-1.0, 1.0), "clip": True})]:
    m = MinMaxScaler(**kw).fit(x)
    mm[tag] = {"data_min": m.data_min_.tolist(), "data_max": m.data_max_.tolist(), "scale": m.scale_.tolist(),
               "min": m.min_.tolist(), "transform": t(m, x), "transform_new": t(m, x_new)}
out["minmax"] = mm

m = MaxAbsScaler().fit(x)
xz = x.copy(); xz[:, 2] = 0.0
mz = MaxAbsScaler().fit(xz)
out["maxabs"] = {"max_abs": m.max_abs_.tolist(), "scale": m.scale_.tolist(), "transform": t(m, x),
                 "transform_new": t(m, x_new), "zero_col_scale": mz.scale_.tolist()}

rb = {}
for tag, kw in [("default", {}), ("q10_80", {"quantile_range": (10.0, 80.0)}), ("no_center", {"with_centering": False}),
                ("no_scale", {"with_scaling": False}), ("unit_variance", {"unit_variance": True, "quantile_range": (10.0, 90.0)})]:
    m = RobustScaler(**kw).fit(x)
    rb[tag] = {"center": (m.center_.tolist() if m.center_ is not None else None),
               "scale": (m.scale_.tolist() if m.scale_ is not None else None), "transform": t(m, x)}
xn = x.copy(); xn[1, 0] = np.nan; xn[5, 0] = np.nan; xn[7, 3] = np.nan
m = RobustScaler().fit(xn)
rb["nan"] = {"x": np.where(np.isnan(xn), None, xn).tolist(), "center": m.center_.tolist(), "scale": m.scale_.tolist(),
             "transform": np.where(np.isnan(m.transform(xn)), None, m.transform(xn)).tolist()}
out["robust"] = rb

xr = x.copy(); xr[4, :] = 0.0  # a zero row stays zero
out["normalizer"] = {"x": xr.tolist(), **{norm: Normalizer(norm=norm).fit(xr).transform(xr).tolist() for norm in ["l1", "l2", "max"]}}

out["binarizer"] = {"default": Binarizer().fit(x).transform(x).tolist(), "t1_5": Binarizer(threshold=1.5).fit(x).transform(x).tolist()}

xp = x[:6, :3]
poly = {"x": xp.tolist()}
for tag, kw in [("default", {}), ("deg3", {"degree": 3}), ("interaction", {"degree": 3, "interaction_only": True}),
                ("no_bias", {"include_bias": False}), ("range", {"degree": (2, 3), "include_bias": False}), ("range_bias", {"degree": (2, 3), "include_bias": True}),
                ("deg0", {"degree": 0})]:
    m = PolynomialFeatures(**kw).fit(xp)
    poly[tag] = {"powers": m.powers_.tolist(), "names": list(m.get_feature_names_out()), "transform": t(m, xp)}
poly["names_abc"] = list(PolynomialFeatures(degree=3).fit(xp).get_feature_names_out(["a", "b", "c"]))
out["poly"] = poly

from sklearn.impute import SimpleImputer
xi = np.round(rng.normal(size=(11, 4)) * 2.0, 1)  # rounded so most_frequent has repeats
xi[[0, 3, 4], 0] = np.nan; xi[[2, 9], 2] = np.nan
xi[5, 1] = xi[6, 1] = 1.5; xi[7, 1] = xi[8, 1] = -0.5  # a tie: the smaller value wins
xe = xi.copy(); xe[:, 3] = np.nan  # an all-missing column
xq = rng.normal(size=(3, 4)); xq[0, :] = np.nan; xq[2, 2] = np.nan
nan = lambda a: np.where(np.isnan(a), None, a).tolist()
imp = {"x": nan(xi), "x_empty": nan(xe), "x_new": nan(xq)}
for s in ["mean", "median", "most_frequent", "constant"]:
    for tag, kw, data in [("", {}, xi), ("_empty", {}, xe), ("_keep", {"keep_empty_features": True}, xe)]:
        if s == "constant": kw = dict(kw, fill_value=-3.5)
        m = SimpleImputer(strategy=s, **kw).fit(data)
        imp[s + tag] = {"statistics": nan(m.statistics_), "transform": m.transform(data).tolist(), "transform_new": m.transform(xq).tolist()}
out["imputer"] = imp

from sklearn.preprocessing import PowerTransformer
from scipy import stats
xs = np.stack([np.exp(rng.normal(size=40)) - 0.5, -np.exp(rng.normal(scale=0.7, size=40)) + 1.0, rng.normal(size=40) * 3.0], axis=1)
pw = {"x": xs.tolist()}
for tag, kw in [("standardize", {}), ("plain", {"standardize": False})]:
    m = PowerTransformer(**kw).fit(xs)
    pw[tag] = {"lambdas": m.lambdas_.tolist(), "transform": m.transform(xs).tolist()}
xsn = xs.copy(); xsn[[2, 11, 30], 0] = np.nan; xsn[5, 2] = np.nan
m = PowerTransformer().fit(xsn)
pw["nan"] = {"x": np.where(np.isnan(xsn), None, xsn).tolist(), "lambdas": m.lambdas_.tolist(),
             "transform": np.where(np.isnan(m.transform(xsn)), None, m.transform(xsn)).tolist()}
grid = np.array([-3.0, -1.0, -0.25, 0.0, 0.5, 2.0, 7.5])
pw["grid"] = grid.tolist()
pw["fixed"] = {str(l): stats.yeojohnson(grid, lmbda=l).tolist() for l in [-1.5, 0.0, 0.7, 1.0, 2.0, 3.25]}
out["power"] = pw

path = os.path.join(os.path.dirname(__file__), "fixtures", "learn", "preprocessing", "preprocessing.json")
with open(path, "w") as f:
    json.dump(out, f)
print("wrote", path)
