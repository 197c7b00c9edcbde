"""MT709-MT711: whether the translation covers its source: its length, repetitions the source lacks, names.

Silent when the segment has no `src`.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from mtqa.model import Severity
from mtqa.nlp import language as langid
from mtqa.nlp import lexicon, names
from mtqa.nlp.ngrams import most_repeated
from mtqa.rules._helpers import source_text
from mtqa.rules.context import SegmentContext
from mtqa.rules.registry import FixAvailability, Match, rule

# Typical length of an English translation in characters per source character.
EXPECTED_LENGTH_RATIO = {"zh": 3.0, "ja": 2.2, "ko": 2.2}
LENGTH_RATIO_LIMIT = 3.0  # flag beyond a third or three times the expected length
MIN_SOURCE_CHARS = {"zh": 12, "ja": 15, "ko": 12}
MIN_SOURCE_CHARS_DEFAULT = 40


@rule("MT709", "length-ratio", category="accuracy/omission", severity=Severity.MAJOR,
      fix=FixAvailability.NEVER, reads_source=True)
def find_implausible_lengths(ctx: SegmentContext) -> Iterator[Match]:
    """A translation far shorter or longer than its source.

    ## What it flags
    An empty translation of a non-empty source (critical), and a translation whose length in characters,
    divided by the source's, is below a third or above
    three times what the language pair usually gives (about 3 English characters per Chinese
    character, 2.2 per Japanese or Korean one, 1 per character of alphabetic languages). Sources under
    40 characters (12 Chinese ones) are skipped: short segments vary too much.

    ## Why is this bad?
    A translation a third as long has usually dropped a clause; one three times as long has added or
    hallucinated text.

    ## Example
    Source: Die Regierung kündigte an, die Steuern im nächsten Jahr zu senken, um die Wirtschaft zu stützen.
    Translation: The government announced.

    ## Fix safety
    No automatic fix.
    """
    src = source_text(ctx)
    text = ctx.text.strip()
    if src is None:
        return
    if not text:
        yield Match(len(ctx.text), len(ctx.text), "The translation is empty", severity=Severity.CRITICAL)
        return
    language = langid.identify(src)[0] if langid.cjk_share(src) > 0.5 else "other"
    src_chars = len(re.sub(r"\s+", "", src))
    if src_chars < MIN_SOURCE_CHARS.get(language, MIN_SOURCE_CHARS_DEFAULT):
        return
    ratio = len(re.sub(r"\s+", "", text)) / src_chars / EXPECTED_LENGTH_RATIO.get(language, 1.0)
    if ratio < 1 / LENGTH_RATIO_LIMIT:
        yield Match(len(ctx.text), len(ctx.text),
                    f"The translation is {ratio:.2f} times the expected length: part of the source may be missing")
    elif ratio > LENGTH_RATIO_LIMIT:
        yield Match(0, len(ctx.text), f"The translation is {ratio:.1f} times the expected length: "
                    "text may have been added")


def _source_tokens(src: str) -> list[str]:
    """Words of any alphabet, and each CJK character on its own (Chinese has no spaces)."""
    return [t.lower() for t in re.findall(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]|[^\W\d_]+|\d+", src)]


REPETITION_EXCESS = 3  # occurrences beyond the source's own most repeated n-gram


@rule("MT710", "source-absent-repetition", category="fluency/repetition", severity=Severity.MAJOR,
      fix=FixAvailability.NEVER, reads_source=True)
def find_repetition_absent_from_source(ctx: SegmentContext) -> Iterator[Match]:
    """A word or phrase repeated far more often than anything repeats in the source.

    ## What it flags
    A content word or a phrase of up to three words that occurs at least three times more often in
    the translation than the source's most frequent word or phrase of the same length, when the
    copies are not back to back (MT103 flags loops of adjacent copies).

    ## Why is this bad?
    A translation that keeps coming back to the same phrase the source says once is hallucinating:
    neural MT loops on a phrase and drops what the source said instead.

    ## Example
    Source: 欧盟峰会讨论难民政策。
    Translation: The EU summit discussed refugee policy, refugee policy, the refugee policy and refugee policy.

    ## Fix safety
    No automatic fix: what the repetition displaced has to be translated.
    """
    src = source_text(ctx)
    if src is None:
        return
    words = [t for t in ctx.tokens if t.is_word]
    lowered = [t.lower for t in words]
    source_tokens = _source_tokens(src)
    for n in (3, 2, 1):
        grams: dict[tuple[str, ...], list[int]] = {}
        for i in range(len(lowered) - n + 1):
            gram = tuple(lowered[i:i + n])
            if all(w in lexicon.FUNCTION_WORDS or w.isdigit() for w in gram):
                continue
            grams.setdefault(gram, []).append(i)
        allowed = most_repeated(source_tokens, n) + REPETITION_EXCESS
        for gram, positions in grams.items():
            if len(positions) < max(4, allowed) or _adjacent(positions, n):
                continue
            first, last = positions[allowed - REPETITION_EXCESS], positions[-1]
            yield Match(words[first].start, words[last + n - 1].end,
                        f"“{' '.join(gram)}” occurs {len(positions)} times; nothing in the source repeats so often")
            return


def _adjacent(positions: list[int], n: int) -> bool:
    """True when every copy touches or overlaps the next: a loop ("Bern, Bern, Bern"), MT103's to report."""
    return all(b - a <= n for a, b in itertools.pairwise(positions))


@rule("MT711", "missing-name", category="accuracy/mistranslation", severity=Severity.MAJOR,
      fix=FixAvailability.NEVER, reads_source=True)
def find_missing_names(ctx: SegmentContext) -> Iterator[Match]:
    """A name in the source that the translation lacks, when both are in the Latin script.

    ## What it flags
    A capitalised word inside a source sentence (not its first word) that looks like a name
    (rare in the source language and not a compound of common words nor, in German, a word ending in a
    common noun; or used as it is in English; or with an inner capital: "McCord") and that no word of the
    translation matches, allowing for accents, inflection ("Merkels") and spelling variants ("Tokio").
    Acronyms are left alone: too many are translated ("ODS" is "SDGs", "ONU" is "UN"). Where the
    translation has exactly one capitalised word of its own in place of it, that word is marked;
    otherwise the end of the text.

    ## Why is this bad?
    A dropped or swapped name is a critical accuracy error: the sentence now says something about
    someone else, or about no one.

    ## Example
    Source: En 1956, Słania se trasladó a Suecia.
    Translation: In 1956, Rajshekhar moved to Sweden.  (“Rajshekhar” stands where the source has “Słania”)

    ## Fix safety
    No automatic fix.
    """
    src = source_text(ctx)
    if src is None or langid.cjk_share(src) > 0.5 and not re.search(r"[A-Za-z]{3}", src):
        return
    language = langid.identify(src)[0]
    target_words = [w for m in langid.latin_words(ctx.text) for w in re.split(r"[-'’]", m.group()) if w]
    found = names.source_names(src, language)
    missing = [name for name in dict.fromkeys(found) if not names.name_present(name, target_words)
               and not names.dropped_given_name(name, src, target_words)]
    if not missing:
        return
    source_folded = [langid.fold(m.group()) for m in langid.latin_words(src)]
    intruders = [m for m in langid.latin_words(ctx.text) if names.is_new_name(m, ctx.text, source_folded)]
    listed = ", ".join(f"“{name}”" for name in missing)
    if len(intruders) == 1:
        intruder = intruders[0]
        yield Match(intruder.start(), intruder.end(), f"“{intruder.group()}” stands where the source has {listed}")
    else:
        yield Match(len(ctx.text), len(ctx.text), f"The source's {listed} is missing from the translation")
