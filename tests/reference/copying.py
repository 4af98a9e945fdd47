#!/usr/bin/python3
"""Reference outputs of NumPy for the copying and indexing ops (Scratch.ML Ops/Copying, Ops/Indexing).

Writes tests/reference/fixtures/copying/numpy_ops.json. Run: /usr/bin/python3 tests/reference/copying.py
Every input is integer-valued float64 (or int64 indices / bool masks), so the comparison is exact: these ops only
move data. Each case names the Scratch.ML op and its arguments in Scratch.ML's conventions (e.g. the pad list is
PyTorch's order, last axis first); the NumPy call that produced `expected` is recorded in `numpy`.
"""
import json
import os

import numpy as np

rng = np.random.default_rng(20261122)
cases = []


def t(a):
    a = np.asarray(a)
    return {"shape": list(a.shape), "data": a.reshape(-1).tolist()}


def x_of(shape):
    return rng.integers(-50, 50, size=shape).astype(np.float64)


def add(op, call, expected, **kw):
    case = {"op": op, "numpy": call, "expected": t(expected)}
    case.update(kw)
    cases.append(case)


# Pad: our list (l_last, r_last, l_prev, r_prev, ...) -> NumPy pad_width per axis.
modes = {"constant": "Constant", "reflect": "Reflect", "edge": "Replicate", "wrap": "Circular"}
for shape, pad in [((5,), [2, 3]), ((3, 4), [1, 2, 2, 1]), ((2, 3, 4), [0, 3, 1, 0]), ((4, 5), [3, 0])]:
    x = x_of(shape)
    widths = [(0, 0)] * len(shape)
    for i in range(len(pad) // 2):
        widths[len(shape) - 1 - i] = (pad[2 * i], pad[2 * i + 1])
    for npmode, ourmode in modes.items():
        if npmode == "reflect" and any(b >= n or a >= n for (a, b), n in zip(widths, shape) if a or b):
            continue
        kwargs = {"constant_values": 7} if npmode == "constant" else {}
        add("pad", f"np.pad(x, {widths}, mode='{npmode}')", np.pad(x, widths, mode=npmode, **kwargs),
            x=t(x), pad=pad, mode=ourmode, value=7)

for shape, shift, axis in [((7,), 3, 0), ((3, 4), -5, 1), ((2, 3, 4), 2, 0), ((3, 4), 13, -1)]:
    x = x_of(shape)
    add("roll", f"np.roll(x, {shift}, axis={axis})", np.roll(x, shift, axis=axis), x=t(x), shift=shift, axis=axis)

for shape, reps in [((3,), [2]), ((2, 3), [2, 2]), ((2, 3), [3]), ((2, 1, 3), [1, 2, 2]), ((2, 3), [2, 1, 2])]:
    x = x_of(shape)
    add("tile", f"np.tile(x, {reps})", np.tile(x, reps), x=t(x), reps=reps)

for shape, r, axis in [((4,), 3, 0), ((2, 3), 2, 1), ((2, 3), 2, 0)]:
    x = x_of(shape)
    add("repeat_interleave", f"np.repeat(x, {r}, axis={axis})", np.repeat(x, r, axis=axis), x=t(x), repeats=r, axis=axis)

for shape, k in [((4, 4), 0), ((3, 5), 1), ((5, 3), -1), ((2, 3, 4), 2)]:
    x = x_of(shape)
    add("tril", f"np.tril(x, {k})", np.tril(x, k), x=t(x), diagonal=k)
    add("triu", f"np.triu(x, {k})", np.triu(x, k), x=t(x), diagonal=k)

for shape, axes in [((5,), [0]), ((3, 4), [1]), ((2, 3, 4), [0, 2])]:
    x = x_of(shape)
    add("flip", f"np.flip(x, axis={tuple(axes)})", np.flip(x, axis=tuple(axes)), x=t(x), axes=axes)

for shapes, axis in [([(2, 3), (4, 3)], 0), ([(2, 3), (2, 1), (2, 2)], 1)]:
    xs = [x_of(s) for s in shapes]
    add("concat", f"np.concatenate(xs, axis={axis})", np.concatenate(xs, axis=axis), xs=[t(x) for x in xs], axis=axis)

for shape, axis in [((2, 3), 0), ((2, 3), 2)]:
    xs = [x_of(shape) for _ in range(3)]
    add("stack", f"np.stack(xs, axis={axis})", np.stack(xs, axis=axis), xs=[t(x) for x in xs], axis=axis)

for xshape, ishape, axis in [((3, 5), (3, 4), 1), ((4, 3), (6, 3), 0), ((2, 3, 4), (2, 3, 2), 2), ((3, 4), (1, 4), 0)]:
    x = x_of(xshape)
    idx = rng.integers(0, xshape[axis], size=ishape)
    add("take_along_axis", f"np.take_along_axis(x, idx, axis={axis})", np.take_along_axis(x, idx, axis=axis),
        x=t(x), index=t(idx), axis=axis)

# Scatter with distinct indices along the axis (put_along_axis), and scatter-add with repeats (np.add.at).
for shape, axis in [((3, 5), 1), ((4, 3), 0)]:
    base = x_of(shape)
    src = x_of(shape)
    idx = np.argsort(rng.random(shape), axis=axis)
    out = base.copy()
    np.put_along_axis(out, idx, src, axis=axis)
    add("scatter", f"np.put_along_axis(base, idx, src, axis={axis})", out, x=t(base), index=t(idx), source=t(src), axis=axis)
for xshape, ishape, axis in [((3, 4), (3, 7), 1), ((5,), (12,), 0)]:
    base = x_of(xshape)
    idx = rng.integers(0, xshape[axis], size=ishape)
    src = x_of(ishape)
    out = base.copy()
    grid = list(np.indices(ishape))
    grid[axis] = idx
    np.add.at(out, tuple(grid), src)
    add("scatter_add", f"np.add.at(base, (grid with axis {axis} = idx), src)", out, x=t(base), index=t(idx), source=t(src), axis=axis)

for shape in [(6,), (3, 4), (2, 3, 2)]:
    x = rng.integers(-1, 2, size=shape).astype(np.float64)
    add("nonzero", "np.argwhere(x)", np.argwhere(x), x=t(x))

for xshape, mshape in [((3, 4), (3, 4)), ((3, 4), (4,)), ((2, 3), (2, 1))]:
    x = x_of(xshape)
    m = rng.random(mshape) < 0.5
    add("masked_select", "x[np.broadcast_to(m, broadcast shape)] of np.broadcast_arrays(x, m)",
        np.broadcast_arrays(x, m)[0][np.broadcast_arrays(x, m)[1]], x=t(x), mask={"shape": list(m.shape), "data": m.reshape(-1).tolist()})

for xshape, ishapes in [((4, 5), [(3,), (3,)]), ((4, 5, 2), [(2, 1), (1, 3)]), ((4, 5), [(2, 2)])]:
    x = x_of(xshape)
    idxs = [rng.integers(-xshape[j], xshape[j], size=s) for j, s in enumerate(ishapes)]
    add("index", "x[tuple(idxs)]", x[tuple(idxs)], x=t(x), indices=[t(i) for i in idxs])

for shape, k, axis in [((4, 5), 6, 0), ((4, 5), 3, 1), ((2, 3, 4), 5, 2)]:
    x = x_of(shape)
    idx = rng.integers(0, shape[axis], size=k)
    add("index_select", f"np.take(x, idx, axis={axis})", np.take(x, idx, axis=axis), x=t(x), index=t(idx), axis=axis)

for shape, classes in [((5,), 4), ((2, 3), 3)]:
    labels = rng.integers(0, classes, size=shape)
    add("one_hot", f"np.eye({classes})[labels]", np.eye(classes)[labels], labels=t(labels), classes=classes)

for xshape, mshape in [((3, 4), (3, 4)), ((3, 4), (3, 1))]:
    x = x_of(xshape)
    m = rng.random(mshape) < 0.5
    add("masked_fill", "np.where(m, -9, x)", np.where(m, -9.0, x), x=t(x), mask={"shape": list(m.shape), "data": m.reshape(-1).tolist()}, value=-9)

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "copying", "numpy_ops.json")
with open(path, "w") as f:
    json.dump({"peer": f"numpy {np.__version__}", "tolerance": "exact (data movement only; integer-valued inputs)",
               "cases": cases}, f, indent=None, separators=(",", ":"))
print(f"wrote {len(cases)} cases to {path}")
