#!/usr/bin/python3
"""Reference trajectories for Scratch.ML's optimisers, LR schedulers and gradient clipping (torch 1.13, float64).

Writes tests/reference/fixtures/nn/optim/{optimizers,schedulers,clipping}.json. The optimisation problem is fixed:
    W0: (3, 2), b0: (2,), X: (5, 3), Y: (5, 2) drawn from torch.Generator seed 1234 (float64), and
    loss(W, b) = mean((X @ W + b - Y)^2) + 0.1 * sum(W^4) + 0.1 * sum(b^4)
so gradients are non-trivial (quadratic data term plus a quartic). The default dtype stays float32, as for a
typical PyTorch user: that matters for NAdam, whose mu_product state is torch.tensor(1.) (float32) even for float64
parameters. Every optimiser configuration runs 20 steps
(L-BFGS: 5 steps with max_iter 5) and we dump the flattened parameters after every step.
"""
import json
import os

import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "nn", "optim")
os.makedirs(OUT, exist_ok=True)

gen = torch.Generator().manual_seed(1234)
W0 = torch.randn(3, 2, generator=gen, dtype=torch.float64)
b0 = torch.randn(2, generator=gen, dtype=torch.float64)
X = torch.randn(5, 3, generator=gen, dtype=torch.float64)
Y = torch.randn(5, 2, generator=gen, dtype=torch.float64)


def loss_fn(W, b):
    x, y = X.to(W.dtype), Y.to(W.dtype)
    return ((x @ W + b - y) ** 2).mean() + 0.1 * (W ** 4).sum() + 0.1 * (b ** 4).sum()


def flat(t):
    return [float(v) for v in t.detach().reshape(-1)]


def make(name, params, opts, groups=None):
    kw = dict(opts)
    if "betas" in kw:
        kw["betas"] = tuple(kw["betas"])
    cls = {"sgd": torch.optim.SGD, "adam": torch.optim.Adam, "adamw": torch.optim.AdamW, "adamax": torch.optim.Adamax,
           "nadam": torch.optim.NAdam, "radam": torch.optim.RAdam, "rmsprop": torch.optim.RMSprop,
           "adagrad": torch.optim.Adagrad, "adadelta": torch.optim.Adadelta, "lbfgs": torch.optim.LBFGS}[name]
    if groups is not None:
        gs = [dict(params=[params[i]], **g) for i, g in enumerate(groups)]
        return cls(gs, **kw)
    return cls(params, **kw)


def run_case(case_name, name, opts, steps=20, groups=None, dtype=torch.float64):
    W = W0.to(dtype).clone().requires_grad_(True)
    b = b0.to(dtype).clone().requires_grad_(True)
    opt = make(name, [W, b], opts, groups)
    traj_W, traj_b, losses = [], [], []
    for _ in range(steps):
        if name == "lbfgs":
            def closure():
                opt.zero_grad()
                l = loss_fn(W, b)
                l.backward()
                return l
            losses.append(float(opt.step(closure)))
        else:
            opt.zero_grad()
            l = loss_fn(W, b)
            l.backward()
            losses.append(float(l))
            opt.step()
        traj_W.append(flat(W))
        traj_b.append(flat(b))
    return {"name": case_name, "optimizer": name, "options": opts, "groups": groups, "steps": steps,
            "loss": losses, "W": traj_W, "b": traj_b}


CASES = [
    ("sgd_plain", "sgd", {"lr": 0.05}),
    ("sgd_momentum", "sgd", {"lr": 0.05, "momentum": 0.9}),
    ("sgd_dampening_wd", "sgd", {"lr": 0.05, "momentum": 0.9, "dampening": 0.1, "weight_decay": 0.01}),
    ("sgd_nesterov_wd", "sgd", {"lr": 0.05, "momentum": 0.9, "nesterov": True, "weight_decay": 0.01}),
    ("adam_default", "adam", {"lr": 0.05}),
    ("adam_wd", "adam", {"lr": 0.05, "weight_decay": 0.1}),
    ("adam_amsgrad", "adam", {"lr": 0.05, "amsgrad": True}),
    ("adam_all", "adam", {"lr": 0.05, "betas": [0.8, 0.99], "eps": 1e-6, "weight_decay": 0.1, "amsgrad": True}),
    ("adamw_default", "adamw", {"lr": 0.05}),
    ("adamw_wd_amsgrad", "adamw", {"lr": 0.05, "weight_decay": 0.1, "amsgrad": True, "betas": [0.85, 0.98]}),
    ("adamax_default", "adamax", {"lr": 0.05}),
    ("adamax_wd", "adamax", {"lr": 0.05, "weight_decay": 0.1, "betas": [0.8, 0.99], "eps": 1e-6}),
    ("nadam_default", "nadam", {"lr": 0.05}),
    ("nadam_wd", "nadam", {"lr": 0.05, "weight_decay": 0.1, "momentum_decay": 0.01}),
    ("radam_default", "radam", {"lr": 0.05}),
    ("radam_wd", "radam", {"lr": 0.05, "weight_decay": 0.1, "betas": [0.9, 0.9]}),
    ("rmsprop_default", "rmsprop", {"lr": 0.01}),
    ("rmsprop_centered", "rmsprop", {"lr": 0.01, "centered": True}),
    ("rmsprop_momentum", "rmsprop", {"lr": 0.01, "momentum": 0.9}),
    ("rmsprop_all", "rmsprop", {"lr": 0.01, "alpha": 0.9, "eps": 1e-6, "centered": True, "momentum": 0.5, "weight_decay": 0.1}),
    ("adagrad_default", "adagrad", {"lr": 0.1}),
    ("adagrad_all", "adagrad", {"lr": 0.1, "lr_decay": 0.01, "weight_decay": 0.1, "initial_accumulator_value": 0.5, "eps": 1e-8}),
    ("adadelta_default", "adadelta", {"lr": 1.0}),
    ("adadelta_all", "adadelta", {"lr": 0.5, "rho": 0.8, "eps": 1e-5, "weight_decay": 0.1}),
]

cases = [run_case(*c) for c in CASES]
cases.append(run_case("lbfgs_plain", "lbfgs", {"lr": 1.0, "max_iter": 5, "history_size": 3}, steps=5))
cases.append(run_case("lbfgs_strong_wolfe", "lbfgs", {"lr": 1.0, "max_iter": 5, "history_size": 3, "line_search_fn": "strong_wolfe"}, steps=5))
# Default budget (max_iter 20) and tighter tolerances: the runs converge, so the tolerance-based exits are exercised.
cases.append(run_case("lbfgs_converge", "lbfgs", {"lr": 0.5, "max_iter": 20, "history_size": 5, "tolerance_change": 1e-12}, steps=3))
cases.append(run_case("lbfgs_converge_wolfe", "lbfgs", {"lr": 1.0, "max_iter": 20, "history_size": 5, "line_search_fn": "strong_wolfe", "tolerance_grad": 1e-9}, steps=3))
cases.append(run_case("sgd_groups", "sgd", {"lr": 0.05, "momentum": 0.9}, groups=[{"lr": 0.1}, {"lr": 0.01, "momentum": 0.5}]))
cases.append(run_case("adam_groups", "adam", {"lr": 0.05}, groups=[{}, {"lr": 0.01, "weight_decay": 0.1}]))

with open(os.path.join(OUT, "optimizers.json"), "w") as f:
    json.dump({"torch": torch.__version__, "seed": 1234, "dtype": "float64",
               "loss": "mean((X@W+b-Y)^2) + 0.1*sum(W^4) + 0.1*sum(b^4)",
               "W0": flat(W0), "b0": flat(b0), "X": flat(X), "Y": flat(Y), "cases": cases}, f)

# float32: the same problem (inputs rounded to float32) for a subset, to check the single-precision path.
F32 = ["sgd_nesterov_wd", "adam_all", "adamw_wd_amsgrad", "adamax_wd", "nadam_wd", "radam_wd", "rmsprop_all",
       "adagrad_all", "adadelta_all"]
cases32 = [run_case(*c, dtype=torch.float32) for c in CASES if c[0] in F32]
with open(os.path.join(OUT, "optimizers_f32.json"), "w") as f:
    json.dump({"torch": torch.__version__, "seed": 1234, "dtype": "float32", "cases": cases32}, f)

# ---------------------------------------------------------------- schedulers
S = torch.optim.lr_scheduler


def sched_case(name, build, steps=30, lrs=(0.1,), opt_name="sgd", metrics=None):
    params = [torch.zeros(1, requires_grad=True) for _ in lrs]
    if opt_name == "sgd":
        opt = torch.optim.SGD([{"params": [p], "lr": lr} for p, lr in zip(params, lrs)], lr=lrs[0], momentum=0.9)
    else:
        opt = torch.optim.Adam([{"params": [p], "lr": lr} for p, lr in zip(params, lrs)], lr=lrs[0])
    sched = build(opt)

    def momenta():
        return [g["betas"][0] if opt_name == "adam" else g["momentum"] for g in opt.param_groups]
    lr_seq = [[g["lr"] for g in opt.param_groups]]
    mom_seq = [momenta()]
    for i in range(steps):
        opt.step()
        if metrics is not None:
            sched.step(metrics[i])
        else:
            sched.step()
        lr_seq.append([g["lr"] for g in opt.param_groups])
        mom_seq.append(momenta())
    return {"name": name, "optimizer": opt_name, "lrs": list(lrs), "steps": steps, "lr": lr_seq, "momentum": mom_seq,
            "metrics": metrics}


plateau_metrics = [1.0, 0.9, 0.95, 0.93, 0.92, 0.91, 0.95, 0.5, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.4, 0.4, 0.4, 0.4,
                   0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4]
sched_cases = [
    sched_case("step", lambda o: S.StepLR(o, step_size=3, gamma=0.5)),
    sched_case("multistep", lambda o: S.MultiStepLR(o, milestones=[2, 5, 5, 9], gamma=0.3)),
    sched_case("exponential", lambda o: S.ExponentialLR(o, gamma=0.9)),
    sched_case("cosine", lambda o: S.CosineAnnealingLR(o, T_max=10, eta_min=0.001), lrs=(0.1, 0.02)),
    sched_case("warm_restarts_mult2", lambda o: S.CosineAnnealingWarmRestarts(o, T_0=5, T_mult=2, eta_min=0.001), steps=40),
    sched_case("warm_restarts_mult1", lambda o: S.CosineAnnealingWarmRestarts(o, T_0=4)),
    sched_case("linear", lambda o: S.LinearLR(o, start_factor=0.25, end_factor=1.0, total_iters=6)),
    sched_case("linear_decay", lambda o: S.LinearLR(o, start_factor=1.0, end_factor=0.1, total_iters=8)),
    sched_case("onecycle_cos", lambda o: S.OneCycleLR(o, max_lr=1.0, total_steps=30), steps=29),
    sched_case("onecycle_linear", lambda o: S.OneCycleLR(o, max_lr=1.0, total_steps=30, anneal_strategy="linear", pct_start=0.25), steps=29),
    sched_case("onecycle_three_phase", lambda o: S.OneCycleLR(o, max_lr=0.5, total_steps=30, three_phase=True, div_factor=10.0, final_div_factor=100.0), steps=29),
    sched_case("onecycle_adam", lambda o: S.OneCycleLR(o, max_lr=0.01, total_steps=20, base_momentum=0.8, max_momentum=0.9), steps=19, opt_name="adam"),
    sched_case("polynomial", lambda o: S.PolynomialLR(o, total_iters=8, power=2.0), steps=12),
    sched_case("lambda_pow", lambda o: S.LambdaLR(o, lambda e: 0.95 ** e)),
    sched_case("sequential", lambda o: S.SequentialLR(o, [S.LinearLR(o, start_factor=0.1, total_iters=4), S.ExponentialLR(o, gamma=0.9)], milestones=[4])),
    sched_case("sequential_cosine", lambda o: S.SequentialLR(o, [S.LinearLR(o, start_factor=0.5, total_iters=3), S.CosineAnnealingLR(o, T_max=8)], milestones=[5])),
    sched_case("chained", lambda o: S.ChainedScheduler([S.LinearLR(o, start_factor=0.5, total_iters=4), S.ExponentialLR(o, gamma=0.9)])),
    sched_case("plateau_min_rel", lambda o: S.ReduceLROnPlateau(o, mode="min", factor=0.5, patience=2, threshold=0.1, cooldown=1, min_lr=0.01), metrics=plateau_metrics),
    sched_case("plateau_max_abs", lambda o: S.ReduceLROnPlateau(o, mode="max", factor=0.3, patience=1, threshold=0.05, threshold_mode="abs"), metrics=[-m for m in plateau_metrics]),
]
with open(os.path.join(OUT, "schedulers.json"), "w") as f:
    json.dump({"torch": torch.__version__, "cases": sched_cases}, f)

# ---------------------------------------------------------------- clipping
gen = torch.Generator().manual_seed(99)
g1 = torch.randn(4, 3, generator=gen, dtype=torch.float64)
g2 = torch.randn(5, generator=gen, dtype=torch.float64) * 3
clip_cases = []
for max_norm, norm_type in [(1.0, 2.0), (1.0, float("inf")), (0.5, 1.0), (2.0, 3.0), (100.0, 2.0)]:
    a = torch.zeros(4, 3, dtype=torch.float64, requires_grad=True)
    b = torch.zeros(5, dtype=torch.float64, requires_grad=True)
    a.grad = g1.clone()
    b.grad = g2.clone()
    total = torch.nn.utils.clip_grad_norm_([a, b], max_norm, norm_type)
    clip_cases.append({"kind": "norm", "max_norm": max_norm, "norm_type": "inf" if norm_type == float("inf") else norm_type,
                       "total_norm": float(total), "g1": flat(a.grad), "g2": flat(b.grad)})
a = torch.zeros(4, 3, dtype=torch.float64, requires_grad=True)
b = torch.zeros(5, dtype=torch.float64, requires_grad=True)
a.grad = g1.clone()
b.grad = g2.clone()
torch.nn.utils.clip_grad_value_([a, b], 0.7)
clip_cases.append({"kind": "value", "clip_value": 0.7, "g1": flat(a.grad), "g2": flat(b.grad)})
with open(os.path.join(OUT, "clipping.json"), "w") as f:
    json.dump({"torch": torch.__version__, "seed": 99, "g1": flat(g1), "g2": flat(g2), "cases": clip_cases}, f)
print("wrote", OUT)
