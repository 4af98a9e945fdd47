#!/usr/bin/python3
"""SGDRegressor / SGDClassifier / Perceptron fixtures (scikit-learn 1.2, shuffle=False so the fit is deterministic).

Writes tests/reference/fixtures/learn/sgd/sgd.json: the data, and per case the options, coef_, intercept_, n_iter_,
and the training score (R² or accuracy).
"""
import json, os
import numpy as np
from sklearn.linear_model import SGDRegressor, SGDClassifier, Perceptron

rng = np.random.RandomState(0)
n, d = 60, 4
X = rng.normal(size=(n, d))
y_reg = X @ np.array([1.5, -2.0, 0.5, 0.0]) + 0.3 + 0.1 * rng.normal(size=n)
y_bin = (X[:, 0] - X[:, 1] + 0.3 * rng.normal(size=n) > 0).astype(int)
y_multi = np.argmax(X[:, :3] + 0.3 * rng.normal(size=(n, 3)), axis=1)

def reg(name, **kw):
    m = SGDRegressor(shuffle=False, **kw).fit(X, y_reg)
    return dict(name=name, kind="reg", coef=m.coef_.tolist(), intercept=float(m.intercept_[0]), n_iter=int(m.n_iter_), score=m.score(X, y_reg))

def clf(name, y, est):
    m = est.fit(X, y)
    out = dict(name=name, kind="clf", coef=m.coef_.tolist(), intercept=m.intercept_.tolist(), n_iter=int(m.n_iter_), score=m.score(X, y),
               decision=m.decision_function(X[:5]).tolist())
    if hasattr(m, "predict_proba") and getattr(m, "loss", "") in ("log_loss", "modified_huber"):
        out["proba"] = m.predict_proba(X[:5]).tolist()
    return out

cases = [
    reg("reg_default"),
    reg("reg_huber", loss="huber", epsilon=0.2),
    reg("reg_epsilon", loss="epsilon_insensitive", epsilon=0.05),
    reg("reg_l1", penalty="l1", alpha=0.01),
    reg("reg_elasticnet", penalty="elasticnet", alpha=0.01, l1_ratio=0.5),
    reg("reg_none_constant", penalty=None, learning_rate="constant", eta0=0.005),
    reg("reg_adaptive", learning_rate="adaptive", eta0=0.02),
    reg("reg_optimal", learning_rate="optimal", alpha=0.01),
    reg("reg_no_intercept_fixed", fit_intercept=False, tol=None, max_iter=20),
    clf("clf_hinge", y_bin, SGDClassifier(shuffle=False)),
    clf("clf_log", y_bin, SGDClassifier(loss="log_loss", shuffle=False, alpha=0.01)),
    clf("clf_mhuber", y_bin, SGDClassifier(loss="modified_huber", shuffle=False, alpha=0.01)),
    clf("clf_multi_log", y_multi, SGDClassifier(loss="log_loss", shuffle=False, alpha=0.01)),
    clf("clf_multi_hinge_l1", y_multi, SGDClassifier(penalty="l1", shuffle=False, alpha=0.001)),
    clf("clf_invscaling", y_bin, SGDClassifier(learning_rate="invscaling", eta0=0.1, shuffle=False)),
    clf("perceptron", y_bin, Perceptron(shuffle=False)),
    clf("perceptron_multi", y_multi, Perceptron(shuffle=False)),
]
out = dict(X=X.tolist(), y_reg=y_reg.tolist(), y_bin=y_bin.tolist(), y_multi=y_multi.tolist(), cases=cases)
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "learn", "sgd", "sgd.json")
with open(path, "w") as f:
    json.dump(out, f, indent=0)
print(path, os.path.getsize(path))
for c in cases: print(c["name"], c["n_iter"], round(c["score"], 4))
