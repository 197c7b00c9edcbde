"""How much a translation owes to its source: the model's log-probability of the translation after its
source, against its log-probability alone (a pointwise mutual information, in nats).

A translation copies its source's names, numbers and cognates, so the model, having read the source,
finds it likelier than it does alone ("45 min." after "für eine Person 45 min."). A hallucination
detached from its source ("The staff were very friendly and helpful." for "Fitness und Gymnastik ins
Pool, für eine Person 45 min.") gains nothing from it, and often loses: the source makes it less likely.
Fluent nonsense reads as fluent English; this is what tells it from a translation (issue 13, item 4).

The model is English and reads other languages poorly: it sees a source only through what a translation
copies from it, so support is measured only where the source is mostly in the Latin script, and with it
the source's own surprisal per character, which tells how well the model reads that language (on dev:
German about 1.9 nats, Romanian 2.3, Estonian 3.0). Where the model hardly reads the source, a faithful
translation gains as little from it as a hallucination does, so the heads discount only below a chosen
surprisal (`Heads.supported`).

The score of the translation alone comes from the pass the segment is scored in anyway; the source costs
one more pass over the source and the translation (docs/PERFORMANCE.md). The translation's first word
is left out: alone it opens the text, after the prompt it follows "English: ", and the two are not
comparable.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache
from typing import NamedTuple

from mtqa.lm.base import TokenScores
from mtqa.nlp import language as langid
from mtqa.nlp import lexicon, names

# Names the model knows a source language by; any other Latin-script source is a "Source".
LANGUAGE_NAMES = {
    "cs": "Czech", "da": "Danish", "de": "German", "es": "Spanish", "et": "Estonian", "fi": "Finnish",
    "fr": "French", "hr": "Croatian", "hu": "Hungarian", "id": "Indonesian", "it": "Italian", "lt": "Lithuanian",
    "lv": "Latvian", "nl": "Dutch", "no": "Norwegian", "pl": "Polish", "pt": "Portuguese", "ro": "Romanian",
    "sk": "Slovak", "sl": "Slovenian", "sv": "Swedish", "tr": "Turkish", "vi": "Vietnamese",
}
MIN_LATIN_SHARE = 0.5  # of the source's letters: below it the model cannot read the source
MAX_SUPPORT_CHARS = 2000  # source and translation together; longer segments are not measured
PROMPT_END = "\nEnglish: "


class Support(NamedTuple):
    """How much the source supports a translation, and how well the model reads that source."""

    gain: float  # ln P(translation | source) - ln P(translation), in nats, after the first word
    source_surprisal: float  # the source's -ln P per character in the prompt: high where the model hardly reads it


def source_prompt(text: str, src: str | None) -> str | None:
    """What the translation is scored after, ("German: <source>\nEnglish: "), or None where support is
    not measured: no source, a source mostly in another script, an empty translation, or a long segment."""
    if src is None or not src.strip() or not text.strip() or len(src) + len(text) > MAX_SUPPORT_CHARS:
        return None
    if langid.latin_share(src) < MIN_LATIN_SHARE:
        return None
    name = LANGUAGE_NAMES.get(langid.identify(src)[0], "Source")
    return f"{name}: {' '.join(src.split())}{PROMPT_END}"


def after_first_word(text: str) -> int:
    """Where the text's first word (with the spaces before it) ends."""
    match = re.match(r"\s*\S+", text)
    return match.end() if match else len(text)


def source_support(alone: TokenScores, after_source: TokenScores, prompt: str) -> Support:
    """The support of the translation `alone` scored on its own, by `after_source`, the prompt followed by
    it: the gain over the tokens after its first word, and the source's surprisal per character."""
    text = alone.text
    if after_source.text != prompt + text or not prompt.endswith(PROMPT_END):
        raise ValueError("the translation was not scored after this prompt")
    source_start, source_end = prompt.index(": ") + 2, len(prompt) - len(PROMPT_END)
    surprisal = -after_source.span_logprob(source_start, source_end) / max(1, source_end - source_start)
    start = after_first_word(text)
    if start >= len(text):
        return Support(0.0, surprisal)
    shift = len(prompt)
    gain = (math.fsum(lp for s, lp in zip(after_source.starts, after_source.logprobs, strict=True)
                      if s >= shift + start)
            - math.fsum(lp for s, lp in zip(alone.starts, alone.logprobs, strict=True) if s >= start))
    return Support(gain, surprisal)


# Repeats the source does not make. A translation that says a content word again where its source does
# not ("Is the whole pancreas removed from each pancreas of pancreas?") is repeating itself, not its
# source; the heads discount its quality by the share of such repeats (`Heads.supported`). Words are
# compared by their first REPEAT_STEM letters, so that a word's inflected forms count as one: a Romanian
# source repeats a noun in different cases ("pancreasul", "pancreasului"), and a translation may change
# a repeated word's form ("popular", "popularity"). A source's words are compared by their first
# SOURCE_STEM letters, fewer, as its inflections may change a short stem ("stat", "statului"); a source
# word merged with another by mistake can only make the translation's repeats cost less. A source word
# counts when it has REPEAT_MIN_LETTERS letters and is not among its language's commonest words (wordfreq
# Zipf at least SOURCE_COMMON_ZIPF: "und", "nicht", "pentru"). A language wordfreq does not list
# (Estonian) is not counted at all: without its common words its repeats cannot be told from its grammar,
# and on MLQE-PE et-en counting them by length alone lowered the Pearson r with DA (docs/EVALUATION.md).
# A translation's word counts when it is no English function word.
REPEAT_STEM = 5
SOURCE_STEM = 4
REPEAT_MIN_LETTERS = 3
SOURCE_COMMON_ZIPF = 6.0
_LETTERS = re.compile(r"[^\W\d_]+")


def source_absent_repeats(text: str, src: str | None) -> float:
    """The share of the translation's content words that repeat an earlier one, beyond what its source's
    content words repeat, 0-1. 0 without a source, for a source mostly in another script, where the
    words cannot be counted alike, or in a language whose common words wordfreq does not list."""
    if src is None or langid.latin_share(src) < MIN_LATIN_SHARE:
        return 0.0
    words = [w for w in _LETTERS.findall(text.lower())
             if len(w) >= REPEAT_MIN_LETTERS and w not in lexicon.FUNCTION_WORDS]
    common = _common_words(langid.identify(src)[0])
    if not words or common is None:
        return 0.0
    source = [w for w in _LETTERS.findall(src.lower()) if len(w) >= REPEAT_MIN_LETTERS and w not in common]
    return max(0, _extra(words, REPEAT_STEM) - _extra(source, SOURCE_STEM)) / len(words)


def _extra(words: list[str], stem: int) -> int:
    """Occurrences of a word (by its first `stem` letters) beyond its first."""
    return sum(n - 1 for n in Counter(w[:stem] for w in words).values())


@lru_cache(maxsize=64)
def _common_words(language: str) -> frozenset[str] | None:
    """The language's words of Zipf frequency SOURCE_COMMON_ZIPF or more; None when wordfreq has no list."""
    from wordfreq import top_n_list, zipf_frequency

    if not names.has_word_list(language):
        return None
    # wordfreq's small list: the large one takes 30 to 100 MB a language, and both order and rate their common
    # words alike (mtqa.nlp.names.source_zipf).
    return frozenset(w for w in top_n_list(language, 2000, wordlist="small")
                     if zipf_frequency(w, language, wordlist="small") >= SOURCE_COMMON_ZIPF)
