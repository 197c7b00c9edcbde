"""Sentence and segment fluency from real model scores."""

from __future__ import annotations

import pytest

from mtqa.lm.fluency import fluency, word_scores
from mtqa.lm.transformers_backend import TransformersScorer
from mtqa.nlp.tokens import split_sentences

CLEAN = "Russia has concentrated more than 100,000 troops on the Ukrainian border since the end of last year."
CORRUPTED = {
    "shuffled": "Border the troops since has more Russia Ukrainian than end year the on of concentrated 100,000 last.",
    "duplicated": "Russia has concentrated more than 100,000 troops troops on the Ukrainian border since the end of last year.",
    "dropped": "Russia has concentrated more than 100,000 troops the Ukrainian border since the end of last year.",
}


def _fluency(scorer: TransformersScorer, text: str):
    [scores] = scorer.score([text])
    return fluency(text, scores)


def test_clean_sentence_reads_as_fluent(scorer: TransformersScorer) -> None:
    result = _fluency(scorer, CLEAN)
    assert 60 < result.fluency <= 100
    assert result.perplexity == pytest.approx(2.718281828**result.mean_surprisal)


@pytest.mark.parametrize("kind", sorted(CORRUPTED))
def test_corruption_lowers_fluency(scorer: TransformersScorer, kind: str) -> None:
    clean, corrupted = _fluency(scorer, CLEAN), _fluency(scorer, CORRUPTED[kind])
    assert corrupted.fluency < clean.fluency
    assert corrupted.slor < clean.slor


def test_shuffled_words_score_low(scorer: TransformersScorer) -> None:
    assert _fluency(scorer, CORRUPTED["shuffled"]).fluency < 25


def test_rare_names_are_not_penalised(scorer: TransformersScorer) -> None:
    rare = _fluency(scorer, "President Volodymyr Zelensky met Emmanuel Macron in Kyiv on Tuesday.")
    common = _fluency(scorer, "President John Smith met David Brown in London on Tuesday.")
    assert rare.slor >= common.slor - 0.2
    assert rare.fluency >= common.fluency - 5
    [scores] = scorer.score(["President Volodymyr Zelensky met Emmanuel Macron in Kyiv on Tuesday."])
    by_word = {scores.text[w.start : w.end]: w for w in word_scores(scores)}
    # The LM finds "Zelensky" hard in absolute terms, but far easier here than its frequency predicts.
    assert by_word["Zelensky"].logprob < -5
    assert by_word["Zelensky"].slor > 3


def test_worst_word_points_at_the_error(scorer: TransformersScorer) -> None:
    text = "However, he himself dampened expectations Their talks in Moscow."
    [sentence] = _fluency(scorer, text).sentences
    assert text[sentence.worst_word.start : sentence.worst_word.end] == "Their"


def test_sentences_of_a_segment(scorer: TransformersScorer) -> None:
    text = "Putin said the presidents plan to talk again. " + CORRUPTED["shuffled"] + "\n\n" + CLEAN
    [scores] = scorer.score([text])
    spans = split_sentences(text)
    result = fluency(text, scores, spans)
    assert [(s.start, s.end) for s in result.sentences] == [(s.start, s.end) for s in spans]
    assert fluency(text, scores, [(s.start, s.end) for s in spans]) == result  # plain tuples work the same
    assert result.n_tokens == sum(s.n_tokens for s in result.sentences) <= len(scores)
    weighted = sum(s.fluency * s.n_tokens for s in result.sentences) / result.n_tokens
    assert result.fluency == pytest.approx(weighted)
    broken = result.sentences[1]
    assert broken.fluency == min(s.fluency for s in result.sentences)


def test_scores_of_another_text_are_refused(scorer: TransformersScorer) -> None:
    [scores] = scorer.score([CLEAN])
    with pytest.raises(ValueError):
        fluency(CLEAN + " ", scores)


def test_empty_segment(scorer: TransformersScorer) -> None:
    [scores] = scorer.score([""])
    result = fluency("", scores)
    assert result.n_tokens == 0
    assert result.fluency == 100.0
