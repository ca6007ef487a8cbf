"""``claimcheck serve`` (the moderators' review app) and ``claimcheck review`` (its data)."""

from __future__ import annotations

import getpass
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from claimcheck.cli.common import fail

if TYPE_CHECKING:
    from claimcheck.review.db import Database

app = typer.Typer(
    help="The review database: import scan output, add moderators, export decisions.",
    no_args_is_help=True,
)
user_app = typer.Typer(help="Moderator and admin accounts.", no_args_is_help=True)
app.add_typer(user_app, name="user")
console = Console(stderr=True, highlight=False, soft_wrap=True)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="A PostgreSQL URL (postgresql://user@host/db), a sqlite:/// URL or a SQLite file "
        "path (default: $CLAIMCHECK_REVIEW_DB or ~/.local/share/claimcheck/review.sqlite3).",
        show_default=False,
    ),
]


def open_db(db: str | None, migrate: bool = True) -> Database:
    """The database, migrated to the current schema; one-line errors for bad URLs."""
    from sqlalchemy.exc import OperationalError

    from claimcheck.review.db import Database, DatabaseError
    from claimcheck.review.migrate import upgrade

    try:
        database = Database.connect(db)
        if migrate:
            upgrade(database)
        else:
            database.check_migrated()
    except DatabaseError as exc:
        fail(str(exc), code=2)
    except OperationalError as exc:
        reason = str(exc.orig or exc).strip().splitlines()[0]
        fail(f"--db {db or 'default'}: cannot open the database ({reason})", code=2)
    return database


def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    secure_cookies: Annotated[
        bool, typer.Option(help="Mark cookies Secure (when served over HTTPS by a proxy).")
    ] = False,
    login_limit: Annotated[
        str, typer.Option(help="Failed sign-ins allowed per account and address.")
    ] = "5/minute",
) -> None:
    """Run the moderators' review app (pages at /, JSON API at /api, schema at /openapi.json).

    Examples:

      claimcheck serve

      claimcheck serve --db postgresql://review@db.internal/claimcheck --host 0.0.0.0
    """
    import uvicorn
    from sqlalchemy import func, select

    from claimcheck.review.app import ReviewSettings, create_app
    from claimcheck.review.models import User

    database = open_db(db)
    with database.read() as session:
        users = session.scalar(select(func.count(User.id))) or 0
    if not users:
        console.print(
            "[yellow]no accounts yet:[/yellow] add one with "
            f"`claimcheck review user add NAME --role admin{_db_flag(db)}`"
        )
    settings = ReviewSettings(database=db, secure_cookies=secure_cookies, login_limit=login_limit)
    console.print(f"claimcheck review on http://{host}:{port}/ ({database.describe()})")
    uvicorn.run(
        create_app(settings, database),
        host=host,
        port=port,
        log_level="warning",
        timeout_graceful_shutdown=5,
    )


def _db_flag(db: str | None) -> str:
    return f" --db {db}" if db else ""


@app.command()
def migrate(db: DbOption = None) -> None:
    """Create or upgrade the review database schema (serve and import also do this)."""
    from claimcheck.review.migrate import current_revision

    database = open_db(db)
    console.print(f"{database.describe()}: schema at {current_revision(database)}")


@app.command(name="import")
def import_(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="scan JSON/JSONL files, batch output directories or their claims tables."
        ),
    ],
    db: DbOption = None,
    include_supported: Annotated[
        bool, typer.Option(help="Queue supported claims too (by default only flags).")
    ] = False,
) -> None:
    """Queue the flagged claims of scan or batch output for review.

    A document already imported is skipped, so re-importing a file is harmless; a bad record
    is reported and skipped.

    Example: claimcheck scan article.html --format json > a.json && claimcheck review import a.json
    """
    from claimcheck.review.importer import Importer, ImportReport
    from claimcheck.review.readers import ReadError, read_path

    database = open_db(db)
    total = ImportReport()
    for path in files:
        importer = Importer(database, include_supported=include_supported, origin=str(path))
        try:
            report = importer.run(read_path(path))
        except ReadError as exc:
            fail(str(exc))
        for problem in report.problems:
            console.print(f"[yellow]skipped[/yellow] {problem}", soft_wrap=True)
        total.merge(report)
    summary = total.summary()
    typer.echo(
        f"imported {summary['documents']} documents ({summary['duplicates']} already there), "
        f"{summary['claims']} flagged claims in {len(set(total.group_ids))} groups "
        f"({summary['new_groups']} new); {summary['not_flagged']} supported claims not queued; "
        f"{summary['problems']} records skipped"
    )
    if total.problems and not total.documents:
        raise typer.Exit(1)


@user_app.command("add")
def user_add(
    username: Annotated[str, typer.Argument(help="2-64 letters, digits, '.', '_' or '-'.")],
    role: Annotated[str, typer.Option(help="moderator or admin.")] = "moderator",
    password_stdin: Annotated[
        bool, typer.Option(help="Read the password from the first line of stdin.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Add a moderator or admin (asks for the password unless --password-stdin).

    Example: claimcheck review user add alice --role admin
    """
    from claimcheck.review.auth import AccountError, check_new_account, create_user

    password = _read_password(password_stdin)
    try:
        check_new_account(username, password, role)
    except AccountError as exc:
        fail(str(exc), code=2)
    database = open_db(db)
    try:
        with database.write() as session:
            create_user(session, username, password, role)
    except AccountError as exc:
        fail(str(exc))
    typer.echo(f"added {role} {username}")


def _read_password(from_stdin: bool) -> str:
    if from_stdin or not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Again: ") != first:
        fail("the two passwords differ")
    return first


@app.command()
def export(
    what: Annotated[str, typer.Argument(help="decisions (JSONL) or claimreview (JSON-LD).")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    publisher: Annotated[
        str, typer.Option(help="The ClaimReview author organisation.")
    ] = "claimcheck review team",
    db: DbOption = None,
) -> None:
    """Export decisions as JSONL training data, or confirmed verdicts as ClaimReview JSON-LD.

    Example: claimcheck review export decisions -o decisions.jsonl
    """
    from claimcheck.review import export as exporting

    if what not in ("decisions", "claimreview"):
        fail(f"{what}: expected decisions or claimreview", code=2)
    database = open_db(db, migrate=False)
    try:
        handle = output.open("w", encoding="utf-8") if output else sys.stdout
    except OSError as exc:
        fail(f"{output}: cannot write ({exc.strerror or exc})")
    try:
        with database.read() as session:
            if what == "decisions":
                for line in exporting.decision_lines(session):
                    handle.write(line)
            else:
                document = exporting.claim_reviews(session, publisher)
                handle.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    finally:
        if output:
            handle.close()
