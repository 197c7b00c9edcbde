"""`python -m mtqa.report.screenshot REPORT.html IMAGE.png`: a picture of a report, for the README.

Without Chromium or Playwright it prints one line and exits 0, so `make demo` works on any machine.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mtqa.report.browser import launch, unavailable

VIEWPORT = {"width": 1280, "height": 1500}


def take_screenshot(report: Path, image: Path) -> None:
    """The top of the report with the first highlight's details open."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            page = browser.new_page(viewport=VIEWPORT)
            page.goto(report.resolve().as_uri())
            highlights = page.locator("mark.hl")
            if highlights.count():
                highlights.first.click()
            page.screenshot(path=str(image))
        finally:
            browser.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mtqa.report.screenshot", description=__doc__)
    parser.add_argument("report", type=Path)
    parser.add_argument("image", type=Path)
    args = parser.parse_args(argv)
    reason = unavailable()
    if reason:
        print(f"mtqa: no screenshot of {args.report}: {reason}")
        return 0
    take_screenshot(args.report, args.image)
    print(f"mtqa: wrote {args.image}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
