"""Links, e-mail addresses, inline markup and software placeholders: what a good translation copies verbatim."""

from __future__ import annotations

import re

URL_RE = re.compile(r"\b(?:https?://|www\.)[^\s<>\"'“”«»]+[^\s<>\"'“”«».,;:!?)\]]")
EMAIL_RE = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b")
PLACEHOLDER_RE = re.compile(
    r"</?[A-Za-z][\w:-]*(?:\s+[\w:-]+(?:=(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*\s*/?>"  # <b>, </b>, <x id="1"/>
    r"|\{\{\s*[\w.]+\s*\}\}|\{[\w.]*\}|\$\{\w+\}"  # {{name}}, {0}, {name}, ${var}
    r"|%(?:\d+\$)?[-+#0]?\d*(?:\.\d+)?[sdif@]\b|%\(\w+\)[sd]"  # %s, %1$s, %(name)s
    r"|&[a-z]+;|&#\d+;"  # character entities
)


def links(text: str) -> list[re.Match[str]]:
    return [*URL_RE.finditer(text), *EMAIL_RE.finditer(text)]


def placeholders(text: str) -> list[re.Match[str]]:
    return list(PLACEHOLDER_RE.finditer(text))


def normalise_placeholder(token: str) -> str:
    """Tags compare by name and attributes, not by spacing inside them."""
    return re.sub(r"\s+", " ", token).replace(" >", ">").replace(" />", "/>")


def inside_link(text: str, start: int, end: int) -> bool:
    """True when `text[start:end]` lies inside a link or an e-mail address of `text`."""
    return any(m.start() <= start and end <= m.end() for m in links(text))
