"""Fine-tune the stance model from a recipe: staged, seeded, CPU or CUDA (bf16).

The token, position and type embeddings stay frozen (they are most of the parameters, and
freezing them keeps the saved artifact small); everything above them is trained.
"""

from __future__ import annotations

import json
import logging
import math
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from transformers import AutoTokenizer, get_linear_schedule_with_warmup

from claimcheck.datasources import stance as stance_data
from claimcheck.metrics import classification_report, expected_calibration_error, fit_temperature
from claimcheck.stance_model import (
    FROZEN_PREFIXES,
    STANCE_LABELS,
    base_encoder_dir,
    build_base_classifier,
    load_artifact_weights,
    pick_device,
    save_artifact,
    softmax,
)
from claimcheck.train.recipe import DatasetSpec, Stage, VerifierRecipe

log = logging.getLogger(__name__)
_LABEL_ID = {label: i for i, label in enumerate(STANCE_LABELS)}


@dataclass
class Encoded:
    input_ids: list[list[int]]
    token_type_ids: list[list[int]]
    labels: np.ndarray


class Trainer:
    def __init__(
        self,
        recipe: VerifierRecipe,
        device: str = "auto",
        progress: Callable[[str], None] | None = None,
    ) -> None:
        self.recipe = recipe
        self.device = pick_device(device)
        self.progress = progress or log.info
        self.tokenizer = AutoTokenizer.from_pretrained(base_encoder_dir())
        _seed_everything(recipe.seed)
        self.model = build_base_classifier()
        if recipe.init:
            load_artifact_weights(self.model, Path(recipe.init))
        self.model.to(self.device)
        for name, parameter in self.model.named_parameters():
            parameter.requires_grad = not name.startswith(FROZEN_PREFIXES)
        self._cache: dict[str, Encoded] = {}
        self.history: list[dict] = []

    # -- data ------------------------------------------------------------------------------

    def encode(self, pairs: list[stance_data.Pair]) -> Encoded:
        encoded = self.tokenizer(
            [p.premise for p in pairs],
            [p.hypothesis for p in pairs],
            truncation="longest_first",
            max_length=self.recipe.max_length,
        )
        labels = np.array([_LABEL_ID[p.label] for p in pairs], dtype=np.int64)
        return Encoded(encoded["input_ids"], encoded["token_type_ids"], labels)

    def eval_set(self, name: str) -> Encoded:
        if name not in self._cache:
            self._cache[name] = self.encode(stance_data.load(name))
        return self._cache[name]

    def stage_pairs(self, stage: Stage, rng: random.Random) -> list[stance_data.Pair]:
        pairs: list[stance_data.Pair] = []
        for spec in stage.datasets:
            pairs.extend(_sample(stance_data.load(spec.name), spec, rng))
        rng.shuffle(pairs)
        return pairs

    # -- training --------------------------------------------------------------------------

    def run(self) -> dict:
        rng = random.Random(self.recipe.seed)
        for index, stage in enumerate(self.recipe.stages):
            last = index == len(self.recipe.stages) - 1
            self.train_stage(stage, rng, select_best=last)
        temperature = self.calibrate()
        return {"temperature": temperature, "history": self.history}

    def train_stage(self, stage: Stage, rng: random.Random, select_best: bool) -> None:
        pairs = self.stage_pairs(stage, rng)
        data = self.encode(pairs)
        steps_per_epoch = math.ceil(len(pairs) / stage.batch_size)
        total_steps = max(1, int(steps_per_epoch * stage.epochs))
        self.progress(
            f"stage {stage.name}: {len(pairs)} pairs "
            f"{stance_data.label_counts(pairs)}, {total_steps} steps on {self.device}"
        )
        optimizer = torch.optim.AdamW(
            [p for p in self.model.parameters() if p.requires_grad],
            lr=stage.learning_rate,
            weight_decay=stage.weight_decay,
        )
        scheduler = get_linear_schedule_with_warmup(
            optimizer, int(total_steps * stage.warmup_ratio), total_steps
        )
        eval_every = stage.eval_every or steps_per_epoch
        best_score, best_state = -1.0, None
        step, started = 0, time.time()
        while step < total_steps:
            for batch in _length_grouped_batches(data, stage.batch_size, rng):
                loss = self._train_step(batch, data)
                loss.backward()
                torch.nn.utils.clip_grad_norm_(self.model.parameters(), 1.0)
                optimizer.step()
                scheduler.step()
                optimizer.zero_grad(set_to_none=True)
                step += 1
                if step % 50 == 0:
                    rate = step * stage.batch_size / (time.time() - started)
                    self.progress(
                        f"  step {step}/{total_steps} loss {loss.item():.3f} ({rate:.0f} pairs/s)"
                    )
                if step % eval_every == 0 or step == total_steps:
                    score = self.selection_score(stage.name, step)
                    if select_best and score > best_score:
                        best_score = score
                        best_state = {
                            k: v.detach().clone() for k, v in self.model.state_dict().items()
                        }
                if step >= total_steps:
                    break
        if best_state is not None:
            self.model.load_state_dict(best_state)
            self.progress(f"stage {stage.name}: kept the checkpoint scoring {best_score:.4f}")

    def _train_step(self, batch: list[int], data: Encoded) -> torch.Tensor:
        self.model.train()
        inputs = _pad(batch, data, self.device)
        labels = torch.as_tensor(data.labels[batch], device=self.device)
        with torch.autocast(
            self.device.type, dtype=torch.bfloat16, enabled=self.device.type == "cuda"
        ):
            logits = self.model(**inputs).logits
        return torch.nn.functional.cross_entropy(logits.float(), labels)

    # -- evaluation ------------------------------------------------------------------------

    def logits(self, data: Encoded, batch_size: int = 128) -> np.ndarray:
        self.model.eval()
        order = sorted(range(len(data.labels)), key=lambda i: len(data.input_ids[i]))
        out = np.zeros((len(order), len(STANCE_LABELS)), dtype=np.float32)
        with torch.inference_mode():
            for begin in range(0, len(order), batch_size):
                chunk = order[begin : begin + batch_size]
                with torch.autocast(
                    self.device.type, dtype=torch.bfloat16, enabled=self.device.type == "cuda"
                ):
                    logits = self.model(**_pad(chunk, data, self.device)).logits
                out[chunk] = logits.float().cpu().numpy()
        return out

    def score(self, name: str, temperature: float = 1.0) -> dict:
        data = self.eval_set(name)
        probs = softmax(self.logits(data) / temperature)
        predicted = [STANCE_LABELS[i] for i in probs.argmax(axis=1)]
        gold = [STANCE_LABELS[i] for i in data.labels]
        report = classification_report(gold, predicted, STANCE_LABELS)
        report["ece"] = expected_calibration_error(
            probs.max(axis=1), probs.argmax(axis=1) == data.labels
        )
        return report

    def selection_score(self, stage: str, step: int) -> float:
        scores = {name: self.score(name)["macro_f1"] for name in self.recipe.selection}
        mean = float(np.mean(list(scores.values())))
        self.history.append({"stage": stage, "step": step, "macro_f1": scores})
        pretty = ", ".join(f"{k} {v:.4f}" for k, v in scores.items())
        self.progress(f"  eval at step {step}: {pretty}")
        return mean

    def calibrate(self) -> float:
        sets = [self.eval_set(name) for name in self.recipe.calibration]
        logits = np.concatenate([self.logits(s) for s in sets])
        gold = np.concatenate([s.labels for s in sets])
        temperature = fit_temperature(logits, gold)
        self.progress(f"temperature {temperature:.3f} fitted on {len(gold)} held-out pairs")
        return temperature


def train_verifier(
    recipe: VerifierRecipe,
    output: Path,
    device: str = "auto",
    progress: Callable[[str], None] | None = None,
) -> dict:
    started = time.time()
    trainer = Trainer(recipe, device, progress)
    outcome = trainer.run()
    temperature = outcome["temperature"]
    report = {name: trainer.score(name, temperature) for name in recipe.report}
    metrics = {
        "recipe": recipe.model_dump(),
        "device": str(trainer.device),
        "train_seconds": round(time.time() - started, 1),
        "temperature": temperature,
        "selection_history": outcome["history"],
        "report": report,
    }
    save_artifact(
        trainer.model,
        output,
        name=recipe.name,
        version=recipe.version,
        max_length=recipe.max_length,
        temperature=temperature,
    )
    (output / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n")
    return metrics


def _sample(
    pairs: list[stance_data.Pair], spec: DatasetSpec, rng: random.Random
) -> list[stance_data.Pair]:
    pairs = list(pairs)
    if spec.max_examples is not None and len(pairs) > spec.max_examples:
        pairs = rng.sample(pairs, spec.max_examples)
    whole, fraction = divmod(spec.weight, 1.0)
    sampled = pairs * int(whole)
    if fraction:
        sampled += rng.sample(pairs, int(len(pairs) * fraction))
    return sampled


def _length_grouped_batches(data: Encoded, batch_size: int, rng: random.Random) -> list[list[int]]:
    """Shuffled batches of similar length (less padding), in random order."""
    indices = list(range(len(data.labels)))
    rng.shuffle(indices)
    window = batch_size * 50
    batches = []
    for begin in range(0, len(indices), window):
        chunk = sorted(indices[begin : begin + window], key=lambda i: len(data.input_ids[i]))
        batches.extend(chunk[i : i + batch_size] for i in range(0, len(chunk), batch_size))
    rng.shuffle(batches)
    return batches


def _pad(batch: list[int], data: Encoded, device: torch.device) -> dict[str, torch.Tensor]:
    width = max(len(data.input_ids[i]) for i in batch)
    ids = torch.zeros((len(batch), width), dtype=torch.long)
    types = torch.zeros((len(batch), width), dtype=torch.long)
    mask = torch.zeros((len(batch), width), dtype=torch.long)
    for row, i in enumerate(batch):
        length = len(data.input_ids[i])
        ids[row, :length] = torch.tensor(data.input_ids[i])
        types[row, :length] = torch.tensor(data.token_type_ids[i])
        mask[row, :length] = 1
    return {
        "input_ids": ids.to(device),
        "token_type_ids": types.to(device),
        "attention_mask": mask.to(device),
    }


def _seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
