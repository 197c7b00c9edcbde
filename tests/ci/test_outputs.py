"""Machine-readable outputs, each checked by a real consumer: SARIF schema, a JUnit parser, GitHub syntax."""

import json
import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mtqa.cli import app
from tests.conftest import ROOT, SEED

runner = CliRunner()
SCHEMA = ROOT / "tests" / ".cache" / "sarif-2.1.0.json"


def _run(fmt: str) -> str:
    result = runner.invoke(app, ["check", str(SEED), "-f", fmt])
    assert result.exit_code == 1
    return result.stdout


def test_sarif_validates_against_the_2_1_0_schema():
    if not SCHEMA.is_file():
        if os.environ.get("MTQA_REQUIRE_SARIF_SCHEMA"):
            pytest.fail(f"{SCHEMA} is missing: `make test` fetches it with npm")
        pytest.skip("SARIF schema not fetched; `make test` fetches it")
    import jsonschema

    log = json.loads(_run("sarif"))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(log)


def test_sarif_has_what_github_code_scanning_requires():
    log = json.loads(_run("sarif"))
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert run["tool"]["driver"]["name"] == "mtqa" and "## Why is this bad?" in rules["MT301"]["help"]["markdown"]
    text = SEED.read_text(encoding="utf-8").splitlines()
    for result in run["results"]:
        assert result["ruleId"] in rules and result["message"]["text"]
        assert result["partialFingerprints"]
        region = result["locations"][0]["physicalLocation"]["region"]
        line = text[region["startLine"] - 1]
        assert line[region["startColumn"] - 1: region["endColumn"] - 1] == region["snippet"]["text"]
    stray = next(r for r in run["results"] if r["ruleId"] == "MT301")
    assert stray["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == "their"


def test_junit_parses_with_a_junit_parser(tmp_path):
    from junitparser import JUnitXml

    path = tmp_path / "junit.xml"
    path.write_text(_run("junit"), encoding="utf-8")
    xml = JUnitXml.fromfile(str(path))
    suites = list(xml) if hasattr(xml, "__iter__") else [xml]
    cases = [case for suite in suites for case in suite]
    assert len(cases) == 1 and cases[0].name.endswith("000_bcd470c7927b5382.txt")
    failures = [r for r in cases[0].result]
    types = [f.type for f in failures]
    assert {"MT102", "MT202", "MT201", "MT104", "MT401", "MT301"} <= set(types) and len(types) == len(set(types))


def test_github_annotations_follow_the_workflow_command_syntax():
    lines = _run("github").splitlines()
    pattern = re.compile(r"^::(notice|warning|error) file=[^,]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,"
                         r"title=MT\d{3} [a-z-]+::.+$")
    assert lines and all(pattern.match(line) for line in lines)
    assert any(line.startswith("::warning") and "line=31,col=43" in line for line in lines)


def test_concise_is_one_line_per_finding():
    lines = _run("concise").splitlines()
    assert any(line.endswith("“Their” is capitalised in the middle of a sentence") for line in lines)
    assert any(":31:43: MT301 [major] " in line for line in lines)
    assert all(re.match(r"^\S+:\d+:\d+: MT\d{3} \[(minor|major|critical)\] ", line) for line in lines)


def test_mqm_tsv_marks_spans_and_lists_clean_segments():
    rows = [line.split("\t") for line in _run("mqm-tsv").splitlines()]
    header, body = rows[0], rows[1:]
    assert header == ["system", "doc", "docSegId", "globalSegId", "rater", "source", "target", "category", "severity"]
    assert all(len(row) == 9 for row in body)
    assert any("<v>Their</v>" in row[6] and row[8] == "Major" for row in body)
    assert sum(row[7] == "No-error" for row in body) == 17 - 4  # findings in paragraphs 3, 5, 6, 16


def test_integration_files_exist_and_name_the_command():
    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "entry: mtqa check" in hooks
    action = (ROOT / "action.yml").read_text(encoding="utf-8")
    assert "mtqa check" in action and "sarif" in action
    assert "mtqa check" in Path(ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
