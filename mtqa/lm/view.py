"""The language-model stage: score segments in batches and give each an `LMView`.

Rules see it through `SegmentContext.lm`; the pipeline takes the segment's 0-100 `fluency` from it, and
`mtqa.scoring.combined` folds that into the segment score. "Fluency" is always that 0-100 number;
`analysis` holds the per-sentence and per-word figures it comes from (mtqa/lm/fluency.py).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, replace

import numpy as np

from mtqa.lm.base import Scorer, TokenScores
from mtqa.lm.fluency import SegmentFluency, fluency, token_range
from mtqa.lm.heads import Assessment, Heads, WordError, heads_for, repeated_share
from mtqa.lm.support import Support, source_absent_repeats, source_prompt, source_support
from mtqa.model import Finding, Segment, Severity
from mtqa.nlp.tokens import split_sentences

LM_BATCH_SEGMENTS = 32  # segments scored together; the backend sorts them by length inside


@dataclass(frozen=True, slots=True)
class LMView:
    """What the language model says about one segment: token log-probabilities and fluency, and with the
    learned heads (mtqa/lm/heads.py) an error probability per word and a calibrated reading per segment."""

    scores: TokenScores
    analysis: SegmentFluency
    heads: Heads | None = None
    word_errors: tuple[WordError, ...] = ()
    gaps: tuple[WordError, ...] = ()  # places where a word may be missing (the word after): P(one was dropped)
    pieces: tuple[tuple[int, int], ...] = ()  # in running text, the spans scored alone (none: the whole text)
    # How much the source supports the text (mtqa/lm/support.py), when the heads read it and the segment
    # has a source in the Latin script; None otherwise.
    support: Support | None = None

    @property
    def fluency(self) -> float:
        """0-100 fluency without the heads' segment reading (a model that ships no heads): the sentences'
        calibrated SLOR, discounted for text that repeats itself (see `repeated_share`)."""
        return round(self.analysis.fluency * (1.0 - repeated_share(self.scores.text)), 1)

    def assess(self, findings: Sequence[Finding], src: str | None, verified: Sequence[Finding] = ()
               ) -> Assessment | None:
        """The heads' fluency and quality, given the rules' findings before verification and the source when
        there is one; None without heads. The heads read the findings of the rules that do not read the
        model, as in training; the fluency also reads those of `verified` (the findings verification kept)
        that the model confirmed (`verified_counts`).

        A paragraph scored a piece at a time (`pieces`) is read a piece at a time, each with its own
        findings, and the readings are averaged by tokens: the heads learned from segments as the dev sets
        give them, mostly one sentence, and a paragraph of six clean sentences read whole looked like one
        sentence with six sentences' surprises (fluency 34, the median of 25 such paragraphs of the
        synthetic suite's clean sentences; 88 now: benchmarks/paragraphs.py, 2026-12-05).
        The pieces are read without the source, which is the paragraph's, not theirs."""
        if self.heads is None:
            return None
        if len(self.pieces) < 2:
            minor, major = rule_counts(findings)
            reading = self.heads.assess(self.scores, self.analysis, self.word_errors, minor, major, src,
                                        verified_counts(verified))
            return replace(reading, quality=self.heads.supported(reading.quality, self.support,
                                                                 source_absent_repeats(self.scores.text, src)))
        starts = [start for start, _ in self.pieces]

        def by_piece(found: Sequence[Finding]) -> list[list[Finding]]:
            groups: list[list[Finding]] = [[] for _ in starts]
            for f in found:
                groups[max(bisect.bisect_right(starts, f.start) - 1, 0)].append(f)
            return groups

        def within(items: tuple, keys: list[int], start: int, end: int) -> tuple:  # type: ignore[type-arg]
            """The items (in order of their starts, `keys`) that start in [start, end)."""
            return items[bisect.bisect_left(keys, start):bisect.bisect_left(keys, end)]

        found, confirmed = by_piece(findings), by_piece(verified)
        sentences, errors = self.analysis.sentences, self.word_errors
        sentence_starts, error_starts = [s.start for s in sentences], [e.start for e in errors]
        readings: list[tuple[int, Assessment]] = []
        for i, (start, end) in enumerate(self.pieces):
            first, last = token_range(self.scores, start, end)
            if first == last:
                continue
            minor, major = rule_counts(found[i])
            readings.append((last - first, self.heads.assess(
                _piece_scores(self.scores, start, end, first, last),
                SegmentFluency(within(sentences, sentence_starts, start, end)),
                within(errors, error_starts, start, end), minor, major, None, verified_counts(confirmed[i]))))
        total = sum(n for n, _ in readings)
        return Assessment(round(sum(n * a.fluency for n, a in readings) / total, 1),
                          round(sum(n * a.quality for n, a in readings) / total, 1))

    def word_surprisals(self) -> list[tuple[int, int, float]]:
        """(start, end, surprisal in nats) of every scored word and punctuation mark, for reports."""
        return [(w.start, w.end, round(-w.logprob, 2)) for s in self.analysis.sentences for w in s.words]


# A sentence this short is scored with the one before it (the next, when it opens the text): alone, the
# model cannot judge it, and a period that cuts a clause in two leaves such a piece ("the country's
# presidency. Volodymyr Zelensky with.").
MIN_PIECE_WORDS = 5


# A heading or list marker opening a piece ("# ", "- ", "2. "): not English, and the model, which learned
# from sentences, read "# Talks in Moscow end without agreement" as broken (fluency 34; 87 without it).
_MARKER = re.compile(r"(?:#{1,6}|[-*+•]|\d{1,3}[.)])[ \t]+(?=\S)")
_ITEM = re.compile(r"\n[ \t]*(?=(?:#{1,6}|[-*+•]|\d{1,3}[.)])[ \t]+\S)")  # a line that opens with one


def sentence_pieces(text: str) -> list[tuple[int, int]]:
    """(start, end) of the pieces of `text` scored alone in running text: its sentences, a short one joined
    to its neighbour, each without a heading or list marker before it; the whole text when that leaves one
    piece and no marker."""
    pieces: list[list[int]] = []
    items = [0, *(m.start() + 1 for m in _ITEM.finditer(text)), len(text)]  # list items are read apart
    for item_start, item_end in itertools.pairwise(items):
        first = len(pieces)
        for sentence in split_sentences(text, item_start, item_end):
            words = len(sentence.text.split())
            if len(pieces) > first and (words < MIN_PIECE_WORDS or pieces[-1][2] < MIN_PIECE_WORDS):
                pieces[-1][1:] = [sentence.end, pieces[-1][2] + words]
            else:
                pieces.append([sentence.start, sentence.end, words])
    spans = [(start + _marker_length(text, start), end) for start, end, _ in pieces]
    if len(spans) == 1 and spans[0][0] == pieces[0][0]:
        return [(0, len(text))]
    return spans or [(0, len(text))]


def _marker_length(text: str, start: int) -> int:
    found = _MARKER.match(text, start)
    return found.end() - start if found else 0


# The per-token columns of `TokenScores` besides the offsets (hidden states are an array, joined apart).
_COLUMNS = tuple(f.name for f in fields(TokenScores) if f.name not in ("text", "starts", "ends", "hidden"))


def _joined(text: str, parts: list[tuple[int, TokenScores]]) -> TokenScores:
    """One text's scores from those of its pieces, each scored alone, at their offsets in `text`."""
    def column(name: str):  # type: ignore[no-untyped-def]
        values = [getattr(scores, name) for _, scores in parts]
        return None if any(v is None for v in values) else tuple(x for v in values for x in v)
    hidden = [scores.hidden for _, scores in parts]
    return TokenScores(text, tuple(offset + x for offset, scores in parts for x in scores.starts),
                       tuple(offset + x for offset, scores in parts for x in scores.ends),
                       hidden=np.concatenate([h for h in hidden if len(h)] or hidden[:1])
                       if all(h is not None for h in hidden) else None,
                       **{name: column(name) for name in _COLUMNS})


def _piece_scores(scores: TokenScores, start: int, end: int, first: int, last: int) -> TokenScores:
    """The scores of tokens [first, last), those of one piece, `scores.text[start:end]`, with offsets into it."""
    def part(name: str):  # type: ignore[no-untyped-def]
        column = getattr(scores, name)
        return column[first:last] if column is not None else None
    return TokenScores(scores.text[start:end], tuple(x - start for x in scores.starts[first:last]),
                       tuple(min(x, end) - start for x in scores.ends[first:last]),
                       hidden=part("hidden"), **{name: part(name) for name in _COLUMNS})


class LMStage:
    def __init__(self, scorer: Scorer, support: bool = True):
        self.scorer = scorer
        self.heads = heads_for(scorer)
        # Measure the source's support of each segment with a source, when the heads' quality reads it.
        self.support = support and self.heads is not None and self.heads.reads_support

    def views(self, segments: Sequence[Segment], by_sentence: bool = False) -> list[LMView]:
        """One LMView per segment, in order; texts are scored in one batch, in one forward pass each.

        `by_sentence` (running text): each sentence of a paragraph (`sentence_pieces`) is scored from the
        start of a text, as a record of one sentence is, and the scores are joined. The heads' features,
        MT8xx's thresholds and the gains the rules require were all learned or chosen on sentences scored
        so; read after the paragraph's earlier sentences, a clean sentence's first word looked like an
        error, and the model, having read the same slip three times, expected it the fourth (in-context
        copying)."""
        texts = [s.text for s in segments]
        heads = self.heads
        pieces = [sentence_pieces(text) if by_sentence else [(0, len(text))] for text in texts]
        flat = [text[start:end] for text, spans in zip(texts, pieces, strict=True) for start, end in spans]
        if not flat:
            scored_flat = []
        else:  # a scorer of a model without heads is asked as before: older Scorer subclasses know no features
            scored_flat = self.scorer.score(flat, features=True) if heads is not None else self.scorer.score(flat)
        at, views = iter(scored_flat), []
        for text, spans in zip(texts, pieces, strict=True):
            taken = [(start, next(at)) for start, _ in spans]
            whole = len(spans) == 1 and spans[0] == (0, len(text))
            scores = taken[0][1] if whole else _joined(text, taken)
            analysis = fluency(text, scores, split_sentences(text))
            errors, gaps = heads.read(scores, analysis) if heads is not None else ((), ())
            views.append(LMView(scores, analysis, heads, errors, gaps, () if whole else tuple(spans)))
        if self.support:
            views = self._with_support(segments, views)
        return views

    def _with_support(self, segments: Sequence[Segment], views: list[LMView]) -> list[LMView]:
        """The views of segments with a readable source, given how much the source supports their text:
        each such text is scored once more, after its source (mtqa/lm/support.py)."""
        asked = [(i, prompt) for i, (segment, view) in enumerate(zip(segments, views, strict=True))
                 if not view.pieces and (prompt := source_prompt(segment.text, segment.src)) is not None]
        if not asked:
            return views
        after = self.scorer.score([prompt + segments[i].text for i, prompt in asked])
        views = list(views)
        for (i, prompt), scored in zip(asked, after, strict=True):
            views[i] = replace(views[i], support=source_support(views[i].scores, scored, prompt))
        return views


# Rules that read the model but report only the word head's own reading, which the heads already see.
HEAD_READINGS = frozenset({"MT802"})


def verified_counts(findings: Sequence[Finding]) -> tuple[int, int]:
    """(minor, major or critical) findings of the rules that read the language model and confirm what they
    report with it (a minimal pair that gains), the word head's own reading (MT802) left out."""
    return _severity_counts(findings, lambda needs_lm, code: needs_lm and code not in HEAD_READINGS)


def rule_counts(findings: Sequence[Finding]) -> tuple[int, int]:
    """(minor, major or critical) findings of the rules that do not read the language model."""
    return _severity_counts(findings, lambda needs_lm, code: not needs_lm)


def _severity_counts(findings: Sequence[Finding], counted: Callable[[bool, str], bool]) -> tuple[int, int]:
    """(minor, major or critical) among the findings whose rule is `counted(needs_lm, code)`; a code no
    rule has (a finding from a baseline or another version) counts as a rule's that does not read the model."""
    from mtqa.rules.registry import RULES

    chosen = [f for f in findings if counted((rule := RULES.get(f.rule)) is not None and rule.needs_lm, f.rule)]
    major = sum(1 for f in chosen if f.severity.rank >= Severity.MAJOR.rank)
    return len(chosen) - major, major
