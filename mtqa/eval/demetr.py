"""DEMETR: which controlled perturbations the rules catch, how often clean MT is flagged, and paired detection.

Paired detection is the share of perturbed translations scored below their own clean version;
each perturbed record carries that clean version in `mt_clean`. Records are checked with their
source, so the number and name perturbations measure the source-aware rules (MT7xx).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from typing import Any

from mtqa.eval.base import Evaluator, Judgement, Table, register, source_aware
from mtqa.eval.metrics import Rate, spans_overlap
from mtqa.model import Finding, Severity

CLEAN = "none"  # the perturbation name of the unperturbed `clean` records

# The perturbations the target-side rules are meant to catch, by the kind of rule that should.
RULE_TARGETS: dict[str, tuple[str, ...]] = {
    "repetition": ("minor_id1_repeat2", "minor_id2_repeat4"),
    "case": ("minor_id31_full_lower", "minor_id32_first_lower", "minor_id15_case"),
    "punctuation": ("minor_id28_final_punc_removed", "minor_id29_punc_addition", "minor_id30_tokenized"),
    "codemix": ("critical_id4_codemix",),
}
# The perturbations only a comparison with the source can catch.
SOURCE_TARGETS = ("critical_id10_numbers_replaced", "critical_id9_ne_replaced", "critical_id25_ne_removed")
_SEVERITY_ORDER = {"minor": 0, "major": 1, "critical": 2, "base": 3}


def touches_diff(finding: Finding, spans: list[Mapping[str, Any]]) -> bool:
    """True when the finding overlaps one of the record's MT-side diff spans."""
    return any(span.get("side", "mt") == "mt" and spans_overlap(finding.start, finding.end, span["start"], span["end"])
               for span in spans)


def top_rules(counts: Counter[str], n: int = 3) -> str:
    return ", ".join(f"{code} {count}" for code, count in counts.most_common(n))


@register
class DemetrEvaluator(Evaluator):
    dataset = "demetr"

    def __init__(self) -> None:
        self.flagged: defaultdict[str, Rate] = defaultdict(Rate)
        self.on_span: defaultdict[str, Rate] = defaultdict(Rate)
        self.paired: defaultdict[str, Rate] = defaultdict(Rate)
        self.tied: Counter[str] = Counter()
        self.rules_fired: defaultdict[str, Counter[str]] = defaultdict(Counter)
        self.severity: dict[str, str] = {}
        self.clean_major = Rate()
        self.source_caught: defaultdict[str, Rate] = defaultdict(Rate)

    def texts(self, record: Mapping[str, Any]) -> dict[str, str]:
        texts = {"mt": record["mt"]}
        if record["perturbation"]["name"] != CLEAN:
            texts["mt_clean"] = record["mt_clean"]
        return texts

    def add(self, record: Mapping[str, Any], judged: Mapping[str, Judgement]) -> None:
        name = record["perturbation"]["name"]
        findings = judged["mt"].findings
        self.severity[name] = record["perturbation"]["severity"]
        self.flagged[name].add(bool(findings))
        self.rules_fired[name].update({f.rule for f in findings})
        if name in (*SOURCE_TARGETS, CLEAN):
            self.source_caught[name].add(bool(source_aware(findings, Severity.MAJOR)))
        if name == CLEAN:
            self.clean_major.add(any(f.severity.rank >= Severity.MAJOR.rank for f in findings))
            return
        self.on_span[name].add(any(touches_diff(f, record.get("spans") or []) for f in findings))
        perturbed, clean = judged["mt"].score, judged["mt_clean"].score
        self.paired[name].add(perturbed < clean)
        self.tied[name] += perturbed == clean

    def tables(self) -> list[Table]:
        tables = []
        targeted = tuple((group, name, self.flagged[name], self.on_span[name], top_rules(self.rules_fired[name]))
                         for group, names in RULE_TARGETS.items() for name in names if name in self.flagged)
        if targeted:
            tables.append(Table(
                "DEMETR: rule findings on the perturbations rules target",
                ("group", "perturbation", "with a finding", "finding on the diff span", "rules (records)"),
                targeted,
                "A finding of any severity; 'on the diff span' = a finding overlaps a changed word of `mt` "
                "(zero-width spans count when the finding touches the point)."))
        if CLEAN in self.flagged:
            tables.append(Table(
                "DEMETR: false alarms on clean translations",
                ("records", "with a finding", "with a major or critical finding", "rules (records)"),
                ((self.flagged[CLEAN].total, self.flagged[CLEAN], self.clean_major,
                  top_rules(self.rules_fired[CLEAN], 6)),)))
        if self.source_caught:
            tables.append(Table(
                "DEMETR: number and name perturbations caught with the source",
                ("perturbation", "with a major or critical MT7xx finding"),
                tuple(("clean (false alarms)" if name == CLEAN else name, self.source_caught[name])
                      for name in (*SOURCE_TARGETS, CLEAN) if name in self.source_caught),
                "MT7xx = the source-aware rules; on the clean translations every such finding is a false alarm."))
        if self.paired:
            names = sorted(self.paired, key=lambda n: (_SEVERITY_ORDER.get(self.severity[n], 9), n))
            tables.append(Table(
                "DEMETR: paired detection per perturbation",
                ("perturbation", "severity", "scored below clean", "tied", "with a finding"),
                tuple((n, self.severity[n], self.paired[n], self.tied[n], self.flagged[n]) for n in names),
                "Share of perturbed translations whose score is strictly below their clean version's; "
                "'tied' = same score (with the rules alone, both usually 100)."))
        return tables
