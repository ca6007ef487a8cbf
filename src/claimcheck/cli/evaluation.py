"""``claimcheck eval``: measure claim extraction and the stance model."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from claimcheck.cli.common import fail

app = typer.Typer(
    help="Measure claim extraction and the stance model on labelled data.", no_args_is_help=True
)
console = Console()


@app.command()
def claims(
    split: Annotated[
        str, typer.Option(help="Annotated-article split: train, dev or test.")
    ] = "test",
    output_format: Annotated[str, typer.Option("--format", help="text or json")] = "text",
    public: Annotated[bool, typer.Option(help="Also score CLEF 2020 dev and CW-CURE dev.")] = True,
) -> None:
    """Claim detection (sentence P/R/F1), atomic claims (P/R) and attribute accuracy.

    Example: claimcheck eval claims --split test --format json
    """
    if split not in ("train", "dev", "test"):
        fail(f"--split {split}: expected train, dev or test")
    if output_format not in ("text", "json"):
        fail(f"--format {output_format}: expected text or json")
    from claimcheck.corpus import load_corpus
    from claimcheck.datasources import DataMissingError
    from claimcheck.detect import ClaimDetector, load_classifier, load_parser
    from claimcheck.entities import EntityFinder
    from claimcheck.evaluate.claims import evaluate_claims, evaluate_public_sets
    from claimcheck.paths import bundled_corpus_dir

    corpus, _ = load_corpus([bundled_corpus_dir()])
    classifier = load_classifier()
    detector = ClaimDetector(classifier, load_parser(), EntityFinder(corpus))
    report = evaluate_claims(detector, split)
    if public:
        try:
            report["public"] = evaluate_public_sets(classifier)
        except DataMissingError as exc:
            report["public"] = {"skipped": str(exc)}
    if output_format == "json":
        console.print_json(json.dumps(report))
        return
    table = Table("measure", "precision", "recall", "F1", title=f"claim extraction, {split} split")
    s, a = report["sentence"], report["atomic"]
    table.add_row(
        "claim sentences", f"{s['precision']:.3f}", f"{s['recall']:.3f}", f"{s['f1']:.3f}"
    )
    table.add_row(
        f"atomic claims (cos >= {a['match_threshold']})",
        f"{a['precision']:.3f}",
        f"{a['recall']:.3f}",
        "",
    )
    for name, scores in report.get("public", {}).items():
        if isinstance(scores, dict):
            table.add_row(
                name, f"{scores['precision']:.3f}", f"{scores['recall']:.3f}", f"{scores['f1']:.3f}"
            )
    console.print(table)
    console.print(
        "attribute accuracy: " + ", ".join(f"{k} {v:.3f}" for k, v in report["attributes"].items())
    )
    kinds = Table("type", "gold", "recall", "predicted", "precision", title="atomic claims by type")
    for kind, row in report["per_type"].items():
        kinds.add_row(
            kind,
            str(row["gold"]),
            f"{row['recall']:.3f}",
            str(row["predicted"]),
            f"{row['precision']:.3f}",
        )
    console.print(kinds)


@app.command()
def verifier(
    dataset: Annotated[
        str,
        typer.Option(
            help="healthver-test, scifact-dev, "
            "scifact-dev-abstracts, covidfact-test, "
            "indomain-test, ..."
        ),
    ] = "healthver-test",
    model: Annotated[
        Path | None, typer.Option("--verifier", help="Model directory (default: models/verifier).")
    ] = None,
    verifier_labels: Annotated[str | None, typer.Option(help="Label map for --verifier.")] = None,
    output_format: Annotated[str, typer.Option("--format", help="text or json")] = "text",
    limit: Annotated[int | None, typer.Option(help="Score only the first N pairs.")] = None,
) -> None:
    """Macro-F1, per-class table, accuracy and expected calibration error of the stance model.

    Example: claimcheck eval verifier --dataset healthver-test --format json
    """
    from claimcheck.datasources import DataMissingError
    from claimcheck.evaluate.verifier import evaluate_stance
    from claimcheck.stance_model import StanceModelError, load_stance_model

    try:
        stance = load_stance_model(str(model) if model else None, verifier_labels)
        report = evaluate_stance(stance, dataset, limit)
    except (DataMissingError, StanceModelError) as exc:
        fail(str(exc))
    except KeyError as exc:
        fail(str(exc.args[0]))
    if output_format == "json":
        console.print_json(json.dumps(report))
        return
    table = Table(
        "class",
        "precision",
        "recall",
        "F1",
        "support",
        title=f"{report['model']} {report['version']} on {dataset} (n={report['n']})",
    )
    for label, row in report["per_class"].items():
        table.add_row(
            label,
            f"{row['precision']:.3f}",
            f"{row['recall']:.3f}",
            f"{row['f1']:.3f}",
            str(row["support"]),
        )
    console.print(table)
    console.print(
        f"macro-F1 {report['macro_f1']:.4f}  accuracy {report['accuracy']:.4f}  "
        f"ECE {report['ece']:.4f}"
    )


@app.command()
def verdicts(
    output_format: Annotated[str, typer.Option("--format", help="text or json")] = "json",
) -> None:
    """End-to-end verdict accuracy, precision and calibration on the held-out half of the
    corpus's claim reviews (each phrasing checked with the reviews hidden, and with only
    itself hidden).

    Example: claimcheck eval verdicts
    """
    from claimcheck.evaluate.verdicts import evaluate_current
    from claimcheck.pipeline import Pipeline

    report = evaluate_current(Pipeline())
    if output_format == "json":
        console.print_json(json.dumps(report))
        return
    for mode in ("findings", "paraphrase"):
        row = report[mode]
        console.print(
            f"{mode:>10}: macro-F1 {row['macro_f1']:.3f}  accuracy {row['accuracy']:.3f}"
            f"  decided precision {row['decided_precision']:.3f}"
            f" ({row['decided_share']:.0%} decided)  ECE {row['ece']:.3f}"
        )
