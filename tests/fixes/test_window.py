"""The span of a running text a finding's fixes are judged in (mtqa.fixes.verify._window)."""

from mtqa.fixes.verify import _window
from mtqa.model import Applicability, Edit, Finding, Fix, Severity
from mtqa.nlp.tokens import split_sentences

TEXT = "One came first. Two came next. Three came later. Four came last."


def _finding(word: str, *fixes: Fix) -> Finding:
    start = TEXT.index(word)
    return Finding("MT999", "test", "fluency/test", Severity.MINOR, start, start + len(word), word, "test", fixes)


def _window_text(finding: Finding) -> str:
    sentences = split_sentences(TEXT)
    start, end = _window(TEXT, ([s.start for s in sentences], [s.end for s in sentences]), finding, finding.fixes)
    return TEXT[start:end]


def test_a_finding_is_judged_in_its_sentence():
    assert _window_text(_finding("Three")) == "Three came later."


def test_the_window_reaches_the_texts_ends_where_the_finding_does():
    assert _window_text(_finding("One")) == "One came first."
    assert _window_text(_finding("Four")) == "Four came last."


def test_a_deleted_sentence_is_judged_with_the_one_before_it():
    three = TEXT.index(" Three")
    drop = Fix((Edit(three, TEXT.index(" Four"), ""),), Applicability.UNSAFE, "Delete the sentence")
    assert _window_text(_finding("Three", drop)) == "Two came next. Three came later."


def test_the_window_covers_every_edit_of_every_fix():
    later = TEXT.index("later")
    fix = Fix((Edit(later - 1, later + len("later. Four") + 1, " later, four "),), Applicability.UNSAFE, "join")
    assert _window_text(_finding("Two", fix)) == "Two came next. Three came later. Four came last."
    assert _window_text(_finding("Three", fix)) == "Three came later. Four came last."
