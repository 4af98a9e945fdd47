#!/usr/bin/python3
"""NN training-step peer: PyTorch (CPU) for the issue-3 workloads.

Args: WORKLOAD ZERO. `mlp`: MLP 784-512-256-10 with ReLU, batch 128, float32; one step = zero_grad, forward, mean
cross-entropy, backward, Adam(lr=1e-3). ZERO is `zero` (zero_grad(set_to_none=False): gradients zero-filled in place,
torch 1.13's default) or `none` (set_to_none=True, PyTorch 2's default). Threads: torch.set_num_threads(THREADS) (peer.py passes
THREADS as the second argument; it is read here from sys.argv).

PERF.md's "tuned" PyTorch: the process re-executes itself once with
GLIBC_TUNABLES=glibc.malloc.mmap_threshold=4294967296:glibc.malloc.trim_threshold=4294967296 (default PyTorch re-maps
big tensors every step, and fresh pages are slow to touch on our VMs) and, when found, the OpenMP build of OpenBLAS
on LD_LIBRARY_PATH: the directory in $OPENBLAS_OPENMP_DIR, else /usr/lib/x86_64-linux-gnu/openblas-openmp
(package libopenblas0-openmp; without installing it: `apt-get download libopenblas0-openmp && dpkg -x *.deb DIR`,
then OPENBLAS_OPENMP_DIR=DIR/usr/lib/x86_64-linux-gnu/openblas-openmp). Set NN_PEER_UNTUNED=1 to skip all this.
"""
import os
import sys

import torch


TUNABLES = "glibc.malloc.mmap_threshold=4294967296:glibc.malloc.trim_threshold=4294967296"


def _tune():
    """Re-executes this process once with the tuned environment (see the module docstring)."""
    if os.environ.get("NN_PEER_TUNED") or os.environ.get("NN_PEER_UNTUNED"):
        return
    env = dict(os.environ, NN_PEER_TUNED="1", GLIBC_TUNABLES=TUNABLES)
    blas = os.environ.get("OPENBLAS_OPENMP_DIR", "/usr/lib/x86_64-linux-gnu/openblas-openmp")
    if os.path.isfile(os.path.join(blas, "libopenblas.so.0")):
        env["LD_LIBRARY_PATH"] = blas + (":" + env["LD_LIBRARY_PATH"] if env.get("LD_LIBRARY_PATH") else "")
    sys.stdout.flush()
    os.execve(sys.executable, [sys.executable] + sys.argv, env)


def run(args):
    _tune()
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
    print(f"# torch {torch.__version__} threads={torch.get_num_threads()} "
          f"tuned={bool(os.environ.get('NN_PEER_TUNED'))} LD_LIBRARY_PATH={os.environ.get('LD_LIBRARY_PATH', '')}", file=sys.stderr)

    def step():
        opt.zero_grad(set_to_none=set_to_none)
        loss = loss_fn(model(x), t)
        loss.backward()
        opt.step()

    return step
