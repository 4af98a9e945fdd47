#!/usr/bin/python3
"""Exports scikit-learn's copy of the UCI Optical Recognition of Handwritten Digits data (test part, 8x8 images) to
samples/data/digits.csv: a header row "p0,...,p63,label", then 1,797 rows of 64 integer pixel values 0-16 (row-major,
8x8) and the digit label 0-9, in sklearn's order. See samples/data/DIGITS-LICENSE.md.

Run: /usr/bin/python3 tests/reference/export_digits.py
"""
import os

import sklearn
from sklearn.datasets import load_digits

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def main():
    d = load_digits()
    assert d.data.shape == (1797, 64)
    path = os.path.join(ROOT, "samples", "data", "digits.csv")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", newline="\n") as f:
        f.write(",".join([f"p{i}" for i in range(64)] + ["label"]) + "\n")
        for row, label in zip(d.data, d.target):
            assert all(0 <= v <= 16 and v == int(v) for v in row)
            f.write(",".join(str(int(v)) for v in row) + f",{int(label)}\n")
    print(f"wrote {path} with sklearn {sklearn.__version__}")


if __name__ == "__main__":
    main()
