"""Input formats beyond .txt and .jsonl; importing this package registers them (see mtqa.io.readers)."""

from mtqa.io.formats import po, tabular, tmx, xliff

__all__ = ["po", "tabular", "tmx", "xliff"]
