#!/usr/bin/python3
"""PyTorch reference fixtures for Scratch.ML.NN layers (tests/Scratch.ML.NN.Tests/Layers/TorchLayerFixtureTests.cs).

For each layer: fixed weights (drawn here from a seeded torch generator and dumped as the state dict), a fixed input,
a fixed upstream gradient g; recorded: the output y, dL/dinput and dL/dparam for L = sum(g * y). All float32.
RMSNorm is not in torch 1.13, so it is written with explicit torch ops (the formula of torch 2.4's nn.RMSNorm).
Run: /usr/bin/python3 tests/reference/torch_layers.py
"""
import json
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "nn", "layers")
SEED = 1234


def enc(t):
    t = t.detach().to(torch.float64) if t.is_floating_point() else t.detach()
    return {"shape": list(t.shape), "data": t.reshape(-1).tolist()}


class RMSNorm(nn.Module):
    """torch 2.4's nn.RMSNorm (eps=None -> finfo(dtype).eps), written with 1.13 ops."""

    def __init__(self, shape, eps=None):
        super().__init__()
        self.shape = tuple(shape)
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(self.shape))

    def forward(self, x):
        eps = torch.finfo(x.dtype).eps if self.eps is None else self.eps
        dims = tuple(range(-len(self.shape), 0))
        return x * torch.rsqrt(x.pow(2).mean(dims, keepdim=True) + eps) * self.weight


def dump(name, module, inputs, config, gen, int_input=False):
    # Fixed weights: every floating parameter re-drawn from the seeded generator (0.5·N(0,1) + 0.1, so slopes,
    # scales and biases are all non-trivial), then the state dict is recorded.
    with torch.no_grad():
        for pname, p in module.named_parameters():
            p.copy_(0.5 * torch.randn(p.shape, generator=gen) + 0.1)
            if isinstance(module, nn.Embedding) and module.padding_idx is not None:
                p[module.padding_idx].zero_()
    module.train(config.get("train", True))
    xs = []
    for x in inputs:
        if not int_input:
            x = x.clone().requires_grad_(True)
        xs.append(x)
    y = module(*xs)
    g = torch.randn(y.shape, generator=gen)
    y.backward(g)
    fixture = {
        "torch": torch.__version__,
        "seed": SEED,
        "layer": name,
        "config": config,
        "state_dict": {k: enc(v) for k, v in module.state_dict().items()},
        "inputs": [enc(x) for x in xs],
        "grad_output": enc(g),
        "output": enc(y),
        "input_grads": [] if int_input else [enc(x.grad) for x in xs],
        "param_grads": {k: enc(p.grad) for k, p in module.named_parameters()},
    }
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(fixture, f, separators=(",", ":"))


def main():
    os.makedirs(OUT, exist_ok=True)
    gen = torch.Generator().manual_seed(SEED)

    def rnd(*shape, scale=1.5):
        return scale * torch.randn(shape, generator=gen)

    x = rnd(3, 5)
    x4 = rnd(2, 3, 4)
    dump("linear", nn.Linear(5, 4), [x], {}, gen)
    dump("bilinear", nn.Bilinear(3, 4, 2), [rnd(5, 3), rnd(5, 4)], {}, gen)
    dump("relu", nn.ReLU(), [x], {}, gen)
    dump("leaky_relu", nn.LeakyReLU(0.2), [x], {"negative_slope": 0.2}, gen)
    dump("prelu_shared", nn.PReLU(), [x4], {"num_parameters": 1}, gen)
    dump("prelu_channels", nn.PReLU(3), [x4], {"num_parameters": 3}, gen)
    dump("elu", nn.ELU(0.7), [x], {"alpha": 0.7}, gen)
    dump("selu", nn.SELU(), [x], {}, gen)
    dump("gelu", nn.GELU(), [x], {"approximate": "none"}, gen)
    dump("gelu_tanh", nn.GELU(approximate="tanh"), [x], {"approximate": "tanh"}, gen)
    dump("silu", nn.SiLU(), [x], {}, gen)
    dump("mish", nn.Mish(), [x], {}, gen)
    dump("tanh", nn.Tanh(), [x], {}, gen)
    dump("sigmoid", nn.Sigmoid(), [x], {}, gen)
    dump("hardtanh", nn.Hardtanh(-0.5, 1.2), [x], {"min_val": -0.5, "max_val": 1.2}, gen)
    dump("softplus", nn.Softplus(beta=2.0, threshold=3.0), [x], {"beta": 2.0, "threshold": 3.0}, gen)
    dump("softmax", nn.Softmax(dim=1), [x4], {"dim": 1}, gen)
    dump("log_softmax", nn.LogSoftmax(dim=-1), [x4], {"dim": -1}, gen)
    dump("layer_norm", nn.LayerNorm([3, 4]), [x4 + 2.0], {"normalized_shape": [3, 4], "eps": 1e-5}, gen)
    dump("layer_norm_last", nn.LayerNorm(4, eps=1e-3), [x4], {"normalized_shape": [4], "eps": 1e-3}, gen)
    dump("layer_norm_no_affine", nn.LayerNorm(4, elementwise_affine=False), [x4], {"normalized_shape": [4], "eps": 1e-5}, gen)
    dump("rms_norm", RMSNorm([4]), [x4], {"normalized_shape": [4], "eps": None}, gen)
    dump("rms_norm_2d", RMSNorm([3, 4], eps=1e-6), [x4], {"normalized_shape": [3, 4], "eps": 1e-6}, gen)
    idx = torch.tensor([[1, 2, 7, 1], [9, 0, 2, 1]], dtype=torch.long)
    dump("embedding", nn.Embedding(10, 3, padding_idx=2), [idx], {"num_embeddings": 10, "embedding_dim": 3, "padding_idx": 2}, gen, int_input=True)
    dump("flatten", nn.Flatten(), [x4], {"start_dim": 1, "end_dim": -1}, gen)
    dump("unflatten", nn.Unflatten(2, (2, 2)), [x4], {"dim": 2, "sizes": [2, 2]}, gen)
    dump("identity", nn.Identity(), [x], {}, gen)
    dump("dropout_eval", nn.Dropout(0.3), [x], {"p": 0.3, "train": False}, gen)
    dump("sequential", nn.Sequential(nn.Linear(5, 6), nn.Tanh(), nn.LayerNorm(6), nn.Linear(6, 2)), [x], {}, gen)


if __name__ == "__main__":
    main()
