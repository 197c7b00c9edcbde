"""MT707-MT708: source text left untranslated, whole or sentence by sentence.

Silent when the segment has no `src`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mtqa.model import Severity
from mtqa.nlp import language as langid
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
