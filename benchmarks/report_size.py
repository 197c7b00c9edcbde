"""HTML report size and load time: bytes per segment at 100, 1,000 and 10,000 segments.

Segments are DEMETR dev records (perturbed MT, so there are findings to show), shuffled, cycled with fresh ids,
checked by every rule, once as text alone and once with source and reference beside it. With Chromium
present (`--browser`), also how long the page takes to open and show its first page.

    .venv/bin/python -m benchmarks.report_size --browser
"""

from __future__ import annotations

import argparse
import io
import json
import random
import time
from pathlib import Path
from tempfile import TemporaryDirectory

from benchmarks.common import DEMETR
from mtqa import __version__
from mtqa.io.writers import RunInfo
from mtqa.model import Document, Segment
from mtqa.pipeline import Pipeline
from mtqa.report.browser import launch, unavailable
from mtqa.report.html import HtmlWriter
from mtqa.rules.registry import all_rules
from mtqa.scoring.summary import Summary


def feed(count: int, bilingual: bool) -> Document:
    records = [json.loads(line) for line in DEMETR.open(encoding="utf-8")]
    random.Random(0).shuffle(records)  # the file is grouped by perturbation; every size gets the same mix
    segments = []
    for i in range(count):
        record = records[i % len(records)]
        segments.append(
            Segment(
                id=str(i + 1),
                text=record["mt"],
                src=record["src"] if bilingual else None,
                ref=record["ref"] if bilingual else None,
            )
        )
    return Document("demetr.jsonl", segments, running_text=False)


def render(document: Document) -> tuple[str, int, float]:
    """The report's text, its number of findings, and seconds spent writing (checking excluded)."""
    pipeline = Pipeline(all_rules())
    summary = Summary()
    results = list(summary.tally(pipeline.results(document)))
    summary.documents = 1
    totals = summary.to_dict()
    out = io.StringIO()
    started = time.perf_counter()
    writer = HtmlWriter(out, RunInfo(__version__, pipeline.signature, pipeline.rules))
    writer.document(document.path, results)
    writer.finish(totals)
    return out.getvalue(), summary.findings, time.perf_counter() - started


def open_seconds(html: str) -> float:
    """Seconds from navigation until the first page of segments is on screen, in headless Chromium."""
    from playwright.sync_api import sync_playwright

    with TemporaryDirectory() as folder, sync_playwright() as playwright:
        path = Path(folder) / "report.html"
        path.write_text(html, encoding="utf-8")
        browser = launch(playwright)
        try:
            page = browser.new_page()
            started = time.perf_counter()
            page.goto(path.as_uri())
            page.wait_for_selector(".segment")
            return time.perf_counter() - started
        finally:
            browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1_000, 10_000])
    parser.add_argument("--browser", action="store_true", help="also time opening each report in Chromium")
    args = parser.parse_args()
    if args.browser and unavailable():
        parser.error(f"--browser: {unavailable()}")
    empty = len(render(feed(0, False))[0].encode("utf-8"))
    print(f"A report of no segments (page, style, script): {empty:,} bytes.\n")
    print(
        "| input | segments | findings | bytes | bytes/segment | (bytes - empty)/segment | write s | open s |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for bilingual in (False, True):
        for count in args.sizes:
            html, findings, seconds = render(feed(count, bilingual))
            size = len(html.encode("utf-8"))
            opened = f"{open_seconds(html):.2f}" if args.browser else "–"
            print(
                f"| {'mt+src+ref' if bilingual else 'mt'} | {count:,} | {findings:,} | {size:,} | "
                f"{size / count:.0f} | {(size - empty) / count:.0f} | {seconds:.2f} | {opened} |"
            )


if __name__ == "__main__":
    main()
