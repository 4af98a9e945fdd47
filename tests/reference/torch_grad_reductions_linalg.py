#!/usr/bin/python3
"""PyTorch reference gradients for Scratch.ML's reduction and linear-algebra VJPs
(tests/Scratch.ML.Tensors.Tests/ReductionLinalgGrad/TorchGradFixtureTests.cs).

Run:  /usr/bin/python3 tests/reference/torch_grad_reductions_linalg.py
Writes tests/reference/fixtures/nn/grad-reductions-linalg/grads.json.

Each case records the op, its inputs, a fixed output gradient v, PyTorch's output y and the gradients of sum(v * y)
with respect to every input. Everything is float64: the point is to compare the VJP *formulas* (including PyTorch's
conventions at ties, zeros, sigma = 0 and norm = 0), so both sides should agree to ~1e-12; float32 would only add
rounding noise. Inputs come from torch.Generator seeds below; special points are written out literally.
"""
import json
import math
import os

import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "nn", "grad-reductions-linalg")
torch.set_default_dtype(torch.float64)
gen = torch.Generator().manual_seed(20261122)


def randn(*shape):
    return torch.randn(*shape, generator=gen)


def enc(t):
    t = t.detach().reshape(-1).tolist()
    return [("nan" if math.isnan(v) else ("inf" if v > 0 else "-inf")) if not math.isfinite(v) else v for v in t]


def tensor_json(t):
    return {"shape": list(t.shape), "data": enc(t)}


cases = []


def case(name, op, fn, inputs, **args):
    leaves = [x.clone().requires_grad_(True) for x in inputs]
    y = fn(*leaves)
    v = torch.rand(y.shape, generator=gen) * 2 - 1
    grads = torch.autograd.grad((y * v).sum(), leaves, allow_unused=True)
    cases.append({
        "name": name, "op": op, "args": args,
        "inputs": [tensor_json(x) for x in inputs],
        "v": tensor_json(v), "y": tensor_json(y),
        "grads": [tensor_json(g if g is not None else torch.zeros_like(x)) for g, x in zip(grads, inputs)],
    })


def dims(d):
    return None if d is None else (d if isinstance(d, (list, tuple)) else [d])


# Reductions --------------------------------------------------------------------------------------------------------
x = randn(2, 3, 4)
for d, k in [(None, False), (1, False), (-1, True), ([0, 2], False)]:
    dd = dims(d)
    case(f"prod {d} {k}", "prod", (lambda t, dd=dd, k=k: t.prod() if dd is None else
                                   (t.prod(dd[0], keepdim=k) if len(dd) == 1 else t.prod(dd[1], keepdim=k).prod(dd[0], keepdim=k))),
         [x], axes=dd, keepdim=k)
zeros = torch.tensor([[2.0, 0.0, 3.0], [0.0, 5.0, 0.0], [1.5, 2.0, 3.0]])
case("prod with zeros", "prod", lambda t: t.prod(1), [zeros], axes=[1], keepdim=False)

ties = torch.tensor([[1.0, 3.0, 3.0, -2.0], [4.0, 4.0, 4.0, 4.0], [0.5, -1.0, 2.0, -1.0]])
for op in ["amax", "amin"]:
    f = getattr(torch, op)
    case(f"{op} ties dim 1", op, lambda t, f=f: f(t, 1), [ties], axes=[1], keepdim=False)
    case(f"{op} ties all", op, lambda t, f=f: f(t, (0, 1)), [ties], axes=None, keepdim=False)
    case(f"{op} dims 0 keep", op, lambda t, f=f: f(t, 0, keepdim=True), [x[0]], axes=[0], keepdim=True)

for op in ["var", "std"]:
    for d, k, c in [(None, False, 0), (1, True, 1), ([0, 2], False, 1), (0, False, 0)]:
        dd = dims(d)
        case(f"{op} {d} {k} ddof {c}", op, lambda t, op=op, dd=dd, k=k, c=c: getattr(torch, op)(t, dim=dd, unbiased=bool(c), keepdim=k),
             [x], axes=dd, keepdim=k, ddof=c)
const = torch.tensor([[2.0, 2.0, 2.0], [1.0, 5.0, 3.0]])
case("std constant row", "std", lambda t: torch.std(t, dim=[1], unbiased=False), [const], axes=[1], keepdim=False, ddof=0)

for d, k in [(None, False), ([1], False), ([0, 2], True), ([-1], False)]:
    case(f"logsumexp {d} {k}", "logsumexp", lambda t, d=d, k=k: torch.logsumexp(t, dim=d if d is not None else (0, 1, 2), keepdim=k),
         [x], axes=d, keepdim=k)

special = torch.tensor([[1.0, 0.0, -3.0, 3.0], [0.0, 0.0, 0.0, 0.0], [0.5, -2.0, 1.0, 0.25]])
for p in [2.0, 1.0, 3.0, 1.5, 0.5, math.inf, -math.inf, 0.0]:
    case(f"vector_norm {p} dim 1", "norm", lambda t, p=p: torch.linalg.vector_norm(t, p, dim=1), [special if p not in (0.5, -math.inf) else special[[0, 2]]],
         p=("inf" if p == math.inf else "-inf" if p == -math.inf else p), axes=[1], keepdim=False)
    case(f"vector_norm {p} all", "norm", lambda t, p=p: torch.linalg.vector_norm(t, p), [x],
         p=("inf" if p == math.inf else "-inf" if p == -math.inf else p), axes=None, keepdim=False)

# Linear algebra ----------------------------------------------------------------------------------------------------
def well(*shape):
    n = shape[-1]
    return randn(*shape) + n * torch.eye(n)


def spd(*shape):
    n = shape[-1]
    m = randn(*shape)
    return m @ m.transpose(-2, -1) + n * torch.eye(n)


a = well(4, 4)
case("solve vector", "solve", torch.linalg.solve, [a, randn(4)])
case("solve matrix", "solve", torch.linalg.solve, [a, randn(4, 3)])
case("solve batched", "solve", torch.linalg.solve, [well(2, 3, 3), randn(2, 3, 2)])
case("inv", "inv", torch.linalg.inv, [well(2, 3, 3)])
case("det", "det", torch.linalg.det, [randn(2, 3, 3)])
case("logabsdet", "logabsdet", lambda t: torch.linalg.slogdet(t)[1], [randn(3, 3)])
case("logdet", "logdet", torch.logdet, [spd(2, 3, 3)])
sym = spd(2, 4, 4)
case("cholesky", "cholesky", torch.linalg.cholesky, [sym])
case("eigvalsh", "eigvalsh", torch.linalg.eigvalsh, [spd(4, 4)])
case("least squares", "lstsq", lambda A, b: torch.linalg.pinv(A) @ b, [randn(6, 3), randn(6, 2)])
case("pinv tall", "pinv", torch.linalg.pinv, [randn(5, 3)])
case("pinv wide", "pinv", torch.linalg.pinv, [randn(2, 4)])
tall = randn(5, 3)
case("qr q", "qr_q", lambda t: torch.linalg.qr(t)[0], [tall])
case("qr r", "qr_r", lambda t: torch.linalg.qr(t)[1], [tall])
case("svdvals tall", "svdvals", torch.linalg.svdvals, [randn(5, 3)])
case("svd u vh wide", "svd_uvh", lambda t: (lambda r: r[0] @ r[2])(torch.linalg.svd(t, full_matrices=False)), [randn(3, 4)])

os.makedirs(OUT, exist_ok=True)
with open(os.path.join(OUT, "grads.json"), "w") as f:
    json.dump({"generator": "tests/reference/torch_grad_reductions_linalg.py", "torch": torch.__version__,
               "seed": 20261122, "dtype": "float64", "cases": cases}, f, indent=1)
print(len(cases), "cases")
