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
from mtqa.eval.runner import EvalRun, ScoreFn, evaluate
from mtqa.io.records import signature
from mtqa.lm.base import Scorer
from mtqa.lm.registry import DEFAULT_MODEL, load_scorer
from mtqa.rules.registry import Rule, select_rules
from mtqa.scoring.mqm import ScoreSettings

EVAL_FORMAT = 1


def eval_command(
    files: Annotated[list[Path] | None, typer.Argument(
        help="Eval .jsonl files; default: every set under --data-dir.", show_default=False)] = None,
    data_dir: Annotated[Path | None, typer.Option(
        help="Folder of eval sets (one folder per set). Default: ../shared/eval next to the repository.",
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
    examples: Annotated[int, typer.Option(
        help="Print the N most frequent false alarms per rule (never written to Markdown).")] = 0,
    output_md: Annotated[Path | None, typer.Option(
        help="Write the figures into this Markdown file (e.g. docs/EVALUATION.md), replacing this mode's section.",
        show_default=False)] = None,
) -> None:
    """Measure mtqa on human-judged text: DEMETR, MLQE-PE, Guerreiro de-en, the MQM sets, WMT22 critical errors,
    a false-alarm audit; with --fixes, what `mtqa fix` does to DEMETR and JFLEG."""
    started = time.monotonic()
    measures = Measures.FIXES if fixes else Measures.CHECKS
    try:
        rules = select_rules(_split(select), _split(ignore))
        paths = list(files) if files else discover(data_dir or default_data_dir())
        if fixes:
            score_fn, (fix_lm, lm_name, score_name) = None, _fix_source(rules_only, lm, device)
        else:
            fix_lm, (score_fn, lm_name, score_name) = None, _score_source(rules_only, lm, device, rules)
        run = evaluate(paths, rules, score_fn, measures=measures, fix_lm=fix_lm, audit=audit,
                       audit_examples=max(0, examples),
                       progress=lambda path, n: typer.echo(f"read {path} ({n} records)", err=True))
    except MtqaError as err:
        typer.echo(f"mtqa: error: {err}", err=True)
        raise typer.Exit(ExitCode.ERROR) from None
    measured = "fixes:safe,unsafe" if fixes else f"score:{score_name}"
    run_signature = (signature([r.code for r in rules], "never", lm_name, ScoreSettings().describe())
                     + f"|eval:{EVAL_FORMAT}|{measured}")
    header = _header(run, run_signature, measures, time.monotonic() - started)
    typer.echo("\n".join(header) + "\n")
    tables = run.tables()
    typer.echo(render_text(tables), nl=False)
    if output_md is not None:
        title = f"## Fixes: {score_name}" if fixes else f"## Score: {score_name}"
        body = [title, "", *(f"{line}  " for line in header), "", render_markdown(tables)]
        mode = "rules" if rules_only else "lm"
        update_section(output_md, f"fixes-{mode}" if fixes else mode, "\n".join(body))
        typer.echo(f"\nwrote {output_md}")


def _score_source(rules_only: bool, lm: str, device: str, rules: list[Rule]
                  ) -> tuple[ScoreFn | None, str, str]:
    """(score_fn, the lm field of the signature, a name for the score)."""
    if rules_only:
        return None, "none", "rules"
    from mtqa.eval.scores import PIPELINE, pipeline_score_fn

    scorer = load_scorer(lm, device)
    return pipeline_score_fn(scorer, rules), scorer.name, PIPELINE


def _fix_source(rules_only: bool, lm: str, device: str) -> tuple[Scorer | None, str, str]:
    """(the language model fixing uses, the lm field of the signature, a name for the fixing)."""
    if rules_only:
        return None, "none", "rules"
    scorer = load_scorer(lm, device)
    return scorer, scorer.name, f"rules+{scorer.name}"


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


def _split(values: list[str] | None) -> list[str]:
    return [part.strip() for value in values or [] for part in value.split(",") if part.strip()]
