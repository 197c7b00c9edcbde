"""Run rules over documents: Segments in, Findings out, in input order."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from mtqa.model import Document, Finding, Segment
from mtqa.rules.context import DocumentContext
from mtqa.rules.registry import Match, Rule


def _finding(rule: Rule, match: Match, text: str) -> Finding:
    if not 0 <= match.start <= match.end <= len(text):
        raise AssertionError(f"{rule.code} produced an offset outside the text: {match.start}-{match.end}")
    return Finding(rule=rule.code, name=rule.name, category=rule.category,
                   severity=match.severity or rule.severity, start=match.start, end=match.end,
                   text=text[match.start:match.end], message=match.message, fixes=match.fixes)


def check_segments(segments: Iterable[Segment], rules: Iterable[Rule], running_text: bool = True
                   ) -> Iterator[tuple[Segment, list[Finding]]]:
    """Findings per segment, in input order, each list sorted by position then rule code.

    Running text is one document. Records stream: each is a document of its own, except that
    consecutive records sharing a `doc_id` are checked together (they are one article).
    """
    rules = list(rules)
    groups = [list(segments)] if running_text else _doc_groups(segments)
    for group in groups:
        document = DocumentContext(group)
        for index, segment in enumerate(group):
            ctx = document.segment(index)
            findings = [_finding(r, m, segment.text) for r in rules for m in r.check(ctx)]
            findings.sort(key=lambda f: (f.start, f.end, f.rule))
            yield segment, findings


def _doc_groups(segments: Iterable[Segment]) -> Iterator[list[Segment]]:
    group: list[Segment] = []
    for segment in segments:
        doc_id = segment.meta.get("doc_id")
        if group and (doc_id is None or doc_id != group[-1].meta.get("doc_id")):
            yield group
            group = []
        group.append(segment)
    if group:
        yield group


def check_document(document: Document, rules: Iterable[Rule]) -> list[tuple[Segment, list[Finding]]]:
    return list(check_segments(document.segments, rules, document.running_text))


def check_text(text: str, rules: Iterable[Rule] | None = None) -> list[Finding]:
    """Findings for one stand-alone text (library convenience)."""
    from mtqa.rules import all_rules

    segment = Segment(id="1", text=text)
    return next(check_segments([segment], rules if rules is not None else all_rules()))[1]
