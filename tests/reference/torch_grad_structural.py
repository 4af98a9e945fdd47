#!/usr/bin/python3
"""Fixtures for the structural-op VJPs (tests/Scratch.ML.Tensors.Tests/StructuralGrad/TorchGradFixtureTests.cs).

For each case: float64 inputs (seeded), a random upstream gradient v, the op's output and the gradients of
sum(v * op(inputs)) with respect to every input, computed by PyTorch's autograd. float64 because the point is the
gradient *conventions* (which border element a pad gradient lands on, how repeats accumulate), checked tightly.
Run: /usr/bin/python3 tests/reference/torch_grad_structural.py
"""
import json
import os

import torch
import torch.nn.functional as F

torch.manual_seed(20261122)
OUT = os.path.join(os.path.dirname(__file__), "fixtures", "nn", "grad-structural", "torch_structural_grads.json")


def t(x):
    return {"shape": list(x.shape), "data": x.detach().reshape(-1).tolist()}


def rand(*shape):
    return torch.rand(tuple(shape), dtype=torch.float64) * 2 - 1


cases = []


def case(name, inputs, f):
    leaves = [x.clone().requires_grad_(True) for x in inputs]
    y = f(*leaves)
    v = rand(*y.shape)
    grads = torch.autograd.grad((y * v).sum(), leaves)
    cases.append({"name": name, "inputs": [t(x) for x in inputs], "v": t(v), "output": t(y), "grads": [t(g) for g in grads]})


x4 = rand(1, 2, 3, 4)
case("pad_reflect", [x4], lambda x: F.pad(x, (2, 1, 1, 2), mode="reflect"))
case("pad_replicate", [x4], lambda x: F.pad(x, (2, 1, 1, 2), mode="replicate"))
case("pad_circular", [x4], lambda x: F.pad(x, (2, 1, 1, 2), mode="circular"))
case("pad_constant_crop", [rand(3, 4)], lambda x: F.pad(x, (-1, 2, 1, -1), value=0.5))
z = rand(3, 4)
z[0, 1] = 0
z[1, 0] = 0
z[1, 2] = 0
z[2, 3] = 0
case("cumprod_zeros", [z], lambda x: torch.cumprod(x, 1))
case("cumprod_axis0", [rand(4, 3)], lambda x: torch.cumprod(x, 0))
case("logcumsumexp", [rand(4, 3) * 3], lambda x: torch.logcumsumexp(x, 0))
case("cumsum", [rand(3, 4)], lambda x: torch.cumsum(x, -1))
case("einsum_diag", [rand(3, 3, 2), rand(2)], lambda a, b: torch.einsum("iij,j->i", a, b))
case("einsum_batch_broadcast", [rand(1, 2, 3), rand(3, 3, 2)], lambda a, b: torch.einsum("...ij,...jk->...ik", a, b))
case("einsum_trace", [rand(3, 3)], lambda a: torch.einsum("ii->", a))
case("einsum_sum_only", [rand(2, 3), rand(4)], lambda a, b: torch.einsum("ij,k->i", a, b))
case("sort_desc", [rand(3, 5)], lambda x: torch.sort(x, dim=1, descending=True).values)
case("topk", [rand(4, 3)], lambda x: torch.topk(x, 2, dim=0).values)
rows = torch.tensor([0, 2, 2, 0, 1])
cols = torch.tensor([1, 1, 1, 0, 1])
case("index_get", [rand(3, 2)], lambda x: x[rows, cols])
case("index_put_accumulate", [rand(3, 2), rand(5)], lambda x, v: x.index_put((rows, cols), v, accumulate=True))
mask = torch.tensor([[True, False, True], [False, False, True]])
case("masked_select_broadcast", [rand(1, 3)], lambda x: torch.masked_select(x, mask))
case("masked_fill", [rand(2, 3)], lambda x: x.masked_fill(mask, 2.0))
case("repeat_interleave_list", [rand(3, 2)], lambda x: torch.repeat_interleave(x, torch.tensor([2, 0, 3]), dim=0))
case("repeat", [rand(2, 3)], lambda x: x.repeat(2, 1, 3))
gidx = torch.tensor([[0, 2, 2], [1, 0, 0]])
case("gather", [rand(2, 4)], lambda x: torch.gather(x, 1, gidx))
case("scatter_add", [rand(3, 3), rand(2, 3)], lambda x, s: x.scatter_add(0, torch.tensor([[0, 2, 2], [2, 0, 0]]), s))
case("index_select", [rand(3, 2)], lambda x: torch.index_select(x, 0, torch.tensor([2, 0, 2, 2])))
case("take_along_dim", [rand(1, 4)], lambda x: torch.take_along_dim(x, torch.tensor([[0, 3], [3, 3], [1, 0]]), dim=1))
case("roll", [rand(3, 4)], lambda x: torch.roll(x, shifts=(1, -5), dims=(0, 1)))
case("flip", [rand(2, 3, 2)], lambda x: torch.flip(x, (0, 2)))
case("tril_triu", [rand(2, 3, 4)], lambda x: torch.tril(x, -1) + torch.triu(x, 2))
case("cat_stack", [rand(2, 3), rand(2, 1)], lambda a, b: torch.stack([torch.cat([a, b], 1), torch.cat([b, a], 1)], 0))
# Scatter and non-accumulating index_put without repeated targets (where PyTorch's convention is exact).
case("scatter_unique", [rand(3, 3), rand(2, 3)], lambda x, s: x.scatter(0, torch.tensor([[0, 2, 1], [1, 0, 2]]), s))
case("index_put_unique", [rand(3, 2), rand(2)], lambda x, v: x.index_put((torch.tensor([2, 0]),), v))
case("einsum_implicit_three", [rand(2, 3), rand(3, 2), rand(2, 2)], lambda a, b, c: torch.einsum("ij,jk,kl", a, b, c))
case("chunk_split", [rand(2, 6)], lambda x: torch.cat([p * (i + 1) for i, p in enumerate(torch.chunk(x, 3, -1))], 0))

os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, "w") as fh:
    json.dump({"torch": torch.__version__, "seed": 20261122, "dtype": "float64", "cases": cases}, fh)
print(f"wrote {len(cases)} cases to {OUT}")
