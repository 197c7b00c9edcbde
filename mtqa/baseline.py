"""Baselines: remember today's findings by a stable fingerprint so that CI reports only new ones.

A fingerprint is rule + segment id + matched text (not offsets, which move when text is edited
elsewhere in the segment). The same fingerprint may occur several times; the baseline keeps a count.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

from mtqa.errors import UsageError
from mtqa.model import Finding, Segment

BASELINE_VERSION = 1


def fingerprint(segment: Segment, finding: Finding) -> str:
    key = f"{finding.rule}\x1f{segment.id}\x1f{finding.text}"
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:20]


class Baseline:
    def __init__(self, counts: Counter[str] | None = None):
        self.counts: Counter[str] = counts or Counter()

    @classmethod
    def load(cls, path: Path) -> Baseline:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or data.get("version") != BASELINE_VERSION or not isinstance(data.get("findings"), dict):
                raise ValueError("not an mtqa baseline")
            return cls(Counter({str(k): int(v) for k, v in data["findings"].items()}))
        except (OSError, ValueError, TypeError, RecursionError) as err:
            raise UsageError(f"{path}: cannot read baseline: {err}") from err

    def record(self, segment: Segment, findings: list[Finding]) -> None:
        for finding in findings:
            self.counts[fingerprint(segment, finding)] += 1

    def to_text(self) -> str:
        return json.dumps({"version": BASELINE_VERSION, "findings": dict(sorted(self.counts.items()))},
                          indent=1) + "\n"

    def write(self, path: Path) -> None:
        from mtqa.io.writers.output import write_text_atomically

        write_text_atomically(path, self.to_text(), role="baseline")

    def new_findings(self, segment: Segment, findings: list[Finding]) -> list[Finding]:
        """The findings not in the baseline; each baselined occurrence absorbs one finding."""
        remaining = Counter(self.counts)
        fresh = []
        for finding in findings:
            key = fingerprint(segment, finding)
            if remaining[key] > 0:
                remaining[key] -= 1
            else:
                fresh.append(finding)
        return fresh
