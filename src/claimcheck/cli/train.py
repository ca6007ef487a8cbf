"""``claimcheck train``: reproduce claimcheck's trained models from recipes."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from claimcheck.cli.common import fail

app = typer.Typer(
    help="Train claimcheck's models from recipes (see recipes/).", no_args_is_help=True
)
console = Console(stderr=True)


@app.command()
def verifier(
    recipe: Annotated[Path, typer.Argument(help="Recipe YAML, e.g. recipes/verifier.yaml")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Artifact directory")] = Path(
        "models/verifier"
    ),
    device: Annotated[str, typer.Option(help="auto, cpu or cuda")] = "auto",
) -> None:
    """Fine-tune the stance model (supports / contradicts / neutral) from a recipe.

    Example: claimcheck train verifier recipes/verifier.yaml --output models/verifier
    """
    from claimcheck.datasources import DataMissingError
    from claimcheck.train.recipe import load_recipe
    from claimcheck.train.verifier import train_verifier

    if not recipe.is_file():
        fail(f"{recipe}: no such recipe file")
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        metrics = train_verifier(load_recipe(recipe), output, device=device, progress=console.print)
    except DataMissingError as exc:
        fail(str(exc))
    summary = {name: round(r["macro_f1"], 4) for name, r in metrics["report"].items()}
    console.print(f"saved {output} in {metrics['train_seconds']} s; macro-F1 {json.dumps(summary)}")


@app.command()
def calibration(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Where to write the curves (default: models/verifier/verdict-calibration.json).",
        ),
    ] = None,
) -> None:
    """Fit verdict confidence calibration and the confidence floor on the corpus's claim
    reviews (half of them; the other half is reported by `claimcheck eval verdicts`).

    Example: claimcheck train calibration
    """
    from claimcheck.calibration import CALIBRATION_FILE
    from claimcheck.evaluate.verdicts import fit_and_evaluate
    from claimcheck.pipeline import Pipeline, PipelineConfig
    from claimcheck.stance_model import default_verifier_dir

    pipeline = Pipeline(PipelineConfig(min_confidence=0.0))
    calibrator, report = fit_and_evaluate(pipeline)
    target = output or default_verifier_dir() / CALIBRATION_FILE
    calibrator.save(target)
    console.print_json(json.dumps(report))
    console.print(f"saved {target}")


@app.command()
def detector(
    output: Annotated[Path, typer.Option("--output", "-o", help="Artifact directory")] = Path(
        "models/claim-detector"
    ),
    skip_classifier: Annotated[
        bool,
        typer.Option(help="Keep classifier.json; retrain only the claim-type and attribute models"),
    ] = False,
    skip_attributes: Annotated[
        bool,
        typer.Option(help="Keep claim-type.json and strength.json; retrain only the classifier"),
    ] = False,
) -> None:
    """Train the claim-sentence classifier and the claim-type model.

    Reads data/articles and, in ../shared/data, CLEF CheckThat! 2020, CW-CURE, ClaimBuster
    and health-claim-strength.

    Example: claimcheck train detector --output models/claim-detector
    """
    from claimcheck.datasources import DataMissingError
    from claimcheck.train.attributes import train_attributes
    from claimcheck.train.detector import train_detector

    try:
        if not skip_classifier:
            meta = train_detector(output, progress=console.print)
            console.print_json(json.dumps(meta["report"]))
        if not skip_attributes:
            console.print_json(json.dumps(train_attributes(output)))
    except DataMissingError as exc:
        fail(str(exc))
    console.print(f"saved {output}")
