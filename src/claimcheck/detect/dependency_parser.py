"""Dependency trees read off MiniLM's contextual states: a biaffine parser (Dozat and
Manning's arc and label scorers over a BiLSTM) on the shared encoder's layers.

Our spaCy pipeline learned its trees from UD English-EWT's 12.5k sentences alone, with no
pretrained vectors (EWT dev UAS 80.7, LAS 76.4), and claim decomposition leans on exactly
what it gets wrong: coordination, appositions and clausal complements. The encoder has read
far more English; a parser over its states, trained on the same treebank
(``python -m claimcheck.train.dependency_parser``), does much better (models/parser/
README.md). The spaCy pipeline still tokenises, tags and lemmatises; this component, added
to it in place of the CNN parser, gives the trees.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.attrs import DEP, HEAD, POS, TAG
from spacy.language import Language
from spacy.parts_of_speech import IDS as UNIVERSAL_TAGS
from spacy.tokens import Doc as SpacyDoc

from claimcheck.encoder import word_states
from claimcheck.paths import models_dir

PARSER_NAME = "dependency-parser"
COMPONENT = "claimcheck_dependency_parser"
ENCODER_LAYERS = (0, 1, 2, 3, 4, 5, 6)  # the embeddings and all six layers, mixed by weight
ENCODER_WIDTH = 384


def build_network(
    labels: int, upos: int, xpos: int, lstm: int = 256, arc: int = 256, relation: int = 128
):
    """The network: a learned mix of the encoder's layers -> 2-layer BiLSTM -> biaffine
    arc scores (dependent x head), a bilinear label classifier on the chosen head, and the
    word's universal and Penn tags (so that tags and tree agree)."""
    import torch
    from torch import nn

    class BiaffineNetwork(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.layer_weights = nn.Parameter(torch.zeros(len(ENCODER_LAYERS)))
            self.layer_scale = nn.Parameter(torch.ones(1))
            self.root = nn.Parameter(torch.randn(ENCODER_WIDTH) * 0.02)
            self.dropout = nn.Dropout(0.33)
            self.lstm = nn.LSTM(
                ENCODER_WIDTH, lstm, num_layers=2, bidirectional=True, batch_first=True,
                dropout=0.33,
            )  # fmt: skip
            self.arc_dependent = _projection(2 * lstm, arc)
            self.arc_head = _projection(2 * lstm, arc)
            self.label_dependent = _projection(2 * lstm, relation)
            self.label_head = _projection(2 * lstm, relation)
            self.arc_weight = nn.Parameter(torch.zeros(arc + 1, arc))
            self.label_weight = nn.Parameter(torch.zeros(labels, relation + 1, relation + 1))
            self.upos = nn.Linear(2 * lstm, upos)
            self.xpos = nn.Linear(2 * lstm, xpos)

        def forward(self, states, mask):
            """states: (batch, 1 + words, layers, width), position 0 the root; returns arc
            scores (batch, dependent, head), the label features of every position and the
            universal and Penn tag scores."""
            mix = torch.softmax(self.layer_weights, 0)
            hidden = self.layer_scale * (states * mix[None, None, :, None]).sum(2)
            hidden[:, 0] = self.root
            lengths = mask.sum(1).cpu()
            packed = nn.utils.rnn.pack_padded_sequence(
                self.dropout(hidden), lengths, batch_first=True, enforce_sorted=False
            )
            output, _ = self.lstm(packed)
            output, _ = nn.utils.rnn.pad_packed_sequence(
                output, batch_first=True, total_length=hidden.shape[1]
            )
            dependents = _with_bias(self.arc_dependent(output))
            heads = self.arc_head(output)
            arcs = torch.einsum("bid,de,bje->bij", dependents, self.arc_weight, heads)
            arcs = arcs.masked_fill(~mask[:, None, :], -1e9)
            return (
                arcs,
                _with_bias(self.label_dependent(output)),
                _with_bias(self.label_head(output)),
                self.upos(output),
                self.xpos(output),
            )

        def label_scores(self, label_dependents, label_heads, heads):
            chosen = label_heads.gather(1, heads[..., None].expand(-1, -1, label_heads.shape[-1]))
            return torch.einsum("bid,lde,bie->bil", label_dependents, self.label_weight, chosen)

    return BiaffineNetwork()


def _projection(inputs: int, outputs: int):
    from torch import nn

    return nn.Sequential(nn.Linear(inputs, outputs), nn.GELU(), nn.Dropout(0.33))


def _with_bias(features):
    import torch

    return torch.cat([features, torch.ones_like(features[..., :1])], -1)


def stack_states(vectors: list[np.ndarray]):
    """Word states of several sentences as one padded batch with a root slot in front:
    (batch, 1 + longest, layers, width) and the mask of real positions."""
    import torch

    longest = max(len(v) for v in vectors)
    batch = torch.zeros(len(vectors), longest + 1, len(ENCODER_LAYERS), ENCODER_WIDTH)
    mask = torch.zeros(len(vectors), longest + 1, dtype=torch.bool)
    for row, words in enumerate(vectors):
        batch[row, 1 : len(words) + 1] = torch.from_numpy(words.astype(np.float32)).view(
            len(words), len(ENCODER_LAYERS), ENCODER_WIDTH
        )
        mask[row, : len(words) + 1] = True
    return batch, mask


def best_tree(scores: np.ndarray) -> list[int]:
    """Each word's head (0 = root, words from 1) from arc scores (dependent x head, with the
    root row and column): the best-scoring head of each word when that is a tree with one
    root, else the maximum spanning tree with the root's likeliest child as the only one."""
    size = scores.shape[0]
    heads = [int(scores[i].argmax()) for i in range(1, size)]
    if heads.count(0) == 1 and _acyclic(heads):
        return heads
    import networkx as nx

    root_child = 1 + int(scores[1:, 0].argmax())
    graph = nx.DiGraph()
    for dependent in range(1, size):
        for head in range(size):
            if head != dependent and (head != 0 or dependent == root_child):
                graph.add_edge(head, dependent, weight=float(scores[dependent, head]))
    tree = nx.maximum_spanning_arborescence(graph)
    found = {dependent: head for head, dependent in tree.edges}
    return [found[i] for i in range(1, size)]


def _agreeing(word: str, tag: str) -> str:
    """A present-tense verb without the -s of the third person is not VBZ ("Antibiotics
    wipe out ..."), whatever the tagger read into the sentence."""
    return "VBP" if tag == "VBZ" and not word.endswith("s") else tag


def _acyclic(heads: list[int]) -> bool:
    for start in range(1, len(heads) + 1):
        seen, node = set(), start
        while node != 0:
            if node in seen:
                return False
            seen.add(node)
            node = heads[node - 1]
    return True


class DependencyParser:
    def __init__(self, directory: Path, batch_size: int = 32) -> None:
        import torch
        from safetensors.torch import load_file

        meta = json.loads((directory / f"{PARSER_NAME}.json").read_text(encoding="utf-8"))
        self.labels: list[str] = meta["labels"]
        self.upos: list[str] = meta["upos"]
        self.xpos: list[str] = meta["xpos"]
        self.batch_size = batch_size
        self.network = build_network(
            len(self.labels), len(self.upos), len(self.xpos), **meta["sizes"]
        )
        tensors = load_file(str(directory / f"{PARSER_NAME}.safetensors"))
        self.network.load_state_dict({k: v.float() for k, v in tensors.items()})
        self.network.eval()
        # "root" is the label of the word hung on the root: never chosen for another
        self._not_root = torch.tensor([label != "root" for label in self.labels])
        upos_index = {tag: i for i, tag in enumerate(self.upos)}
        xpos_index = {tag: i for i, tag in enumerate(self.xpos)}
        pairs = [(upos_index[u], xpos_index[x]) for u, x in meta["tag_pairs"]]
        self._pair_upos = torch.tensor([u for u, _ in pairs])
        self._pair_xpos = torch.tensor([x for _, x in pairs])

    def __call__(self, doc: SpacyDoc) -> SpacyDoc:
        self.parse([doc])
        return doc

    def pipe(self, docs: Iterable[SpacyDoc], batch_size: int | None = None) -> Iterator[SpacyDoc]:
        size = batch_size or self.batch_size
        batch: list[SpacyDoc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= size:
                self.parse(batch)
                yield from batch
                batch = []
        if batch:
            self.parse(batch)
            yield from batch

    def parse(self, docs: list[SpacyDoc]) -> None:
        """Give each doc its tags and a tree per sentence (in place)."""
        import torch

        docs = [doc for doc in docs if len(doc)]
        if not docs:
            return
        # sentences parsed one by one, as the treebank has them: a unit the segmenter left
        # whole ("... low in vitamin D. For them, ...") gets a tree for each
        spans = [(doc, start, end) for doc in docs for start, end in sentence_spans(doc)]
        vectors = word_states(
            [[t.text for t in doc[start:end]] for doc, start, end in spans], ENCODER_LAYERS
        )
        states, mask = stack_states(vectors)
        with torch.inference_mode():
            arcs, label_dependents, label_heads, upos, xpos = self.network(states, mask)
            arc_scores = arcs.log_softmax(-1).numpy()
            trees = [
                best_tree(arc_scores[row, : end - start + 1])
                for row, (_, start, end) in enumerate(spans)
            ]
            padded = torch.zeros(mask.shape, dtype=torch.long)
            for row, heads in enumerate(trees):
                padded[row, 1 : len(heads) + 1] = torch.tensor(heads)
            label_scores = self.network.label_scores(label_dependents, label_heads, padded)
            labels = label_scores.masked_fill(~self._not_root, -1e9).argmax(-1)
            # the likeliest pair of tags the treebank has, both tags read together
            pair_scores = (
                upos.log_softmax(-1)[..., self._pair_upos]
                + xpos.log_softmax(-1)[..., self._pair_xpos]
            )
            best_pair = pair_scores.argmax(-1)
            upos_best, xpos_best = self._pair_upos[best_pair], self._pair_xpos[best_pair]
        rows: dict[int, list[Word]] = {id(doc): [] for doc in docs}
        for row, ((doc, start, _), heads) in enumerate(zip(spans, trees, strict=True)):
            for k, head in enumerate(heads):
                rows[id(doc)].append(
                    Word(
                        start + head - 1 if head else start + k,
                        "ROOT" if head == 0 else self.labels[int(labels[row, k + 1])],
                        self.upos[int(upos_best[row, k + 1])],
                        _agreeing(doc[start + k].lower_, self.xpos[int(xpos_best[row, k + 1])]),
                    )
                )
        for doc in docs:
            _annotate(doc, rows[id(doc)])


@dataclass(frozen=True, slots=True)
class Word:
    head: int  # the head's index in the doc; the word's own for a sentence's root
    label: str
    upos: str
    xpos: str


def _annotate(doc: SpacyDoc, words: list[Word]) -> None:
    strings = doc.vocab.strings
    array = np.zeros((len(doc), 4), dtype="uint64")
    for i, word in enumerate(words):
        # spaCy keeps heads as offsets from the word, in unsigned 64-bit arithmetic
        array[i, 0] = (word.head - i) % 2**64
        array[i, 1] = strings.add(word.label)
        array[i, 2] = strings.add(word.xpos)
        array[i, 3] = UNIVERSAL_TAGS.get(word.upos, UNIVERSAL_TAGS["X"])
    doc.from_array([HEAD, DEP, TAG, POS], array)


SENTENCE_END = {".", "!", "?"}


def sentence_spans(doc: SpacyDoc) -> list[tuple[int, int]]:
    """(start, end) of each sentence: a full stop, "!" or "?" on its own followed by a
    capitalised word ends one (abbreviations keep their stop inside the token: "Dr."), and
    so does a letter with its stop before a capitalised function word ("vitamin D. For")."""
    spans, start = [], 0
    for token in doc[:-1]:
        following = doc[token.i + 1]
        if not following.text[:1].isupper():
            continue
        lettered = len(token.text) == 2 and token.text[0].isupper() and token.text[1] == "."
        if token.text in SENTENCE_END or (lettered and following.is_stop):
            spans.append((start, token.i + 1))
            start = token.i + 1
    spans.append((start, len(doc)))
    return spans


@lru_cache(maxsize=1)
def load_dependency_parser(directory: str | None = None) -> DependencyParser:
    return DependencyParser(Path(directory) if directory else models_dir() / "parser")


@Language.factory(COMPONENT, default_config={"directory": None})
def make_dependency_parser(nlp: Language, name: str, directory: str | None) -> DependencyParser:
    return load_dependency_parser(directory)
