#!/usr/bin/python3
"""Writes PyTorch reference fixtures for the Scratch.ML.NN losses (tests/Scratch.ML.NN.Tests/Losses).

Run: /usr/bin/python3 tests/reference/torch_losses.py   (Debian torch 1.13, CPU, float32).
Each file tests/reference/fixtures/nn/losses/<loss>.json holds a list of cases with the tensors (shape + flat data,
row-major), the options, the loss and the gradients of sum(loss * grad_output) with respect to the inputs that
PyTorch differentiates (grad_output is ones for a scalar loss and a fixed random tensor for reduction='none').
The sigmoid focal loss follows torchvision.ops.sigmoid_focal_loss (0.14) line by line (torchvision is not installed).
"""
import json
import math
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "nn", "losses")
SEED = 20261122


def enc(t):
    t = t.detach()
    kind = "float32" if t.dtype == torch.float32 else ("int64" if t.dtype == torch.int64 else str(t.dtype))
    return {"dtype": kind, "shape": list(t.shape), "data": [float(v) if kind == "float32" else int(v) for v in t.reshape(-1).tolist()]}


def case(name, fn, tensors, grad_names, options, reduction):
    """fn(**tensors) -> loss. Differentiates with respect to grad_names."""
    leaves = {}
    for k, v in tensors.items():
        v = v.clone()
        if k in grad_names:
            v.requires_grad_(True)
        leaves[k] = v
    loss = fn(**leaves)
    g = torch.ones_like(loss) if loss.dim() == 0 else torch.randn(loss.shape, generator=GEN)
    (loss * g).sum().backward()
    rec = {"name": name, "options": dict(options, reduction=reduction),
           "tensors": {k: enc(v) for k, v in tensors.items()},
           "loss": enc(loss), "grad_output": enc(g),
           "grads": {}, "nonfinite_grads_skipped": []}
    for k in grad_names:
        gk = leaves[k].grad
        if gk is None:
            continue
        if torch.isfinite(gk).all():
            rec["grads"][k] = enc(gk)
        else:
            # e.g. PoissonNLL(full=True): d/dy of y·log y at y = 0 is 0·(−∞) = NaN in PyTorch's masked Stirling term
            rec["nonfinite_grads_skipped"].append(k)
    assert torch.isfinite(loss).all(), name
    return rec


REDS = ["mean", "sum", "none"]


def write(fname, cases):
    with open(os.path.join(OUT, fname + ".json"), "w") as f:
        json.dump({"torch": torch.__version__, "seed": SEED, "cases": cases}, f)


def main():
    global GEN
    torch.manual_seed(SEED)
    GEN = torch.Generator().manual_seed(SEED + 1)
    os.makedirs(OUT, exist_ok=True)
    r = lambda *s: torch.randn(*s, generator=GEN)
    u = lambda *s: torch.rand(*s, generator=GEN)
    ri = lambda hi, *s: torch.randint(0, hi, s, generator=GEN)

    # --- regression losses -------------------------------------------------------------------------------------
    x, y = r(3, 4), r(3, 4)
    y[0, 0] = x[0, 0]  # a zero difference
    write("mse", [case("mse", lambda input, target, red=red: F.mse_loss(input, target, reduction=red),
                       {"input": x, "target": y}, ["input", "target"], {}, red) for red in REDS])
    x2, y2 = r(2, 3, 2), r(2, 3, 2)
    write("l1", [case("l1", lambda input, target, red=red: F.l1_loss(input, target, reduction=red),
                      {"input": x2, "target": y2}, ["input", "target"], {}, red) for red in REDS])
    xs, ys = r(4, 5) * 2, r(4, 5) * 2
    cs = []
    for beta in [1.0, 0.5, 0.0, 2.5]:
        for red in REDS:
            cs.append(case("smooth_l1", lambda input, target, red=red, beta=beta: F.smooth_l1_loss(input, target, reduction=red, beta=beta),
                           {"input": xs, "target": ys}, ["input", "target"], {"beta": beta}, red))
    write("smooth_l1", cs)
    cs = []
    for delta in [1.0, 0.5, 2.5]:
        for red in REDS:
            cs.append(case("huber", lambda input, target, red=red, delta=delta: F.huber_loss(input, target, reduction=red, delta=delta),
                           {"input": xs, "target": ys}, ["input", "target"], {"delta": delta}, red))
    write("huber", cs)

    # --- binary classification --------------------------------------------------------------------------------
    p = u(3, 4) * 0.98 + 0.01
    p[0, 0] = 0.0   # log clamped at -100
    p[0, 1] = 1.0
    t = u(3, 4)
    t[0, 0] = 1.0
    t[0, 1] = 0.0
    w = u(3, 4) + 0.5
    wrow = u(4) + 0.5
    cs = []
    for red in REDS:
        cs.append(case("bce", lambda input, target, red=red: F.binary_cross_entropy(input, target, reduction=red), {"input": p, "target": t}, ["input"], {}, red))
        cs.append(case("bce", lambda input, target, weight, red=red: F.binary_cross_entropy(input, target, weight=weight, reduction=red),
                       {"input": p, "target": t, "weight": w}, ["input"], {}, red))
        cs.append(case("bce", lambda input, target, weight, red=red: F.binary_cross_entropy(input, target, weight=weight, reduction=red),
                       {"input": p, "target": t, "weight": wrow}, ["input"], {}, red))
    write("bce", cs)
    z = r(3, 4) * 4
    z[0, 0], z[0, 1] = 60.0, -60.0  # saturated logits stay finite
    pw = u(4) * 3 + 0.2
    cs = []
    for red in REDS:
        cs.append(case("bce_with_logits", lambda input, target, red=red: F.binary_cross_entropy_with_logits(input, target, reduction=red),
                       {"input": z, "target": t}, ["input", "target"], {}, red))
        cs.append(case("bce_with_logits", lambda input, target, weight, red=red: F.binary_cross_entropy_with_logits(input, target, weight=weight, reduction=red),
                       {"input": z, "target": t, "weight": w}, ["input", "target"], {}, red))
        cs.append(case("bce_with_logits", lambda input, target, pos_weight, red=red: F.binary_cross_entropy_with_logits(input, target, pos_weight=pos_weight, reduction=red),
                       {"input": z, "target": t, "pos_weight": pw}, ["input", "target"], {}, red))
        cs.append(case("bce_with_logits", lambda input, target, weight, pos_weight, red=red: F.binary_cross_entropy_with_logits(input, target, weight=weight, pos_weight=pos_weight, reduction=red),
                       {"input": z, "target": t, "weight": wrow, "pos_weight": pw}, ["input", "target"], {}, red))
    z3, t3 = r(2, 3, 4), u(2, 3, 4)
    pw3 = u(3, 1) * 2 + 0.5
    for red in REDS:
        cs.append(case("bce_with_logits", lambda input, target, pos_weight, red=red: F.binary_cross_entropy_with_logits(input, target, pos_weight=pos_weight, reduction=red),
                       {"input": z3, "target": t3, "pos_weight": pw3}, ["input", "target"], {}, red))
    write("bce_with_logits", cs)

    def focal(input, target, alpha, gamma, reduction):
        # torchvision.ops.sigmoid_focal_loss (torchvision 0.14), verbatim
        p = torch.sigmoid(input)
        ce_loss = F.binary_cross_entropy_with_logits(input, target, reduction="none")
        p_t = p * target + (1 - p) * (1 - target)
        loss = ce_loss * ((1 - p_t) ** gamma)
        if alpha >= 0:
            alpha_t = alpha * target + (1 - alpha) * (1 - target)
            loss = alpha_t * loss
        if reduction == "mean":
            loss = loss.mean()
        elif reduction == "sum":
            loss = loss.sum()
        return loss
    zf = r(3, 4) * 3
    tf = (u(3, 4) > 0.5).float()
    cs = []
    for alpha, gamma in [(0.25, 2.0), (-1.0, 2.0), (0.5, 0.0), (0.75, 1.5)]:
        for red in REDS:
            cs.append(case("sigmoid_focal", lambda input, target, red=red, a=alpha, g=gamma: focal(input, target, a, g, red),
                           {"input": zf, "target": tf}, ["input"], {"alpha": alpha, "gamma": gamma}, red))
    write("sigmoid_focal", cs)

    # --- multi-class ------------------------------------------------------------------------------------------
    N, C = 5, 4
    logits = r(N, C) * 2
    idx = ri(C, N)
    idx[3] = 2
    cw = u(C) + 0.3
    probs = torch.softmax(r(N, C), 1)
    logits_nd = r(2, C, 3, 2)
    idx_nd = ri(C, 2, 3, 2)
    cs = []
    for red in REDS:
        for weight in [None, cw]:
            for ignore in [-100, 2]:
                for ls in [0.0, 0.2]:
                    tens = {"input": logits, "target": idx}
                    if weight is not None:
                        tens["weight"] = weight
                    cs.append(case("cross_entropy", lambda input, target, weight=None, red=red, ig=ignore, ls=ls: F.cross_entropy(input, target, weight=weight, ignore_index=ig, reduction=red, label_smoothing=ls),
                                   tens, ["input"], {"ignore_index": ignore, "label_smoothing": ls}, red))
            for ls in [0.0, 0.3]:
                tens = {"input": logits, "target": probs}
                if weight is not None:
                    tens["weight"] = weight
                cs.append(case("cross_entropy", lambda input, target, weight=None, red=red, ls=ls: F.cross_entropy(input, target, weight=weight, reduction=red, label_smoothing=ls),
                               tens, ["input", "target"], {"label_smoothing": ls}, red))
            tens = {"input": logits_nd, "target": idx_nd}
            if weight is not None:
                tens["weight"] = weight
            cs.append(case("cross_entropy", lambda input, target, weight=None, red=red: F.cross_entropy(input, target, weight=weight, ignore_index=1, reduction=red, label_smoothing=0.1),
                           tens, ["input"], {"ignore_index": 1, "label_smoothing": 0.1}, red))
        cs.append(case("cross_entropy", lambda input, target, red=red: F.cross_entropy(input, target, reduction=red),
                       {"input": logits[0], "target": idx[0]}, ["input"], {}, red))
        cs.append(case("cross_entropy", lambda input, target, red=red: F.cross_entropy(input, target, reduction=red, label_smoothing=0.1),
                       {"input": logits[1], "target": probs[1]}, ["input", "target"], {"label_smoothing": 0.1}, red))
        cs.append(case("cross_entropy", lambda input, target, weight, red=red: F.cross_entropy(input, target, weight=weight, reduction=red),
                       {"input": logits_nd, "target": torch.softmax(logits_nd * 0.5 + 1, 1), "weight": cw}, ["input", "target"], {}, red))
    write("cross_entropy", cs)

    lp = torch.log_softmax(r(N, C), 1)
    lp_nd = torch.log_softmax(r(2, C, 3), 1)
    idx3 = ri(C, 2, 3)
    cs = []
    for red in REDS:
        for weight in [None, cw]:
            for ignore in [-100, 1]:
                tens = {"input": lp, "target": idx}
                if weight is not None:
                    tens["weight"] = weight
                cs.append(case("nll", lambda input, target, weight=None, red=red, ig=ignore: F.nll_loss(input, target, weight=weight, ignore_index=ig, reduction=red),
                               tens, ["input"], {"ignore_index": ignore}, red))
            tens = {"input": lp_nd, "target": idx3}
            if weight is not None:
                tens["weight"] = weight
            cs.append(case("nll", lambda input, target, weight=None, red=red: F.nll_loss(input, target, weight=weight, reduction=red),
                           tens, ["input"], {"ignore_index": -100}, red))
        cs.append(case("nll", lambda input, target, red=red: F.nll_loss(input, target, reduction=red),
                       {"input": lp[2], "target": idx[2]}, ["input"], {"ignore_index": -100}, red))
    write("nll", cs)

    kl_in = torch.log_softmax(r(3, 5), 1)
    kl_t = torch.softmax(r(3, 5), 1)
    cs = []
    for red in ["mean", "sum", "none", "batchmean"]:
        cs.append(case("kl_div", lambda input, target, red=red: F.kl_div(input, target, reduction=red, log_target=False),
                       {"input": kl_in, "target": kl_t}, ["input", "target"], {"log_target": False}, red))
        cs.append(case("kl_div", lambda input, target, red=red: F.kl_div(input, target, reduction=red, log_target=True),
                       {"input": kl_in, "target": kl_t.log()}, ["input", "target"], {"log_target": True}, red))
    kl_t0 = kl_t.clone()
    kl_t0[0, 1] = 0.0  # 0·log 0 = 0 (xlogy); PyTorch's target gradient there is NaN and is skipped
    for red in ["sum", "none"]:
        cs.append(case("kl_div", lambda input, target, red=red: F.kl_div(input, target, reduction=red, log_target=False),
                       {"input": kl_in, "target": kl_t0}, ["input", "target"], {"log_target": False}, red))
    write("kl_div", cs)

    hx = r(3, 4) * 2
    hy = (u(3, 4) > 0.5).float() * 2 - 1
    cs = []
    for margin in [1.0, 0.5]:
        for red in REDS:
            cs.append(case("hinge_embedding", lambda input, target, red=red, m=margin: F.hinge_embedding_loss(input, target, margin=m, reduction=red),
                           {"input": hx, "target": hy}, ["input"], {"margin": margin}, red))
    write("hinge_embedding", cs)

    mx = r(N, C)
    cs = []
    for pp, margin, weight in [(1, 1.0, None), (2, 1.0, None), (1, 0.5, cw), (2, 2.0, cw)]:
        for red in REDS:
            tens = {"input": mx, "target": idx}
            if weight is not None:
                tens["weight"] = weight
            cs.append(case("multi_margin", lambda input, target, weight=None, red=red, pp=pp, m=margin: F.multi_margin_loss(input, target, p=pp, margin=m, weight=weight, reduction=red),
                           tens, ["input"], {"p": pp, "margin": margin}, red))
    write("multi_margin", cs)

    a1, a2 = r(4, 3), r(4, 3)
    cy = torch.tensor([1.0, -1.0, -1.0, 1.0])
    cs = []
    for margin in [0.0, 0.3, -0.2]:
        for red in REDS:
            cs.append(case("cosine_embedding", lambda input1, input2, target, red=red, m=margin: F.cosine_embedding_loss(input1, input2, target, margin=m, reduction=red),
                           {"input1": a1, "input2": a2, "target": cy}, ["input1", "input2"], {"margin": margin}, red))
    write("cosine_embedding", cs)

    an, po, ne = r(4, 3), r(4, 3), r(4, 3)
    cs = []
    for margin, pp, swap in [(1.0, 2.0, False), (0.5, 1.0, False), (2.0, 3.0, True), (1.0, 2.0, True)]:
        for red in REDS:
            cs.append(case("triplet_margin", lambda anchor, positive, negative, red=red, m=margin, pp=pp, sw=swap: F.triplet_margin_loss(anchor, positive, negative, margin=m, p=pp, eps=1e-6, swap=sw, reduction=red),
                           {"anchor": an, "positive": po, "negative": ne}, ["anchor", "positive", "negative"], {"margin": margin, "p": pp, "eps": 1e-6, "swap": swap}, red))
    write("triplet_margin", cs)

    px = r(3, 4)
    prate = u(3, 4) * 2 + 0.1
    pt = torch.poisson(torch.full((3, 4), 2.0), generator=GEN)
    pt[0, 0], pt[0, 1] = 0.0, 1.0
    cs = []
    for log_input in [True, False]:
        for full in [False, True]:
            for red in REDS:
                cs.append(case("poisson_nll", lambda input, target, red=red, li=log_input, fu=full: F.poisson_nll_loss(input, target, log_input=li, full=fu, eps=1e-8, reduction=red),
                               {"input": px if log_input else prate, "target": pt}, ["input", "target"], {"log_input": log_input, "full": full, "eps": 1e-8}, red))
    write("poisson_nll", cs)

    gx, gt = r(3, 4), r(3, 4)
    cs = []
    for vshape in [(3, 4), (3, 1), (3,)]:
        var = u(*vshape) + 0.2
        if vshape == (3, 4):
            var[0, 0] = 1e-8  # clamped to eps without blocking the gradient
        for full in [False, True]:
            for red in REDS:
                cs.append(case("gaussian_nll", lambda input, target, var, red=red, fu=full: F.gaussian_nll_loss(input, target, var, full=fu, eps=1e-6, reduction=red),
                               {"input": gx, "target": gt, "var": var}, ["input", "target", "var"], {"full": full, "eps": 1e-6}, red))
    write("gaussian_nll", cs)


if __name__ == "__main__":
    main()
