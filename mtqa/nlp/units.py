"""Units and currencies written next to numbers, in English and in the usual source languages.

Each surface maps to the canonical units it can stand for ("¥" is yen or yuan); a unit is compared
only with units of its own dimension, so "5 km" against "5 Meilen" is a mismatch, "5 km" against
"5 Kilometer" is not.
"""

from __future__ import annotations

import re

# dimension -> canonical -> surfaces; a source surface ending in "*" is a prefix (inflected languages).
UNITS: dict[str, dict[str, tuple[str, ...]]] = {
    "currency": {
        "usd": ("us$", "usd", "美元", "доллар*", "dollar*", "dólar*", "dollaro", "dollari", "dolar*"),
        "eur": ("€", "eur", "euro*", "евро", "欧元", "eurot"),
        "gbp": ("£", "gbp", "英镑", "фунт*", "pfund", "livre*", "sterling"),
        "cny": ("元", "人民币", "yuan", "rmb", "cny", "юан*", "renminbi"),
        "jpy": ("円", "日元", "yen", "jpy", "иен*", "йен*"),
        "rub": ("₽", "руб*", "rub", "rouble*", "ruble*", "rubel*"),
        "brl": ("r$", "brl", "reais", "real"),
        "inr": ("₹", "inr", "rupee*", "рупи*", "rupie*", "roupie*"),
        "pln": ("zł", "pln", "złot*", "zloty*"),
        "czk": ("kč", "czk", "korun*", "koruna"),
        "chf": ("chf", "franken", "swiss franc*"),
    },
    "length": {
        "km": ("km", "kilomet*", "公里", "千米", "км", "kilomèt*", "kilómet*", "chilometr*"),
        "mile": ("mile", "miles", "mi", "英里", "мил*", "meile*"),
        "cm": ("cm", "centimet*", "厘米", "см", "centimèt*", "centímet*", "sentimeet*"),
        "mm": ("mm", "millimet*", "毫米", "мм", "millimèt*", "milímet*"),
        "ft": ("ft", "feet", "foot", "英尺", "фут*", "fuß", "pieds"),
        "inch": ("in.", "inch*", "英寸", "дюйм*", "zoll", "pouce*"),
    },
    "mass": {
        "kg": ("kg", "kilogram*", "公斤", "千克", "кг", "килограм*", "kilo", "kilos"),
        "lb": ("lb", "lbs"),
        "t": ("tonne*", "ton", "tons", "吨", "тонн*", "tonn*"),
    },
    "temperature": {
        "celsius": ("°c", "celsius", "摄氏度", "degrés celsius"),
        "fahrenheit": ("°f", "fahrenheit", "华氏度"),
    },
    "time": {
        "second": ("second", "seconds", "sec", "secs", "秒", "секунд*", "sekund*", "seconde*", "segundo*"),
        "minute": ("minute", "minutes", "min", "mins", "分钟", "минут*", "minut*", "minuto*"),
        "hour": ("hour", "hours", "hrs", "小时", "час*", "stunde*", "heure*", "hora*", "tund*", "godzin*"),
        "day": ("day", "days", "天", "дн*", "день", "tag", "tage", "tagen", "jour*", "día*", "dia", "dias",
                "päev*", "giorn*", "dni", "dní", "den"),
        "week": ("week", "weeks", "周", "星期", "недел*", "woche*", "semaine*", "semana*", "nädal*", "tydz*"),
        "month": ("month", "months", "个月", "месяц*", "monat*", "mois", "mes", "meses", "kuu*", "mesi", "miesi*"),
        "year": ("year", "years", "年", "год*", "лет", "jahr*", "an", "ans", "année*", "año*", "ano", "anos",
                 "aasta*", "anni", "lat", "rok*", "let"),
    },
}

_EXACT: dict[str, set[tuple[str, str]]] = {}
_PREFIXES: list[tuple[str, str, str]] = []
for _dimension, _units in UNITS.items():
    for _canonical, _surfaces in _units.items():
        for _surface in _surfaces:
            if _surface.endswith("*"):
                _PREFIXES.append((_surface[:-1], _dimension, _canonical))
            else:
                _EXACT.setdefault(_surface, set()).add((_dimension, _canonical))
_EXACT["$"] = {("currency", "usd")}
_EXACT["¥"] = {("currency", "cny"), ("currency", "jpy")}
_EXACT["dollar"] = _EXACT["dollars"] = {("currency", "usd")}

_AFTER_RE = re.compile(r"\s?(°[CcFf]|[€£¥₽₹$]|r\$|[^\W\d_]+\.?)", re.IGNORECASE)
_CJK_AFTER_RE = re.compile(r"\s?([\u3400-\u9fff]{1,4})")
_BEFORE_RE = re.compile(r"((?:US|R)?\$|[€£¥₽₹]|USD|EUR|GBP|CHF)\s?$", re.IGNORECASE)


def lookup(surface: str) -> set[tuple[str, str]]:
    """(dimension, canonical) pairs a surface can mean; empty when it is no unit."""
    lowered = surface.lower().rstrip(".") if surface.lower() != "in." else "in."
    found = set(_EXACT.get(lowered, ()))
    if not found and len(lowered) >= 3:
        found = {(d, c) for prefix, d, c in _PREFIXES if lowered.startswith(prefix)}
    return found


def unit_of(text: str, start: int, end: int) -> set[tuple[str, str]]:
    """The unit or currency attached to the number at text[start:end]: a symbol before it, or a word after."""
    before = _BEFORE_RE.search(text[max(0, start - 4):start])
    if before:
        return lookup(before.group(1))
    cjk = _CJK_AFTER_RE.match(text, end)
    if cjk:
        run = cjk.group(1)
        for length in range(len(run), 0, -1):
            found = lookup(run[:length])
            if found:
                return found
    after = _AFTER_RE.match(text, end)
    return lookup(after.group(1)) if after else set()
