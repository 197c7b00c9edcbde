"""Typed exceptions for library users and the exit codes of the command line.

The CLI turns an MtqaError into one line on stderr and exit code 2; anything else that escapes is a bug,
reported in one line with exit code 3, never with the code that means "the gate failed".
"""

from enum import IntEnum


class ExitCode(IntEnum):
    CLEAN = 0  # nothing failed the gate
    FINDINGS = 1  # the gate failed: a finding at or above --fail-on, or a score below a minimum
    ERROR = 2  # usage, configuration, input or output error (one line on stderr)
    INTERNAL = 3  # a bug in mtqa (one line on stderr; MTQA_DEBUG=1 shows the traceback)
    INTERRUPTED = 130  # SIGINT or SIGTERM: outputs already complete are kept, a partial file is not written


class MtqaError(Exception):
    """Base class of every error mtqa raises on purpose."""


class InputError(MtqaError):
    """An input file cannot be read as the format it claims to be.

    `path` and `line` (1-based, when known) name the place; `str(err)` is a full one-line message.
    """

    def __init__(self, path: str, message: str, line: int | None = None):
        self.path = path
        self.line = line
        self.reason = message
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")


class OutputError(MtqaError):
    """An output cannot be written (a missing folder, a directory, no permission, a full disk, a closed pipe)."""

    def __init__(self, path: str, message: str):
        self.path = path
        self.reason = message
        super().__init__(f"{path}: {message}")


class UsageError(MtqaError):
    """Options that do not make sense together, an unknown rule code, or a bad configuration file."""


class ModelError(MtqaError):
    """A language model cannot be found or loaded."""
