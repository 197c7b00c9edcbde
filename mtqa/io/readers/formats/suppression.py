"""Per-segment suppression written in the input: a note or comment `mtqa: ignore [CODES]`, or a field.

The selectors go into `meta["mtqa_ignore"]` ([] meaning every rule); the pipeline applies them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from mtqa.selectors import parse_selectors

_DIRECTIVE = re.compile(r"mtqa:\s*ignore\b([^\n]*)", re.IGNORECASE)
_SELECTOR = re.compile(r"MT\d*|all", re.IGNORECASE)


def ignore_selectors(notes: Iterable[str]) -> list[str] | None:
    """Rule selectors named by `mtqa: ignore` directives in `notes`; None when there is none.

    "mtqa: ignore" alone covers every rule ([]); "mtqa: ignore MT101, MT3" covers those codes and
    prefixes. The codes end at the first word that is not one, so a remark may follow them.
    """
    found: list[str] | None = None
    for note in notes:
        for match in _DIRECTIVE.finditer(note or ""):
            selectors = _leading_selectors(match.group(1))
            if not selectors or "ALL" in selectors:
                return []
            found = (found or []) + [s for s in selectors if s not in (found or [])]
    return found


def parse_field(value: object) -> list[str] | None:
    """An `mtqa_ignore` field of a record ("MT101,MT3", "all" or a list); None when empty."""
    if value is None:
        return None
    selectors = [s.upper() for s in parse_selectors(value if isinstance(value, list) else str(value))]
    if not selectors:
        return None
    return [] if "ALL" in selectors else selectors


def _leading_selectors(rest: str) -> list[str]:
    selectors = []
    for word in rest.replace(",", " ").split():
        if not _SELECTOR.fullmatch(word):
            break
        selectors.append(word.upper())
    return selectors
