"""Train the verb tagger the parse repairs consult (models/parser/verb-tagger.*).

A small MLP reads MiniLM's contextual states of each word (layers 3 and 6 of the shared
encoder, first word piece) and predicts its Penn tag. It is trained on UD English-EWT
train and scored on dev. The spaCy tagger learned its words from EWT alone; MiniLM has
read far more text, so where health prose uses a word EWT rarely has as a verb ("Clove
oil numbs tooth pain", "70% of the immune system lives in the gut") it is more often right.

    python -m claimcheck.train.verb_tagger ../shared/data/ud-english-ewt models/parser
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import numpy as np

from claimcheck.detect.verb_tagger import LAYERS, TAGGER_NAME, build_network
from claimcheck.encoder import word_states
from claimcheck.train.treebank import TreebankSentence, read_conllu

HIDDEN = 512
EPOCHS = 12
BATCH = 512
LEARNING_RATE = 1e-3
SEED = 0


def _features(sentences: list[TreebankSentence]) -> tuple[np.ndarray, list[str]]:
    states = word_states([s.words for s in sentences], LAYERS)
    return np.concatenate(states), [tag for s in sentences for tag in s.tags]


def train_verb_tagger(ewt_dir: Path, output_dir: Path) -> dict:
    import torch
    from safetensors.torch import save_file

    torch.manual_seed(SEED)
    started = time.time()
    train_x, train_tags = _features(read_conllu(ewt_dir / "en_ewt-ud-train.conllu.gz"))
    dev_x, dev_tags = _features(read_conllu(ewt_dir / "en_ewt-ud-dev.conllu"))
    labels = sorted(set(train_tags))
    index = {label: i for i, label in enumerate(labels)}
    mean, scale = train_x.mean(0), train_x.std(0) + 1e-5
    inputs = torch.from_numpy((train_x - mean) / scale)
    targets = torch.tensor([index[tag] for tag in train_tags])
    network = build_network(inputs.shape[1], HIDDEN, len(labels))
    optimiser = torch.optim.AdamW(network.parameters(), lr=LEARNING_RATE, weight_decay=1e-2)
    for _ in range(EPOCHS):
        network.train()
        for batch in torch.randperm(len(targets)).split(BATCH):
            optimiser.zero_grad()
            loss = torch.nn.functional.cross_entropy(network(inputs[batch]), targets[batch])
            loss.backward()
            optimiser.step()
    network.eval()
    with torch.no_grad():
        predicted = network(torch.from_numpy((dev_x - mean) / scale)).argmax(1).tolist()
    report = {
        "name": TAGGER_NAME,
        "layers": list(LAYERS),
        "hidden": HIDDEN,
        "labels": labels,
        "epochs": EPOCHS,
        "seed": SEED,
        "train_words": len(train_tags),
        "dev": _scores([labels[p] for p in predicted], dev_tags),
        "minutes": round((time.time() - started) / 60, 1),
    }
    tensors = {k: v.half().contiguous() for k, v in network.state_dict().items()}
    tensors["input.mean"] = torch.from_numpy(mean).float()
    tensors["input.scale"] = torch.from_numpy(scale).float()
    output_dir.mkdir(parents=True, exist_ok=True)
    save_file(tensors, str(output_dir / f"{TAGGER_NAME}.safetensors"))
    (output_dir / f"{TAGGER_NAME}.json").write_text(json.dumps(report, indent=1) + "\n")
    return report


def _scores(predicted: list[str], gold: list[str]) -> dict:
    pairs = list(zip(predicted, gold, strict=True))
    predicted_verbs = sum(p.startswith("VB") for p, _ in pairs)
    gold_verbs = sum(g.startswith("VB") for _, g in pairs)
    both = sum(p.startswith("VB") and g.startswith("VB") for p, g in pairs)
    return {
        "words": len(pairs),
        "penn_accuracy": round(sum(p == g for p, g in pairs) / len(pairs), 4),
        "verb_precision": round(both / predicted_verbs, 4),
        "verb_recall": round(both / gold_verbs, 4),
    }


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python -m claimcheck.train.verb_tagger EWT_DIR OUTPUT_DIR")
    result = train_verb_tagger(Path(sys.argv[1]), Path(sys.argv[2]))
    print(json.dumps(result["dev"]), f"{result['minutes']} min")
