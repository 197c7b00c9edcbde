"""Text from the input made safe to print where a terminal or a CI log will interpret it.

Control characters (ESC, BEL, backspace, C1 codes) would let an input move the cursor, retitle the
window, ring the bell or hide text; bidirectional overrides reorder what is seen. Each becomes one
visible character (a Unicode control picture, or U+FFFD), so carets under a span stay aligned.
"""

from __future__ import annotations

_PICTURES = {code: chr(0x2400 + code) for code in range(0x20) if code not in (0x09,)}
_PICTURES[0x7F] = "\u2421"
_PICTURES.update({code: "\ufffd" for code in range(0x80, 0xA0)})
_PICTURES.update({code: "\ufffd" for code in (0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))})
_PICTURES.update({code: "\ufffd" for code in range(0xD800, 0xE000)})  # lone surrogates cannot be encoded
_TABLE = str.maketrans(_PICTURES)


def printable(text: str) -> str:
    """`text` with every character a terminal would act on replaced by one visible character."""
    return text.translate(_TABLE)
