#!/usr/bin/python3
"""Fixtures for the discrete naive Bayes classifiers (MultinomialNB, BernoulliNB, ComplementNB, CategoricalNB) from scikit-learn 1.2.

Writes tests/reference/fixtures/learn/nb/nb.json. Run: /usr/bin/python3 tests/reference/sklearn_nb.py
"""
import json, os
import numpy as np
import sklearn
from sklearn.naive_bayes import MultinomialNB, BernoulliNB, ComplementNB, CategoricalNB

rng = np.random.default_rng(20261122)
out = {"sklearn": sklearn.__version__, "numpy": np.__version__}

# Count data: three classes (labels 1, 4, 7), 8 rows each, 5 features with class-dependent Poisson rates.
rates = np.array([[3.0, 1.0, 0.5, 2.0, 0.2], [0.5, 3.0, 1.0, 0.2, 2.0], [1.0, 0.5, 3.0, 1.0, 1.0]])
x = np.concatenate([rng.poisson(rates[k], size=(8, 5)) for k in range(3)]).astype(float)
y = np.repeat([1, 4, 7], 8)
w = rng.uniform(0.2, 2.0, size=24)
# Categorical codes: 3 features with 3, 4 and 2 categories.
xc = np.stack([rng.integers(0, 3, 24), np.minimum(rng.integers(0, 4, 24) + (y == 4), 3), rng.integers(0, 2, 24)], axis=1).astype(float)
out["data"] = {"x": x.tolist(), "y": y.tolist(), "w": w.tolist(), "xc": xc.tolist()}


def common(m, xs):
    return {"class_count": m.class_count_.tolist(), "class_log_prior": m.class_log_prior_.tolist(),
            "jll": m.predict_joint_log_proba(xs).tolist() if hasattr(m, "predict_joint_log_proba") else None,
            "proba": m.predict_proba(xs).tolist(), "pred": m.predict(xs).tolist()}


cases = {}
for name, cls, kw in [
    ("multinomial_plain", MultinomialNB, {}),
    ("multinomial_options", MultinomialNB, {"alpha": 0.3, "fit_prior": False}),
    ("multinomial_prior", MultinomialNB, {"alpha": 2.0, "class_prior": [0.2, 0.5, 0.3]}),
    ("multinomial_tiny_alpha", MultinomialNB, {"alpha": 1e-12, "force_alpha": False}),
    ("multinomial_forced_alpha", MultinomialNB, {"alpha": 1e-12, "force_alpha": True}),
    ("bernoulli_plain", BernoulliNB, {}),
    ("bernoulli_threshold", BernoulliNB, {"binarize": 1.5, "alpha": 0.5}),
    ("complement_plain", ComplementNB, {}),
    ("complement_norm", ComplementNB, {"norm": True, "alpha": 0.7}),
]:
    for weighted in (False, True):
        m = cls(**kw).fit(x, y, sample_weight=w if weighted else None)
        c = common(m, x)
        c["feature_count"] = m.feature_count_.tolist()
        c["feature_log_prob"] = m.feature_log_prob_.tolist()
        cases[name + ("_weighted" if weighted else "")] = c

for name, kw in [("categorical_plain", {}), ("categorical_options", {"alpha": 0.5, "min_categories": 5, "fit_prior": False})]:
    for weighted in (False, True):
        m = CategoricalNB(**kw).fit(xc, y, sample_weight=w if weighted else None)
        c = common(m, xc)
        c["category_count"] = [a.tolist() for a in m.category_count_]
        c["feature_log_prob"] = [a.tolist() for a in m.feature_log_prob_]
        c["n_categories"] = m.n_categories_.tolist()
        cases[name + ("_weighted" if weighted else "")] = c
out["cases"] = cases

path = os.path.join(os.path.dirname(__file__), "fixtures", "learn", "nb", "nb.json")
with open(path, "w") as f:
    json.dump(out, f)
print("wrote", path)
