"""The command line: formats, exit codes, selection, and one-line errors for bad input."""

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from mtqa.cli import app
from tests.conftest import SEED

runner = CliRunner()


def run(*args: str, stdin: str | None = None):
    return runner.invoke(app, list(args), input=stdin)


def test_text_report_shows_location_span_and_fix():
    result = run("check", str(SEED))
    assert result.exit_code == 1
    assert ":31:43: MT301 [major]" in result.stdout
    assert "^^^^^" in result.stdout and "fix (unsafe): Write “their”" in result.stdout
    assert "\x1b[" not in result.stdout  # not a terminal: no colour


def test_jsonl_contract_one_record_per_segment_in_order():
    result = run("check", str(SEED), "--format", "jsonl")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    paragraphs = [p for p in SEED.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    assert [r["id"] for r in records] == [str(i) for i in range(1, len(paragraphs) + 1)]
    for record in records:
        assert set(record) >= {"id", "text", "score", "findings"} and 0 <= record["score"] <= 100
        for f in record["findings"]:
            assert set(f) == {"rule", "name", "category", "severity", "start", "end", "text", "message", "fixes"}
            assert record["text"][f["start"]:f["end"]] == f["text"]
            for fix in f["fixes"]:
                assert fix["applicability"] in ("safe", "unsafe") and fix["edits"]
    clean = next(r for r in records if r["id"] == "2")
    assert clean["score"] == 100 and clean["findings"] == []
    assert next(r for r in records if r["id"] == "16")["score"] < 100


def test_json_contract_with_signature_and_summary(tmp_path):
    out = tmp_path / "out.json"
    result = run("check", str(SEED), "--format", "json", "-o", str(out))
    assert result.exit_code == 1
    data = json.loads(out.read_text(encoding="utf-8"))
    assert set(data) == {"version", "signature", "documents", "summary"}
    assert data["signature"].startswith("mtqa:") and "|rules:" in data["signature"]
    assert data["summary"]["segments"] == len(data["documents"][0]["segments"])
    assert data["summary"]["by_severity"]["major"] >= 4


def test_jsonl_input_passes_fields_through(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "a1", "mt": "The the talks ended.", "src": "Die Gespräche endeten.",
                                "lp": "de-en"}) + "\n" + json.dumps({"text": "All is well."}) + "\n",
                    encoding="utf-8")
    result = run("check", str(feed), "--format", "jsonl")
    first, second = [json.loads(line) for line in result.stdout.splitlines()]
    assert first["id"] == "a1" and first["lp"] == "de-en" and first["src"] == "Die Gespräche endeten."
    assert [f["rule"] for f in first["findings"]] == ["MT101"]
    assert second["id"] == "2" and second["findings"] == []


def test_stdin_text():
    result = run("check", "-", "--format", "jsonl", stdin="He left the the room.\n\nAll good.")
    assert [len(json.loads(line)["findings"]) for line in result.stdout.splitlines()] == [1, 0]


@pytest.mark.parametrize("fail_on,expected", [("minor", 1), ("major", 0), ("critical", 0), ("never", 0)])
def test_fail_on_thresholds(tmp_path, fail_on, expected):
    text = tmp_path / "a.txt"
    text.write_text("He left the the room.", encoding="utf-8")  # one minor finding
    assert run("check", str(text), "--fail-on", fail_on).exit_code == expected


def test_select_and_ignore():
    only = run("check", str(SEED), "--format", "jsonl", "--select", "MT3")
    rules = {f["rule"] for line in only.stdout.splitlines() for f in json.loads(line)["findings"]}
    assert rules == {"MT301"}
    ignored = run("check", str(SEED), "--format", "jsonl", "--ignore", "MT3,MT104")
    rules = {f["rule"] for line in ignored.stdout.splitlines() for f in json.loads(line)["findings"]}
    assert "MT301" not in rules and "MT104" not in rules and "MT401" in rules
    assert run("check", str(SEED), "--select", "MT999").exit_code == 2


def test_rules_and_explain():
    listing = run("rules")
    assert "MT101  duplicate-word" in listing.stdout
    explained = run("explain", "MT202")
    assert explained.exit_code == 0 and "## Why is this bad?" in explained.stdout
    assert run("explain", "variant-duplicate").exit_code == 0
    assert run("explain", "MT999").exit_code == 2
    assert "fix: never; reads the source" in run("explain", "MT701").stdout
    assert "fix: always; runs only with a language model" in run("explain", "MT801").stdout
    rows = {row["code"]: row for row in json.loads(run("rules", "--format", "json").stdout)}
    assert (rows["MT101"]["fix"], rows["MT104"]["fix"], rows["MT602"]["fix"]) == ("always", "sometimes", "never")


def _bad(tmp_path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


@pytest.mark.parametrize("name,data,message", [
    ("empty.txt", b"  \n", "the file is empty"),
    ("latin1.txt", b"Good line.\ncaf\xe9\n", ":2: not valid UTF-8"),
    ("bin.txt", b"abc\x00def", "binary data"),
    ("bad.jsonl", b'{"mt": "ok"}\n{"mt": broken}\n', ":2: malformed JSON"),
    ("notext.jsonl", b'{"mt": "ok"}\n\n{"id": 3}\n', ":3: record has no"),
    ("array.jsonl", b'["x"]\n', ":1: a record must be a JSON object"),
    ("utf16.txt", "hello".encode("utf-16"), "UTF-16"),
    ("x.docx", b"PK", "unsupported file type"),
])
def test_bad_input_is_one_line_and_exit_2(tmp_path, name, data, message):
    path = _bad(tmp_path, name, data)
    proc = subprocess.run([sys.executable, "-m", "mtqa", "check", path], check=False, capture_output=True,
                          text=True)
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and message in proc.stderr and "Traceback" not in proc.stderr


def test_missing_file_and_directory(tmp_path):
    for target, message in ((tmp_path / "nope.txt", "no such file"), (tmp_path, "directory")):
        proc = subprocess.run([sys.executable, "-m", "mtqa", "check", str(target)], check=False,
                              capture_output=True, text=True)
        assert proc.returncode == 2 and message in proc.stderr


def test_results_already_written_are_kept_when_a_later_input_fails(tmp_path):
    good = _bad(tmp_path, "good.jsonl", b'{"mt": "He left the the room."}\n')
    bad = _bad(tmp_path, "bad.jsonl", b"{nope\n")
    out = tmp_path / "out.jsonl"
    result = run("check", good, bad, "--format", "jsonl", "-o", str(out))
    assert result.exit_code == 2
    assert json.loads(out.read_text(encoding="utf-8"))["findings"][0]["rule"] == "MT101"


def test_library_users_get_typed_errors(tmp_path):
    from mtqa.errors import InputError
    from mtqa.io.readers import read_path

    with pytest.raises(InputError) as info:
        read_path(_bad(tmp_path, "bad.jsonl", b'{"mt": 1}\n'))
    assert info.value.line == 1 and info.value.path.endswith("bad.jsonl")


def test_src_and_ref_files_pair_by_line(tmp_path):
    mt, src, ref = tmp_path / "mt.txt", tmp_path / "src.txt", tmp_path / "ref.txt"
    mt.write_text("The talks lasted 6 hours.\nHe came on Monday.\n", encoding="utf-8")
    src.write_text("Die Gespräche dauerten 5 Stunden.\nEr kam am Montag.\n", encoding="utf-8")
    ref.write_text("The talks lasted five hours.\nHe arrived on Monday.\n", encoding="utf-8")
    result = run("check", str(mt), "--src", str(src), "--ref", str(ref), "-f", "jsonl")
    first, second = [json.loads(line) for line in result.stdout.splitlines()]
    assert first["src"].startswith("Die Gespräche") and "MT701" in [f["rule"] for f in first["findings"]]
    assert set(second["reference"]) == {"bleu", "chrf", "ter"} and result.exit_code == 1
    text = run("check", str(mt), "--src", str(src), "--ref", str(ref))
    assert "BLEU:" in text.stdout and "MQM:" in text.stdout
    src.write_text("Nur eine Zeile.\n", encoding="utf-8")
    mismatch = run("check", str(mt), "--src", str(src))
    assert mismatch.exit_code == 2
