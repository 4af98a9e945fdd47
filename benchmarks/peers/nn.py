#!/usr/bin/python3
"""NN training-step peer: PyTorch (CPU) for the issue-3 workloads.

Args: WORKLOAD ZERO. `mlp`: MLP 784-512-256-10 with ReLU, batch 128, float32; one step = zero_grad, forward, mean
cross-entropy, backward, Adam(lr=1e-3). ZERO is `zero` (zero_grad(set_to_none=False): gradients zero-filled in place,
torch 1.13's default) or `none` (set_to_none=True, PyTorch 2's default). Threads: torch.set_num_threads(THREADS) (peer.py passes
THREADS as the second argument; it is read here from sys.argv).
"""
import sys

import torch


def run(args):
    threads = int(sys.argv[2])
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    set_to_none = len(args) > 1 and args[1] == "none"
    if args[0] != "mlp":
        raise ValueError(f"unknown nn workload {args[0]}")
    model = torch.nn.Sequential(
        torch.nn.Linear(784, 512), torch.nn.ReLU(),
        torch.nn.Linear(512, 256), torch.nn.ReLU(),
        torch.nn.Linear(256, 10))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    x = torch.rand(128, 784) * 2 - 1
    t = torch.randint(0, 10, (128,))
    loss_fn = torch.nn.CrossEntropyLoss()
    print(f"# torch {torch.__version__} threads={torch.get_num_threads()}", file=sys.stderr)

    def step():
        opt.zero_grad(set_to_none=set_to_none)
        loss = loss_fn(model(x), t)
        loss.backward()
        opt.step()

    return step
