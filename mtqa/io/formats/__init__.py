"""Input formats beyond .txt and .jsonl; importing this package registers them (see mtqa.io.readers)."""

from mtqa.io.formats import po, srt, tabular, tmx, webvtt, xliff

__all__ = ["po", "srt", "tabular", "tmx", "webvtt", "xliff"]
