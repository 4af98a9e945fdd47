#!/usr/bin/python3
"""Fixture for the data-split tests (tests/Scratch.ML.NN.Tests/Data/TorchSplitFixtureTests.cs).

torch.utils.data.random_split with fractions (torch >= 1.13) turns fractions into lengths: floor(n * f) each, then
the remainder is handed out one item at a time to the parts in order. Only the lengths are compared (the permutation
comes from a different generator). Also records len(DataLoader(...)) with and without drop_last.

Run: /usr/bin/python3 tests/reference/torch_data.py   (writes tests/reference/fixtures/nn/data/splits.json)
"""
import json
import os

import torch
from torch.utils.data import DataLoader, TensorDataset, random_split

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "nn", "data")

CASES = [
    (11, [0.5, 0.3, 0.2]),
    (10, [0.7, 0.3]),
    (7, [1 / 3, 1 / 3, 1 / 3]),
    (100, [0.8, 0.1, 0.1]),
    (5, [0.25, 0.25, 0.25, 0.25]),
    (1, [0.5, 0.5]),
    (0, [0.6, 0.4]),
    (1797, [0.8, 0.2]),
]


def main():
    os.makedirs(OUT, exist_ok=True)
    splits = []
    for n, fractions in CASES:
        parts = random_split(range(n), fractions, generator=torch.Generator().manual_seed(0))
        splits.append({"n": n, "fractions": fractions, "lengths": [len(p) for p in parts]})
    loaders = []
    for n, batch in [(10, 3), (9, 3), (2, 3), (1797, 64), (1, 1)]:
        ds = TensorDataset(torch.arange(n))
        loaders.append({"n": n, "batch_size": batch,
                        "batches": len(DataLoader(ds, batch_size=batch)),
                        "batches_drop_last": len(DataLoader(ds, batch_size=batch, drop_last=True))})
    with open(os.path.join(OUT, "splits.json"), "w") as f:
        json.dump({"torch": torch.__version__, "random_split": splits, "dataloader_len": loaders}, f, indent=1)


if __name__ == "__main__":
    main()
