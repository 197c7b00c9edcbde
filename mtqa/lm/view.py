"""The language-model stage: score segments in batches and give each an `LMView`.

Rules see it through `SegmentContext.lm`; the pipeline takes the segment's 0-100 `fluency` from it, and
`mtqa.scoring.combined` folds that into the segment score. "Fluency" is always that 0-100 number;
`analysis` holds the per-sentence and per-word figures it comes from (mtqa/lm/fluency.py).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from mtqa.lm.base import Scorer, TokenScores
from mtqa.lm.fluency import SegmentFluency, fluency
from mtqa.model import Segment
from mtqa.nlp.ngrams import ngram_counts
from mtqa.nlp.tokens import split_sentences

LM_BATCH_SEGMENTS = 32  # segments scored together; the backend sorts them by length inside


@dataclass(frozen=True, slots=True)
class LMView:
    """What the language model says about one segment: token log-probabilities and fluency."""

    scores: TokenScores
    analysis: SegmentFluency

    @property
    def fluency(self) -> float:
        """0-100 fluency of the segment, discounted for text that repeats itself (see `repeated_share`)."""
        return round(self.analysis.fluency * (1.0 - repeated_share(self.scores.text)), 1)

    def word_surprisals(self) -> list[tuple[int, int, float]]:
        """(start, end, surprisal in nats) of every scored word and punctuation mark, for reports."""
        return [(w.start, w.end, round(-w.logprob, 2)) for s in self.analysis.sentences for w in s.words]


class LMStage:
    def __init__(self, scorer: Scorer):
        self.scorer = scorer

    def views(self, segments: Sequence[Segment]) -> list[LMView]:
        """One LMView per segment, in order; texts are scored in one batch."""
        texts = [s.text for s in segments]
        scored = self.scorer.score(texts) if texts else []
        return [LMView(scores, fluency(text, scores, split_sentences(text))) for text, scores in zip(texts, scored)]


REPEAT_N = 3  # word n-grams: clean sentences almost never say the same three words twice


def repeated_share(text: str) -> float:
    """Share of the words covered by a word trigram that occurs three times or more in `text`.

    A language model finds a looping translation ("and the government and the government and the ...")
    highly predictable precisely because it copies itself, so raw fluency rewards the worst kind of
    hallucination; this share discounts it. A phrase said twice on purpose ("the talks in Moscow ...
    the talks in Moscow") is not counted; clean text scores 0.
    """
    words = _WORD_RE.findall(text.lower())
    if len(words) < 2 * REPEAT_N:
        return 0.0
    grams = [tuple(words[i:i + REPEAT_N]) for i in range(len(words) - REPEAT_N + 1)]
    counts = ngram_counts(words, REPEAT_N)
    covered = set()
    for i, gram in enumerate(grams):
        if counts[gram] >= 3:
            covered.update(range(i, i + REPEAT_N))
    return len(covered) / len(words)


_WORD_RE = re.compile(r"\w+")
