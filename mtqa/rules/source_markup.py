"""MT705-MT706: links, e-mail addresses, markup and placeholders, which a translation copies verbatim.

Silent when the segment has no `src`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from mtqa.model import Severity
from mtqa.nlp import links
from mtqa.rules._helpers import source_text
from mtqa.rules.context import SegmentContext
from mtqa.rules.registry import FixAvailability, Match, rule


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
    src = source_text(ctx)
    if src is None:
        return
    source_links = Counter(m.group() for m in links.links(src))
    target_links = links.links(ctx.text)
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
    src = source_text(ctx)
    if src is None:
        return
    remaining = Counter(links.normalise_placeholder(m.group()) for m in links.placeholders(src))
    for match in links.placeholders(ctx.text):
        token = links.normalise_placeholder(match.group())
        if remaining[token] > 0:
            remaining[token] -= 1
        else:
            yield Match(match.start(), match.end(), f"“{match.group()}” is not in the source")
    missing = sorted(token for token, count in remaining.items() if count > 0)
    if missing:
        yield Match(len(ctx.text), len(ctx.text), f"Missing from the translation: {', '.join(missing)}")
