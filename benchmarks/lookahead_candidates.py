"""How many of the pass's swap and dropped-word places should MT801 and MT803 try, and at what gain?

The one LM pass reports, at every token, the log-probability of the next token in its place (two words
swapped?) and the two likeliest droppable function words in its place (a word dropped?). This script
injects each artefact into clean dev sentences (DEMETR's unperturbed MT, MLQE-PE post-edits), takes the
places the pass points to, best first, puts each edit to the model as a minimal pair (mtqa.lm.pairs) and
prints, for each number of places, margin floor and required gain, the share of damaged sentences whose
exact clean original is restored by an edit that clears the gain, and the share of the clean originals
(the controls) with any edit that clears it. Dev data only; the figures in the rules' comments and in
docs/EVALUATION.md come from:

    .venv/bin/python -m benchmarks.lookahead_candidates --count 120
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path
from types import SimpleNamespace

from mtqa.eval import synthetic
from mtqa.lm.pairs import compare_many
from mtqa.lm.registry import load_scorer
from mtqa.rules import language_model

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
MOST_PLACES = 8


def clean_sentences(data: Path) -> list[str]:
    texts = set()
    for line in (data / "demetr" / "demetr.dev.jsonl").open(encoding="utf-8"):
        texts.add(json.loads(line).get("mt_clean") or "")
    for pair in ("et-en", "ne-en", "si-en", "ru-en"):
        for line in (data / "mlqe_pe" / f"{pair}.dev.jsonl").open(encoding="utf-8"):
            texts.add(json.loads(line).get("pe") or "")
    found = sorted(t for t in texts if t and synthetic.well_formed(t))
    random.Random(20261203).shuffle(found)
    return found


def places(scores, text: str) -> tuple[list, list]:  # type: ignore[no-untyped-def]
    """(margin, edited texts) of the best dropped-word places (one text per word put back) and swap places:
    the places MT801 and MT803 take, before their own cut-offs."""
    whole, protected = SimpleNamespace(start=0, end=len(text)), language_model._protected(text)
    drops = [(margin, [text[:word.start] + w + " " + text[word.start:] for w in dropped])
             for margin, word, dropped in language_model.drop_places(scores, whole, text, protected)]
    swaps = [(reach, [text[:a.start] + b.text + " " + a.text + text[b.end:]])
             for reach, a, b in language_model.swap_places(scores, whole, text, protected)]
    return drops[:MOST_PLACES], swaps[:MOST_PLACES]


def measure(scorer, damaged: list[tuple[str, str]], controls: list[str], kind: str):  # type: ignore[no-untyped-def]
    """Per text: [(place rank, margin, word rank, gain, restores the original)] for the kind's places."""
    items = [(text, original) for text, original in damaged] + [(text, None) for text in controls]
    scored = scorer.score([text for text, _ in items], features=True)
    found = [places(scores, text)[0 if kind == "drop" else 1] for scores, (text, _) in zip(scored, items)]
    edits = [[(rank, margin, choice, edit) for rank, (margin, texts) in enumerate(ps)
              for choice, edit in enumerate(texts)] for ps in found]
    gains = compare_many(scorer, [(text, [e[3] for e in es]) for (text, _), es in zip(items, edits)])
    return [(original, [(r, m, c, g, e == original) for (r, m, c, e), g in zip(es, gs)])
            for (_, original), es, gs in zip(items, edits, gains)]


def table(rows, settings) -> None:  # type: ignore[no-untyped-def]
    damaged = [edits for original, edits in rows if original is not None]
    controls = [edits for original, edits in rows if original is None]
    for name, keep in settings:
        restored = sum(any(keep(e) and e[4] for e in edits) for edits in damaged)
        alarms = sum(any(keep(e) for e in edits) for edits in controls)
        print(f"  {name:42} restored {restored / len(damaged):.3f} ({restored}/{len(damaged)})  "
              f"controls {alarms / len(controls):.3f} ({alarms}/{len(controls)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=120, help="damaged sentences per kind")
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    sentences = clean_sentences(args.data)
    scorer = load_scorer("smollm2-135m", device="cpu")
    for kind, inject in (("swap", synthetic.swapped_words), ("drop", synthetic.dropped_function_word)):
        damaged = []
        for text in sentences:
            injection = inject(text, random.Random(f"{kind}|{text}"), None)
            if injection is not None and injection.text != text:
                damaged.append((injection.text, text))
            if len(damaged) == args.count:
                break
        rows = measure(scorer, damaged, [original for _, original in damaged], kind)
        print(f"{kind}: {len(damaged)} damaged sentences and their clean originals")
        if kind == "swap":
            settings = [(f"{k} places, margin >= {floor}, gain >= {gain}",
                         lambda e, k=k, floor=floor, gain=gain: e[0] < k and e[1] >= floor and e[3] >= gain)
                        for k in (2, 4, 6, 8) for floor in (-99, -3, 0, 4) for gain in (6, 10)]
        else:
            settings = [(f"{k} places, {words} word(s) each, gain >= {gain}",
                         lambda e, k=k, words=words, gain=gain: e[0] < k and e[2] < words and e[3] >= gain)
                        for k in (1, 2, 3) for words in (1, 2) for gain in (8, 10, 12)]
        table(rows, settings)


if __name__ == "__main__":
    main()
