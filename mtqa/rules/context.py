"""What a rule sees: one segment, its sentences and tokens, and facts shared across its document.

Everything is computed lazily and once per segment or document, so rules can ask freely.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from mtqa.model import Segment
from mtqa.nlp.content import ContentIndex
from mtqa.nlp.ngrams import tandem_repeats
from mtqa.nlp.people import find_people

if TYPE_CHECKING:
    from mtqa.lm.view import LMView
from mtqa.nlp.tokens import Span, Token, split_sentences, tokenize


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
            self._repeats = tandem_repeats([t.text for t in self.tokens])
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
        return find_people(sentence.tokens for index in range(len(self.segments))
                           for sentence in self.segment(index).sentences)


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
