"""DEMETR, fixes: how often `mtqa fix` restores a perturbed translation exactly, and how often it changes a clean one.

Each perturbed record carries its unperturbed translation in `mt_clean`; a repair counts only when the
fixed text equals it character for character. The clean records (perturbation `none`) are checked,
manually edited MT: every change a fix makes there is listed, since safe fixes should leave them alone.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from typing import Any

from mtqa.eval.base import Evaluator, Judgement, Measures, Table, register
from mtqa.eval.changes import changing_rules, show_change
from mtqa.eval.demetr import CLEAN, RULE_TARGETS
from mtqa.eval.metrics import Rate

# The perturbations a mechanical fix can undo: a repeated word, lost capitals, punctuation.
FIX_GROUPS = ("repetition", "case", "punctuation")
TARGETS = frozenset(name for group in FIX_GROUPS for name in RULE_TARGETS[group])


@register
class DemetrFixEvaluator(Evaluator):
    dataset = "demetr"
    measures = Measures.FIXES

    def __init__(self) -> None:
        self.changed: defaultdict[str, Rate] = defaultdict(Rate)
        self.restored_safe: defaultdict[str, Rate] = defaultdict(Rate)
        self.restored_unsafe: defaultdict[str, Rate] = defaultdict(Rate)
        self.clean_changed_safe = Rate()
        self.clean_changed_unsafe = Rate()
        self.clean_changes: list[tuple[str, str, str, str]] = []  # (id, fixes, rules, change)
        self.clean_rules: Counter[str] = Counter()
        self.short_of_clean: list[tuple[str, str, str]] = []  # (id, rules, what still differs from mt_clean)

    def texts(self, record: Mapping[str, Any]) -> dict[str, str]:
        name = record["perturbation"]["name"]
        return {"mt": record["mt"]} if name == CLEAN or name in TARGETS else {}

    def add(self, record: Mapping[str, Any], judged: Mapping[str, Judgement]) -> None:
        name = record["perturbation"]["name"]
        if name == CLEAN:
            self._add_clean(record["id"], judged["mt"])
        elif name in TARGETS:
            mt, clean = judged["mt"], record["mt_clean"]
            fixed = mt.fixed_safe or ""
            self.changed[name].add(fixed != mt.text)
            self.restored_safe[name].add(fixed == clean)
            self.restored_unsafe[name].add(mt.fixed_unsafe == clean)
            if fixed not in (mt.text, clean):
                self.short_of_clean.append((record["id"], ", ".join(changing_rules(mt.text, fixed, mt.findings)),
                                            show_change(fixed, clean)))

    def _add_clean(self, identifier: str, mt: Judgement) -> None:
        self.clean_changed_safe.add(mt.fixed_safe != mt.text)
        self.clean_changed_unsafe.add(mt.fixed_unsafe != mt.text)
        for unsafe, fixed in ((False, mt.fixed_safe), (True, mt.fixed_unsafe)):
            if fixed != mt.text:
                rules = changing_rules(mt.text, fixed or "", mt.findings)
                self.clean_rules.update(f"{code} ({'unsafe' if unsafe else 'safe'})" for code in rules)
                self.clean_changes.append((identifier, "safe+unsafe" if unsafe else "safe", ", ".join(rules),
                                           show_change(mt.text, fixed or "")))

    def tables(self) -> list[Table]:
        tables = []
        rows = tuple((group, name, self.restored_safe[name], self.restored_unsafe[name], self.changed[name])
                     for group in FIX_GROUPS for name in RULE_TARGETS[group] if name in self.restored_safe)
        if rows:
            tables.append(Table(
                "DEMETR: perturbations restored exactly by the fixes",
                ("group", "perturbation", "restored (safe)", "restored (safe+unsafe)", "changed at all (safe)"),
                rows,
                "Restored = the fixed text equals the clean translation (`mt_clean`) character for character."))
        if self.clean_changed_safe.total:
            tables.append(Table(
                "DEMETR: clean translations the fixes change",
                ("records", "changed (safe)", "changed (safe+unsafe)", "rules (records)"),
                ((self.clean_changed_safe.total, self.clean_changed_safe, self.clean_changed_unsafe,
                  ", ".join(f"{rule} {count}" for rule, count in self.clean_rules.most_common())),),
                "Clean = the unperturbed, manually checked translation (perturbation `none`); aim: at most 0.01 "
                "changed by safe fixes. Each change is listed when the command runs."))
        if self.clean_changes:
            tables.append(Table("DEMETR: the clean translations the fixes change",
                                ("record", "fixes", "rules", "change"),
                                tuple(self.clean_changes), detail=True))
        if self.short_of_clean:
            tables.append(Table("DEMETR: perturbations the safe fixes changed but did not restore",
                                ("record", "rules", "fixed text → clean translation"),
                                tuple(self.short_of_clean), detail=True))
        return tables
