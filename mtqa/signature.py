"""The run signature: a sacrebleu-style string that pins down what produced a set of numbers."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from mtqa import __version__

FORMAT_VERSION = 1  # the output contract's version (docs/output.md)


def signature(rule_codes: Iterable[str], fail_on: str, lm: str, weights: str) -> str:
    """A sacrebleu-style string that pins down what produced the numbers."""
    codes = sorted(rule_codes)
    return f"mtqa:{__version__}|format:{FORMAT_VERSION}|rules:{len(codes)}:{_digest(codes)}|lm:{lm}" \
           f"|weights:{weights}|fail-on:{fail_on}"


def _digest(codes: list[str]) -> str:
    return hashlib.sha256(",".join(codes).encode()).hexdigest()[:8]
