"""`claimcheck eval claims` runs end to end on the dev split and prints the documented keys
(the figures themselves are reported, not asserted)."""

from __future__ import annotations

import json
import subprocess

from tests.conftest import CLI


def test_eval_claims_json_on_dev() -> None:
    result = subprocess.run(
        [str(CLI), "eval", "claims", "--split", "dev", "--format", "json", "--no-public"],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout)
    for key in ("precision", "recall", "f1"):
        assert 0.0 <= report["sentence"][key] <= 1.0
    for key in ("precision", "recall"):
        assert 0.0 <= report["atomic"][key] <= 1.0
    assert report["atomic"]["match_threshold"] == 0.75
    assert set(report["attributes"]) >= {"negated", "strength", "type", "dose", "population"}
    assert report["per_type"] and report["split"] == "dev"


def test_eval_claims_rejects_an_unknown_split() -> None:
    result = subprocess.run(
        [str(CLI), "eval", "claims", "--split", "holdout", "--no-public"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode != 0
    assert "holdout" in result.stderr and "Traceback" not in result.stderr
