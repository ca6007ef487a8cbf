"""A second opinion on which words are verbs, from MiniLM's contextual states.

Our spaCy tagger learned its words from UD English-EWT alone and calls many verbs of
health prose nouns ("Clove oil numbs tooth pain", "70% of the immune system lives in the
gut", "Ginkgo did not lower the rate of dementia"). A small MLP over the shared encoder's
word states (trained on the same treebank: claimcheck.train.verb_tagger) reads them in
context; reparse.py uses its tags to decide which words to try as verbs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc as SpacyDoc

from claimcheck.encoder import word_states
from claimcheck.paths import models_dir

TAGGER_NAME = "verb-tagger"
LAYERS = (3, 6)  # a middle layer (syntax) and the last one


@dataclass(frozen=True, slots=True)
class WordTag:
    tag: str  # the most probable Penn tag
    verb_probability: float  # the probability of all VB* tags together


def build_network(inputs: int, hidden: int, labels: int):  # -> torch.nn.Sequential
    import torch

    return torch.nn.Sequential(
        torch.nn.Dropout(0.2),
        torch.nn.Linear(inputs, hidden),
        torch.nn.GELU(),
        torch.nn.Dropout(0.2),
        torch.nn.Linear(hidden, labels),
    )


class VerbTagger:
    def __init__(self, directory: Path) -> None:
        import torch
        from safetensors.torch import load_file

        meta = json.loads((directory / f"{TAGGER_NAME}.json").read_text(encoding="utf-8"))
        tensors = load_file(str(directory / f"{TAGGER_NAME}.safetensors"))
        self.labels: list[str] = meta["labels"]
        self.layers = tuple(meta["layers"])
        self.mean = tensors.pop("input.mean").numpy()
        self.scale = tensors.pop("input.scale").numpy()
        self.network = build_network(len(self.mean), meta["hidden"], len(self.labels))
        self.network.load_state_dict({k: v.float() for k, v in tensors.items()})
        self.network.eval()
        self._verb_columns = torch.tensor([label.startswith("VB") for label in self.labels])

    def tag(self, docs: list[SpacyDoc]) -> list[list[WordTag]]:
        """Each word's tag, for many sentences at once (one encoder pass per batch)."""
        import torch

        states = word_states([[t.text for t in doc] for doc in docs], self.layers)
        tagged = []
        for vectors in states:
            inputs = torch.from_numpy((vectors - self.mean) / self.scale)
            with torch.inference_mode():
                probabilities = self.network(inputs).softmax(-1)
            verb = probabilities[:, self._verb_columns].sum(-1).tolist()
            best = probabilities.argmax(-1).tolist()
            unseen = ~vectors.any(axis=1)  # past the encoder's window: no opinion
            tagged.append(
                [
                    WordTag(self.labels[b], 0.0 if unseen[i] else v)
                    for i, (b, v) in enumerate(zip(best, verb, strict=True))
                ]
            )
        return tagged


@lru_cache(maxsize=1)
def load_verb_tagger(directory: str | None = None) -> VerbTagger:
    return VerbTagger(Path(directory) if directory else models_dir() / "parser")
