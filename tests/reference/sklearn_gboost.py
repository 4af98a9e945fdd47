#!/usr/bin/python3
"""Fixtures for classic gradient boosting (GradientBoostingRegressor/Classifier) from scikit-learn 1.2.

Writes tests/reference/fixtures/learn/gboost/gboost.json. Run: /usr/bin/python3 tests/reference/sklearn_gboost.py

Exact cases (subsample = 1, max_features = all). scikit-learn casts X to float32 for its trees, so every feature
matrix is rounded to float32 first (the C# side reads the same values as float64 and routes identically); features
are continuous (make_regression / make_classification), so no two samples share a value.

Ties: scikit-learn visits the features of every node in a random order and keeps the first best split, so when two
features give splits of exactly equal improvement its model depends on random_state. That happens (a) when two
features cut the same samples off a node (common in small nodes) and (b) when the residuals take few distinct values:
absolute-error and quantile gradients are ±1-like and the first log-loss stage has two residual values, so the
improvement depends only on counts and many splits tie exactly. Every exact case is therefore fitted with eight
random_states and kept only if all eight agree on the training and test predictions to 1e-9 (which proves that no tie
influenced the model) and if no test row passes a node that another feature splits into the same two sample sets but
would route that row the other way (such splits tie up to rounding, see fragile()); cases of kind (b) use continuous random sample weights (uniform on [0.5, 2]), which break the
count ties. For each case the script tries the data seeds in SEEDS in order and uses the first tie-free one. The
cases store raw predictions, train_score_ per stage, feature_importances_ and one staged prediction.

Score cases (subsample < 1, max_features < d, early stopping, unweighted absolute/quantile on tied data) cannot
share scikit-learn's random streams or tie-breaking; they store scikit-learn's held-out R^2 / accuracy (mean over 5
random_states) and n_estimators_, compared within stated margins.
"""
import json, os
import numpy as np
import sklearn
from sklearn.datasets import make_regression, make_classification, load_breast_cancer, load_diabetes
from sklearn.ensemble import GradientBoostingRegressor as R, GradientBoostingClassifier as C

out = {"sklearn": sklearn.__version__, "numpy": np.__version__}
N_TRAIN, N_TEST, D = 200, 50, 4
SEEDS = list(range(16))
cache, used = {}, {}


def f32(x):
    return x.astype(np.float32).astype(np.float64)


def dataset(kind, seed):
    key = f"{kind}{seed}"
    if key not in cache:
        n = N_TRAIN + N_TEST
        if kind == "reg":
            x, y = make_regression(n_samples=n, n_features=D, n_informative=3, noise=15.0, random_state=seed)
        elif kind == "bin":
            x, y = make_classification(n_samples=n, n_features=D, n_informative=3, n_redundant=0, random_state=seed)
        else:
            x, y = make_classification(n_samples=n, n_features=D, n_informative=3, n_redundant=0, n_classes=3,
                                       n_clusters_per_class=1, random_state=seed)
        w = np.random.RandomState(100 + seed).uniform(0.5, 2.0, N_TRAIN)
        cache[key] = (f32(x), y, w)
    return key, cache[key]


def raw(m, x):
    return m.decision_function(x) if isinstance(m, C) else m.predict(x)


def tie_free(models, xs):
    return all(np.allclose(raw(models[0], x), raw(m, x), rtol=1e-9, atol=1e-9) for m in models[1:] for x in xs)


def fragile(m, xtr, xte):
    """Whether a test row passes a node whose training samples another feature splits identically but routes the
    test row the other way: such splits tie up to rounding (same partition, same improvement), and which feature
    wins depends on the summation order, so the test prediction would not be reproducible."""
    tr, te = xtr.astype(np.float32), xte.astype(np.float32)
    for est in m.estimators_.ravel():
        t = est.tree_
        ptr, pte = est.decision_path(tr).tocsc(), est.decision_path(te).tocsc()
        for nd in range(t.node_count):
            if t.children_left[nd] == -1 or len(pte[:, [nd]].indices) == 0:
                continue
            s, q = ptr[:, [nd]].indices, pte[:, [nd]].indices
            left = tr[s, t.feature[nd]] <= t.threshold[nd]
            orig = te[q, t.feature[nd]] <= t.threshold[nd]
            for g in range(tr.shape[1]):
                v = tr[s, g]
                if g == t.feature[nd]:
                    continue
                if v[left].max() < v[~left].min():
                    alt = te[q, g] <= (v[left].max() + v[~left].min()) / 2
                elif v[~left].max() < v[left].min():
                    alt = te[q, g] > (v[~left].max() + v[left].min()) / 2
                else:
                    continue
                if (alt != orig).any():
                    return True
    return False


def exact_case(cls, kind, weighted=False, **kw):
    for seed in SEEDS:
        key, (x, y, w) = dataset(kind, seed)
        xtr, ytr, xte = x[:N_TRAIN], y[:N_TRAIN], x[N_TRAIN:]
        sw = w if weighted else None
        models = [cls(random_state=s, **kw).fit(xtr, ytr, sample_weight=sw) for s in range(8)]
        if tie_free(models, (xtr, xte)) and not fragile(models[0], xtr, xte):
            break
    else:
        for seed in SEEDS[:3]:
            key, (x, y, w) = dataset(kind, seed)
            models = [cls(random_state=s, **kw).fit(x[:N_TRAIN], y[:N_TRAIN], sample_weight=w if weighted else None) for s in range(4)]
            print("   seed", seed, [np.abs(raw(models[0], x) - raw(m, x)).max() for m in models[1:]])
        raise AssertionError(f"no tie-free data seed for {cls.__name__} {kind} {kw}")
    used[key] = cache[key]
    m = models[0]
    c = {"data": key, "weighted": weighted, "params": kw, "n_estimators_": int(m.n_estimators_),
         "train_score": m.train_score_.tolist(), "importances": m.feature_importances_.tolist(),
         "init_raw": m._raw_predict_init(xte[:1])[0].tolist(), "leaves": int(sum(t.tree_.n_leaves for t in m.estimators_.ravel())),
         "raw_train": raw(m, xtr).tolist(), "raw_test": raw(m, xte).tolist(),
         "stage9_test": np.asarray(list(m.staged_decision_function(xte) if isinstance(m, C) else m.staged_predict(xte))[9]).tolist()}
    if isinstance(m, C):
        c["proba_test"] = m.predict_proba(xte).tolist()
        c["predict_test"] = m.predict(xte).tolist()
    print(f"{cls.__name__[16:]:10s} {kind}{seed:<3d} {kw} weighted={weighted}")
    return c


exact = {
    "r_squared": exact_case(R, "reg", n_estimators=30),
    "r_squared_weighted": exact_case(R, "reg", weighted=True, n_estimators=30, learning_rate=0.2, min_samples_leaf=4),
    "r_squared_crit_depth4_leaf3": exact_case(R, "reg", n_estimators=25, criterion="squared_error", max_depth=4, min_samples_leaf=3),
    "r_leaf_nodes6": exact_case(R, "reg", n_estimators=25, max_leaf_nodes=6, max_depth=None),
    "r_split10_wfrac": exact_case(R, "reg", weighted=True, n_estimators=25, min_samples_split=10, min_weight_fraction_leaf=0.02),
    "r_impurity": exact_case(R, "reg", n_estimators=25, min_impurity_decrease=40.0),
    "r_absolute_weighted": exact_case(R, "reg", weighted=True, loss="absolute_error", n_estimators=20, min_samples_leaf=4),
    "r_huber": exact_case(R, "reg", loss="huber", alpha=0.8, n_estimators=20, min_samples_leaf=4),
    "r_huber_weighted": exact_case(R, "reg", weighted=True, loss="huber", n_estimators=20, min_samples_leaf=4),
    "r_quantile_weighted": exact_case(R, "reg", weighted=True, loss="quantile", alpha=0.7, n_estimators=20, min_samples_leaf=4),
    "c_bin_weighted": exact_case(C, "bin", weighted=True, n_estimators=30, learning_rate=0.3, max_depth=2, min_samples_leaf=4),
    "c_bin_weighted_depth3": exact_case(C, "bin", weighted=True, n_estimators=20, min_samples_leaf=4),
    "c_bin_exponential": exact_case(C, "bin", loss="exponential", n_estimators=20, min_samples_leaf=4),
    "c_bin_exponential_weighted": exact_case(C, "bin", weighted=True, loss="exponential", n_estimators=20, min_samples_leaf=4),
    "c_multi_weighted": exact_case(C, "multi", weighted=True, n_estimators=15, min_samples_leaf=4),
    "c_multi_weighted_leaves5": exact_case(C, "multi", weighted=True, n_estimators=15, learning_rate=0.25, max_leaf_nodes=5, max_depth=None, min_samples_leaf=4),
}
out["exact"] = exact
# x holds float32 values: written as float32's shortest round-trip text (read them back as float32, then widen).
out["data"] = {k: {"x": "@X%s@" % k, "y": v[1].tolist(), "w": v[2].tolist(), "train": N_TRAIN} for k, v in used.items()}


def score_case(cls, data, **kw):
    if data in ("breast_cancer", "diabetes"):
        ds = load_breast_cancer() if data == "breast_cancer" else load_diabetes()
        x, y = ds.data, ds.target
        idx = np.arange(len(y))
        xtr, ytr, xte, yte = x[idx % 4 != 0], y[idx % 4 != 0], x[idx % 4 == 0], y[idx % 4 == 0]
    else:
        x, y, _ = used[data]
        xtr, ytr, xte, yte = x[:N_TRAIN], y[:N_TRAIN], x[N_TRAIN:], y[N_TRAIN:]
    scores, stages = [], []
    for s in range(5):
        m = cls(random_state=s, **kw).fit(xtr, ytr)
        scores.append(m.score(xte, yte))
        stages.append(int(m.n_estimators_))
    print(f"score {cls.__name__[16:]:10s} {data} {kw}: {np.mean(scores):.4f} ± {np.std(scores):.4f}, stages {stages}")
    return {"data": data, "params": kw, "score": float(np.mean(scores)), "scores": scores, "n_estimators_": stages}


reg, bn, mc = exact["r_squared"]["data"], exact["c_bin_exponential"]["data"], exact["c_multi_weighted"]["data"]
out["scores"] = {
    "r_absolute": score_case(R, reg, loss="absolute_error", n_estimators=100),
    "r_quantile_median": score_case(R, reg, loss="quantile", alpha=0.5, n_estimators=100),
    "r_subsample": score_case(R, reg, n_estimators=100, subsample=0.6),
    "r_max_features2": score_case(R, reg, n_estimators=100, max_features=2),
    "r_early_stop": score_case(R, reg, n_estimators=500, n_iter_no_change=5, validation_fraction=0.2, tol=1e-4),
    "r_diabetes_huber_subsample": score_case(R, "diabetes", loss="huber", n_estimators=100, subsample=0.8, learning_rate=0.05),
    "c_bin": score_case(C, bn, n_estimators=100),
    "c_bin_subsample": score_case(C, bn, n_estimators=100, subsample=0.5),
    "c_multi": score_case(C, mc, n_estimators=100),
    "c_multi_early_stop": score_case(C, mc, n_estimators=500, n_iter_no_change=5, validation_fraction=0.2),
    "c_breast_cancer": score_case(C, "breast_cancer", n_estimators=100),
    "c_breast_cancer_subsample_sqrt": score_case(C, "breast_cancer", n_estimators=100, subsample=0.7, max_features="sqrt"),
}

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "learn", "gboost")
os.makedirs(path, exist_ok=True)
text = json.dumps(out, separators=(",", ":"))
for k, v in used.items():
    rows = ",".join("[" + ",".join(str(np.float32(e)) for e in r) + "]" for r in v[0])
    text = text.replace('"@X%s@"' % k, "[" + rows + "]")
with open(os.path.join(path, "gboost.json"), "w") as f:
    f.write(text)
print("wrote", os.path.join(path, "gboost.json"), os.path.getsize(os.path.join(path, "gboost.json")), "bytes")
