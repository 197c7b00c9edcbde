"""The edits the language-model rules (MT801, MT802) may put to the model: never a word where grammar has no
room for it; and what a word put back must gain."""

import pytest

from mtqa.nlp.tokens import tokenize
from mtqa.rules.language_model import (
    GAP_EVEN_GAIN,
    GAP_FLOOR_GAIN,
    REQUIRED_GAIN,
    _article_form,
    _article_out_of_place,
    _cannot_stand_before,
    _changes_the_verb,
    dropped_word_gain,
)


def _word(text: str, surface: str):  # type: ignore[no-untyped-def]
    return next(t for t in tokenize(text) if t.text == surface)


@pytest.mark.parametrize(("text", "before", "inserted", "refused"), [
    ("The decision angered the community.", "angered", "of", True),  # a verb with its object: no preposition
    ("The decision angered the community.", "angered", "the", True),  # nor an article
    ("The decision angered the community.", "angered", "has", False),  # an auxiliary may stand there
    ("The decision angered our neighbours.", "angered", "to", True),
    ("The decision angered many people.", "angered", "of", False),  # "of angered people" may be an adjective's
    ("He stayed bed the whole day.", "bed", "in", False),  # a noun in -ed
    ("The talks collapsed.", "collapsed", "have", False),
])
def test_an_article_or_preposition_is_not_put_before_a_verb_a_determiner_follows(text, before, inserted, refused):
    assert _cannot_stand_before(inserted, text, _word(text, before)) is refused


@pytest.mark.parametrize(("text", "before", "inserted", "refused"), [
    ("Because of the heatwave, the city opened its pools until midnight.", "opened", "has", True),
    ("The council closed its offices early.", "closed", "had", True),
    ("The firm made a loss.", "made", "have", True),  # an irregular simple past
    ("The bridge closed to traffic on Monday.", "closed", "was", True),  # nor a passive one
    ("The power transferred to his son.", "transferred", "is", True),
    ("The bridge closed to traffic on Monday.", "closed", "the", False),  # not an auxiliary: not this check's
    ("Officials said they taken the decision.", "taken", "have", False),  # a participle only: no simple past
    ("They would resigned had they known.", "resigned", "have", False),  # after a modal the past is no English
    ("She hopes to finished by May.", "finished", "have", False),  # nor after "to"
    ("The shortage need urgent action.", "need", "has", False),  # a base form in -ed
])
def test_no_perfect_or_passive_auxiliary_is_put_before_a_simple_past(text, before, inserted, refused):
    """"the city opened its pools" reads as English: "has opened" would change the tense, not mend it, and
    "the bridge was closed" the voice."""
    assert _changes_the_verb(inserted, text, _word(text, before)) is refused


def test_a_word_put_back_asks_less_gain_the_surer_the_gap_head_is() -> None:
    """The bar falls with the gap head's log-odds, from GAP_EVEN_GAIN at even odds to GAP_FLOOR_GAIN."""
    bars = [dropped_word_gain(p, ("the", "of")) for p in (0.5, 0.8, 0.9, 0.93, 0.99, 1.0)]
    assert bars == sorted(bars, reverse=True) and len(set(bars)) == len(bars) - 1  # the floor is reached once
    assert bars[0] == pytest.approx(GAP_EVEN_GAIN)
    assert bars[1] > REQUIRED_GAIN - 0.5 and bars[2] < REQUIRED_GAIN - 1  # about 10 at 0.8, under 9 at 0.9
    assert bars[3] > GAP_FLOOR_GAIN and bars[-2] == bars[-1] == GAP_FLOOR_GAIN


def test_only_the_likeliest_place_and_no_that_may_ask_less_than_mt801s_bar() -> None:
    sure = 0.99
    assert dropped_word_gain(sure, ("the", "a")) < REQUIRED_GAIN
    assert dropped_word_gain(sure, ("the", "a"), rank=1) == REQUIRED_GAIN  # a second place of the sentence
    assert dropped_word_gain(sure, ("that", "the")) == REQUIRED_GAIN  # "said [that] more research was needed"
    assert dropped_word_gain(0.6, ("the",), rank=1) == dropped_word_gain(0.6, ("the",)) > REQUIRED_GAIN


@pytest.mark.parametrize(("first", "second", "out_of_place"), [
    ("the", "in", True), ("a", "of", True), ("the", "a", True), ("the", "is", True),
    ("the", "past", False), ("the", "inside", False), ("the", "like", False),  # a preposition that is a noun too
    ("in", "the", False), ("former", "the", False),
])
def test_an_article_before_a_preposition_an_article_or_an_auxiliary_is_out_of_place(first, second, out_of_place):
    assert _article_out_of_place(first, second) is out_of_place


@pytest.mark.parametrize(("inserted", "before", "put_back"), [
    ("a", "interview", "an"), ("a", "increasingly", "an"), ("a", "hour", "an"),
    ("an", "table", "a"), ("an", "European", "a"), ("an", "problem", "a"),
    # the spelling does not tell ("a unit", "an umbrella"; "an NGO"): as the pass proposed it
    ("an", "union", "an"), ("a", "NGO", "a"), ("an", "NGO", "an"),
    ("the", "interview", "the"), ("of", "area", "of"),
])
def test_an_indefinite_article_is_put_back_in_the_form_the_next_word_takes(inserted, before, put_back):
    """The pass chooses the word put back before it reads the word after it: "a" before "interview" is
    put to the model as "an"."""
    assert _article_form(inserted, before) == put_back
