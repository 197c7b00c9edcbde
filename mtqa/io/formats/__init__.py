"""Input formats beyond .txt and .jsonl; importing this package registers them (see mtqa.io.readers)."""

from mtqa.io.formats import feeds, po, srt, tabular, tmx, webvtt, xliff

__all__ = ["feeds", "po", "srt", "tabular", "tmx", "webvtt", "xliff"]
