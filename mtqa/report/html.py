"""The HTML writer: one self-contained file, data embedded as JSON, script and style pinned by CSP hashes.

A static file has no server to mint a fresh nonce per response, so the Content-Security-Policy names the
SHA-256 of the one inline script and the one inline style; nothing else may run, load or connect.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from mtqa.io.writers import RunInfo
from mtqa.model import SegmentResult
from mtqa.report.view import rule_views, segment_view, summary_view

TEMPLATES = Path(__file__).parent / "templates"
PER_PAGE = 50

# In a <script> data block the HTML parser ends the element at "</script" and changes state at "<!--";
# escaping every <, > and & as JSON \u escapes rules both out. U+2028/2029 are escaped for old parsers.
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


class HtmlWriter:
    """Collects every document's segments; `finish` writes the page."""

    def __init__(self, out: TextIO, run: RunInfo):
        self.out = out
        self.run = run
        self.documents: list[str] = []
        self.segments: list[dict[str, Any]] = []

    def document(self, path: str, results: Iterable[SegmentResult]) -> None:
        index = len(self.documents)
        self.documents.append(path)
        self.segments.extend(segment_view(result, index) for result in results)

    def finish(self, summary: dict) -> None:
        self.out.write(render_report(self.run, self.documents, self.segments, summary))


def render_report(run: RunInfo, documents: list[str], segments: list[dict[str, Any]], summary: dict) -> str:
    found = set(summary["by_rule"])
    rules = rule_views(r for r in run.rules if r.code in found)
    data = {"documents": documents, "rules": rules, "segments": segments, "perPage": PER_PAGE}
    css = (TEMPLATES / "report.css").read_text(encoding="utf-8")
    script = (TEMPLATES / "report.js").read_text(encoding="utf-8")
    environment = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
                              keep_trailing_newline=True)
    return environment.get_template("report.html.j2").render(
        run=run, documents=documents, summary=summary_view(summary, segments, documents, rules),
        csp=content_security_policy(script, css), css=Markup(css), script=Markup(script),
        data=Markup(embed_json(data)),
    )


def embed_json(data: Any) -> str:
    """`data` as JSON that cannot end or alter the <script type="application/json"> element holding it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.translate(str.maketrans(_JSON_ESCAPES))


def content_security_policy(script: str, css: str) -> str:
    return (f"default-src 'none'; script-src '{_sha256(script)}'; style-src '{_sha256(css)}'; "
            "img-src 'none'; base-uri 'none'; form-action 'none'")


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
