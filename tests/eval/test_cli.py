import typer
from typer.testing import CliRunner

from mtqa.eval.cli import eval_command
from mtqa.eval.metrics import Rate
from mtqa.eval.render import format_cell, update_section
from tests.eval.conftest import demetr_record

CLEAN = "The talks ended without agreement."
RUNNER = CliRunner()


def _app() -> typer.Typer:
    app = typer.Typer()
    app.command("eval")(eval_command)
    app.command("noop")(lambda: None)  # a second command keeps `eval` a sub-command, as in mtqa's CLI
    return app


def _demetr_set(write_jsonl):
    return write_jsonl("data/demetr/demetr.dev.jsonl", [
        demetr_record("minor_id2_repeat4", 1, "The talks ended ended ended ended without agreement.", CLEAN),
        demetr_record("none", 1, CLEAN, CLEAN),
    ])


def test_eval_prints_the_tables_and_writes_its_markdown_section(write_jsonl, tmp_path):
    path = _demetr_set(write_jsonl)
    doc = tmp_path / "EVALUATION.md"
    doc.write_text("# Evaluation\n\nHand-written notes stay.\n", encoding="utf-8")
    for _ in range(2):
        result = RUNNER.invoke(_app(), ["eval", "--rules-only", "--data-dir", str(path.parent.parent),
                                        "--output-md", str(doc)])
        assert result.exit_code == 0, result.output
    assert "minor_id2_repeat4" in result.stdout and "DEMETR: false alarms" in result.stdout
    text = doc.read_text(encoding="utf-8")
    assert text.startswith("# Evaluation\n\nHand-written notes stay.\n")
    assert text.count("<!-- mtqa-eval:rules:begin -->") == 1 and text.count("<!-- mtqa-eval:rules:end -->") == 1
    assert "Signature: `mtqa:" in text and "|score:rules|synthetic:v2`" in text
    assert "| minor_id2_repeat4 |" in text


def test_a_run_of_some_artefact_kinds_says_so_in_its_signature_and_section(write_jsonl, tmp_path):
    path = _demetr_set(write_jsonl)
    doc = tmp_path / "EVALUATION.md"
    result = RUNNER.invoke(_app(), ["eval", "--rules-only", "--sets", "synthetic", "--kinds", "swapped-words,oscillation",
                                    "--output-md", str(doc), str(path)])
    assert result.exit_code == 0, result.output
    assert "|synthetic:v2:oscillation+swapped-words`" in result.stdout
    assert "<!-- mtqa-eval:rules:synthetic:kinds:oscillation+swapped-words:begin -->" in doc.read_text(encoding="utf-8")
    result = RUNNER.invoke(_app(), ["eval", "--rules-only", "--kinds", "nope", str(path)])
    assert result.exit_code == 2 and "unknown artefact kind nope" in result.stderr


def test_missing_file_is_one_line_on_stderr_and_exit_2(tmp_path):
    result = RUNNER.invoke(_app(), ["eval", "--rules-only", str(tmp_path / "absent.jsonl")])
    assert result.exit_code == 2
    assert result.stderr == f"mtqa: error: {tmp_path / 'absent.jsonl'}: no such file\n"


def test_unknown_rule_selector_is_a_usage_error(write_jsonl):
    path = _demetr_set(write_jsonl)
    result = RUNNER.invoke(_app(), ["eval", "--rules-only", "--select", "MT999", str(path)])
    assert result.exit_code == 2 and "MT999" in result.stderr


def test_cells_render_as_share_with_counts():
    assert format_cell(Rate(3, 4)) == "0.750 (3/4)"
    assert format_cell(Rate()) == "– (0/0)"
    assert format_cell(None) == "–"
    assert format_cell(0.33333) == "0.333" and format_cell(12.5) == "12.5" and format_cell(-1.0) == "-1"


def test_update_section_creates_the_file_and_keeps_other_modes(tmp_path):
    doc = tmp_path / "docs" / "EVALUATION.md"
    update_section(doc, "rules", "first")
    update_section(doc, "lm", "language model")
    update_section(doc, "rules", "second")
    text = doc.read_text(encoding="utf-8")
    assert "first" not in text and "second" in text and "language model" in text
    assert text.index("second") < text.index("language model")


def test_eval_fixes_writes_its_own_section_and_keeps_the_rules_section(write_jsonl, tmp_path):
    path = _demetr_set(write_jsonl)
    doc = tmp_path / "EVALUATION.md"
    for args in (["--rules-only"], ["--fixes", "--rules-only"]):
        result = RUNNER.invoke(_app(), ["eval", *args, str(path), "--output-md", str(doc)])
        assert result.exit_code == 0, result.output
    assert "DEMETR: perturbations restored exactly by the fixes" in result.stdout
    assert "|fixes:safe,unsafe`" in result.stdout
    text = doc.read_text(encoding="utf-8")
    fixes = text[text.index("<!-- mtqa-eval:fixes-rules:begin -->"):text.index("<!-- mtqa-eval:fixes-rules:end -->")]
    assert "## Fixes: rules" in fixes and "| repetition | minor_id2_repeat4 | 1.000 (1/1) |" in fixes
    assert "DEMETR: false alarms" not in fixes
    assert "<!-- mtqa-eval:rules:begin -->" in text


def test_sets_runs_only_the_named_evaluators_into_a_section_of_their_own(write_jsonl, tmp_path):
    path = _demetr_set(write_jsonl)
    doc = tmp_path / "EVALUATION.md"
    full = RUNNER.invoke(_app(), ["eval", "--rules-only", str(path), "--output-md", str(doc)])
    assert full.exit_code == 0, full.output
    result = RUNNER.invoke(_app(), ["eval", "--rules-only", "--sets", "false-alarms", str(path),
                                    "--output-md", str(doc)])
    assert result.exit_code == 0, result.output
    assert "False-alarm audit" in result.stdout and "DEMETR: paired detection" not in result.stdout
    text = doc.read_text(encoding="utf-8")
    assert "<!-- mtqa-eval:rules:begin -->" in text and "<!-- mtqa-eval:rules:false-alarms:begin -->" in text
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".EVALUATION")] == []  # no temporary left


def test_unknown_set_is_a_usage_error_naming_the_known_ones(write_jsonl):
    path = _demetr_set(write_jsonl)
    result = RUNNER.invoke(_app(), ["eval", "--rules-only", "--sets", "nope", str(path)])
    assert result.exit_code == 2
    assert "unknown eval set nope" in result.stderr and "synthetic" in result.stderr
