"""The rule registry: one decorated function per rule, its docstring the source of `mtqa explain`.

A rule function takes a `SegmentContext` and yields `Match`es; the registry turns them into
`Finding`s carrying the rule's code, name, category and severity, so rules never repeat them.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from mtqa.errors import UsageError
from mtqa.model import Fix, Severity


@dataclass(frozen=True, slots=True)
class Match:
    """What a rule reports: a span, a message, fixes; severity only when it differs from the default."""

    start: int
    end: int
    message: str
    fixes: tuple[Fix, ...] = ()
    severity: Severity | None = None


CheckFunction = Callable[["SegmentContext"], Iterable[Match]]  # noqa: F821 (defined in mtqa.rules.context)


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    category: str
    severity: Severity
    check: CheckFunction
    doc: str

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0] if self.doc.strip() else self.name


RULES: dict[str, Rule] = {}
_CODE_RE = re.compile(r"^MT[1-9]\d\d$")
_NAME_RE = re.compile(r"^[a-z]+(?:-[a-z]+)*$")


def rule(code: str, name: str, *, category: str, severity: Severity) -> Callable[[CheckFunction], CheckFunction]:
    """Register the decorated function as rule `code`."""

    def register(check: CheckFunction) -> CheckFunction:
        if not _CODE_RE.match(code) or not _NAME_RE.match(name):
            raise ValueError(f"bad rule code or name: {code} {name}")
        if code in RULES:
            raise ValueError(f"rule code registered twice: {code}")
        doc = inspect.cleandoc(check.__doc__ or "")
        if "## Why is this bad?" not in doc or "## Example" not in doc:
            raise ValueError(f"rule {code} lacks the documentation sections")
        RULES[code] = Rule(code, name, category, severity, check, doc)
        return check

    return register


def all_rules() -> list[Rule]:
    """Every registered rule, sorted by code."""
    import mtqa.rules  # noqa: F401  (registers the built-in rules)

    return [RULES[code] for code in sorted(RULES)]


def lookup(code_or_name: str) -> Rule:
    for candidate in all_rules():
        if code_or_name.upper() == candidate.code or code_or_name.lower() == candidate.name:
            return candidate
    raise UsageError(f"unknown rule: {code_or_name} (see `mtqa rules`)")


def _matches(selector: str, candidate: Rule) -> bool:
    """A selector is a code prefix ("MT1", "MT101", "ALL") or a rule name."""
    selector = selector.strip()
    if selector.upper() == "ALL":
        return True
    return candidate.code.startswith(selector.upper()) or selector.lower() == candidate.name


def select_rules(select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[Rule]:
    """Rules chosen by ruff-style prefix selectors; an empty `select` means all rules."""
    rules = all_rules()
    select, ignore = [s for s in select if s], [s for s in ignore if s]
    for selector in [*select, *ignore]:
        if not any(_matches(selector, r) for r in rules):
            raise UsageError(f"unknown rule selector: {selector} (see `mtqa rules`)")
    chosen = [r for r in rules if not select or any(_matches(s, r) for s in select)]
    return [r for r in chosen if not any(_matches(s, r) for s in ignore)]


def iter_sections(doc: str) -> Iterator[tuple[str, str]]:
    """(heading, body) pairs of a rule's documentation; the first pair has heading ''."""
    heading, lines = "", []
    for line in doc.splitlines():
        if line.startswith("## "):
            yield heading, "\n".join(lines).strip()
            heading, lines = line[3:].strip(), []
        else:
            lines.append(line)
    yield heading, "\n".join(lines).strip()
