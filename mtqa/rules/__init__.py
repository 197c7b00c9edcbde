"""Built-in rules; importing this package registers them (see `registry.py`)."""

from mtqa.rules import agreement, casing, characters, punctuation, repetition, source, structure  # noqa: F401
from mtqa.rules.registry import RULES, Match, Rule, all_rules, lookup, rule, select_rules

__all__ = ["RULES", "Match", "Rule", "all_rules", "lookup", "rule", "select_rules"]
