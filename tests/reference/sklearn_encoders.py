#!/usr/bin/python3
"""Fixtures for the encoders (OneHot/Ordinal/Label/Target), KNNImputer and Box-Cox vs scikit-learn 1.2 / SciPy 1.10.

TargetEncoder is scikit-learn 1.3 and not in Debian's 1.2: `target_encode` below is a NumPy reference implementation
of the 1.3 documentation (smooth="auto" empirical Bayes or a number; cross-fitting with KFold / StratifiedKFold).
Writes tests/reference/fixtures/learn/encoders/encoders.json.
"""
import json, os, math
import numpy as np
from scipy import special, stats
from sklearn.preprocessing import OneHotEncoder, OrdinalEncoder, LabelEncoder, PowerTransformer
from sklearn.impute import KNNImputer
from sklearn.model_selection import KFold, StratifiedKFold
from sklearn.datasets import load_diabetes

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "learn", "encoders", "encoders.json")


def num(v):
    if v is None:
        return None
    v = float(v)
    return None if math.isnan(v) else v


def table(cols):
    """Column-wise JSON: {"kind": "s"|"n", "values": [...]} (null = None for text, NaN for numbers)."""
    return [{"kind": k, "values": [(None if v is None else v) if k == "s" else num(v) for v in c]} for k, c in cols]


def obj(cols):
    n = len(cols[0][1])
    x = np.empty((n, len(cols)), dtype=object)
    for j, (k, c) in enumerate(cols):
        for i, v in enumerate(c):
            x[i, j] = v if k == "s" else (np.nan if v is None else float(v))
    return x


def inverse_json(x_inv, kinds):
    cols = []
    for j, k in enumerate(kinds):
        vals = []
        for v in x_inv[:, j]:
            if v is None:
                vals.append(None)
            elif k == "s":
                vals.append(str(v))
            else:
                vals.append("infrequent_sklearn" if isinstance(v, str) else num(v))
        cols.append(vals)
    return cols


rng = np.random.RandomState(0)
colors = ["red", "green", "blue", "black", "white"]
train = [
    ("s", [colors[i] for i in rng.choice(5, 40, p=[0.4, 0.3, 0.15, 0.1, 0.05])] ),
    ("n", [float(v) for v in rng.choice([1.0, 2.5, 4.0, 7.0], 40, p=[0.5, 0.3, 0.15, 0.05])]),
    ("s", [["low", "mid", "high", None][i] for i in rng.choice(4, 40, p=[0.4, 0.3, 0.2, 0.1])]),
    ("n", [[0.5, 1.0, None][i] for i in rng.choice(3, 40, p=[0.5, 0.3, 0.2])]),
]
new = [
    ("s", ["red", "purple", "black", "white", "green", "orange"]),
    ("n", [1.0, 3.0, 7.0, 2.5, 9.0, 4.0]),
    ("s", ["mid", "none", None, "low", "high", "top"]),
    ("n", [0.5, None, 2.0, 1.0, 0.5, 3.0]),
]
kinds = [k for k, _ in train]
X, XN = obj(train), obj(new)

onehot = []
for cfg in [
    dict(),
    dict(handle_unknown="ignore"),
    dict(handle_unknown="ignore", drop="first"),
    dict(handle_unknown="ignore", drop="if_binary"),
    dict(drop="first"),
    dict(handle_unknown="infrequent_if_exist", min_frequency=4),
    dict(handle_unknown="infrequent_if_exist", min_frequency=0.15),
    dict(handle_unknown="infrequent_if_exist", max_categories=3),
    dict(handle_unknown="infrequent_if_exist", min_frequency=3, max_categories=2, drop="first"),
    dict(handle_unknown="ignore", max_categories=3),
    dict(handle_unknown="infrequent_if_exist", max_categories=1),
    dict(handle_unknown="ignore", drop=["blue", 2.5, None, np.nan]),
    dict(drop=["red", 1.0, "low", 0.5], min_frequency=4),
]:
    enc = OneHotEncoder(sparse_output=False, **cfg).fit(X)
    case = dict(options={k: ([num(v) if isinstance(v, float) else v for v in o] if isinstance(o, list) else o) for k, o in cfg.items()},
                feature_names=[str(s) for s in enc.get_feature_names_out()],
                transform=enc.transform(X).astype(int).tolist(),
                infrequent=[[] if v is None else [int(i) for i in v]
                            for v in (enc._infrequent_indices if enc._infrequent_enabled else [None] * 4)])
    case["inverse"] = inverse_json(enc.inverse_transform(enc.transform(X)), kinds)
    if cfg.get("handle_unknown", "error") != "error":
        zn = enc.transform(XN)
        case["transform_new"] = zn.astype(int).tolist()
        case["inverse_new"] = inverse_json(enc.inverse_transform(zn), kinds)
    onehot.append(case)

# Numeric (tensor path) with NaN as a category.
xnum = np.array([[1.0, 0.5], [2.0, np.nan], [1.0, 0.5], [3.0, 2.0], [np.nan, np.nan], [2.0, 0.5]])
enc = OneHotEncoder(sparse_output=False, handle_unknown="ignore").fit(xnum)
xnum_new = np.array([[3.0, np.nan], [4.0, 0.5], [np.nan, 7.0]])
onehot_numeric = dict(x=[[num(v) for v in r] for r in xnum], x_new=[[num(v) for v in r] for r in xnum_new],
                      feature_names=[str(s) for s in enc.get_feature_names_out()],
                      transform=enc.transform(xnum).tolist(), transform_new=enc.transform(xnum_new).tolist())

ordinal = []
for cfg in [dict(), dict(handle_unknown="use_encoded_value", unknown_value=-1),
            dict(handle_unknown="use_encoded_value", unknown_value=np.nan, encoded_missing_value=-2)]:
    enc = OrdinalEncoder(**cfg).fit(X)
    case = dict(options={k: num(v) if isinstance(v, float) else v for k, v in cfg.items()},
                transform=[[num(v) for v in r] for r in enc.transform(X)])
    case["inverse"] = inverse_json(enc.inverse_transform(enc.transform(X)), kinds)
    if cfg:
        zn = enc.transform(XN)
        case["transform_new"] = [[num(v) for v in r] for r in zn]
        case["inverse_new"] = inverse_json(enc.inverse_transform(zn), kinds)
    ordinal.append(case)

ys = ["paris", "tokyo", "amsterdam", "paris", "tokyo", "lima"]
yi = [10, -3, 7, 10, 7, 0]
label = dict(strings=ys, string_classes=[str(c) for c in LabelEncoder().fit(ys).classes_],
             string_codes=LabelEncoder().fit_transform(ys).tolist(), ints=yi,
             int_classes=LabelEncoder().fit(yi).classes_.tolist(), int_codes=LabelEncoder().fit_transform(yi).tolist())


def fit_encodings(codes, y, ncats, smooth):
    """scikit-learn 1.3 _fit_encoding_fast(_auto_smooth), codes −1 = unknown."""
    mean, var = np.mean(y), np.var(y)
    out = []
    for j, k in enumerate(ncats):
        c = codes[:, j]
        enc = np.empty(k)
        for cat in range(k):
            yc = y[c == cat]
            if smooth == "auto":
                if yc.size == 0:
                    enc[cat] = mean
                    continue
                m = yc.mean()
                lam = var * yc.size / (var * yc.size + np.sum((yc - m) ** 2) / yc.size)
                enc[cat] = mean if np.isnan(lam) else lam * m + (1 - lam) * mean
            else:
                enc[cat] = (yc.sum() + smooth * mean) / (yc.size + smooth)
        out.append(enc)
    return out, mean


def target_encode(cols, y, new_cols, smooth, binary):
    cats = OrdinalEncoder().fit(obj(cols)).categories_
    ord_ = OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=-1, encoded_missing_value=-7)
    ord_.fit(obj(cols))
    def codes(c):
        z = ord_.transform(obj(c))
        for j, cat in enumerate(cats):  # map the missing category back to its index
            nan_idx = [i for i, v in enumerate(cat) if v is None or (isinstance(v, float) and math.isnan(v))]
            if nan_idx:
                z[z[:, j] == -7, j] = nan_idx[0]
        return z.astype(int)
    cx, cn = codes(cols), codes(new_cols)
    y = np.asarray(y, dtype=float)
    if binary:
        y = LabelEncoder().fit_transform(y).astype(float)
    ncats = [len(c) for c in cats]
    enc, mean = fit_encodings(cx, y, ncats, smooth)
    cv = StratifiedKFold(5) if binary else KFold(5)
    out = np.empty(cx.shape)
    for tr, te in cv.split(cx, y):
        e, m = fit_encodings(cx[tr], y[tr], ncats, smooth)
        for j in range(cx.shape[1]):
            out[te, j] = [m if c < 0 else e[j][c] for c in cx[te, j]]
    tn = np.array([[mean if c < 0 else enc[j][c] for j, c in enumerate(r)] for r in cn])
    return dict(encodings=[e.tolist() for e in enc], target_mean=mean, fit_transform=out.tolist(), transform_new=tn.tolist())


yc = (np.array([{"red": 1.0, "green": -0.5, "blue": 2.0, "black": 0.0, "white": 3.0}[c] for c in train[0][1]])
      + 0.3 * np.array(train[1][1]) + rng.normal(0, 0.7, 40))
yb = (yc + rng.normal(0, 1, 40) > 1.0).astype(float) * 5 + 2  # binary target coded {2, 7}
tcols = [train[0], train[1], train[2]]
tnew = [new[0], new[1], new[2]]
target = dict(y_continuous=yc.tolist(), y_binary=yb.tolist(),
              continuous_auto=target_encode(tcols, yc, tnew, "auto", False),
              continuous_smooth=target_encode(tcols, yc, tnew, 3.0, False),
              binary_auto=target_encode(tcols, yb, tnew, "auto", True))

# KNNImputer on diabetes (first 80 rows fit, next 25 transform) with ~15% injected NaN.
d = load_diabetes().data
xf, xt = d[:80].copy(), d[80:105].copy()
xf[rng.rand(*xf.shape) < 0.15] = np.nan
xt[rng.rand(*xt.shape) < 0.15] = np.nan
xt[3, :] = np.nan
xt[4, :9] = np.nan  # only one coordinate present
# The diabetes features are quantised, so distances over one shared coordinate tie; NumPy's argpartition breaks ties
# in an implementation-defined order (we break them by row index), so this case is jittered to have no ties.
xf_empty = xf[:, [0, 2, 3, 4]] + rng.normal(0, 1e-6, (80, 4))
xf_empty[:, 2] = np.nan
knn = dict(x_fit=[[num(v) for v in r] for r in xf], x_new=[[num(v) for v in r] for r in xt])
for tag, kw in [("uniform5", dict()), ("distance3", dict(n_neighbors=3, weights="distance")),
                ("indicator", dict(n_neighbors=4, add_indicator=True))]:
    imp = KNNImputer(**kw).fit(xf)
    knn[tag] = dict(new=imp.transform(xt).tolist())
    if tag == "uniform5":
        knn[tag]["fit"] = imp.transform(xf).tolist()
imp = KNNImputer(n_neighbors=2).fit(xf_empty)
knn["empty"] = dict(x_fit=[[num(v) for v in r] for r in xf_empty], fit=imp.transform(xf_empty).tolist())

xb = np.exp(rng.normal(0, 0.8, (30, 3))) * np.array([1.0, 10.0, 0.1])
xb[:, 2] += 0.05
box = dict(x=xb.tolist(), x_new=(xb[:5] * 1.3).tolist())
for std in (True, False):
    pt = PowerTransformer(method="box-cox", standardize=std).fit(xb)
    box["standardize" if std else "plain"] = dict(lambdas=pt.lambdas_.tolist(), transform=pt.transform(xb).tolist(),
                                                  transform_new=pt.transform(xb[:5] * 1.3).tolist())
grid = [0.01, 0.3, 1.0, 2.0, 17.5]
box["grid"] = grid
box["fixed"] = {str(l): [float(special.boxcox(g, l)) for g in grid] for l in (-1.5, -1e-7, 0.0, 1e-12, 0.5, 2.0)}
box["scipy_lambda"] = [float(stats.boxcox(xb[:, j])[1]) for j in range(3)]

root = dict(train=table(train), new=table(new), onehot=onehot, onehot_numeric=onehot_numeric, ordinal=ordinal,
            label=label, target=target, knn=knn, boxcox=box)
os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, "w") as f:
    json.dump(root, f, separators=(",", ":"))
print(OUT, os.path.getsize(OUT))
