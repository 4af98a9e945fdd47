#!/usr/bin/python3
"""Reference gradients of the elementwise ops from PyTorch (float64), including the conventions at kinks, ties and
zeros of pow, and second derivatives for a subset.

Writes tests/reference/fixtures/nn/grad-elementwise/grads.json, read by
tests/Scratch.ML.Tensors.Tests/ElementwiseGrad/TorchGradFixtureTests.cs. Run: /usr/bin/python3 tests/reference/torch_grad_elementwise.py
"""
import json
import math
import os

import torch
import torch.nn.functional as F

SEED = 1234
torch.manual_seed(SEED)
torch.set_default_dtype(torch.float64)


def uniform(shape, lo, hi):
    return torch.rand(shape) * (hi - lo) + lo


def t(values):
    return torch.tensor(values, dtype=torch.float64)


# name -> (function, inputs, second_order)
CASES = []


def case(name, fn, inputs, second=False):
    CASES.append((name, fn, inputs, second))


smooth = uniform((2, 3), -2, 2)
unit = uniform((2, 3), -0.9, 0.9)
pos = uniform((2, 3), 0.1, 3)

case("abs", torch.abs, [t([-2.0, -0.5, 0.0, 0.3, 1.5])])
case("acos", torch.acos, [unit])
case("acosh", torch.acosh, [uniform((2, 3), 1.1, 3)])
case("asin", torch.asin, [unit])
case("asinh", torch.asinh, [smooth])
case("atan", torch.atan, [smooth])
case("atanh", torch.atanh, [unit])
case("cos", torch.cos, [smooth], True)
case("cosh", torch.cosh, [smooth])
case("sin", torch.sin, [smooth], True)
case("sinh", torch.sinh, [smooth])
case("tan", torch.tan, [uniform((2, 3), -1.2, 1.2)], True)
case("erf", torch.erf, [smooth], True)
case("erfc", torch.erfc, [smooth])
case("exp2", torch.exp2, [smooth])
case("expm1", torch.expm1, [smooth])
case("log10", torch.log10, [pos])
case("log1p", torch.log1p, [uniform((2, 3), -0.9, 3)])
case("log2", torch.log2, [pos])
case("reciprocal", torch.reciprocal, [t([-3.0, -0.4, 0.25, 2.0])], True)
case("rsqrt", torch.rsqrt, [pos], True)
case("sqrt", torch.sqrt, [pos], True)
case("gelu", F.gelu, [uniform((2, 4), -4, 4)], True)
case("gelu_tanh", lambda x: F.gelu(x, approximate="tanh"), [uniform((2, 4), -4, 4)], True)
case("softplus", F.softplus, [t([-30.0, -3.0, -0.5, 0.0, 1.0, 19.0, 21.0])], True)
case("softplus_beta2_threshold1", lambda x: F.softplus(x, beta=2, threshold=1), [t([-2.0, 0.0, 0.4, 0.6, 2.0])], True)
case("clamp", lambda x: torch.clamp(x, -0.5, 0.7), [t([-2.0, -0.5, 0.0, 0.7, 1.0])])
case("clamp_min", lambda x: torch.clamp_min(x, 0.3), [t([-1.0, 0.3, 0.5])])
case("clamp_max", lambda x: torch.clamp_max(x, -0.2), [t([-1.0, -0.2, 0.5])])
for name, fn in [("floor", torch.floor), ("ceil", torch.ceil), ("round", torch.round), ("trunc", torch.trunc), ("sign", torch.sign)]:
    case(name, fn, [t([-1.7, -0.2, 0.0, 0.3, 2.4])])
case("pow_tensor_scalar", lambda x: torch.pow(x, 2.5), [pos], True)
case("pow_tensor_int_scalar_negative_base", lambda x: torch.pow(x, 3.0), [t([-2.0, -0.5, 0.0, 1.5])], True)
case("pow_tensor_zero", lambda x: torch.pow(x, 0.0), [t([-2.0, 0.0, 1.5])])
case("pow_scalar_tensor", lambda x: torch.pow(1.7, x), [smooth], True)
case("pow_zero_base_tensor", lambda x: torch.pow(0.0, x), [t([0.0, 0.5, 2.0])])
case("atan2_scalar", lambda x: torch.atan2(x, t(0.7)), [smooth])
case("hypot_scalar", lambda x: torch.hypot(x, t(0.6)), [smooth])
case("copysign_scalar", lambda x: torch.copysign(x, -1.0), [t([-2.0, 0.0, 0.5])])
case("fmod_scalar", lambda x: torch.fmod(x, 0.7), [t([-2.5, -0.3, 0.4, 1.6])])
case("remainder_scalar", lambda x: torch.remainder(x, -0.8), [t([-2.5, -0.3, 0.4, 1.7])])
case("maximum_scalar", lambda x: torch.maximum(x, t(0.25)), [t([-1.0, 0.25, 0.5])])
case("minimum_scalar", lambda x: torch.minimum(x, t(0.25)), [t([-1.0, 0.25, 0.5])])

# Binary ops with broadcasting: a (3, 1), b (4,).
a, b = uniform((3, 1), -2, 2), uniform((4,), -2, 2)
case("atan2", torch.atan2, [a, b], True)
case("hypot", torch.hypot, [a, b], True)
case("copysign", torch.copysign, [a, b])
bd = uniform((4,), 0.3, 1.5) * t([1.0, -1.0, 1.0, -1.0])
case("fmod", torch.fmod, [uniform((3, 1), -3, 3), bd])
case("remainder", torch.remainder, [uniform((3, 1), -3, 3), bd])
# Integer-valued operands so that ties occur.
ta, tb = t([[-1.0], [0.0], [2.0]]), t([-1.0, 0.0, 1.0, 2.0])
case("maximum", torch.maximum, [ta, tb], True)
case("minimum", torch.minimum, [ta, tb], True)
case("maximum_smooth", torch.maximum, [a, b], True)
case("pow", torch.pow, [uniform((3, 1), 0.2, 3), b], True)
case("pow_zeros", torch.pow, [t([0.0, 0.0, 2.0, 0.0, -2.0]), t([0.0, 2.0, 0.0, 0.5, 3.0])])
MASK = [[True, False, True, False], [False, False, True, True], [True, True, False, False]]
case("where", lambda x, y: torch.where(torch.tensor(MASK), x, y), [a, b], True)


def enc(x):
    """Flattened values, with non-finite numbers as the strings System.Text.Json's named literals read."""
    out = []
    for v in x.detach().reshape(-1).tolist():
        if math.isnan(v):
            out.append("NaN")
        elif math.isinf(v):
            out.append("Infinity" if v > 0 else "-Infinity")
        else:
            out.append(v)
    return out


def tensor_json(x):
    return {"shape": list(x.shape), "data": enc(x)}


records = []
for name, fn, inputs, second in CASES:
    xs = [x.clone().requires_grad_(True) for x in inputs]
    y = fn(*xs)
    g = torch.rand(y.shape) * 2 - 1
    grads = torch.autograd.grad([y], xs, [g], create_graph=second, allow_unused=True)
    grads = [gi if gi is not None else torch.zeros_like(x) for gi, x in zip(grads, xs)]
    rec = {"name": name, "inputs": [tensor_json(x) for x in xs], "output": tensor_json(y), "g": tensor_json(g),
           "grads": [tensor_json(gi) for gi in grads]}
    if second:
        us = [torch.rand(x.shape) * 2 - 1 for x in xs]
        h = sum((gi * u).sum() for gi, u in zip(grads, us))
        # Piecewise-linear ops (maximum, where) have gradients that do not depend on the inputs at all.
        g2 = torch.autograd.grad([h], xs, allow_unused=True) if h.requires_grad else [None] * len(xs)
        g2 = [gi if gi is not None else torch.zeros_like(x) for gi, x in zip(g2, xs)]
        rec["u"] = [tensor_json(u) for u in us]
        rec["grads2"] = [tensor_json(gi) for gi in g2]
    records.append(rec)

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "nn", "grad-elementwise")
os.makedirs(out_dir, exist_ok=True)
with open(os.path.join(out_dir, "grads.json"), "w") as f:
    json.dump({"torch": torch.__version__, "seed": SEED, "dtype": "float64", "cases": records}, f, indent=0)
print(f"wrote {len(records)} cases")
