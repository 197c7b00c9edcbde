"""The synthetic artefact suite: recall per kind of MT artefact, and how often `mtqa fix` restores the text.

Clean, whole English sentences from the sets (the false-alarm audit's references, post-edits and checked
MT) each receive one injected artefact (`mtqa.eval.synthetic`); the clean originals are the controls.
A perturbed text counts as caught when a finding overlaps the injected span, and as restored when the
fixed text equals the clean original character for character.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Mapping, Sequence
from statistics import median
from typing import Any, ClassVar

from mtqa.errors import UsageError
from mtqa.eval.base import Evaluator, Judgement, Table, register
from mtqa.eval.false_alarms import CLEAN_FIELDS, clean_texts
from mtqa.eval.metrics import Rate, auroc, spans_overlap
from mtqa.eval.synthetic import KINDS, SUITE_VERSION, Generator, Injection, well_formed
from mtqa.model import Severity

CONTROL = "control"


@register
class ArtefactSuite(Evaluator):
    dataset = "synthetic"
    wants_fixes: ClassVar[bool] = True

    def __init__(self, kinds: Collection[str] | None = None) -> None:
        """`kinds`: keep only the sentences that get one of these kinds, and their controls (None: all). The
        generator still chooses for every sentence, so each kept injection is the one the whole suite has."""
        unknown = sorted(set(kinds or ()) - set(KINDS))
        if unknown:
            raise UsageError(f"unknown artefact kind {', '.join(unknown)}; known: {', '.join(KINDS)}")
        self.kinds = frozenset(kinds) if kinds else None
        self.generator = Generator()
        self.seen: set[str] = set()
        self.injected: dict[tuple[str, str], Injection] = {}  # (record id, key) -> injection
        self.caught: defaultdict[str, Rate] = defaultdict(Rate)
        self.caught_major: defaultdict[str, Rate] = defaultdict(Rate)
        self.restored_safe: defaultdict[str, Rate] = defaultdict(Rate)
        self.restored_unsafe: defaultdict[str, Rate] = defaultdict(Rate)
        self.catchers: defaultdict[str, Counter[str]] = defaultdict(Counter)
        self.control_any, self.control_major = Rate(), Rate()
        self.control_changed_safe, self.control_changed_unsafe = Rate(), Rate()
        self.control_rules: defaultdict[str, Counter[str]] = defaultdict(Counter)  # rule -> severity -> count
        self.fluency_clean: list[float] = []  # with a language model's heads: the controls' fluency
        self.fluency_damaged: defaultdict[str, list[float]] = defaultdict(list)  # kind -> fluency

    def accepts(self, dataset: str) -> bool:
        return dataset in CLEAN_FIELDS

    def texts(self, record: Mapping[str, Any]) -> dict[str, str]:
        out: dict[str, str] = {}
        src = record.get("src") if isinstance(record.get("src"), str) else None
        for key, text in clean_texts(record).items():
            if text in self.seen or not well_formed(text):
                continue
            self.seen.add(text)
            injection = self.generator.inject(text, src)
            if self.kinds is not None and (injection is None or injection.kind not in self.kinds):
                continue
            out[f"{CONTROL}:{key}"] = text
            if injection is not None:
                out[f"{injection.kind}:{key}"] = injection.text
                self.injected[(record["id"], f"{injection.kind}:{key}")] = injection
        return out

    def add(self, record: Mapping[str, Any], judged: Mapping[str, Judgement]) -> None:
        controls = {key.split(":", 1)[1]: j for key, j in judged.items() if key.startswith(f"{CONTROL}:")}
        for control in controls.values():
            self._add_control(control)
        for key, judgement in judged.items():
            injection = self.injected.pop((record["id"], key), None)
            if injection is not None:
                self._add_injected(injection, judgement, controls[key.split(":", 1)[1]].text)

    def _add_control(self, control: Judgement) -> None:
        self.control_any.add(bool(control.findings))
        self.control_major.add(any(f.severity.rank >= Severity.MAJOR.rank for f in control.findings))
        self.control_changed_safe.add(control.fixed_safe != control.text)
        self.control_changed_unsafe.add(control.fixed_unsafe != control.text)
        for finding in control.findings:
            self.control_rules[finding.rule][finding.severity.value] += 1
        if control.fluency is not None:
            self.fluency_clean.append(control.fluency)

    def _add_injected(self, injection: Injection, judgement: Judgement, original: str) -> None:
        hits = [f for f in judgement.findings if spans_overlap(f.start, f.end, injection.start, injection.end)]
        kind = injection.kind
        self.caught[kind].add(bool(hits))
        self.caught_major[kind].add(any(f.severity.rank >= Severity.MAJOR.rank for f in hits))
        self.restored_safe[kind].add(judgement.fixed_safe == original)
        self.restored_unsafe[kind].add(judgement.fixed_unsafe == original)
        self.catchers[kind].update({f.rule for f in hits})
        if judgement.fluency is not None:
            self.fluency_damaged[kind].append(judgement.fluency)

    def tables(self) -> list[Table]:
        if not self.caught:
            return []
        kinds = [k for k in KINDS if k in self.caught]
        rows = [(kind, self.caught[kind].total, self.caught[kind], self.caught_major[kind],
                 self.restored_safe[kind], self.restored_unsafe[kind],
                 ", ".join(f"{rule} {n}" for rule, n in self.catchers[kind].most_common(3)))
                for kind in kinds]
        rows.append(("all kinds", sum(self.caught[k].total for k in kinds), _total(self.caught, kinds),
                     _total(self.caught_major, kinds), _total(self.restored_safe, kinds),
                     _total(self.restored_unsafe, kinds), ""))
        tables = [Table("Synthetic artefacts: recall and restoration per kind",
                        ("kind", "injected", "caught", "caught by a major finding", "restored by fix",
                         "restored by fix --unsafe-fixes", "rules that caught it"),
                        tuple(rows),
                        f"Suite v{SUITE_VERSION}: one artefact injected into each clean sentence (mtqa/eval/synthetic.py). "
                        "Caught: a finding overlaps the injected span. Restored: the fixed text equals the clean "
                        "sentence exactly.")]
        tables.append(Table("Synthetic artefacts: the clean controls",
                            ("controls", "with any finding", "with a major finding", "changed by fix",
                             "changed by fix --unsafe-fixes"),
                            ((self.control_any.total, self.control_any, self.control_major, self.control_changed_safe,
                              self.control_changed_unsafe),),
                            "The clean sentences the artefacts were injected into, checked and fixed as they are."))
        tables.append(Table("Synthetic artefacts: findings on the controls per rule",
                            ("rule", "minor", "major", "critical"),
                            tuple((rule, counts["minor"], counts["major"], counts["critical"])
                                  for rule, counts in sorted(self.control_rules.items())),
                            "Rules that never fired on the controls are not listed."))
        if self.fluency_clean and self.fluency_damaged:
            tables.append(self._fluency_table([k for k in KINDS if k in self.fluency_damaged]))
        return tables

    def _fluency_table(self, kinds: list[str]) -> Table:
        clean = self.fluency_clean
        below = Rate(sum(1 for f in clean if f < 50), len(clean))
        every = [f for k in kinds for f in self.fluency_damaged[k]]
        rows: list[tuple[str, int, float, Rate | None, float | None]] = [
            ("clean controls", len(clean), median(clean), below, None)]
        rows += [(kind, len(damaged), median(damaged), Rate(sum(1 for f in damaged if f < 50), len(damaged)),
                  _clean_above(clean, damaged))
                 for kind, damaged in [*((k, self.fluency_damaged[k]) for k in kinds), ("all kinds", every)]]
        return Table("Synthetic artefacts: fluency, clean against damaged",
                     ("texts", "count", "median fluency", "below 50", "AUROC, clean above damaged"),
                     tuple(rows),
                     "Fluency 0-100 as `mtqa check` reports it (the language model's heads). AUROC: the chance that "
                     "a clean control reads more fluent than a damaged sentence of this kind (ties count half).")


def _clean_above(clean: Sequence[float], damaged: Sequence[float]) -> float | None:
    return auroc([*clean, *damaged], [True] * len(clean) + [False] * len(damaged))


def _total(rates: Mapping[str, Rate], kinds: list[str]) -> Rate:
    total = Rate()
    for kind in kinds:
        total.hits += rates[kind].hits
        total.total += rates[kind].total
    return total
