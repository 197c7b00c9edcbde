"""Settings from `mtqa.toml` or `[tool.mtqa]` in `pyproject.toml`, found by walking up from the input.

Command-line flags override the file; the file overrides the defaults. `mtqa check --show-settings`
prints the result.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from mtqa.errors import UsageError
from mtqa.lm.registry import DEFAULT_MODEL
from mtqa.model import Severity
from mtqa.selectors import parse_selectors

SEVERITIES = ("minor", "major", "critical")
FAIL_ON = (*SEVERITIES, "never")
COLUMN_ROLES = ("id", "text", "src", "ref")


@dataclass(frozen=True)
class Settings:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    warn: tuple[str, ...] = ()  # rules reported but never failing the run
    severity: dict[str, str] = field(default_factory=dict)  # rule code -> severity override
    fail_on: str = "major"
    min_score: float | None = None  # fail when a segment scores below this
    min_document_score: float | None = None  # fail when a document's mean score is below this
    exit_zero: bool = False
    lm: str = DEFAULT_MODEL  # "none": rules only
    columns: dict[str, str] = field(default_factory=dict)
    config_file: str | None = None

    def merged(self, **overrides: Any) -> Settings:
        """These settings with every override that is not None applied."""
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})

    def severity_overrides(self) -> dict[str, Severity]:
        return {code.upper(): Severity(value) for code, value in self.severity.items()}

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def find_config(start: Path) -> Path | None:
    """The nearest mtqa.toml, or pyproject.toml with a [tool.mtqa] table, from `start` upwards."""
    directory = start if start.is_dir() else start.parent
    for folder in [directory.resolve(), *directory.resolve().parents]:
        candidate = folder / "mtqa.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            tool = _load(pyproject).get("tool")
            if isinstance(tool, dict) and "mtqa" in tool:
                return pyproject
    return None


def _load(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise UsageError(f"{path}: cannot read configuration: {err}") from err


def load_settings(path: Path | None) -> Settings:
    """Settings from one config file over the defaults (`MTQA_LM` in the environment sets the default model)."""
    defaults = Settings(lm=os.environ.get("MTQA_LM") or DEFAULT_MODEL)
    if path is None:
        return defaults
    data = _load(path)
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        table = tool.get("mtqa", {}) if isinstance(tool, dict) else None
        if not isinstance(table, dict):
            raise UsageError(f"{path}: [tool.mtqa] must be a table of settings")
    else:
        table = data
    return _from_table(table, path, defaults)


_KEYS = {"select", "ignore", "warn", "severity", "fail-on", "min-score", "min-document-score", "exit-zero", "lm",
         "columns"}


def _from_table(table: dict[str, Any], path: Path, defaults: Settings) -> Settings:
    unknown = set(table) - _KEYS
    if unknown:
        raise UsageError(f"{path}: unknown setting(s): {', '.join(sorted(unknown))} (known: {', '.join(sorted(_KEYS))})")
    settings = replace(defaults, config_file=str(path))
    values: dict[str, Any] = {}
    for key in ("select", "ignore", "warn"):
        if key in table:
            values[key] = tuple(_string_list(table[key], key, path))
    if "severity" in table:
        severity = table["severity"]
        if not isinstance(severity, dict) or any(not isinstance(v, str) or v not in SEVERITIES
                                                 for v in severity.values()):
            raise UsageError(f"{path}: [severity] maps rule codes to one of {', '.join(SEVERITIES)}")
        values["severity"] = dict(severity)
    if "fail-on" in table:
        if not isinstance(table["fail-on"], str) or table["fail-on"] not in FAIL_ON:
            raise UsageError(f"{path}: fail-on must be one of {', '.join(FAIL_ON)}")
        values["fail_on"] = table["fail-on"]
    for key in ("min-score", "min-document-score"):
        if key in table:
            value = table[key]
            # TOML's true is a Python int subclass: a boolean is not a score.
            if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
                raise UsageError(f"{path}: {key} must be a number from 0 to 100, not {value!r}")
            values[key.replace("-", "_")] = float(value)
    if "exit-zero" in table:
        if not isinstance(table["exit-zero"], bool):
            raise UsageError(f"{path}: exit-zero must be true or false (unquoted), not {table['exit-zero']!r}")
        values["exit_zero"] = table["exit-zero"]
    if "lm" in table:
        if not isinstance(table["lm"], str) or not table["lm"].strip():
            raise UsageError(f"{path}: lm must be a model name, a folder or \"none\"")
        values["lm"] = table["lm"]
    if "columns" in table:
        columns = table["columns"]
        if not isinstance(columns, dict) or any(k not in COLUMN_ROLES or not isinstance(v, str)
                                                for k, v in columns.items()):
            raise UsageError(f"{path}: [columns] maps {', '.join(COLUMN_ROLES)} to column names")
        values["columns"] = dict(columns)
    return replace(settings, **values)


def _string_list(value: Any, key: str, path: Path) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise UsageError(f"{path}: {key} must be a list of rule codes or names")
    return parse_selectors(value)
