"""LM-verified minimal pairs: the gain tells a good edit from a bad one."""

from __future__ import annotations

from mtqa.lm.pairs import compare
from mtqa.lm.transformers_backend import TransformersScorer

BROKEN = "However, he himself dampened expectations Their talks in Moscow."


def test_repairs_gain_and_damage_loses(scorer: TransformersScorer) -> None:
    inserted, lowered, doubled = compare(
        scorer,
        BROKEN,
        [
            "However, he himself dampened expectations for their talks in Moscow.",
            "However, he himself dampened expectations their talks in Moscow.",
            "However, he himself dampened expectations Their talks in in Moscow.",
        ],
    )
    assert inserted > lowered > 0 > doubled


def test_deleting_a_duplicate_gains_but_deleting_a_needed_word_does_not(scorer: TransformersScorer) -> None:
    [gain] = compare(
        scorer,
        "The minister said that the the talks were useful.",
        ["The minister said that the talks were useful."],
    )
    assert gain > 2
    losses = compare(
        scorer,
        "The minister said that the talks were very useful.",
        ["The minister said that the talks were useful.", "The minister said the talks were very useful."],
    )
    assert all(loss < 0 for loss in losses)  # plain total log-prob would favour both deletions


def test_deleting_a_copy_of_a_content_word_gains(scorer: TransformersScorer) -> None:
    [kept] = compare(scorer, "The results were strong, strong and stable.", ["The results were strong and stable."])
    assert kept > 0  # the word stays once: its unigram cost is not charged for the copy
    [lost] = compare(scorer, "The results were strong and stable.", ["The results were and stable."])
    assert lost < 0  # the last copy of a content word is content


def test_pronoun_agreement(scorer: TransformersScorer) -> None:
    [gain] = compare(
        scorer,
        "The company reported its profits, and the CEO thanked its staff for his work.",
        ["The company reported its profits, and the CEO thanked its staff for their work."],
    )
    assert gain > 0


def test_no_candidates(scorer: TransformersScorer) -> None:
    assert compare(scorer, BROKEN, []) == []
