"""Where a command's output goes: stdout, or a file that is replaced only when the output is complete.

A file is written to a temporary file beside it and renamed over it at the end, so an existing file is
never truncated or left half-written: a missing input, a full disk, a crash or a kill leaves it as it
was. Every check that can be made before a run starts (a missing folder, a directory, a read-only
place, an output that is also an input) is made when the target is opened.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import TextIO

from mtqa.errors import OutputError, UsageError

STDOUT_NAME = "<stdout>"


def same_file(a: str | Path, b: str | Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


class _GuardedStream:
    """A text stream whose write errors (a full disk, a closed pipe) are OutputErrors naming the output."""

    def __init__(self, stream: TextIO, name: str, role: str):
        self._stream = stream
        self._name = name
        self._role = role

    def _failed(self, err: OSError) -> OutputError:
        return OutputError(self._name, f"cannot write the {self._role}: {err.strerror or err}")

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except OSError as err:
            raise self._failed(err) from err

    def writelines(self, lines: list[str]) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as err:
            raise self._failed(err) from err

    def isatty(self) -> bool:
        return self._stream.isatty()

    def close(self) -> None:
        try:
            self._stream.close()
        except OSError as err:
            raise self._failed(err) from err

    def fileno(self) -> int:
        return self._stream.fileno()


class OutputTarget:
    """A text stream for one output; `commit` publishes it, `discard` leaves the old file untouched."""

    def __init__(self, path: Path | None, *, inputs: tuple[str, ...] = (), role: str = "output"):
        self.path = path
        self.role = role
        self._temp: str | None = None
        self._stream: TextIO | None = None
        if path is None:
            return
        # Through a symbolic link, the file it points to is replaced, not the link.
        self._real = Path(os.path.realpath(path))
        for source in inputs:
            if source != "-" and same_file(source, path):
                raise UsageError(f"{path}: the {role} file is also an input; write it somewhere else")
        if path.is_dir():
            raise OutputError(str(path), f"cannot write the {role}: is a directory")
        folder = self._real.parent
        if not folder.is_dir():
            raise OutputError(str(path), f"cannot write the {role}: no such folder {folder}")

    @property
    def name(self) -> str:
        return STDOUT_NAME if self.path is None else str(self.path)

    def open(self) -> TextIO:
        """The stream to write to (created now, so that an unwritable place fails before the run)."""
        if self._stream is not None:
            return self._stream
        if self.path is None:
            if sys.stdout is None:
                raise OutputError(STDOUT_NAME, "standard output is closed")
            self._stream = _GuardedStream(sys.stdout, STDOUT_NAME, self.role)  # type: ignore[assignment]
            return self._stream  # type: ignore[return-value]
        try:
            real = self._real
            if real.exists() and not stat.S_ISREG(real.stat().st_mode):
                # A device or a pipe (/dev/null, /dev/stdout, a FIFO) cannot be renamed over: write to it.
                raw = open(self.path, "w", encoding="utf-8", errors="backslashreplace", newline="")  # noqa: SIM115
                self._stream = _GuardedStream(raw, self.name, self.role)  # type: ignore[assignment]
                return self._stream  # type: ignore[return-value]
            descriptor, self._temp = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".tmp", dir=real.parent)
            os.chmod(self._temp, _mode_for(real))
            raw = open(descriptor, "w", encoding="utf-8", errors="backslashreplace", newline="")  # noqa: SIM115
            self._stream = _GuardedStream(raw, self.name, self.role)  # type: ignore[assignment]
        except OSError as err:
            self._remove_temp()
            raise OutputError(str(self.path), f"cannot write the {self.role}: {err.strerror or err}") from err
        return self._stream

    def commit(self) -> None:
        """Flush everything and put the file in place; raises OutputError (old file kept) when that fails."""
        stream = self._stream
        if stream is None:
            return
        try:
            stream.flush()
            if self.path is not None:
                if self._temp is not None:
                    os.fsync(stream.fileno())
                stream.close()
                if self._temp is not None:
                    os.replace(self._temp, self._real)
                    self._temp = None
        except OutputError:
            self.discard()
            raise
        except OSError as err:
            self.discard()
            raise OutputError(self.name, f"cannot write the {self.role}: {err.strerror or err}") from err
        finally:
            self._stream = None if self.path is not None else self._stream

    def write_all(self, text: str) -> None:
        """Open, write `text`, commit; on any failure the old file is kept and the temporary one removed."""
        stream = self.open()
        try:
            stream.write(text)
        except BaseException:
            self.discard()
            raise
        self.commit()

    def discard(self) -> None:
        """Throw the partial output away; an existing file keeps its old content."""
        if self.path is not None and self._stream is not None:
            with contextlib.suppress(OSError, OutputError):
                self._stream.close()
            self._stream = None
        self._remove_temp()

    def _remove_temp(self) -> None:
        if self._temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(self._temp)
            self._temp = None


def _mode_for(path: Path) -> int:
    """An existing file keeps its permissions; a new one gets the usual 0666 less the umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_text_atomically(path: Path, text: str, *, inputs: tuple[str, ...] = (), role: str = "output",
                          bom: bool = False) -> None:
    """Replace `path` with `text` in one step (a temporary file renamed over it)."""
    OutputTarget(path, inputs=inputs, role=role).write_all(("\ufeff" if bom else "") + text)
