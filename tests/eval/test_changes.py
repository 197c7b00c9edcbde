"""How the fix evaluators show a change: whole words marked, distant unchanged text elided."""

from mtqa.eval.changes import CONTEXT_CHARS, show_change


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
