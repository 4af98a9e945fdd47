#!/usr/bin/python3
"""NN training-step peer: PyTorch (CPU) for the issue-3 workloads.

Args: WORKLOAD. `mlp`: MLP 784-512-256-10 with ReLU, batch 128, float32; one step = zero_grad(set_to_none=True),
forward, mean cross-entropy, backward, Adam(lr=1e-3). Threads: torch.set_num_threads(THREADS) (peer.py passes
THREADS as the second argument; it is read here from sys.argv).
"""
import sys

import torch


def run(args):
    threads = int(sys.argv[2])
    torch.set_num_threads(threads)
    torch.manual_seed(1)
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
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(x), t)
        loss.backward()
        opt.step()

    return step
