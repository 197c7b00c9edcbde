"""Fit the 0-100 fluency map of mtqa/lm/fluency.py on clean vs synthetically corrupted sentences.

Clean text: the unperturbed MT sentences (`mt_clean`) of the DEMETR dev file, no labels read, plus the
sentences of the seed document. Each clean sentence gets three corrupted versions: words shuffled, one
word duplicated, one word dropped. A class-balanced logistic regression on FEATURES separates clean from
corrupted; its weights are printed for pasting into fluency.py, with the held-out AUC per corruption.

    .venv/bin/python benchmarks/calibrate_fluency.py
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

import numpy as np

from mtqa.lm import fluency as fl
from mtqa.lm.registry import load_scorer
from mtqa.nlp.tokens import split_sentences

ROOT = Path(__file__).resolve().parents[1]
DEMETR = ROOT.parent / "shared" / "eval" / "demetr" / "demetr.dev.jsonl"
SEED = ROOT / "seeds" / "000_bcd470c7927b5382.txt"
CORRUPTIONS = ("shuffled", "duplicated", "dropped")


def clean_sentences() -> list[str]:
    seen: dict[str, None] = {}
    with DEMETR.open(encoding="utf-8") as handle:
        for line in handle:
            seen.setdefault(json.loads(line)["mt_clean"].strip(), None)
    seed = SEED.read_text(encoding="utf-8")
    for span in split_sentences(seed):
        seen.setdefault(seed[span.start : span.end].strip(), None)
    return [s for s in seen if len(s.split()) >= 4]


def corrupt(sentence: str, kind: str, rng: random.Random) -> str:
    words = sentence.split()
    if kind == "shuffled":
        shuffled = words[:]
        while shuffled == words:
            rng.shuffle(shuffled)
        return " ".join(shuffled)
    i = rng.randrange(len(words))
    if kind == "duplicated":
        return " ".join(words[: i + 1] + [words[i]] + words[i + 1 :])
    return " ".join(words[:i] + words[i + 1 :])


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1e-3, steps: int = 50) -> tuple[np.ndarray, float]:
    """Class-balanced, L2-regularised logistic regression by Newton's method on standardised features."""
    mean, std = x.mean(0), x.std(0) + 1e-12
    z = np.hstack([(x - mean) / std, np.ones((len(x), 1))])
    weight = np.where(y == 1, 0.5 / y.mean(), 0.5 / (1 - y.mean()))
    beta = np.zeros(z.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-z @ beta))
        grad = z.T @ (weight * (p - y)) + l2 * beta
        hess = (z * (weight * p * (1 - p))[:, None]).T @ z + l2 * np.eye(len(beta))
        beta -= np.linalg.solve(hess, grad)
    weights = beta[:-1] / std
    return weights, float(beta[-1] - weights @ mean)


def auc(pos: np.ndarray, neg: np.ndarray) -> float:
    """P(a clean sentence scores above a corrupted one), ties counted half."""
    greater = (pos[:, None] > neg[None, :]).mean()
    ties = (pos[:, None] == neg[None, :]).mean()
    return float(greater + 0.5 * ties)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    clean = clean_sentences()
    texts, kinds, groups = [], [], []
    for index, sentence in enumerate(clean):
        for kind in ("clean", *CORRUPTIONS):
            texts.append(sentence if kind == "clean" else corrupt(sentence, kind, rng))
            kinds.append(kind)
            groups.append(index)
    scorer = load_scorer()
    sentences = [fl.sentence_fluency(s, 0, len(s.text)) for s in scorer.score(texts)]
    x = np.array([fl.feature_vector(s) for s in sentences])
    y = np.array([k == "clean" for k in kinds], dtype=float)
    kinds_arr, groups_arr = np.array(kinds), np.array(groups)

    # Held-out check: fit on even-numbered clean sentences (and their corruptions), test on odd ones.
    train = groups_arr % 2 == 0
    w, b = fit_logistic(x[train], y[train])
    held = x[~train] @ w + b
    print(f"{len(clean)} clean sentences, {len(texts)} texts, model {scorer.signature}")
    print("held-out AUC (clean vs corrupted, fit on the other half):")
    for kind in CORRUPTIONS:
        clean_mask = kinds_arr[~train] == "clean"
        kind_mask = kinds_arr[~train] == kind
        print(f"  {kind:<11} {auc(held[clean_mask], held[kind_mask]):.3f}")

    weights, bias = fit_logistic(x, y)
    probs = 100 / (1 + np.exp(-(x @ weights + bias)))
    print("mean fluency by kind (all data):")
    for kind in ("clean", *CORRUPTIONS):
        print(f"  {kind:<11} {probs[kinds_arr == kind].mean():5.1f}")
    print(f"\nFEATURES = {fl.FEATURES!r}")
    print(f"CALIBRATION_WEIGHTS = ({', '.join(f'{v:.4f}' for v in weights)})")
    print(f"CALIBRATION_BIAS = {bias:.4f}")


if __name__ == "__main__":
    main()
