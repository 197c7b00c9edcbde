"""The model's work per window is bounded (mtqa.fixes.verify.WINDOW_BUDGET): a long loop with a finding in
every copy costs time in proportion to its length, and what is left unasked stays only if it stands
without the model."""

from dataclasses import replace

import pytest

from mtqa.fixes import verify
from mtqa.model import Applicability, Edit, Finding, Fix, Severity
from mtqa.rules.registry import lookup

TEXT = "The dog " * 40  # one sentence of 320 characters: the budget buys 100 candidates of it
RULES = {code: lookup(code) for code in ("MT101", "MT103", "MT801")}
RULES["MT301"] = replace(lookup("MT301"), repairs=None)  # only the fixes the test gives


def _finding(code: str, severity: Severity, start: int, end: int, fixes: int) -> Finding:
    return Finding(code, code, "fluency/test", severity, start, end, TEXT[start:end], "test",
                   tuple(Fix((Edit(start, end, f"x{k}"),), Applicability.SAFE, f"fix {k}") for k in range(fixes)))


@pytest.fixture
def asked(monkeypatch):
    """The candidates put to the model per original, every one gaining 20 nats (above every rule's bar); the
    screen's estimates (`horizon`) are not counted."""
    calls: list[tuple[str, list[str]]] = []

    def compare_many(scorer, pairs, horizon=None):
        if horizon is None:
            calls.extend(pairs)
        return [[20.0] * len(candidates) for _, candidates in pairs]

    monkeypatch.setattr(verify, "compare_many", compare_many)
    return calls


def test_a_window_asks_the_model_for_at_most_its_budget_gravest_and_rules_first(asked):
    loop = _finding("MT103", Severity.CRITICAL, 8, len(TEXT) - 1, 1)
    capitals = [_finding("MT301", Severity.MAJOR, 8 * k, 8 * k + 3, 3) for k in range(1, 40)]  # 117 candidates
    guess = _finding("MT801", Severity.MINOR, 4, 7, 1)
    repeat = _finding("MT101", Severity.MINOR, 0, 3, 2)
    kept = verify.verify_findings(None, TEXT, [guess, repeat, *capitals, loop], RULES)

    assert len(asked) == 1 and asked[0][0] == TEXT
    assert sum(len(c) for c in asked[0][1]) <= verify.WINDOW_BUDGET
    assert len(asked[0][1]) == 1 + 3 * 33  # the loop, then the stray capitals in order while the budget lasts
    by_rule = {code: [f for f in kept if f.rule == code] for code in RULES}
    assert by_rule["MT103"][0].fixes[0].gain == 20.0
    assert [f.start for f in by_rule["MT301"]] == [8 * k for k in range(1, 34)]  # the rest: the model may overrule them
    assert all(fix.gain == 20.0 for f in by_rule["MT301"] for fix in f.fixes)
    assert by_rule["MT801"] == []  # a guess of the model, never confirmed
    assert by_rule["MT101"] == [repeat]  # stands without the model, as the rule gave it


def test_under_the_budget_every_finding_is_asked(asked):
    capitals = [_finding("MT301", Severity.MAJOR, 8 * k, 8 * k + 3, 3) for k in range(1, 11)]
    guess = _finding("MT801", Severity.MINOR, 4, 7, 1)
    kept = verify.verify_findings(None, TEXT, [guess, *capitals], RULES)
    assert len(asked[0][1]) == 31
    assert [f.rule for f in kept].count("MT301") == 10 and [f.rule for f in kept].count("MT801") == 1
    assert all(fix.gain == 20.0 for f in kept for fix in f.fixes)


def test_a_finding_too_costly_to_ask_alone_is_dropped_or_kept_by_its_rule(asked):
    text = "The dog " * 4_001  # 32,008 characters: one candidate is past the budget
    repeat = Finding("MT101", "MT101", "fluency/test", Severity.MINOR, 0, 3, "The", "test",
                     (Fix((Edit(0, 4, ""),), Applicability.SAFE, "delete"),))
    capital = replace(repeat, rule="MT301", start=8, end=11)
    assert verify.verify_findings(None, text, [repeat, capital], RULES) == [repeat]
    assert asked == []
