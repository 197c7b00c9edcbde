"""`mtqa eval`: figures on the shared evaluation sets, printed and optionally written to docs/EVALUATION.md."""

from __future__ import annotations

import os
import platform
import shlex
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from mtqa.errors import ExitCode, MtqaError
from mtqa.eval.base import Measures
from mtqa.eval.data import default_data_dir, discover
from mtqa.eval.render import render_markdown, render_text, update_section
from mtqa.eval.runner import EvalRun, evaluate
from mtqa.eval.synthetic import SUITE_VERSION
from mtqa.lm.registry import DEFAULT_MODEL, load_scorer
from mtqa.pipeline import Pipeline
from mtqa.rules.registry import select_rules
from mtqa.selectors import parse_selectors

EVAL_FORMAT = 1


def eval_command(
    files: Annotated[list[Path] | None, typer.Argument(
        help="Eval .jsonl files; default: every set under --data-dir.", show_default=False)] = None,
    data_dir: Annotated[Path | None, typer.Option(
        help="Folder of eval sets (one folder per set). Default: $MTQA_EVAL_DATA, else ../shared/eval from the "
             "current folder (the repository checkout's root).",
        show_default=False)] = None,
    rules_only: Annotated[bool, typer.Option(
        "--rules-only", help="Score with the rules alone (the rule-derived 0-100 score); load no model.")] = False,
    lm: Annotated[str, typer.Option(
        help="Language model for the score (or, with --fixes, for fixing) when not --rules-only.")] = DEFAULT_MODEL,
    device: Annotated[str, typer.Option(help="auto, cpu or cuda.")] = "auto",
    select: Annotated[list[str] | None, typer.Option(help="Rule codes, prefixes or names to run.")] = None,
    ignore: Annotated[list[str] | None, typer.Option(help="Rule codes, prefixes or names to skip.")] = None,
    fixes: Annotated[bool, typer.Option(
        "--fixes", help="Measure the fixes instead of the checks (DEMETR restorations, JFLEG GLEU), as `mtqa fix` "
                        "applies them: with --lm, or the rules alone with --rules-only.")] = False,
    audit: Annotated[bool, typer.Option(help="Run the false-alarm audit over clean English text.")] = True,
    sets: Annotated[list[str] | None, typer.Option(
        help="Run only these evaluators (repeat or comma-separate): synthetic, demetr, mlqe_pe, mqm, "
             "halluc_guerreiro_deen, halluc_xu_deen, wmt22_ced_pten, jfleg, false-alarms. Default: all.",
        show_default=False)] = None,
    kinds: Annotated[list[str] | None, typer.Option(
        help="Synthetic suite only: keep these artefact kinds (repeat or comma-separate), each sentence with the "
             "injection the whole suite gives it, and those sentences' clean controls. Default: all 14.",
        show_default=False)] = None,
    examples: Annotated[int, typer.Option(
        help="Print the N most frequent false alarms per rule (never written to Markdown).")] = 0,
    output_md: Annotated[Path | None, typer.Option(
        help="Write the figures into this Markdown file (e.g. docs/EVALUATION.md), replacing this mode's section.",
        show_default=False)] = None,
) -> None:
    """Measure mtqa on human-judged text: DEMETR, MLQE-PE, Guerreiro and Xu de-en, the MQM sets, WMT22 critical errors,
    a false-alarm audit; with --fixes, what `mtqa fix` does to DEMETR and JFLEG."""
    started = time.monotonic()
    measures = Measures.FIXES if fixes else Measures.CHECKS
    try:
        rules = select_rules(parse_selectors(select), parse_selectors(ignore))
        paths = list(files) if files else discover(data_dir or default_data_dir())
        scorer = None if rules_only else load_scorer(lm, device)
        pipeline = Pipeline(rules, lm=scorer, fail_on="never")
        chosen = parse_selectors(sets) or None
        chosen_kinds = parse_selectors(kinds) or None
        run = evaluate(paths, pipeline, measures=measures, audit=audit, audit_examples=max(0, examples), sets=chosen,
                       kinds=chosen_kinds, progress=lambda path, n: typer.echo(f"read {path} ({n} records)", err=True))
    except MtqaError as err:
        typer.echo(f"mtqa: error: {err}", err=True)
        raise typer.Exit(ExitCode.ERROR) from None
    score_name = _score_name(pipeline, fixes)
    measured = "fixes:safe,unsafe" if fixes else f"score:{score_name}"
    suite = f"|synthetic:v{SUITE_VERSION}" if measures is Measures.CHECKS else ""
    if suite and chosen_kinds:
        suite += ":" + "+".join(sorted(set(chosen_kinds)))
    run_signature = f"{pipeline.signature}|eval:{EVAL_FORMAT}|{measured}{suite}"
    header = _header(run, run_signature, measures, time.monotonic() - started)
    typer.echo("\n".join(header) + "\n")
    tables = run.tables()
    typer.echo(render_text(tables), nl=False)
    if output_md is not None:
        title = f"## Fixes: {score_name}" if fixes else f"## Score: {score_name}"
        if pipeline.lm is not None and not fixes:
            title += f" (rules scaled by fluency, {pipeline.lm_name})"
        body = [title, "", *(f"{line}  " for line in header), "", render_markdown(tables)]
        mode = "rules" if rules_only else "lm"
        section = f"fixes-{mode}" if fixes else mode
        if chosen:  # a partial run gets a section of its own, never replacing the full run's
            section += ":" + "+".join(sorted(set(chosen)))
        if chosen_kinds:
            section += ":kinds:" + "+".join(sorted(set(chosen_kinds)))
        update_section(output_md, section, "\n".join(body))
        typer.echo(f"\nwrote {output_md}")


def _score_name(pipeline: Pipeline, fixes: bool) -> str:
    """What the figures measure: the rules alone, or rules with the language model (verified findings and,
    for the checks, the score `mtqa check` gives: rules scaled by fluency)."""
    if pipeline.lm is None:
        return "rules"
    return f"rules+{pipeline.lm_name}" if fixes else "mtqa-score"


def _header(run: EvalRun, run_signature: str, measures: Measures, seconds: float) -> list[str]:
    per_dataset = Counter[str]()
    for (_, dataset), count in run.records.items():
        per_dataset[dataset] += count
    read = ", ".join(f"{dataset} {count}" for dataset, count in sorted(per_dataset.items()))
    lines = [
        f"Command: `{shlex.join(['mtqa', *sys.argv[1:]])}`",
        (f"Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; machine: {platform.system()} {platform.machine()}, "
         f"{os.cpu_count()} CPU cores, Python {platform.python_version()}; took {seconds:.0f} s"),
        f"Signature: `{run_signature}`",
        f"Records read: {sum(run.records.values())} ({read})",
    ]
    if run.skipped:
        lines.append(f"Skipped (no evaluator of {measures.value}): " + ", ".join(f"{d} {n}" for d, n in sorted(run.skipped.items())))
    return lines
