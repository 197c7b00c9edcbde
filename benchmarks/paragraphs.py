"""The synthetic suite as running text: its sentences put together in paragraphs, checked as records and as
paragraphs, so that the two readings can be compared (2026-12-05).

The sentences are the clean texts of a dev file that the synthetic suite (mtqa/eval/synthetic.py) damages,
one sentence each; a fixed seed shuffles them into paragraphs of `--size`. Each damaged paragraph has the
damaged copies, each clean paragraph the same sentences clean. Prints, for records and for paragraphs:
the share of injections a finding overlaps, per kind; findings on the clean sentences; the median
fluency of the clean and of the damaged texts (for records, of each paragraph's sentences averaged by
length, as a paragraph is read); and the seconds each run took.

    .venv/bin/python -m benchmarks.paragraphs ../shared/eval/mlqe_pe/ro-en.dev.jsonl --sentences 150
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from collections import Counter
from pathlib import Path

from mtqa.eval.artefacts import CONTROL, ArtefactSuite
from mtqa.eval.metrics import spans_overlap
from mtqa.lm.registry import load_scorer
from mtqa.model import Document, Segment
from mtqa.nlp.tokens import split_sentences
from mtqa.pipeline import Pipeline
from mtqa.rules import all_rules

SEED = 20261205


def pairs(path: Path, count: int) -> list[tuple[str, str, str, int, int]]:
    """(kind, damaged, clean, start, end) for `count` one-sentence clean texts of `path`, shuffled."""
    suite = ArtefactSuite()
    found = []
    for line in path.open(encoding="utf-8"):
        record = json.loads(line)
        texts = suite.texts(record)
        for key in texts:
            injection = suite.injected.get((record["id"], key))
            clean = texts.get(f"{CONTROL}:{key.split(':', 1)[1]}")
            if injection is not None and clean is not None and len(split_sentences(clean)) == 1:
                found.append((injection.kind, injection.text, clean, injection.start, injection.end))
    random.Random(SEED).shuffle(found)
    return found[:count]


def run(pipeline: Pipeline, texts: list[str], running_text: bool) -> tuple[list, float]:
    document = Document("<paragraphs>", [Segment(id=str(i), text=t) for i, t in enumerate(texts)], running_text)
    started = time.perf_counter()
    results = list(pipeline.results(document))
    return results, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", type=Path)
    parser.add_argument("--sentences", type=int, default=150)
    parser.add_argument("--size", type=int, default=6, help="sentences per paragraph")
    parser.add_argument("--device", default="cpu")
    args = parser.parse_args()
    chosen = pairs(args.path, args.sentences)
    chosen = chosen[: len(chosen) - len(chosen) % args.size]
    groups = [chosen[i:i + args.size] for i in range(0, len(chosen), args.size)]
    pipeline = Pipeline(all_rules(), lm=load_scorer("smollm2-135m", args.device))
    run(pipeline, [chosen[0][2]], False)  # the model and the word lists load outside the timings

    for damaged in (True, False):
        label = "damaged" if damaged else "clean"
        sentences = [d if damaged else c for _, d, c, _, _ in chosen]
        records, record_seconds = run(pipeline, sentences, False)
        paragraphs, places = [], []
        for group in groups:
            text = ""
            for kind, d, c, start, end in group:
                text += " " if text else ""
                places.append((len(paragraphs), kind, len(text) + start, len(text) + end))
                text += d if damaged else c
            paragraphs.append(text)
        read, paragraph_seconds = run(pipeline, paragraphs, True)
        record_fluency = [sum(r.fluency * len(r.segment.text) for r in records[i:i + args.size])
                          / sum(len(r.segment.text) for r in records[i:i + args.size])
                          for i in range(0, len(records), args.size)]
        print(f"{label}: {len(chosen)} sentences, {len(paragraphs)} paragraphs of {args.size}")
        print(f"  seconds: records {record_seconds:.1f}, paragraphs {paragraph_seconds:.1f}")
        print(f"  median fluency: records (averaged per paragraph) {statistics.median(record_fluency):.1f}, "
              f"paragraphs {statistics.median(r.fluency for r in read):.1f}")
        if damaged:
            caught_records, caught_paragraphs, total = Counter(), Counter(), Counter()
            for (kind, _, _, start, end), record in zip(chosen, records, strict=True):
                total[kind] += 1
                caught_records[kind] += any(spans_overlap(f.start, f.end, start, end) for f in record.findings)
            for index, kind, start, end in places:
                caught_paragraphs[kind] += any(spans_overlap(f.start, f.end, start, end) for f in read[index].findings)
            for kind in sorted(total):
                print(f"  {kind:26} {total[kind]:4}  caught as records {caught_records[kind]:4}"
                      f"  in paragraphs {caught_paragraphs[kind]:4}")
            print(f"  {'all kinds':26} {sum(total.values()):4}  caught as records {sum(caught_records.values()):4}"
                  f"  in paragraphs {sum(caught_paragraphs.values()):4}")
        else:
            for name, results in (("records", records), ("paragraphs", read)):
                counts = Counter(f"{f.rule} {f.severity.value}" for r in results for f in r.findings)
                print(f"  findings as {name}: {sum(counts.values())} {dict(sorted(counts.items()))}")


if __name__ == "__main__":
    main()
