#!/usr/bin/python3
"""Fixtures for Scratch.ML.Learn metrics (tests/Scratch.ML.Learn.Tests/Metrics) from scikit-learn 1.2.

Writes tests/reference/fixtures/learn/metrics/*.json. Inputs are generated with fixed numpy seeds:
binary, multiclass, multiclass with a class that is never predicted, scores with ties, a single class
present (where sklearn allows it) and sample weights.
"""
import json
import os
import warnings

import numpy as np
import sklearn
from sklearn import metrics as M
from sklearn.calibration import calibration_curve

warnings.filterwarnings("ignore")
assert sklearn.__version__.startswith("1.2"), sklearn.__version__
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "learn", "metrics")
os.makedirs(OUT, exist_ok=True)


def lst(a):
    return np.asarray(a, dtype=float).tolist()


def finite(x):
    """JSON has no NaN/Infinity: write them as the strings "NaN", "Infinity", "-Infinity"."""
    if isinstance(x, dict):
        return {k: finite(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [finite(v) for v in x]
    if isinstance(x, (float, np.floating)) and not np.isfinite(x):
        return "NaN" if np.isnan(x) else ("Infinity" if x > 0 else "-Infinity")
    if isinstance(x, np.floating):
        return float(x)
    return x


def save(name, obj):
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(finite(obj), f, separators=(",", ":"), allow_nan=False)


# ---------------------------------------------------------------- label cases
rng = np.random.default_rng(20240401)
n = 40
cases = {}
yt = rng.integers(0, 2, n); yp = np.where(rng.random(n) < 0.75, yt, 1 - yt)
cases["binary"] = (yt, yp)
yt = rng.integers(0, 4, n); yp = np.where(rng.random(n) < 0.6, yt, rng.integers(0, 4, n))
cases["multiclass"] = (yt, yp)
yt = rng.integers(0, 4, n); yp = np.where(rng.random(n) < 0.5, yt, rng.integers(0, 3, n)); yp[yp == 3] = 2
cases["never_predicted"] = (yt, yp)  # class 3 is never predicted
yt = rng.integers(0, 3, n); yp = rng.integers(1, 4, n)
cases["pred_only_label"] = (yt, yp)  # class 3 only predicted, class 0 never predicted
yt = np.full(n, 2); yp = np.where(rng.random(n) < 0.7, 2, 5)
cases["single_true_class"] = (yt, yp)
weights = rng.uniform(0.1, 3.0, n)
weights[:3] = 0.0

out = []
for name, (yt, yp) in cases.items():
    for w in (None, weights):
        labels = np.unique(np.concatenate([yt, yp]))
        binary = len(labels) <= 2
        e = {"name": name + ("" if w is None else "_weighted"), "y_true": yt.tolist(), "y_pred": yp.tolist(),
             "weights": None if w is None else lst(w), "labels": labels.tolist()}
        e["accuracy"] = M.accuracy_score(yt, yp, sample_weight=w)
        e["balanced_accuracy"] = M.balanced_accuracy_score(yt, yp, sample_weight=w)
        e["balanced_accuracy_adjusted"] = M.balanced_accuracy_score(yt, yp, sample_weight=w, adjusted=True)
        e["confusion"] = lst(M.confusion_matrix(yt, yp, sample_weight=w))
        for norm in ("true", "pred", "all"):
            e["confusion_" + norm] = lst(M.confusion_matrix(yt, yp, sample_weight=w, normalize=norm))
        sub = labels[::-1][:2].copy()  # explicit labels, reversed order, a subset
        e["confusion_labels"] = sub.tolist()
        e["confusion_explicit"] = lst(M.confusion_matrix(yt, yp, sample_weight=w, labels=sub))
        for zd in (0, 1):
            for beta in (1.0, 0.5, 2.0):
                p, r, f, s = M.precision_recall_fscore_support(yt, yp, beta=beta, average=None, sample_weight=w, zero_division=zd)
                key = f"prf_b{beta}_z{zd}"
                e[key + "_none"] = [lst(p), lst(r), lst(f), lst(s)]
                for avg in ("micro", "macro", "weighted"):
                    p, r, f, _ = M.precision_recall_fscore_support(yt, yp, beta=beta, average=avg, sample_weight=w, zero_division=zd)
                    e[f"{key}_{avg}"] = [float(p), float(r), float(f)]
                if len(labels) == 2:
                    p, r, f, _ = M.precision_recall_fscore_support(yt, yp, beta=beta, average="binary", pos_label=labels[1], sample_weight=w, zero_division=zd)
                    e[f"{key}_binary"] = [float(p), float(r), float(f)]
        # explicit labels: the largest present label and an absent one (9), reversed order
        sub = [int(labels[-1]), 9]
        e["prf_labels"] = sub
        for zd in (0, 1):
            p, r, f, s = M.precision_recall_fscore_support(yt, yp, labels=sub, average=None, sample_weight=w, zero_division=zd)
            e[f"prf_labels_z{zd}_none"] = [lst(p), lst(r), lst(f), lst(s)]
            for avg in ("micro", "macro", "weighted"):
                p, r, f, _ = M.precision_recall_fscore_support(yt, yp, labels=sub, average=avg, sample_weight=w, zero_division=zd)
                e[f"prf_labels_z{zd}_{avg}"] = [float(p), float(r), float(f)]
        if w is None:
            e["report_labels"] = M.classification_report(yt, yp, labels=sub, zero_division=0)
        e["mcc"] = M.matthews_corrcoef(yt, yp, sample_weight=w)
        for kw in (None, "linear", "quadratic"):
            e[f"kappa_{kw}"] = M.cohen_kappa_score(yt, yp, weights=kw, sample_weight=w)
        if w is not None:
            e["report_weighted"] = M.classification_report(yt, yp, sample_weight=w, zero_division=0)
        if w is None:
            e["report"] = M.classification_report(yt, yp, zero_division=0)
            e["report_digits4"] = M.classification_report(yt, yp, digits=4, zero_division=0)
        out.append(e)
save("labels", out)

# ---------------------------------------------------------------- probabilistic / ranking
rng = np.random.default_rng(777)
prob = []
n = 30
# binary scores with ties (rounded to 1 decimal)
yt = rng.integers(0, 2, n)
s = np.clip(np.round(0.35 * yt + rng.uniform(0, 0.65, n), 1), 0, 1)
w = rng.uniform(0.1, 2.0, n); w[0] = 0.0
for name, ww in (("binary_ties", None), ("binary_ties_weighted", w)):
    e = {"name": name, "y_true": yt.tolist(), "score": lst(s), "weights": None if ww is None else lst(ww)}
    for drop in (True, False):
        fpr, tpr, thr = M.roc_curve(yt, s, sample_weight=ww, drop_intermediate=drop)
        e[f"roc_{drop}"] = [lst(fpr), lst(tpr), lst(thr)]
    e["roc_auc"] = M.roc_auc_score(yt, s, sample_weight=ww)
    p, r, thr = M.precision_recall_curve(yt, s, sample_weight=ww)
    e["pr_curve"] = [lst(p), lst(r), lst(thr)]
    e["average_precision"] = M.average_precision_score(yt, s, sample_weight=ww)
    e["brier"] = M.brier_score_loss(yt, s, sample_weight=ww)
    e["log_loss_1d"] = M.log_loss(yt, s, sample_weight=ww)
    for nb in (3, 5):
        for strat in ("uniform", "quantile"):
            pt, pp = calibration_curve(yt, s, n_bins=nb, strategy=strat)
            e[f"calibration_{strat}_{nb}"] = [lst(pt), lst(pp)]
    prob.append(e)
# continuous binary scores, string-like labels 3/7, positive = 7
yt = np.where(rng.random(n) < 0.4, 7, 3)
s = np.clip(0.3 * (yt == 7) + rng.uniform(0, 0.7, n), 0, 1)
e = {"name": "binary_continuous", "y_true": yt.tolist(), "score": lst(s), "weights": None}
for drop in (True, False):
    fpr, tpr, thr = M.roc_curve(yt, s, pos_label=7, drop_intermediate=drop)
    e[f"roc_{drop}"] = [lst(fpr), lst(tpr), lst(thr)]
e["roc_auc"] = M.roc_auc_score(yt, s)
p, r, thr = M.precision_recall_curve(yt, s, pos_label=7)
e["pr_curve"] = [lst(p), lst(r), lst(thr)]
e["average_precision"] = M.average_precision_score(yt, s, pos_label=7)
e["brier"] = M.brier_score_loss(yt, s, pos_label=7)
e["log_loss_1d"] = M.log_loss(yt, s)
for nb in (3, 5):
    for strat in ("uniform", "quantile"):
        pt, pp = calibration_curve(yt, s, n_bins=nb, strategy=strat, pos_label=7)
        e[f"calibration_{strat}_{nb}"] = [lst(pt), lst(pp)]
prob.append(e)
save("binary_scores", prob)

multi = []
n, C = 30, 4
for name, ties in (("multiclass", False), ("multiclass_ties", True)):
    yt = rng.integers(0, C, n)
    logits = rng.normal(size=(n, C)); logits[np.arange(n), yt] += 1.0
    P = np.exp(logits); P /= P.sum(axis=1, keepdims=True)
    if ties:
        P = np.round(P * 4) / 4 + 1e-3  # many ties
        P[:3] = 1e-18  # tiny probabilities: clipped by eps
        P /= P.sum(axis=1, keepdims=True)
    w = rng.uniform(0.1, 2.0, n)
    e = {"name": name, "y_true": yt.tolist(), "proba": lst(P), "weights": lst(w)}
    e["log_loss"] = M.log_loss(yt, P)
    e["log_loss_weighted"] = M.log_loss(yt, P, sample_weight=w)
    e["log_loss_sum"] = M.log_loss(yt, P, normalize=False)
    e["log_loss_eps"] = M.log_loss(yt, P, eps=1e-3)
    for k in (1, 2, 3):
        e[f"top_{k}"] = M.top_k_accuracy_score(yt, P, k=k)
        e[f"top_{k}_weighted"] = M.top_k_accuracy_score(yt, P, k=k, sample_weight=w)
    if not ties:
        for avg in ("macro", "weighted"):
            e[f"roc_auc_ovr_{avg}"] = M.roc_auc_score(yt, P, multi_class="ovr", average=avg)
            e[f"roc_auc_ovr_{avg}_weighted"] = M.roc_auc_score(yt, P, multi_class="ovr", average=avg, sample_weight=w)
    multi.append(e)
# log loss with an explicit labels list containing a class absent from y_true
yt = rng.integers(0, 3, 12)
P = rng.dirichlet(np.ones(4), 12)
multi.append({"name": "absent_class", "y_true": yt.tolist(), "proba": lst(P), "weights": None,
              "labels": [0, 1, 2, 3], "log_loss": M.log_loss(yt, P, labels=[0, 1, 2, 3])})
save("multiclass_scores", multi)

# ---------------------------------------------------------------- regression
rng = np.random.default_rng(99)
reg = []
n = 25
yt = rng.normal(size=n) * 3; yp = yt + rng.normal(size=n)
yt[2] = 0.0  # MAPE uses eps for y_true == 0
w = rng.uniform(0.1, 2.0, n); w[1] = 0
for name, ww in (("plain", None), ("weighted", w)):
    e = {"name": name, "y_true": lst(yt), "y_pred": lst(yp), "weights": None if ww is None else lst(ww)}
    e["mae"] = M.mean_absolute_error(yt, yp, sample_weight=ww)
    e["mse"] = M.mean_squared_error(yt, yp, sample_weight=ww)
    e["rmse"] = M.mean_squared_error(yt, yp, sample_weight=ww, squared=False)
    e["mape"] = M.mean_absolute_percentage_error(yt, yp, sample_weight=ww)
    e["medae"] = M.median_absolute_error(yt, yp, sample_weight=ww)
    e["r2"] = M.r2_score(yt, yp, sample_weight=ww)
    e["evs"] = M.explained_variance_score(yt, yp, sample_weight=ww)
    e["max_error"] = M.max_error(yt, yp)
    reg.append(e)
# even n for the unweighted median (mean of the two middle values)
e = {"name": "even", "y_true": lst(yt[:10]), "y_pred": lst(yp[:10]), "weights": None}
e["medae"] = M.median_absolute_error(yt[:10], yp[:10])
e["r2"] = M.r2_score(yt[:10], yp[:10])
reg.append(e)
# constant y_true: r2 / explained variance conventions (force_finite)
yc = np.full(6, 1.5)
reg.append({"name": "constant_true", "y_true": lst(yc), "y_pred": lst(yc + np.arange(6) * 0.1),
            "weights": None, "r2": M.r2_score(yc, yc + np.arange(6) * 0.1),
            "evs": M.explained_variance_score(yc, yc + np.arange(6) * 0.1),
            "r2_perfect": M.r2_score(yc, yc), "evs_perfect": M.explained_variance_score(yc, yc)})
# 2-d multioutput r2
Y = rng.normal(size=(12, 3)) * np.array([1.0, 5.0, 0.2]); Yp = Y + rng.normal(size=(12, 3)) * 0.5
reg.append({"name": "multioutput", "y_true": lst(Y), "y_pred": lst(Yp), "weights": None,
            "r2_raw": lst(M.r2_score(Y, Yp, multioutput="raw_values")),
            "r2_uniform": M.r2_score(Y, Yp, multioutput="uniform_average"),
            "r2_variance": M.r2_score(Y, Yp, multioutput="variance_weighted")})
save("regression", reg)
with open(os.path.join(OUT, "meta.json"), "w") as f:
    json.dump({"generator": "tests/reference/sklearn_metrics.py", "sklearn": sklearn.__version__, "numpy": np.__version__,
               "tolerance": {"abs": 1e-12, "rel": 1e-12,
                             "why": "same float64 formulas on n <= 40 samples; only the summation order differs "
                                    "(numpy pairwise vs sequential), a few ulp"}}, f, indent=1)
print("wrote", OUT)
