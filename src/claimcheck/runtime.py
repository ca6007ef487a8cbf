"""Process-wide settings for model libraries: offline, quiet, predictable."""

from __future__ import annotations

import os
from functools import lru_cache


@lru_cache(maxsize=1)
def quiet_offline() -> None:
    """Never reach a model hub; no progress bars or info chatter from the libraries."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
