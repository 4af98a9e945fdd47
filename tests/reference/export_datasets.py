#!/usr/bin/python3
"""Exports scikit-learn's small bundled datasets (iris, wine, breast cancer, diabetes) to
src/Scratch.ML.Learn/Datasets/Data/*.csv, copies samples/data/digits.csv next to them, and writes the reference
fixture tests/reference/fixtures/learn/datasets/datasets.json (shapes, class counts, column means, feature and target
names) that Scratch.ML.Tests.Learn.Datasets.SmallDatasetsTests compares the loaders against.

CSV format: a header row of sklearn's feature names then "target"; one row per sample in sklearn's order; floats
written with Python's repr (shortest round-trip form, so parsing gives back the identical doubles); classification
targets as integer codes 0..k-1, the diabetes target as the raw disease-progression value. Diabetes uses sklearn's
default (scaled=True) features: each column mean-centred and scaled by its standard deviation times sqrt(n).
See src/Scratch.ML.Learn/Datasets/Data/LICENSES.md.

Run: /usr/bin/python3 tests/reference/export_datasets.py
"""
import json
import os
import shutil

import numpy as np
import sklearn
from sklearn.datasets import load_breast_cancer, load_diabetes, load_digits, load_iris, load_wine

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(ROOT, "src", "Scratch.ML.Learn", "Datasets", "Data")
FIX = os.path.join(ROOT, "tests", "reference", "fixtures", "learn", "datasets")


def write_csv(name, d, classification):
    path = os.path.join(DATA, name + ".csv")
    names = list(d.feature_names)
    assert all("," not in n and '"' not in n for n in names)
    with open(path, "w", newline="\n") as f:
        f.write(",".join(names + ["target"]) + "\n")
        for row, t in zip(d.data, d.target):
            tv = str(int(t)) if classification else repr(float(t))
            f.write(",".join(repr(float(v)) for v in row) + "," + tv + "\n")
    return path


def summary(d, classification):
    out = {
        "shape": list(d.data.shape),
        "feature_names": [str(n) for n in d.feature_names],
        "column_means": [float(m) for m in d.data.mean(axis=0)],
        "column_stds": [float(s) for s in d.data.std(axis=0)],
        "first_row": [float(v) for v in d.data[0]],
        "target_mean": float(np.mean(d.target)),
        "first_target": float(d.target[0]),
    }
    if classification:
        out["target_names"] = [str(n) for n in d.target_names]
        out["class_counts"] = [int(c) for c in np.bincount(d.target)]
    return out


def generator_fixture():
    """The parts of sklearn's generators that do not depend on the random stream: class/cluster sizes, the
    noise-free unshuffled moons and circles, and the low-rank singular-value profile."""
    from sklearn.datasets import make_blobs, make_circles, make_classification, make_low_rank_matrix, make_moons
    out = {"sklearn_version": sklearn.__version__, "classification_counts": []}
    for n, k, cpc, w in [(1000, 3, 2, [0.5, 0.3]), (101, 2, 2, None), (997, 4, 1, [0.1, 0.2, 0.3, 0.4]), (50, 5, 3, None)]:
        _, y = make_classification(n_samples=n, n_features=8, n_informative=4, n_redundant=0, n_classes=k,
                                   n_clusters_per_class=cpc, weights=w, flip_y=0.0, random_state=0)
        out["classification_counts"].append({"n": n, "classes": k, "clusters_per_class": cpc, "weights": w,
                                             "counts": [int(c) for c in np.bincount(y, minlength=k)]})
    _, y = make_blobs(n_samples=10, centers=3, random_state=0)
    out["blobs_10_3_counts"] = [int(c) for c in np.bincount(y)]
    x, y = make_moons(n_samples=7, shuffle=False, noise=None)
    out["moons_7"] = {"x": x.ravel().tolist(), "y": y.tolist()}
    x, y = make_circles(n_samples=9, shuffle=False, noise=None, factor=0.3)
    out["circles_9_0.3"] = {"x": x.ravel().tolist(), "y": y.tolist()}
    x = make_low_rank_matrix(n_samples=20, n_features=8, effective_rank=3, tail_strength=0.5, random_state=0)
    out["low_rank_20_8_3_0.5_singular_values"] = np.linalg.svd(x, compute_uv=False).tolist()
    return out


def main():
    os.makedirs(DATA, exist_ok=True)
    os.makedirs(FIX, exist_ok=True)
    fixture = {"sklearn_version": sklearn.__version__, "numpy_version": np.__version__,
               "tolerance": "column means are sums of <= 569 doubles parsed from repr round-trip text: "
                            "1e-12 relative covers summation-order differences"}
    for name, loader, cls in [("iris", load_iris, True), ("wine", load_wine, True),
                              ("breast_cancer", load_breast_cancer, True), ("diabetes", load_diabetes, False)]:
        d = loader()
        write_csv(name, d, cls)
        fixture[name] = summary(d, cls)
    digits = load_digits()
    fixture["digits"] = summary(digits, True)
    fixture["digits"]["feature_names"] = [f"p{i}" for i in range(64)]
    shutil.copyfile(os.path.join(ROOT, "samples", "data", "digits.csv"), os.path.join(DATA, "digits.csv"))
    with open(os.path.join(FIX, "datasets.json"), "w") as f:
        json.dump(fixture, f, indent=1)
    with open(os.path.join(FIX, "generators.json"), "w") as f:
        json.dump(generator_fixture(), f, indent=1)
    print(f"wrote {DATA} and {FIX} with sklearn {sklearn.__version__}")


if __name__ == "__main__":
    main()
