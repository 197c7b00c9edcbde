"""The rule registry: one decorated function per rule, its docstring the source of `mtqa explain`.

A rule function takes a `SegmentContext` and yields `Match`es; the registry turns them into
`Finding`s carrying the rule's code, name, category and severity, so rules never repeat them.
Everything else the pipeline needs to know about a rule is declared here too, on the rule: whether it
reads the source or needs a language model, whether the model may overrule it, which repairs the model
chooses among, and how often it offers a fix (ruff's `FixAvailability`).
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import Enum

from mtqa.errors import UsageError
from mtqa.model import Finding, Fix, Severity
from mtqa.selectors import selector_matches


@dataclass(frozen=True, slots=True)
class Match:
    """What a rule reports: a span, a message, fixes; severity only when it differs from the default."""

    start: int
    end: int
    message: str
    fixes: tuple[Fix, ...] = ()
    severity: Severity | None = None
    # Readings under which the text is right, for the language model to weigh against the fixes
    # (`Finding.rivals`, `Rule.rival_margin`): never offered.
    rivals: tuple[Fix, ...] = ()
    # With a model: what the best fix must gain for this match, in place of its rule's `lm_required_gain`
    # (None: the rule's), where the match's own words make the reading less sure (`Finding.required_gain`).
    required_gain: float | None = None


CheckFunction = Callable[["SegmentContext"], Iterable[Match]]  # noqa: F821 (defined in mtqa.rules.context)
# Repairs a language model chooses among for a finding, beside the rule's own fixes: (segment text, finding).
RepairFunction = Callable[[str, Finding], Iterable[Fix]]


class FixAvailability(str, Enum):
    """Whether a rule's findings come with a fix (as ruff's `FixAvailability`)."""

    ALWAYS = "always"
    SOMETIMES = "sometimes"
    NEVER = "never"


DOC_SECTIONS = ("What it flags", "Why is this bad?", "Example", "Fix safety")
_NO_FIX = "No automatic fix"  # how the Fix safety section of a rule that never fixes begins


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    category: str
    severity: Severity
    check: CheckFunction
    doc: str
    fix: FixAvailability = FixAvailability.NEVER
    # The language model may drop a finding whose best fix gains less than this (nats, length-fair; see
    # mtqa.fixes.verify). None: the model never overrules the rule.
    lm_required_gain: float | None = None
    repairs: RepairFunction | None = None  # extra candidate fixes, kept only when the model prefers them
    reads_source: bool = False  # silent without `Segment.src`
    needs_lm: bool = False  # reads the language model's view; silent without one
    # Its fixes rewrite a damaged word itself (mojibake): exempt from the guard that no fix loses a word.
    rewrites_words: bool = False
    # With a model: fixes that gain less than this (nats) are not offered; the finding stays, at most minor
    # when no fix is left (nothing the model confirms).
    fix_min_gain: float | None = None
    # With a model: nats a finding's best fix must gain over each of its rival readings (`Finding.rivals`).
    rival_margin: float = 0.0

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0] if self.doc.strip() else self.name


RULES: dict[str, Rule] = {}
_CODE_RE = re.compile(r"^MT[1-9]\d\d$")
_NAME_RE = re.compile(r"^[a-z]+(?:-[a-z]+)*$")


def rule(code: str, name: str, *, category: str, severity: Severity, fix: FixAvailability,
         lm_required_gain: float | None = None, repairs: RepairFunction | None = None, reads_source: bool = False,
         needs_lm: bool = False, rewrites_words: bool = False, fix_min_gain: float | None = None,
         rival_margin: float = 0.0) -> Callable[[CheckFunction], CheckFunction]:
    """Register the decorated function as rule `code`, with the settings the pipeline reads from it."""

    def register(check: CheckFunction) -> CheckFunction:
        if not _CODE_RE.match(code) or not _NAME_RE.match(name):
            raise ValueError(f"bad rule code or name: {code} {name}")
        if code in RULES:
            raise ValueError(f"rule code registered twice: {code}")
        doc = inspect.cleandoc(check.__doc__ or "")
        sections = dict(iter_sections(doc))
        missing = [heading for heading in DOC_SECTIONS if not sections.get(heading)]
        if missing:
            raise ValueError(f"rule {code} lacks the documentation section(s) {', '.join(missing)}")
        if (fix is FixAvailability.NEVER) != sections["Fix safety"].startswith(_NO_FIX):
            raise ValueError(f"rule {code}: fix={fix.value} disagrees with its Fix safety section")
        RULES[code] = Rule(code, name, category, severity, check, doc, fix, lm_required_gain, repairs,
                           reads_source, needs_lm, rewrites_words, fix_min_gain, rival_margin)
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
    return selector_matches(selector, candidate.code, candidate.name)


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
