"""Built-in rules; importing this package registers them (see `registry.py`)."""

from mtqa.rules import (  # noqa: F401
    agreement,
    casing,
    characters,
    language_model,
    punctuation,
    repetition,
    source_coverage,
    source_markup,
    source_numbers,
    source_untranslated,
    structure,
)
from mtqa.rules.registry import RULES, Match, Rule, all_rules, lookup, rule, select_rules

__all__ = ["RULES", "Match", "Rule", "all_rules", "lookup", "rule", "select_rules"]
