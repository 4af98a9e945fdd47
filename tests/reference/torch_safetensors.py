#!/usr/bin/python3
"""Fixtures for the safetensors tests (tests/Scratch.ML.Tensors.Tests/Serialization and
tests/Scratch.ML.NN.Tests/Serialization).

The `safetensors` Python package is not installed, so the format is written by hand with struct + json, following
the specification (https://github.com/huggingface/safetensors, README "Format"):

    8 bytes   little-endian unsigned 64-bit N = header length
    N bytes   UTF-8 JSON object {name: {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__": {str: str}},
              padded with spaces to a multiple of 8 bytes
    rest      the byte buffer; offsets are relative to its start, tensors are row-major little-endian

Tensors are laid out like the reference writer: sorted by dtype (largest element first), then by name.

Writes:
  fixtures/nn/safetensors/dtypes.safetensors + dtypes.json  one tensor of every dtype (F64, F32, F16, BF16, I64, I32,
                                                            U8, BOOL) incl. a 0-d and an empty tensor, and the
                                                            expected values (F16/BF16 as their exact float32 value)
  fixtures/nn/safetensors/mlp.safetensors + mlp.json        state dict of nn.Sequential(Linear(8,16), ReLU,
                                                            Linear(16,3)) trained 20 SGD steps (seed 1234) on a fixed
                                                            synthetic problem, an input batch and the expected logits

Run: /usr/bin/python3 tests/reference/torch_safetensors.py
"""
import json
import os
import struct

import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "nn", "safetensors")

DTYPES = {
    torch.float64: ("F64", 8),
    torch.float32: ("F32", 4),
    torch.float16: ("F16", 2),
    torch.bfloat16: ("BF16", 2),
    torch.int64: ("I64", 8),
    torch.int32: ("I32", 4),
    torch.uint8: ("U8", 1),
    torch.bool: ("BOOL", 1),
}


def tensor_bytes(t):
    t = t.contiguous()
    if t.dtype == torch.bfloat16:
        # numpy has no bfloat16: reinterpret the 16-bit patterns as int16
        return t.view(torch.int16).numpy().astype("<i2").tobytes()
    return t.numpy().newbyteorder("<").tobytes() if t.numel() else b""


def save_safetensors(path, tensors, metadata=None):
    items = sorted(tensors.items(), key=lambda kv: (-DTYPES[kv[1].dtype][1], kv[0]))
    header = {}
    if metadata:
        header["__metadata__"] = metadata
    buf = bytearray()
    for name, t in items:
        data = tensor_bytes(t)
        assert len(data) == t.numel() * DTYPES[t.dtype][1]
        header[name] = {"dtype": DTYPES[t.dtype][0], "shape": list(t.shape),
                        "data_offsets": [len(buf), len(buf) + len(data)]}
        buf += data
    h = json.dumps(header, separators=(",", ":")).encode("utf-8")
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        f.write(bytes(buf))


def dtypes_fixture():
    g = torch.Generator().manual_seed(7)
    tensors = {
        "f64": torch.randn(2, 3, generator=g, dtype=torch.float64),
        "f32": torch.randn(3, 2, 2, generator=g),
        "f16": torch.randn(5, generator=g).to(torch.float16),
        "bf16": torch.randn(2, 2, generator=g).to(torch.bfloat16),
        "i64": torch.tensor([[-(2 ** 40), 3], [0, 2 ** 62]], dtype=torch.int64),
        "i32": torch.tensor([-7, 0, 2 ** 31 - 1], dtype=torch.int32),
        "u8": torch.tensor([0, 1, 128, 255], dtype=torch.uint8),
        "mask": torch.tensor([[True, False, True]]),
        "scalar": torch.tensor(2.5, dtype=torch.float32),
        "empty": torch.zeros(0, 4, dtype=torch.float32),
    }
    save_safetensors(os.path.join(OUT, "dtypes.safetensors"), tensors,
                     {"format": "pt", "written_by": "torch_safetensors.py"})
    expected = {}
    for name, t in tensors.items():
        code = DTYPES[t.dtype][0]
        values = t.to(torch.float32) if code in ("F16", "BF16") else t
        if code == "BOOL":
            flat = [bool(v) for v in values.flatten().tolist()]
        elif code in ("I64", "I32", "U8"):
            flat = [int(v) for v in values.flatten().tolist()]
        else:
            flat = [float(v) for v in values.flatten().tolist()]
        expected[name] = {"dtype": code, "shape": list(t.shape), "values": flat}
    with open(os.path.join(OUT, "dtypes.json"), "w") as f:
        json.dump({"torch": torch.__version__, "metadata": {"format": "pt", "written_by": "torch_safetensors.py"},
                   "tensors": expected}, f, indent=1)


def mlp_fixture():
    torch.manual_seed(1234)
    model = torch.nn.Sequential(torch.nn.Linear(8, 16), torch.nn.ReLU(), torch.nn.Linear(16, 3))
    x = torch.randn(64, 8)
    w_true = torch.randn(8, 3)
    y = (x @ w_true).argmax(dim=1)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    for _ in range(20):
        opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(model(x), y)
        loss.backward()
        opt.step()
    state = {k: v.detach().clone() for k, v in model.state_dict().items()}
    save_safetensors(os.path.join(OUT, "mlp.safetensors"), state, {"format": "pt"})
    batch = torch.randn(5, 8)
    with torch.no_grad():
        logits = model(batch)
    with open(os.path.join(OUT, "mlp.json"), "w") as f:
        json.dump({"torch": torch.__version__, "seed": 1234, "steps": 20, "final_loss": float(loss),
                   "keys": list(state.keys()), "shapes": {k: list(v.shape) for k, v in state.items()},
                   "input": batch.tolist(), "logits": logits.tolist()}, f, indent=1)


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    dtypes_fixture()
    mlp_fixture()
