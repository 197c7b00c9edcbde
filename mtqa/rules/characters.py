"""MT6xx: characters that should not be there: mojibake, replacement and control characters, other languages."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

from mtqa.model import Applicability, Severity
from mtqa.nlp import language as langid
from mtqa.nlp import lexicon, links
from mtqa.nlp.tokens import Token
from mtqa.rules._helpers import replace_fix, source_text
from mtqa.rules.context import SegmentContext
from mtqa.rules.registry import FixAvailability, Match, rule


@rule("MT601", "mojibake", category="fluency/character-encoding", severity=Severity.MAJOR,
      fix=FixAvailability.SOMETIMES, rewrites_words=True)
def find_mojibake(ctx: SegmentContext) -> Iterator[Match]:
    """Text decoded with the wrong character encoding.

    ## What it flags
    Words that ftfy recognises as mojibake, such as “donâ€™t” or “CafÃ©”.

    ## Why is this bad?
    Some step of the pipeline read UTF-8 as Latin-1 or Windows-1252; readers see garbage.

    ## Example
    The cafÃ© opened.  ->  The café opened.

    ## Fix safety
    Safe when ftfy's repair is a clean re-decoding.
    """
    import ftfy
    from ftfy.badness import is_bad

    for match in re.finditer(r"\S+", ctx.text):
        word = match.group()
        if word.isascii() or not is_bad(word):
            continue
        fixed = ftfy.fix_text(word)
        fixes = (replace_fix(match.start(), match.end(), fixed, f"Write “{fixed}”"),) if fixed != word else ()
        yield Match(match.start(), match.end(), f"“{word}” looks like mojibake", fixes)


@rule("MT602", "replacement-character", category="fluency/character-encoding", severity=Severity.MAJOR,
      fix=FixAvailability.NEVER)
def find_replacement_characters(ctx: SegmentContext) -> Iterator[Match]:
    """The Unicode replacement character U+FFFD.

    ## What it flags
    Every “\ufffd”: a byte sequence that could not be decoded and was replaced.

    ## Why is this bad?
    The original character is lost; the text needs the source to be repaired.

    ## Example
    The caf\ufffd opened.

    ## Fix safety
    No automatic fix: the lost character is unknown.
    """
    for match in re.finditer("\ufffd+", ctx.text):
        yield Match(match.start(), match.end(), "Replacement character: a character was lost in decoding")


_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff"
                         r"\ud800-\udfff]")


@rule("MT603", "control-character", category="fluency/character-encoding", severity=Severity.MINOR,
      fix=FixAvailability.ALWAYS)
def find_control_characters(ctx: SegmentContext) -> Iterator[Match]:
    """Invisible control characters inside the text.

    ## What it flags
    C0 and C1 control characters other than tab and newline, zero-width spaces,
    bidirectional marks and overrides, byte-order marks, and lone surrogates (an escaped
    `\ud800` in JSON: half of a character that was cut in two).

    ## Why is this bad?
    They are invisible to editors but break search, tokenisation and display; bidirectional
    overrides can even reorder what the reader sees.

    ## Example
    The meeting\u200b was useful.

    ## Fix safety
    Deleting the character is safe.
    """
    for match in _CONTROL_RE.finditer(ctx.text):
        name = unicodedata.name(match.group(), f"U+{ord(match.group()):04X}")
        yield Match(match.start(), match.end(), f"Invisible control character {name}",
                    (replace_fix(match.start(), match.end(), "", "Delete it", Applicability.SAFE),))


_FOREIGN_SCRIPT_RE = re.compile(
    r"[\u0370-\u03ff\u0400-\u052f\u0590-\u05ff\u0600-\u06ff\u0900-\u0dff\u0e00-\u0e7f\u10a0-\u10ff"
    r"\u1100-\u11ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]+"
    r"(?:[\s\-]*[\u0370-\u03ff\u0400-\u052f\u0590-\u05ff\u0600-\u06ff\u0900-\u0dff\u0e00-\u0e7f\u10a0-\u10ff"
    r"\u1100-\u11ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]+)*"
)


# "the Greek word Καλλις", "called 北京 in Chinese": a foreign word cited on purpose.

@rule("MT604", "foreign-script", category="accuracy/untranslated", severity=Severity.MAJOR,
      fix=FixAvailability.NEVER)
def find_foreign_script(ctx: SegmentContext) -> Iterator[Match]:
    """Words in a non-Latin script inside English text.

    ## What it flags
    Runs of Cyrillic, Greek, Hebrew, Arabic, Indic, Thai, Georgian, CJK or Hangul letters.
    A single Greek letter (a symbol such as “α” or “μ”) and a word cited as such (“the Greek word
    Καλλις”, “called 北京”) are not flagged.

    ## Why is this bad?
    The MT system copied a source word it could not translate.

    ## Example
    Putin stressed that военные sailors perform the most difficult tasks.

    ## Fix safety
    No automatic fix: the word needs translating.
    """
    for match in _FOREIGN_SCRIPT_RE.finditer(ctx.text):
        if len(match.group()) == 1 and "\u0370" <= match.group() <= "\u03ff":
            continue
        if langid.is_cited(ctx.text, match.start(), match.end()):
            continue
        yield Match(match.start(), match.end(), f"“{match.group()}” is not in the Latin script: left untranslated?")




@rule("MT605", "not-english", category="accuracy/untranslated", severity=Severity.CRITICAL,
      fix=FixAvailability.NEVER)
def find_non_english(ctx: SegmentContext) -> Iterator[Match]:
    """A sentence that is not in English.

    ## What it flags
    Sentences of five words or more that the offline language identifier py3langid assigns to
    another language with probability 0.99 or more.

    ## Why is this bad?
    The MT system copied the source or answered in the wrong language.

    ## Example
    Le président a rencontré son homologue russe lundi à Moscou pour discuter.

    ## Fix safety
    No automatic fix.
    """
    for sentence in ctx.sentences:
        words = sentence.words
        if len(words) < 5 or sum(c.isalpha() for c in sentence.span.text) < 25:
            continue
        if sum(w.lower in lexicon.ENGLISH_MARKERS for w in words) >= 0.15 * len(words):
            continue  # plainly English: no need to ask the identifier
        identifier = langid.identifier(restricted=False)
        language, probability = identifier.classify(sentence.span.text)
        if language != "en" and probability >= 0.99:
            yield Match(sentence.span.start, sentence.span.end,
                        f"This sentence looks like {language}, not English (p={probability:.2f})")


# Languages MT into English most often leaves words of, in the Latin script.
_LATIN_SOURCE_LANGUAGES = ("fr", "de", "es", "it", "pt", "nl", "pl", "cs", "sv", "ro", "tr", "fi", "hu")


@rule("MT606", "foreign-word", category="accuracy/untranslated", severity=Severity.MAJOR,
      fix=FixAvailability.NEVER)
def find_foreign_words(ctx: SegmentContext) -> Iterator[Match]:
    """A common word of another language, in the Latin script, left inside English text.

    ## What it flags
    Lower-case words that English hardly uses (wordfreq Zipf frequency under 2.5) but that are
    common (Zipf 3 or more, and at least 3 above English) in French, German, Spanish, Italian, Portuguese, Dutch, Polish, Czech,
    Swedish, Romanian, Turkish, Finnish or Hungarian: “alors”, “acheté”, “przyszłości”.
    Capitalised words are left alone (they are usually names), and so are loanwords English uses, and
    words the source itself quotes from a third language (a French title in a Romanian source).
    Major when the word is very common in the other language (Zipf 4 or more) and rare in
    English (under 2); minor otherwise, since rarer words may be cited terms (“szlachta”).

    ## Why is this bad?
    The MT system copied a source word, or switched language in mid-sentence (code-mixing).

    ## Example
    It is almost impossible to exchange money outside the islands, alors change it before leaving.

    ## Fix safety
    No automatic fix: the word needs translating.
    """
    src = source_text(ctx)
    for token in ctx.tokens:
        word = token.text
        if not token.is_word or not word[0].islower() or len(word) < 4 or not word.isalpha():
            continue
        english = lexicon.zipf(word)
        if english >= 2.5 or langid.is_cited(ctx.text, token.start, token.end) \
                or links.inside_link(ctx.text, token.start, token.end):
            continue  # frequent in English, cited on purpose (“carro” means “carriage”), or part of an address
        language, frequency = _foreign_language(word)
        if src and _quoted_by_source(ctx, token, src) and language != langid.identify(src)[0]:
            continue  # the source quotes it from a third language: a title or a saying kept as it is
        if frequency >= 3.0 and frequency - english >= 3.0:
            # A very common foreign word English hardly uses is untranslated text; a rarer one may be a term.
            severity = None if frequency >= 4.0 and english < 2.0 else Severity.MINOR
            yield Match(token.start, token.end, f"“{word}” looks like a word of another language ({language}), "
                                                "not English", severity=severity)


def _quoted_by_source(ctx: SegmentContext, token: Token, src: str) -> bool:
    """True when the word and a neighbour stand side by side in the source too: a phrase copied as the
    source writes it ("höher schlagen", "de toute connaissance"), not one word left untranslated."""
    words = [t for t in ctx.tokens if t.is_word]
    i = next(n for n, t in enumerate(words) if t.start == token.start)
    pairs = [ctx.text[words[j].start:words[j + 1].end] for j in (i - 1, i)
             if 0 <= j < len(words) - 1 and ctx.text[words[j].end:words[j + 1].start] == " "]
    return any(re.search(rf"(?<!\w){re.escape(pair)}(?!\w)", src) for pair in pairs)


@lru_cache(maxsize=65536)
def _foreign_language(word: str) -> tuple[str, float]:
    """The Latin-script language in which `word` is most frequent, and its Zipf frequency there."""
    from wordfreq import zipf_frequency

    # The "small" lists hold every word at Zipf 3 and above, all this rule asks about, in an eighth of the
    # memory of the large ones (about 60 MB for the 13 languages instead of 460 MB).
    best = max(_LATIN_SOURCE_LANGUAGES, key=lambda lang: zipf_frequency(word, lang, wordlist="small"))
    return best, zipf_frequency(word, best, wordlist="small")
