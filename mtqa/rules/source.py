"""MT7xx: checks that read the source sentence: numbers, units, links, placeholders, names, copies, length.

Every rule here is silent when the segment has no `src`. They compare what a translation must carry
over unchanged or convertibly, and stay silent where a format or a script leaves room for doubt.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache

from mtqa import lexicon
from mtqa.model import Applicability, Severity
from mtqa.rules import _bilingual as bi
from mtqa.rules import _names as names
from mtqa.rules import _units
from mtqa.rules._helpers import replace_fix
from mtqa.rules.context import SegmentContext
from mtqa.rules.registry import FixAvailability, Match, rule

# Locales that write "1.000,5" or "1 000,5": a number copied from them may mean something else in English.
DECIMAL_COMMA_LANGUAGES = frozenset({"de", "fr", "ru", "et", "es", "it", "pt", "pl", "cs", "nl", "sv", "da",
                                     "nb", "fi", "tr", "uk", "bg", "ro", "hu", "sk", "sl", "hr", "lt", "lv"})
# Typical length of an English translation in characters per source character.
EXPECTED_LENGTH_RATIO = {"zh": 3.0, "ja": 2.2, "ko": 2.2}
LENGTH_RATIO_LIMIT = 3.0  # flag beyond a third or three times the expected length
MIN_SOURCE_CHARS = {"zh": 12, "ja": 15, "ko": 12}
MIN_SOURCE_CHARS_DEFAULT = 40


def _source(ctx: SegmentContext) -> str | None:
    src = ctx.segment.src
    return src if src and src.strip() else None


@lru_cache(maxsize=4096)
def _source_values(src: str) -> frozenset[float]:
    return frozenset(bi.source_values(src))


@rule("MT701", "number-mismatch", category="accuracy/mistranslation", severity=Severity.MAJOR,
      fix=FixAvailability.NEVER, reads_source=True)
def find_number_mismatches(ctx: SegmentContext) -> Iterator[Match]:
    """A number or date in the translation that the source does not state.

    ## What it flags
    A number written in digits whose every reading differs from every number in the source, a
    cardinal written as a word ("six", "eleven") that the source does not state when mtqa can read the
    source's number words (Chinese, Japanese, German, French, Russian, Estonian, Spanish, Italian,
    Portuguese, Polish, Czech), and a month named in a date that differs from the source's months. Source numbers are read in every
    format ("1.500" is 1500 or 1.5, "1 000,5" is 1000.5), with their multipliers ("2,5 Mio.", "250万"),
    as Chinese or Roman numerals and as small number words ("drei", "trois", "три"); the translation's
    "2.5 million", "3 p.m." and "the 1990s" match "2,5 Mio.", "15 Uhr" and "90年代". Numbers glued to
    letters ("G7", "COVID-19") are names, not quantities, and are left alone.

    ## Why is this bad?
    A wrong figure, year or date is a critical accuracy error that reads fluently: no reader can
    spot it without the source.

    ## Example
    Source: Der Umsatz stieg 2019 um 7,5 Prozent.
    Translation: Sales rose by 5.7 percent in 2019.  (“5.7”: the source says 7,5)

    ## Fix safety
    No automatic fix: which source number was meant is a judgement.
    """
    src = _source(ctx)
    if src is None:
        return
    values = _source_values(src)
    for number in bi.target_numbers(ctx.text):
        if not number.glued and not number.values & values:
            yield Match(number.start, number.end, f"“{number.text}” does not match any number in the source")
    if _number_words_known(src):
        for start, end, value in bi.target_cardinal_words(ctx.text):
            if value not in values:
                yield Match(start, end, f"“{ctx.text[start:end]}” does not match any number in the source")
    months = bi.source_months(src)
    if months:
        for start, end, month in bi.target_months(ctx.text):
            if month not in months:
                yield Match(start, end, f"“{ctx.text[start:end]}” is not a month the source names")


def _number_words_known(src: str) -> bool:
    """True when the source's number words can be read: Chinese or Japanese numerals, or a language
    whose small cardinals mtqa knows (see `_bilingual.SOURCE_NUMBER_WORDS`)."""
    if bi.cjk_share(src) > 0.5:
        return not re.search(r"[\uac00-\ud7af]", src)  # Korean writes native numbers in Hangul
    return bi.identify(src)[0] in NUMBER_WORD_LANGUAGES


NUMBER_WORD_LANGUAGES = frozenset({"de", "fr", "ru", "et", "es", "it", "pt", "pl", "cs", "en"})


@rule("MT702", "number-missing", category="accuracy/omission", severity=Severity.MINOR,
      fix=FixAvailability.NEVER, reads_source=True)
def find_missing_numbers(ctx: SegmentContext) -> Iterator[Match]:
    """A number in the source that the translation leaves out.

    ## What it flags
    A number the source writes in digits that matches no number of the translation, in digits or in
    words ("three", "a dozen", "twice", "March"). The span is the end of the translation, where
    something is missing.

    ## Why is this bad?
    A dropped figure or year is an omission the reader cannot notice.

    ## Example
    Source: Le projet coûtera 12 millions d'euros d'ici 2025.
    Translation: The project will cost 12 million euros.  (2025 is missing)

    ## Fix safety
    No automatic fix. Minor by default: a number can be dropped on purpose ("2021年" as "this year").
    """
    src = _source(ctx)
    if src is None:
        return
    available = {v for n in bi.target_numbers(ctx.text) for v in n.values} | bi.target_number_words(ctx.text)
    for raw, readings in bi.source_numbers(src):
        if not readings & available:
            yield Match(len(ctx.text), len(ctx.text), f"The source's “{raw}” is missing from the translation")


@rule("MT703", "number-format", category="locale/number-format", severity=Severity.MINOR,
      fix=FixAvailability.SOMETIMES, reads_source=True)
def find_source_number_formats(ctx: SegmentContext) -> Iterator[Match]:
    """A number left in the source language's format: a decimal comma, dot or space grouping.

    ## What it flags
    A number of the translation written as the source writes it when the source's locale uses a
    decimal comma: "3,5" (English: 3.5), "1.500.000" (1,500,000), "1 000,5" (1,000.5), and "1.500"
    copied from a German, French or Russian source, where it means 1500 and an English reader reads 1.5.

    ## Why is this bad?
    English readers read "." as the decimal point and "," as the thousands separator: a copied
    format misstates the number by a factor of a thousand or reads as a list.

    ## Example
    Source: Die Inflation lag bei 3,5 Prozent.
    Translation: Inflation was 3,5 percent.  ->  Inflation was 3.5 percent.

    ## Fix safety
    Unsafe: the fix rewrites the number in English format from the source's reading; check it.
    """
    src = _source(ctx)
    if src is None:
        return
    language, _ = bi.identify(src)
    if language not in DECIMAL_COMMA_LANGUAGES:
        return
    src_numbers = {re.sub(r"\s", " ", raw) for raw, _ in bi.source_numbers(src)}
    for number in bi.target_numbers(ctx.text):
        raw = re.sub(r"\s", " ", number.text)
        copied_thousands = re.fullmatch(r"\d{1,3}\.\d{3}", raw) is not None
        if raw not in src_numbers or bi.is_english_format(raw) and not copied_thousands:
            continue
        value = float(raw.replace(" ", "").replace(".", "").replace(",", "."))
        english = f"{value:,.{_decimals(raw)}f}"
        yield Match(number.start, number.end, f"“{number.text}” is in the source's number format; "
                    f"in English it is written “{english}”",
                    (replace_fix(number.start, number.end, english, f"Write “{english}”", Applicability.UNSAFE),))


def _decimals(raw: str) -> int:
    decimal = re.search(r",(\d+)$", raw)
    return len(decimal.group(1)) if decimal else 0


@rule("MT704", "unit-mismatch", category="accuracy/mistranslation", severity=Severity.MAJOR,
      fix=FixAvailability.NEVER, reads_source=True)
def find_unit_mismatches(ctx: SegmentContext) -> Iterator[Match]:
    """A number whose unit or currency differs from the source's for the same number.

    ## What it flags
    A number of the translation with a unit or currency ("$50", "5 miles", "3 hours") where the source
    gives the same number with another unit of the same kind ("50 €", "5 km", "3 Minuten").
    Units are recognised in English, German, French, Spanish, Italian, Portuguese, Russian, Polish,
    Czech, Estonian and Chinese.

    ## Why is this bad?
    Swapping euros for dollars or kilometres for miles without converting the number changes the
    quantity; it is a mistranslation as serious as a wrong figure.

    ## Example
    Source: Das Ticket kostet 50 €.
    Translation: The ticket costs $50.

    ## Fix safety
    No automatic fix: converting or restoring the unit is the translator's call.
    """
    src = _source(ctx)
    if src is None:
        return
    src_units = [(bi.number_readings(raw), _units.unit_of(src, start, end)) for raw, start, end in _digit_spans(src)]
    for number in bi.target_numbers(ctx.text):
        units = _units.unit_of(ctx.text, number.start, number.end)
        if not units:
            continue
        dimensions = {d for d, _ in units}
        rivals = [u for readings, u in src_units
                  if {bi.key(v) for v in readings} & number.values and any(d in dimensions for d, _ in u)]
        if rivals and not any(u & units for u in rivals):
            source_unit = min(c for u in rivals for _, c in u)
            yield Match(number.start, number.end,
                        f"“{number.text}” has a different unit or currency from the source's ({source_unit})")


def _digit_spans(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in bi.SOURCE_NUMBER_RE.finditer(text)]


@rule("MT705", "link-mismatch", category="accuracy/mistranslation", severity=Severity.MAJOR,
      fix=FixAvailability.NEVER, reads_source=True)
def find_link_mismatches(ctx: SegmentContext) -> Iterator[Match]:
    """A URL or e-mail address that is missing, altered or invented.

    ## What it flags
    A web address or e-mail address of the translation that the source does not contain character
    for character, and one of the source that the translation lacks (marked at its end).

    ## Why is this bad?
    Addresses must be copied exactly: a translated or mistyped address leads nowhere.

    ## Example
    Source: Weitere Informationen unter https://example.de/hilfe.
    Translation: More information at https://example.de/help.

    ## Fix safety
    No automatic fix.
    """
    src = _source(ctx)
    if src is None:
        return
    source_links = Counter(m.group() for m in bi.links(src))
    target_links = bi.links(ctx.text)
    remaining = source_links.copy()
    for match in target_links:
        if remaining[match.group()] > 0:
            remaining[match.group()] -= 1
        else:
            yield Match(match.start(), match.end(), f"“{match.group()}” is not in the source")
    for link, count in remaining.items():
        if count > 0 and link not in {m.group() for m in target_links}:
            yield Match(len(ctx.text), len(ctx.text), f"The source's “{link}” is missing")


@rule("MT706", "placeholder-mismatch", category="accuracy/mistranslation", severity=Severity.MAJOR,
      fix=FixAvailability.NEVER, reads_source=True)
def find_placeholder_mismatches(ctx: SegmentContext) -> Iterator[Match]:
    """An inline tag, placeholder or entity that is missing, altered or added.

    ## What it flags
    Markup and placeholders that software fills in or renders: tags (`<b>`, `</b>`, `<x id="1"/>`),
    `{0}`, `{name}`, `{{count}}`, `${user}`, `%s`, `%1$d`, `%(name)s` and character entities such
    as `&amp;`, compared as multisets between source and translation.

    ## Why is this bad?
    A dropped or renamed placeholder breaks the software that fills it in; a lost tag breaks the
    markup around the text.

    ## Example
    Source: Bonjour {name}, vous avez {count} messages.
    Translation: Hello {nom}, you have {count} messages.

    ## Fix safety
    No automatic fix: where a placeholder belongs in the translation is not mechanical.
    """
    src = _source(ctx)
    if src is None:
        return
    remaining = Counter(bi.normalise_placeholder(m.group()) for m in bi.placeholders(src))
    for match in bi.placeholders(ctx.text):
        token = bi.normalise_placeholder(match.group())
        if remaining[token] > 0:
            remaining[token] -= 1
        else:
            yield Match(match.start(), match.end(), f"“{match.group()}” is not in the source")
    missing = sorted(token for token, count in remaining.items() if count > 0)
    if missing:
        yield Match(len(ctx.text), len(ctx.text), f"Missing from the translation: {', '.join(missing)}")


def _comparable(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.lower()).strip()


def _foreign_source(src: str) -> str | None:
    """The source's language when it is confidently not English, else None."""
    language, probability = bi.identify(src)
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
    src = _source(ctx)
    if src is None or _comparable(src) != _comparable(ctx.text) or not ctx.text.strip():
        return
    if len(re.findall(r"\w+", src)) < 3 and bi.cjk_share(src) < 0.5 or _foreign_source(src) is None:
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
    src = _source(ctx)
    if src is None or _comparable(src) == _comparable(ctx.text):
        return
    language = _foreign_source(src)
    if language is None or language in ("zh", "ja", "ko"):
        return  # CJK script in English text is MT604's
    for sentence in ctx.sentences:
        words = sentence.words
        if len(words) < 3:
            continue
        guess, probability = bi.identify(sentence.span.text)
        letters = sum(c.isalpha() for c in sentence.span.text)
        if guess != language or probability < 0.9 or probability >= 0.99 and len(words) >= 5 and letters >= 25:
            continue
        yield Match(sentence.span.start, sentence.span.end, f"This sentence is in the source language ({language})")


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
    src = _source(ctx)
    text = ctx.text.strip()
    if src is None:
        return
    if not text:
        yield Match(len(ctx.text), len(ctx.text), "The translation is empty", severity=Severity.CRITICAL)
        return
    language = bi.identify(src)[0] if bi.cjk_share(src) > 0.5 else "other"
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


def _top_count(tokens: list[str], n: int) -> int:
    grams = Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))
    return max(grams.values(), default=0)


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
    src = _source(ctx)
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
        allowed = _top_count(source_tokens, n) + REPETITION_EXCESS
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
    (rare in the source language and not a compound of common words, or used as it is in English,
    or with an inner capital: "McCord") and that no word of the translation matches, allowing for
    accents, inflection ("Merkels") and spelling variants ("Tokio"). Acronyms are left alone: too many
    are translated ("ODS" is "SDGs", "ONU" is "UN"). Where the translation has exactly
    one capitalised word of its own in place of it, that word is marked; otherwise the end of the text.

    ## Why is this bad?
    A dropped or swapped name is a critical accuracy error: the sentence now says something about
    someone else, or about no one.

    ## Example
    Source: En 1956, Słania se trasladó a Suecia.
    Translation: In 1956, Rajshekhar moved to Sweden.  (“Rajshekhar” stands where the source has “Słania”)

    ## Fix safety
    No automatic fix.
    """
    src = _source(ctx)
    if src is None or bi.cjk_share(src) > 0.5 and not re.search(r"[A-Za-z]{3}", src):
        return
    language = bi.identify(src)[0]
    target_words = [w for m in bi.latin_words(ctx.text) for w in re.split(r"[-'’]", m.group()) if w]
    found = names.source_names(src, language)
    missing = [name for name in dict.fromkeys(found) if not names.name_present(name, target_words)
               and not names.dropped_given_name(name, src, target_words)]
    if not missing:
        return
    source_folded = [bi.fold(m.group()) for m in bi.latin_words(src)]
    intruders = [m for m in bi.latin_words(ctx.text) if names.is_new_name(m, ctx.text, source_folded)]
    listed = ", ".join(f"“{name}”" for name in missing)
    if len(intruders) == 1:
        intruder = intruders[0]
        yield Match(intruder.start(), intruder.end(), f"“{intruder.group()}” stands where the source has {listed}")
    else:
        yield Match(len(ctx.text), len(ctx.text), f"The source's {listed} is missing from the translation")
