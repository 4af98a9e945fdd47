#!/usr/bin/python3
"""Fixtures for classic gradient boosting's apply() and init from scikit-learn 1.2.

Writes tests/reference/fixtures/learn/gboost/gboost_extra.json.
Run (after sklearn_gboost.py, whose data it reuses): /usr/bin/python3 tests/reference/sklearn_gboost_extra.py

- "apply": leaf indices of every stage's tree(s) on the test rows for four of sklearn_gboost.py's exact (tie-free)
  cases: (n, n_estimators) for the regressor, (n, n_estimators, K) for the classifiers. Leaf ids are stricter than
  predictions: a node whose samples another feature splits into the same two sets in reverse order ties with that
  feature, and the other winner would swap the children (renumbering the leaves, same predictions). The cases are
  chosen so that no test row passes such a node (asserted; r_squared, with 1-sample leaves, has such nodes).
- "init": models fitted with init="zero" or with an estimator as init. Each case is fitted with eight
  random_states (also given to a tree init) and kept only if all agree and no test row is fragile (the tie checks of
  sklearn_gboost.py); the data seeds of that script are tried in order. Stored: the init estimator's own raw output on
  the test rows, the test raw predictions of the boosted model, train_score_ and one staged prediction.
  LinearRegression as init sees X as float32 (scikit-learn casts X before fitting init), so its coefficients carry
  float32 rounding; the case stores its predictions so the test can measure that difference first.
"""
import json, os
import numpy as np
import sklearn
from sklearn.base import BaseEstimator, RegressorMixin
from sklearn.datasets import make_regression, make_classification, load_diabetes
from sklearn.ensemble import GradientBoostingRegressor as R, GradientBoostingClassifier as C
from sklearn.linear_model import LinearRegression
from sklearn.tree import DecisionTreeRegressor, DecisionTreeClassifier

here = os.path.dirname(os.path.abspath(__file__))
base = json.load(open(os.path.join(here, "fixtures", "learn", "gboost", "gboost.json")))
out = {"sklearn": sklearn.__version__, "numpy": np.__version__}
N_TRAIN, N_TEST, D = 200, 50, 4


def f32(x):
    return np.asarray(x).astype(np.float32).astype(np.float64)


def dataset(kind, seed):
    """sklearn_gboost.py's generated data (same generator calls)."""
    n = N_TRAIN + N_TEST
    if kind == "reg":
        x, y = make_regression(n_samples=n, n_features=D, n_informative=3, noise=15.0, random_state=seed)
    elif kind == "bin":
        x, y = make_classification(n_samples=n, n_features=D, n_informative=3, n_redundant=0, random_state=seed)
    else:
        x, y = make_classification(n_samples=n, n_features=D, n_informative=3, n_redundant=0, n_classes=3,
                                   n_clusters_per_class=1, random_state=seed)
    w = np.random.RandomState(100 + seed).uniform(0.5, 2.0, N_TRAIN)
    return f32(x), y, w


def raw(m, x):
    return m.decision_function(x) if isinstance(m, C) else m.predict(x)


def fragile(m, xtr, xte):
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


# apply() on existing exact cases (their data and params are in gboost.json).
def load(key):
    e = base["data"][key]
    x = f32(np.array(e["x"], dtype=np.float64))
    n = e["train"]
    return x[:n], np.array(e["y"])[:n], x[n:], np.array(e["w"])


def ambiguous(m, xtr, xte):
    """(test row, tree) pairs whose path passes a node whose training samples another feature splits into the same
    two sets, in either orientation: the split ties (up to rounding) with that feature, and if the other feature won,
    the node's children could be swapped, which renumbers the leaves without changing any prediction."""
    tr, te = xtr.astype(np.float32), xte.astype(np.float32)
    count = 0
    for est in m.estimators_.ravel():
        t = est.tree_
        ptr, pte = est.decision_path(tr).tocsc(), est.decision_path(te).tocsc()
        bad = np.zeros(len(te), dtype=bool)
        for nd in range(t.node_count):
            q = pte[:, [nd]].indices
            if t.children_left[nd] == -1 or len(q) == 0:
                continue
            s = ptr[:, [nd]].indices
            left = tr[s, t.feature[nd]] <= t.threshold[nd]
            for g in range(tr.shape[1]):
                v = tr[s, g]
                if g != t.feature[nd] and (v[left].max() < v[~left].min() or v[~left].max() < v[left].min()):
                    bad[q] = True
        count += int(bad.sum())
    return count


out["apply"] = {}
for name in ("r_squared_weighted", "r_huber", "c_bin_weighted", "c_multi_weighted"):
    c = base["exact"][name]
    xtr, ytr, xte, w = load(c["data"])
    cls = C if name.startswith("c_") else R
    m = cls(random_state=0, **c["params"]).fit(xtr, ytr, sample_weight=w if c["weighted"] else None)
    assert np.allclose(raw(m, xte), np.array(c["raw_test"]), rtol=1e-12, atol=1e-12)
    a = m.apply(xte)
    amb = ambiguous(m, xtr, xte)
    print("  ambiguous (row, tree) pairs:", amb)
    assert amb == 0, name
    out["apply"][name] = {"case": name, "shape": list(a.shape), "leaves": a.astype(int).ravel().tolist()}
    print("apply", name, a.shape)


class LeastSquares64(BaseEstimator, RegressorMixin):
    """Ordinary least squares in float64 (what our LinearRegression computes), as a reference init."""

    def fit(self, X, y, sample_weight=None):
        self.coef_ = np.linalg.lstsq(np.c_[np.asarray(X, np.float64), np.ones(len(X))], y, rcond=None)[0]
        return self

    def predict(self, X):
        return np.c_[np.asarray(X, np.float64), np.ones(len(X))] @ self.coef_


def split(kind, seed):
    if kind == "diabetes":   # sklearn_gboost.py's diabetes split, X rounded to float32 (the C# side rounds too)
        ds = load_diabetes()
        x, y, idx = f32(ds.data), ds.target, np.arange(len(ds.target))
        return x[idx % 4 != 0], y[idx % 4 != 0], x[idx % 4 == 0], None
    x, y, w = dataset(kind, seed)
    return x[:N_TRAIN], y[:N_TRAIN], x[N_TRAIN:], w


def init_case(cls, kind, make_init, weighted=False, **kw):
    for seed in range(16):
        xtr, ytr, xte, w = split(kind, seed)
        sw = w if weighted else None
        models = [cls(random_state=s, init=make_init(s), **kw).fit(xtr, ytr, sample_weight=sw) for s in range(8)]
        if all(np.allclose(raw(models[0], z), raw(m, z), rtol=1e-9, atol=1e-9) for m in models[1:] for z in (xtr, xte)) \
                and not fragile(models[0], xtr, xte):
            break
    else:
        raise AssertionError(f"no tie-free data seed for {cls.__name__} {kind} {kw}")
    m = models[0]
    key = kind if kind == "diabetes" else f"{kind}{seed}"
    if key not in base["data"] and kind != "diabetes":   # data sets sklearn_gboost.py already wrote are read from there
        used[key] = dataset(kind, seed)
    c = {"data": key, "weighted": weighted, "params": kw, "n_estimators_": int(m.n_estimators_),
         "init_raw_test": m._raw_predict_init(xte).tolist(), "train_score": m.train_score_.tolist(),
         "raw_test": raw(m, xte).tolist(),
         "stage4_test": np.asarray(list(m.staged_decision_function(xte) if isinstance(m, C) else m.staged_predict(xte))[4]).tolist()}
    if isinstance(m, C):
        c["proba_test"] = m.predict_proba(xte).tolist()
    if isinstance(m.init_, LinearRegression):
        # The same boosting from a float64 least-squares init: what our float64 LinearRegression should reproduce
        # to rounding; the gap to scikit-learn's float32 LinearRegression init is reported.
        m64 = cls(random_state=0, init=LeastSquares64(), **kw).fit(xtr, ytr)
        c["float64_init"] = {"init_raw_test": m64._raw_predict_init(xte).tolist(), "train_score": m64.train_score_.tolist(),
                             "raw_test": raw(m64, xte).tolist(),
                             "stage4_test": np.asarray(list(m64.staged_predict(xte))[4]).tolist()}
        for k in ("init_raw_test", "raw_test", "stage4_test", "train_score"):
            gap = np.abs(np.array(c[k]) - np.array(c["float64_init"][k]))
            print(f"   {k}: float32 vs float64 least-squares init: max |diff| {gap.max():.3g}, scale {np.abs(np.array(c[k])).max():.3g}")
    print(f"init {cls.__name__[16:]:10s} {kind}{seed} {kw} weighted={weighted}")
    return c


used = {}
zero = lambda s: "zero"
out["init"] = {
    "r_zero": init_case(R, "reg", zero, n_estimators=20),
    "c_bin_zero": init_case(C, "bin", zero, weighted=True, n_estimators=20, min_samples_leaf=4),
    "c_multi_zero": init_case(C, "multi", zero, weighted=True, n_estimators=10, min_samples_leaf=4),
    "c_bin_exponential_zero": init_case(C, "bin", zero, loss="exponential", n_estimators=15, min_samples_leaf=4),
    "r_tree": init_case(R, "reg", lambda s: DecisionTreeRegressor(max_depth=2, random_state=s), n_estimators=20),
    "r_tree_weighted_huber": init_case(R, "reg", lambda s: DecisionTreeRegressor(max_depth=2, random_state=s), weighted=True,
                                       loss="huber", n_estimators=15, min_samples_leaf=4),
    "r_linear": init_case(R, "reg", lambda s: LinearRegression(), n_estimators=20),
    "r_linear_diabetes": init_case(R, "diabetes", lambda s: LinearRegression(), n_estimators=20, min_samples_leaf=5),
    "c_bin_tree": init_case(C, "bin", lambda s: DecisionTreeClassifier(max_depth=2, random_state=s), weighted=True,
                            n_estimators=20, min_samples_leaf=4),
    "c_multi_tree": init_case(C, "multi", lambda s: DecisionTreeClassifier(max_depth=2, random_state=s), weighted=True,
                              n_estimators=10, min_samples_leaf=4),
}

# x holds float32 values: written as float32's shortest round-trip text (read back as float32, then widen).
out["data"] = {k: {"x": "@X%s@" % k, "y": v[1].tolist(), "w": v[2].tolist(), "train": N_TRAIN} for k, v in used.items()}
text = json.dumps(out, separators=(",", ":"))
for k, v in used.items():
    rows = ",".join("[" + ",".join(str(np.float32(e)) for e in r) + "]" for r in v[0])
    text = text.replace('"@X%s@"' % k, "[" + rows + "]")
path = os.path.join(here, "fixtures", "learn", "gboost", "gboost_extra.json")
with open(path, "w") as f:
    f.write(text)
print("wrote", path, os.path.getsize(path), "bytes")
