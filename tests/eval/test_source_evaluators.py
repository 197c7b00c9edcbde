"""The source- and MQM-aware evaluators of issue 7: MQM spans and tau, critical errors, DEMETR with the source."""

import re

import pytest

from mtqa.eval import evaluate
from mtqa.model import Severity
from mtqa.pipeline import Pipeline
from mtqa.rules.registry import RULES, Match, Rule
from tests.eval.conftest import STUB_RULES, demetr_record, table


def _source_rule(code: str, severity: Severity) -> Rule:
    """A stub source-aware rule: flags a number of the text that the source lacks."""
    def check(ctx):
        for m in re.finditer(r"\d+", ctx.text):
            if ctx.segment.src is not None and m.group() not in ctx.segment.src:
                yield Match(m.start(), m.end(), f"number {m.group()} not in the source", severity=severity)

    return Rule(code, f"stub-{code.lower()}", "accuracy/number", Severity.MAJOR, check, "Stub.", reads_source=True)


def _minor_if_odd(code: str) -> Rule:
    """Like `_source_rule`, but an odd number not in the source is only a minor finding."""
    def check(ctx):
        for m in re.finditer(r"\d+", ctx.text):
            if ctx.segment.src is not None and m.group() not in ctx.segment.src and int(m.group()) % 2:
                yield Match(m.start(), m.end(), "odd number", severity=Severity.MINOR)

    return Rule(code, f"stub-{code.lower()}", "accuracy/number", Severity.MINOR, check, "Stub.", reads_source=True)


@pytest.fixture(autouse=True)
def _registered(monkeypatch):
    """The stub rules in the registry, where the evaluators read which rules read the source."""
    for stub in (_source_rule("MT791", Severity.MAJOR), _minor_if_odd("MT792"), *STUB_RULES):
        monkeypatch.setitem(RULES, stub.code, stub)


def _mqm(dataset: str, n: int, mt: str, spans: list[tuple[int, int, str]], penalty: float) -> dict:
    field = {"mqm_wmt23_zhen": "mqm_penalty_mean", "mqm_ted21_zhen": "mqm_penalty"}[dataset]
    return {"id": f"{dataset}/sys/{n}", "src": "源", "mt": mt, "ref": None, "scores": {field: penalty},
            "spans": [{"side": "mt", "start": s, "end": e, "text": mt[s:e], "category": c, "severity": "Minor"}
                      for s, e, c in spans] + [{"side": "src", "start": 0, "end": 1, "text": "源",
                                                "category": "Source error", "severity": "Minor"}]}


def test_mqm_character_spans_and_kendall_tau_per_set(write_jsonl):
    path = write_jsonl("mqm.jsonl", [
        # XX (4-6) is a major stub finding inside a fluency span; the raters also marked "The" (accuracy)
        _mqm("mqm_wmt23_zhen", 1, "The XX talks ended.", [(4, 6, "Fluency/Grammar"), (0, 3, "Accuracy/Other"),
                                                         (4, 6, "Fluency/Spelling")], 6.0),
        _mqm("mqm_wmt23_zhen", 2, "Fine text.", [], 0.0),
        _mqm("mqm_wmt23_zhen", 3, "A yy text.", [(2, 4, "Style/Awkward")], 1.0),
        _mqm("mqm_ted21_zhen", 1, "Fine text.", [(0, 4, "Accuracy/Mistranslation")], 5.0),
    ])
    tables = evaluate([path], Pipeline(STUB_RULES), audit=False).tables()
    spans = {(row[0], row[1]): row[2:] for row in table(tables, "MQM zh-en: mtqa's spans").rows}
    # all: mtqa 4 chars (XX, yy), raters 5 + 2 chars, 4 shared
    assert spans[("mqm_wmt23_zhen", "all categories")] == pytest.approx((1.0, 4 / 7, 2 * 4 / 7 / (1 + 4 / 7), 4, 7))
    # fluency: mtqa's stub findings are all fluency (4 chars); the raters' fluency span is XX alone
    assert spans[("mqm_wmt23_zhen", "fluency only")] == pytest.approx((0.5, 1.0, 2 / 3, 4, 2))
    assert spans[("mqm_ted21_zhen", "all categories")][:3] == (None, 0.0, None)

    taus = {row[0]: row[1:] for row in table(tables, "MQM zh-en: Kendall").rows}
    segments, flagged, tau_score, tau_penalty = taus["mqm_wmt23_zhen"]
    assert segments == 3 and (flagged.hits, flagged.total) == (2, 3)
    assert tau_score == pytest.approx(1.0) and tau_penalty == pytest.approx(1.0)
    assert taus["mqm_ted21_zhen"][2:] == (None, None)  # one segment: no pairs to rank


def test_critical_error_detection_by_the_source_aware_rules(write_jsonl):
    rules = [_source_rule("MT791", Severity.MAJOR), _minor_if_odd("MT792"), *STUB_RULES]

    def ced(n: int, src: str, mt: str, critical: int) -> dict:
        return {"id": f"wmt22_ced_pten/test/{n}", "src": src, "mt": mt, "ref": mt,
                "labels": {"critical_error": critical}}

    path = write_jsonl("ced.jsonl", [
        ced(1, "Custa 10 euros.", "It costs 12 euros.", 1),  # caught (major)
        ced(2, "Custa 10 euros.", "It costs 10 euros.", 1),  # missed
        ced(3, "Custa 10 euros.", "It costs 10 euros.", 0),  # right
        ced(4, "Há 3 gatos.", "There are 3 XX cats.", 0),  # a target-side finding is no source alarm
    ])
    rows = {row[0]: row[1:] for row in table(evaluate([path], Pipeline(rules), audit=False).tables(), "WMT22").rows}
    tp, fp, fn, tn, precision, recall, value = rows["MT7xx major or critical"]
    assert (tp, fp, fn, tn) == (1, 0, 1, 2)
    assert (precision, recall) == (1.0, 0.5)
    assert value == pytest.approx(2 / (1 * 2 * 3 * 2) ** 0.5)
    assert rows["MT7xx any severity"][:4] == (1, 0, 1, 2)


def test_demetr_number_perturbations_and_clean_false_alarms_with_the_source(write_jsonl):
    def record(name: str, item: int, mt: str) -> dict:
        return {**demetr_record(name, item, mt, "It costs 10 euros.", severity="critical"), "src": "Es kostet 10 Euro."}

    path = write_jsonl("demetr.jsonl", [
        record("critical_id10_numbers_replaced", 1, "It costs 12 euros."),
        record("critical_id10_numbers_replaced", 2, "It costs 10 euros more."),
        record("critical_id9_ne_replaced", 3, "It costs 10 euros."),
        record("none", 1, "It costs 10 euros."),
        record("none", 2, "It costs 14 euros."),
    ])
    rules = [_source_rule("MT791", Severity.MAJOR)]
    rows = {row[0]: row[1] for row in table(evaluate([path], Pipeline(rules), audit=False).tables(), "DEMETR: number").rows}
    assert {name: (rate.hits, rate.total) for name, rate in rows.items()} == {
        "critical_id10_numbers_replaced": (1, 2), "critical_id9_ne_replaced": (0, 1), "clean (false alarms)": (1, 2)}


def test_false_alarm_audit_reports_source_aware_findings_on_human_translations(write_jsonl):
    path = write_jsonl("ced.jsonl", [
        {"id": "wmt22_ced_pten/test/1", "src": "Custa 10 euros.", "mt": "x", "ref": "It costs 12 euros.",
         "labels": {"critical_error": 0}},
        {"id": "wmt22_ced_pten/test/2", "src": "Custa 11 euros.", "mt": "x", "ref": "It costs 13 euros.",
         "labels": {"critical_error": 0}},
        {"id": "wmt22_ced_pten/test/3", "src": "Custa 10 euros.", "mt": "x", "ref": "It costs 10 euros.",
         "labels": {"critical_error": 0}},
    ])
    rules = [_minor_if_odd("MT792"), *STUB_RULES]
    (row,) = table(evaluate([path], Pipeline(rules)).tables(), "False-alarm audit: clean texts with a source-aware").rows
    source, major, anything = row
    assert source == "wmt22_ced_pten.ref"
    assert (major.hits, major.total) == (0, 3) and (anything.hits, anything.total) == (1, 3)
