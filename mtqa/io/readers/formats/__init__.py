"""Input formats beyond .txt and .jsonl; importing this package registers them (see mtqa.io.readers)."""

from mtqa.io.readers.formats import anyxml, feeds, parquet, po, srt, tabular, tmx, webvtt, xliff

__all__ = ["anyxml", "feeds", "parquet", "po", "srt", "tabular", "tmx", "webvtt", "xliff"]
