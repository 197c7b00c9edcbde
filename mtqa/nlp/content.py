"""Content-word overlap between the sentences of a document, for near-duplicate detection.

An inverted index from lemma to sentence keeps the comparison linear in practice: a sentence is
compared only with earlier sentences that share a content word with it.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence
from typing import Protocol

from mtqa.nlp import lexicon
from mtqa.nlp.tokens import Span, Token


class _Sentence(Protocol):
    span: Span

    @property
    def words(self) -> list[Token]: ...


class _Segment(Protocol):
    @property
    def sentences(self) -> Sequence[_Sentence]: ...


class Sentences(Protocol):
    """A document as the index reads it: its segments' sentences, by segment index."""

    def segment(self, index: int) -> _Segment: ...


MIN_SHARED = 4
MIN_JACCARD = 0.4
# Within one paragraph, a sentence of three content words that says again what a sentence before it said
# ("Murnau was born in Murnau, Germany. He was born in Murnau, Germany.", a Guerreiro de-en repetition):
# three shared and nearly all (0.8). On the dev sets' 304 clean texts of several sentences, none.
NEAR_SHARED = 3
NEAR_JACCARD = 0.8
# Earlier sentences looked at per shared lemma: the most recent ones. A lemma in thousands of sentences
# would otherwise make a long document quadratic; an exact repeat is found by its lemma set in any case.
MAX_CANDIDATES_PER_LEMMA = 64

SentenceKey = tuple[int, int]  # (segment index, sentence number)


def content_lemmas(words: list[str]) -> frozenset[str]:
    return frozenset(min(lexicon.lemmas(w)) for w in words
                     if w.lower() not in lexicon.NEUTRAL_NEWS_WORDS and any(c.isalpha() for c in w))


class ContentIndex:
    def __init__(self, document: Sentences):
        self.document = document
        self._lemmas: dict[SentenceKey, frozenset[str]] = {}
        self._postings: dict[str, list[SentenceKey]] = defaultdict(list)
        self._first_with: dict[frozenset[str], SentenceKey] = {}  # lemma set -> first sentence with it
        self._indexed_up_to = -1

    def _index_through(self, segment_index: int) -> None:
        while self._indexed_up_to < segment_index:
            self._indexed_up_to += 1
            ctx = self.document.segment(self._indexed_up_to)
            for number, sentence in enumerate(ctx.sentences):
                key = (self._indexed_up_to, number)
                lemmas = content_lemmas([w.text for w in sentence.words])
                self._lemmas[key] = lemmas
                self._first_with.setdefault(lemmas, key)
                for lemma in lemmas:
                    self._postings[lemma].append(key)

    def best_earlier_match(self, segment_index: int, sentence_number: int) -> tuple[float, tuple[int, str]] | None:
        """The most similar earlier sentence in scope, when it passes the thresholds."""
        self._index_through(segment_index)
        key = (segment_index, sentence_number)
        lemmas = self._lemmas[key]
        if len(lemmas) < NEAR_SHARED:
            return None
        exact = self._first_with[lemmas]
        in_scope = len(lemmas) >= MIN_SHARED or exact[0] == segment_index  # a short one: only in its paragraph
        shared: dict[SentenceKey, int] = defaultdict(int)
        for lemma in lemmas:
            postings = self._postings[lemma]
            before = bisect_left(postings, key)  # postings are in document order
            for other in postings[max(0, before - MAX_CANDIDATES_PER_LEMMA):before]:
                shared[other] += 1
        best: tuple[float, SentenceKey] | None = (1.0, exact) if in_scope and exact < key else None
        for other, count in shared.items():
            if count < NEAR_SHARED:
                continue
            jaccard = count / len(lemmas | self._lemmas[other])
            near = other[0] == segment_index and jaccard >= NEAR_JACCARD
            better = best is None or jaccard > best[0] or jaccard == best[0] and other < best[1]
            if (count >= MIN_SHARED and jaccard >= MIN_JACCARD or near) and better:
                best = (jaccard, other)
        if best is None:
            return None
        other_segment, other_number = best[1]
        earlier = self.document.segment(other_segment).sentences[other_number].span.text
        return best[0], (other_segment, earlier)
