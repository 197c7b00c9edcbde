"""MT707-MT708: source text left untranslated, whole or sentence by sentence.

Silent when the segment has no `src`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mtqa.model import Severity
from mtqa.nlp import language as langid
from mtqa.nlp import lexicon, links, names
from mtqa.rules._helpers import source_text
from mtqa.rules.context import SegmentContext
from mtqa.rules.registry import FixAvailability, Match, rule


def _comparable(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.lower()).strip()


def _foreign_source(src: str) -> str | None:
    """The source's language when it is confidently not English, else None."""
    language, probability = langid.identify(src)
    if language == "en" or probability < 0.9:
        return None
    return language


@rule("MT707", "source-copy", category="accuracy/untranslated", severity=Severity.CRITICAL,
      fix=FixAvailability.NEVER, reads_source=True)
def find_source_copies(ctx: SegmentContext) -> Iterator[Match]:
    """A translation identical to its source.

    ## What it flags
    A translation equal to the source apart from case, spacing and punctuation, when the source is
    confidently in another language than English and has at least three words.

    ## Why is this bad?
    The MT system or the pipeline passed the source through untranslated.

    ## Example
    Source: Der Vertrag wurde gestern unterzeichnet.
    Translation: Der Vertrag wurde gestern unterzeichnet.

    ## Fix safety
    No automatic fix.
    """
    src = source_text(ctx)
    if src is None or _comparable(src) != _comparable(ctx.text) or not ctx.text.strip():
        return
    if len(re.findall(r"\w+", src)) < 3 and langid.cjk_share(src) < 0.5 or _foreign_source(src) is None:
        return
    yield Match(0, len(ctx.text), "The translation is a copy of the source")


@rule("MT708", "source-language", category="accuracy/untranslated", severity=Severity.MAJOR,
      fix=FixAvailability.NEVER, reads_source=True)
def find_source_language_sentences(ctx: SegmentContext) -> Iterator[Match]:
    """A sentence of the translation left in the source's language.

    ## What it flags
    A sentence of at least three words that the offline identifier assigns to the source's language
    (with probability 0.9), when the source is confidently not English. Sentences that MT605 already
    flags on their own (0.99 and five words) and whole copies of the source (MT707) are left to those rules.

    ## Why is this bad?
    Part of the segment was not translated: the reader gets the source language instead.

    ## Example
    Source: Das Treffen ist abgesagt. Die Gespräche gehen weiter.
    Translation: The meeting is cancelled. Die Gespräche gehen weiter.

    ## Fix safety
    No automatic fix.
    """
    src = source_text(ctx)
    if src is None or _comparable(src) == _comparable(ctx.text):
        return
    language = _foreign_source(src)
    if language is None or language in ("zh", "ja", "ko"):
        return  # CJK script in English text is MT604's
    for sentence in ctx.sentences:
        words = sentence.words
        if len(words) < 3:
            continue
        guess, probability = langid.identify(sentence.span.text)
        letters = sum(c.isalpha() for c in sentence.span.text)
        if guess != language or probability < 0.9 or probability >= 0.99 and len(words) >= 5 and letters >= 25:
            continue
        yield Match(sentence.span.start, sentence.span.end, f"This sentence is in the source language ({language})")


# A word English itself uses this often is a shared word ("hotel", "problem"), not an untranslated one.
COPIED_WORD_MAX_ENGLISH_ZIPF = 3.0


@rule("MT712", "copied-source-word", category="accuracy/untranslated", severity=Severity.MAJOR,
      fix=FixAvailability.NEVER, reads_source=True)
def find_copied_source_words(ctx: SegmentContext) -> Iterator[Match]:
    """A lower-case source word copied into the translation instead of being translated.

    ## What it flags
    A lower-case word of four letters or more that occurs in the source (ignoring case and accents)
    and that English rarely uses (wordfreq Zipf under 3, unknown to lemminflect), when the source is
    confidently not English and written in the Latin script: "may have acheteurs to buyers" for a
    French source with "acheteurs".
    Names are capitalised and left alone, and so are words English shares with the source ("hotel",
    "relativism"), words quoted or explained ("“carro” means “carriage”") and terms kept whole with
    their neighbours ("in absentia", "de jure").

    ## Why is this bad?
    The MT system did not know the word and copied it: the reader meets a foreign word in mid-sentence.

    ## Example
    Source: Les acheteurs attendent les nouveaux modèles.
    Translation: The acheteurs are waiting for the new models.

    ## Fix safety
    No automatic fix: the word needs translating.
    """
    src = source_text(ctx)
    language = _foreign_source(src) if src is not None else None
    if src is None or language is None:
        return
    latin = list(langid.latin_words(src))
    if sum(len(m.group()) for m in latin) < 0.5 * sum(c.isalpha() for c in src):
        return  # Latin-script words in a Sinhala or Chinese source are terms the source itself kept
    source_words = {langid.fold(m.group()) for m in latin}
    tokens = ctx.tokens
    for i, token in enumerate(tokens):
        word = token.text
        if not token.is_word or len(word) < 4 or not word.isalpha() or not word.islower():
            continue
        if langid.fold(word) not in source_words or lexicon.zipf(word) >= COPIED_WORD_MAX_ENGLISH_ZIPF \
                or lexicon.parts_of_speech(word) or langid.is_cited(ctx.text, token.start, token.end) \
                or links.inside_link(ctx.text, token.start, token.end) or not _source_word(word, language):
            continue  # not copied, a word English has ("relativism"), cited on purpose, or a loanword
        neighbours = [t for t in (tokens[i - 1] if i else None, tokens[i + 1] if i + 1 < len(tokens) else None)
                      if t is not None and t.is_word]
        if any(langid.fold(t.text) in source_words for t in neighbours):
            continue  # part of a term or name kept as it is: "in absentia", "de jure", "Gule wamkulu"
        yield Match(token.start, token.end, f"“{word}” is copied from the source, untranslated")


def _source_word(word: str, language: str) -> bool:
    """True when `word` is no English word, or a common word of the source language more than of English:
    "sein" from a German source is; "troika" or "gendarmes" in a Portuguese source are loanwords."""
    from wordfreq import zipf_frequency

    english = lexicon.zipf(word)
    if english == 0.0:
        return True  # a word English never writes ("sygnatariusze")
    if not names.has_word_list(language):
        return english < 2.0
    in_source = zipf_frequency(word, language, wordlist="small")
    return in_source >= 2.5 and in_source >= english + 0.5
