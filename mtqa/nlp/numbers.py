"""Numbers with their possible values, months and number words, read from a source sentence in any
language and from an English target.

Numbers are read as *sets* of values because "1,500" means 1500 in English but 1.5 in German: a number
matches when some reading of it equals some reading of a source number, so an ambiguous format never
raises an alarm on its own.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_GROUP_SPACE = " \u00a0\u202f\u2009"
# A number: digits with "." and "," separators, or thousands grouped by (narrow) spaces as in "1 000,5".
NUMBER_RE = re.compile(
    rf"(?<![A-Za-z\d])(?<!\d[.,])(?:\d{{1,3}}(?:[{_GROUP_SPACE}]\d{{3}})+(?:[.,]\d+)?(?![\d])|\d+(?:[.,]\d+)*)"
)
SOURCE_NUMBER_RE = re.compile(
    rf"(?<!\d)(?<!\d[.,])(?:\d{{1,3}}(?:[{_GROUP_SPACE}]\d{{3}})+(?:[.,]\d+)?(?![\d])|\d+(?:[.,]\d+)*)"
)
_ENGLISH_FORMAT = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+")
_CONTINENTAL_FORMAT = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,\d+")
_ORDINAL_OR_PLURAL = re.compile(r"(?:st|nd|rd|th|s)\b")

# Multipliers written after a number, in the target (English) and in the usual source languages.
TARGET_SCALES = {"thousand": 1e3, "million": 1e6, "millions": 1e6, "billion": 1e9, "billions": 1e9,
                 "trillion": 1e12, "bn": 1e9, "mn": 1e6, "m": 1e6, "k": 1e3}
SOURCE_SCALES = [
    ("万", 1e4), ("亿", 1e8), ("千", 1e3), ("百万", 1e6), ("万亿", 1e12),
    ("mio", 1e6), ("million", 1e6), ("mrd", 1e9), ("milliard", 1e9), ("billion", 1e12), ("tsd", 1e3),
    ("млн", 1e6), ("миллион", 1e6), ("млрд", 1e9), ("миллиард", 1e9), ("тыс", 1e3),
    ("miljon", 1e6), ("miljard", 1e9), ("tuhat", 1e3), ("tuhande", 1e3),
    ("milhão", 1e6), ("milhões", 1e6), ("bilhão", 1e9), ("bilhões", 1e9), ("mil", 1e3),
    ("millón", 1e6), ("millones", 1e6), ("mille", 1e3), ("milion", 1e6), ("miliard", 1e9), ("mln", 1e6),
    ("mld", 1e9), ("tys", 1e3), ("tisíc", 1e3), ("tis.", 1e3), ("bn", 1e9), ("thousand", 1e3),
    ("mii", 1e3), ("milioane", 1e6), ("miliarde", 1e9),
    # Hindi and Nepali: "२५ सय" is 2,500, "२ करोड" twenty million, "३ लाख" 300,000.
    ("सय", 1e2), ("सौ", 1e2), ("हजार", 1e3), ("हज़ार", 1e3), ("लाख", 1e5), ("करोड", 1e7), ("करोड़", 1e7),
    ("अर्ब", 1e9), ("अरब", 1e9),
]
_SOURCE_SCALE_RE = re.compile(
    r"\s?(?:余|多|餘)?(" + "|".join(re.escape(w) for w, _ in sorted(SOURCE_SCALES, key=lambda p: -len(p[0]))) + r")",
    re.IGNORECASE,
)
_SOURCE_SCALE = {w: v for w, v in SOURCE_SCALES}

ENGLISH_NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
    "million": 1e6, "billion": 1e9, "dozen": 12, "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5,
    "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "once": 1, "twice": 2, "half": 2,
    "single": 1, "double": 2, "pair": 2, "couple": 2, "both": 2, "a": 1, "an": 1, "quarter": 4,
    "decade": 10, "decades": 10, "century": 100, "noon": 12, "midnight": 12, "hundreds": 100,
    "thousands": 1000, "millions": 1e6, "dozens": 12,
}
# Cardinals of the usual source languages (de, fr, es, it, pt, ru, pl, cs, et, en), written as the start of
# the word: a form matches a source word that begins with it and has at most three more letters, so that
# inflected forms ("трёх", "czterech", "seitsme") match but longer words ("septembre", "vierzehn") do not.
SOURCE_NUMBER_WORDS: dict[int, tuple[str, ...]] = {
    0: ("null", "zéro", "zero", "cero", "ноль", "нул", "nula"),
    1: ("ein", "un", "une", "uno", "una", "um", "uma", "один", "одн", "jeden", "jedn", "üks", "ühe", "one"),
    2: ("zwei", "deux", "dos", "due", "dois", "duas", "два", "две", "двух", "двум", "dwa", "dwie", "dwóch", "dwom",
        "dva", "dvě", "dvou", "kaks", "kahe", "kaht", "двое", "two",
        "beide", "ambos", "ambas", "ambo", "entramb", "оба", "обе", "обоих", "oba", "obie", "obu", "mõlema", "both"),
    3: ("drei", "trois", "tres", "tre", "três", "три", "трёх", "трех", "трем", "trzy", "trzech", "trzem", "tři",
        "tří", "třem", "kolm", "трое", "three"),
    4: ("vier", "quatre", "cuatro", "quattro", "quatro", "четыр", "czter", "čtyř", "neli", "nelja", "четвер", "four"),
    5: ("fünf", "cinq", "cinco", "cinque", "пят", "pięć", "pięci", "pět", "pěti", "viis", "viie", "viit", "пятер", "five"),
    6: ("sechs", "six", "seis", "sei", "шест", "sześ", "šest", "kuus", "kuue", "шестер"),
    7: ("sieben", "sept", "siete", "sette", "sete", "сем", "siedem", "siedm", "sedm", "seitse", "seitsme", "seven"),
    8: ("acht", "huit", "ocho", "otto", "oito", "восем", "восьм", "osiem", "ośm", "osm", "kaheksa", "eight"),
    9: ("neun", "neuf", "nueve", "nove", "девят", "dziewię", "devět", "devít", "üheksa", "nine"),
    10: ("zehn", "dix", "diez", "dieci", "dez", "десят", "dziesię", "deset", "kümme", "kümne", "ten"),
    11: ("elf", "onze", "once", "undici", "одиннадцат", "jedenaś", "jedenáct", "üksteist", "eleven"),
    12: ("zwölf", "douze", "doce", "dodici", "doze", "двенадцат", "dwanaś", "dvanáct", "kaksteist", "twelve",
         "dutzend", "douzaine", "docena", "dozen"),
    13: ("dreizehn", "treize", "trece", "tredici", "treze", "тринадцат", "trzynaś", "třináct", "kolmteist",
         "thirteen"),
    14: ("vierzehn", "quatorze", "catorce", "quattordici", "catorze", "четырнадцат", "czternaś", "čtrnáct",
         "neliteist", "fourteen"),
    15: ("fünfzehn", "quinze", "quince", "quindici", "пятнадцат", "piętnaś", "patnáct", "viisteist", "fifteen"),
    16: ("sechzehn", "seize", "dieciséis", "sedici", "dezesseis", "dezasseis", "шестнадцат", "szesnaś",
         "šestnáct", "kuusteist", "sixteen", "dix-six"),
    17: ("siebzehn", "diecisiete", "diciassette", "dezessete", "dezassete", "семнадцат", "siedemnaś", "sedmnáct",
         "seitseteist", "seventeen", "dix-sept"),
    18: ("achtzehn", "dieciocho", "diciotto", "dezoito", "восемнадцат", "osiemnaś", "osmnáct", "kaheksateist",
         "eighteen", "dix-huit"),
    19: ("neunzehn", "diecinueve", "diciannove", "dezenove", "dezanove", "девятнадцат", "dziewiętnaś",
         "devatenáct", "üheksateist", "nineteen", "dix-neuf"),
    20: ("zwanzig", "vingt", "veinte", "venti", "vinte", "двадцат", "dwadzie", "dvacet", "kakskümme", "twenty"),
    30: ("dreißig", "trente", "treinta", "trenta", "trinta", "тридцат", "trzydzie", "třicet", "kolmkümme", "thirty"),
    40: ("vierzig", "quarante", "cuarenta", "quaranta", "quarenta", "сорок", "czterdzie", "čtyřicet",
         "nelikümme", "forty"),
    50: ("fünfzig", "cinquante", "cincuenta", "cinquanta", "cinquenta", "пятьдесят", "пятидесят", "pięćdzie",
         "padesát", "viiskümme", "fifty"),
    60: ("sechzig", "soixante", "sesenta", "sessanta", "sessenta", "шестьдесят", "шестидесят", "sześćdzie",
         "šedesát", "kuuskümme", "sixty"),
    70: ("siebzig", "soixante-dix", "setenta", "settanta", "семьдесят", "семидесят", "siedemdzie", "sedmdesát",
         "seitsekümme", "seventy"),
    80: ("achtzig", "quatre-vingt", "ochenta", "ottanta", "oitenta", "восемьдесят", "восьмидесят", "osiemdzie",
         "osmdesát", "kaheksakümme", "eighty"),
    90: ("neunzig", "quatre-vingt-dix", "noventa", "novanta", "девяносто", "dziewięćdzie", "devadesát",
         "üheksakümme", "ninety"),
    100: ("hundert", "cent", "cien", "ciento", "cento", "cem", "сто", "sto", "sada", "saja", "hundred"),
    1000: ("tausend", "mille", "mil", "mila", "тысяч", "tysiąc", "tysięc", "tisíc", "tuhat", "tuhande", "thousand"),
}
_CHINESE_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6,
                   "七": 7, "八": 8, "九": 9}
_CHINESE_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "萬": 10_000, "亿": 10**8, "億": 10**8}
_CHINESE_NUMERAL_RE = re.compile(f"[{''.join(_CHINESE_DIGITS)}{''.join(_CHINESE_UNITS)}]+")
_ROMAN_RE = re.compile(r"\b(?=[MDCLXVI]{2,})M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})\b")
# A one-letter numeral before a lower-case word: "47. rügemendi I pataljoni" (the 1st battalion), "Henry V was".
_LONE_ROMAN_RE = re.compile(r"(?<![\w.])([IVX])(?= [^\W\d_A-Z])")

ENGLISH_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], start=1)}
_ENGLISH_MONTH_RE = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?")
# Month name prefixes of the usual source languages; a prefix matches the inflected forms.
SOURCE_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("januar", "jänner", "janvier", "январ", "jaanuar", "enero", "gennaio", "janeiro", "stycz", "led",
        "ianuarie", "जनवरी"),
    2: ("februar", "février", "феврал", "veebruar", "febrero", "febbraio", "fevereiro", "lut", "únor", "února",
        "februarie", "फरवरी", "फेब्रुअरी"),
    3: ("märz", "mars", "март", "märts", "marzo", "março", "marz", "marc", "břez", "martie", "मार्च"),
    4: ("april", "avril", "апрел", "aprill", "abril", "aprile", "kwie", "dub", "aprilie", "अप्रैल", "अप्रिल"),
    5: ("mai", "мая", "май", "mayo", "maggio", "maio", "maj", "květ"),
    6: ("juni", "juin", "июн", "juuni", "junio", "giugno", "junho", "czerw", "červen", "června", "iunie"),
    7: ("juli", "juillet", "июл", "juuli", "julio", "luglio", "julho", "lip", "červenec", "července", "iulie",
        "जुलाई"),
    8: ("august", "août", "август", "agosto", "sierp", "srp", "अगस्त"),
    # Estonian drops the last "e" before a case ending: "septembril", "oktoobris".
    9: ("september", "septembre", "сентябр", "septiembre", "settembre", "setembro", "wrze", "září", "septembr",
        "septembrie", "सितंबर", "सितम्बर", "सेप्टेम्बर"),
    10: ("oktober", "octobre", "октябр", "oktoober", "octubre", "ottobre", "outubro", "paździer", "říj", "oktoobr",
         "octombrie", "अक्टूबर", "अक्टोबर"),
    11: ("november", "novembre", "ноябр", "noviembre", "novembro", "listopad", "novembr", "noiembrie", "नवंबर",
         "नवम्बर", "नोभेम्बर"),
    12: ("dezember", "décembre", "декабр", "detsember", "diciembre", "dicembre", "dezembro", "grud", "prosin",
         "detsembr", "decembrie", "दिसंबर", "दिसम्बर", "डिसेम्बर"),
}
_CJK_MONTH_RE = re.compile(r"(\d{1,2})\s?月")
# A word: letters, and the vowel signs Devanagari and Sinhala write inside words (not letters to `\w`).
_WORD_RE = re.compile(r"(?:[^\W\d_]|[\u0900-\u0965\u0970-\u097f\u0d80-\u0de5\u0df0-\u0dff])+")
# Hours and minutes written with a dot, as many languages do: "kell 10.35" is 10:35.
_CLOCK_RE = re.compile(r"([01]?\d|2[0-4])[.:]([0-5]\d)")
# Nepali dates are in Bikram Sambat, 56 or 57 years ahead of the Gregorian year.
_DEVANAGARI_RE = re.compile(r"[\u0900-\u097f]")
BIKRAM_SAMBAT_OFFSETS = (56, 57)


@dataclass(frozen=True, slots=True)
class Number:
    """A number as written (`start`/`end` into its text) and every value it can stand for."""

    start: int
    end: int
    text: str
    values: frozenset[float]
    glued: bool  # joined to letters ("G7", "COVID-19", "mp3"): part of a name more than a quantity


def key(value: float) -> float:
    """Values compare to six significant digits, so 2.5 * 1e6 equals 2500000."""
    return float(f"{value:.6g}")


def number_readings(raw: str, english: bool = False) -> set[float]:
    """Every value a written number can mean: English and continental formats, or its digit groups.

    With `english`, a number valid in English format ("3,000") has only its English reading.
    """
    compact = re.sub(f"[{_GROUP_SPACE}]", "", raw)
    if compact.isdigit():
        return {float(compact)}
    spaced = compact != raw
    readings: set[float] = set()
    if _ENGLISH_FORMAT.fullmatch(compact) or spaced and re.fullmatch(r"\d+\.\d+", compact):
        readings.add(float(compact.replace(",", "")))
        if english:
            return readings
    if _CONTINENTAL_FORMAT.fullmatch(compact) or spaced and re.fullmatch(r"\d+,\d+", compact):
        readings.add(float(compact.replace(".", "").replace(",", ".")))
    if not readings:  # dates ("05.03.2021"), lists ("1,2,3"): the parts
        readings = {float(part) for part in re.split(r"[.,]", compact) if part}
    return readings


def is_english_format(raw: str) -> bool:
    """True when an English reader reads `raw` as intended: no decimal comma, no dot or space grouping."""
    return not re.search(r"\d,\d{1,2}(?!\d)|\d,\d{4,}|\d\.\d{3}\.\d|\d[\u00a0\u202f\u2009 ]\d{3}", raw)


def _scaled(values: set[float], scale: float) -> set[float]:
    return values | {v * scale for v in values}


def target_numbers(text: str) -> list[Number]:
    """Digit numbers of an English text, each with its readings, scales ("2.5 million") and clock readings."""
    numbers = []
    for match in NUMBER_RE.finditer(text):
        raw, start, end = match.group(), match.start(), match.end()
        values = number_readings(raw, english=True)
        after = text[end:end + 30]
        scale = re.match(r"\s?([a-z]+)\b", after)
        shared = re.match(r"\s?(?:to|-|–|and|or)\s?\$?[\d.,]+\s?([a-z]+)\b", after)  # "13.8 to 14.3 billion"
        for found in (scale, shared):
            if found and found.group(1) in TARGET_SCALES:
                values = _scaled(values, TARGET_SCALES[found.group(1)])
        if re.match(r"\s?(?:p\.m\.|pm\b)", after, re.IGNORECASE):
            values |= {v + 12 for v in values if v < 12}
        if re.match(r"s\b|’s\b|'s\b", after) and raw.isdigit() and len(raw) == 4:
            values.add(float(raw[2:]))  # "the 1990s" for "90年代"
        before = text[max(0, start - 5):start]
        year = re.search(r"(\d\d)\d\d[-–/]$", before)
        if year and len(raw) == 2:
            values.add(float(year.group(1) + raw))  # "2019-20"
        glued = bool(re.search(r"[A-Za-z][-‐]?$", text[:start])) or (
            bool(re.match(r"[A-Za-z]", after)) and not _ORDINAL_OR_PLURAL.match(after))
        numbers.append(Number(start, end, raw, frozenset(key(v) for v in values), glued))
    return numbers


_CODE_DIGITS_RE = re.compile(r"(?<=[^\W\d_])\d+")


def code_numbers(text: str) -> set[float]:
    """Digits written right after a letter, inside a code ("G8", "H5N1", "FN30", "p109"): `target_numbers`
    leaves them out, while `source_numbers` reads them, as a source copies codes too."""
    return {key(float(m.group())) for m in _CODE_DIGITS_RE.finditer(text)}


def source_numbers(text: str) -> list[tuple[str, set[float]]]:
    """Each number the source writes in digits, with every value it can stand for (multipliers included)."""
    numbers = []
    devanagari = bool(_DEVANAGARI_RE.search(text))
    previous: tuple[int, float] | None = None  # where the last scaled number ended, and its scaled value
    for match in SOURCE_NUMBER_RE.finditer(text):
        raw = match.group()
        readings = number_readings(raw)
        clock = _CLOCK_RE.fullmatch(raw)
        if clock:
            readings |= {float(clock.group(1)), float(clock.group(2))}
        if previous is not None and text[previous[0]:match.start()].isspace():
            readings |= {previous[1] + v for v in readings if v < previous[1]}  # "३ सय ७५" is 375
        previous = None
        scale = _SOURCE_SCALE_RE.match(text, match.end())
        if scale:
            factor = _SOURCE_SCALE[scale.group(1).lower()]
            readings = _scaled(readings, factor)
            if raw.isdigit():
                previous = (scale.end(), float(raw) * factor)
        if len(raw) == 2 and re.search(r"\d\d\d\d[-–/]$", text[:match.start()]):
            readings.add(float(text[match.start() - 5: match.start() - 3] + raw))
        if devanagari and raw.isdigit() and 1000 <= float(raw) <= 2200:
            readings |= {float(raw) - offset for offset in BIKRAM_SAMBAT_OFFSETS}
        numbers.append((raw, {key(v) for v in readings}))
    return numbers


# A knockout round named by the share of the draw it is: the Spanish "octavos de final", German "Achtelfinale",
# French "huitièmes de finale" are the "last 16" or "round of 16" in English; the "dieciseisavos" the last 32.
SOURCE_ROUND_WORDS: dict[int, tuple[str, ...]] = {
    16: ("octavos", "oitavas", "ottavi", "huitième", "achtelfinal", "optimi", "optimile", "osmifinál"),
    32: ("dieciseisavos", "sedicesimi", "seizième", "sechzehntelfinal", "šestnáctifinál"),
}


def source_values(text: str) -> set[float]:
    """Every value the source text states: digits in any format, scales, CJK and Roman numerals, number words."""
    text = unicodedata.normalize("NFKC", text)
    values: set[float] = {v for _, readings in source_numbers(text) for v in readings}
    for match in _CHINESE_NUMERAL_RE.finditer(text):
        values |= _chinese_values(match.group())
    for match in _ROMAN_RE.finditer(text):
        if match.group():
            values.add(float(_roman_value(match.group())))
    for match in _LONE_ROMAN_RE.finditer(text):
        values.add(float(_roman_value(match.group(1))))
    lowered = text.lower().replace("ё", "е")  # "трём" as "трем"
    words = _WORD_RE.findall(lowered)
    words += re.findall(r"\w+(?:-\w+)+", lowered)  # "dix-sept", "quatre-vingt-dix"
    for i, word in enumerate(words):
        for value, prefixes in SOURCE_NUMBER_WORDS.items():
            if any(word.startswith(p) and len(word) - len(p) <= 3 for p in prefixes):  # "trois", "трёх"; not "septembre"
                values.add(float(value))
                scale = _scale_word(words[i + 1]) if i + 1 < len(words) else None
                if scale:
                    values.add(value * scale)  # "cem mil", "drei Millionen"
    values |= {float(m) for m in source_months(text)}
    values |= {float(teams) for teams, stems in SOURCE_ROUND_WORDS.items() if any(w.startswith(stems) for w in words)}
    return {key(v) for v in values}


def _scale_word(word: str) -> float | None:
    """The multiplier a source word names, inflected forms included ("тысяч", "Millionen", "miliarde")."""
    for name, value in SOURCE_SCALES:
        if len(name) >= 3 and word.startswith(name) and len(word) - len(name) <= 3:
            return value
    return _SOURCE_SCALE.get(word)


def _chinese_values(run: str) -> set[float]:
    """Values of a run of Chinese numerals ("三十五", "两万"), and of each character alone.

    Two digits side by side give a range ("六七千" is six or seven thousand): both readings count.
    """
    values = {float(_CHINESE_DIGITS.get(c, _CHINESE_UNITS.get(c, 0))) for c in run}
    for i in range(len(run) - 1):
        if run[i] in _CHINESE_DIGITS and run[i + 1] in _CHINESE_DIGITS:
            return values | _chinese_values(run[:i] + run[i + 1:]) | _chinese_values(run[:i + 1] + run[i + 2:])
    total, section, digit = 0, 0, 0
    for char in run:
        if char in _CHINESE_DIGITS:
            digit = _CHINESE_DIGITS[char]
        elif _CHINESE_UNITS[char] >= 10_000:
            total = (total + section + digit) * _CHINESE_UNITS[char]
            section, digit = 0, 0
        else:
            section += (digit or 1) * _CHINESE_UNITS[char]
            digit = 0
    values.add(float(total + section + digit))
    return values


def _roman_value(numeral: str) -> int:
    worth = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for current, following in zip(numeral, [*numeral[1:], " "], strict=True):
        total += -worth[current] if worth.get(following, 0) > worth[current] else worth[current]
    return total


def source_months(text: str) -> set[int]:
    """Months the source names: "5. März", "5 mars", "3月5日", "марта"."""
    months = {int(m.group(1)) for m in _CJK_MONTH_RE.finditer(text) if 1 <= int(m.group(1)) <= 12}
    for word in _WORD_RE.findall(text.lower()):
        for month, prefixes in SOURCE_MONTHS.items():
            if len(word) >= 3 and word.startswith(prefixes) and (len(word) - max(
                    len(p) for p in prefixes if word.startswith(p))) <= 3:
                months.add(month)
    return months


# Months of the Bikram Sambat calendar: a Nepali date carried into the Gregorian one changes its day numbers.
BIKRAM_SAMBAT_MONTHS = ("बैशाख", "वैशाख", "जेठ", "जेष्ठ", "असार", "आषाढ", "साउन", "श्रावण", "भदौ", "भाद्र",
                        "असोज", "आश्विन", "कात्तिक", "कार्तिक", "मंसिर", "मार्ग", "पुस", "पौष", "माघ", "फागुन",
                        "फाल्गुन", "चैत्र", "चैत")


# What may follow a month's name in one word: "बैशाखमा" (in Baishakh), "बैशाखको" (of Baishakh).
_NEPALI_CASE_ENDINGS = ("", "मा", "को", "का", "की", "देखि", "सम्म", "भरि")


def converted_calendar(text: str) -> bool:
    """True when the source dates by the Bikram Sambat calendar (a word of it is a month's name, alone or
    with a case ending; not "पुस्तक", book): a translation's day numbers differ from the source's."""
    return any(word.startswith(month) and word[len(month):] in _NEPALI_CASE_ENDINGS
               for word in re.split(r"[\s,.;:()।]+", text) for month in BIKRAM_SAMBAT_MONTHS)


_BIKRAM_SAMBAT_DAY_RE = re.compile(rf"(?:{'|'.join(BIKRAM_SAMBAT_MONTHS)})\s*([०-९]{{1,2}})(?!\d|[०-९])|([०-९]{{1,2}})\s*गते")


def bikram_sambat_days(text: str) -> set[str]:
    """The day numbers of the source's Bikram Sambat dates, as written: "१२" in "२०७२ बैशाख १२ गते"."""
    return {m.group(1) or m.group(2) for m in _BIKRAM_SAMBAT_DAY_RE.finditer(text)}


def day_of_month(text: str, start: int, end: int) -> bool:
    """True when the number at `start:end` is a day beside an English month name: "April 29", "14 to 27 April"."""
    day = text[start:end]
    return day.isdigit() and 1 <= int(day) <= 32 and any(
        month_start - 12 <= end <= month_start or month_end <= start <= month_end + 3
        for month_start, month_end, _ in target_months(text))


def target_months(text: str) -> list[tuple[int, int, int]]:
    """(start, end, month) for English month names written next to a number ("March 5", "5 May 2020")."""
    found = []
    for match in _ENGLISH_MONTH_RE.finditer(text):
        before, after = text[max(0, match.start() - 6):match.start()], text[match.end():match.end() + 6]
        if not (re.search(r"\d(?:st|nd|rd|th)?\s(?:of\s)?$", before) or re.match(r",?\s\d", after)):
            continue  # "May" the verb, "March" the walk: only dates count
        name = match.group(1).lower()
        month = next(i for full, i in ENGLISH_MONTHS.items() if full.startswith(name))
        found.append((match.start(1), match.end(1), month))
    return found


CARDINAL_WORDS = {w: v for w, v in ENGLISH_NUMBER_WORDS.items() if isinstance(v, int) and 2 <= v <= 90
                  and w not in ("second", "double", "pair", "couple", "both", "twice", "half", "quarter", "decade",
                                "decades", "dozens", "noon", "midnight", "third", "fourth", "fifth", "sixth",
                                "seventh", "eighth", "ninth", "tenth", "dozen")}
_CARDINAL_RE = re.compile(r"\b(" + "|".join(CARDINAL_WORDS) + r")\b(?![-‐])", re.IGNORECASE)


def target_cardinal_words(text: str) -> list[tuple[int, int, float]]:
    """(start, end, value) of the cardinals "two" to "ninety" written as words, not in compounds ("two-thirds")
    nor multiplied ("four hundred": the source may write it as one word, "quatrocentos")."""
    return [(m.start(), m.end(), key(CARDINAL_WORDS[m.group(1).lower()])) for m in _CARDINAL_RE.finditer(text)
            if not re.search(r"[-‐]$", text[:m.start()])
            and not re.match(r"\s(?:hundred|thousand|million|billion|and a half|point)\b", text[m.end():])]


def target_number_words(text: str) -> set[float]:
    words = re.findall(r"[a-z]+", text.lower())
    months = {key(number) for w in words if len(w) >= 3 for name, number in ENGLISH_MONTHS.items()
              if name.startswith(w)}
    return {key(ENGLISH_NUMBER_WORDS[w]) for w in words if w in ENGLISH_NUMBER_WORDS} | months
