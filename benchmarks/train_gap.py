"""Train the gap head: where did the text drop a function word? (issue 12, MT801)

    .venv/bin/python -m benchmarks.train_gap [--data-dir ../shared/eval] [--folds 5] [--drops 3] [--write]

What it reads (dev parts only): the clean sentences of the synthetic artefact suite (`mtqa eval`'s,
mtqa/eval/artefacts.py), and for each one `--drops` copies, each with one function word dropped by the
suite's own injector under a seed of its own (`GAP_SEED` and the copy's number, not the suite's seed, so
the places differ from the suite's; copies that drop the same word are read once).
One LM pass per text (`Scorer.score(features=True)`) gives each place where a word could be missing (a
word after another, one space between, as `drop_places`) the word head's features and the pass's
dropped-word scalars (`heads.gap_features`). The head is class-balanced, logistic or one hidden layer
(`HEAD_CHOICES`): positive is the word right after a dropped word, negative every other place, in the
damaged copies and in the clean sentence.

Folds are by a hash of the record's source group, so a clean sentence and its damaged copies are always in
one fold; the head is chosen by out-of-fold sentence recall at 1% of clean sentences flagged, counted on
the clean sentences and the first damaged copies (so runs with other `--drops` are measured alike). The
figures printed are out of fold. With `--write` the head fitted on all of it is written into the heads
file, with the report thresholds from the out-of-fold clean sentences.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from benchmarks.common import code_digest
from benchmarks.train_quality import fit_logistic, fit_mlp, fold_of, out_of_fold
from mtqa.eval.artefacts import ArtefactSuite
from mtqa.eval.data import default_data_dir, discover, iter_records
from mtqa.eval.synthetic import dropped_function_word
from mtqa.lm import heads as hd
from mtqa.lm.fluency import fluency
from mtqa.lm.registry import DEFAULT_MODEL, load_scorer
from mtqa.nlp.tokens import split_sentences
from mtqa.rules.language_model import DROP_CANDIDATES, DROP_WORDS, GAP_SCREEN, dropped_word_gain

ROOT = Path(__file__).resolve().parents[1]
GAP_RUN = "gap-v2"
GAP_SEED = "mtqa-gap-v1"  # the damaged copies' seed, and the folds' (`fold_of`): every run since gap-v1
FOLD_RUN = "gap-v1"
GAP_DROPS = 3
# The heads tried, by out-of-fold sentence recall at 1% of clean sentences flagged: logistic at each L2
# strength, and one hidden layer of ReLUs of each width (`train_quality.fit_mlp`, its defaults).
HEAD_CHOICES = (("linear", 1e-3), ("linear", 1e-2), ("linear", 1e-1), ("mlp", 32), ("mlp", 64), ("mlp", 128))
CLEAN_RATES = (0.005, 0.01, 0.02)  # share of clean sentences flagged at the thresholds reported


@dataclass
class Pair:
    group: str
    clean: str
    damaged: str
    gap: int  # where the word was dropped in `damaged`
    copy: int = 0  # which of the sentence's damaged copies


def collect(data_dir: Path, drops: int = 1) -> list[Pair]:
    """Each clean sentence of the suite with one function word dropped, `drops` times under seeds of their
    own (files sorted, records in order; a copy that drops the same word as an earlier one is left out).
    The first copy's seed is the one gap-v1 was trained with."""
    suite = ArtefactSuite()
    pairs = []
    for path in discover(data_dir):
        for _, record in iter_records(path):
            dataset = record["id"].split("/", 1)[0]
            if not suite.accepts(dataset):
                continue
            for key, text in suite.texts(record).items():
                if not key.startswith("control:"):
                    continue
                seen = set()
                for copy in range(drops):
                    rng = random.Random(f"{GAP_SEED}|{text}" if copy == 0 else f"{GAP_SEED}|{copy}|{text}")
                    injection = dropped_function_word(text, rng, None)
                    if injection is not None and injection.text not in seen:
                        seen.add(injection.text)
                        pairs.append(Pair(record["group"], text, injection.text, injection.start, copy))
    return pairs


@dataclass
class Rows:
    x: np.ndarray  # one row per place
    y: np.ndarray  # 1 at the word after the dropped one
    text: np.ndarray  # the index of the place's text in `texts_of(pairs)`


def texts_of(pairs: list[Pair]) -> list[tuple[str, int, int]]:
    """The texts read: each clean sentence once, then each damaged copy; (text, gap or -1, pair index)."""
    texts, clean_seen = [], set()
    for i, pair in enumerate(pairs):
        if pair.clean not in clean_seen:
            clean_seen.add(pair.clean)
            texts.append((pair.clean, -1, i))
        texts.append((pair.damaged, pair.gap, i))
    return texts


def extract(pairs: list[Pair], cache: Path) -> Rows:
    """Every text's places and features, from the cache (an .npz) when it was written by the same code
    (`common.code_digest`) for as many texts; otherwise computed, and the cache written again."""
    texts = texts_of(pairs)
    key = f"code:{code_digest()}|texts:{len(texts)}"
    if cache.is_file():
        with np.load(cache) as saved:
            if "key" in saved and str(saved["key"]) == key:
                return Rows(saved["x"], saved["y"], saved["text"])
        print(f"  {cache} was written by other code or for other texts: extracting again", file=sys.stderr)
    scorer = load_scorer(DEFAULT_MODEL, device="cpu")
    xs, ys, owners = [], [], []
    started = time.perf_counter()
    for first in range(0, len(texts), 256):
        batch = [text for text, _, _ in texts[first:first + 256]]
        for offset, (text, scored) in enumerate(zip(batch, scorer.score(batch, features=True), strict=True)):
            index = first + offset
            places, x = hd.gap_features(scored, fluency(text, scored, split_sentences(text)))
            gap = texts[index][1]
            xs.append(x)
            ys.append(np.array([float(w.start == gap) for w in places], np.float32))
            owners.append(np.full(len(places), index, np.int32))
        print(f"  scored {first + len(batch)}/{len(texts)} texts ({time.perf_counter() - started:.0f} s)",
              file=sys.stderr, flush=True)
    rows = Rows(np.vstack(xs), np.concatenate(ys), np.concatenate(owners))
    cache.parent.mkdir(parents=True, exist_ok=True)
    temporary = cache.with_name(cache.name + ".tmp.npz")
    np.savez(temporary, x=rows.x, y=rows.y, text=rows.text, key=np.array(key))
    temporary.replace(cache)
    return rows


def sentence_scores(p: np.ndarray, rows: Rows, clean: np.ndarray, first: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per clean text (`clean`, a mask over the texts) its largest place probability; per first damaged
    copy (`first`) the probability at the gap (0 when the gap is no place). Only the first copies are
    counted, so that runs with more copies are measured on the same sentences."""
    best = np.zeros(len(clean))
    np.maximum.at(best, rows.text, p)
    at_gap = np.zeros(len(clean))
    hit = rows.y == 1
    at_gap[rows.text[hit]] = p[hit]
    return best[clean], at_gap[first]


def fit_head(kind: str, value: float, x: np.ndarray, y: np.ndarray) -> hd.Linear | hd.Mlp:
    """A class-balanced head: logistic with L2 strength `value`, or an MLP of `value` hidden units."""
    if kind == "linear":
        return fit_logistic(x, y, np.ones(len(y), np.float32), value)
    return fit_mlp(x, y, int(value))


def recall_at(clean: np.ndarray, damaged: np.ndarray, rate: float) -> tuple[float, float]:
    threshold = float(np.quantile(clean, 1 - rate))
    return threshold, float((damaged > threshold).mean())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=default_data_dir())
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--cache", type=Path, help="where the features are kept (default: benchmarks/.cache/)")
    parser.add_argument("--write", action="store_true", help="write the head into the model's heads file")
    parser.add_argument("--drops", type=int, default=GAP_DROPS, help="damaged copies of each clean sentence")
    parser.add_argument("--limit", type=int, default=0, help="the first N pairs only (a smoke test)")
    parser.add_argument("--gains", type=int, default=0, metavar="N",
                        help="also put the words back at the best places of N pairs and print the gains table")
    args = parser.parse_args(argv)

    pairs = collect(args.data_dir, args.drops)
    cache = args.cache or ROOT / "benchmarks" / ".cache" / f"gap-drops{args.drops}-limit{args.limit}.npz"
    if args.limit:
        pairs = pairs[:args.limit]
    texts = texts_of(pairs)
    clean_mask = np.array([gap < 0 for _, gap, _ in texts])
    first = np.array([gap >= 0 and pairs[i].copy == 0 for _, gap, i in texts])
    print(f"{int(clean_mask.sum())} clean sentences and {len(pairs)} copies with a dropped function word",
          file=sys.stderr)
    rows = extract(pairs, cache)
    folds = np.array([fold_of(pairs[texts[t][2]].group, args.folds, FOLD_RUN) for t in rows.text])
    report: dict = {"run": GAP_RUN, "drops": args.drops, "pairs": len(pairs), "places": len(rows.y),
                    "positives": int(rows.y.sum()), "by_head": {}}

    # the ranking MT801 used before: how much likelier the pass's best dropped word is than the word there
    margin = rows.x[:, -len(hd.GAP_SCALARS)]
    clean, damaged = sentence_scores(margin, rows, clean_mask, first)
    report["margin"] = {f"{r}": recall_at(clean, damaged, r)[1] for r in CLEAN_RATES}

    every = np.arange(len(rows.y))
    best = None
    for kind, value in HEAD_CHOICES:
        p = out_of_fold(lambda train, kind=kind, value=value: fit_head(kind, value, rows.x[train], rows.y[train]),
                        lambda head, test: hd._sigmoid(head(rows.x[test])), every, folds, args.folds)
        clean, damaged = sentence_scores(p, rows, clean_mask, first)
        recalls = {f"{r}": recall_at(clean, damaged, r)[1] for r in CLEAN_RATES}
        report["by_head"][f"{kind}:{value:g}"] = recalls
        print(f"  {kind} {value:g}: sentence recall at clean rates {recalls}", file=sys.stderr, flush=True)
        if best is None or recalls["0.01"] > best[2]["0.01"]:
            best = (kind, value, recalls, clean, p)
    assert best is not None
    kind, value, recalls, clean, p = best
    report["head"] = f"{kind}:{value:g}"
    report["thresholds"] = {"report": float(np.quantile(clean, 1 - 0.01)),
                            "major": float(np.quantile(clean, 1 - 0.002))}
    print(json.dumps(report, indent=1))
    if args.gains:
        print("Places by the gap head (out of fold):")
        gains_table(pairs, texts, rows, p, args.gains)
        print("Places by the margin alone (MT801 without a gap head):")
        gains_table(pairs, texts, rows, rows.x[:, -len(hd.GAP_SCALARS)], args.gains, by_margin=True)
    if args.write:
        head = fit_head(kind, value, rows.x, rows.y)
        heads = hd.load_heads(DEFAULT_MODEL)
        assert heads is not None
        signature = (f"heads:{GAP_RUN}|{DEFAULT_MODEL}|folds:{args.folds}|seed:{GAP_SEED}|drops:{args.drops}"
                     f"|pairs:{len(pairs)}|head:{kind}:{value:g}")
        hd.save_heads(hd.HEADS_DIR / f"{DEFAULT_MODEL}.npz",
                      hd.with_gap(heads, head, report["thresholds"], signature))
    return 0


GAIN_PLACES = 3
GAIN_SETTINGS = [(k, g, t, low) for k in (1, 2, 3) for g in (8.0, 10.0) for t, low in ((1.1, g), (0.9, 6.0), (0.9, 4.0),
                                                                                     (0.97, 4.0), (0.97, 3.0))]


def gains_table(pairs: list[Pair], texts: list[tuple[str, int, int]], rows: Rows, p: np.ndarray, count: int,
                by_margin: bool = False) -> None:
    """Put the pass's two likeliest words back at each of the GAIN_PLACES best places by the out-of-fold
    head, measure each edit's gain (mtqa.lm.pairs), and print per (places, gain, probability, lower gain):
    the damaged sentences restored and caught (an edit at the gap clears the gain; the gain needed is the
    lower one where the place's probability is at least that high), and the clean ones with such an edit.
    The last row is MT801's own rule: its places, screen and `dropped_word_gain` (not the words it never
    puts back, `NEVER_PUT_BACK`, nor `_cannot_stand_before`). Only first copies are read."""
    from mtqa.lm.pairs import compare_many

    firsts = [i for i, pair in enumerate(pairs) if pair.copy == 0]
    chosen = sorted(random.Random(GAP_SEED).sample(firsts, min(count, len(firsts))))
    damaged_of = {i: t for t, (_, gap, i) in enumerate(texts) if gap >= 0}
    clean_of = {text: t for t, (text, gap, _) in enumerate(texts) if gap < 0}
    scorer = load_scorer(DEFAULT_MODEL, device="cpu")
    read = [(pairs[i].damaged, damaged_of[i], i) if side else (pairs[i].clean, clean_of[pairs[i].clean], i)
            for i in chosen for side in (0, 1)]
    scored = scorer.score([text for text, _, _ in read], features=True)
    plans = []
    for (text, index, i), scores in zip(read, scored, strict=True):
        places, _ = hd.gap_features(scores, fluency(text, scores, split_sentences(text)))
        mine = np.flatnonzero(rows.text == index)
        assert len(mine) == len(places), "the pass gave other places than the cached one"
        order = np.argsort(-p[mine], kind="stable")[:GAIN_PLACES]
        edits = []
        for rank, k in enumerate(order):
            word = places[k]
            a = int(np.searchsorted(scores.starts, word.start))
            words = tuple(scores.dropped_words[a][:DROP_WORDS])
            for w in words:
                edits.append((rank, float(p[mine[k]]), bool(rows.y[mine[k]]),
                              text[:word.start] + w + " " + text[word.start:], words))
        plans.append((text, texts[index][1] < 0, i, edits))
    gains = compare_many(scorer, [(text, [e[3] for e in edits]) for text, _, _, edits in plans])

    def row(label: str, passes) -> None:  # type: ignore[no-untyped-def]
        restored = caught = clean = 0
        for (_, is_clean, i, edits), found in zip(plans, gains, strict=True):
            passed = [(gain, e) for e, gain in zip(edits, found, strict=True) if passes(e, gain)]
            if is_clean:
                clean += bool(passed)
            else:
                caught += any(e[2] for _, e in passed)
                best = max(passed, default=None, key=lambda x: x[0])
                restored += best is not None and best[1][3] == pairs[i].clean
        n = len(plans) // 2
        print(f"| {label} | {restored / n:.3f} | {caught / n:.3f} | {clean / n:.3f} |")

    print("| places, gain, lower gain at p >= | restored | caught | clean with an edit |")
    print("|---|---|---|---|")
    for k, g, t, low in GAIN_SETTINGS:
        if not (by_margin and t <= 1):  # a margin is no probability
            row(f"{k}, {g:g}, {'-' if t > 1 else f'{t:g}: {low:g}'}",
                lambda e, gain, k=k, g=g, t=t, low=low: e[0] < k and gain >= (low if e[1] >= t else g))
    if not by_margin:
        row(f"MT801: {DROP_CANDIDATES} places, p >= {GAP_SCREEN:g}, `dropped_word_gain`",
            lambda e, gain: e[0] < DROP_CANDIDATES and e[1] >= GAP_SCREEN
            and gain >= dropped_word_gain(e[1], e[4], e[0]))


if __name__ == "__main__":
    sys.exit(main())
