"""Where bundled resources live, for a source checkout and for an installed package."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent
# src/claimcheck -> repository root (editable installs and source checkouts).
REPO_ROOT = _PACKAGE_DIR.parent.parent


def bundled_corpus_dir() -> Path:
    """The curated corpus shipped in the repository's ``corpus/``."""
    override = os.environ.get("CLAIMCHECK_CORPUS")
    return Path(override) if override else REPO_ROOT / "corpus"


def models_dir() -> Path:
    override = os.environ.get("CLAIMCHECK_MODELS")
    return Path(override) if override else REPO_ROOT / "models"


def cache_dir() -> Path:
    """Derived, rebuildable artifacts (retrieval indexes, exported ONNX graphs)."""
    override = os.environ.get("CLAIMCHECK_CACHE")
    if override:
        return Path(override)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "claimcheck"
