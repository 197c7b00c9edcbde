"""Configuration discovery, CLI overrides, gating options and baselines."""

import json

from typer.testing import CliRunner

from mtqa.cli import app

runner = CliRunner()
ARTICLE = "He dampened expectations Their talks.\n\nHe left the the room.\n"  # one major (MT301), one minor (MT101)


def _article(tmp_path, text: str = ARTICLE):
    path = tmp_path / "docs" / "a.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _rules(result) -> set[str]:
    return {f["rule"] for line in result.stdout.splitlines() for f in json.loads(line)["findings"]}


def test_mtqa_toml_is_found_walking_up_and_flags_override_it(tmp_path):
    path = _article(tmp_path)
    (tmp_path / "mtqa.toml").write_text('ignore = ["MT3"]\nfail-on = "minor"\n', encoding="utf-8")
    result = runner.invoke(app, ["check", str(path), "-f", "jsonl"])
    assert _rules(result) == {"MT101"} and result.exit_code == 1
    overridden = runner.invoke(app, ["check", str(path), "-f", "jsonl", "--fail-on", "critical"])
    assert overridden.exit_code == 0


def test_pyproject_tool_table_and_show_settings(tmp_path):
    path = _article(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.mtqa]\nselect = ["MT101"]\n'
                                             '[tool.mtqa.severity]\nMT101 = "critical"\n', encoding="utf-8")
    shown = json.loads(runner.invoke(app, ["check", str(path), "--show-settings"]).stdout)
    assert shown["rules"] == ["MT101"] and shown["config_file"].endswith("pyproject.toml")
    result = runner.invoke(app, ["check", str(path), "-f", "jsonl"])
    (finding,) = [f for line in result.stdout.splitlines() for f in json.loads(line)["findings"]]
    assert finding["severity"] == "critical" and result.exit_code == 1


def test_bad_config_is_a_usage_error(tmp_path):
    path = _article(tmp_path)
    (tmp_path / "mtqa.toml").write_text('colour = "red"\n', encoding="utf-8")
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 2 and "unknown setting" in result.stderr


def test_warn_only_rules_never_fail(tmp_path):
    path = _article(tmp_path)
    assert runner.invoke(app, ["check", str(path)]).exit_code == 1
    assert runner.invoke(app, ["check", str(path), "--warn", "MT301"]).exit_code == 0


def test_min_scores_and_exit_zero(tmp_path):
    path = _article(tmp_path, "He left the the room.\n")  # one minor finding: score 90
    assert runner.invoke(app, ["check", str(path)]).exit_code == 0
    assert runner.invoke(app, ["check", str(path), "--min-score", "95"]).exit_code == 1
    assert runner.invoke(app, ["check", str(path), "--min-score", "80"]).exit_code == 0
    assert runner.invoke(app, ["check", str(path), "--min-document-score", "99"]).exit_code == 1
    assert runner.invoke(app, ["check", str(path), "--min-score", "95", "--exit-zero"]).exit_code == 0


def test_baseline_reports_only_new_findings(tmp_path):
    path = _article(tmp_path)
    baseline = tmp_path / "baseline.json"
    first = runner.invoke(app, ["check", str(path), "--write-baseline", str(baseline)])
    assert first.exit_code == 1 and baseline.is_file()
    # Editing elsewhere in the paragraph moves offsets but keeps the fingerprint.
    path.write_text("Today he dampened expectations Their talks.\n\nHe left the the room.\n\nIt was a a mess.\n",
                    encoding="utf-8")
    result = runner.invoke(app, ["check", str(path), "-f", "jsonl", "--baseline", str(baseline)])
    found = [(json.loads(line)["id"], f["text"]) for line in result.stdout.splitlines()
             for f in json.loads(line)["findings"]]
    assert found == [("3", "a")] and result.exit_code == 0


def test_unreadable_baseline_is_exit_2(tmp_path):
    path = _article(tmp_path)
    bad = tmp_path / "b.json"
    bad.write_text("[]", encoding="utf-8")
    result = runner.invoke(app, ["check", str(path), "--baseline", str(bad)])
    assert result.exit_code == 2 and "baseline" in result.stderr


def test_suppression_field_in_records(tmp_path):
    feed = tmp_path / "f.jsonl"
    feed.write_text(json.dumps({"mt": "He left the the room.", "mtqa_ignore": ["MT101"]}) + "\n"
                    + json.dumps({"mt": "He left the the room.", "mtqa_ignore": []}) + "\n"
                    + json.dumps({"mt": "He left the the room."}) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(feed), "-f", "jsonl"])
    assert [len(json.loads(line)["findings"]) for line in result.stdout.splitlines()] == [0, 0, 1]


def test_statistics_counts_per_rule(tmp_path):
    path = _article(tmp_path, "He left the the room.\n\nShe took the the bus.\n")
    result = runner.invoke(app, ["check", str(path), "--statistics"])
    assert result.stdout.split() == ["2", "MT101", "duplicate-word", "minor"]


def test_jobs_give_the_same_output(tmp_path):
    feed = tmp_path / "f.jsonl"
    lines = [json.dumps({"id": i, "mt": "He left the the room." if i % 3 else "All is well.", "doc_id": i // 4})
             for i in range(1200)]
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    one = runner.invoke(app, ["check", str(feed), "-f", "jsonl"]).stdout
    two = runner.invoke(app, ["check", str(feed), "-f", "jsonl", "--jobs", "2"]).stdout
    assert one == two and len(one.splitlines()) == 1200
