"""The `mtqa` command line: check, rules, explain, models. Exit codes: 0 clean, 1 findings, 2 usage or input error."""

from __future__ import annotations

import errno
import functools
import json
import os
import re
import signal
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer
from typer.core import TyperGroup

from mtqa.baseline import Baseline
from mtqa.config import Settings, find_config, load_settings
from mtqa.engine import Engine, make_engine
from mtqa.errors import ExitCode, MtqaError, OutputError, UsageError
from mtqa.gate import Gate
from mtqa.io.readers import ReaderOptions, Source, display_path, expand_inputs
from mtqa.io.readers.pairing import read_input
from mtqa.io.writers import WRITERS, RunInfo, make_writer
from mtqa.io.writers.output import OutputTarget
from mtqa.io.writers.progress import Progress
from mtqa.lm.registry import resolve_lm
from mtqa.pipeline import Pipeline, Run
from mtqa.rules.registry import all_rules, iter_sections, lookup, select_rules
from mtqa.scoring.mqm import ScoreSettings
from mtqa.scoring.summary import Summary
from mtqa.selectors import parse_selectors


class _Interrupted(BaseException):
    """SIGTERM, raised where the run is so that outputs are cleaned up as for Ctrl-C."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise _Interrupted()


class MtqaGroup(TyperGroup):
    """Every way out of the command line goes through here: one line on stderr and a documented exit code
    (docs/reliability.md), never a traceback, never the code that means "the gate failed" for an error."""

    def main(self, args: Any = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        code = _run_guarded(lambda: super(MtqaGroup, self).main(args, prog_name or "mtqa", complete_var,
                                                                 standalone_mode=False, **extra))
        if standalone_mode:
            sys.exit(code)
        return code


def _run_guarded(run: Any) -> int:
    previous = None
    try:
        previous = signal.signal(signal.SIGTERM, _on_sigterm)
    except ValueError:  # not the main thread (a library caller): leave signals alone
        pass
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")  # a lone surrogate in the input never crashes a print
    try:
        result = run()
        return int(result) if isinstance(result, int) else int(ExitCode.CLEAN)
    except typer.Exit as err:  # the vendored click raises typer's Exit too
        return int(err.exit_code)
    except _CLICK_ERRORS as err:
        if type(err).__name__ == "NoArgsIsHelpError":  # `mtqa` alone: the help, as click shows it
            _say(err.format_message())
        else:
            _say(f"mtqa: error: {_one_line(err.format_message())}")
        return int(ExitCode.ERROR)
    except MtqaError as err:
        if isinstance(err, OutputError) and err.path == "<stdout>":
            _silence_stdout()
        _say(f"mtqa: error: {_one_line(str(err))}")
        return int(ExitCode.ERROR)
    except BrokenPipeError:
        _silence_stdout()
        _say("mtqa: error: <stdout>: the reader closed the pipe before the output was complete")
        return int(ExitCode.ERROR)
    except (KeyboardInterrupt, typer.Abort, _Interrupted):
        _say("mtqa: interrupted")
        return int(ExitCode.INTERRUPTED)
    except RecursionError:
        _say("mtqa: error: the input nests too deeply to process")
        return int(ExitCode.ERROR)
    except OSError as err:
        if err.errno not in _WRITE_ERRORS:
            return _internal_error(err)
        _silence_stdout()  # only the plain printing commands (rules, explain) write without a guarded stream
        _say(f"mtqa: error: <stdout>: cannot write: {err.strerror or err}")
        return int(ExitCode.ERROR)
    except Exception as err:  # noqa: BLE001 (a bug: one line; the traceback with MTQA_DEBUG=1)
        return _internal_error(err)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


# Typer vendors click; its exception classes are found from the public BadParameter, whatever the version.
_CLICK_ERRORS = tuple(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")


_WRITE_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EPIPE}


def _internal_error(err: Exception) -> int:
    if os.environ.get("MTQA_DEBUG"):
        raise err
    _say(f"mtqa: internal error: {type(err).__name__}: {_one_line(str(err))} "
         "(a bug in mtqa; MTQA_DEBUG=1 shows the traceback)")
    return int(ExitCode.INTERNAL)


def _one_line(message: str) -> str:
    return " ".join(message.split())


def _say(message: str) -> None:
    if sys.stderr is not None:
        try:
            print(message, file=sys.stderr, flush=True)
        except (OSError, ValueError):
            pass


def _silence_stdout() -> None:
    """After a closed pipe, point stdout at /dev/null so the interpreter's final flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"mtqa {_version()}")
        raise typer.Exit(ExitCode.CLEAN)


app = typer.Typer(cls=MtqaGroup, add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  pretty_exceptions_enable=False,
                  help="Find machine-translation artefacts in English text, with exact spans and fixes.")


@app.callback()
def _root(version: Annotated[bool, typer.Option("--version", callback=_version_callback, is_eager=True,
                                                help="Print the version and exit.")] = False) -> None:
    """Find machine-translation artefacts in English text, with exact spans and fixes."""



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


EngineOption = Annotated[str, typer.Option("--engine", help="Where the work runs: local (this process) or ray "
                                                           "(a Ray cluster; see docs/scale.md).")]
RayAddressOption = Annotated[str | None, typer.Option("--ray-address", help="With --engine ray: auto or "
                                                      "ray://HOST:PORT for a running cluster [default: start one "
                                                      "on this machine].")]
WorkersOption = Annotated[int | None, typer.Option("--workers", min=1, help="With --engine ray: workers (model "
                                                   "actors, or rule tasks at a time) [default: one per CPU, or per "
                                                   "GPU with a model].")]
LM_HELP = "Language model: a registered name (see `mtqa models list`), a local model folder, or none for " \
          "rules only [default: smollm2-135m, or `lm` in mtqa.toml]."


def _split(values: list[str] | None) -> list[str]:
    return [part.strip() for value in values or [] for part in value.split(",") if part.strip()]


def _check_device(value: str) -> str:
    from mtqa.lm.base import DEVICES  # not mtqa.lm.device: that imports torch, 2.5 s for rules-only runs

    if value not in DEVICES:
        raise typer.BadParameter(f"unknown device {value!r}; choose from {', '.join(DEVICES)}")
    return value


def _capped_jobs(jobs: int) -> int:
    """Never more worker processes than CPUs: more only costs memory (each holds the rules' data)."""
    return max(1, min(jobs, os.cpu_count() or 1))


def _use_colour(out: TextIO) -> bool:
    return out.isatty() and "NO_COLOR" not in os.environ


def _severity_map(values: list[str] | None) -> dict[str, str] | None:
    if not values:
        return None
    pairs = [v.split("=", 1) for v in _split(values)]
    if any(len(p) != 2 or p[1] not in ("minor", "major", "critical") for p in pairs):
        raise UsageError("--severity takes CODE=minor|major|critical")
    return {code.upper(): value for code, value in pairs}


def _columns(values: list[str] | None) -> dict[str, str] | None:
    if not values:
        return None
    pairs = [v.split("=", 1) for v in _split(values)]
    if any(len(p) != 2 or p[0] not in ("id", "text", "src", "ref") for p in pairs):
        raise UsageError("--column takes ROLE=NAME with ROLE one of id, text, src, ref")
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
    paths: Annotated[list[str], typer.Argument(help="Files to check (.txt .md .jsonl .parquet .tsv .csv .xlf .xliff "
                                                    ".tmx .po .srt .vtt .rss .atom .xml), directories or glob "
                                                    "patterns of them, or - for stdin.")],
    output_format: Annotated[str, typer.Option("--format", "-f", callback=_check_format,
                                               help="text, json, jsonl, concise, github, sarif, junit, mqm-tsv, "
                                                    "html.")] = "text",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
    also: Annotated[list[str] | None, typer.Option("--also", help="Also write this format from the same run, "
                                                                  "FORMAT=PATH (repeatable).")] = None,
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
    device: Annotated[str, typer.Option(callback=_check_device,
                                        help="Where the language model runs: auto, cpu or cuda.")] = "auto",
    engine: EngineOption = "local",
    ray_address: RayAddressOption = None,
    workers: WorkersOption = None,
) -> None:
    """Check files and report findings."""
    paths = expand_inputs(paths, ReaderOptions(input_format=input_format))
    settings = resolve_settings(
        paths, config, select=tuple(parse_selectors(select)) or None, ignore=tuple(parse_selectors(ignore)) or None,
        warn=tuple(parse_selectors(warn)) or None, severity=_severity_map(severity),
        fail_on=fail_on.value if fail_on else None, min_score=min_score, min_document_score=min_document_score,
        exit_zero=exit_zero, columns=_columns(column), lm=lm)
    if (src or ref) and len(paths) != 1:
        raise UsageError("--src/--ref pair lines with exactly one input")
    inputs = tuple(paths) + tuple(str(p) for p in (src, ref) if p is not None)
    # Every output is checked before the model loads and the inputs are read: a bad -o costs nothing.
    report_target = OutputTarget(output, inputs=inputs, role="report")
    extra_targets = [(name, OutputTarget(target, inputs=inputs, role=f"{name} report"))
                     for name, target in _extra_outputs(also, output)]
    baseline_target = OutputTarget(write_baseline, inputs=inputs, role="baseline") if write_baseline else None
    pipeline = _pipeline(settings, baseline=baseline, weights=weights, jobs=jobs,
                         record_baseline=write_baseline is not None)
    if show_settings:
        shown = {**settings.as_dict(), "rules": [r.code for r in pipeline.rules], "signature": pipeline.signature}
        typer.echo(json.dumps(shown, indent=2, default=list))
        raise typer.Exit(ExitCode.CLEAN)
    run_engine = make_engine(engine, address=ray_address, workers=workers, lm=settings.lm, device=device,
                             state_of=output)
    try:
        _check_inputs(pipeline, run_engine, settings, paths, src, ref, input_format, statistics, output_format,
                      output, report_target, extra_targets, baseline_target, device)
    finally:
        if run_engine is not None:
            run_engine.close()


def _check_inputs(pipeline: Pipeline, run_engine: Engine | None, settings: Settings, paths: list[str],
                  src: Path | None, ref: Path | None, input_format: str | None, statistics: bool,
                  output_format: str, output: Path | None, report_target: OutputTarget,
                  extra_targets: list[tuple[str, OutputTarget]], baseline_target: OutputTarget | None,
                  device: str) -> None:
    """`check` after its options are settled: read, check, write every report, then exit by the gate."""
    targets = [report_target, *(target for _, target in extra_targets)]
    _set_model(pipeline, run_engine, settings, device)
    options = ReaderOptions(input_format=input_format, columns=settings.columns)
    source, reference = (str(src) if src else None), (str(ref) if ref else None)
    progress = Progress(sys.stderr)
    run = Run(pipeline, Gate.from_settings(settings), progress.count)
    run_info = RunInfo(_version(), pipeline.signature, pipeline.rules)
    out = report_target.open()
    try:
        writer = make_writer("text" if statistics else output_format, out, run_info,
                             colour=output is None and _use_colour(out))
        extra_writers = [make_writer(name, target.open(), run_info) for name, target in extra_targets]
        readers = (functools.partial(read_input, path, options, source, reference) for path in paths)
        for shown, results in run.documents(readers, display_path):
            if extra_writers:  # one document's results, held to feed every writer
                results = list(results)
                for extra in extra_writers:
                    extra.document(shown, results)
            if statistics:
                for _ in results:
                    pass
            else:
                writer.document(shown, results)
        progress.done()
        # What was checked before a bad input is a complete, valid report of its own: write it, then fail.
        if statistics:
            _print_statistics(run.summary, out)
        else:
            writer.finish(run.summary.to_dict())
        for extra in extra_writers:
            extra.finish(run.summary.to_dict())
    except BaseException:
        for target in targets:
            target.discard()
        raise
    for target in targets:
        target.commit()
    if run_engine is not None:
        _finish_engine(run_engine)
    if run.error is not None:
        raise run.error
    if baseline_target is not None and pipeline.record_baseline is not None:
        baseline_target.write_all(pipeline.record_baseline.to_text())
    if run.gate.failures and not settings.exit_zero:
        for line in run.gate.explain():
            _say(f"mtqa: {line}")
        raise typer.Exit(ExitCode.FINDINGS)
    raise typer.Exit(ExitCode.CLEAN)


def _pipeline(settings: Settings, *, baseline: Path | None = None, weights: str | None = None, jobs: int = 1,
              record_baseline: bool = False) -> Pipeline:
    """The pipeline every command runs, from the effective settings (its language model is set later,
    once everything that can fail cheaply has been checked)."""
    rules = select_rules(settings.select, settings.ignore)
    overrides = settings.severity_overrides()
    for code in overrides:
        lookup(code)
    try:
        score_settings = ScoreSettings.parse(weights) if weights else ScoreSettings()
    except ValueError as err:
        raise UsageError(str(err)) from err
    return Pipeline(rules, settings=score_settings, fail_on=settings.fail_on, severity_overrides=overrides,
                    jobs=_capped_jobs(jobs), baseline=Baseline.load(baseline) if baseline else None,
                    record_baseline=Baseline() if record_baseline else None)


def _extra_outputs(values: list[str] | None, output: Path | None) -> list[tuple[str, Path]]:
    """`--also FORMAT=PATH` pairs: each a known format and a file of its own."""
    pairs = []
    for value in values or []:
        name, sep, target = value.partition("=")
        if not sep or not target or name not in WRITERS:
            raise UsageError(f"--also takes FORMAT=PATH with FORMAT one of {', '.join(WRITERS)}, not {value!r}")
        pairs.append((name, Path(target)))
    paths = [p.resolve() for _, p in pairs] + ([output.resolve()] if output else [])
    if len(set(paths)) != len(paths):
        raise UsageError("--also and -o must name different files")
    return pairs


def _print_statistics(summary: Summary, out: TextIO) -> None:
    for code, count in sorted(summary.by_rule.items(), key=lambda item: (-item[1], item[0])):
        found = lookup(code)
        print(f"{count:>7}  {code}  {found.name:<28} {found.severity.value}", file=out)


@app.command()
def report(
    paths: Annotated[list[str], typer.Argument(help="Files to check (.txt .md .jsonl .parquet .tsv .csv .xlf .xliff "
                                                    ".tmx .po .srt .vtt .rss .atom .xml), directories or glob "
                                                    "patterns of them, or - for stdin.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")],
    select: Annotated[list[str] | None, typer.Option(help="Rule codes, prefixes or names to run.")] = None,
    ignore: Annotated[list[str] | None, typer.Option(help="Rule codes, prefixes or names to skip.")] = None,
    severity: Annotated[list[str] | None, typer.Option(help="Per-rule severity, CODE=minor|major|critical.")] = None,
    baseline: Annotated[Path | None, typer.Option(help="Report only findings not in this baseline.")] = None,
    config: Annotated[Path | None, typer.Option(help="Configuration file (default: nearest mtqa.toml or "
                                                     "pyproject.toml [tool.mtqa]).")] = None,
    lm: Annotated[str | None, typer.Option("--lm", help=LM_HELP)] = None,
    device: Annotated[str, typer.Option(callback=_check_device,
                                        help="Where the language model runs: auto, cpu or cuda.")] = "auto",
    engine: EngineOption = "local",
    ray_address: RayAddressOption = None,
    workers: WorkersOption = None,
) -> None:
    """Check files and write one self-contained HTML report; exits 0 unless usage or input is bad."""
    check(paths, output_format="html", output=output, select=select, ignore=ignore, severity=severity,
          baseline=baseline, config=config, exit_zero=True, lm=lm, device=device, engine=engine,
          ray_address=ray_address, workers=workers)


@app.command()
def fix(
    path: Annotated[str, typer.Argument(help="File to fix (.txt, .jsonl) or - for stdin.")],
    diff: Annotated[bool, typer.Option("--diff", help="Print a unified diff and change nothing.")] = False,
    unsafe_fixes: Annotated[bool, typer.Option("--unsafe-fixes", help="Also apply rewording fixes.")] = False,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the fixed file here.")] = None,
    in_place: Annotated[bool, typer.Option("--in-place", help="Overwrite the input file.")] = False,
    select: Annotated[list[str] | None, typer.Option(help="Rule codes, prefixes or names to fix.")] = None,
    ignore: Annotated[list[str] | None, typer.Option(help="Rule codes, prefixes or names to leave.")] = None,
    baseline: Annotated[Path | None, typer.Option(help="Leave the findings in this baseline as they are.")] = None,
    config: Annotated[Path | None, typer.Option(help="Configuration file (default: nearest mtqa.toml or "
                                                     "pyproject.toml [tool.mtqa]).")] = None,
    lm: Annotated[str | None, typer.Option("--lm", help=LM_HELP)] = None,
    device: Annotated[str, typer.Option(callback=_check_device,
                                        help="Where the language model runs: auto, cpu or cuda.")] = "auto",
    engine: EngineOption = "local",
    ray_address: RayAddressOption = None,
    workers: WorkersOption = None,
) -> None:
    """Apply fixes: safe ones by default. Text stays text; JSONL records gain a `fixed` field.

    With a language model, each finding's fixes are ranked by log-probability gain and the model's own
    repairs are offered; the best allowed one is applied."""
    from mtqa.io.readers import read_source

    if in_place and (output or path == "-"):
        raise UsageError("--in-place cannot be combined with --output or stdin")
    # Checked before the model loads; an in-place target once the input is known to be readable.
    target = OutputTarget(None, role="diff") if diff else None if in_place else \
        OutputTarget(output, inputs=(path,), role="fixed file")
    settings = resolve_settings([path], config, select=tuple(parse_selectors(select)) or None,
                                ignore=tuple(parse_selectors(ignore)) or None, lm=lm)
    pipeline = _pipeline(settings, baseline=baseline)
    source = read_source(path)
    if target is None:
        target = OutputTarget(Path(path), role="fixed file")  # replaced atomically, as any other output
    run_engine = make_engine(engine, address=ray_address, workers=workers, lm=settings.lm, device=device,
                             state_of=target.path)
    try:
        _set_model(pipeline, run_engine, settings, device)
        fixed = pipeline.fix(source.document, unsafe_fixes)
    finally:
        if run_engine is not None:
            run_engine.close()
    _write_fixed(source, fixed, path, diff, target)
    if run_engine is not None:
        _finish_engine(run_engine)


def _set_model(pipeline: Pipeline, run_engine: Engine | None, settings: Settings, device: str) -> None:
    """The engine runs the pipeline's shards; the model loads here, or in the engine's workers."""
    pipeline.engine = run_engine
    pipeline.lm = run_engine.language_model(pipeline) if run_engine is not None else resolve_lm(settings.lm, device)


def _finish_engine(run_engine: Engine) -> None:
    """The outputs are written: say what an earlier run had done, and drop its shards."""
    if run_engine.resumed:
        _say(f"mtqa: resumed {run_engine.resumed} finished shards of an interrupted run")
    run_engine.finish()


def _write_fixed(source: Source, fixed: list[str], path: str, diff: bool, target: OutputTarget) -> None:
    import difflib

    from mtqa.fixes.apply import fixed_file_text, records_with_fixed

    document = source.document
    if document.running_text:
        result = fixed_file_text(source.text, document, fixed)
    else:
        result = records_with_fixed(source.text, document, fixed)
    if diff:
        shown = display_path(path)
        target.write_all("".join(difflib.unified_diff(_lines(source.text), _lines(result), f"a/{shown}",
                                                      f"b/{shown}")))
    else:
        target.write_all(("\ufeff" if source.bom else "") + result)


def _lines(text: str) -> list[str]:
    """Lines with their endings, split at LF only (U+2028 and friends may sit inside a JSON string)."""
    return re.findall(r"[^\n]*\n|[^\n]+$", text)


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
                 "fix": r.fix.value, "reads_source": r.reads_source, "needs_lm": r.needs_lm,
                 "summary": r.summary, "doc": r.doc} for r in rules]
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for r in rules:
        typer.echo(f"{r.code}  {r.name:<28} {r.severity.value:<8} {r.category:<28} {r.summary}")


@app.command()
def explain(code: Annotated[str, typer.Argument(help="Rule code or name, e.g. MT101 or duplicate-word.")]) -> None:
    """Print a rule's documentation."""
    found = lookup(code)
    typer.echo(f"{found.code} ({found.name})")
    typer.echo(f"Category: {found.category}; default severity: {found.severity.value}; fix: {found.fix.value}"
               + ("; reads the source" if found.reads_source else "")
               + ("; runs only with a language model" if found.needs_lm else "") + "\n")
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
