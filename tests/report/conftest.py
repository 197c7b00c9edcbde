"""Reports to look at (the seed, a hostile feed, 10,000 segments) and a Chromium page that allows no network.

The browser tests need Debian's `chromium` and Playwright for Python. Where either is missing they fail
with the reason: CI installs both. `MTQA_NO_BROWSER=1` skips them on purpose.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from mtqa.cli import app
from mtqa.io.readers import read_path
from mtqa.io.writers import RunInfo
from mtqa.pipeline import Pipeline
from mtqa.report.browser import launch, unavailable
from mtqa.report.html import HtmlWriter
from mtqa.rules.registry import all_rules
from mtqa.scoring.summary import Summary
from tests.conftest import SEED

# Every field a feed controls carries markup that would run if it were ever parsed as HTML.
HOSTILE_FEED = [
    {"id": "<i>1</i>", "text": "He said the the <script>window.__pwned = 1</script> plan was ready.",
     "src": '<b onmouseover="window.__pwned=5">Quelle</b>',
     "ref": '<svg onload="window.__pwned=6"></svg>He said the plan was ready.'},
    {"id": "2", "text": 'Click <img src=x onerror="window.__pwned=2"> here  now.', "src": "Cliquez ici."},
    {"id": "3", "text": 'The <a href="javascript:window.__pwned=3">link</a> was shared ,, today.',
     "ref": "The link was shared today."},
    {"id": "4", "text": "</script><script>window.__pwned=4</script><!-- x --> He dampened expectations Their "
                        "talks in Moscow.\u2028Next\u2029line."},
    # Astral characters before the findings: code-point offsets differ from UTF-16 ones from here on.
    {"id": "5", "text": "The 😀 emoji  and 𝒳 letter were were shown to the the press.",
     "tokens": [{"start": 0, "end": 3, "surprisal": 1.2}, {"start": 4, "end": 5, "surprisal": 9.5},
                {"start": 6, "end": 11, "surprisal": 4.4}, {"start": 27, "end": 31, "surprisal": 0.7},
                {"start": 32, "end": 36, "surprisal": 7.1}]},
]
HOSTILE_NAME = 'feed<img src=x onerror="window.__pwned=7">.jsonl'

runner = CliRunner()


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def mtqa(*args: str) -> Any:
    result = runner.invoke(app, list(args))
    assert result.exit_code in (0, 1), result.output
    return result


def contract_records(path: Path) -> list[dict]:
    """What `mtqa check --format jsonl` says about the input: the numbers a report must show."""
    lines = mtqa("check", str(path), "--format", "jsonl").stdout.split("\n")  # not splitlines(): U+2028
    return [json.loads(line) for line in lines if line]


@pytest.fixture(scope="session")
def seed_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "seed.html"
    assert mtqa("report", str(SEED), "-o", str(out)).exit_code == 0
    return out


@pytest.fixture(scope="session")
def hostile_feed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_jsonl(tmp_path_factory.mktemp("feed") / HOSTILE_NAME, HOSTILE_FEED)


@pytest.fixture(scope="session")
def hostile_report(hostile_feed: Path) -> Path:
    out = hostile_feed.with_name("hostile.html")
    mtqa("report", str(hostile_feed), "-o", str(out))
    return out


def many_results(count: int) -> list:
    """`count` SegmentResults made by cycling the seed's checked paragraphs under fresh ids."""
    checked = list(Pipeline(all_rules()).results(read_path(str(SEED))))
    results = []
    for i in range(count):
        result = checked[i % len(checked)]
        results.append(replace(result, segment=replace(result.segment, id=f"r{i}")))
    return results


def write_report(path: Path, results: list) -> Path:
    summary = Summary()
    rules = all_rules()
    with path.open("w", encoding="utf-8") as out:
        writer = HtmlWriter(out, RunInfo("test", "test-signature", rules))
        writer.document("many.jsonl", summary.tally(results))
        summary.documents = 1
        writer.finish(summary.to_dict())
    return path


@pytest.fixture(scope="session")
def large_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_report(tmp_path_factory.mktemp("large") / "large.html", many_results(10_000))


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if os.environ.get("MTQA_NO_BROWSER") == "1":
        pytest.skip("MTQA_NO_BROWSER=1: browser tests skipped on purpose")
    reason = unavailable()
    if reason:
        pytest.fail(f"the HTML report's browser tests need Chromium and Playwright: {reason}. "
                    "Set MTQA_NO_BROWSER=1 to skip them explicitly.", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@dataclass
class ReportPage:
    """An open report, with every request, console error and page error it caused."""

    page: Any
    url: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert self.errors == [], self.errors
        assert self.requests == [self.url], self.requests


@pytest.fixture
def open_report(browser: Any) -> Iterator[Any]:
    opened: list[ReportPage] = []

    def open_(path: Path, viewport: dict | None = None) -> ReportPage:
        context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900})
        page = context.new_page()
        report = ReportPage(page, path.resolve().as_uri())

        def route(route: Any) -> None:
            # Anything but the report itself is a network request the page must not make.
            if route.request.url == report.url:
                route.continue_()
            else:
                route.abort()

        page.route("**/*", route)
        page.on("request", lambda request: report.requests.append(request.url))
        page.on("console", lambda message: message.type == "error" and report.errors.append(message.text))
        page.on("pageerror", lambda error: report.errors.append(str(error)))
        page.goto(report.url)
        page.wait_for_selector("#status:not(:empty)")
        opened.append(report)
        return report

    yield open_
    for report in opened:
        report.page.context.close()
