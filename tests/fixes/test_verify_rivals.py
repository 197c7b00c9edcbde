"""A finding's rival readings (`Finding.rivals`): scored with its fixes, never offered, and the finding stands
only when its best fix beats every rival by its rule's `rival_margin`. A finding's own bar
(`Finding.required_gain`) replaces its rule's."""

import pytest

from mtqa.fixes import verify
from mtqa.io.writers.records import finding_to_dict
from mtqa.model import Applicability, Edit, Finding, Fix, Severity
from mtqa.rules.registry import lookup

TEXT = "Hamas said it would release the hostages."
RULES = {"MT405": lookup("MT405")}
GAINS = {"he": 6.0, "she": 4.0}  # the fixes' gains; the rival's is set per test


def _fix(word: str) -> Fix:
    return Fix((Edit(11, 13, word),), Applicability.UNSAFE, f"Write “{word}”")


def _finding(rivals: tuple[Fix, ...], required_gain: float | None = None) -> Finding:
    return Finding("MT405", "it-for-person", "fluency/grammar", Severity.MAJOR, 11, 13, "it", "test",
                   (_fix("he"), _fix("she")), rivals=rivals, required_gain=required_gain)


@pytest.fixture
def model(monkeypatch):
    """A model whose gain for each candidate is set by the word the candidate puts in place of "it"."""
    gains = dict(GAINS)

    def compare_many(scorer, pairs, horizon=None):
        return [[gains[candidate.split()[2]] for candidate in candidates] for _, candidates in pairs]

    monkeypatch.setattr(verify, "compare_many", compare_many)
    return gains


@pytest.mark.parametrize("rival_gain, stands", [(4.6, False), (6.0 - RULES["MT405"].rival_margin, True), (-3.0, True)])
def test_a_finding_stands_only_when_its_fix_beats_the_rival_by_the_margin(model, rival_gain, stands):
    model["they"] = rival_gain
    kept = verify.verify_findings(None, TEXT, [_finding((_fix("they"),))], RULES)
    assert bool(kept) is stands
    if stands:  # the rival is never offered
        assert [fix.edits[0].replacement for fix in kept[0].fixes] == ["he", "she"]
        assert [fix.gain for fix in kept[0].fixes] == [6.0, 4.0]


def test_without_a_rival_the_rules_bar_alone_decides(model):
    (kept,) = verify.verify_findings(None, TEXT, [_finding(())], RULES)
    assert kept.fixes[0].gain == 6.0
    model["he"] = 4.9  # below MT405's bar of 5 nats
    assert verify.verify_findings(None, TEXT, [_finding(())], RULES) == []


@pytest.mark.parametrize("required_gain, stands", [(6.5, False), (6.0, True), (2.0, True)])
def test_a_findings_own_bar_replaces_its_rules(model, required_gain, stands):
    model["he"] = 6.0
    kept = verify.verify_findings(None, TEXT, [_finding((), required_gain)], RULES)
    assert bool(kept) is stands
    model["he"] = 4.0  # below the rule's bar of 5 nats, above the finding's own
    assert bool(verify.verify_findings(None, TEXT, [_finding((), 3.0)], RULES))


def test_rivals_and_the_own_bar_stay_out_of_equality_and_the_written_finding():
    with_rival, without = _finding((_fix("they"),), 3.0), _finding(())
    assert with_rival == without
    assert "rivals" not in finding_to_dict(with_rival) and "required_gain" not in finding_to_dict(with_rival)


def test_a_finding_the_model_must_confirm_with_nothing_left_to_ask_is_dropped(model):
    """MT803 found "love and" in "me...love and miss her", but the guard took its swap (it would lose the word
    "me...love"): with no candidate to put to the model, a finding whose rule needs the model's word is
    dropped, whether or not another finding of the text asks the model something."""
    bare = Finding("MT803", "swapped-words", "fluency/grammar", Severity.MINOR, 11, 13, "it", "test", ())
    rules = {**RULES, "MT803": lookup("MT803")}
    assert verify.verify_findings(None, TEXT, [bare], rules) == []
    (kept,) = verify.verify_findings(None, TEXT, [bare, _finding(())], rules)
    assert kept.rule == "MT405"
