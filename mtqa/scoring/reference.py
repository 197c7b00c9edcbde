"""Reference-based metrics with sacrebleu: sentence BLEU, chrF and TER per segment; corpus scores with
bootstrap confidence intervals and sacrebleu's signature.

Offline only: BLEU uses the built-in '13a' tokenizer, chrF and TER their defaults; nothing here calls
sacrebleu's test-set download functions or a tokenizer that fetches a model.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sacrebleu.metrics import BLEU, CHRF, TER

BOOTSTRAP_SAMPLES = 1000
# sacrebleu resamples all statistics at once (samples x segments x statistics floats): fewer samples for
# big corpora keep that under ~40 MB per metric; the signature's "bs:" shows how many were used.
BOOTSTRAP_BUDGET = 10_000_000
MIN_BOOTSTRAP_SAMPLES = 100


def _metrics(effective_order: bool) -> dict[str, BLEU | CHRF | TER]:
    return {"bleu": BLEU(tokenize="13a", effective_order=effective_order), "chrf": CHRF(), "ter": TER()}


@dataclass(frozen=True, slots=True)
class SegmentMetrics:
    """Sentence-level scores of one translation against its reference (BLEU and chrF higher is better, TER lower)."""

    bleu: float
    chrf: float
    ter: float

    def to_dict(self) -> dict[str, float]:
        return {"bleu": round(self.bleu, 2), "chrf": round(self.chrf, 2), "ter": round(self.ter, 2)}


_SENTENCE = _metrics(effective_order=True)


def segment_metrics(hypothesis: str, reference: str) -> SegmentMetrics:
    """Sentence BLEU (effective order, so short segments do not score 0), chrF and TER."""
    scores = {name: metric.sentence_score(hypothesis, [reference]).score for name, metric in _SENTENCE.items()}
    return SegmentMetrics(**scores)


@dataclass(frozen=True, slots=True)
class CorpusScore:
    """A corpus score with sacrebleu's bootstrap estimate: mean ± half the 95% interval."""

    name: str
    score: float
    mean: float | None
    ci: float | None
    signature: str

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"score": round(self.score, 2), "signature": self.signature}
        if self.mean is not None and self.ci is not None:
            out["bootstrap_mean"] = round(self.mean, 2)
            out["ci95"] = round(self.ci, 2)
        return out


def corpus_scores(hypotheses: list[str], references: list[str],
                  n_bootstrap: int = BOOTSTRAP_SAMPLES) -> list[CorpusScore]:
    """BLEU, chrF and TER of a whole corpus; with n_bootstrap > 1, sacrebleu's bootstrap resampling
    (seed 12345 unless SACREBLEU_SEED says otherwise) gives the confidence interval."""
    if len(hypotheses) != len(references):
        raise ValueError(f"{len(hypotheses)} translations but {len(references)} references")
    out = []
    for name, metric in _metrics(effective_order=False).items():
        affordable = max(MIN_BOOTSTRAP_SAMPLES, BOOTSTRAP_BUDGET // max(len(hypotheses), 1))
        bootstrap = min(n_bootstrap, affordable) if len(hypotheses) > 1 else 1
        score = metric.corpus_score(hypotheses, [references], n_bootstrap=bootstrap)
        signature = str(metric.get_signature())
        estimate = json.loads(score.format(signature=signature, is_json=True))
        out.append(CorpusScore(name, score.score, estimate.get("confidence_mean"), estimate.get("confidence_var"),
                               signature))
    return out


@dataclass
class ReferenceTotals:
    """Translations and references seen so far, for corpus scores at the end of a run."""

    hypotheses: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)

    def add(self, hypothesis: str, reference: str) -> None:
        self.hypotheses.append(hypothesis)
        self.references.append(reference)

    def to_dict(self, n_bootstrap: int = BOOTSTRAP_SAMPLES) -> dict[str, Any] | None:
        if not self.hypotheses:
            return None
        scores = corpus_scores(self.hypotheses, self.references, n_bootstrap)
        return {"segments": len(self.hypotheses), **{s.name: s.to_dict() for s in scores}}
