"""Language-model layer: score texts token by token, turn the scores into fluency, compare minimal pairs."""

from mtqa.lm.base import ScoredToken, Scorer, TokenScores
from mtqa.lm.registry import DEFAULT_MODEL, load_scorer, resolve_lm

__all__ = ["DEFAULT_MODEL", "ScoredToken", "Scorer", "TokenScores", "load_scorer", "resolve_lm"]
