"""Typed exceptions for library users; the CLI turns them into one line on stderr and exit code 2."""


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


class UsageError(MtqaError):
    """Options that do not make sense together, or an unknown rule code."""


class ModelError(MtqaError):
    """A language model cannot be found or loaded."""
