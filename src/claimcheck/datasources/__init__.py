"""Readers for training and evaluation data: public sets in ../shared/data and our own in data/.

Nothing here is needed to scan, batch or serve; only training and evaluation read it.
"""

from __future__ import annotations

import os
from pathlib import Path

from claimcheck.paths import REPO_ROOT


class DataMissingError(FileNotFoundError):
    """A dataset is not where it is expected (e.g. ../shared/data is absent)."""


def shared_data_dir() -> Path:
    """``$CLAIMCHECK_DATA`` or the ``shared/data`` directory beside the checkout."""
    override = os.environ.get("CLAIMCHECK_DATA")
    return Path(override) if override else REPO_ROOT.parent / "shared" / "data"


def project_data_dir() -> Path:
    return REPO_ROOT / "data"


def require(path: Path) -> Path:
    if not path.exists():
        raise DataMissingError(f"{path}: not found (set CLAIMCHECK_DATA to the shared data dir)")
    return path
