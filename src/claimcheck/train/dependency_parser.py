"""Train the dependency parser claim decomposition reads (models/parser/dependency-parser.*).

The encoder's states (every layer, first word piece) are computed once for UD English-EWT
train and dev and kept in memory in fp16; the biaffine network over them is trained on
train, and the epoch with the best dev LAS is kept.

    python -m claimcheck.train.dependency_parser ../shared/data/ud-english-ewt models/parser
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from claimcheck.detect.dependency_parser import (
    ENCODER_LAYERS,
    PARSER_NAME,
    build_network,
    stack_states,
)
from claimcheck.encoder import word_states
from claimcheck.train.treebank import TreebankSentence, read_conllu

SIZES = {"lstm": 256, "arc": 256, "relation": 128}
EPOCHS = 10
BATCH = 32  # sentences
LEARNING_RATE = 2e-3
SEED = 0


def _encoded(sentences: list[TreebankSentence]) -> list[np.ndarray]:
    states = word_states([s.words for s in sentences], ENCODER_LAYERS)
    return [vectors.astype(np.float16) for vectors in states]


@dataclass
class Vocabularies:
    relations: dict[str, int]
    upos: dict[str, int]
    xpos: dict[str, int]

    @classmethod
    def of(cls, sentences: list[TreebankSentence]) -> Vocabularies:
        def index(values: set[str]) -> dict[str, int]:
            return {value: i for i, value in enumerate(sorted(values))}

        return cls(
            index({r for s in sentences for r in s.relations}),
            index({t for s in sentences for t in s.upos}),
            index({t for s in sentences for t in s.tags}),
        )


def tag_pairs(sentences: list[TreebankSentence]) -> list[list[str]]:
    """The (universal, Penn) tag pairs the treebank has: the parser chooses its two tags
    of a word among them, so that they never disagree ("slow" ADJ but VB)."""
    seen = {pair for s in sentences for pair in zip(s.upos, s.tags, strict=True)}
    return sorted([universal, penn] for universal, penn in seen)


def _targets(sentences: list[TreebankSentence], vocabularies: Vocabularies, width: int):
    """Gold heads, relations, universal and Penn tags as (sentences, 1 + words) tensors."""
    import torch

    columns = [
        (lambda s: s.heads, None),
        (lambda s: s.relations, vocabularies.relations),
        (lambda s: s.upos, vocabularies.upos),
        (lambda s: s.tags, vocabularies.xpos),
    ]
    targets = [torch.zeros(len(sentences), width, dtype=torch.long) for _ in columns]
    for row, sentence in enumerate(sentences):
        size = len(sentence.words)
        for target, (values, index) in zip(targets, columns, strict=True):
            column = values(sentence)
            ids = column if index is None else [index.get(v, 0) for v in column]
            target[row, 1 : size + 1] = torch.tensor(ids)
    return targets


def _word_mask(mask):
    words = mask.clone()
    words[:, 0] = False
    return words


def _losses(network, states, mask, targets):
    from torch.nn.functional import cross_entropy

    heads, relations, upos, xpos = targets
    arcs, label_dependents, label_heads, upos_scores, xpos_scores = network(states, mask)
    words = _word_mask(mask)
    label_scores = network.label_scores(label_dependents, label_heads, heads)
    return (
        cross_entropy(arcs[words], heads[words])
        + cross_entropy(label_scores[words], relations[words])
        + cross_entropy(upos_scores[words], upos[words])
        + cross_entropy(xpos_scores[words], xpos[words])
    )


def _dev_scores(network, sentences, vectors, vocabularies: Vocabularies) -> dict:
    """UAS, LAS (each word's best-scoring head; the tree fix-up is for runtime) and tag
    accuracies."""
    import torch

    network.eval()
    right = {"uas": 0, "las": 0, "upos": 0, "xpos": 0}
    total = 0
    with torch.inference_mode():
        for start in range(0, len(sentences), 64):
            chunk = sentences[start : start + 64]
            states, mask = stack_states(vectors[start : start + 64])
            heads, relations, upos, xpos = _targets(chunk, vocabularies, mask.shape[1])
            arcs, label_dependents, label_heads, upos_scores, xpos_scores = network(states, mask)
            predicted = arcs.argmax(-1)
            labels = network.label_scores(label_dependents, label_heads, predicted).argmax(-1)
            words = _word_mask(mask)
            attached = (predicted == heads) & words
            right["uas"] += int(attached.sum())
            right["las"] += int((attached & (labels == relations)).sum())
            right["upos"] += int(((upos_scores.argmax(-1) == upos) & words).sum())
            right["xpos"] += int(((xpos_scores.argmax(-1) == xpos) & words).sum())
            total += int(words.sum())
    return {"words": total, **{name: round(count / total, 4) for name, count in right.items()}}


def train_dependency_parser(ewt_dir: Path, output_dir: Path, epochs: int = EPOCHS) -> dict:
    import torch
    from safetensors.torch import save_file

    torch.manual_seed(SEED)
    started = time.time()
    train = read_conllu(ewt_dir / "en_ewt-ud-train.conllu.gz")
    dev = read_conllu(ewt_dir / "en_ewt-ud-dev.conllu")
    train_vectors, dev_vectors = _encoded(train), _encoded(dev)
    vocabularies = Vocabularies.of(train)
    network = build_network(
        len(vocabularies.relations), len(vocabularies.upos), len(vocabularies.xpos), **SIZES
    )
    optimiser = torch.optim.Adam(network.parameters(), lr=LEARNING_RATE, betas=(0.9, 0.9))
    # sentences of like length batched together; the batches visited in random order
    order = sorted(range(len(train)), key=lambda i: len(train[i].words))
    batches = [order[i : i + BATCH] for i in range(0, len(order), BATCH)]
    total_steps = epochs * len(batches)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda step: max(0.05, 1 - step / total_steps)
    )
    best: dict = {"las": -1.0}
    history = []
    for epoch in range(epochs):
        network.train()
        for batch in torch.randperm(len(batches)).tolist():
            chosen = [train[i] for i in batches[batch]]
            states, mask = stack_states([train_vectors[i] for i in batches[batch]])
            loss = _losses(network, states, mask, _targets(chosen, vocabularies, mask.shape[1]))
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(network.parameters(), 5.0)
            optimiser.step()
            schedule.step()
        scores = _dev_scores(network, dev, dev_vectors, vocabularies)
        history.append({"epoch": epoch + 1, **scores})
        print(json.dumps(history[-1]), flush=True)
        if scores["las"] > best["las"]:
            best = {**scores, "epoch": epoch + 1}
            kept = {k: v.detach().half().contiguous() for k, v in network.state_dict().items()}
    report = {
        "name": PARSER_NAME,
        "encoder_layers": list(ENCODER_LAYERS),
        "sizes": SIZES,
        "labels": list(vocabularies.relations),
        "upos": list(vocabularies.upos),
        "xpos": list(vocabularies.xpos),
        "tag_pairs": tag_pairs(train),
        "epochs": epochs,
        "seed": SEED,
        "train_sentences": len(train),
        "dev": best,
        "history": history,
        "minutes": round((time.time() - started) / 60, 1),
    }
    output_dir.mkdir(parents=True, exist_ok=True)
    save_file(kept, str(output_dir / f"{PARSER_NAME}.safetensors"))
    (output_dir / f"{PARSER_NAME}.json").write_text(json.dumps(report, indent=1) + "\n")
    return report


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        sys.exit("usage: python -m claimcheck.train.dependency_parser EWT_DIR OUTPUT_DIR [EPOCHS]")
    result = train_dependency_parser(
        Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) == 4 else EPOCHS
    )
    print(json.dumps(result["dev"]), f"{result['minutes']} min")
