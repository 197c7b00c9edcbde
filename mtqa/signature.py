"""The run signature: a sacrebleu-style string that pins down what produced a set of numbers."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from mtqa import __version__

FORMAT_VERSION = 2  # the output contract's version (docs/output.md); 2: fluency and score read the learned heads


def signature(rule_codes: Iterable[str], fail_on: str, lm: str, weights: str, heads: str = "none") -> str:
    """A sacrebleu-style string that pins down what produced the numbers; `heads` names the training run
    of the language model's learned heads and their weights' digest (mtqa/lm/heads.py)."""
    codes = sorted(rule_codes)
    return f"mtqa:{__version__}|format:{FORMAT_VERSION}|rules:{len(codes)}:{_digest(codes)}|lm:{lm}" \
           f"|heads:{heads}|weights:{weights}|fail-on:{fail_on}"


def _digest(codes: list[str]) -> str:
    return hashlib.sha256(",".join(codes).encode()).hexdigest()[:8]
