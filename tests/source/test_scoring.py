"""MQM weights and categories, document figures, and sacrebleu reference metrics per segment and corpus."""

from __future__ import annotations

import pytest

from mtqa.errors import UsageError
from mtqa.io.writers.records import document_mqm, segment_record
from mtqa.model import Document, Finding, Segment, SegmentResult, Severity
from mtqa.pipeline import Pipeline
from mtqa.rules import select_rules
from mtqa.scoring.mqm import ScoreSettings, mqm_category, penalty, segment_score
from mtqa.scoring.reference import corpus_scores, segment_metrics
from mtqa.scoring.summary import Summary


def finding(severity: Severity, category: str = "accuracy/mistranslation") -> Finding:
    return Finding("MT701", "number-mismatch", category, severity, 0, 1, "x", "message")


@pytest.mark.parametrize(("category", "mqm"), [
    ("fluency/punctuation", "Fluency/Punctuation"),
    ("accuracy/untranslated", "Accuracy/Source language fragment"),
    ("locale/number-format", "Locale convention/Number format"),
    ("fluency/repetition", "Fluency/Repetition"),
])
def test_categories_map_to_mqm_names(category: str, mqm: str) -> None:
    assert mqm_category(category) == mqm


def test_default_weights_follow_freitag_et_al() -> None:
    found = [finding(Severity.MINOR), finding(Severity.MAJOR), finding(Severity.CRITICAL),
             finding(Severity.MINOR, "fluency/punctuation"), finding(Severity.MAJOR, "fluency/punctuation")]
    assert penalty(found) == pytest.approx(1 + 5 + 25 + 0.1 + 5)
    assert ScoreSettings().describe() == "1/5/25/0.1"


def test_weights_are_configurable_and_validated() -> None:
    settings = ScoreSettings.parse("2/10/50/0.5")
    assert penalty([finding(Severity.MAJOR), finding(Severity.MINOR, "fluency/punctuation")], settings) == 10.5
    assert ScoreSettings.parse("1/5/10").describe() == "1/5/10/0.1"
    with pytest.raises(UsageError):
        ScoreSettings.parse("1/5")
    with pytest.raises(UsageError):
        ScoreSettings.parse("a/b/c")


def test_a_minor_punctuation_slip_costs_a_tenth_of_a_minor_error() -> None:
    text = " ".join(["word"] * 20)
    assert segment_score(text, [finding(Severity.MINOR)]) == 95.0
    assert segment_score(text, [finding(Severity.MINOR, "fluency/punctuation")]) == 99.5


def test_document_mqm_is_a_penalty_per_thousand_words() -> None:
    results = [SegmentResult(Segment("1", " ".join(["word"] * 100)), [], 100.0, mqm_penalty=5.0),
               SegmentResult(Segment("2", " ".join(["word"] * 100)), [], 100.0, mqm_penalty=1.0)]
    assert document_mqm(results) == {"penalty": 6.0, "words": 200, "per_1000_words": 30.0, "score": 97.0}


def test_sentence_metrics_reward_the_reference_and_punish_a_wrong_translation() -> None:
    reference = "The central bank raised interest rates on Wednesday."
    perfect, wrong = segment_metrics(reference, reference), segment_metrics("Cats like fish.", reference)
    assert (perfect.bleu, perfect.chrf, perfect.ter) == pytest.approx((100.0, 100.0, 0.0))
    assert wrong.bleu < 10 and wrong.chrf < 30 and wrong.ter > 80
    assert segment_metrics("Rates rose.", "Rates rose.").bleu == pytest.approx(100.0)  # effective order: short is fine


def test_corpus_scores_carry_a_bootstrap_interval_and_the_sacrebleu_signature() -> None:
    hypotheses = [f"The cat sat on mat number {i}." for i in range(30)]
    references = [f"The cat was sitting on mat number {i}." for i in range(30)]
    scores = {s.name: s for s in corpus_scores(hypotheses, references, n_bootstrap=200)}
    assert set(scores) == {"bleu", "chrf", "ter"}
    assert "tok:13a" in scores["bleu"].signature and "bs:200" in scores["bleu"].signature
    assert all(s.ci is not None and s.ci >= 0 for s in scores.values())
    with pytest.raises(ValueError):
        corpus_scores(["a"], ["a", "b"])


def test_pipeline_records_reference_metrics_and_mqm_in_records_and_summary() -> None:
    segments = [Segment("1", "Sales rose by 5.7 percent in 2019.", src="Der Umsatz stieg 2019 um 7,5 Prozent.",
                        ref="Sales rose by 7.5 percent in 2019."),
                Segment("2", "The meeting was cancelled.")]
    summary = Summary()
    results = list(summary.tally(Pipeline(select_rules()).results(Document("t", segments, running_text=False))))
    first, second = segment_record(results[0]), segment_record(results[1])
    assert first["mqm_penalty"] == 6.0  # MT701 major + MT702 minor
    assert set(first["reference"]) == {"bleu", "chrf", "ter"} and first["reference"]["bleu"] < 100
    assert "reference" not in second and second["mqm_penalty"] == 0.0
    data = summary.to_dict()
    assert data["mqm"]["penalty"] == 6.0 and data["mqm"]["words"] == 11
    assert data["reference"]["segments"] == 1 and "signature" in data["reference"]["chrf"]
