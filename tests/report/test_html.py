"""The report file without a browser: escaping, the CSP hashes, no outside references, linear size, the CLI."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from mtqa.io.readers import read_path
from mtqa.pipeline import Pipeline
from mtqa.report.html import TEMPLATES, embed_json
from mtqa.report.view import fix_excerpt, token_surprisals
from mtqa.rules.registry import all_rules
from tests.conftest import SEED
from tests.report.conftest import many_results, mtqa, write_report

HOSTILE = "</script><script>alert(1)</script><!-- <SCRIPT>\u2028\u2029 & >"


def inline(html: str, tag: str) -> list[str]:
    return re.findall(rf"<{tag}>(.*?)</{tag}>", html, flags=re.DOTALL)


def test_embedded_json_cannot_close_or_comment_out_its_script_element():
    text = embed_json({"text": HOSTILE})
    assert not re.search(r"</script|<!--|<script|[<>&\u2028\u2029]", text, flags=re.IGNORECASE)
    assert json.loads(text) == {"text": HOSTILE}


def test_hostile_input_appears_only_escaped(hostile_report: Path):
    html = hostile_report.read_text(encoding="utf-8")
    for raw in ("<script>window", "<img src=x", "<a href=\"javascript", "<svg onload", "<b onmouseover", "<i>1</i>"):
        assert raw not in html
    assert html.count("<script") == 2 and html.count("</script>") == 2


def test_csp_pins_the_one_inline_script_and_style_by_hash(seed_report: Path):
    html = seed_report.read_text(encoding="utf-8")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    policy = policy.replace("&#39;", "'")
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'none'" and "unsafe" not in policy
    [script] = inline(html, "script")
    [css] = inline(html, "style")
    for source, directive in ((script, "script-src"), (css, "style-src")):
        digest = base64.b64encode(hashlib.sha256(source.encode()).digest()).decode()
        assert directives[directive] == f"'sha256-{digest}'"


def test_nothing_in_the_page_points_outside_it(seed_report: Path):
    html = seed_report.read_text(encoding="utf-8")
    assert not re.search(r"https?:|//[a-z]|<link|<img|<iframe|@import|url\(", html, flags=re.IGNORECASE)
    assert all(href.startswith("#s-") for href in re.findall(r'href="([^"]*)"', html))
    assert not re.search(r"\bsrc=", html)


def test_assets_cannot_end_their_own_elements():
    for name in ("report.css", "report.js"):
        source = (TEMPLATES / name).read_text(encoding="utf-8")
        assert not re.search(r"</(script|style)|<!--", source, flags=re.IGNORECASE), name
        assert "innerHTML" not in source and "eval(" not in source


def test_corrected_sentence_is_the_fixed_text_cut_to_the_sentences_it_touches():
    results = list(Pipeline(all_rules()).results(read_path(str(SEED))))
    fixes = [(r.segment.text, fix) for r in results for f in r.findings for fix in f.fixes]
    assert len(fixes) >= 4
    for text, fix in fixes:
        parts = fix_excerpt(text, fix)
        corrected = "".join(part for kind, part in parts if kind != "del")
        original = "".join(part for kind, part in parts if kind != "ins")
        assert corrected in fix.apply(text) and original in text
    text = "However, he himself dampened expectations Their talks in Moscow."
    fix = next(fix for t, fix in fixes if t == text)
    assert fix_excerpt(text, fix) == [["", "However, he himself dampened expectations "], ["del", "Their"],
                                      ["ins", "their"], ["", " talks in Moscow."]]


def test_token_data_that_does_not_fit_the_text_is_dropped_whole():
    good = [{"start": 0, "end": 2, "surprisal": 1.0}]
    assert len(token_surprisals(good, 5)) == 1
    for bad in ([{"start": 0, "end": 9, "surprisal": 1.0}], [{"start": 0, "end": 2, "surprisal": "high"}],
                [{"start": 0, "end": 2, "surprisal": float("nan")}], [*good, "x"], {"start": 0}, None):
        assert token_surprisals(bad, 5) == []


def test_report_command_exits_zero_and_check_format_html_keeps_the_gate(tmp_path: Path):
    out = tmp_path / "r.html"
    assert mtqa("report", str(SEED), "-o", str(out), "--select", "MT301").exit_code == 0
    data = json.loads(re.search(r'id="mtqa-data">(.*?)</script>', out.read_text(encoding="utf-8"), re.DOTALL).group(1))
    assert {f["rule"] for s in data["segments"] for f in s["findings"]} == {"MT301"}
    assert list(data["rules"]) == ["MT301"]
    assert mtqa("check", str(SEED), "--format", "html", "-o", str(out)).exit_code == 1
    assert out.read_text(encoding="utf-8").startswith("<!doctype html>")


def test_size_grows_linearly(tmp_path: Path):
    results = many_results(4000)
    sizes = {n: write_report(tmp_path / f"{n}.html", results[:n]).stat().st_size for n in (1000, 2000, 4000)}
    first, second = sizes[2000] - sizes[1000], sizes[4000] - sizes[2000]
    assert abs(second - 2 * first) <= 0.02 * second


def test_screenshot_step_notes_a_missing_browser_and_succeeds(tmp_path: Path, seed_report: Path):
    env = {**os.environ, "MTQA_CHROMIUM": str(tmp_path / "no-chromium")}
    done = subprocess.run([sys.executable, "-m", "mtqa.report.screenshot", str(seed_report), str(tmp_path / "a.png")],
                          env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0 and done.stdout.count("\n") == 1 and "no Chromium" in done.stdout
    assert not (tmp_path / "a.png").exists()


def test_no_segments_and_several_documents_still_make_a_page(tmp_path: Path):
    assert "<!doctype html>" in write_report(tmp_path / "none.html", []).read_text(encoding="utf-8")
    other = tmp_path / "other.txt"
    other.write_text("The the cat sat on the mat.\n", encoding="utf-8")
    out = tmp_path / "r.html"
    assert mtqa("report", str(other), str(SEED), "-o", str(out)).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert "2 documents" in html and "other.txt" in html
