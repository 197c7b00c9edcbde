"""Rule selectors, read one way everywhere: a code prefix ("MT1", "MT101"), a rule name ("duplicate-word")
or "ALL". `--select`, `--ignore`, `--warn`, configuration files and a record's `mtqa_ignore` all use this.
"""

from __future__ import annotations

from collections.abc import Iterable


def parse_selectors(value: str | Iterable[object] | None) -> list[str]:
    """Rule selectors from a command-line value, a configuration list or a record's `mtqa_ignore`: strings
    split at commas and white space, empty parts dropped."""
    if value is None:
        return []
    items = [value] if isinstance(value, str) else value
    return [part for item in items for part in str(item).replace(",", " ").split()]


def selector_matches(selector: str, code: str, name: str | None = None) -> bool:
    """A selector is a code prefix ("MT1", "MT101", "ALL") or a rule name. The one reading of selectors:
    --select, --ignore, --warn, configuration files and a record's `mtqa_ignore` all go through it."""
    selector = selector.strip()
    if selector.upper() == "ALL":
        return True
    return code.startswith(selector.upper()) or (name is not None and selector.lower() == name)
