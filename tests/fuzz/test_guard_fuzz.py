"""The fix guard's local reading gives the answer of reading the whole text (mtqa.fixes.guard.keeps_content
against lost_words), for any text and one edit or two."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mtqa.fixes.guard import keeps_content, lost_words
from mtqa.model import Applicability, Edit, Fix
from tests.fuzz.conftest import FUZZ

# Words that exercise every branch: names, numbers in two formats, function words, variants, compounds,
# hyphenated parts, misspellings, punctuation that clings to words, and several kinds of whitespace.
PIECES = ["The", "the", "dog", "Dog", "Plibersek", "12", "3,5", "3.5", "1 000", "colour", "color", "other",
          "wise", "otherwise", "DSC-DMC", "DMC", "hisself", "himself", "of", "and", ",", ".", " ", "\u2009", "\n",
          "\u00a0", "\t", "-", "'s", "business-like", "businesslike"]


@st.composite
def edited(draw):
    text = "".join(draw(st.lists(st.sampled_from(PIECES), min_size=1, max_size=30)))
    edits, start = [], 0
    for _ in range(draw(st.integers(1, 2))):  # one edit, or two apart
        start = draw(st.integers(start, len(text)))
        end = draw(st.integers(start, min(len(text), start + 20)))
        edits.append(Edit(start, end, "".join(draw(st.lists(st.sampled_from(PIECES), max_size=3)))))
        start = end + 1
        if start > len(text):
            break
    return text, Fix(tuple(edits), Applicability.UNSAFE, "edit")


@FUZZ
@given(edited())
def test_keeps_content_is_lost_words_on_the_whole_text(case):
    text, fix = case
    assert keeps_content(text, fix) == (not lost_words(text, fix.apply(text)))
