"""Fluency of sentences and segments from a language model's token scores.

Per sentence: mean surprisal, perplexity, SLOR (LM log-prob minus unigram log-prob, per word) and the
words that are least likely in their context relative to their frequency. A logistic map fitted on clean vs
synthetically corrupted sentences (benchmarks/calibrate_fluency.py) turns these into a 0-100 fluency
that reads as "how likely this sentence is clean rather than scrambled, duplicated or missing a word".
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from mtqa.lm.base import TokenScores
from mtqa.lm.unigram import units

# Fitted by `benchmarks/calibrate_fluency.py` with the default model (smollm2-135m); rerun it after
# changing the model, the features or the unigram baseline. Order as in `FEATURES`.
FEATURES = ("slor", "worst_word_slor", "worst3_words_slor")
CALIBRATION_WEIGHTS = (0.4419, -0.1081, 0.3680)
CALIBRATION_BIAS = -0.3984


class HasSpan(Protocol):
    start: int
    end: int


SpanLike = tuple[int, int] | HasSpan


@dataclass(frozen=True, slots=True)
class WordScore:
    """A word or punctuation mark: its LM log-prob (sum over the tokens that start in it) and unigram one."""

    start: int
    end: int
    logprob: float
    unigram_logprob: float

    @property
    def slor(self) -> float:
        """How much more likely the word is here than on its own (nats); very negative = out of place."""
        return self.logprob - self.unigram_logprob


@dataclass(frozen=True, slots=True)
class SentenceFluency:
    start: int
    end: int
    n_tokens: int
    logprob: float
    unigram_logprob: float
    words: tuple[WordScore, ...]
    fluency: float  # calibrated, 0-100, higher is better

    @property
    def worst_words(self) -> list[WordScore]:
        """Words by SLOR, most out of place first. The sentence's first word is left out: it is predicted
        from little or no context, so its low score says little about the sentence."""
        return sorted(self.words[1:], key=lambda w: w.slor)

    @property
    def worst_word(self) -> WordScore | None:
        worst = self.worst_words
        return worst[0] if worst else None

    @property
    def mean_surprisal(self) -> float:
        return -self.logprob / self.n_tokens if self.n_tokens else 0.0

    @property
    def perplexity(self) -> float:
        return math.exp(self.mean_surprisal)

    @property
    def slor(self) -> float:
        """(LM log-prob - unigram log-prob) per word, not per LM token: a rare name that the tokenizer cuts
        into four pieces would otherwise count four times in the denominator and dilute the sentence."""
        return (self.logprob - self.unigram_logprob) / len(self.words) if self.words else 0.0


@dataclass(frozen=True, slots=True)
class SegmentFluency:
    sentences: tuple[SentenceFluency, ...]

    @property
    def n_tokens(self) -> int:
        return sum(s.n_tokens for s in self.sentences)

    @property
    def mean_surprisal(self) -> float:
        n = self.n_tokens
        return -math.fsum(s.logprob for s in self.sentences) / n if n else 0.0

    @property
    def perplexity(self) -> float:
        return math.exp(self.mean_surprisal)

    @property
    def slor(self) -> float:
        """Per word, as for a sentence."""
        n = sum(len(s.words) for s in self.sentences)
        return math.fsum(s.logprob - s.unigram_logprob for s in self.sentences) / n if n else 0.0

    @property
    def fluency(self) -> float:
        """Token-weighted mean of the sentences' fluency (100 for a segment without tokens)."""
        n = self.n_tokens
        return math.fsum(s.fluency * s.n_tokens for s in self.sentences) / n if n else 100.0


def word_scores(scores: TokenScores, start: int = 0, end: int | None = None) -> list[WordScore]:
    """Words and punctuation marks of `scores.text[start:end]` that at least one token starts in."""
    end = len(scores.text) if end is None else end
    found = units(scores.text, start, end)
    unit_starts = [u.start for u in found]
    sums = [0.0] * len(found)
    counted = [False] * len(found)
    first, last = token_range(scores, start, end)
    for token_start, logprob in zip(scores.starts[first:last], scores.logprobs[first:last], strict=True):
        i = bisect.bisect_right(unit_starts, token_start) - 1
        if i >= 0 and token_start < found[i].end:
            sums[i] += logprob
            counted[i] = True
    return [
        WordScore(u.start, u.end, lp, u.unigram_logprob)
        for u, lp, seen in zip(found, sums, counted, strict=True)
        if seen
    ]


def sentence_fluency(scores: TokenScores, start: int, end: int) -> SentenceFluency:
    """Fluency of `scores.text[start:end]`, from the tokens that start inside it (scored in full context)."""
    first, last = token_range(scores, start, end)
    n_tokens = last - first
    logprob = math.fsum(scores.logprobs[first:last])
    words = tuple(word_scores(scores, start, end))
    unigram = math.fsum(w.unigram_logprob for w in words)
    partial = SentenceFluency(start, end, n_tokens, logprob, unigram, words, 100.0)
    if not n_tokens:
        return partial
    return SentenceFluency(start, end, n_tokens, logprob, unigram, words, calibrated(feature_vector(partial)))


def token_range(scores: TokenScores, start: int, end: int) -> tuple[int, int]:
    """Indices [first, last) of the tokens that start in [start, end); token starts never decrease."""
    return bisect.bisect_left(scores.starts, start), bisect.bisect_left(scores.starts, end)


def fluency(
    text: str, scores: TokenScores, sentence_spans: Sequence[SpanLike] | None = None
) -> SegmentFluency:
    """Fluency of a segment and of each of its sentences.

    `scores` must come from scoring `text` itself; `sentence_spans` are (start, end) pairs or objects with
    `.start`/`.end` (e.g. `mtqa.nlp.tokens.split_sentences`); None means the whole text is one sentence.
    """
    if scores.text != text:
        raise ValueError("token scores belong to a different text")
    spans = [(0, len(text))] if sentence_spans is None else [_as_pair(s) for s in sentence_spans]
    return SegmentFluency(tuple(sentence_fluency(scores, start, end) for start, end in spans))


def feature_vector(sentence: SentenceFluency) -> tuple[float, ...]:
    """The calibration features, in the order of `FEATURES`."""
    worst = [w.slor for w in sentence.worst_words[:3]] or [0.0]
    return (sentence.slor, worst[0], math.fsum(worst) / len(worst))


def calibrated(features: Sequence[float]) -> float:
    """Map features to 0-100 with the fitted logistic weights."""
    z = CALIBRATION_BIAS + math.fsum(w * x for w, x in zip(CALIBRATION_WEIGHTS, features, strict=True))
    return 100.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


def _as_pair(span: SpanLike) -> tuple[int, int]:
    return span if isinstance(span, tuple) else (span.start, span.end)
