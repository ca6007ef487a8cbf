"""``claimcheck review`` as a user runs it: user add, import, export, and its errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.review.conftest import PASSWORD, write_scan_json

CLI = "import sys; from claimcheck.cli.main import app; sys.argv[0] = 'claimcheck'; app()"


def claimcheck(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", CLI, *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_user_add_import_and_export(tmp_path: Path) -> None:
    db = str(tmp_path / "review.sqlite3")
    added = claimcheck(
        "review", "user", "add", "alice", "--role", "admin", "--db", db, stdin=PASSWORD + "\n"
    )
    assert added.returncode == 0, added.stderr
    assert added.stdout.strip() == "added admin alice"
    again = claimcheck("review", "user", "add", "alice", "--db", db, stdin=PASSWORD + "\n")
    assert again.returncode == 1
    assert again.stderr.strip() == "error: user 'alice' already exists"
    weak = claimcheck("review", "user", "add", "bob", "--db", db, stdin="short\n")
    assert weak.returncode == 2 and "at least 10 characters" in weak.stderr

    paths = write_scan_json(tmp_path / "scans")
    bad = tmp_path / "bad.jsonl"
    record = json.loads(paths[0].read_text())
    record["claims"][0]["verdict"] = "maybe"
    bad.write_text("{oops\n" + json.dumps(record) + "\n")
    imported = claimcheck("review", "import", *map(str, paths), str(bad), "--db", db)
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.startswith("imported 3 documents (1 already there), 7 flagged claims")
    assert "skipped bad.jsonl:1: not valid JSON" in imported.stderr
    assert "skipped bad.jsonl:2: claim c1: verdict:" in imported.stderr

    out = tmp_path / "decisions.jsonl"
    exported = claimcheck("review", "export", "decisions", "-o", str(out), "--db", db)
    assert exported.returncode == 0, exported.stderr
    assert out.read_text() == ""  # nothing decided yet
    reviews = claimcheck("review", "export", "claimreview", "--db", db)
    assert json.loads(reviews.stdout) == {"@context": "https://schema.org", "@graph": []}


def test_errors_are_one_line(tmp_path: Path) -> None:
    db = str(tmp_path / "review.sqlite3")
    missing = claimcheck("review", "import", str(tmp_path / "nope.json"), "--db", db)
    assert missing.returncode == 1
    assert missing.stderr.strip() == f"error: {tmp_path / 'nope.json'}: no such file"
    wrong = claimcheck("review", "export", "everything", "--db", db)
    assert wrong.returncode == 2 and wrong.stderr.strip().startswith("error: everything:")
    mysql = claimcheck("review", "migrate", "--db", "mysql://u@h/db")
    assert mysql.returncode == 2
    assert "only sqlite and postgresql" in mysql.stderr
    unreachable = claimcheck("review", "migrate", "--db", "postgresql://nobody@127.0.0.1:1/x")
    assert unreachable.returncode == 2
    assert unreachable.stderr.startswith("error: --db postgresql://nobody@127.0.0.1:1/x: cannot")
    assert "Traceback" not in missing.stderr + wrong.stderr + mysql.stderr + unreachable.stderr
