"""The `mtqa` command line: check, rules, explain, models. Exit codes: 0 clean, 1 findings, 2 usage or input error."""

from __future__ import annotations

import json
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, TextIO

import typer

from mtqa.errors import MtqaError
from mtqa.io.readers import display_path, open_document
from mtqa.io.records import Summary
from mtqa.io.writers import WRITERS, RunInfo, make_writer
from mtqa.model import Severity
from mtqa.pipeline import Pipeline
from mtqa.rules.registry import all_rules, iter_sections, lookup, select_rules

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Find machine-translation artefacts in English text, with exact spans and fixes.")

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class OutputFormat(str, Enum):
    text = "text"
    json = "json"
    jsonl = "jsonl"


def _check_format(value: str) -> str:
    if value not in WRITERS:
        raise typer.BadParameter(f"unknown format {value!r}; choose from {', '.join(WRITERS)}")
    return value


class FailOn(str, Enum):
    minor = "minor"
    major = "major"
    critical = "critical"
    never = "never"


def _split(values: list[str] | None) -> list[str]:
    return [part.strip() for value in values or [] for part in value.split(",") if part.strip()]


def _fail(message: str) -> None:
    typer.echo(f"mtqa: error: {message}", err=True)
    raise typer.Exit(EXIT_ERROR)


def _use_colour(out: TextIO) -> bool:
    return out.isatty() and "NO_COLOR" not in os.environ


@app.command()
def check(
    paths: Annotated[list[str], typer.Argument(help="Files to check (.txt, .jsonl) or - for stdin.")],
    output_format: Annotated[str, typer.Option("--format", "-f", callback=_check_format,
                                               help="Output format: text, json, jsonl, ...")] = "text",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
    select: Annotated[list[str] | None, typer.Option(help="Rule codes, prefixes or names to run (comma-separated).")] = None,
    ignore: Annotated[list[str] | None, typer.Option(help="Rule codes, prefixes or names to skip.")] = None,
    fail_on: Annotated[FailOn, typer.Option(help="Exit 1 when a finding is at or above this severity.")] = FailOn.major,
) -> None:
    """Check files and report findings."""
    try:
        rules = select_rules(_split(select), _split(ignore))
    except MtqaError as err:
        _fail(str(err))
    pipeline = Pipeline(rules, fail_on=fail_on.value)
    run_info = RunInfo(_version(), pipeline.signature, rules)
    out = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115 (closed below)
    writer = make_writer(output_format, out, run_info, colour=output is None and _use_colour(out))
    summary = Summary()
    try:
        for path in paths:
            try:
                document = open_document(path)
                summary.documents += 1
                writer.document(display_path(document.path), summary.tally(pipeline.run(document)))
            except MtqaError as err:
                _fail(str(err))
        writer.finish(summary.to_dict())
    finally:
        if output:
            out.close()
    worst = max((Severity(s).rank for s, n in summary.by_severity.items() if n), default=0)
    threshold = None if fail_on is FailOn.never else Severity(fail_on.value).rank
    raise typer.Exit(EXIT_FINDINGS if threshold is not None and worst >= threshold else EXIT_CLEAN)


@app.command()
def fix(
    path: Annotated[str, typer.Argument(help="File to fix (.txt, .jsonl) or - for stdin.")],
    diff: Annotated[bool, typer.Option("--diff", help="Print a unified diff and change nothing.")] = False,
    unsafe_fixes: Annotated[bool, typer.Option("--unsafe-fixes", help="Also apply rewording fixes.")] = False,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the fixed file here.")] = None,
    in_place: Annotated[bool, typer.Option("--in-place", help="Overwrite the input file.")] = False,
    select: Annotated[list[str] | None, typer.Option(help="Rule codes, prefixes or names to fix.")] = None,
    ignore: Annotated[list[str] | None, typer.Option(help="Rule codes, prefixes or names to leave.")] = None,
) -> None:
    """Apply fixes: safe ones by default. Text stays text; JSONL records gain a `fixed` field."""
    from mtqa.fixes.apply import fix_document, fixed_file_text
    from mtqa.io.readers import read_source

    if in_place and (output or path == "-"):
        _fail("--in-place cannot be combined with --output or stdin")
    try:
        rules = select_rules(_split(select), _split(ignore))
        original, document = read_source(path)
    except MtqaError as err:
        _fail(str(err))
    fixed = fix_document(document, rules, unsafe_fixes)
    if document.running_text:
        result = fixed_file_text(original, document, fixed)
    else:
        result = _records_with_fixed(original, document, fixed)
    if diff:
        import difflib

        shown = display_path(path)
        sys.stdout.writelines(difflib.unified_diff(original.splitlines(keepends=True), result.splitlines(keepends=True),
                                                   f"a/{shown}", f"b/{shown}"))
        return
    target = Path(path) if in_place else output
    if target is None:
        sys.stdout.write(result)
    else:
        target.write_text(result, encoding="utf-8")


def _records_with_fixed(original: str, document, fixed: list[str]) -> str:  # type: ignore[no-untyped-def]
    """Every input line as it was, each record with an added `fixed` field."""
    by_line = {segment.line: text for segment, text in zip(document.segments, fixed)}
    lines = []
    for number, raw in enumerate(original.splitlines(), start=1):
        if number in by_line:
            record = json.loads(raw)
            record["fixed"] = by_line[number]
            raw = json.dumps(record, ensure_ascii=False)
        lines.append(raw + "\n")
    return "".join(lines)


def _version() -> str:
    from mtqa import __version__

    return __version__


@app.command("rules")
def list_rules(
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.text,
) -> None:
    """List every rule: code, name, default severity, category, summary."""
    rules = all_rules()
    if output_format is not OutputFormat.text:
        rows = [{"code": r.code, "name": r.name, "category": r.category, "severity": r.severity.value,
                 "summary": r.summary, "doc": r.doc} for r in rules]
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for r in rules:
        typer.echo(f"{r.code}  {r.name:<28} {r.severity.value:<8} {r.category:<28} {r.summary}")


@app.command()
def explain(code: Annotated[str, typer.Argument(help="Rule code or name, e.g. MT101 or duplicate-word.")]) -> None:
    """Print a rule's documentation."""
    try:
        found = lookup(code)
    except MtqaError as err:
        _fail(str(err))
    typer.echo(f"{found.code} ({found.name})")
    typer.echo(f"Category: {found.category}; default severity: {found.severity.value}\n")
    for heading, body in iter_sections(found.doc):
        if heading:
            typer.echo(f"## {heading}")
        typer.echo(body + "\n")


def _mount_optional_apps() -> None:
    try:
        from mtqa.lm.cli import models_app
    except ImportError:
        return
    app.add_typer(models_app, name="models", help="Manage language models.")


_mount_optional_apps()


def main() -> None:
    app()
