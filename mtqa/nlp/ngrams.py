"""Repeated word n-grams: counted anywhere in a text, or repeated back to back.

The one place repetition is counted: MT101/MT103 (back-to-back copies), MT710 (the source's most repeated
n-gram), the fluency discount for looping text and GLEU all use it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence


def ngram_counts(words: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    """How often each n-gram of `words` occurs (overlapping occurrences count)."""
    return Counter(tuple(words[i:i + n]) for i in range(len(words) + 1 - n))


def most_repeated(words: Sequence[str], n: int) -> int:
    """The count of the most frequent n-gram of `words` (0 when there are fewer than n words)."""
    return max(ngram_counts(words, n).values(), default=0)


def tandem_repeats(words: Sequence[str], max_n: int = 8) -> list[tuple[int, int, int]]:
    """(first index, n, copies) of every maximal run of an n-gram repeated back to back, copies >= 2,
    comparing `words` without case."""
    lowers = [w.lower() for w in words]
    found = []
    i, length = 0, len(lowers)
    while i < length:
        best = None
        for n in range(1, min(max_n, (length - i) // 2) + 1):
            if lowers[i] != lowers[i + n] or lowers[i: i + n] != lowers[i + n: i + 2 * n]:
                continue
            copies = 2
            while i + (copies + 1) * n <= length and lowers[i: i + n] == lowers[i + copies * n: i + (copies + 1) * n]:
                copies += 1
            if best is None or copies * n > best[1] * best[2]:
                best = (i, n, copies)
        if best:
            found.append(best)
            i += best[1] * best[2]
        else:
            i += 1
    return found
