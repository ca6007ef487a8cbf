"""ONNX Runtime inference for the stance model on CPUs, optionally int8-quantized.

The graph is exported from the loaded torch model once and cached under the cache
directory, keyed by a hash of the artifact's weights, so a retrained model gets a fresh
export. Dynamic int8 quantization (weights int8, activations quantized on the fly) is
what makes small transformers fast on CPUs; `benchmarks/verifier_speed.py` measures the
speed and the accuracy cost.
"""

from __future__ import annotations

import hashlib
import os
import warnings
from pathlib import Path

import numpy as np
import torch

from claimcheck.paths import cache_dir

INPUTS = ("input_ids", "attention_mask", "token_type_ids")


def onnx_path(weights_file: Path, quantized: bool) -> Path:
    digest = hashlib.sha256(weights_file.read_bytes()).hexdigest()[:16]
    suffix = "int8" if quantized else "fp32"
    return cache_dir() / "onnx" / f"stance-{digest}-{suffix}.onnx"


def export(model: torch.nn.Module, target: Path, quantized: bool) -> Path:
    """Export ``model`` (a sequence classifier taking INPUTS) to ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fp32 = target.with_name(target.name.replace("-int8", "-fp32"))
    if not fp32.exists():
        example = torch.ones((2, 8), dtype=torch.long)
        axes = {name: {0: "batch", 1: "sequence"} for name in INPUTS}
        partial = fp32.with_suffix(".partial")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            torch.onnx.export(
                model.eval().cpu(),
                (example, example, torch.zeros_like(example)),
                str(partial),
                input_names=list(INPUTS),
                output_names=["logits"],
                dynamic_axes={**axes, "logits": {0: "batch"}},
                opset_version=17,
                dynamo=False,
            )
        os.replace(partial, fp32)
    if quantized and not target.exists():
        from onnxruntime.quantization import QuantType, quantize_dynamic

        partial = target.with_suffix(".partial")
        quantize_dynamic(str(fp32), str(partial), weight_type=QuantType.QInt8, per_channel=True)
        os.replace(partial, target)
    return target


class OnnxRunner:
    """Logits for a tokenized batch, through an ONNX Runtime CPU session."""

    def __init__(self, path: Path, threads: int | None = None) -> None:
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads or torch.get_num_threads()
        options.inter_op_num_threads = 1
        self.session = onnxruntime.InferenceSession(
            str(path), options, providers=["CPUExecutionProvider"]
        )

    def __call__(self, encoded: dict[str, torch.Tensor]) -> np.ndarray:
        feeds = {name: encoded[name].numpy().astype(np.int64) for name in INPUTS}
        return self.session.run(["logits"], feeds)[0]
