#!/usr/bin/python3
"""Fixtures for Scratch.ML.Learn.Compose (Pipeline, ColumnTransformer, FeatureUnion) from scikit-learn 1.2.

Writes tests/reference/fixtures/learn/compose/compose.json. Run: /usr/bin/python3 tests/reference/sklearn_compose.py
"""
import json, os
import numpy as np
import sklearn
from sklearn.pipeline import Pipeline, FeatureUnion, make_pipeline
from sklearn.compose import ColumnTransformer
from sklearn.preprocessing import StandardScaler, PolynomialFeatures, MinMaxScaler
from sklearn.linear_model import Ridge, LogisticRegression

rng = np.random.default_rng(20261123)
out = {"sklearn": sklearn.__version__, "numpy": np.__version__}

# Pipeline(StandardScaler, PolynomialFeatures(2), Ridge(alpha=0.5)): fit on 30 rows, predict 10 new rows.
x = rng.normal(size=(30, 3)) * [1.0, 4.0, 0.5] + [0.0, 3.0, -1.0]
y = x[:, 0] * x[:, 1] - 0.5 * x[:, 2] ** 2 + rng.normal(scale=0.1, size=30)
xt = rng.normal(size=(10, 3)) * [1.0, 4.0, 0.5] + [0.0, 3.0, -1.0]
p = Pipeline([("scaler", StandardScaler()), ("poly", PolynomialFeatures(2)), ("ridge", Ridge(alpha=0.5))]).fit(x, y)
out["pipeline"] = {"x": x.tolist(), "y": y.tolist(), "x_test": xt.tolist(), "pred": p.predict(xt).tolist(),
                   "coef": p.named_steps["ridge"].coef_.tolist(), "intercept": float(p.named_steps["ridge"].intercept_),
                   "names": [n for n, _ in make_pipeline(StandardScaler(), PolynomialFeatures(), Ridge()).steps]}

# Pipeline(StandardScaler, LogisticRegression): probabilities on 3 classes.
xc = rng.normal(size=(45, 4))
yc = np.repeat([0, 1, 2], 15)
xc[yc == 1] += [2.0, 0.0, 1.0, 0.0]
xc[yc == 2] += [0.0, 2.0, 0.0, -1.0]
pc = Pipeline([("scaler", StandardScaler()), ("logreg", LogisticRegression(C=0.7, tol=1e-10, max_iter=100000))]).fit(xc, yc)
out["classifier"] = {"x": xc.tolist(), "y": yc.tolist(), "proba": pc.predict_proba(xc).tolist(), "pred": pc.predict(xc).tolist()}

# ColumnTransformer: scale columns 0 and 2, pass column 3 through, drop column 1 (remainder drop / passthrough).
xm = rng.normal(size=(12, 5)) * [2.0, 1.0, 0.3, 5.0, 1.0] + [1.0, 0.0, -2.0, 4.0, 0.5]
ct = ColumnTransformer([("num", StandardScaler(), [0, 2]), ("keep", "passthrough", [3]), ("gone", "drop", [1])], remainder="drop").fit(xm)
ct2 = ColumnTransformer([("num", StandardScaler(), [0, 2]), ("mm", MinMaxScaler(), [3, 0])], remainder="passthrough").fit(xm)
out["column_transformer"] = {"x": xm.tolist(), "drop": ct.transform(xm).tolist(), "passthrough": ct2.transform(xm).tolist()}

# FeatureUnion(StandardScaler, MinMaxScaler).
fu = FeatureUnion([("std", StandardScaler()), ("minmax", MinMaxScaler())]).fit(xm)
out["feature_union"] = {"x": xm.tolist(), "transform": fu.transform(xm).tolist()}

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "learn", "compose", "compose.json")
os.makedirs(os.path.dirname(path), exist_ok=True)
with open(path, "w") as f:
    json.dump(out, f)
print("wrote", path)
