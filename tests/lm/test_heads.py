"""The learned heads on the one LM pass (mtqa/lm/heads.py, docs/quality-model.md): the features the pass
gives, the shipped weights and their signature, and what the heads say about clean and broken text."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest

from mtqa.lm.fluency import fluency
from mtqa.lm.heads import (
    GAP_SCALARS,
    HEADS_DIR,
    Heads,
    Linear,
    Mlp,
    load_heads,
    read_heads,
    save_heads,
    source_signals,
    with_gap,
)
from mtqa.lm.transformers_backend import TransformersScorer
from mtqa.model import Document, Segment
from mtqa.nlp.tokens import split_sentences
from mtqa.pipeline import Pipeline
from mtqa.rules import all_rules

# Written for these tests: clean news English, and the same sentence with one artefact an MT system makes.
PAIRS = [
    ("The committee will publish its findings at the end of the month.",
     "The committee will publish its findings at the end of end of the month."),
    ("Officials said the new bridge would open to traffic in early spring.",
     "Officials said the new bridge would open traffic in early spring."),
    ("Farmers in the region have struggled with drought for three years.",
     "Farmers in the region have struggled drought with for three years."),
    ("The company reported higher profits despite rising energy costs.",
     "The company reported higher profits. Despite rising energy costs with."),
    ("Voters will choose a new mayor when the polls open on Sunday.",
     "Voters will choose a new mayor when the the the polls open open on Sunday Sunday."),
    ("The museum reopened after a two-year renovation funded by donors.",
     "The museum reopened after a two-year renovation funded donors Their by."),
]
RARE_NAMES = [
    "Mr Dutton called on Ms Plibersek to guarantee the funding before the election.",
    "Tshisekedi met Ruto in Nairobi to discuss the ceasefire in eastern Congo.",
    "Kvitsiani's lawyer said the court in Kutaisi would rule next week.",
]


def _score(scorer: TransformersScorer, texts: list[str]) -> list:
    return scorer.score(texts, features=True)


def test_features_come_from_the_same_pass_and_leave_the_log_probabilities_unchanged(scorer) -> None:
    texts = [pair[0] for pair in PAIRS[:3]] + ["", "   "]
    plain, rich = scorer.score(texts), _score(scorer, texts)
    for a, b in zip(plain, rich, strict=True):
        assert a.logprobs == b.logprobs and a.starts == b.starts
        assert b.hidden is not None and b.hidden.shape == (len(b), scorer.hidden_size)
        assert len(b.entropies) == len(b.ranks) == len(b)
        assert all(e >= -1e-4 for e in b.entropies) and all(r >= 0 for r in b.ranks)
        # The most likely token's surprisal is the min-entropy, never above the Shannon entropy.
        assert all(-lp <= e + 1e-3 for lp, e, r in zip(b.logprobs, b.entropies, b.ranks) if r == 0)
    assert any(r > 0 for s in rich for r in s.ranks)


def test_the_pass_says_which_function_word_was_dropped_and_which_words_were_swapped(scorer) -> None:
    import math as _math

    from mtqa.lm.base import NO_LOGPROB

    dropped, swapped = _score(scorer, ["He went to market yesterday.", "The meeting was useful very for both sides."])
    at = dropped.starts.index(dropped.text.index("market"))
    assert dropped.dropped_words[at][0] == "the"  # "to the market"
    from mtqa.lm.transformers_backend import DROPPED_CHOICES

    words = dropped.dropped_words[at]
    assert len(words) == DROPPED_CHOICES and len(set(words)) == DROPPED_CHOICES  # best first
    assert dropped.dropped_logprobs[at] > dropped.logprobs[at] + 3
    useful = swapped.starts.index(swapped.text.index("useful"))
    # "very" in the place of "useful" is likelier than "useful" itself; the last token has no next one.
    assert swapped.skip_logprobs[useful] > swapped.logprobs[useful] + 3
    assert swapped.skip_logprobs[-1] == NO_LOGPROB
    assert all(_math.isfinite(v) and v <= 0 for v in dropped.dropped_logprobs)
    plain = scorer.score(["He went to market yesterday."])[0]
    assert plain.dropped_logprobs is None and plain.skip_logprobs is None  # only asked for with features


def test_the_default_model_ships_small_heads_signed_by_their_training_run() -> None:
    path = HEADS_DIR / "smollm2-135m.npz"
    assert path.stat().st_size < 5_000_000
    heads = load_heads("smollm2-135m")
    assert heads is not None and heads.model == "smollm2-135m"
    assert heads.signature.startswith("heads:quality-v2|smollm2-135m|folds:5|seed:")
    assert 0 < heads.thresholds["minor"] <= heads.thresholds["major"] < 1
    assert all(math.isfinite(v) for v in heads.quality_da) and heads.quality_da[1] > 0
    assert heads.gap is not None and heads.gap_signature.startswith("heads:gap-v2|smollm2-135m|folds:5|seed:")
    assert len(heads.gap.mean) == len(heads.word.mean) + len(GAP_SCALARS)
    assert load_heads("no-such-model") is None


def test_the_heads_signature_is_part_of_mtqas(scorer) -> None:
    heads = load_heads("smollm2-135m")
    with_lm, without = Pipeline(all_rules(), lm=scorer).signature, Pipeline(all_rules()).signature
    assert f"|heads:{heads.tag}|" in with_lm and heads.tag.startswith("quality-v2+gap-v2+support-v6.")
    assert "|heads:none|" in without


def test_heads_survive_a_write_and_a_read(tmp_path) -> None:
    rng = np.random.default_rng(7)

    def linear(n: int) -> Linear:
        return Linear(rng.normal(size=n).astype(np.float32), rng.uniform(1, 2, n).astype(np.float32),
                      rng.normal(size=n).astype(np.float32), float(rng.normal()))

    heads = Heads("m", linear(5), linear(3), linear(4), (50.0, 20.0), "heads:test|m", {"minor": 0.9, "major": 0.95})
    path = tmp_path / "m.npz"
    save_heads(path, heads)
    again = read_heads(path)
    assert [p.name for p in tmp_path.iterdir()] == ["m.npz"]  # written through a temporary file, renamed
    assert again is not None and again.signature == heads.signature and again.thresholds == heads.thresholds
    assert again.quality_da == heads.quality_da and len(again.digest) == 8
    for name in ("word", "fluency", "quality"):
        a, b = getattr(heads, name), getattr(again, name)
        x = rng.normal(size=(2, len(a.mean))).astype(np.float32)
        assert np.allclose(a(x), b(x), atol=1e-5)
    assert again.gap is None and again.tag == f"test.{again.digest}"

    gapped = with_gap(heads, linear(6), {"report": 0.99}, "heads:gap-test|m")
    save_heads(path, gapped)
    again = read_heads(path)
    assert again is not None and again.gap is not None and again.gap_signature == "heads:gap-test|m"
    assert again.thresholds == {"minor": 0.9, "major": 0.95, "gap_report": 0.99}
    assert again.tag == f"test+gap-test.{again.digest}"
    x = rng.normal(size=(2, 6)).astype(np.float32)
    assert np.allclose(gapped.gap(x), again.gap(x), atol=1e-5)

    mlp = Mlp(rng.normal(size=6).astype(np.float32), rng.uniform(1, 2, 6).astype(np.float32),
              rng.normal(size=(6, 3)).astype(np.float32), rng.normal(size=3).astype(np.float32),
              rng.normal(size=3).astype(np.float32), 0.5)
    save_heads(path, with_gap(heads, mlp, {"report": 0.99}, "heads:gap-test|m"))
    again = read_heads(path)
    assert again is not None and isinstance(again.gap, Mlp) and isinstance(again.word, Linear)
    assert np.allclose(mlp(x), again.gap(x), atol=1e-5)
    save_heads(path, replace(heads, word=mlp))  # a word head with a hidden layer (quality-v2's)
    again = read_heads(path)
    assert again is not None and isinstance(again.word, Mlp) and np.allclose(mlp(x), again.word(x), atol=1e-5)


def test_an_mlp_head_is_relu_units_on_standardised_features() -> None:
    mlp = Mlp(np.array([1.0, 0.0], np.float32), np.array([2.0, 1.0], np.float32),
              np.array([[1.0, -1.0], [0.0, 1.0]], np.float32), np.array([0.0, -1.0], np.float32),
              np.array([2.0, 3.0], np.float32), -1.0)
    # standardised: (3, 3) -> (1, 3); units: relu(1 + 0, -1 + 3 - 1) = (1, 1); 2*1 + 3*1 - 1 = 4
    assert mlp(np.array([[3.0, 3.0]], np.float32)).tolist() == [4.0]
    # a unit below zero gives nothing: (1, -2) -> (0, -2); relu(0, -3) = (0, 0)
    assert mlp(np.array([[1.0, -2.0]], np.float32)).tolist() == [-1.0]


def test_the_training_mlp_learns_weighted_labels_and_with_regression_a_scale_of_its_own() -> None:
    from benchmarks.train_quality import fit_mlp

    rng = np.random.default_rng(0)
    x = rng.normal(size=(2000, 4)).astype(np.float32)
    labels = (x[:, 0] > 0.5).astype(np.float32)  # a third positive: the loss weighs both classes alike
    classifier = fit_mlp(x, labels, 8, epochs=40, batch=128)
    z = classifier(x)
    assert (z[labels == 1][:, None] > z[labels == 0][None, :]).mean() > 0.97  # AUROC
    target = 40.0 + 10.0 * x[:, 1]  # far from 0: the bias must give the mean back
    regressor = fit_mlp(x, target, 8, epochs=40, batch=128, regression=True)
    predicted = regressor(x)
    assert abs(float(predicted.mean()) - 40.0) < 3.0  # without the centre it would start near 0
    assert np.corrcoef(predicted, target)[0, 1] > 0.95
    again = fit_mlp(x, target, 8, epochs=40, batch=128, regression=True)
    assert np.array_equal(again.hidden, regressor.hidden)  # fixed seeds
    # rows of weight 0 teach nothing: here their labels are the wrong way round
    flipped = np.where(np.arange(2000) % 2 == 0, labels, 1 - labels)
    weighted = fit_mlp(x, flipped, 8, epochs=40, batch=128, sample_weight=(np.arange(2000) % 2 == 0).astype(np.float32))
    z = weighted(x)
    assert (z[labels == 1][:, None] > z[labels == 0][None, :]).mean() > 0.97


def test_train_quality_keeps_the_gap_head_it_replaces_and_drops_the_discounts_chosen_on_the_old_quality() -> None:
    from benchmarks.train_quality import keeping_gap
    from mtqa.lm.heads import with_support

    def linear(n: int, value: float) -> Linear:
        return Linear(np.zeros(n, np.float32), np.ones(n, np.float32), np.full(n, value, np.float32), value)

    new = Heads("m", linear(5, 1.0), linear(3, 1.0), linear(4, 1.0), (50.0, 20.0), "heads:new|m", {"minor": 0.8})
    old = Heads("m", linear(5, 2.0), linear(3, 2.0), linear(4, 2.0), (40.0, 10.0), "heads:old|m", {"minor": 0.9})
    old = with_support(with_gap(old, linear(6, 3.0), {"report": 0.7}, "heads:gap-x|m"), 2.0, 0.5, 1.0,
                       "heads:support-x|m", 1.5, 0.1)
    kept = keeping_gap(new, old)
    assert kept.gap is old.gap and kept.gap_signature == "heads:gap-x|m"
    assert kept.thresholds == {"minor": 0.8, "gap_report": 0.7}
    assert kept.word is new.word and kept.quality is new.quality and kept.quality_da == (50.0, 20.0)
    assert kept.support_slope == 0.0 and kept.repeat_slope == 0.0 and kept.support_signature == ""
    assert keeping_gap(new, None) is new and keeping_gap(new, replace(old, gap=None)) is new


def test_the_word_head_is_chosen_by_its_out_of_fold_recall_at_mt802s_threshold() -> None:
    from benchmarks import train_quality as tq

    rng = np.random.default_rng(3)
    items, x, y, owner, spans = [], [], [], [], []
    for i in range(400):  # five words each; in a damaged copy the third is the error
        damaged = i % 2 == 1
        items.append(tq.Item("w " * 5, None, str(i // 2), "injected" if damaged else "control", "k",
                             [(4, 5)] if damaged else []))
        for j in range(5):
            error = damaged and j == 2
            x.append([rng.normal() + 6.0 * error, rng.normal()])
            y.append(float(error))
            owner.append(i)
            spans.append((2 * j, 2 * j + 1))
    rows = tq.WordRows(np.asarray(x, np.float32), np.asarray(y, np.float32), np.ones(len(y), np.float32),
                       np.asarray(owner), spans)
    folds = np.array([int(item.group) % 3 for item in items])
    # the second candidate can only guess: its one unit sees the standardised features for one short epoch
    candidates = (tq.WordHead(l2=1e-3), tq.WordHead(units=1, epochs=1))
    choice = tq.choose_word_head(items, rows, folds, 3, candidates)
    assert set(choice.figures) == {"logistic l2=0.001", "mlp 1 units, 1 epochs"}
    recall = {name: f["recall_at_threshold"] for name, f in choice.figures.items()}
    assert choice.head == max(candidates, key=lambda h: recall[h.name]) and recall[choice.head.name] > 0.9
    assert [(e.start, e.end) for e in choice.errors[1]] == spans[:5]
    worst = [max(es, key=lambda e: e.probability) for es in choice.errors[1::2]]
    assert np.mean([e.start == 4 for e in worst]) > 0.9  # the error word reads likeliest, out of fold


def test_the_word_heads_choice_follows_mt802s_recall_not_the_average_precision() -> None:
    """Two fixed heads: "sharp" reads every error at logit 5 but a clean word of 2% of the controls at 6
    (the better average precision; at MT802's threshold, 1% of the controls, it finds nothing), "blunt" reads
    80% of the errors at 2 and the rest below the clean words' 0 (a lower average precision, recall 0.8)."""
    from typing import NamedTuple

    from benchmarks import train_quality as tq

    class Fixed(NamedTuple):
        name: str
        column: int

        def fit(self, x, y, w):  # type: ignore[no-untyped-def]
            return lambda rows: rows[:, self.column]

    items, x, y, owner, spans = [], [], [], [], []
    for i in range(500):
        damaged = i % 2 == 1
        items.append(tq.Item("w " * 5, None, str(i // 2), "injected" if damaged else "control", "k",
                             [(4, 5)] if damaged else []))
        for j in range(5):
            error = damaged and j == 2
            loud = j == 0 and i % 100 == 0  # 5 of the 250 controls
            x.append([5.0 if error else 6.0 if loud else 0.0,
                      (2.0 if i % 10 < 8 else -1.0) if error else 0.0])
            y.append(float(error))
            owner.append(i)
            spans.append((2 * j, 2 * j + 1))
    rows = tq.WordRows(np.asarray(x, np.float32), np.asarray(y, np.float32), np.ones(len(y), np.float32),
                       np.asarray(owner), spans)
    folds = np.array([int(item.group) % 3 for item in items])
    choice = tq.choose_word_head(items, rows, folds, 3, (Fixed("sharp", 0), Fixed("blunt", 1)))  # type: ignore[arg-type]
    sharp, blunt = choice.figures["sharp"], choice.figures["blunt"]
    assert sharp["average_precision"] > blunt["average_precision"] + 0.1
    assert sharp["recall_at_threshold"] == 0.0 and blunt["recall_at_threshold"] == pytest.approx(0.8)
    assert choice.head.name == "blunt"


def test_the_gap_head_points_at_the_dropped_word(scorer) -> None:
    """The gap head's likeliest place in a sentence with a dropped word is the word after the gap, and
    MT801 takes its places in that order."""
    from types import SimpleNamespace

    from mtqa.rules.language_model import _protected, drop_places

    heads = load_heads("smollm2-135m")
    for text, after in [("The minister said that talks with unions will resume next week after holiday.", "holiday"),
                        ("Prices rose sharply in the second half year, the statistics office said.", "year")]:
        [scores] = _score(scorer, [text])
        analysis = fluency(text, scores, split_sentences(text))
        _, gaps = heads.read(scores, analysis)
        assert all(0 <= g.probability <= 1 for g in gaps)
        best = max(gaps, key=lambda g: g.probability)
        assert text[best.start:best.end] == after
        whole = SimpleNamespace(start=0, end=len(text))
        assert drop_places(scores, whole, text, _protected(text), gaps)[0][1].text == after


def test_mt801_asks_only_about_places_the_gap_head_gives_even_odds(scorer) -> None:
    """A place the gap head rates below GAP_SCREEN is not put to the model; at or above, it is."""
    from types import SimpleNamespace

    from mtqa.rules.language_model import GAP_SCREEN, _dropped_word_matches, _protected

    heads = load_heads("smollm2-135m")
    text = "The minister said that talks with unions will resume next week after holiday."
    [scores] = _score(scorer, [text])
    analysis = fluency(text, scores, split_sentences(text))
    _, gaps = heads.read(scores, analysis)
    whole = SimpleNamespace(start=0, end=len(text))

    def asked(probability: float) -> list[str]:
        flat = tuple(SimpleNamespace(start=g.start, end=g.end, probability=probability) for g in gaps)
        return [text[m.start:m.end] for m in _dropped_word_matches(scores, whole, text, _protected(text), flat)]

    assert asked(GAP_SCREEN - 0.01) == []
    assert len(asked(GAP_SCREEN)) == 2  # DROP_CANDIDATES places, each with the pass's likeliest words


def test_mt801_puts_no_quantity_back_before_a_number(scorer) -> None:
    """"about" or "over" before a number would change the quantity ("ten kilometres" is not "over ten
    kilometres"): at a place before a number word the gap head is sure of, neither is put back, though the
    pass finds one of them likely there; before another word they are. (Digits are not the gap head's places:
    MT801 asks there about NUMBER_PLACE_WORDS, which hold neither.)"""
    from types import SimpleNamespace

    from mtqa.rules.language_model import NOT_BEFORE_A_NUMBER, _dropped_word_matches, _protected

    def put_back(text: str, word: str) -> tuple[set[str], set[str]]:
        [scores] = _score(scorer, [text])
        analysis = fluency(text, scores, split_sentences(text))
        _, gaps = load_heads("smollm2-135m").read(scores, analysis)
        at = text.index(word)
        sure = tuple(SimpleNamespace(start=g.start, end=g.end, probability=1.0 if g.start == at else 0.0)
                     for g in gaps)
        whole = SimpleNamespace(start=0, end=len(text))
        offered = {fix.edits[0].replacement.strip() for m in _dropped_word_matches(scores, whole, text, _protected(text), sure)
                   if m.start == at for fix in m.fixes}
        likeliest = set(scores.dropped_words[scores.starts.index(at)][:2])
        return offered, likeliest

    text = "The volcano erupted on Sunday, sending a column of ash ten kilometres into the sky."
    offered, likeliest = put_back(text, "ten")
    assert likeliest & NOT_BEFORE_A_NUMBER  # the pass would put one back
    assert offered and not offered & NOT_BEFORE_A_NUMBER
    offered, likeliest = put_back("The minister talked the plan with reporters on Monday.", "the plan")
    assert "about" in likeliest and "about" in offered


def _results(scorer, texts: list[str], src: list[str | None] | None = None) -> list:
    pipeline = Pipeline(all_rules(), lm=scorer)
    segments = [Segment(id=str(i), text=t, src=(src or [None] * len(texts))[i]) for i, t in enumerate(texts)]
    return list(pipeline.results(Document("<t>", segments, running_text=False)))


def test_clean_sentences_read_fluent_and_each_broken_copy_reads_worse(scorer) -> None:
    clean = _results(scorer, [c for c, _ in PAIRS])
    broken = _results(scorer, [b for _, b in PAIRS])
    assert min(r.fluency for r in clean) >= 70
    assert np.mean([r.fluency for r in broken]) <= np.mean([r.fluency for r in clean]) - 25
    # Repeats, a cut clause and loops read clearly broken; a dropped or swapped word often does not (the
    # fluency head's weak kinds, docs/EVALUATION.md), so only these pairs are held to it one by one.
    for index in (0, 3, 4, 5):
        assert clean[index].fluency > broken[index].fluency + 20
    assert all(c.quality is not None and 0 <= c.quality <= 100 for c in clean)
    assert np.mean([r.quality for r in clean]) > np.mean([r.quality for r in broken])


def test_a_rare_name_is_no_error_and_no_fix_touches_it(scorer) -> None:
    results = _results(scorer, RARE_NAMES)
    assert [f.rule for r in results for f in r.findings if f.rule.startswith("MT8")] == []
    assert all(r.fluency >= 50 for r in results)


@pytest.mark.parametrize("text, word", [
    ("The meeting was useful very for both sides.", "very"),
    ("He went market yesterday to buy bread.", "market"),
])
def test_the_word_head_points_at_the_broken_word_with_an_exact_span(scorer, text: str, word: str) -> None:
    [result] = _results(scorer, [text])
    spans = [(f.start, f.end) for f in result.findings if f.rule in ("MT801", "MT802", "MT803")]
    assert spans and all(text[a:b].strip() == text[a:b] for a, b in spans)
    at = text.index(word)
    near = (at - 8, at + len(word) + 8)  # the word, or its neighbour in a swap or before a dropped word
    assert any(a < near[1] and b > near[0] for a, b in spans)


def test_a_looping_translation_lowers_the_quality_and_the_score(scorer) -> None:
    src = "Der Minister besuchte am Dienstag das Krankenhaus in Köln."
    good = "The minister visited the hospital in Cologne on Tuesday."
    looping = "The minister visited the hospital in the hospital in the hospital in the hospital in Cologne."
    results = _results(scorer, [good, looping], [src] * 2)
    assert results[0].quality > results[1].quality + 10 and results[0].score > results[1].score + 10


def test_source_signals_are_neutral_without_a_source_and_read_what_is_missing() -> None:
    assert source_signals("Anything at all.", None) == (0.0, 0.0, 0.0, 0.0, 0.0, 1.0)
    src = "Merkel se reunió con Macron en París el 12 de mayo."
    full = source_signals("Merkel met Macron in Paris on 12 May.", src)
    dropped = source_signals("Merkel met him.", src)
    assert full[0] == dropped[0] == 1.0
    assert dropped[2] > full[2] == 0.0  # the number 12 is missing
    assert dropped[3] > full[3]  # Macron is missing (París, spelt otherwise, counts as missing in both)
    assert dropped[1] > full[1] and dropped[5] < full[5]


def test_words_of_an_empty_or_blank_text_give_no_rows(scorer) -> None:
    heads = load_heads("smollm2-135m")
    for text in ("", "   ", "\u200b"):
        [scores] = _score(scorer, [text])
        analysis = fluency(text, scores, split_sentences(text))
        assert heads.word_errors(scores, analysis) == () or all(0 <= e.probability <= 1
                                                                for e in heads.word_errors(scores, analysis))
        assessment = heads.assess(scores, analysis, (), 0, 0, None)
        assert 0 <= assessment.fluency <= 100 and 0 <= assessment.quality <= 100


@pytest.mark.parametrize("text", ["Ja.", "…", "12,5 %"])
def test_short_and_odd_segments_get_finite_readings(scorer, text: str) -> None:
    [result] = _results(scorer, [text])
    assert math.isfinite(result.fluency) and math.isfinite(result.quality)


def test_quality_reads_the_rules_own_findings_not_the_overrides(scorer) -> None:
    """Severity overrides (like a baseline or a suppression) change the findings reported, never the
    heads' reading of the text: the quality is read from the rules' own findings, as in training."""
    from mtqa.model import Severity

    text = "The committee will publish its findings at the the end of the month."
    document = Document("<t>", [Segment("1", text)], running_text=False)
    [plain] = Pipeline(all_rules(), lm=scorer).results(document)
    [overridden] = Pipeline(all_rules(), lm=scorer, severity_overrides={"MT101": Severity.CRITICAL}).results(document)
    assert any(f.rule == "MT101" for f in plain.findings)
    assert overridden.quality == plain.quality and overridden.fluency == plain.fluency
    assert overridden.score < plain.score


def test_fluency_reads_the_findings_the_model_confirmed_and_quality_does_not(scorer) -> None:
    text = "The minister met the unions on Monday and the talks were useful."
    heads = load_heads("smollm2-135m")
    [scores] = _score(scorer, [text])
    analysis = fluency(text, scores, split_sentences(text))
    errors = heads.word_errors(scores, analysis)
    plain = heads.assess(scores, analysis, errors, 0, 0, None)
    confirmed = heads.assess(scores, analysis, errors, 0, 0, None, verified=(0, 1))
    assert confirmed.fluency < plain.fluency - 10 and confirmed.quality == plain.quality


def test_the_findings_the_model_confirmed_are_counted_without_the_word_heads_own() -> None:
    from mtqa.lm.view import rule_counts, verified_counts
    from mtqa.model import Finding, Severity

    def finding(rule: str, severity: Severity) -> Finding:
        return Finding(rule, "x", "fluency/x", severity, 0, 1, "x", "message")

    found = [finding("MT101", Severity.MINOR), finding("MT303", Severity.MAJOR), finding("MT801", Severity.MINOR),
             finding("MT802", Severity.MINOR), finding("MT803", Severity.MINOR)]
    assert rule_counts(found) == (1, 0)
    assert verified_counts(found) == (2, 1)  # MT801, MT803 minor; MT303 major; MT802 is the head's own reading
