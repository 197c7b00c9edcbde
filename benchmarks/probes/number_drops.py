"""Prepositions dropped before a number, and numbers in clean text, read by MT801 (2026-12-07).

Damaged: every preposition of PREPOSITIONS between a lower-case letter and a digit in the dev sets' clean
texts (the false-alarm audit's texts) and in this folder's clean probes, dropped ("founded in 1975" ->
"founded 1975"); a seeded sample of SAMPLE. Clean: every such text with a lower-case letter, a space and a
digit.
Reported: the damaged texts with an MT801 finding on the number, those whose best fix gives the text back,
and the clean texts with an MT801 finding on a number, each listed.

    .venv/bin/python -m benchmarks.probes.number_drops --data-dir ../shared/eval
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

from mtqa.eval.data import iter_records
from mtqa.eval.false_alarms import CLEAN_FIELDS, clean_texts
from mtqa.lm.registry import load_scorer
from mtqa.model import Document, Segment
from mtqa.pipeline import Pipeline
from mtqa.rules.registry import lookup

PREPOSITIONS = ("in", "at", "on", "by", "of", "to", "for", "from", "since")
DROPPED = re.compile(rf"(?<=[a-z]) ({'|'.join(PREPOSITIONS)}) (?=\d)")
NUMBER_PLACE = re.compile(r"(?<=[a-z]) (?=\d)")
SAMPLE = 300
SEED = 7
PROBES = Path(__file__).parent


def clean_corpus(data_dir: Path) -> list[str]:
    """The audit's clean texts of every dev file, each once, then the clean probes' texts."""
    seen: dict[str, None] = {}
    for path in sorted(data_dir.glob("*/*.dev.jsonl")):
        for _, record in iter_records(path):
            if record["id"].split("/", 1)[0] in CLEAN_FIELDS:
                seen.update(dict.fromkeys(clean_texts(record).values()))
    for path in sorted(PROBES.glob("clean_*.jsonl")):
        seen.update(dict.fromkeys(json.loads(line)["text"] for line in path.open(encoding="utf-8")))
    return list(seen)


def damaged_sample(texts: list[str]) -> list[tuple[str, str]]:
    """(damaged, clean) for a seeded sample of the prepositions dropped before a number."""
    drops = [(t[:m.start()] + t[m.end() - 1:], t) for t in texts if 20 <= len(t) <= 400 for m in DROPPED.finditer(t)]
    random.Random(SEED).shuffle(drops)
    return drops[:SAMPLE]


def on_number(text: str, findings: list) -> list:  # type: ignore[type-arg]
    return [f for f in findings if f.rule == "MT801" and text[f.start:f.start + 1].isdigit()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=Path("../shared/eval"))
    parser.add_argument("--device", default="cpu")
    args = parser.parse_args()
    texts = clean_corpus(args.data_dir)
    damaged = damaged_sample(texts)
    clean = [t for t in texts if NUMBER_PLACE.search(t)]
    pipeline = Pipeline([lookup("MT801")], lm=load_scorer(device=args.device))

    def check(batch: list[str]) -> list:  # type: ignore[type-arg]
        segments = [Segment(str(i), t) for i, t in enumerate(batch)]
        return [r.findings for r in pipeline.results(Document("<probe>", segments, running_text=False))]

    caught = restored = 0
    for (text, original), findings in zip(damaged, check([d for d, _ in damaged])):
        hits = on_number(text, findings)
        caught += bool(hits)
        restored += bool(hits) and hits[0].fixes[0].apply(text) == original
    print(f"damaged: {len(damaged)}; an MT801 finding on the number: {caught}; its best fix restores: {restored}")
    flagged = [(t, hits) for t, f in zip(clean, check(clean)) if (hits := on_number(t, f))]
    print(f"clean texts with a number after a word: {len(clean)}; with an MT801 finding on a number: {len(flagged)}")
    for text, hits in flagged:
        for hit in hits:
            print(f"  {text[max(0, hit.start - 60):hit.end + 20]!r}: {hit.fixes[0].description}, {hit.fixes[0].gain:.1f} nats")


if __name__ == "__main__":
    main()
