"""The language-model stage: score segments in batches and give each an `LMView`.

Rules see it through `SegmentContext.lm`; the pipeline takes the segment's 0-100 `fluency` from it, and
`mtqa.scoring.combined` folds that into the segment score. "Fluency" is always that 0-100 number;
`analysis` holds the per-sentence and per-word figures it comes from (mtqa/lm/fluency.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from mtqa.lm.base import Scorer, TokenScores
from mtqa.lm.fluency import SegmentFluency, fluency
from mtqa.lm.heads import Assessment, Heads, WordError, heads_for, repeated_share
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
        that the model confirmed (`verified_counts`)."""
        if self.heads is None:
            return None
        minor, major = rule_counts(findings)
        return self.heads.assess(self.scores, self.analysis, self.word_errors, minor, major, src,
                                 verified_counts(verified))

    def word_surprisals(self) -> list[tuple[int, int, float]]:
        """(start, end, surprisal in nats) of every scored word and punctuation mark, for reports."""
        return [(w.start, w.end, round(-w.logprob, 2)) for s in self.analysis.sentences for w in s.words]


class LMStage:
    def __init__(self, scorer: Scorer):
        self.scorer = scorer
        self.heads = heads_for(scorer)

    def views(self, segments: Sequence[Segment]) -> list[LMView]:
        """One LMView per segment, in order; texts are scored in one batch, in one forward pass each."""
        texts = [s.text for s in segments]
        heads = self.heads
        if not texts:
            scored = []
        else:  # a scorer of a model without heads is asked as before: older Scorer subclasses know no features
            scored = self.scorer.score(texts, features=True) if heads is not None else self.scorer.score(texts)
        views = []
        for text, scores in zip(texts, scored, strict=True):
            analysis = fluency(text, scores, split_sentences(text))
            errors, gaps = heads.read(scores, analysis) if heads is not None else ((), ())
            views.append(LMView(scores, analysis, heads, errors, gaps))
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
