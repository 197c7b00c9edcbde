"""GLEU, the fluency metric of grammatical error correction, as JFLEG's official `eval/gleu.py` computes it.

Napoles et al. 2015 ("Ground Truth for Grammatical Error Correction Metrics"), with the 2016 update for
several references that JFLEG uses (keisks/jfleg, eval/gleu.py). For n = 1..4, the n-grams of the
hypothesis H that are in the reference R earn credit and those that are in the source S but not in R
cost it: p_n = max(0, |H ∩ R| - |H ∩ (S \\ R)|) / max(0, |H| - n + 1), counts clipped as in BLEU, where
S \\ R keeps the source's n-grams (with their counts) that R lacks altogether. With the brevity penalty
BP = min(1, exp(1 - |R| / |H|)), GLEU = BP · exp(mean of ln p_n), and 0 when any count is 0.

Each hypothesis is compared with one reference at a time. The corpus score sums the counts over the
sentences with one reference drawn at random per sentence, and reports the mean (and standard
deviation) over 500 such draws, draw j seeded with j·101, as the official script does; its Python 2
random numbers differ from Python 3's, so single draws differ, not the method. A sentence's score is
the mean over its references of the smoothed GLEU (a zero count counts as 1), the official
per-sentence figure. Texts are lists of tokens; tokenising is the caller's choice.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from mtqa.nlp.ngrams import ngram_counts

ORDER = 4
ITERATIONS = 500
SEED_STEP = 101

Tokens = Sequence[str]
Stats = tuple[int, ...]  # (hypothesis length, reference length, then matches and total for n = 1..ORDER)


def gleu_stats(hypothesis: Tokens, source: Tokens, reference: Tokens) -> Stats:
    """The counts GLEU sums over a corpus, for one hypothesis against one reference."""
    stats = [len(hypothesis), len(reference)]
    for n in range(1, ORDER + 1):
        hypothesis_ngrams, reference_ngrams = ngram_counts(hypothesis, n), ngram_counts(reference, n)
        source_only = Counter({g: c for g, c in ngram_counts(source, n).items() if g not in reference_ngrams})
        rewarded = sum((hypothesis_ngrams & reference_ngrams).values())
        penalised = sum((hypothesis_ngrams & source_only).values())
        stats += [max(rewarded - penalised, 0), max(len(hypothesis) + 1 - n, 0)]
    return tuple(stats)


def gleu_from_stats(stats: Stats, smooth: bool = False) -> float:
    """GLEU from (summed) counts; `smooth` replaces zero counts by 1, as the official sentence scores do."""
    if smooth:
        stats = tuple(s if s else 1 for s in stats)
    if any(s == 0 for s in stats):
        return 0.0
    hypothesis_length, reference_length = stats[:2]
    log_precision = math.fsum(math.log(m / t) for m, t in zip(stats[2::2], stats[3::2], strict=True)) / ORDER
    return math.exp(min(0.0, 1 - reference_length / hypothesis_length) + log_precision)


def sentence_gleu(hypothesis: Tokens, source: Tokens, references: Sequence[Tokens]) -> float:
    """The mean over the references of the smoothed GLEU of one sentence."""
    return math.fsum(gleu_from_stats(gleu_stats(hypothesis, source, r), smooth=True) for r in references) \
        / len(references)


@dataclass(frozen=True, slots=True)
class CorpusGleu:
    mean: float
    std: float  # over the random draws of one reference per sentence
    iterations: int


def reference_draws(reference_counts: Sequence[int], iterations: int = ITERATIONS) -> list[list[int]]:
    """For each draw, the index of the reference each sentence is compared with (the same for every system)."""
    draws = []
    for j in range(iterations):
        chooser = random.Random(j * SEED_STEP)
        draws.append([chooser.randint(0, count - 1) for count in reference_counts])
    return draws


def corpus_gleu(stats_by_reference: Sequence[Sequence[Stats]], draws: Sequence[Sequence[int]]) -> CorpusGleu:
    """Corpus GLEU from each sentence's counts against each of its references (`gleu_stats`)."""
    if not stats_by_reference or not draws:
        raise ValueError("corpus_gleu needs at least one sentence and one draw")
    scores = []
    for chosen in draws:
        totals = tuple(map(sum, zip(*(stats[i] for stats, i in zip(stats_by_reference, chosen, strict=True)),
                                    strict=True)))
        scores.append(gleu_from_stats(totals))
    mean = math.fsum(scores) / len(scores)
    return CorpusGleu(mean, math.sqrt(math.fsum((s - mean) ** 2 for s in scores) / len(scores)), len(scores))
