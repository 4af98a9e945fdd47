#!/usr/bin/python3
"""Fixtures for LogisticRegression (scikit-learn 1.2, solver lbfgs, multi_class auto).

Every case is fitted twice with tol=1e-10: by lbfgs (what we mirror) and by newton-cg (an independent, quadratically
convergent solver, the precise optimum). The test compares with the newton-cg optimum; the script records the
lbfgs-vs-newton-cg gap, which is the accuracy that an L-BFGS run at this tolerance reaches.
"""
import json, os, warnings
import numpy as np
from sklearn.linear_model import LogisticRegression

warnings.filterwarnings("ignore")
rng = np.random.default_rng(7)
# Overlapping classes so that even the unpenalised fit has a finite optimum.
xb = rng.normal(size=(40, 3))
yb = np.where(xb @ np.array([1.0, -2.0, 0.5]) + 0.3 + rng.normal(scale=1.5, size=40) > 0, 4, 1)
xm = rng.normal(size=(60, 4))
centers = np.array([[1.0, 0, 0, 0.5], [-1, 1, 0, 0], [0, -1, 1, -0.5]])
ym_idx = rng.integers(0, 3, size=60)
xm = xm * 1.2 + centers[ym_idx]
ym = np.array([1, 4, 7])[ym_idx]
wb = rng.uniform(0.2, 3.0, size=40)
wm = rng.uniform(0.2, 3.0, size=60)

cases = {}
def case(name, binary, weighted=False, **kw):
    x, y, w = (xb, yb, wb) if binary else (xm, ym, wm)
    sw = w if weighted else None
    out = {"options": {k: (v if not isinstance(v, dict) else {str(a): b for a, b in v.items()}) for k, v in kw.items()}, "weighted": weighted}
    fits = {}
    for solver in ("lbfgs", "newton-cg"):
        m = LogisticRegression(solver=solver, tol=1e-10, max_iter=100000, **kw).fit(x, y, sample_weight=sw)
        fits[solver] = m
    m, r = fits["lbfgs"], fits["newton-cg"]
    out["coef"] = r.coef_.tolist()
    out["intercept"] = r.intercept_.tolist()
    out["proba"] = r.predict_proba(x).tolist()
    out["decision"] = r.decision_function(x).tolist()
    out["pred"] = r.predict(x).tolist()
    out["lbfgs_coef"] = m.coef_.tolist()
    out["lbfgs_intercept"] = m.intercept_.tolist()
    out["lbfgs_n_iter"] = int(m.n_iter_[0])
    out["lbfgs_gap"] = float(max(np.abs(m.coef_ - r.coef_).max(), np.abs(m.intercept_ - r.intercept_).max()))
    cases[name] = out

case("binary", True)
case("binary_c01", True, C=0.1)
case("binary_c10", True, C=10.0)
case("binary_no_intercept", True, fit_intercept=False)
case("binary_none", True, penalty="none")
case("binary_weighted", True, weighted=True)
case("binary_balanced", True, class_weight="balanced")
case("binary_dict_weighted", True, weighted=True, class_weight={4: 2.5})
case("multi", False)
case("multi_c01", False, C=0.1)
case("multi_c10", False, C=10.0)
case("multi_no_intercept", False, fit_intercept=False)
case("multi_weighted", False, weighted=True)
case("multi_balanced", False, class_weight="balanced")
case("multi_balanced_weighted", False, weighted=True, class_weight="balanced")
case("multi_dict", False, class_weight={1: 2.0, 7: 0.5})

root = {"data": {"xb": xb.tolist(), "yb": yb.tolist(), "wb": wb.tolist(), "xm": xm.tolist(), "ym": ym.tolist(), "wm": wm.tolist()}, "cases": cases}
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "learn", "logistic", "logistic.json")
with open(out, "w") as f:
    json.dump(root, f, separators=(",", ":"))
for k, v in cases.items():
    print(k, v["lbfgs_n_iter"], v["lbfgs_gap"])
