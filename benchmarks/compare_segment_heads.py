"""Would a hidden layer serve the learned heads better than the linear ones? (issue 13)

    .venv/bin/python -m benchmarks.compare_segment_heads [--data-dir ../shared/eval] [--word-l2 0.001]
        [--word-mlp]

The gap head gained from a hidden layer of ReLUs (gap-v2, benchmarks/train_gap.py). This runs the same
choice for the fluency and the quality heads on `train_quality`'s items, features (its cache in
benchmarks/.cache/, extracted by the first run of either) and folds, and prints out-of-fold figures only:
- fluency: the AUROC of clean controls against damaged copies, for logistic heads at each of
  `train_quality.L2_FLUENCY` and for MLPs of 32, 64 and 128 units (30 or 60 epochs, weight decay 0.01 or 0.1);
- quality: the Pearson r with MLQE-PE's DA z (each record with its source), over all pairs and per pair,
  for ridge heads at each of `train_quality.L2_QUALITY` and for MLPs of 32 and 64 units fitted to the
  squared error (10 or 30 epochs), on the best logistic fluency head's out-of-fold logit, as
  `train_quality` feeds it.
The word head's out-of-fold probabilities, which both read, are taken at one L2 strength (`--word-l2`) to
save `train_quality`'s choice between two. With `--word-mlp` the word head is tried with a hidden layer
too (WORD_MLP), with the same row weights. For each word head it prints the average precision, the MQM
zh-en fluency span F1 and the recall at MT802's threshold, as `train_quality` reports them, and then the
linear segment heads read on its probabilities. Nothing is written. Seeds are fixed (`train_quality.fit_mlp`).
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

from benchmarks import train_quality as tq
from mtqa.eval.data import default_data_dir
from mtqa.lm import heads as hd

FLUENCY_MLPS = tuple((units, epochs, decay) for units in (32, 64, 128) for epochs in (30, 60) for decay in (0.01, 0.1))
QUALITY_MLPS = tuple((units, epochs, decay) for units in (32, 64) for epochs in (10, 30) for decay in (0.01, 0.1))
BATCH = 256
WORD_MLP = (64, 4)  # units, epochs (batches of train_quality.MLP_BATCH): 329,114 words


def out_of_fold(fit, x: np.ndarray, y: np.ndarray, train: np.ndarray, folds: np.ndarray, k: int) -> np.ndarray:  # type: ignore[no-untyped-def]
    """Each row's prediction by the head `fit(x, y)` fitted on the `train` rows of the other folds."""
    return tq.out_of_fold(lambda other: fit(x[other & train], y[other & train]), lambda head, test: head(x[test]),
                          np.arange(len(x)), folds, k)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--word-l2", type=float, default=1e-3)
    parser.add_argument("--word-mlp", action="store_true", help="try the word head with a hidden layer too")
    parser.add_argument("--cache", type=Path, default=tq.ROOT / "benchmarks" / ".cache" / "quality-features.pkl")
    args = parser.parse_args(argv)
    k = args.folds
    items = tq.collect(args.data_dir or default_data_dir())
    data = tq.extract(items, args.cache)
    folds = np.array([tq.fold_of(item.group, k) for item in items])
    rows = tq.word_rows(items, data)
    candidates = (tq.WordHead(l2=args.word_l2),) + ((tq.WordHead(units=WORD_MLP[0], epochs=WORD_MLP[1]),)
                                                    if args.word_mlp else ())
    word_heads = {}
    for head in candidates:
        word_heads[head.name] = tq.read_word_head(items, rows, head, folds, k)
        print(f"word head {head.name} | out-of-fold average precision "
              f"{word_heads[head.name].average_precision:.4f}", flush=True)
    del rows
    for name, reading in word_heads.items():
        f1 = tq.span_f1(items, reading.errors, {})
        print(f"word head {name} | MQM fluency span F1: " + ", ".join(f"{s} {f['f1']:.3f} (threshold {f['threshold']:.2f})"
                                                                   for s, f in f1.items()), flush=True)
        recall = reading.report["word_recall_at_threshold"]  # at MT802's threshold: 1% of the clean controls
        print(f"word head {name} | at MT802's threshold {reading.report['thresholds']['minor']:.3f}, damaged "
              f"copies with a word above it over the injected span: mean over kinds {reading.recall:.3f}; "
              + ", ".join(f"{kind} {r:.3f}" for kind, r in recall.items()), flush=True)
    for index, (name, reading) in enumerate(word_heads.items()):
        print(f"\n## the segment heads on the word head {name}")
        segment_heads(items, data, reading.errors, folds, k, mlps=index == 0)
    print(f"({len(items)} items, {k} folds)", file=sys.stderr)
    return 0


def segment_heads(items: list[tq.Item], data: tq.Extracted, errors: list[list[hd.WordError]], folds: np.ndarray,
                  k: int, mlps: bool) -> None:
    """The fluency and the quality heads' out-of-fold figures on the word head's `errors`, linear and, with
    `mlps`, with a hidden layer."""
    segment = np.vstack([hd.segment_features(s, a, e, *c) for s, a, e, c in
                         zip(data.scores, data.analyses, errors, data.rule_counts, strict=True)])
    synthetic = np.array([i.origin in ("control", "injected") for i in items])
    clean = np.array([i.origin == "control" for i in items], np.float32)

    def auc(logits: np.ndarray) -> float:
        return tq.auroc(logits[synthetic & (clean == 1)], logits[synthetic & (clean == 0)])

    print("fluency head | out-of-fold AUROC, clean against damaged")
    linear = {}
    for l2 in tq.L2_FLUENCY:
        linear[l2] = out_of_fold(lambda x, y, l2=l2: tq.fit_logistic(x, y, np.ones(len(y), np.float32), l2),
                                 segment, clean, synthetic, folds, k)
        print(f"logistic l2={l2:g} | {auc(linear[l2]):.4f}", flush=True)
    for units, epochs, decay in FLUENCY_MLPS if mlps else ():
        logits = out_of_fold(lambda x, y, u=units, e=epochs, d=decay: tq.fit_mlp(x, y, u, e, BATCH, d),
                             segment, clean, synthetic, folds, k)
        print(f"mlp {units} units, {epochs} epochs, decay {decay:g} | {auc(logits):.4f}", flush=True)

    fluency_logits = max(linear.values(), key=auc)
    mlqe = [i for i, item in enumerate(items) if item.origin == "mlqe_pe" and item.da_z is not None]
    unedited = float(np.mean([items[i].da_z for i in mlqe if items[i].hter == 0]))
    edited = float(np.mean([items[i].da_z for i in mlqe if items[i].hter is not None and items[i].hter >= 0.3]))
    x_q, y_q, owner, has_source, rated = tq.quality_rows(items, segment, fluency_logits, unedited, edited, set(mlqe))
    q_folds = folds[owner]
    every = np.ones(len(x_q), bool)
    reported = has_source & rated
    pairs = sorted({items[i].kind for i in mlqe})
    print("\nquality head | out-of-fold Pearson r with DA z (with source): all, " + ", ".join(pairs))

    def line(name: str, z: np.ndarray) -> None:
        per_pair = defaultdict(list)
        for row in np.flatnonzero(reported):
            per_pair[items[owner[row]].kind].append(row)
        figures = [tq.pearson(z[reported], y_q[reported])] + [tq.pearson(z[per_pair[lp]], y_q[per_pair[lp]]) for lp in pairs]
        print(f"{name} | " + " ".join(f"{r:.3f}" for r in figures), flush=True)

    for l2 in tq.L2_QUALITY:
        line(f"ridge l2={l2:g}", out_of_fold(lambda x, y, l2=l2: tq.fit_ridge(x, y, l2), x_q, y_q, every, q_folds, k))
    for units, epochs, decay in QUALITY_MLPS if mlps else ():
        z = out_of_fold(lambda x, y, u=units, e=epochs, d=decay: tq.fit_mlp(x, y, u, e, BATCH, d, regression=True),
                        x_q, y_q, every, q_folds, k)
        line(f"mlp {units} units, {epochs} epochs, decay {decay:g}", z)


if __name__ == "__main__":
    raise SystemExit(main())
