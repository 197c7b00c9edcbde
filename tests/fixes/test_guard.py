"""No fix may lose a name, a number or a content word that is not a duplicate."""

import pytest

from mtqa.fixes.guard import keeps_content, lost_words
from mtqa.model import Applicability, Edit, Fix
from mtqa.pipeline import check_text
from mtqa.rules import all_rules


@pytest.mark.parametrize("before,after,lost", [
    ("Mr Dutton called on Ms Plibersek to guarantee it.", "Mr Dutton called on Ms to guarantee it.", ["Plibersek"]),
    ("It rose by 12 percent in May.", "It rose by percent in May.", ["12"]),
    ("The stadium held xylophone crowds.", "The stadium held crowds.", ["xylophone"]),
    ("He went to to the market.", "He went to the market.", []),
    ("a useful, businesslike and business-like meeting", "a useful and businesslike meeting", []),
    ("the colour and color of it", "the colour of it", []),
    ("Inflation was 3,5 percent.", "Inflation was 3.5 percent.", []),
    ("The budget reaches 1 000,5 million.", "The budget reaches 1,000.5 million.", []),
    ("He discussed the presidency. Volodymyr Zelensky with.", "He discussed the presidency with Volodymyr Zelensky.", []),
    ("The meeting was useful very for both sides.", "The meeting was very useful for both sides.", []),
    ("Sony DSC-DMC-DMC-DMC-DMC camera", "Sony DSC-DMC camera", []),
    ("Sony DSC-DMC-DMC-DMC-DMC camera", "Sony DSC camera", ["DSC-DMC-DMC-DMC-DMC"]),
    ("Reiljan announced that it would resign.", "Reiljan announced that he would resign.", []),  # a pronoun
    ("Murnau was born in Murnau. He was born in Murnau.", "Murnau was born in Murnau.", []),
])
def test_lost_words(before, after, lost):
    assert lost_words(before, after) == lost


def test_a_rules_fix_that_would_delete_a_name_is_not_offered():
    text = "Mr Dutton called on Ms Plibersek to guarantee the funding."
    deleting = Fix((Edit(20, 30, ""),), Applicability.UNSAFE, "Delete “Plibersek”")
    assert not keeps_content(text, deleting)
    for finding in check_text(text, all_rules()):
        assert all(keeps_content(text, fix) for fix in finding.fixes)


def test_an_open_compound_may_go_when_its_closed_form_stays():
    assert lost_words("buyers who otherwise and other wise would", "buyers who otherwise would") == []


def test_a_closed_compound_may_go_when_its_open_form_stays():
    assert lost_words("The data set and dataset was released.", "The data set was released.") == []
    assert lost_words("the rail network and railnetwork is old", "the rail network is old") == []
    assert lost_words("The dataset was released.", "The data was released.") == ["dataset"]  # nothing stays


def _edit(text: str, old: str, new: str, nth: int = 0) -> Fix:
    start = -1
    for _ in range(nth + 1):
        start = text.index(old, start + 1)
    return Fix((Edit(start, start + len(old), new),), Applicability.UNSAFE, "edit")


@pytest.mark.parametrize("text,old,new,nth", [
    ("Mr Dutton called on Ms Plibersek to guarantee it.", "Plibersek ", "", 0),  # the last copy of a name
    ("Ms Plibersek met Ms Plibersek today.", "Plibersek ", "", 1),  # a copy of it stays
    ("It rose by 12 percent, not 12.5 percent.", "12", "", 0),
    ("the other wise men", "other wise", "otherwise", 0),
    ("the other wise men", "er wi", "erwi", 0),  # an edit inside words: the words around it are read
    ("He went to to the market.", " to", "", 0),
    ("The dog The dog The dog", "The dog ", "", 1),
    ("He said so.\nThe dog barked", "\nThe", " the", 0),
    ("xylophone", "xylophone", "", 0),
    ("a useful, businesslike and business-like meeting", ", businesslike and business-like", " and businesslike", 0),
    ("The data set and dataset was released.", " and dataset", "", 0),
])
def test_keeps_content_answers_as_lost_words_on_the_whole_text(text, old, new, nth):
    fix = _edit(text, old, new, nth)
    assert keeps_content(text, fix) == (not lost_words(text, fix.apply(text)))


def test_a_long_loops_fixes_are_judged_without_reading_the_whole_text(monkeypatch):
    """A copy deleted or a case changed in a loop of 2,000 copies: no fix is read whole (before, each one
    was, and the loop cost time in the square of its length)."""
    from mtqa.fixes import guard

    read_whole = []
    monkeypatch.setattr(guard, "lost_words", lambda before, after: read_whole.append(1) or [])
    text = "The dog " * 2_000
    for k in range(0, 2_000, 97):
        assert keeps_content(text, _edit(text, "The dog ", "", k))
        assert keeps_content(text, _edit(text, "The", "the", k))
    assert read_whole == []
    keeps_content("The dog and the cat", _edit("The dog and the cat", "dog ", ""))  # the last "dog" goes
    assert read_whole == [1]
