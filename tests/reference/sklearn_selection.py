#!/usr/bin/python3
"""Fold indices of scikit-learn 1.2's non-shuffled splitters (KFold, StratifiedKFold, GroupKFold, LeaveOneOut,
TimeSeriesSplit) and the sizes chosen by train_test_split.

Writes tests/reference/fixtures/learn/selection/selection.json. Run: /usr/bin/python3 tests/reference/sklearn_selection.py
"""
import json, os
import numpy as np
import sklearn
from sklearn.model_selection import KFold, StratifiedKFold, GroupKFold, LeaveOneOut, TimeSeriesSplit, train_test_split

out = {"sklearn": sklearn.__version__, "numpy": np.__version__}


def folds(splitter, n, y=None, groups=None):
    x = np.zeros((n, 1))
    return [{"train": tr.tolist(), "test": te.tolist()} for tr, te in splitter.split(x, y, groups)]


cases = []
for n, k in [(10, 3), (7, 7), (11, 2), (5, 5), (23, 4)]:
    cases.append({"kind": "KFold", "n": n, "n_splits": k, "folds": folds(KFold(k), n)})
# Stratified: unbalanced classes, labels not in sorted order of first appearance.
strat = [
    [2, 0, 0, 1, 2, 2, 0, 1, 1, 2, 2, 2, 0, 1, 2, 0, 0, 2, 1, 2],
    [5, 5, 5, 5, 5, 5, 5, 1, 1, 1, 3, 3, 3, 3, 3, 3],
    [1, 0, 1, 0, 1, 0, 1, 1, 1, 1, 1, 0],
]
for y in strat:
    for k in [2, 3]:
        cases.append({"kind": "StratifiedKFold", "n": len(y), "n_splits": k, "labels": y,
                      "folds": folds(StratifiedKFold(k), len(y), np.array(y))})
# Groups: sizes with ties among at most 16 groups (numpy's argsort is then an insertion sort, i.e. stable).
grps = [
    [0, 0, 0, 1, 1, 2, 2, 2, 2, 3, 4, 4, 5, 5, 5, 6, 7, 7, 7, 7, 7],
    [9, 3, 3, 9, 1, 1, 1, 4, 4, 9, 3, 7, 7, 7, 2, 2],
]
for g in grps:
    for k in [2, 3, 4]:
        cases.append({"kind": "GroupKFold", "n": len(g), "n_splits": k, "groups": g,
                      "folds": folds(GroupKFold(k), len(g), None, np.array(g))})
# 20 groups of distinct sizes 1..20 in shuffled order (no ties, so NumPy's unstable argsort does not matter).
sizes20 = np.random.default_rng(5).permutation(np.arange(1, 21))
g20 = np.random.default_rng(6).permutation(np.repeat(np.arange(20) * 3, sizes20)).tolist()
cases.append({"kind": "GroupKFold", "n": len(g20), "n_splits": 4, "groups": g20,
              "folds": folds(GroupKFold(4), len(g20), None, np.array(g20))})
cases.append({"kind": "LeaveOneOut", "n": 4, "folds": folds(LeaveOneOut(), 4)})
for n, k, mts, ts, gap in [(10, 3, None, None, 0), (12, 4, 3, None, 1), (20, 3, None, 4, 2), (9, 2, 2, 3, 0), (6, 5, None, None, 0)]:
    cases.append({"kind": "TimeSeriesSplit", "n": n, "n_splits": k, "max_train_size": mts, "test_size": ts, "gap": gap,
                  "folds": folds(TimeSeriesSplit(k, max_train_size=mts, test_size=ts, gap=gap), n)})
out["cases"] = cases

sizes = []
for n, test, train in [(10, None, None), (10, 0.33, None), (7, 3, None), (10, None, 0.5), (11, 0.2, 0.5), (9, 2, 4), (13, None, 5)]:
    tr, te = train_test_split(np.arange(n), test_size=test, train_size=train, random_state=0)
    sizes.append({"n": n, "test_size": test, "train_size": train, "n_train": len(tr), "n_test": len(te)})
out["train_test_sizes"] = sizes

# Stratified train_test_split: per-class test counts (remainders chosen without ties, so sklearn's counts are unique).
strat_sizes = []
for counts, test in [([30, 20, 10], 0.2), ([7, 5, 4], 0.3), ([13, 8, 5, 4], 9), ([12, 6], 0.25)]:
    y = np.repeat(np.arange(len(counts)), counts)
    tr, te = train_test_split(np.arange(len(y)), test_size=test, random_state=0, stratify=y)
    strat_sizes.append({"counts": counts, "test_size": test, "test_per_class": np.bincount(y[te], minlength=len(counts)).tolist(),
                        "train_per_class": np.bincount(y[tr], minlength=len(counts)).tolist()})
out["stratified_sizes"] = strat_sizes

# cross_val_score with non-shuffled splitters: LinearRegression (R²) and GaussianNB (accuracy).
from sklearn.model_selection import cross_val_score
from sklearn.linear_model import LinearRegression
from sklearn.naive_bayes import GaussianNB
rng = np.random.default_rng(20261122)
xr = rng.normal(size=(24, 3))
yr = xr @ np.array([1.5, -2.0, 0.5]) + 0.3 + rng.normal(scale=0.8, size=24)
xc = np.concatenate([rng.normal(loc=m, scale=1.5, size=(10, 2)) for m in (0.0, 1.5, 3.0)])
yc = np.repeat([4, 7, 9], 10)
perm = rng.permutation(30)
xc, yc = xc[perm], yc[perm]
out["cross_val"] = {
    "xr": xr.tolist(), "yr": yr.tolist(), "r2_kfold4": cross_val_score(LinearRegression(), xr, yr, cv=KFold(4)).tolist(),
    "xc": xc.tolist(), "yc": yc.tolist(), "acc_stratified3": cross_val_score(GaussianNB(), xc, yc, cv=StratifiedKFold(3)).tolist(),
}

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "learn", "selection", "selection.json")
with open(path, "w") as f:
    json.dump(out, f, separators=(",", ":"))
