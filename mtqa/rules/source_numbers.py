"""MT701-MT704: numbers and units a translation must carry over from its source.

Every rule here is silent when the segment has no `src`; formats that leave room for doubt raise nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from mtqa.model import Applicability, Severity
from mtqa.nlp import language as langid
from mtqa.nlp import numbers
from mtqa.nlp import units as unit_table
from mtqa.rules._helpers import replace_fix, source_text
from mtqa.rules.context import SegmentContext
from mtqa.rules.registry import FixAvailability, Match, rule

# Locales that write "1.000,5" or "1 000,5": a number copied from them may mean something else in English.
DECIMAL_COMMA_LANGUAGES = frozenset({"de", "fr", "ru", "et", "es", "it", "pt", "pl", "cs", "nl", "sv", "da",
                                     "nb", "fi", "tr", "uk", "bg", "ro", "hu", "sk", "sl", "hr", "lt", "lv"})


# A whole number grouped by spaces, as the SI writes it: correct in English too.
SI_GROUPING = re.compile(r"\d{1,3}(?: \d{3})+")


@lru_cache(maxsize=4096)
def _source_values(src: str) -> frozenset[float]:
    return frozenset(numbers.source_values(src))


@rule("MT701", "number-mismatch", category="accuracy/mistranslation", severity=Severity.MAJOR,
      fix=FixAvailability.NEVER, reads_source=True)
def find_number_mismatches(ctx: SegmentContext) -> Iterator[Match]:
    """A number or date in the translation that the source does not state.

    ## What it flags
    A number written in digits whose every reading differs from every number in the source, a
    cardinal written as a word ("six", "eleven") that the source does not state when mtqa can read the
    source's number words (Chinese, Japanese, German, French, Russian, Estonian, Spanish, Italian,
    Portuguese, Polish, Czech), and a month named in a date that differs from the source's months. When
    the source is in a script whose number words mtqa cannot read (Nepali, Hindi, Sinhala, Khmer, Pashto,
    ...), a number of the translation is flagged only when a number of the source is missing from it too:
    otherwise the source most likely says it in words ("पचासी वर्षको उमेरमा", "at the age of 85"). A
    Nepali date in the Bikram Sambat calendar ("२०७२ बैशाख १२") changes its year and day in the Gregorian
    one ("April 25, 2015"): the years are read both ways, the days beside a month name are not compared.
    Source numbers are read in every format ("1.500" is 1500 or 1.5, "1 000,5" is 1000.5), with their
    multipliers ("2,5 Mio.", "250万"), as Chinese or Roman numerals, as small number words ("drei",
    "trois", "три") and as knockout rounds ("octavos de final", "Achtelfinale": the last 16); the
    translation's "2.5 million", "3 p.m." and "the 1990s" match "2,5 Mio.", "15 Uhr" and "90年代".
    Numbers glued to letters ("G7", "COVID-19") are names, not quantities, and are left alone.

    ## Why is this bad?
    A wrong figure, year or date is a critical accuracy error that reads fluently: no reader can
    spot it without the source.

    ## Example
    Source: Der Umsatz stieg 2019 um 7,5 Prozent.
    Translation: Sales rose by 5.7 percent in 2019.  (“5.7”: the source says 7,5)

    ## Fix safety
    No automatic fix: which source number was meant is a judgement.
    """
    src = source_text(ctx)
    if src is None:
        return
    values = _source_values(src)
    words_known = _number_words_known(src)
    # A source in a script whose number words mtqa cannot read ("पचासी" is 85) may state the number in
    # words: then a number of the translation is a mismatch only beside a source number the translation lacks.
    converted = numbers.converted_calendar(src)
    if words_known or langid.latin_share(src) >= 0.5 or _source_number_missing(src, ctx.text):
        for number in numbers.target_numbers(ctx.text):
            if converted and numbers.day_of_month(ctx.text, number.start, number.end):
                continue  # "श्रावण २४" is August 7 or 8: the day changes with the calendar
            if not number.glued and not number.values & values:
                yield Match(number.start, number.end, f"“{number.text}” does not match any number in the source")
    if words_known:
        for start, end, value in numbers.target_cardinal_words(ctx.text):
            if value not in values:
                yield Match(start, end, f"“{ctx.text[start:end]}” does not match any number in the source")
    months = numbers.source_months(src)
    if months:
        for start, end, month in numbers.target_months(ctx.text):
            if month not in months:
                yield Match(start, end, f"“{ctx.text[start:end]}” is not a month the source names")


def _target_values(text: str) -> set[float]:
    """Every value the translation states: digits, number words, months and digits inside codes."""
    return {v for n in numbers.target_numbers(text) for v in n.values} | numbers.target_number_words(text) \
        | numbers.code_numbers(text)


def _source_number_missing(src: str, text: str) -> bool:
    available = _target_values(text)
    return any(not readings & available for _, readings in numbers.source_numbers(src))


def _number_words_known(src: str) -> bool:
    """True when the source's number words can be read: Chinese or Japanese numerals, or a language
    whose small cardinals mtqa knows (see `mtqa.nlp.numbers`)."""
    if langid.cjk_share(src) > 0.5:
        return not re.search(r"[\uac00-\ud7af]", src)  # Korean writes native numbers in Hangul
    return langid.identify(src)[0] in NUMBER_WORD_LANGUAGES


NUMBER_WORD_LANGUAGES = frozenset({"de", "fr", "ru", "et", "es", "it", "pt", "pl", "cs", "en"})


@rule("MT702", "number-missing", category="accuracy/omission", severity=Severity.MINOR,
      fix=FixAvailability.NEVER, reads_source=True)
def find_missing_numbers(ctx: SegmentContext) -> Iterator[Match]:
    """A number in the source that the translation leaves out.

    ## What it flags
    A number the source writes in digits that matches no number of the translation, in digits, in
    words ("three", "a dozen", "twice", "March") or inside a code the translation copies ("G8",
    "H5N1", "NO99"). The span is the end of the translation, where something is missing. The day of a
    Nepali date in the Bikram Sambat calendar ("बैशाख १२", "१२ गते") is not asked for: the Gregorian date
    has another day.

    ## Why is this bad?
    A dropped figure or year is an omission the reader cannot notice.

    ## Example
    Source: Le projet coûtera 12 millions d'euros d'ici 2025.
    Translation: The project will cost 12 million euros.  (2025 is missing)

    ## Fix safety
    No automatic fix. Minor by default: a number can be dropped on purpose ("2021年" as "this year").
    """
    src = source_text(ctx)
    if src is None:
        return
    available = _target_values(ctx.text)
    converted_days = numbers.bikram_sambat_days(src)
    for raw, readings in numbers.source_numbers(src):
        if not readings & available and raw not in converted_days:
            yield Match(len(ctx.text), len(ctx.text), f"The source's “{raw}” is missing from the translation")


@rule("MT703", "number-format", category="locale/number-format", severity=Severity.MINOR,
      fix=FixAvailability.SOMETIMES, reads_source=True)
def find_source_number_formats(ctx: SegmentContext) -> Iterator[Match]:
    """A number left in the source language's format: a decimal comma, dot or space grouping.

    ## What it flags
    A number of the translation written as the source writes it when the source's locale uses a
    decimal comma: "3,5" (English: 3.5), "1.500.000" (1,500,000), "1 000,5" (1,000.5), and "1.500"
    copied from a German, French or Russian source, where it means 1500 and an English reader reads 1.5.
    Whole numbers grouped by spaces ("10 000") are left alone: English style guides that follow the SI
    write them so, and no reader misreads them.

    ## Why is this bad?
    English readers read "." as the decimal point and "," as the thousands separator: a copied
    format misstates the number by a factor of a thousand or reads as a list.

    ## Example
    Source: Die Inflation lag bei 3,5 Prozent.
    Translation: Inflation was 3,5 percent.  ->  Inflation was 3.5 percent.

    ## Fix safety
    Unsafe: the fix rewrites the number in English format from the source's reading; check it.
    """
    src = source_text(ctx)
    if src is None:
        return
    language, _ = langid.identify(src)
    if language not in DECIMAL_COMMA_LANGUAGES:
        return
    src_numbers = {re.sub(r"\s", " ", raw) for raw, _ in numbers.source_numbers(src)}
    for number in numbers.target_numbers(ctx.text):
        raw = re.sub(r"\s", " ", number.text)
        if SI_GROUPING.fullmatch(raw):
            continue
        copied_thousands = re.fullmatch(r"\d{1,3}\.\d{3}", raw) is not None
        if raw not in src_numbers or numbers.is_english_format(raw) and not copied_thousands:
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
    src = source_text(ctx)
    if src is None:
        return
    src_units = [(numbers.number_readings(raw), unit_table.unit_of(src, start, end)) for raw, start, end in _digit_spans(src)]
    for number in numbers.target_numbers(ctx.text):
        units = unit_table.unit_of(ctx.text, number.start, number.end)
        if not units:
            continue
        dimensions = {d for d, _ in units}
        rivals = [u for readings, u in src_units
                  if {numbers.key(v) for v in readings} & number.values and any(d in dimensions for d, _ in u)]
        if rivals and not any(u & units for u in rivals):
            source_unit = min(c for u in rivals for _, c in u)
            yield Match(number.start, number.end,
                        f"“{number.text}” has a different unit or currency from the source's ({source_unit})")


def _digit_spans(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in numbers.SOURCE_NUMBER_RE.finditer(text)]
