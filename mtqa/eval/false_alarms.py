"""False-alarm audit: every rule over human-written or human-checked English in the sets, per 1,000 sentences.

Any finding on these texts is counted as a false alarm. That overstates a little (references have the odd
real slip), but it is the honest upper bound a precision-minded user needs. Each distinct text counts once.
The texts are checked with their record's source, so the source-aware rules (MT7xx) are audited too.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from mtqa.eval.base import Evaluator, Judgement, Table, source_aware
from mtqa.eval.metrics import Rate
from mtqa.model import Severity
from mtqa.nlp.tokens import split_sentences

# Clean English per dataset: the fields holding a reference, a post-edit or checked MT.
CLEAN_FIELDS: dict[str, tuple[str, ...]] = {
    "demetr": ("mt_clean", "ref"),
    "mlqe_pe": ("pe", "refs"),
    "mqm_ted21_zhen": ("ref",),
    "mqm_wmt23_zhen": ("ref",),
    "wmt22_ced_pten": ("ref",),
}
CONTEXT_CHARS = 40


def clean_texts(record: Mapping[str, Any]) -> dict[str, str]:
    """The record's clean English texts (`CLEAN_FIELDS`), by field (a list field by `field[index]`)."""
    texts: dict[str, str] = {}
    for field in CLEAN_FIELDS[record["id"].split("/", 1)[0]]:
        value = record.get(field)
        values = value if isinstance(value, list) else [value]
        for index, text in enumerate(values):
            if isinstance(text, str) and text.strip():
                texts[f"{field}[{index}]" if isinstance(value, list) else field] = text
    return texts


@dataclass(slots=True)
class Example:
    count: int
    context: str


def in_context(text: str, start: int, end: int) -> str:
    """The flagged span marked with ⟦ ⟧ inside up to CONTEXT_CHARS characters either side."""
    left, right = max(0, start - CONTEXT_CHARS), min(len(text), end + CONTEXT_CHARS)
    return ("…" if left else "") + text[left:start] + "⟦" + text[start:end] + "⟧" + text[end:right] + \
        ("…" if right < len(text) else "")


class FalseAlarmAudit(Evaluator):
    dataset = "false-alarms"

    def __init__(self, examples: int = 0) -> None:
        self.examples = examples
        self.seen: set[bytes] = set()
        self.texts_by_source: Counter[str] = Counter()
        self.sentences: Counter[str] = Counter()
        self.findings: defaultdict[str, Counter[str]] = defaultdict(Counter)  # rule -> source -> count
        self.severities: defaultdict[str, Counter[str]] = defaultdict(Counter)  # rule -> severity -> count
        self.names: dict[str, str] = {}
        self.flagged: defaultdict[str, dict[str, Example]] = defaultdict(dict)  # rule -> flagged text -> example
        self.source_major: defaultdict[str, Rate] = defaultdict(Rate)  # source -> texts with an MT7xx major+
        self.source_any: defaultdict[str, Rate] = defaultdict(Rate)

    def accepts(self, dataset: str) -> bool:
        return dataset in CLEAN_FIELDS

    def texts(self, record: Mapping[str, Any]) -> dict[str, str]:
        return clean_texts(record)

    def add(self, record: Mapping[str, Any], judged: Mapping[str, Judgement]) -> None:
        dataset = record["id"].split("/", 1)[0]
        for key, judgement in judged.items():
            digest = hashlib.blake2b(judgement.text.encode(), digest_size=16).digest()
            if digest in self.seen:
                continue
            self.seen.add(digest)
            source = f"{dataset}.{key.split('[', 1)[0]}"
            self.texts_by_source[source] += 1
            self.sentences[source] += max(1, len(split_sentences(judgement.text)))
            if record.get("src"):
                self.source_major[source].add(bool(source_aware(judgement.findings, Severity.MAJOR)))
                self.source_any[source].add(bool(source_aware(judgement.findings)))
            for finding in judgement.findings:
                self.findings[finding.rule][source] += 1
                self.severities[finding.rule][finding.severity.value] += 1
                self.names[finding.rule] = finding.name
                # a zero-width or blank finding is told apart by its message ("missing number 12")
                flagged = finding.text if finding.text.strip() else f"({finding.message})"
                example = self.flagged[finding.rule].get(flagged)
                if example is None:
                    context = in_context(judgement.text, finding.start, finding.end)
                    self.flagged[finding.rule][flagged] = Example(1, context)
                else:
                    example.count += 1

    def tables(self) -> list[Table]:
        if not self.texts_by_source:
            return []
        sources = sorted(self.texts_by_source)
        total_sentences = sum(self.sentences.values())
        tables = [Table("False-alarm audit: the clean English read",
                        ("source", "distinct texts", "sentences"),
                        tuple((s, self.texts_by_source[s], self.sentences[s]) for s in sources)
                        + (("all", sum(self.texts_by_source.values()), total_sentences),))]
        rows = []
        for rule in sorted(self.findings):
            per_source = self.findings[rule]
            severities = self.severities[rule]
            rows.append((rule, self.names[rule], sum(per_source.values()), severities["minor"],
                         severities["major"] + severities["critical"],
                         _per_thousand(sum(per_source.values()), total_sentences),
                         *(_per_thousand(per_source[s], self.sentences[s]) for s in sources)))
        tables.append(Table("False-alarm audit: findings per 1,000 clean sentences",
                            ("rule", "name", "findings", "minor", "major or critical", "per 1k (all)",
                             *(f"per 1k {s}" for s in sources)),
                            tuple(rows), "Every finding counts, minor ones included (MT8xx too, with the "
                                         "language model). Rules that never fired on this text are not listed."))
        if self.source_major:
            tables.append(Table("False-alarm audit: clean texts with a source-aware finding",
                                ("source", "major or critical MT7xx", "any MT7xx"),
                                tuple((s, self.source_major[s], self.source_any[s]) for s in sorted(self.source_major)),
                                "Texts checked against their record's source; every MT7xx finding counts as a false "
                                "alarm."))
        if self.examples:
            tables.append(Table(f"False-alarm audit: the {self.examples} most frequent flagged texts per rule",
                                ("rule", "times", "flagged", "example in context"),
                                tuple((rule, example.count, flagged, example.context)
                                      for rule in sorted(self.flagged)
                                      for flagged, example in sorted(self.flagged[rule].items(),
                                                                     key=lambda item: -item[1].count)
                                      [: self.examples]),
                                detail=True))
        return tables


def _per_thousand(count: int, sentences: int) -> float | None:
    return round(1000 * count / sentences, 1) if sentences else None
