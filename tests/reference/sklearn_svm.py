#!/usr/bin/python3
"""Fixtures for the kernel SVMs (SVC, SVR) from scikit-learn 1.2 (libsvm).

Writes tests/reference/fixtures/learn/svm/svm.json. Run: /usr/bin/python3 tests/reference/sklearn_svm.py
Data: iris and breast cancer standardised with StandardScaler, diabetes as shipped; the tests load the same data from
Scratch.ML.Learn.Datasets.SmallDatasets and standardise it with our StandardScaler (column sums are stored as a check).
Every fit uses tol=1e-10 so that the solutions are converged far below the comparison tolerances.
"""
import json, os
import numpy as np
import sklearn
from sklearn.datasets import load_iris, load_breast_cancer, load_diabetes
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC, SVR, OneClassSVM
from sklearn.calibration import _sigmoid_calibration

TOL = 1e-10
out = {"sklearn": sklearn.__version__, "numpy": np.__version__}


def svc_case(model, x, k_predict=None):
    xp = x if k_predict is None else k_predict
    c = {"support": model.support_.tolist(), "n_support": model.n_support_.tolist(),
         "dual_coef": model.dual_coef_.tolist(), "intercept": model.intercept_.tolist(),
         "decision": model.decision_function(xp).tolist(), "predict": model.predict(xp).tolist()}
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
out["checks"] = {k: v[0].sum(axis=0).tolist() for k, v in datasets.items()}

kernels = {"linear": {}, "poly": {"degree": 3, "coef0": 1.0}, "rbf": {}, "sigmoid": {"gamma": 0.01, "coef0": 0.5}}
svc = {}
for name, (x, y) in datasets.items():
    for kname, kw in kernels.items():
        m = SVC(kernel=kname, tol=TOL, C=1.0, **kw).fit(x, y)
        svc[f"{name}_{kname}"] = svc_case(m, x)
    gram = x @ x.T
    m = SVC(kernel="precomputed", tol=TOL).fit(gram, y)
    svc[f"{name}_precomputed"] = svc_case(m, gram, gram[:40])
# weights: class weights times sample weights, and balanced
x, y = datasets["iris"]
sw = 1.0 + (np.arange(len(y)) % 3)
m = SVC(C=2.0, tol=TOL, class_weight={0: 1.0, 1: 2.0, 2: 0.5}).fit(x, y, sample_weight=sw)
svc["iris_weighted"] = svc_case(m, x)
x, y = datasets["breast_cancer"]
m = SVC(C=0.5, tol=TOL, class_weight="balanced").fit(x, y)
svc["breast_cancer_balanced"] = svc_case(m, x)
out["svc"] = svc

# Probabilities (random 5-fold CV inside libsvm: compared loosely) on iris.
x, y = datasets["iris"]
m = SVC(probability=True, tol=TOL, random_state=0).fit(x, y)
out["svc_proba"] = {"proba": m.predict_proba(x).tolist(), "prob_a": m.probA_.tolist(), "prob_b": m.probB_.tolist()}


def platt_reference(dec, labels):
    """libsvm's sigmoid_train, transcribed line by line (Lin, Lin & Weng 2007)."""
    prior1 = float(np.sum(labels > 0)); prior0 = float(len(labels)) - prior1
    max_iter, min_step, sigma, eps = 100, 1e-10, 1e-12, 1e-5
    hi, lo = (prior1 + 1.0) / (prior1 + 2.0), 1 / (prior0 + 2.0)
    t = np.where(labels > 0, hi, lo)
    A, B = 0.0, np.log((prior0 + 1.0) / (prior1 + 1.0))

    def f(A, B):
        s = 0.0
        for di, ti in zip(dec, t):
            z = di * A + B
            s += ti * z + np.log1p(np.exp(-z)) if z >= 0 else (ti - 1) * z + np.log1p(np.exp(z))
        return s
    fval = f(A, B)
    for _ in range(max_iter):
        h11 = h22 = sigma; h21 = g1 = g2 = 0.0
        for di, ti in zip(dec, t):
            z = di * A + B
            if z >= 0:
                p = np.exp(-z) / (1.0 + np.exp(-z)); q = 1.0 / (1.0 + np.exp(-z))
            else:
                p = 1.0 / (1.0 + np.exp(z)); q = np.exp(z) / (1.0 + np.exp(z))
            d2 = p * q
            h11 += di * di * d2; h22 += d2; h21 += di * d2
            d1 = ti - p; g1 += di * d1; g2 += d1
        if abs(g1) < eps and abs(g2) < eps:
            break
        det = h11 * h22 - h21 * h21
        dA = -(h22 * g1 - h21 * g2) / det; dB = -(-h21 * g1 + h11 * g2) / det
        gd = g1 * dA + g2 * dB
        step = 1.0
        while step >= min_step:
            nA, nB = A + step * dA, B + step * dB
            nf = f(nA, nB)
            if nf < fval + 0.0001 * step * gd:
                A, B, fval = nA, nB, nf
                break
            step /= 2.0
        if step < min_step:
            break
    return A, B


rng = np.random.default_rng(20261122)
dec = np.concatenate([rng.normal(1.2, 1.0, 40), rng.normal(-0.8, 1.3, 60)])
labels = np.concatenate([np.ones(40), -np.ones(60)])
A, B = platt_reference(dec, labels)
a2, b2 = _sigmoid_calibration(dec, labels > 0)
out["platt"] = {"dec": dec.tolist(), "positive": (labels > 0).tolist(), "a": A, "b": B, "sklearn_a": float(a2), "sklearn_b": float(b2)}

# SVR on diabetes.
dx, dy = load_diabetes(return_X_y=True)
svr = {}
for cname, kw in {"rbf": dict(C=100.0, epsilon=5.0), "linear": dict(kernel="linear", C=1000.0, epsilon=10.0),
                  "poly": dict(kernel="poly", degree=2, coef0=1.0, C=50.0, epsilon=2.0),
                  "weighted": dict(C=20.0, epsilon=1.0)}.items():
    w = 0.5 + (np.arange(len(dy)) % 4) if cname == "weighted" else None
    m = SVR(tol=TOL, **kw).fit(dx, dy, sample_weight=w)
    svr[cname] = {"support": m.support_.tolist(), "dual_coef": m.dual_coef_.ravel().tolist(),
                  "intercept": float(m.intercept_[0]), "predict": m.predict(dx).tolist()}
out["svr"] = svr

# OneClassSVM on standardised iris features.
x, _ = datasets["iris"]
oc = {}
for cname, kw in {"rbf": dict(nu=0.1), "rbf_half": dict(nu=0.5), "poly": dict(kernel="poly", degree=2, coef0=1.0, nu=0.2),
                  "weighted": dict(nu=0.15)}.items():
    w = 0.5 + (np.arange(len(x)) % 4) if cname == "weighted" else None
    m = OneClassSVM(tol=TOL, **kw).fit(x, sample_weight=w)
    oc[cname] = {"support": m.support_.tolist(), "dual_coef": m.dual_coef_.ravel().tolist(), "intercept": float(m.intercept_[0]),
                 "offset": float(m.offset_), "decision": m.decision_function(x).tolist(), "score": m.score_samples(x).tolist(),
                 "predict": m.predict(x).tolist()}
out["one_class"] = oc

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "learn", "svm", "svm.json")
os.makedirs(os.path.dirname(path), exist_ok=True)
with open(path, "w") as fh:
    json.dump(out, fh, separators=(",", ":"))
print(path, os.path.getsize(path))
