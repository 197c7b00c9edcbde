"""The edits the language-model rules (MT801, MT802) may put to the model: never a word where grammar has no
room for it."""

import pytest

from mtqa.nlp.tokens import tokenize
from mtqa.rules.language_model import _cannot_stand_before


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
