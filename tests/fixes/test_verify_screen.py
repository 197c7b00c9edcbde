"""The screen before the model's whole reading (mtqa.fixes.verify.SCREEN_HORIZON, SCREEN_MARGIN): a finding
whose candidates, read a few tokens past their edit, all fall far short of its bar is dropped unread; a fix
that falls far short is read whole only when another fix of its finding clears the bar, and so are the
finding's rival readings; only whole scores decide what stands."""

from dataclasses import replace

import pytest

from mtqa.fixes import verify
from mtqa.model import Applicability, Edit, Finding, Fix, Severity
from mtqa.rules.registry import lookup

TEXT = "The talks went on today in Moscow with the minister."
RULES = {code: lookup(code) for code in ("MT801", "MT802")}
BAR = RULES["MT801"].lm_required_gain  # 10 nats


def _guess(rule: str, start: int, end: int, *words: str) -> Finding:
    return Finding(rule, rule, "fluency/test", Severity.MINOR, start, end, TEXT[start:end], "test",
                   tuple(Fix((Edit(start, start, f"{w} "),), Applicability.UNSAFE, f"Insert “{w}”") for w in words))


@pytest.fixture
def model(monkeypatch):
    """Gains by the word a candidate puts back: (the screen's estimate, the whole reading's gain); the
    candidates each call asked, by horizon."""
    gains: dict[str, tuple[float, float]] = {}
    asked: dict[int | None, list[str]] = {}

    def compare_many(scorer, pairs, horizon=None):
        out = []
        for original, candidates in pairs:
            words = [next(w for w in gains if f" {w} " in f" {c} " and f" {w} " not in f" {original} ")
                     for c in candidates]
            asked.setdefault(horizon, []).extend(words)
            out.append([gains[w][0 if horizon is not None else 1] for w in words])
        return out

    monkeypatch.setattr(verify, "compare_many", compare_many)
    return gains, asked


def test_a_guess_far_short_of_its_bar_is_dropped_unread_and_one_near_it_is_read_whole(model):
    gains, asked = model
    gains.update({"then": (BAR - verify.SCREEN_MARGIN - 0.5, 30.0),  # the screen drops it, whatever it would gain
                  "here": (BAR - verify.SCREEN_MARGIN + 0.5, BAR + 1),  # near enough: read whole, and it stands
                  "there": (BAR - 1, BAR - 1.5)})  # read whole, and short of the bar
    far = _guess("MT801", 15, 17, "then")
    near = _guess("MT801", 24, 26, "here")
    short = _guess("MT801", 34, 38, "there")
    kept = verify.verify_findings(None, TEXT, [far, near, short], RULES)
    assert sorted(asked[verify.SCREEN_HORIZON]) == ["here", "then", "there"]
    assert sorted(asked[None]) == ["here", "there"]  # the far one is never read whole
    assert [(f.start, f.fixes[0].gain) for f in kept] == [(24, BAR + 1)]  # the whole reading's gain decides


def test_a_finding_is_read_whole_when_any_of_its_candidates_comes_near_its_bar(model):
    gains, asked = model
    gains.update({"then": (BAR - verify.SCREEN_MARGIN - 5, -3.0), "still": (BAR - 2, BAR + 2)})
    (kept,) = verify.verify_findings(None, TEXT, [_guess("MT801", 15, 17, "then", "still")], RULES)
    assert sorted(asked[None]) == ["still", "then"]
    assert [fix.gain for fix in kept.fixes] == [BAR + 2, -3.0]


def test_a_finding_its_rule_keeps_unconfirmed_is_not_screened(model):
    """MT802 keeps a finding the model does not confirm, as minor and without a fix: it is read whole."""
    gains, asked = model
    gains["then"] = (-20.0, -20.0)
    (kept,) = verify.verify_findings(None, TEXT, [_guess("MT802", 15, 17, "then")], RULES)
    assert verify.SCREEN_HORIZON not in asked and asked[None] == ["then"]
    assert kept.fixes == () and kept.severity is Severity.MINOR


def test_two_guesses_at_one_place_that_gain_the_same_to_a_hundredth_keep_the_first(model):
    """Scored in other batches, one text's gain moves by about 0.00001 nats: that must not choose."""
    gains, _ = model
    gains.update({"then": (BAR, BAR + 3), "still": (BAR, BAR + 3 + 0.00004), "again": (BAR, BAR + 3.02)})
    first, second = _guess("MT801", 15, 17, "then"), _guess("MT801", 15, 17, "still")
    assert [f.fixes[0].edits[0].replacement for f in verify.verify_findings(None, TEXT, [first, second], RULES)] \
        == ["then "]
    assert [f.fixes[0].edits[0].replacement for f in verify.verify_findings(None, TEXT, [second, first], RULES)] \
        == ["still "]
    clearly = _guess("MT801", 15, 17, "again")  # 0.02 nats more: no tie
    assert [f.fixes[0].edits[0].replacement for f in verify.verify_findings(None, TEXT, [first, clearly], RULES)] \
        == ["again "]


def test_a_fix_far_short_is_read_whole_only_when_another_fix_of_its_finding_clears_the_bar(model):
    gains, asked = model
    gains.update({"then": (BAR - verify.SCREEN_MARGIN - 5, BAR + 20), "still": (BAR - 2, BAR - 1)})
    assert verify.verify_findings(None, TEXT, [_guess("MT801", 15, 17, "then", "still")], RULES) == []
    assert asked[None] == ["still"]  # "then" is left at its estimate: read whole, it would have stood


def test_rival_readings_are_read_whole_only_for_a_finding_that_clears_its_bar(model):
    gains, asked = model
    gains.update({"here": (BAR - 1, BAR + 1), "there": (BAR - 1, BAR - 1), "again": (BAR, BAR + 5)})

    def with_rival(finding: Finding) -> Finding:
        return replace(finding, rivals=(Fix((Edit(finding.start, finding.start, "again "),), Applicability.UNSAFE,
                                            "Insert “again”"),))

    cleared, short = with_rival(_guess("MT801", 24, 26, "here")), with_rival(_guess("MT801", 34, 38, "there"))
    assert verify.verify_findings(None, TEXT, [cleared, short], RULES) == []  # "again" reads better than "here"
    assert asked[None] == ["here", "there", "again"]  # one rival read whole: the cleared finding's
