"""The same input through every command: check, fix, report and eval see the same findings.

Suppression (`mtqa_ignore`), severity overrides, baselines, rule selection and configuration files are
applied once, in `Pipeline`, so each command must agree with `check` on what they leave.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mtqa.cli import app
from mtqa.eval.runner import Judge
from mtqa.model import Segment, Severity
from mtqa.pipeline import Pipeline
from mtqa.rules import all_rules, select_rules

DOUBLED = "He went to to the market."
FIXED = "He went to the market."
STRAY = "Talks dampened expectations Their plans for the port."


def mtqa(*args: str):
    return CliRunner().invoke(app, [*args, "--lm", "none"])


def write_records(tmp_path: Path, records: list[dict]) -> Path:
    path = tmp_path / "feed.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def checked(path: Path, *options: str) -> dict[str, list[tuple[str, str, str]]]:
    """record id -> (rule, flagged text, severity) as `mtqa check` reports them."""
    result = mtqa("check", str(path), "-f", "jsonl", "--exit-zero", *options)
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    return {r["id"]: [(f["rule"], f["text"], f["severity"]) for f in r["findings"]] for r in records}


def reported(path: Path, tmp_path: Path, *options: str) -> dict[str, list[tuple[str, str, str]]]:
    """The same, read back from the data block of `mtqa report`'s HTML: a finding's text is the pieces
    highlighted for it."""
    out = tmp_path / "report.html"
    result = mtqa("report", str(path), "-o", str(out), *options)
    assert result.exit_code == 0, result.stderr
    block = re.search(r'id="mtqa-data">(.*?)</script>', out.read_text(encoding="utf-8"), re.DOTALL).group(1)
    def highlighted(pieces: list, index: int) -> str:
        return "".join(p[0] for p in pieces if isinstance(p, list) and index in p[1])

    return {s["id"]: [(f["rule"], highlighted(s["pieces"], i), f["sev"]) for i, f in enumerate(s["findings"])]
            for s in json.loads(block)["segments"]}


def fixed(path: Path, tmp_path: Path, *options: str) -> dict[str, str]:
    """record id -> the `fixed` text `mtqa fix --unsafe-fixes` writes."""
    out = tmp_path / "fixed.jsonl"
    result = mtqa("fix", str(path), "--unsafe-fixes", "-o", str(out), *options)
    assert result.exit_code == 0, result.stderr
    return {r["id"]: r["fixed"] for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}


def test_a_records_suppression_holds_in_check_report_and_fix(tmp_path):
    path = write_records(tmp_path, [{"id": "quiet", "mt": DOUBLED, "mtqa_ignore": ["MT101"]},
                                    {"id": "named", "mt": DOUBLED, "mtqa_ignore": "duplicate-word"},
                                    {"id": "loud", "mt": DOUBLED}])
    expected = {"quiet": [], "named": [], "loud": [("MT101", "to", "minor")]}
    assert checked(path) == expected
    assert reported(path, tmp_path) == expected
    assert fixed(path, tmp_path) == {"quiet": DOUBLED, "named": DOUBLED, "loud": FIXED}


def test_selection_holds_in_check_report_and_fix(tmp_path):
    path = write_records(tmp_path, [{"id": "1", "mt": DOUBLED}, {"id": "2", "mt": STRAY}])
    assert checked(path, "--ignore", "MT101") == {"1": [], "2": [("MT301", "Their", "major")]}
    assert reported(path, tmp_path, "--ignore", "MT101") == {"1": [], "2": [("MT301", "Their", "major")]}
    assert fixed(path, tmp_path, "--ignore", "MT101") == {"1": DOUBLED, "2": STRAY.replace("Their", "their")}
    assert checked(path, "--select", "MT1") == {"1": [("MT101", "to", "minor")], "2": []}
    assert fixed(path, tmp_path, "--select", "MT1") == {"1": FIXED, "2": STRAY}


def test_severity_overrides_hold_in_check_and_report(tmp_path):
    path = write_records(tmp_path, [{"id": "1", "mt": DOUBLED}])
    assert checked(path, "--severity", "MT101=critical") == {"1": [("MT101", "to", "critical")]}
    assert reported(path, tmp_path, "--severity", "MT101=critical") == {"1": [("MT101", "to", "critical")]}
    assert mtqa("check", str(path), "--severity", "MT101=critical", "--fail-on", "critical").exit_code == 1


def test_a_baseline_holds_in_check_report_and_fix(tmp_path):
    path = write_records(tmp_path, [{"id": "1", "mt": DOUBLED}, {"id": "2", "mt": STRAY}])
    baseline = tmp_path / "baseline.json"
    assert mtqa("check", str(path), "--write-baseline", str(baseline), "--exit-zero").exit_code == 0
    path.write_text(path.read_text(encoding="utf-8") + json.dumps({"id": "3", "mt": DOUBLED}) + "\n",
                    encoding="utf-8")
    expected = {"1": [], "2": [], "3": [("MT101", "to", "minor")]}
    assert checked(path, "--baseline", str(baseline)) == expected
    assert reported(path, tmp_path, "--baseline", str(baseline)) == expected
    assert fixed(path, tmp_path, "--baseline", str(baseline)) == {"1": DOUBLED, "2": STRAY, "3": FIXED}


def test_a_configuration_file_holds_in_check_report_and_fix(tmp_path):
    path = write_records(tmp_path, [{"id": "1", "mt": DOUBLED}, {"id": "2", "mt": STRAY}])
    (tmp_path / "mtqa.toml").write_text('ignore = ["MT3"]\nseverity = { MT101 = "major" }\n', encoding="utf-8")
    expected = {"1": [("MT101", "to", "major")], "2": []}
    assert checked(path) == expected
    assert reported(path, tmp_path) == expected
    assert fixed(path, tmp_path) == {"1": FIXED, "2": STRAY}


@pytest.mark.parametrize("texts", [
    [DOUBLED, STRAY, "The talks ended without agreement.", "Prices rose sharply sharply sharply sharply in May."],
])
def test_eval_judges_a_text_as_check_reports_it(tmp_path, texts):
    """`mtqa eval` figures come from the findings and scores `mtqa check` prints for the same records."""
    path = write_records(tmp_path, [{"id": str(n), "mt": text} for n, text in enumerate(texts)])
    result = mtqa("check", str(path), "-f", "jsonl", "--exit-zero", "--severity", "MT101=major")
    records = {r["text"]: r for r in map(json.loads, result.stdout.splitlines())}
    pipeline = Pipeline(all_rules(), severity_overrides={"MT101": Severity.MAJOR})
    judged = Judge(pipeline).judge([(Segment(str(n), text), False) for n, text in enumerate(texts)])
    for judgement in judged:
        record = records[judgement.text]
        assert judgement.score == record["score"]
        assert [(f.rule, f.start, f.end, f.severity.value) for f in judgement.findings] == \
            [(f["rule"], f["start"], f["end"], f["severity"]) for f in record["findings"]]


def test_eval_selection_is_checks_selection(tmp_path):
    path = write_records(tmp_path, [{"id": "1", "mt": DOUBLED}, {"id": "2", "mt": STRAY}])
    selected = select_rules(["MT3"])
    judged = Judge(Pipeline(selected)).judge([(Segment("1", DOUBLED), False), (Segment("2", STRAY), False)])
    from_check = checked(path, "--select", "MT3")
    assert [[(f.rule, f.text, f.severity.value) for f in j.findings] for j in judged] == [from_check["1"],
                                                                                       from_check["2"]]


def test_fix_passes_after_the_first_check_only_the_documents_that_changed():
    from mtqa.model import Document, Segment
    from mtqa.pipeline import Pipeline
    from mtqa.rules import lookup

    seen: list[str] = []
    assessed: list[bool] = []

    class Counting(Pipeline):
        def check(self, segments, running_text=True, assess=True):
            segments = list(segments)
            seen.extend(s.id for s in segments)
            assessed.append(assess)
            return super().check(segments, running_text, assess)

    segments = [Segment("a", "The talks ended ended."), Segment("b", "The talks ended."),
                Segment("c", "It rained rained rained rained.", meta={"doc_id": "d"}),
                Segment("d", "It was cold.", meta={"doc_id": "d"}),
                Segment("e", "Clean again.")]
    pipeline = Counting([lookup("MT101"), lookup("MT103")], fail_on="never")
    fixed = pipeline.fix(Document("x", segments, running_text=False))
    assert fixed == ["The talks ended.", "The talks ended.", "It rained.", "It was cold.", "Clean again."]
    assert seen[:5] == ["a", "b", "c", "d", "e"]
    assert sorted(seen[5:]) == ["a", "c", "d"]  # the changed records, with the whole of c's document
    assert assessed and not any(assessed)  # fixing reads no fluency or quality, so no source's support either
    first = [list(c.findings) for c in pipeline.check(segments, running_text=False)]
    seen.clear()
    assert pipeline.fix(Document("x", segments, running_text=False), first_findings=first) == fixed
    assert sorted(seen) == ["a", "c", "d"]  # the first pass taken from the findings given
