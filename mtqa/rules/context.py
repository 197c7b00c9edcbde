"""What a rule sees: one segment, its sentences and tokens, and facts shared across its document.

Everything is computed lazily and once per segment or document, so rules can ask freely.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from mtqa import lexicon
from mtqa.model import Segment
from mtqa.rules.similarity import ContentIndex

if TYPE_CHECKING:
    from mtqa.lm.view import LMView
from mtqa.text import Span, Token, split_sentences, tokenize


@dataclass(slots=True)
class Sentence:
    span: Span
    tokens: list[Token]

    _repeats: list[tuple[int, int, int]] | None = None

    @property
    def words(self) -> list[Token]:
        return [t for t in self.tokens if t.is_word]

    @property
    def repeats(self) -> list[tuple[int, int, int]]:
        """Back-to-back repeated n-grams of the tokens (see `tandem_repeats`), computed once."""
        if self._repeats is None:
            from mtqa.rules.repetition import tandem_repeats

            self._repeats = tandem_repeats(self.tokens)
        return self._repeats


class DocumentContext:
    """Facts about a whole document that single-segment rules need (who is a person, earlier sentences)."""

    def __init__(self, segments: list[Segment], lm_views: list[LMView] | None = None):
        self.segments = segments
        self.lm_views = lm_views  # one per segment when a language model scored them
        self._contexts: dict[int, SegmentContext] = {}

    @cached_property
    def content_index(self) -> ContentIndex:
        return ContentIndex(self)

    def segment(self, index: int) -> SegmentContext:
        if index not in self._contexts:
            self._contexts[index] = SegmentContext(self.segments[index], self, index)
        return self._contexts[index]

    @cached_property
    def person_names(self) -> dict[str, str]:
        """Capitalised words known to name people in this document, mapped to 'male'/'female'/'unknown'.

        Evidence: a title before the name ("President Macron"), a known given name in front of it
        ("Emmanuel Macron" makes "Macron" a person too), or a he/she pronoun right after it.
        """
        people: dict[str, str] = {}
        for index in range(len(self.segments)):
            for sentence in self.segment(index).sentences:
                _collect_people(sentence.tokens, people)
        return people


_PRONOUN_GENDER = {"he": "male", "his": "male", "him": "male", "she": "female", "her": "female"}


def _is_capitalised(token: Token) -> bool:
    return token.text[:1].isupper() and not token.text.isupper()


def _capitalised_runs(words: list[Token]) -> list[tuple[int, list[Token]]]:
    """Maximal runs of capitalised words separated by single spaces, with the index of their first word."""
    runs: list[tuple[int, list[Token]]] = []
    i = 0
    while i < len(words):
        if not _is_capitalised(words[i]):
            i += 1
            continue
        run = [words[i]]
        while i + len(run) < len(words) and _is_capitalised(words[i + len(run)]) \
                and words[i + len(run)].start - run[-1].end <= 1:
            run.append(words[i + len(run)])
        runs.append((i, run))
        i += len(run)
    return runs


def _collect_people(tokens: list[Token], people: dict[str, str]) -> None:
    words = [t for t in tokens if t.is_word]
    for i, run in _capitalised_runs(words):
        titled = i > 0 and words[i - 1].lower in lexicon.PERSON_TITLES or run[0].lower in lexicon.PERSON_TITLES
        gender = lexicon.given_name_gender(run[-2].text) if len(run) >= 2 else None
        surname = _strip_possessive(run[-1].text)
        if gender is None and not (titled and len(run) <= 3):
            continue
        if lexicon.zipf(surname.lower()) > 4.5 and gender is None:
            continue  # "President Trump" yes, "the President Hotel" no: common words need a given name
        known = people.get(surname, "unknown")
        people[surname] = gender if gender in ("male", "female") else known
    for i, word in enumerate(words[:-1]):
        name = _strip_possessive(word.text)
        if people.get(name) == "unknown":
            for follower in words[i + 1 : i + 4]:
                if follower.lower in ("he", "she"):
                    people[name] = _PRONOUN_GENDER[follower.lower]
                    break


def _strip_possessive(word: str) -> str:
    return re.sub(r"['’]s$", "", word)


@dataclass(slots=True)
class SegmentContext:
    segment: Segment
    document: DocumentContext
    index: int
    _sentences: list[Sentence] | None = field(default=None, init=False)

    @property
    def text(self) -> str:
        return self.segment.text

    @property
    def lm(self) -> LMView | None:
        """The language model's view of this segment, or None when running rules only."""
        views = self.document.lm_views
        return views[self.index] if views is not None else None

    @property
    def sentences(self) -> list[Sentence]:
        if self._sentences is None:
            self._sentences = [Sentence(span, tokenize(self.text, span.start, span.end))
                               for span in split_sentences(self.text)]
        return self._sentences

    @property
    def tokens(self) -> list[Token]:
        return [t for s in self.sentences for t in s.tokens]
