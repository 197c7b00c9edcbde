"""MT4xx: pronouns that do not agree with what they refer to."""

from __future__ import annotations

from collections.abc import Iterator

from mtqa import lexicon
from mtqa.model import Applicability, Severity
from mtqa.rules._helpers import replace_fix
from mtqa.rules.context import SegmentContext, _strip_possessive
from mtqa.rules.registry import Match, rule

_POSSESSIVE_FOR = {"male": ("his",), "female": ("her",), "unknown": ("his", "her", "their")}


@rule("MT401", "its-for-person", category="fluency/grammar", severity=Severity.MAJOR)
def find_its_for_person(ctx: SegmentContext) -> Iterator[Match]:
    """“its” used for a person named just before it.

    ## What it flags
    The possessive “its” within three words of a person's name, with only function words between
    ("Macron for its part"). A name counts as a person's when the document gives it a title
    ("President Macron"), a known given name ("Emmanuel Macron") or a he/she pronoun.

    ## Why is this bad?
    Languages without grammatical person in their possessives (Russian “свой”, Estonian “oma”)
    come out of MT as “its”; calling a person “it” is wrong and reads as an insult.

    ## Example
    Macron for its part stressed the freedom of states.  ->  Macron for his part stressed the freedom of states.

    ## Fix safety
    Unsafe: the fix uses the gender the document gives the person (“his”/“her”), or offers
    “his”, “her” and “their” when it gives none.
    """
    if "its" not in ctx.text.lower():
        return
    people = ctx.document.person_names
    if not people:
        return
    for sentence in ctx.sentences:
        words = sentence.words
        for i, word in enumerate(words):
            if word.lower != "its":
                continue
            for back in range(1, 4):
                if i - back < 0:
                    break
                candidate = words[i - back]
                name = _strip_possessive(candidate.text)
                if name in people and candidate.text[0].isupper():
                    pronouns = _POSSESSIVE_FOR[people[name] if people[name] in _POSSESSIVE_FOR else "unknown"]
                    fixes = tuple(replace_fix(word.start, word.end, p if word.text[0].islower() else p.title(),
                                              f"Write “{p}”", Applicability.UNSAFE) for p in pronouns)
                    yield Match(word.start, word.end, f"“its” refers to {name}, a person", fixes)
                    break
                if candidate.lower not in lexicon.FUNCTION_WORDS:
                    break
