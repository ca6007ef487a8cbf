"""Declarative training recipes for the stance model."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DatasetSpec(_Strict):
    name: str = Field(description="A dataset name from claimcheck.datasources.stance.READERS")
    max_examples: int | None = Field(None, description="Random subsample (seeded) to at most N")
    weight: float = Field(1.0, gt=0, description="Sampling multiplier (2.0 = each pair twice)")


class Stage(_Strict):
    name: str
    datasets: list[DatasetSpec]
    epochs: float = Field(1.0, gt=0)
    learning_rate: float = Field(3e-5, gt=0)
    batch_size: int = Field(32, ge=1)
    warmup_ratio: float = Field(0.06, ge=0, lt=1)
    weight_decay: float = 0.01
    eval_every: int = Field(0, ge=0, description="Steps between evaluations (0: end of epoch)")


class VerifierRecipe(_Strict):
    name: str
    version: str
    seed: int = 13
    max_length: int = Field(256, ge=32, le=512)
    init: str | None = Field(
        None, description="Start from this claimcheck stance artifact instead of the base"
    )
    stages: list[Stage]
    selection: list[str] = Field(
        default_factory=lambda: ["healthver-val"],
        description="Datasets whose mean macro-F1 selects the best checkpoint of the last stage",
    )
    calibration: list[str] = Field(
        default_factory=lambda: ["healthver-val"],
        description="Held-out datasets the temperature is fitted on",
    )
    report: list[str] = Field(default_factory=list, description="Datasets scored for the card")


def load_recipe(path: Path) -> VerifierRecipe:
    return VerifierRecipe.model_validate(yaml.safe_load(path.read_text()))
