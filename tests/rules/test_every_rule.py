"""Every registered rule, whatever its family: its documentation, its own example, and silence on clean text.

Parametrised over the registry, so a new rule is held to all of this without touching this file.
"""

from __future__ import annotations

import re

import pytest

from mtqa.model import Document, Segment, Severity
from mtqa.pipeline import Pipeline
from mtqa.rules import all_rules
from mtqa.rules.registry import DOC_SECTIONS, FixAvailability, Rule, iter_sections, rule
from tests.conftest import CLEAN_NEWS, CLEAN_PAIRS

RULES = all_rules()


def _example(found: Rule) -> tuple[str, str | None, str | None]:
    """(translation, source, expected fixed translation) from a rule's `## Example` section.

    Examples are "TEXT", "TEXT  ->  FIXED", or "Source: SRC" then "Translation: TEXT"; a parenthesised
    note after two spaces explains and is not part of the text."""
    body = dict(iter_sections(found.doc))["Example"]
    src = None
    if body.startswith("Source:"):
        source_line, _, body = body.partition("\n")
        src = source_line.removeprefix("Source:").strip()
        body = body.strip().removeprefix("Translation:").strip()
    lines = [re.sub(r"\s{2,}\(.*\)$", "", line.strip()) for line in body.splitlines()]
    joined = re.sub(r"\s*->\s*", " -> ", " ".join(line for line in lines if line))
    text, _, fixed = (part.strip() for part in joined.partition(" -> "))
    return _unescape(text), src, _unescape(fixed) if fixed else None


def _unescape(text: str) -> str:
    return re.sub(r"\\u([0-9a-f]{4})", lambda m: chr(int(m.group(1), 16)), text)


@pytest.fixture(scope="module")
def scorer():
    from mtqa.lm.registry import load_scorer

    return load_scorer("smollm2-135m", "cpu")


def _pipeline(found: Rule, request: pytest.FixtureRequest) -> Pipeline:
    """The rule alone; with the language model when it reads one."""
    return Pipeline([found], lm=request.getfixturevalue("scorer") if found.needs_lm else None)


@pytest.mark.parametrize("found", RULES, ids=lambda r: r.code)
def test_the_documented_example_is_flagged_and_fixed_as_documented(found: Rule, request):
    text, src, expected = _example(found)
    document = Document("<example>", [Segment("1", text, src=src)], running_text=True)
    pipeline = _pipeline(found, request)
    findings = [f for checked in pipeline.check(document.segments) for f in checked.findings]
    assert findings, f"{found.code} does not flag its own example: {text!r}"
    if found.fix is FixAvailability.NEVER:
        assert all(not f.fixes for f in findings)
        return
    if found.fix is FixAvailability.ALWAYS:
        assert all(f.fixes for f in findings)
    if expected is not None:
        assert pipeline.fix(document, unsafe=True) == [expected]


@pytest.mark.parametrize("found", [r for r in RULES if r.needs_lm], ids=lambda r: r.code)
def test_a_rule_that_needs_the_model_is_silent_without_one(found: Rule):
    """Only a model confirms what such a rule proposes: run alone, its own example gives nothing."""
    text, src, _ = _example(found)
    document = Document("<example>", [Segment("1", text, src=src)], running_text=True)
    assert [f for checked in Pipeline([found]).check(document.segments) for f in checked.findings] == []


@pytest.mark.parametrize("found", RULES, ids=lambda r: r.code)
def test_clean_text_is_not_flagged(found: Rule, request):
    """Clean news sentences, and correct translations with their sources for the rules that read one."""
    segments = [Segment(str(n), text) for n, text in enumerate(CLEAN_NEWS)]
    segments += [Segment(f"pair-{n}", text, src=src) for n, (_, src, text) in enumerate(CLEAN_PAIRS)]
    results = _pipeline(found, request).check(segments, running_text=False)
    assert [(c.segment.text, f.text) for c in results for f in c.findings] == []


@pytest.mark.parametrize("missing", DOC_SECTIONS)
def test_registration_requires_every_documentation_section(missing: str):
    sections = {"What it flags": "X.", "Why is this bad?": "Y.", "Example": "Z.", "Fix safety": "No automatic fix."}
    del sections[missing]

    def check(ctx):  # pragma: no cover (never run)
        return []

    check.__doc__ = "Summary.\n\n" + "\n\n".join(f"## {h}\n{b}" for h, b in sections.items())
    with pytest.raises(ValueError, match=re.escape(missing)):
        rule("MT999", "stub-rule", category="fluency/test", severity=Severity.MINOR, fix=FixAvailability.NEVER)(check)


def test_registration_requires_the_fix_availability_to_match_the_fix_safety_section():
    def check(ctx):  # pragma: no cover (never run)
        return []

    check.__doc__ = ("Summary.\n\n## What it flags\nX.\n\n## Why is this bad?\nY.\n\n## Example\nZ.\n\n"
                     "## Fix safety\nDeleting it is safe.")
    with pytest.raises(ValueError, match="Fix safety"):
        rule("MT999", "stub-rule", category="fluency/test", severity=Severity.MINOR, fix=FixAvailability.NEVER)(check)
