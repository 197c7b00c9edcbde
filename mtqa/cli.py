"""The `mtqa` command line: check, rules, explain, models. Exit codes: 0 clean, 1 findings, 2 usage or input error."""

from __future__ import annotations

import json
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, TextIO

import typer

from mtqa.baseline import Baseline
from mtqa.config import Settings, find_config, load_settings
from mtqa.errors import MtqaError, UsageError
from mtqa.gate import Gate
from mtqa.io.pairing import open_paired
from mtqa.io.progress import Progress
from mtqa.io.readers import ReaderOptions, display_path, open_document
from mtqa.io.records import Summary
from mtqa.io.writers import WRITERS, RunInfo, make_writer
from mtqa.lm.registry import resolve_lm
from mtqa.pipeline import Pipeline
from mtqa.rules.registry import all_rules, iter_sections, lookup, select_rules
from mtqa.scoring.mqm import ScoreSettings

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


LM_HELP = "Language model: a registered name (see `mtqa models list`), a local model folder, or none for " \
          "rules only [default: smollm2-135m, or `lm` in mtqa.toml]."


def _split(values: list[str] | None) -> list[str]:
    return [part.strip() for value in values or [] for part in value.split(",") if part.strip()]


def _fail(message: str) -> None:
    typer.echo(f"mtqa: error: {message}", err=True)
    raise typer.Exit(EXIT_ERROR)


def _use_colour(out: TextIO) -> bool:
    return out.isatty() and "NO_COLOR" not in os.environ


def _severity_map(values: list[str] | None) -> dict[str, str] | None:
    if not values:
        return None
    pairs = [v.split("=", 1) for v in _split(values)]
    if any(len(p) != 2 or p[1] not in ("minor", "major", "critical") for p in pairs):
        _fail("--severity takes CODE=minor|major|critical")
    return {code.upper(): value for code, value in pairs}


def _columns(values: list[str] | None) -> dict[str, str] | None:
    if not values:
        return None
    pairs = [v.split("=", 1) for v in _split(values)]
    if any(len(p) != 2 or p[0] not in ("id", "text", "src", "ref") for p in pairs):
        _fail("--column takes ROLE=NAME with ROLE one of id, text, src, ref")
    return dict(pairs)  # type: ignore[arg-type]


def resolve_settings(paths: list[str], config: Path | None, **overrides: object) -> Settings:
    """Defaults < the config file (given, or found from the first input upwards) < command-line flags."""
    if config is not None and not config.is_file():
        raise UsageError(f"{config}: no such configuration file")
    start = Path(paths[0]) if paths and paths[0] != "-" else Path.cwd()
    found = config or find_config(start if start.exists() else Path.cwd())
    return load_settings(found).merged(**overrides)


@app.command()
def check(
    paths: Annotated[list[str], typer.Argument(help="Files to check (.txt .md .jsonl .tsv .csv .xlf .xliff .tmx .po "
                                                    ".srt .vtt .rss .atom .xml), or - for stdin.")],
    output_format: Annotated[str, typer.Option("--format", "-f", callback=_check_format,
                                               help="text, json, jsonl, concise, github, sarif, junit, mqm-tsv, "
                                                    "html.")] = "text",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
    select: Annotated[list[str] | None, typer.Option(help="Rule codes, prefixes or names to run.")] = None,
    ignore: Annotated[list[str] | None, typer.Option(help="Rule codes, prefixes or names to skip.")] = None,
    warn: Annotated[list[str] | None, typer.Option(help="Rules reported but never failing the run.")] = None,
    severity: Annotated[list[str] | None, typer.Option(help="Per-rule severity, CODE=minor|major|critical.")] = None,
    fail_on: Annotated[FailOn | None, typer.Option(help="Exit 1 on a finding at or above this [default: major].")
                       ] = None,
    min_score: Annotated[float | None, typer.Option(help="Exit 1 when a segment scores below this.")] = None,
    min_document_score: Annotated[float | None, typer.Option(help="Exit 1 when a document's mean score is "
                                                                  "below this.")] = None,
    exit_zero: Annotated[bool | None, typer.Option("--exit-zero", help="Exit 0 even when the gate fails.")] = None,
    statistics: Annotated[bool, typer.Option("--statistics", help="Print counts per rule instead.")] = False,
    baseline: Annotated[Path | None, typer.Option(help="Report only findings not in this baseline.")] = None,
    write_baseline: Annotated[Path | None, typer.Option(help="Record every finding in this baseline file.")] = None,
    config: Annotated[Path | None, typer.Option(help="Configuration file (default: nearest mtqa.toml or "
                                                     "pyproject.toml [tool.mtqa]).")] = None,
    show_settings: Annotated[bool, typer.Option("--show-settings", help="Print the effective settings and "
                                                                         "exit.")] = False,
    input_format: Annotated[str | None, typer.Option(help="Read inputs as this format whatever the suffix: text, "
                                                          "jsonl, tsv, csv, xliff, tmx, po, srt, webvtt, feed, "
                                                          "xml.")] = None,
    column: Annotated[list[str] | None, typer.Option(help="TSV/CSV column for a role, ROLE=NAME "
                                                          "(id, text, src, ref).")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Processes for rule checking.")] = 1,
    src: Annotated[Path | None, typer.Option("--src", help="Source text, one segment per line, aligned with "
                                                            "the input.")] = None,
    ref: Annotated[Path | None, typer.Option("--ref", help="Reference translation, one segment per line, "
                                                            "aligned with the input.")] = None,
    weights: Annotated[str | None, typer.Option(help="MQM weights minor/major/critical[/minor-punctuation] "
                                                     "[default: 1/5/25/0.1].")] = None,
    lm: Annotated[str | None, typer.Option("--lm", help=LM_HELP)] = None,
    device: Annotated[str, typer.Option(help="Where the language model runs: auto, cpu or cuda.")] = "auto",
) -> None:
    """Check files and report findings."""
    try:
        settings = resolve_settings(
            paths, config, select=tuple(_split(select)) or None, ignore=tuple(_split(ignore)) or None,
            warn=tuple(_split(warn)) or None, severity=_severity_map(severity),
            fail_on=fail_on.value if fail_on else None, min_score=min_score, min_document_score=min_document_score,
            exit_zero=exit_zero, columns=_columns(column), lm=lm)
        rules = select_rules(settings.select, settings.ignore)
        overrides = settings.severity_overrides()
        for code in overrides:
            lookup(code)
        gate = Gate.from_settings(settings, rules)
        if (src or ref) and len(paths) != 1:
            raise UsageError("--src/--ref pair lines with exactly one input")
        scorer = resolve_lm(settings.lm, device)
        pipeline = Pipeline(rules, settings=ScoreSettings.parse(weights) if weights else ScoreSettings(), lm=scorer,
                            fail_on=settings.fail_on, severity_overrides=overrides, jobs=jobs,
                            baseline=Baseline.load(baseline) if baseline else None,
                            record_baseline=Baseline() if write_baseline else None)
    except (MtqaError, ValueError) as err:
        _fail(str(err))
    if show_settings:
        shown = {**settings.as_dict(), "rules": [r.code for r in rules], "signature": pipeline.signature}
        typer.echo(json.dumps(shown, indent=2, default=list))
        raise typer.Exit(EXIT_CLEAN)
    options = ReaderOptions(input_format=input_format, columns=settings.columns)
    run_info = RunInfo(_version(), pipeline.signature, rules)
    out = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115 (closed below)
    writer = make_writer("text" if statistics else output_format, out, run_info,
                         colour=output is None and _use_colour(out))
    summary = Summary()
    progress = Progress(sys.stderr)
    try:
        for path in paths:
            try:
                document = (open_paired(path, src=str(src) if src else None, ref=str(ref) if ref else None,
                                        options=options) if src or ref else open_document(path, options))
                summary.documents += 1
                shown = display_path(document.path)
                results = progress.count(gate.watch(shown, summary.tally(pipeline.run(document))))
                if statistics:
                    for _ in results:
                        pass
                else:
                    writer.document(shown, results)
            except MtqaError as err:
                _fail(str(err))
        progress.done()
        if statistics:
            _print_statistics(summary, out)
        else:
            writer.finish(summary.to_dict())
        if write_baseline and pipeline.record_baseline is not None:
            pipeline.record_baseline.write(write_baseline)
    finally:
        if output:
            out.close()
    if gate.failures and not settings.exit_zero:
        raise typer.Exit(EXIT_FINDINGS)
    raise typer.Exit(EXIT_CLEAN)


def _print_statistics(summary: Summary, out: TextIO) -> None:
    for code, count in sorted(summary.by_rule.items(), key=lambda item: (-item[1], item[0])):
        found = lookup(code)
        print(f"{count:>7}  {code}  {found.name:<28} {found.severity.value}", file=out)


@app.command()
def report(
    paths: Annotated[list[str], typer.Argument(help="Files to check (.txt .md .jsonl .tsv .csv .xlf .xliff .tmx .po "
                                                    ".srt .vtt .rss .atom .xml), or - for stdin.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")],
    select: Annotated[list[str] | None, typer.Option(help="Rule codes, prefixes or names to run.")] = None,
    ignore: Annotated[list[str] | None, typer.Option(help="Rule codes, prefixes or names to skip.")] = None,
    lm: Annotated[str | None, typer.Option("--lm", help=LM_HELP)] = None,
    device: Annotated[str, typer.Option(help="Where the language model runs: auto, cpu or cuda.")] = "auto",
) -> None:
    """Check files and write one self-contained HTML report; exits 0 unless usage or input is bad."""
    check(paths, output_format="html", output=output, select=select, ignore=ignore, exit_zero=True, lm=lm,
          device=device)


@app.command()
def fix(
    path: Annotated[str, typer.Argument(help="File to fix (.txt, .jsonl) or - for stdin.")],
    diff: Annotated[bool, typer.Option("--diff", help="Print a unified diff and change nothing.")] = False,
    unsafe_fixes: Annotated[bool, typer.Option("--unsafe-fixes", help="Also apply rewording fixes.")] = False,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the fixed file here.")] = None,
    in_place: Annotated[bool, typer.Option("--in-place", help="Overwrite the input file.")] = False,
    select: Annotated[list[str] | None, typer.Option(help="Rule codes, prefixes or names to fix.")] = None,
    ignore: Annotated[list[str] | None, typer.Option(help="Rule codes, prefixes or names to leave.")] = None,
    lm: Annotated[str | None, typer.Option("--lm", help=LM_HELP)] = None,
    device: Annotated[str, typer.Option(help="Where the language model runs: auto, cpu or cuda.")] = "auto",
) -> None:
    """Apply fixes: safe ones by default. Text stays text; JSONL records gain a `fixed` field.

    With a language model, each finding's fixes are ranked by log-probability gain and the model's own
    repairs are offered; the best allowed one is applied."""
    from mtqa.fixes.apply import fix_document, fixed_file_text
    from mtqa.io.readers import read_source

    if in_place and (output or path == "-"):
        _fail("--in-place cannot be combined with --output or stdin")
    try:
        settings = resolve_settings([path], None, select=tuple(_split(select)) or None,
                                    ignore=tuple(_split(ignore)) or None, lm=lm)
        rules = select_rules(settings.select, settings.ignore)
        scorer = resolve_lm(settings.lm, device)
        original, document = read_source(path)
    except MtqaError as err:
        _fail(str(err))
    fixed = fix_document(document, rules, unsafe_fixes, scorer)
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


def _mount_subcommands() -> None:
    from mtqa.eval.cli import eval_command
    from mtqa.lm.cli import models_app

    app.command("eval")(eval_command)
    app.add_typer(models_app, name="models", help="Manage language models.")


_mount_subcommands()


def main() -> None:
    app()
