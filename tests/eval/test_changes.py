"""How the fix evaluators show a change: whole words marked, distant unchanged text elided."""

from mtqa.eval.changes import CONTEXT_CHARS, UNEXPLAINED, changing_rules, show_change
from mtqa.model import Applicability, Edit, Finding, Fix, Severity


def test_changed_words_are_marked_whole():
    assert show_change("He uses Qq codes.", "He uses Q codes.") == "He uses ⟦Qq → Q⟧ codes."
    assert show_change("the talks ended.", "The talks ended.") == "⟦the → The⟧ talks ended."
    assert show_change("Kohl 's blood", "Kohl's blood") == "⟦Kohl 's → Kohl's⟧ blood"


def test_each_change_is_marked_apart_and_long_unchanged_text_is_elided():
    middle = " ".join(["word"] * 30)
    before, after = f"start a {middle} b end.", f"start A {middle} B end."
    shown = show_change(before, after)
    assert shown.startswith("start ⟦a → A⟧ word") and shown.endswith("⟦b → B⟧ end.")
    assert "…" in shown and len(shown) < len(before) - 2 * CONTEXT_CHARS + 20


def _finding(rule: str, start: int, end: int, text: str, edits=()) -> Finding:
    fixes = (Fix(tuple(Edit(*e) for e in edits), Applicability.SAFE, "fix"),) if edits else ()
    return Finding(rule, "stub", "fluency/test", Severity.MINOR, start, end, text[start:end], "msg", fixes)


def test_changes_are_put_down_to_the_findings_whose_fix_or_span_touches_them():
    before = "the talks ended ended today"
    findings = [
        _finding("MT101", 16, 21, before, edits=[(15, 21, "")]),  # its fix deletes " ended"
        _finding("MT302", 0, 3, before),  # no fix of its own: a model's repair lies inside its span
        _finding("MT999", 22, 27, before, edits=[(22, 27, "Today")]),  # its fix was not applied
    ]
    assert changing_rules(before, "The talks ended today", findings) == ["MT302", "MT101"]
    assert changing_rules(before, "the talks, ended ended today", findings) == [UNEXPLAINED]
    assert changing_rules(before, before, findings) == []
