"""Tiny hand-made eval sets: jsonl files in tmp_path, and stub rules whose findings the tests can predict."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

import pytest

from mtqa.model import Applicability, Edit, Fix, SegmentResult, Severity
from mtqa.pipeline import Checked, Pipeline
from mtqa.rules.registry import Match, Rule

_DOC = "Stub.\n\n## Why is this bad?\nTest only.\n\n## Example\nXX"


def _regex_rule(code: str, pattern: str, severity: Severity) -> Rule:
    def check(ctx):
        for m in re.finditer(pattern, ctx.text):
            yield Match(m.start(), m.end(), f"found {m.group()}")

    return Rule(code, f"stub-{code.lower()}", "fluency/test", severity, check, _DOC)


# "XX" is a major error wherever it appears; "yy" a minor one; a final "!" a zero-width minor one.
STUB_RULES = [
    _regex_rule("MT901", r"XX", Severity.MAJOR),
    _regex_rule("MT902", r"yy", Severity.MINOR),
    _regex_rule("MT903", r"(?<=!)$", Severity.MINOR),
]


@pytest.fixture
def write_jsonl(tmp_path: Path):
    def write(name: str, records: Iterable[dict]) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        return path

    return write


def demetr_record(name: str, item: int, mt: str, mt_clean: str, spans=(), severity: str = "minor") -> dict:
    return {"id": f"demetr/{'clean' if name == 'none' else name}/{item}", "lp": "german-en", "item_id": item,
            "src": "Quelle.", "mt": mt, "ref": "A reference.", "mt_clean": mt_clean,
            "perturbation": {"name": name, "id": 0, "severity": "none" if name == "none" else severity},
            "spans": [{"side": "mt", "start": s, "end": e, "text": mt[s:e]} for s, e in spans]}


class ScoredPipeline(Pipeline):
    """The one pipeline with its score replaced by `score_of(segments)`: figures the tests can predict."""

    def __init__(self, rules, score_of):
        super().__init__(rules)
        self.score_of = score_of

    def score(self, checked: Checked) -> SegmentResult:
        result = super().score(checked)
        (result.score,) = self.score_of([checked.segment])
        return result


def table(tables, title_start: str):
    (found,) = [t for t in tables if t.title.startswith(title_start)]
    return found


def _fixing_rule(code: str, pattern: str, replace, applicability: Applicability, rewrites_words: bool = False
                 ) -> Rule:
    """A stub rule flagging `pattern` whose one fix replaces the match by `replace(match)`."""
    def check(ctx):
        for m in re.finditer(pattern, ctx.text):
            fix = Fix((Edit(m.start(), m.end(), replace(m)),), applicability, f"fix {m.group()}")
            yield Match(m.start(), m.end(), f"found {m.group()}", fixes=(fix,))

    return Rule(code, f"stub-{code.lower()}", "fluency/test", Severity.MINOR, check, _DOC,
                rewrites_words=rewrites_words)


# Safe: a doubled word loses its second copy, a lower-case first letter is capitalised, "Qq" becomes "Q"
# (a fix that damages clean text: it declares that it rewrites words, or the fix guard would stop it);
# unsafe: "hisself" becomes "himself".
FIX_RULES = [
    _fixing_rule("MT911", r"\b(\w+)( \1)+\b", lambda m: m.group(1), Applicability.SAFE),
    _fixing_rule("MT912", r"^[a-z]", lambda m: m.group().upper(), Applicability.SAFE),
    _fixing_rule("MT913", r"Qq", lambda m: "Q", Applicability.SAFE, rewrites_words=True),
    _fixing_rule("MT914", r"\bhisself\b", lambda m: "himself", Applicability.UNSAFE),
]
