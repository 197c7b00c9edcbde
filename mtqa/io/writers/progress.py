"""A progress line on stderr while records stream, only when stderr is a terminal."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from typing import TextIO, TypeVar

T = TypeVar("T")


class Progress:
    def __init__(self, err: TextIO, every_seconds: float = 0.2):
        self.err = err
        self.enabled = err.isatty()
        self.every = every_seconds
        self.seen = 0
        self.started = time.monotonic()
        self._last = 0.0

    def count(self, items: Iterable[T]) -> Iterator[T]:
        for item in items:
            self.seen += 1
            if self.enabled and time.monotonic() - self._last >= self.every:
                self._last = time.monotonic()
                rate = self.seen / max(self._last - self.started, 1e-9)
                self.err.write(f"\rmtqa: {self.seen:,} segments ({rate:,.0f}/s)")
                self.err.flush()
            yield item

    def done(self) -> None:
        if self.enabled and self.seen:
            self.err.write("\r\x1b[K")
            self.err.flush()
