#!/usr/bin/python3
"""Fixtures for TreeSHAP and tree export (text and Graphviz DOT) from scikit-learn 1.2.

Writes tests/reference/fixtures/learn/treeshap/{treeshap,export}.json. Run: /usr/bin/python3 tests/reference/sklearn_treeshap.py

`shap` is not installed, so the TreeSHAP fixtures hold sklearn-fitted trees (their tree_ arrays, with classifier
counts turned into class probabilities, our node-value convention), inputs rounded to float32 (sklearn routes float32
inputs, so routing agrees exactly) and sklearn's own predictions. The C# tests check that TreeSHAP and a brute-force
Shapley oracle agree on these trees and that base + sum(phi) reproduces sklearn's predict / predict_proba /
decision_function to 1e-10.

The export fixtures hold tree_ arrays and the exact strings of sklearn.tree.export_text / export_graphviz under
various options; the C# tests rebuild a TreeStructure from the arrays (so they do not depend on our grower) and
compare character for character.
"""
import json, os
import numpy as np
import sklearn
from sklearn.datasets import load_iris, load_diabetes, load_breast_cancer, load_digits
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor, export_text, export_graphviz
from sklearn.ensemble import RandomForestRegressor, RandomForestClassifier, GradientBoostingRegressor, GradientBoostingClassifier

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "learn", "treeshap")
os.makedirs(root, exist_ok=True)


def arrays(t, classifier):
    """tree_ arrays in TreeStructure's form: classifier node values = class probabilities (single output)."""
    v = t.value  # (nodes, outputs, classes)
    if classifier:
        vals = (v[:, 0, :] / t.weighted_n_node_samples[:, None])
    else:
        vals = v[:, :, 0]
    return {"n_features": int(t.n_features), "left": t.children_left.tolist(), "right": t.children_right.tolist(),
            "feature": t.feature.tolist(), "threshold": t.threshold.tolist(), "impurity": t.impurity.tolist(),
            "samples": t.n_node_samples.tolist(), "weighted": t.weighted_n_node_samples.tolist(),
            "width": int(vals.shape[1]), "values": vals.ravel().tolist()}


def f32(x):
    return x.astype(np.float32).astype(np.float64)


# ---------------------------------------------------------------- TreeSHAP
iris, diab = load_iris(), load_diabetes()
xi, yi = f32(iris.data), iris.target
xd, yd = f32(diab.data), diab.target
rows_i = xi[::10]  # 15 rows
rows_d = xd[::30]  # 15 rows
shap_cases = {}

m = DecisionTreeRegressor(max_depth=5, random_state=0).fit(xd, yd)
shap_cases["tree_regressor"] = {"trees": [arrays(m.tree_, False)], "weights": [1.0], "offsets": [0], "base": [0.0],
                                "x": rows_d.tolist(), "prediction": m.predict(rows_d)[:, None].tolist()}

w = np.random.default_rng(5).uniform(0.2, 3.0, len(yi))
m = DecisionTreeClassifier(max_depth=4, random_state=0).fit(xi, yi, sample_weight=w)
shap_cases["tree_classifier_weighted"] = {"trees": [arrays(m.tree_, True)], "weights": [1.0], "offsets": [0], "base": [0.0, 0.0, 0.0],
                                          "x": rows_i.tolist(), "prediction": m.predict_proba(rows_i).tolist()}

m = RandomForestRegressor(n_estimators=4, max_depth=4, random_state=0).fit(xd, yd)
shap_cases["forest_regressor"] = {"trees": [arrays(e.tree_, False) for e in m.estimators_], "weights": [0.25] * 4,
                                  "offsets": [0] * 4, "base": [0.0], "x": rows_d.tolist(), "prediction": m.predict(rows_d)[:, None].tolist()}

m = RandomForestClassifier(n_estimators=3, max_depth=3, random_state=0).fit(xi, yi)
shap_cases["forest_classifier"] = {"trees": [arrays(e.tree_, True) for e in m.estimators_], "weights": [1 / 3] * 3,
                                   "offsets": [0] * 3, "base": [0.0, 0.0, 0.0], "x": rows_i.tolist(), "prediction": m.predict_proba(rows_i).tolist()}

m = GradientBoostingRegressor(n_estimators=5, max_depth=2, learning_rate=0.3, random_state=0).fit(xd, yd)
shap_cases["boosting_regressor"] = {"trees": [arrays(e[0].tree_, False) for e in m.estimators_], "weights": [0.3] * 5,
                                    "offsets": [0] * 5, "base": [float(m.init_.constant_[0][0])], "x": rows_d.tolist(),
                                    "prediction": m.predict(rows_d)[:, None].tolist()}

m = GradientBoostingClassifier(n_estimators=3, max_depth=2, learning_rate=0.5, random_state=0).fit(xi, yi)
trees, offs = [], []
for stage in m.estimators_:
    for k, e in enumerate(stage):
        trees.append(arrays(e.tree_, False))
        offs.append(k)
shap_cases["boosting_classifier"] = {"trees": trees, "weights": [0.5] * len(trees), "offsets": offs,
                                     "base": m._raw_predict_init(rows_i[:1])[0].tolist(), "x": rows_i.tolist(),
                                     "prediction": m.decision_function(rows_i).tolist()}

with open(os.path.join(root, "treeshap.json"), "w") as f:
    json.dump({"sklearn": sklearn.__version__, "numpy": np.__version__, "cases": shap_cases}, f)

# ---------------------------------------------------------------- export
exports = {}


def add(name, est, classifier, text_opts, dot_opts, class_labels=None):
    exports[name] = {"tree": arrays(est.tree_, classifier), "classifier": classifier, "criterion": est.criterion,
                     "class_labels": class_labels,
                     "text": [{"options": o, "expected": export_text(est, **o)} for o in text_opts],
                     "dot": [{"options": o, "expected": export_graphviz(est, **o)} for o in dot_opts]}


fi = list(iris.feature_names)
m = DecisionTreeClassifier(max_depth=3, random_state=0).fit(iris.data, yi)
add("iris", m, True,
    [{}, {"feature_names": fi, "show_weights": True}, {"max_depth": 1}, {"max_depth": 0, "show_weights": True},
     {"spacing": 5, "decimals": 3}, {"decimals": 0, "show_weights": True}],
    [{}, {"feature_names": fi, "class_names": list(iris.target_names), "rounded": True, "node_ids": True},
     {"proportion": True, "label": "root", "impurity": False}, {"class_names": True, "max_depth": 1, "special_characters": True},
     {"rotate": True, "leaves_parallel": True, "precision": 1, "label": "none"}, {"node_ids": True, "label": "none", "fontname": "courier"}, {"filled": True}],
    [str(c) for c in m.classes_])

m = DecisionTreeRegressor(max_depth=3, random_state=0).fit(diab.data, yd)
fd = list(diab.feature_names)
add("diabetes", m, False, [{}, {"feature_names": fd, "decimals": 4}, {"max_depth": 1, "spacing": 2}],
    [{}, {"feature_names": fd, "proportion": True, "node_ids": True}, {"max_depth": 2, "precision": 5, "rounded": True}, {"filled": True, "max_depth": 1}])

m = DecisionTreeRegressor(max_depth=2, criterion="absolute_error", random_state=0).fit(diab.data[:, :4], np.stack([yd, yd / 7.0 + diab.data[:, 0]], axis=1))
add("multioutput", m, False, [{}, {"decimals": 1}], [{}, {"proportion": True}, {"filled": True}])

bc = load_breast_cancer()
wb = np.random.default_rng(7).uniform(0.1, 2.0, len(bc.target))
m = DecisionTreeClassifier(max_depth=2, criterion="entropy", random_state=0).fit(bc.data, bc.target, sample_weight=wb)
add("cancer_weighted", m, True, [{"show_weights": True}, {"show_weights": True, "decimals": 4}],
    [{}, {"class_names": ["malignant", "benign"], "proportion": True}, {"filled": True, "rounded": True}], [str(c) for c in m.classes_])

dg = load_digits()
m = DecisionTreeClassifier(max_depth=2, random_state=0).fit(dg.data, dg.target + 10)
add("digits", m, True, [{"show_weights": True}], [{}, {"proportion": True}, {"class_names": True, "precision": 2}],
    [str(c) for c in m.classes_])

with open(os.path.join(root, "export.json"), "w") as f:
    json.dump({"sklearn": sklearn.__version__, "numpy": np.__version__, "cases": exports}, f, indent=None)
print("wrote", root)
