"""Headless Chromium for the report's screenshot and browser tests: the system's browser, never a download.

Playwright's own `playwright install` fetches a browser from the network; mtqa drives Debian's `chromium`
(`apt-get install chromium`) instead. `MTQA_CHROMIUM` points at another binary.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

CHROMIUM = Path(os.environ.get("MTQA_CHROMIUM", "/usr/bin/chromium"))
# --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start. The rest keep the browser
# from reaching out on its own (updates, sync, field trials), so a test can demand zero requests.
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]


def unavailable() -> str | None:
    """Why no browser can be driven here, or None when one can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (pip install -e '.[test]')"
    if not CHROMIUM.exists():
        return f"no Chromium at {CHROMIUM} (apt-get install chromium, or set MTQA_CHROMIUM)"
    return None


def launch(playwright: Any) -> Any:
    """A headless Chromium `Browser` from a started `sync_playwright()`."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
