"""Learned heads on the language model's one pass: an error probability per word, a calibrated fluency and
a quality estimate per segment (docs/quality-model.md).

The features come from the forward pass that scores the segment anyway (`Scorer.score(features=True)`):
per token the surprisal, the entropy of the prediction and the rank of the actual token, and the last
hidden state; per word its SLOR. The segment heads are linear (logistic or ridge) on standardised features;
the word head and the gap head (`benchmarks.train_gap`) have one hidden layer of ReLUs (`Mlp`) since
quality-v2 and gap-v2. They are fitted by `python -m benchmarks.train_quality` with fixed seeds and model
selection by k-fold over source groups, and shipped as one small .npz per model in `mtqa/lm/heads/`. The
file carries the signature of its training run, which becomes part of mtqa's signature.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import numpy as np

from mtqa.lm.base import Scorer, TokenScores
from mtqa.lm.fluency import SegmentFluency, WordScore
from mtqa.lm.support import Support
from mtqa.nlp.ngrams import ngram_counts

HEADS_DIR = Path(__file__).parent / "heads"
FORMAT = 1

WORD_SCALARS = (
    "logprob", "max_surprisal", "n_tokens", "entropy", "log_rank", "surprise_gap", "unigram", "slor",
    "next_logprob", "next_entropy", "next_log_rank", "prev_slor", "next_slor",
    "capitalised", "sentence_first", "punctuation", "digit", "position",
)
SEGMENT_SCALARS = (
    "mean_surprisal", "mean_entropy", "mean_gap", "slor", "worst_slor", "worst3_slor",
    "max_error", "top3_error", "sum_error", "log_words", "repeated_share", "rule_minor", "rule_major",
)
SOURCE_SCALARS = ("has_source", "length_ratio", "numbers_missing", "names_missing", "extra_repeats", "coverage")


@dataclass(frozen=True, slots=True)
class Linear:
    """z = ((x - mean) / scale) . weights + bias, on standardised features."""

    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float

    def __call__(self, x: np.ndarray) -> np.ndarray:
        return ((x - self.mean) / self.scale) @ self.weights + self.bias


@dataclass(frozen=True, slots=True)
class Mlp:
    """z = relu(((x - mean) / scale) @ hidden + hidden_bias) . weights + bias: one hidden layer of ReLUs on
    standardised features (the gap head since gap-v2, the word head since quality-v2)."""

    mean: np.ndarray
    scale: np.ndarray
    hidden: np.ndarray  # features x units
    hidden_bias: np.ndarray  # units
    weights: np.ndarray  # units
    bias: float

    def __call__(self, x: np.ndarray) -> np.ndarray:
        return np.maximum(((x - self.mean) / self.scale) @ self.hidden + self.hidden_bias, 0.0) @ self.weights \
            + self.bias


@dataclass(frozen=True, slots=True)
class WordError:
    """A word (or punctuation mark) and the word head's probability that it is part of an error."""

    start: int
    end: int
    probability: float


@dataclass(frozen=True, slots=True)
class Assessment:
    """The segment heads' reading: fluency and quality, both 0-100, higher is better."""

    fluency: float
    quality: float


@dataclass(frozen=True)
class Heads:
    model: str
    word: Linear | Mlp
    fluency: Linear
    quality: Linear
    quality_da: tuple[float, float]  # (intercept, slope): the DA 0-100 mean that goes with a DA z-score
    signature: str  # the training run's: "heads:quality-v1|smollm2-135m|folds:5|seed:...|items:..."
    thresholds: dict[str, float]  # word probabilities reported as "minor" and "major" findings
    digest: str = ""  # of the weights file: the same run name with other weights reads differently
    # P(a function word was dropped right before this word), at the places `gap_features` rows: trained by
    # `python -m benchmarks.train_gap`, which names its run in `gap_signature`; None in an older file.
    gap: Linear | Mlp | None = None
    gap_signature: str = ""
    # The quality's discount for a translation its source does not support (mtqa/lm/support.py): quality is
    # multiplied by exp(-slope * max(0, floor - support)) when the model reads the source well enough (its
    # surprisal at most `support_reading` nats a character). Chosen by `python -m benchmarks.train_support`,
    # which names its run in `support_signature`; a slope of 0 (an older file) leaves quality alone.
    support_slope: float = 0.0
    support_floor: float = 0.0
    support_reading: float = 0.0
    support_signature: str = ""
    # And for repeats its source does not make: quality is multiplied by
    # exp(-repeat_slope * max(0, share - repeat_free)), `share` the share of the translation's content words
    # that repeat one beyond what the source repeats (`support.source_absent_repeats`). A small share is
    # free: a faithful translation may say a noun again where its source says "it" or uses another word.
    # Chosen by the same run; 0 in an older file.
    repeat_slope: float = 0.0
    repeat_free: float = 0.0

    @property
    def tag(self) -> str:
        """The heads' part of mtqa's signature: the training runs' names and the weights' digest."""
        run = self.signature.split("|", 1)[0].removeprefix("heads:")
        for signature in (self.gap_signature if self.gap is not None else "", self.support_signature):
            if signature:
                run += "+" + signature.split("|", 1)[0].removeprefix("heads:")
        return f"{run}.{self.digest}" if self.digest else run

    @property
    def reads_support(self) -> bool:
        """True when the quality depends on the source's support, so that it is worth measuring."""
        return self.support_slope > 0.0

    def supported(self, quality: float, support: Support | None, repeats: float = 0.0) -> float:
        """`quality` (0-100) discounted for a translation its source does not support (None: not measured),
        and for the share `repeats` of its words that repeat what the source does not. A source the model
        hardly reads supports nothing, so it discounts nothing either."""
        exponent = self.repeat_slope * max(0.0, repeats - self.repeat_free)
        if support is not None and self.reads_support and support.source_surprisal <= self.support_reading:
            exponent += self.support_slope * max(0.0, self.support_floor - support.gain)
        return round(quality * math.exp(-exponent), 1) if exponent > 0.0 else quality

    def word_errors(self, scores: TokenScores, analysis: SegmentFluency) -> tuple[WordError, ...]:
        return self.read(scores, analysis)[0]

    def read(self, scores: TokenScores, analysis: SegmentFluency
             ) -> tuple[tuple[WordError, ...], tuple[WordError, ...]]:
        """Each word with its error probability, and (with a gap head) each place where a word may have
        been dropped (the word after it) with the probability that one was."""
        words, x = word_features(scores, analysis)
        if not words:
            return (), ()
        probabilities = _sigmoid(self.word(x))
        errors = tuple(WordError(w.start, w.end, float(p)) for w, p in zip(words, probabilities, strict=True))
        if self.gap is None:
            return errors, ()
        places, gx = gap_features(scores, analysis, (words, x))
        if not places:
            return errors, ()
        return errors, tuple(WordError(w.start, w.end, float(p))
                             for w, p in zip(places, _sigmoid(self.gap(gx)), strict=True))

    def assess(self, scores: TokenScores, analysis: SegmentFluency, errors: Sequence[WordError],
               rule_minor: int, rule_major: int, src: str | None, verified: tuple[int, int] = (0, 0)
               ) -> Assessment:
        """Fluency and quality from the one pass and the rule findings (`rule_minor`, `rule_major`: of the
        rules that do not read the model, as in training). `verified`: (minor, major) findings the model
        confirmed with a minimal pair (MT801, MT803, MT303, ...). They count in the fluency as rule findings
        do: a sentence the model itself caught with a broken phrase does not read as fluent. The quality
        head reads the counts it was trained on."""
        segment = segment_features(scores, analysis, errors, rule_minor, rule_major)
        fluency_logit = float(self.fluency(segment[None, :])[0])
        quality_x = quality_features(segment, fluency_logit, scores.text, src)
        z = float(self.quality(quality_x[None, :])[0])
        if any(verified):
            fluency_logit = float(self.fluency(with_rule_counts(segment, rule_minor + verified[0],
                                                                rule_major + verified[1])[None, :])[0])
        intercept, slope = self.quality_da
        return Assessment(round(float(100.0 * _sigmoid(fluency_logit)), 1),
                          round(min(100.0, max(0.0, intercept + slope * z)), 1))


def _sigmoid(z):  # type: ignore[no-untyped-def]
    return 1.0 / (1.0 + np.exp(-np.clip(z, -50.0, 50.0)))


def word_features(scores: TokenScores, analysis: SegmentFluency) -> tuple[list[WordScore], np.ndarray]:
    """One row per scored word: the hidden state before it and after it, and `WORD_SCALARS`."""
    if scores.hidden is None or scores.entropies is None or scores.ranks is None:
        raise ValueError("the learned heads need token scores taken with features=True")
    text, n = scores.text, len(scores)
    words = [w for s in analysis.sentences for w in s.words]
    if not words or not n:
        return [], np.zeros((0, 2 * (scores.hidden.shape[1] if n else 0) + len(WORD_SCALARS)), np.float32)
    sentence_first = {s.words[0].start for s in analysis.sentences if s.words}
    starts = scores.starts
    ranges = [(bisect.bisect_left(starts, w.start), bisect.bisect_left(starts, w.end)) for w in words]
    slors = [w.slor for w in words]
    rows = []
    for i, (word, (a, b)) in enumerate(zip(words, ranges, strict=True)):
        surface = text[word.start:word.end]
        after = b if b < n else None
        rows.append((
            word.logprob,
            max(-lp for lp in scores.logprobs[a:b]),
            b - a,
            scores.entropies[a],
            math.log1p(scores.ranks[a]),
            -scores.logprobs[a] - scores.entropies[a],
            word.unigram_logprob,
            word.slor,
            scores.logprobs[after] if after is not None else 0.0,
            scores.entropies[after] if after is not None else 0.0,
            math.log1p(scores.ranks[after]) if after is not None else 0.0,
            slors[i - 1] if i > 0 else 0.0,
            slors[i + 1] if i + 1 < len(words) else 0.0,
            float(surface[:1].isupper()),
            float(word.start in sentence_first),
            float(not surface[:1].isalnum()),
            float(any(c.isdigit() for c in surface)),
            i / len(words),
        ))
    before = scores.hidden[[a for a, _ in ranges]]
    after_states = scores.hidden[[b if b < n else b - 1 for _, b in ranges]]
    return words, np.hstack([before, after_states, np.asarray(rows, np.float32)]).astype(np.float32)


GAP_SCALARS = ("drop_margin", "dropped_logprob", "margin_rank", "margin_below_best")


def gap_features(scores: TokenScores, analysis: SegmentFluency,
                 word_rows: tuple[list[WordScore], np.ndarray] | None = None) -> tuple[list[WordScore], np.ndarray]:
    """One row per place where a word may have been dropped (a word after a word of the same sentence,
    one space between; `mtqa.rules.language_model.drop_places`): the word's `word_features` and
    `GAP_SCALARS`, how much likelier the pass's best droppable word is there than the word itself, that
    word's log-probability, and the place's rank and distance from the sentence's best by that margin.
    `word_rows`: `word_features` of the same scores, when already computed."""
    if scores.dropped_logprobs is None:
        raise ValueError("the gap head needs token scores taken with features=True")
    words, x = word_rows if word_rows is not None else word_features(scores, analysis)
    text, starts = scores.text, scores.starts
    row = {w.start: i for i, w in enumerate(words)}
    places, rows = [], []
    for sentence in analysis.sentences:
        found = []
        for before, word in zip(sentence.words, sentence.words[1:]):
            a = bisect.bisect_left(starts, word.start)
            if a < len(starts) and starts[a] == word.start and text[word.start:word.end].isalpha() \
                    and text[before.start:before.end].isalpha() and text[before.end:word.start] == " ":
                found.append((scores.dropped_logprobs[a] - scores.logprobs[a], scores.dropped_logprobs[a], word))
        order = sorted(range(len(found)), key=lambda i: -found[i][0])
        best = found[order[0]][0] if found else 0.0
        for rank, i in enumerate(order):
            margin, dropped, word = found[i]
            places.append(word)
            rows.append(np.concatenate([x[row[word.start]],
                                        np.asarray((margin, dropped, min(rank, 5), margin - best), np.float32)]))
    width = x.shape[1] + len(GAP_SCALARS)
    return places, (np.vstack(rows) if rows else np.zeros((0, width), np.float32)).astype(np.float32)


def segment_features(scores: TokenScores, analysis: SegmentFluency, errors: Sequence[WordError],
                     rule_minor: int, rule_major: int) -> np.ndarray:
    """The mean hidden state over the segment's tokens and `SEGMENT_SCALARS`."""
    hidden = scores.hidden
    if hidden is None or scores.entropies is None:
        raise ValueError("the learned heads need token scores taken with features=True")
    n = len(scores)
    mean_state = hidden.mean(axis=0) if n else np.zeros(hidden.shape[1], np.float32)
    surprisal = -np.asarray(scores.logprobs, np.float64) if n else np.zeros(1)
    entropy = np.asarray(scores.entropies, np.float64) if n else np.zeros(1)
    words = [w for s in analysis.sentences for w in s.words]
    worst = sorted(w.slor for s in analysis.sentences for w in s.words[1:]) or [0.0]
    p = sorted((e.probability for e in errors), reverse=True) or [0.0]
    scalars = (
        float(surprisal.mean()), float(entropy.mean()), float((surprisal - entropy).mean()),
        analysis.slor, worst[0], float(np.mean(worst[:3])),
        p[0], float(np.mean(p[:3])), float(np.sum(p)), math.log1p(len(words)),
        repeated_share(scores.text), math.log1p(rule_minor), math.log1p(rule_major),
    )
    return np.concatenate([mean_state, np.asarray(scalars, np.float32)]).astype(np.float32)


def with_rule_counts(segment: np.ndarray, rule_minor: int, rule_major: int) -> np.ndarray:
    """`segment_features` with other rule counts (the last two of `SEGMENT_SCALARS`), the pass's part kept."""
    counted = segment.copy()
    counted[-2:] = (math.log1p(rule_minor), math.log1p(rule_major))
    return counted


def quality_features(segment: np.ndarray, fluency_logit: float, text: str, src: str | None) -> np.ndarray:
    """The segment features, the fluency head's logit, and `SOURCE_SCALARS` (neutral without a source)."""
    return np.concatenate([segment, np.asarray((fluency_logit, *source_signals(text, src)), np.float32)])


_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_NAME = re.compile(r"\b[A-Z][a-z]+\b")


def source_signals(text: str, src: str | None) -> tuple[float, ...]:
    """`SOURCE_SCALARS`: length ratio against the usual one, numbers and Latin-script names of the source
    missing from the translation, repeats the translation has and the source lacks, and coverage (the
    translation's length as a share of the expected one, capped at 1). All zero but coverage 1 without one."""
    if not src or not src.strip():
        return (0.0, 0.0, 0.0, 0.0, 0.0, 1.0)
    from mtqa.nlp import numbers

    expected = _expected_ratio(src) * max(1, len(src.strip()))
    ratio = len(text.strip()) / expected
    stated = numbers.source_numbers(src)
    found = {v for n in numbers.target_numbers(text) for v in n.values}
    numbers_missing = sum(1 for _, readings in stated if not readings & found) / len(stated) if stated else 0.0
    names = {m.group() for m in _NAME.finditer(src) if m.start() > 0}
    names_missing = sum(1 for name in names if name not in text) / len(names) if names else 0.0
    extra = max(0, _repeats(text) - _repeats(src))
    return (1.0, abs(math.log(max(ratio, 1e-3))), numbers_missing, names_missing, math.log1p(extra), min(1.0, ratio))


def _expected_ratio(src: str) -> float:
    """English characters per source character: about 3 for Chinese, 2.2 for Japanese or Korean, 1 else."""
    cjk = sum(1 for c in src if "\u3040" <= c <= "\u30ff" or "\u3400" <= c <= "\u9fff" or "\uac00" <= c <= "\ud7af")
    share = cjk / max(1, sum(1 for c in src if not c.isspace()))
    return 1.0 + 1.6 * share


def _repeats(text: str) -> int:
    """Occurrences beyond the first of repeated word bigrams."""
    words = [w.lower() for w in _WORD.findall(text)]
    return sum(count - 1 for count in ngram_counts(words, 2).values() if count > 1)


REPEAT_N = 3  # word n-grams: clean sentences almost never say the same three words twice


def repeated_share(text: str) -> float:
    """Share of the words covered by a word trigram that occurs three times or more in `text`.

    A language model finds a looping translation ("and the government and the government and the ...")
    highly predictable precisely because it copies itself, so raw fluency rewards the worst kind of
    hallucination; this share discounts it. A phrase said twice on purpose ("the talks in Moscow ...
    the talks in Moscow") is not counted; clean text scores 0.
    """
    words = _WORD.findall(text.lower())
    if len(words) < 2 * REPEAT_N:
        return 0.0
    counts = ngram_counts(words, REPEAT_N)
    covered: set[int] = set()
    for i in range(len(words) - REPEAT_N + 1):
        if counts[tuple(words[i:i + REPEAT_N])] >= 3:
            covered.update(range(i, i + REPEAT_N))
    return len(covered) / len(words)


def save_heads(path: Path, heads: Heads) -> None:
    """Write the heads as one .npz (float32 arrays plus a JSON header), through a temporary file."""
    arrays = {}
    for name in ("word", "fluency", "quality", "gap"):
        head: Linear | Mlp | None = getattr(heads, name)
        if head is None:
            continue
        if isinstance(head, Mlp):
            arrays[f"{name}_hidden"] = head.hidden.astype(np.float32)
            arrays[f"{name}_hidden_bias"] = head.hidden_bias.astype(np.float32)
        arrays[f"{name}_mean"] = head.mean.astype(np.float32)
        arrays[f"{name}_scale"] = head.scale.astype(np.float32)
        arrays[f"{name}_weights"] = head.weights.astype(np.float32)
        arrays[f"{name}_bias"] = np.asarray([head.bias], np.float32)
    header = {"format": FORMAT, "model": heads.model, "signature": heads.signature,
              "quality_da": list(heads.quality_da), "thresholds": heads.thresholds,
              "gap_signature": heads.gap_signature,
              "support": [heads.support_slope, heads.support_floor, heads.support_reading, heads.repeat_slope,
                          heads.repeat_free],
              "support_signature": heads.support_signature}
    arrays["header"] = np.frombuffer(json.dumps(header).encode(), dtype=np.uint8)
    temporary = path.with_name(path.name + ".tmp.npz")
    np.savez_compressed(temporary, **arrays)
    temporary.replace(path)


def heads_for(scorer: Scorer) -> Heads | None:
    """The heads trained for `scorer`'s model ("smollm2-135m" of a scorer named "smollm2-135m|..."), if any."""
    name = getattr(scorer, "name", None)
    return load_heads(name.split("|")[0]) if name else None


@lru_cache(maxsize=4)
def load_heads(model: str) -> Heads | None:
    """The trained heads of `model`, or None when none ship for it (the LM then gives its older fluency)."""
    path = HEADS_DIR / f"{model}.npz"
    return read_heads(path) if path.is_file() else None


def read_heads(path: Path) -> Heads | None:
    """The heads in one .npz written by `save_heads`; None for a file of another format version."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:8]
    with np.load(path) as data:
        header = json.loads(bytes(data["header"]).decode())
        if header.get("format") != FORMAT:
            return None
        linear = {name: _head(data, name) for name in ("word", "fluency", "quality", "gap") if f"{name}_weights" in data}
    intercept, slope = header["quality_da"]
    support_slope, support_floor, support_reading, repeat_slope, repeat_free = \
        (*header.get("support", (0.0, 0.0, 0.0)), 0.0, 0.0)[:5]
    return Heads(header["model"], linear["word"], linear["fluency"], linear["quality"],
                 (float(intercept), float(slope)), header["signature"], dict(header["thresholds"]), digest,
                 linear.get("gap"), header.get("gap_signature", ""),
                 float(support_slope), float(support_floor), float(support_reading),
                 header.get("support_signature", ""), float(repeat_slope), float(repeat_free))


def _head(data, name: str) -> Linear | Mlp:  # type: ignore[no-untyped-def]
    """One head of an .npz written by `save_heads`: an `Mlp` where it has a hidden layer, else a `Linear`."""
    mean, scale, weights, bias = (data[f"{name}_{part}"] for part in ("mean", "scale", "weights", "bias"))
    if f"{name}_hidden" in data:
        return Mlp(mean, scale, data[f"{name}_hidden"], data[f"{name}_hidden_bias"], weights, float(bias[0]))
    return Linear(mean, scale, weights, float(bias[0]))


def with_gap(heads: Heads, gap: Linear | Mlp, thresholds: dict[str, float], signature: str) -> Heads:
    """`heads` with a gap head, its run's signature and its thresholds (keys prefixed "gap_")."""
    merged = {k: v for k, v in heads.thresholds.items() if not k.startswith("gap_")}
    merged.update({f"gap_{k}": v for k, v in thresholds.items()})
    return replace(heads, gap=gap, gap_signature=signature, thresholds=merged, digest="")


def with_support(heads: Heads, slope: float, floor: float, reading: float, signature: str,
                 repeat_slope: float = 0.0, repeat_free: float = 0.0) -> Heads:
    """`heads` with the support and repeat discounts chosen by one run of `benchmarks.train_support`."""
    return replace(heads, support_slope=slope, support_floor=floor, support_reading=reading,
                   support_signature=signature, repeat_slope=repeat_slope, repeat_free=repeat_free, digest="")
