"""mtqa: find the artefacts machine translation leaves in English text, with exact spans and fixes.

Library use goes through the same pipeline as the command line (`docs/design.md`)::

    import mtqa
    mtqa.check_text("He went to to the market.")          # [Finding(rule='MT101', ...)]
    mtqa.fix_text("He went to to the market.")            # 'He went to the market.'
    pipeline = mtqa.Pipeline(rules, lm=scorer)            # documents: .results, .fix; mtqa.Run for many
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["Pipeline", "Run", "__version__", "check_text", "fix_text"]


def __getattr__(name: str) -> Any:
    """The library API, imported on first use: `import mtqa` alone stays cheap for the command line."""
    if name in ("Pipeline", "Run", "check_text", "fix_text"):
        from mtqa import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'mtqa' has no attribute {name!r}")
