#!/usr/bin/python3
"""Fixtures for NuSVC and NuSVR from scikit-learn 1.2 (libsvm's nu-solver).

Writes tests/reference/fixtures/learn/nusvm/nusvm.json. Run: /usr/bin/python3 tests/reference/sklearn_nusvm.py
Data: iris and breast cancer standardised with StandardScaler, diabetes as shipped (the tests load the same data from
Scratch.ML.Learn.Datasets.SmallDatasets and standardise it with our StandardScaler). Every fit uses tol=1e-10.
"""
import json, os
import numpy as np
import sklearn
from sklearn.datasets import load_iris, load_breast_cancer, load_diabetes
from sklearn.preprocessing import StandardScaler
from sklearn.svm import NuSVC, NuSVR

TOL = 1e-10
out = {"sklearn": sklearn.__version__, "numpy": np.__version__}


def svc_case(model, x):
    xp = x[:60]
    c = {"support": model.support_.tolist(), "n_support": model.n_support_.tolist(),
         "dual_coef": model.dual_coef_.tolist(), "intercept": model.intercept_.tolist(),
         "decision": model.decision_function(xp).tolist(), "predict": model.predict(x).tolist()}
    if len(model.classes_) > 2:
        model.decision_function_shape = "ovo"
        c["decision_ovo"] = model.decision_function(xp).tolist()
        model.decision_function_shape = "ovr"
    return c


datasets = {}
iris = StandardScaler().fit_transform(load_iris().data)
datasets["iris"] = (iris, load_iris().target)
bc = StandardScaler().fit_transform(load_breast_cancer().data)
datasets["breast_cancer"] = (bc, load_breast_cancer().target)

nusvc = {}
for name, (x, y) in datasets.items():
    for kname in ["linear", "rbf"]:
        m = NuSVC(kernel=kname, tol=TOL).fit(x, y)
        nusvc[f"{name}_{kname}"] = svc_case(m, x)
x, y = datasets["iris"]
m = NuSVC(nu=0.2, tol=TOL).fit(x, y)
nusvc["iris_rbf_nu02"] = svc_case(m, x)
sw = 1.0 + (np.arange(len(y)) % 3)
m = NuSVC(nu=0.3, tol=TOL).fit(x, y, sample_weight=sw)
nusvc["iris_weighted"] = svc_case(m, x)
m = NuSVC(nu=0.3, tol=TOL, class_weight={0: 1.0, 1: 2.0, 2: 0.5}).fit(x, y)
nusvc["iris_class_weight"] = svc_case(m, x)
out["nusvc"] = nusvc
# Probabilities (random 5-fold CV inside libsvm: compared loosely) on iris.
m = NuSVC(probability=True, tol=TOL, random_state=0).fit(x, y)
out["nusvc_proba"] = {"proba": m.predict_proba(x).tolist()}
try:
    NuSVC(nu=0.9).fit(x[:60], y[:60])
    out["infeasible"] = ""
except ValueError as e:
    out["infeasible"] = str(e)

dx, dy = load_diabetes(return_X_y=True)
nusvr = {}
for cname, kw in {"rbf": dict(C=100.0, nu=0.5), "linear": dict(kernel="linear", C=1000.0, nu=0.3),
                  "poly": dict(kernel="poly", degree=2, coef0=1.0, C=50.0, nu=0.7),
                  "weighted": dict(C=20.0, nu=0.4)}.items():
    w = 0.5 + (np.arange(len(dy)) % 4) if cname == "weighted" else None
    m = NuSVR(tol=TOL, **kw).fit(dx, dy, sample_weight=w)
    nusvr[cname] = {"support": m.support_.tolist(), "dual_coef": m.dual_coef_.ravel().tolist(),
                    "intercept": float(m.intercept_[0]), "predict": m.predict(dx).tolist()}
out["nusvr"] = nusvr

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "learn", "nusvm", "nusvm.json")
os.makedirs(os.path.dirname(path), exist_ok=True)
with open(path, "w") as fh:
    json.dump(out, fh, separators=(",", ":"))
print(path, os.path.getsize(path))
