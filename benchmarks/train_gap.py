"""Train the gap head: where did the text drop a function word? (issue 12, MT801)

    .venv/bin/python -m benchmarks.train_gap [--data-dir ../shared/eval] [--folds 5] [--write]

What it reads (dev parts only): the clean sentences of the synthetic artefact suite (`mtqa eval`'s,
mtqa/eval/artefacts.py), and for each one a copy with one function word dropped by the suite's own
injector under a seed of its own (`GAP_SEED`, not the suite's, so the places differ from the suite's).
One LM pass per text (`Scorer.score(features=True)`) gives each place where a word could be missing (a
word after another, one space between, as `drop_places`) the word head's features and the pass's
dropped-word scalars (`heads.gap_features`). The head is an L2 logistic regression: positive is the word
right after a dropped word, negative every other place, in the damaged copy and in the clean sentence.

Folds are by a hash of the record's source group, so a clean sentence and its damaged copy are always in
one fold; the L2 strength is chosen by out-of-fold sentence recall at 1% of clean sentences flagged. The
figures printed are out of fold. With `--write` the head fitted on all of it is written into the heads
file, with the report thresholds from the out-of-fold clean sentences.
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from benchmarks.train_quality import fit_logistic, fold_of, out_of_fold
from mtqa.eval.artefacts import ArtefactSuite
from mtqa.eval.data import default_data_dir, discover, iter_records
from mtqa.eval.synthetic import dropped_function_word
from mtqa.lm import heads as hd
from mtqa.lm.fluency import fluency
from mtqa.lm.registry import DEFAULT_MODEL, load_scorer
from mtqa.nlp.tokens import split_sentences
from mtqa.rules.language_model import DROP_WORDS

ROOT = Path(__file__).resolve().parents[1]
GAP_RUN = "gap-v1"
GAP_SEED = f"mtqa-{GAP_RUN}"
L2_GAP = (1e-3, 1e-2, 1e-1, 1.0)
CLEAN_RATES = (0.005, 0.01, 0.02)  # share of clean sentences flagged at the thresholds reported


@dataclass
class Pair:
    group: str
    clean: str
    damaged: str
    gap: int  # where the word was dropped in `damaged`


def collect(data_dir: Path) -> list[Pair]:
    """Each clean sentence of the suite with one function word dropped (files sorted, records in order)."""
    suite = ArtefactSuite()
    pairs = []
    for path in discover(data_dir):
        for _, record in iter_records(path):
            dataset = record["id"].split("/", 1)[0]
            if not suite.accepts(dataset):
                continue
            for key, text in suite.texts(record).items():
                if key.startswith("control:"):
                    rng = random.Random(f"{GAP_SEED}|{text}")
                    injection = dropped_function_word(text, rng, None)
                    if injection is not None:
                        pairs.append(Pair(record["group"], text, injection.text, injection.start))
    return pairs


@dataclass
class Rows:
    x: np.ndarray  # one row per place
    y: np.ndarray  # 1 at the word after the dropped one
    text: np.ndarray  # the index of the place's text (2 per pair: clean, damaged)


def extract(pairs: list[Pair], cache: Path) -> Rows:
    if cache.is_file():
        with cache.open("rb") as handle:
            return pickle.load(handle)
    scorer = load_scorer(DEFAULT_MODEL, device="cpu")
    texts = [t for p in pairs for t in (p.clean, p.damaged)]
    xs, ys, owners = [], [], []
    started = time.perf_counter()
    for first in range(0, len(texts), 256):
        batch = texts[first:first + 256]
        for offset, (text, scored) in enumerate(zip(batch, scorer.score(batch, features=True), strict=True)):
            index = first + offset
            places, x = hd.gap_features(scored, fluency(text, scored, split_sentences(text)))
            gap = pairs[index // 2].gap if index % 2 else -1
            xs.append(x)
            ys.append(np.array([float(w.start == gap) for w in places], np.float32))
            owners.append(np.full(len(places), index, np.int32))
        print(f"  scored {first + len(batch)}/{len(texts)} texts ({time.perf_counter() - started:.0f} s)",
              file=sys.stderr, flush=True)
    rows = Rows(np.vstack(xs), np.concatenate(ys), np.concatenate(owners))
    cache.parent.mkdir(parents=True, exist_ok=True)
    with cache.open("wb") as handle:
        pickle.dump(rows, handle, protocol=5)
    return rows


def sentence_scores(p: np.ndarray, rows: Rows, n_texts: int) -> tuple[np.ndarray, np.ndarray]:
    """Per clean text its largest place probability; per damaged text the probability at the gap (0 when
    the gap is no place)."""
    best = np.zeros(n_texts)
    np.maximum.at(best, rows.text, p)
    at_gap = np.zeros(n_texts)
    hit = rows.y == 1
    at_gap[rows.text[hit]] = p[hit]
    return best[0::2], at_gap[1::2]


def recall_at(clean: np.ndarray, damaged: np.ndarray, rate: float) -> tuple[float, float]:
    threshold = float(np.quantile(clean, 1 - rate))
    return threshold, float((damaged > threshold).mean())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=default_data_dir())
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--cache", type=Path, default=ROOT / "benchmarks" / ".cache" / f"{GAP_RUN}.pkl")
    parser.add_argument("--write", action="store_true", help="write the head into the model's heads file")
    parser.add_argument("--limit", type=int, default=0, help="the first N pairs only (a smoke test)")
    parser.add_argument("--gains", type=int, default=0, metavar="N",
                        help="also put the words back at the best places of N pairs and print the gains table")
    args = parser.parse_args(argv)

    pairs = collect(args.data_dir)
    if args.limit:
        pairs = pairs[:args.limit]
    print(f"{len(pairs)} clean sentences, each with a dropped function word", file=sys.stderr)
    rows = extract(pairs, args.cache)
    groups = [p.group for p in pairs for _ in (0, 1)]
    folds = np.array([fold_of(groups[t], args.folds, GAP_RUN) for t in rows.text])
    weights = np.ones(len(rows.y), np.float32)
    report: dict = {"run": GAP_RUN, "pairs": len(pairs), "places": len(rows.y),
                    "positives": int(rows.y.sum()), "by_l2": {}}

    # the ranking MT801 used before: how much likelier the pass's best dropped word is than the word there
    margin = rows.x[:, -len(hd.GAP_SCALARS)]
    clean, damaged = sentence_scores(margin, rows, 2 * len(pairs))
    report["margin"] = {f"{r}": recall_at(clean, damaged, r)[1] for r in CLEAN_RATES}

    every = np.arange(len(rows.y))
    best = None
    for l2 in L2_GAP:
        p = out_of_fold(lambda train, l2=l2: fit_logistic(rows.x[train], rows.y[train], weights[train], l2),
                        lambda head, test: hd._sigmoid(head(rows.x[test])), every, folds, args.folds)
        clean, damaged = sentence_scores(p, rows, 2 * len(pairs))
        recalls = {f"{r}": recall_at(clean, damaged, r)[1] for r in CLEAN_RATES}
        report["by_l2"][f"{l2:g}"] = recalls
        print(f"  l2 {l2:g}: sentence recall at clean rates {recalls}", file=sys.stderr, flush=True)
        if best is None or recalls["0.01"] > best[1]["0.01"]:
            best = (l2, recalls, clean, p)
    assert best is not None
    l2, recalls, clean, p = best
    report["l2"] = l2
    report["thresholds"] = {"report": float(np.quantile(clean, 1 - 0.01)),
                            "major": float(np.quantile(clean, 1 - 0.002))}
    print(json.dumps(report, indent=1))
    if args.gains:
        print("Places by the gap head (out of fold):")
        gains_table(pairs, rows, p, args.gains)
        print("Places by the margin alone (MT801 without a gap head):")
        gains_table(pairs, rows, rows.x[:, -len(hd.GAP_SCALARS)], args.gains, by_margin=True)
    if args.write:
        head = fit_logistic(rows.x, rows.y, weights, l2)
        heads = hd.load_heads(DEFAULT_MODEL)
        assert heads is not None
        signature = f"heads:{GAP_RUN}|{DEFAULT_MODEL}|folds:{args.folds}|seed:{GAP_SEED}|pairs:{len(pairs)}|l2:{l2:g}"
        hd.save_heads(hd.HEADS_DIR / f"{DEFAULT_MODEL}.npz",
                      hd.with_gap(heads, head, report["thresholds"], signature))
    return 0


GAIN_PLACES = 3
GAIN_SETTINGS = [(k, g, t, low) for k in (1, 2, 3) for g in (8.0, 10.0) for t, low in ((1.1, g), (0.9, 6.0), (0.9, 4.0),
                                                                                     (0.97, 4.0), (0.97, 3.0))]


def gains_table(pairs: list[Pair], rows: Rows, p: np.ndarray, count: int, by_margin: bool = False) -> None:
    """Put the pass's two likeliest words back at each of the GAIN_PLACES best places by the out-of-fold
    head, measure each edit's gain (mtqa.lm.pairs), and print per (places, gain, probability, lower gain):
    the damaged sentences restored and caught (an edit at the gap clears the gain; the gain needed is the
    lower one where the place's probability is at least that high), and the clean ones with such an edit."""
    from mtqa.lm.pairs import compare_many

    chosen = sorted(random.Random(GAP_SEED).sample(range(len(pairs)), min(count, len(pairs))))
    scorer = load_scorer(DEFAULT_MODEL, device="cpu")
    texts = [(pairs[i].clean if side == 0 else pairs[i].damaged, 2 * i + side) for i in chosen for side in (0, 1)]
    scored = scorer.score([t for t, _ in texts], features=True)
    plans = []
    for (text, index), scores in zip(texts, scored, strict=True):
        places, _ = hd.gap_features(scores, fluency(text, scores, split_sentences(text)))
        mine = np.flatnonzero(rows.text == index)
        assert len(mine) == len(places), "the pass gave other places than the cached one"
        order = np.argsort(-p[mine], kind="stable")[:GAIN_PLACES]
        edits = []
        for rank, k in enumerate(order):
            word = places[k]
            a = int(np.searchsorted(scores.starts, word.start))
            for w in scores.dropped_words[a][:DROP_WORDS]:
                edits.append((rank, float(p[mine[k]]), bool(rows.y[mine[k]]),
                              text[:word.start] + w + " " + text[word.start:]))
        plans.append((text, index, edits))
    gains = compare_many(scorer, [(text, [e[3] for e in edits]) for text, _, edits in plans])
    print("| places | gain | lower gain at p >= | restored | caught | clean with an edit |")
    print("|---|---|---|---|---|---|")
    for k, g, t, low in GAIN_SETTINGS:
        if by_margin and t <= 1:
            continue  # a margin is no probability
        restored = caught = clean = 0
        for (text, index, edits), found in zip(plans, gains, strict=True):
            passed = [e for e, gain in zip(edits, found, strict=True) if e[0] < k and gain >= (low if e[1] >= t else g)]
            if index % 2 == 0:
                clean += bool(passed)
            else:
                caught += any(e[2] for e in passed)
                best = max(((gain, e) for e, gain in zip(edits, found, strict=True)
                            if e[0] < k and gain >= (low if e[1] >= t else g)), default=None, key=lambda x: x[0])
                restored += best is not None and best[1][3] == pairs[index // 2].clean
        n = len(plans) // 2
        print(f"| {k} | {g:g} | {'-' if t > 1 else f'{t:g}: {low:g}'} | {restored / n:.3f} | {caught / n:.3f} "
              f"| {clean / n:.3f} |")


if __name__ == "__main__":
    sys.exit(main())
