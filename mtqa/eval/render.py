"""Turn evaluation tables into aligned text for the terminal and Markdown for docs/EVALUATION.md.

Rendering only: the figures arrive computed. A Markdown run lives between two markers named after its
mode, so re-running one mode replaces its own section and leaves the rest of the file alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from mtqa.eval.base import Cell, Table
from mtqa.eval.metrics import Rate
from mtqa.io.writers.output import OutputTarget

DOC_HEADER = "# Evaluation\n\nFigures produced by `mtqa eval`; each section is rewritten by the command shown in it.\n"


def format_cell(cell: Cell) -> str:
    if cell is None:
        return "–"
    if isinstance(cell, Rate):
        share = "–" if cell.share is None else f"{cell.share:.3f}"
        return f"{share} ({cell.hits}/{cell.total})"
    if isinstance(cell, float):
        return f"{cell:.3f}".rstrip("0").rstrip(".")
    return str(cell)


def render_text(tables: Sequence[Table]) -> str:
    blocks = []
    for table in tables:
        rows = [table.columns, *([format_cell(c) for c in row] for row in table.rows)]
        widths = [max(len(row[i]) for row in rows) for i in range(len(table.columns))]
        lines = [table.title, "-" * len(table.title)]
        lines += ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
                  for row in rows]
        if table.note:
            lines.append(table.note)
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(tables: Sequence[Table]) -> str:
    blocks = []
    for table in tables:
        if table.detail:
            continue
        lines = [f"### {table.title}", "", "| " + " | ".join(table.columns) + " |",
                 "|" + "|".join("---" for _ in table.columns) + "|"]
        lines += ["| " + " | ".join(_md_cell(format_cell(c)) for c in row) + " |" for row in table.rows]
        if table.note:
            lines += ["", table.note]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def update_section(path: Path, mode: str, body: str) -> None:
    """Put `body` between this mode's markers in `path`, replacing an earlier run's; create the file if needed."""
    begin, end = f"<!-- mtqa-eval:{mode}:begin -->", f"<!-- mtqa-eval:{mode}:end -->"
    section = f"{begin}\n{body.rstrip()}\n{end}"
    old = path.read_text(encoding="utf-8") if path.exists() else DOC_HEADER
    pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end), re.DOTALL)
    if pattern.search(old):
        new = pattern.sub(lambda _: section, old, count=1)
    else:
        new = old.rstrip() + "\n\n" + section + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    OutputTarget(path, role="figures").write_all(new)
