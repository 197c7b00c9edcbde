"""What the report shows, as plain data: segment views for the page script and the summary for the template.

Everything here is read off SegmentResults, their contract records and the run's rules; nothing is scored
or checked again. Keys are short because they repeat once per segment in the embedded JSON.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from mtqa.io.writers.records import fix_to_dict, segment_record
from mtqa.model import Fix, SegmentResult, Severity
from mtqa.nlp.tokens import split_sentences
from mtqa.report.spans import Piece, TokenSurprisal, split_pieces
from mtqa.rules.registry import Rule, iter_sections

WORST_SHOWN = 10
SCORE_BINS = [f"{low}–{low + 9}" for low in range(0, 100, 10)] + ["100"]  # a bin per tens digit, 100 apart


def segment_view(result: SegmentResult, document: int) -> dict[str, Any]:
    """One segment for the page script: its text as pieces (see `split_pieces`), findings and fixes."""
    record = segment_record(result)
    text = result.segment.text
    tokens = token_surprisals(record.get("tokens"), len(text))
    pieces = split_pieces(text, [(f.start, f.end) for f in result.findings], tokens)
    view: dict[str, Any] = {"id": record["id"], "doc": document, "score": record["score"],
                            "pieces": [_piece_json(p) for p in pieces]}
    for name in ("fluency", "quality"):
        if name in record:
            view[name] = record[name]
    if "reference" in record:
        view["refm"] = record["reference"]
    for name in ("src", "ref"):
        if record.get(name) is not None:
            view[name] = str(record[name])
    if tokens:
        view["tokens"] = 1
    view["findings"] = [{"rule": f.rule, "sev": f.severity.value, "start": f.start, "end": f.end,
                         "msg": f.message, "fixes": [_fix_view(text, fix) for fix in f.fixes]}
                        for f in result.findings]
    return view


def token_surprisals(tokens: Any, length: int) -> list[TokenSurprisal]:
    """Per-token surprisal from a record's optional `tokens` field ([{start, end, surprisal}, ...]).

    The field may come from an input record passed through, so anything malformed is dropped whole:
    a report shows no shading rather than wrong shading.
    """
    if not isinstance(tokens, list):
        return []
    out = []
    for token in tokens:
        if not isinstance(token, dict):
            return []
        start, end, surprisal = token.get("start"), token.get("end"), token.get("surprisal")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= length
                and isinstance(surprisal, int | float) and not isinstance(surprisal, bool)
                and math.isfinite(surprisal)):
            return []
        out.append(TokenSurprisal(start, end, float(surprisal)))
    return out


def _piece_json(piece: Piece) -> str | list:
    if not piece.findings and piece.surprisal is None:
        return piece.text
    if piece.surprisal is None:
        return [piece.text, list(piece.findings)]
    return [piece.text, list(piece.findings), round(piece.surprisal, 2)]


def _fix_view(text: str, fix: Fix) -> dict[str, Any]:
    record = fix_to_dict(fix)
    view = {"app": record["applicability"], "desc": record["description"], "diff": fix_excerpt(text, fix)}
    if "gain" in record:
        view["gain"] = record["gain"]
    return view


def fix_excerpt(text: str, fix: Fix) -> list[list[str]]:
    """The sentence(s) a fix touches as [kind, text] parts, kind "" (kept), "del" or "ins".

    The kept and inserted parts, joined, are the corrected sentence: `fix.apply(text)` cut to the
    sentences that hold the edits.
    """
    edits = sorted(fix.edits, key=lambda e: (e.start, e.end))
    first, last = edits[0].start, max(e.end for e in edits)
    sentences = split_sentences(text)
    window_start = max((s.start for s in sentences if s.start <= first), default=0)
    window_end = min((s.end for s in sentences if s.end >= last), default=len(text))
    parts: list[list[str]] = []
    cursor = min(window_start, first)
    for edit in edits:
        parts += [["", text[cursor:edit.start]], ["del", text[edit.start:edit.end]], ["ins", edit.replacement]]
        cursor = edit.end
    parts.append(["", text[cursor:max(window_end, last)]])
    return [part for part in parts if part[1]]


def rule_views(rules: Iterable[Rule]) -> dict[str, dict[str, Any]]:
    """Each rule's metadata and documentation, sections as lists of paragraphs."""
    return {rule.code: {"name": rule.name, "category": rule.category, "severity": rule.severity.value,
                        "sections": [[heading, _paragraphs(body, keep_lines=heading == "Example")]
                                     for heading, body in iter_sections(rule.doc) if body]}
            for rule in rules}


def _paragraphs(body: str, keep_lines: bool) -> list[str]:
    blocks = [block.strip() for block in body.split("\n\n") if block.strip()]
    return blocks if keep_lines else [" ".join(block.split()) for block in blocks]


def summary_view(summary: dict, segments: list[dict], documents: list[str],
                 rules: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The numbers above the segment list: totals, findings per rule, the score histogram, the worst segments."""
    counts = [0] * len(SCORE_BINS)
    for segment in segments:
        counts[min(int(segment["score"] // 10), len(SCORE_BINS) - 1)] += 1
    worst = sorted((i for i, s in enumerate(segments) if s["findings"]), key=lambda i: (segments[i]["score"], i))
    return {
        **summary,
        "severities": [(s.value, summary["by_severity"].get(s.value, 0)) for s in reversed(Severity)],
        "rules": [{"code": code, "count": count, **rules.get(code, {"name": "", "category": "", "severity": ""})}
                  for code, count in sorted(summary["by_rule"].items(), key=lambda item: (-item[1], item[0]))],
        "histogram": [{"label": label, "count": count} for label, count in zip(SCORE_BINS, counts)],
        "histogram_max": max(counts, default=0),
        "worst": [{"index": i, "id": segments[i]["id"], "path": documents[segments[i]["doc"]],
                   "score": segments[i]["score"], "findings": len(segments[i]["findings"]),
                   "text": "".join(p if isinstance(p, str) else p[0] for p in segments[i]["pieces"])}
                  for i in worst[:WORST_SHOWN]],
        "has_tokens": any("tokens" in s for s in segments),
    }
