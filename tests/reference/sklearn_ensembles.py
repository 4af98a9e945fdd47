#!/usr/bin/python3
"""Fixtures for Scratch.ML.Learn.Ensemble (voting, stacking, bagging, AdaBoost) from scikit-learn 1.2.

Writes tests/reference/fixtures/learn/ensembles/ensembles.json. Run: /usr/bin/python3 tests/reference/sklearn_ensembles.py

Deterministic cases (voting, stacking, AdaBoost on GaussianNB or stumps) record outputs to compare at ~1e-8; the
resampling ensembles (bagging, AdaBoost.R2) record held-out scores over several seeds, which the C# tests compare
within stated margins because our random streams are not NumPy's. Shipped datasets are standardised with the
population std on both sides; their column sums are recorded so the C# side can check it loaded the same data.
"""
import json, os
import numpy as np
import sklearn
from sklearn.datasets import load_wine, load_breast_cancer, load_diabetes
from sklearn.ensemble import (VotingClassifier, VotingRegressor, StackingClassifier, StackingRegressor,
                              BaggingClassifier, BaggingRegressor, AdaBoostClassifier, AdaBoostRegressor)
from sklearn.linear_model import LogisticRegression, Ridge, LinearRegression
from sklearn.model_selection import KFold
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor
from sklearn.tree import DecisionTreeClassifier
from sklearn.metrics import accuracy_score, r2_score

out = {"sklearn": sklearn.__version__, "numpy": np.__version__}


def std(x):
    return (x - x.mean(axis=0)) / x.std(axis=0)


def tight_lr():
    return LogisticRegression(tol=1e-10, max_iter=100000)


wine = load_wine()
xw, yw = std(wine.data), wine.target
cancer = load_breast_cancer()
xc, yc = std(cancer.data), cancer.target
diab = load_diabetes()
xd, yd = diab.data, diab.target
out["checksums"] = {n: float(np.abs(d.data).sum()) for n, d in [("wine", wine), ("cancer", cancer), ("diabetes", diab)]}

# ---- Voting -----------------------------------------------------------------------------------------------------
members = [("gnb", GaussianNB()), ("knn", KNeighborsClassifier(5)), ("lr", tight_lr())]
voting = {}
for name, kw in [("hard", {"voting": "hard"}), ("hard_weighted", {"voting": "hard", "weights": [1, 2, 2]}),
                 ("soft", {"voting": "soft"}), ("soft_weighted", {"voting": "soft", "weights": [2, 1, 1]})]:
    m = VotingClassifier(members, **kw).fit(xw, yw)
    case = {"pred": m.predict(xw).tolist(), "transform": m.transform(xw[:10]).tolist()}
    if kw["voting"] == "soft":
        case["proba"] = m.predict_proba(xw).tolist()
    voting[name] = case
m = VotingClassifier([("gnb", GaussianNB()), ("knn", KNeighborsClassifier(5)), ("lr", "drop")], voting="soft", weights=[1, 3, 5]).fit(xw, yw)
voting["soft_drop"] = {"pred": m.predict(xw).tolist(), "proba": m.predict_proba(xw).tolist()}
m = VotingRegressor([("ridge", Ridge(1.0)), ("knn", KNeighborsRegressor(5)), ("lin", LinearRegression())], weights=[1, 2, 3]).fit(xd, yd)
voting["regressor"] = {"pred": m.predict(xd).tolist(), "transform": m.transform(xd[:5]).tolist()}
out["voting"] = voting

# ---- Stacking ---------------------------------------------------------------------------------------------------
stacking = {}
bases = [("gnb", GaussianNB()), ("knn", KNeighborsClassifier(5))]
for name, kw in [("multi", {}), ("multi_predict", {"stack_method": "predict"}), ("multi_passthrough", {"passthrough": True}),
                 ("multi_kfold3", {"cv": KFold(3)})]:
    m = StackingClassifier(bases, final_estimator=tight_lr(), **kw).fit(xw, yw)
    stacking[name] = {"proba": m.predict_proba(xw).tolist(), "pred": m.predict(xw).tolist(), "transform": m.transform(xw[:5]).tolist()}
# A closed-form final estimator (GaussianNB) checks the cross-fitting itself to rounding, free of L-BFGS stopping noise.
m = StackingClassifier(bases, final_estimator=GaussianNB()).fit(xw, yw)
stacking["multi_gnb_final"] = {"proba": m.predict_proba(xw).tolist(), "pred": m.predict(xw).tolist()}
xb, yb = xc[:300], yc[:300]
m = StackingClassifier(bases, final_estimator=GaussianNB()).fit(xb, yb)
stacking["binary_gnb_final"] = {"proba1": m.predict_proba(xb)[:, 1].tolist(), "transform": m.transform(xb[:5]).tolist()}
m = StackingClassifier([("gnb", GaussianNB()), ("lr", tight_lr())], final_estimator=tight_lr()).fit(xb, yb)
stacking["binary"] = {"proba1": m.predict_proba(xb)[:, 1].tolist(), "pred": m.predict(xb).tolist(), "transform": m.transform(xb[:5]).tolist()}
m2 = StackingClassifier([("lr", tight_lr())], final_estimator=tight_lr(), stack_method="decision_function").fit(xb, yb)
stacking["binary_decision"] = {"proba1": m2.predict_proba(xb)[:, 1].tolist(), "transform": m2.transform(xb[:5]).tolist()}
rbases = [("ridge", Ridge(1.0)), ("knn", KNeighborsRegressor(5))]
for name, kw in [("regressor", {}), ("regressor_passthrough", {"passthrough": True}),
                 ("regressor_linear_kfold3", {"final_estimator": LinearRegression(), "cv": KFold(3)})]:
    m = StackingRegressor(rbases, **kw).fit(xd, yd)
    stacking[name] = {"pred": m.predict(xd).tolist(), "transform": m.transform(xd[:5]).tolist()}
out["stacking"] = stacking

# ---- AdaBoost (deterministic bases) -----------------------------------------------------------------------------
rng = np.random.default_rng(20261122)
xa = rng.normal(size=(150, 4))
ya = np.repeat([0, 1, 2], 50)
xa[ya == 1] += [1.2, 0.0, 0.6, 0.0]
xa[ya == 2] += [0.0, 1.2, 0.0, -0.6]
xa = xa.astype(np.float32).astype(np.float64)   # float32-exact, so trees split on the same values
wa = rng.uniform(0.5, 2.0, size=150)
xab = xa[ya < 2][:, :3]
yab = ya[ya < 2]
ada = {"data": {"x": xa.tolist(), "y": ya.tolist(), "w": wa.tolist()}}


def ada_case(m, x, y, w=None):
    m.fit(x, y, sample_weight=w)
    k = len(m.estimators_)
    return {"n": k, "weights": m.estimator_weights_[:k].tolist(), "errors": m.estimator_errors_[:k].tolist(),
            "decision": m.decision_function(x).tolist(), "proba": m.predict_proba(x).tolist(), "pred": m.predict(x).tolist(),
            "importances": m.feature_importances_.tolist() if hasattr(m.estimators_[0], "feature_importances_") else None}


ada["gnb_samme"] = ada_case(AdaBoostClassifier(GaussianNB(), n_estimators=10, learning_rate=0.5, algorithm="SAMME"), xa, ya)
ada["gnb_samme_weighted"] = ada_case(AdaBoostClassifier(GaussianNB(), n_estimators=10, algorithm="SAMME"), xa, ya, wa)
ada["gnb_samme_r"] = ada_case(AdaBoostClassifier(GaussianNB(), n_estimators=10, learning_rate=0.5, algorithm="SAMME.R"), xa, ya)
ada["gnb_samme_binary"] = ada_case(AdaBoostClassifier(GaussianNB(), n_estimators=8, algorithm="SAMME"), xab, yab)
ada["stump_samme"] = ada_case(AdaBoostClassifier(DecisionTreeClassifier(max_depth=1), n_estimators=20, algorithm="SAMME", random_state=0), xa, ya)
ada["stump_samme_binary"] = ada_case(AdaBoostClassifier(DecisionTreeClassifier(max_depth=1), n_estimators=20, algorithm="SAMME", random_state=0), xab, yab)
out["adaboost"] = ada

# ---- Resampling ensembles: held-out scores over seeds -----------------------------------------------------------
perm_c = np.random.default_rng(1).permutation(len(yc))
perm_d = np.random.default_rng(2).permutation(len(yd))
tc, sc = perm_c[:400], perm_c[400:]
td, sd = perm_d[:330], perm_d[330:]
seeds = range(5)


def scores(make, x, y, train, test, metric):
    return [float(metric(y[test], make(s).fit(x[train], y[train]).predict(x[test]))) for s in seeds]


resampling = {"perm_cancer": perm_c.tolist(), "perm_diabetes": perm_d.tolist()}
resampling["bagging_tree_cancer"] = scores(lambda s: BaggingClassifier(n_estimators=20, random_state=s), xc, yc, tc, sc, accuracy_score)
resampling["bagging_knn_cancer"] = scores(lambda s: BaggingClassifier(KNeighborsClassifier(5), n_estimators=20, max_samples=0.5, max_features=0.5, random_state=s), xc, yc, tc, sc, accuracy_score)
resampling["bagging_tree_diabetes"] = scores(lambda s: BaggingRegressor(n_estimators=20, random_state=s), xd, yd, td, sd, r2_score)
resampling["bagging_knn_diabetes"] = scores(lambda s: BaggingRegressor(KNeighborsRegressor(5), n_estimators=20, max_samples=0.7, random_state=s), xd, yd, td, sd, r2_score)
resampling["bagging_oob_knn_cancer"] = [float(BaggingClassifier(KNeighborsClassifier(5), n_estimators=30, oob_score=True, random_state=s).fit(xc[tc], yc[tc]).oob_score_) for s in seeds]
resampling["adaboost_r2_tree_diabetes"] = {loss: scores(lambda s: AdaBoostRegressor(loss=loss, random_state=s), xd, yd, td, sd, r2_score)
                                           for loss in ["linear", "square", "exponential"]}
resampling["adaboost_r2_knn_diabetes"] = scores(lambda s: AdaBoostRegressor(KNeighborsRegressor(5), n_estimators=10, random_state=s), xd, yd, td, sd, r2_score)
resampling["adaboost_stump_cancer"] = scores(lambda s: AdaBoostClassifier(n_estimators=50, algorithm="SAMME", random_state=s), xc, yc, tc, sc, accuracy_score)
out["resampling"] = resampling

path = os.path.join(os.path.dirname(__file__), "fixtures", "learn", "ensembles", "ensembles.json")
os.makedirs(os.path.dirname(path), exist_ok=True)
with open(path, "w") as f:
    json.dump(out, f, separators=(",", ":"))
print(path, os.path.getsize(path), "bytes")
