"""The segment score: the rule score, scaled by the language model's fluency when there is one."""

from __future__ import annotations


def combined_score(rule_score: float, fluency_score: float | None) -> float:
    """The segment score with a language model: the rule score scaled by fluency (both 0-100).

    Multiplying keeps each signal decisive where it is sure: a critical error gives 0 however fluent
    the text, and among segments without findings the less fluent one scores lower.
    """
    if fluency_score is None:
        return rule_score
    return round(rule_score * fluency_score / 100.0, 1)
