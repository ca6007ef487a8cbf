"""``claimcheck scan`` as a user runs it: the kratom article, formats, and bad input."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import CLI, KRATOM_ARTICLE

# Text with every few characters replaced by bytes no single encoding makes sense of.
CORRUPT = bytes(
    (b if i % 3 else 0x80 + (i * 37) % 0x7F) for i, b in enumerate(b"Kratom helps sleep. " * 200)
)


def run(*args: str, stdin: bytes | None = None, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(CLI), *args], capture_output=True, input=stdin, timeout=timeout, check=False
    )


# -- the canonical article (in-process pipeline, shared by the suite) --------------------


def _claims(report: dict, *words: str, negated: bool | None = None) -> list[dict]:
    found = []
    for claim in report["claims"]:
        text = claim["text"].lower()
        if all(w in text for w in words) and (
            negated is None or claim["attributes"]["negated"] == negated
        ):
            found.append(claim)
    return found


def test_no_risk_of_dependence_is_its_own_contradicted_claim(kratom_report: dict) -> None:
    claims = _claims(kratom_report, "dependence", negated=True)
    assert claims, [c["text"] for c in kratom_report["claims"]]
    claim = claims[0]
    assert claim["text"] == "Kratom does not cause dependence."
    assert claim["verdict"] == "contradicted"
    decisive = [e for e in claim["evidence"] if e["decisive"]]
    cited = [e["citation"] for e in claim["evidence"] if e["citation"]]
    assert decisive
    assert any(c["doi"] or c["pmid"] or c["url"] for c in cited)


def test_sleep_and_withdrawal_claims_are_never_supported(kratom_report: dict) -> None:
    # Benefit claims only: "Kratom interacts with opioid receptors ..., similar to other
    # sleep aids" is a receptor claim, rightly supported (test_opioid_receptor_claim...).
    sleep = [
        c
        for c in kratom_report["claims"]
        if any(w in c["text"].lower() for w in ("sleep", "insomnia", "asleep"))
        and not c["attributes"]["negated"]
        and "receptor" not in c["text"].lower()
    ]
    withdrawal = _claims(kratom_report, "withdrawal")
    assert sleep and withdrawal
    for claim in sleep + withdrawal:
        assert claim["verdict"] in ("unverified", "contradicted"), claim["text"]


def test_opioid_receptor_claim_is_supported(kratom_report: dict) -> None:
    receptor = _claims(kratom_report, "opioid receptor")
    assert receptor
    assert any(c["verdict"] == "supported" for c in receptor), [
        (c["text"], c["verdict"]) for c in receptor
    ]


def test_report_follows_the_schema(kratom_report: dict) -> None:
    assert kratom_report["schema_version"] == 1
    assert set(kratom_report["document"]) >= {"source", "title", "chars"}
    text = kratom_report["document"]["text"]
    for claim in kratom_report["claims"]:
        assert set(claim) >= {
            "id",
            "text",
            "sentence",
            "start",
            "end",
            "verdict",
            "confidence",
            "attributes",
            "evidence",
        }
        assert claim["verdict"] in ("supported", "contradicted", "unverified")
        assert 0.0 <= claim["confidence"] <= 1.0
        assert claim["sentence"] in text
        assert 0 <= claim["start"] < claim["end"] <= len(text)
        assert set(claim["attributes"]) >= {"negated", "hedged", "dose"}
        for evidence in claim["evidence"]:
            assert evidence["stance"] in ("supports", "contradicts", "neutral")
            assert 0.0 <= evidence["score"] <= 1.0
    assert set(kratom_report["models"]) >= {"encoder", "detector", "verifier"}
    assert kratom_report["corpus"]["records"] > 900


# -- the command itself (real processes) ----------------------------------------------


@pytest.mark.slow
def test_cli_json_and_jsonl(tmp_path: Path, kratom_report: dict) -> None:
    out = tmp_path / "report.json"
    result = run("scan", str(KRATOM_ARTICLE), "--format", "json", "--output", str(out))
    assert result.returncode == 0, result.stderr.decode()
    report = json.loads(out.read_text())
    assert report["summary"]["claims"] == len(report["claims"]) > 5
    # the command and the library apply the same (calibrated) confidence floor
    verdicts = [(c["text"], c["verdict"]) for c in report["claims"]]
    assert verdicts == [(c["text"], c["verdict"]) for c in kratom_report["claims"]]
    result = run("scan", "-", "--format", "jsonl", stdin=KRATOM_ARTICLE.read_bytes())
    assert result.returncode == 0, result.stderr.decode()
    lines = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert len(lines) == len(report["claims"])
    assert all(line["source"] == "<stdin>" for line in lines)


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.decode().startswith("claimcheck ")


def test_help_has_examples() -> None:
    result = run("scan", "--help")
    assert result.returncode == 0
    assert "claimcheck scan page.html --format html" in result.stdout.decode()


@pytest.mark.parametrize(
    ("make", "needle"),
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: d, "is a directory"),
        (lambda d: _write(d / "empty.txt", b""), "is empty"),
        (lambda d: _write(d / "blob.bin", bytes(range(256)) * 64), "binary"),
        (lambda d: _write(d / "bad.txt", CORRUPT), "encoding"),
        (
            lambda d: _write(
                d / "nomain.html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>"
            ),
            "no main text",
        ),
    ],
    ids=["missing", "directory", "empty", "binary", "undecodable", "html-without-text"],
)
def test_bad_input_is_one_line_error(tmp_path: Path, make, needle: str) -> None:
    path = make(tmp_path)
    result = run("scan", str(path))
    stderr = result.stderr.decode()
    assert result.returncode == 1
    assert needle in stderr
    assert str(path) in stderr
    assert stderr.strip().count("\n") == 0, stderr
    assert "Traceback" not in stderr


def test_fifty_megabyte_file(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    result = run("scan", str(path))
    assert result.returncode == 1
    assert "over the 10.0 MB limit" in result.stderr.decode()


def test_url_errors(http_server: tuple[str, dict]) -> None:
    base, routes = http_server
    routes["/doc.pdf"] = (200, "application/pdf", b"%PDF-1.7")
    for url, needle in (
        (f"{base}/gone", "HTTP 404"),
        (f"{base}/doc.pdf", "application/pdf"),
        ("http://127.0.0.1:9/", "could not be fetched"),
    ):
        result = run("scan", url, "--timeout", "3")
        stderr = result.stderr.decode()
        assert result.returncode == 1, url
        assert needle in stderr and url in stderr
        assert "Traceback" not in stderr


def test_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    result = run("scan", str(KRATOM_ARTICLE), "--format", "pdf")
    assert result.returncode == 2
    assert "--format pdf" in result.stderr.decode()


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
