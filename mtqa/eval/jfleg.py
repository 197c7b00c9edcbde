"""JFLEG, fixes: GLEU of the text `mtqa fix` leaves against the four human corrections, beside the unchanged input.

JFLEG is learner English, not MT, but a fix that makes it worse there would make MT worse too: fixes
must raise GLEU, never lower it, so every sentence whose GLEU a fix lowers is listed (on the terminal
only: the set's licence keeps its text out of this repository) with the rules whose fixes did it.

The records are detokenised; the fixed text, the input and the corrections are all tokenised with
sacrebleu's `13a` tokeniser before GLEU. The set's own PTB tokens (`mt_tok`, `refs_tok`) give the
copied input's GLEU as the published tables compute it, a check on this implementation.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sacrebleu.tokenizers.tokenizer_13a import Tokenizer13a

from mtqa.eval.base import Evaluator, Judgement, Measures, Table, register
from mtqa.eval.changes import changing_rules, show_change
from mtqa.eval.gleu import ITERATIONS, Stats, Tokens, corpus_gleu, gleu_stats, reference_draws, sentence_gleu
from mtqa.eval.metrics import Rate

_tokenize = Tokenizer13a()
INPUT, SAFE, UNSAFE, INPUT_PTB = "input copied (baseline)", "safe fixes", "safe+unsafe fixes", "input copied, PTB tokens"


def tokens(text: str) -> list[str]:
    return _tokenize(text).split()


@dataclass(slots=True)
class System:
    """One way of producing a hypothesis per sentence: its GLEU counts per reference and sentence scores."""

    stats: list[list[Stats]] = field(default_factory=list)
    sentence_scores: list[float] = field(default_factory=list)
    changed: Rate = field(default_factory=Rate)

    def add(self, hypothesis: Tokens, source: Tokens, references: list[Tokens], changed: bool) -> float:
        self.stats.append([gleu_stats(hypothesis, source, r) for r in references])
        self.sentence_scores.append(sentence_gleu(hypothesis, source, references))
        self.changed.add(changed)
        return self.sentence_scores[-1]


@register
class JflegFixEvaluator(Evaluator):
    dataset = "jfleg"
    measures = Measures.FIXES

    def __init__(self) -> None:
        self.systems = {name: System() for name in (INPUT, SAFE, UNSAFE, INPUT_PTB)}
        self.by_rule: Counter[tuple[str, str, str]] = Counter()  # (fixes, rule, raised/unchanged/lowered)
        self.lowered: list[tuple[str, str, str, str, str]] = []

    def add(self, record: Mapping[str, Any], judged: Mapping[str, Judgement]) -> None:
        mt = judged["mt"]
        source, references = tokens(mt.text), [tokens(r) for r in record["refs"]]
        if not references:
            raise ValueError(f"{record['id']}: no corrections in `refs`")
        baseline = self.systems[INPUT].add(source, source, references, changed=False)
        ptb_source = record["mt_tok"].split()
        self.systems[INPUT_PTB].add(ptb_source, ptb_source, [r.split() for r in record["refs_tok"]], changed=False)
        for name, unsafe, fixed in ((SAFE, False, mt.fixed_safe), (UNSAFE, True, mt.fixed_unsafe)):
            assert fixed is not None  # the judge fixes every text of a FIXES evaluator
            score = self.systems[name].add(tokens(fixed), source, references, changed=fixed != mt.text)
            if fixed == mt.text:
                continue
            rules = changing_rules(mt.text, fixed, mt.findings)
            outcome = "raised" if score > baseline else "lowered" if score < baseline else "unchanged"
            self.by_rule.update((name, rule, outcome) for rule in rules)
            if outcome == "lowered" and not (unsafe and fixed == mt.fixed_safe):
                self.lowered.append((record["id"], name, ", ".join(rules), f"{100 * baseline:.1f} → {100 * score:.1f}",
                                     show_change(mt.text, fixed)))

    def tables(self) -> list[Table]:
        baseline = self.systems[INPUT]
        if not baseline.stats:
            return []
        draws = reference_draws([len(per_reference) for per_reference in baseline.stats])
        rows = []
        for name, system in self.systems.items():
            corpus = corpus_gleu(system.stats, draws)
            compared = [(s > b, s < b) for s, b in zip(system.sentence_scores, baseline.sentence_scores, strict=True)]
            is_fix = name in (SAFE, UNSAFE)
            rows.append((name, system.changed if is_fix else None, 100 * corpus.mean, 100 * corpus.std,
                         100 * sum(system.sentence_scores) / len(system.sentence_scores),
                         sum(up for up, _ in compared) if is_fix else None,
                         sum(down for _, down in compared) if is_fix else None))
        tables = [Table(
            "JFLEG: GLEU of the fixed text against the corrections",
            ("text", "sentences changed", "corpus GLEU", "std", "mean sentence GLEU", "sentences raised",
             "sentences lowered"),
            tuple(rows),
            f"GLEU × 100. Corpus GLEU: mean over {ITERATIONS} draws of one correction per sentence (std over the draws), "
            "13a tokens; sentence GLEU: mean over the corrections, smoothed; raised/lowered: sentence GLEU "
            "against the copied input. The PTB row is the copied input on the set's own tokens.")]
        rules = sorted({(fixes, rule) for fixes, rule, _ in self.by_rule})
        if rules:
            tables.append(Table(
                "JFLEG: sentence GLEU after each rule's fixes",
                ("fixes", "rule", "raised", "unchanged", "lowered"),
                tuple((fixes, rule, *(self.by_rule[(fixes, rule, outcome)]
                                      for outcome in ("raised", "unchanged", "lowered"))) for fixes, rule in rules),
                "Sentences whose fixed text scores above, equal to or below the copied input; a sentence fixed "
                "by several rules counts for each; 'other' = a change no finding of the rules explains."))
        if self.lowered:
            tables.append(Table("JFLEG: sentences whose GLEU the fixes lowered",
                                ("record", "fixes", "rules", "sentence GLEU", "change"),
                                tuple(self.lowered), detail=True))
        return tables
