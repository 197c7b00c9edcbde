"""MT801 on the clean probes' single sentences, each also with a function word dropped (2026-12-06, eighth stop).

Each clean probe record of one sentence gets the synthetic suite's own injection
(`mtqa.eval.synthetic.dropped_function_word`, seeded by the record's place and text, so a rerun injects
the same word). MT801 alone reads both versions with the language model; counted: damaged sentences
MT801 flags at the dropped word's place, damaged sentences it flags elsewhere, clean sentences it flags.
No head was trained or chosen on these sentences: they check MT801's bars on text written by the
developers (docs/EVALUATION.md).

    .venv/bin/python -m benchmarks.probes.dropped benchmarks/probes/clean_*.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from mtqa.eval.synthetic import dropped_function_word
from mtqa.lm.registry import load_scorer
from mtqa.model import Segment
from mtqa.pipeline import Pipeline
from mtqa.rules import lookup


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--device", default="cpu")
    args = parser.parse_args()
    texts = [record["text"] for path in args.paths for line in path.open(encoding="utf-8") if line.strip()
             for record in [json.loads(line)] if "clean" not in record and ". " not in record["text"]]
    injections = [dropped_function_word(text, random.Random(f"{n}:{text}"), None) for n, text in enumerate(texts)]
    damaged = [(injection.text, injection.start) for injection in injections if injection is not None]
    pipeline = Pipeline([lookup("MT801")], lm=load_scorer(device=args.device))
    segments = [Segment(id=str(k), text=t) for k, t in enumerate([*texts, *(t for t, _ in damaged)])]
    checked = [c.findings for c in pipeline.check(segments, False, assess=False)]
    clean_flagged = 0
    for text, findings in zip(texts, checked[:len(texts)], strict=True):
        clean_flagged += bool(findings)
        for f in findings:
            print(f"clean: {text[:f.start]}[{f.message}]{text[f.start:]}")
    at = elsewhere = 0
    for (text, place), findings in zip(damaged, checked[len(texts):], strict=True):
        starts = {f.start for f in findings}
        at += place in starts
        elsewhere += bool(starts - {place})
    print(f"single sentences: {len(texts)}; with a word dropped: {len(damaged)}")
    print(f"damaged flagged at the dropped word: {at}; flagged elsewhere: {elsewhere}; "
          f"clean flagged: {clean_flagged} of {len(texts)}")


if __name__ == "__main__":
    main()
