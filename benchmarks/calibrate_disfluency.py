"""Calibrate MT801's threshold: how out of place must a word be before mtqa calls it disfluent?

For every sentence of clean English (DEMETR's unperturbed MT and references, dev part) the worst word's
SLOR (LM log-prob minus unigram log-prob, nats; the sentence's first word left out) is computed; the
threshold is set at a low quantile of that distribution, so that about that share of clean sentences
would be flagged. The script also prints what share of DEMETR's perturbed sentences each candidate
threshold catches, to show the trade-off. Rerun after changing the model:

    .venv/bin/python benchmarks/calibrate_disfluency.py [--data ../shared/eval/demetr/demetr.dev.jsonl]
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

from mtqa.lm.registry import load_scorer
from mtqa.lm.view import LMStage
from mtqa.model import Segment

ROOT = Path(__file__).resolve().parent.parent


def worst_slors(stage: LMStage, texts: list[str]) -> list[float]:
    out = []
    for start in range(0, len(texts), 32):
        batch = [Segment(id=str(i), text=t) for i, t in enumerate(texts[start:start + 32])]
        for view in stage.views(batch):
            for sentence in view.analysis.sentences:
                worst = sentence.worst_word
                if worst is not None:
                    out.append(worst.slor)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "eval" / "demetr" / "demetr.dev.jsonl"))
    args = parser.parse_args()
    clean: list[str] = []
    perturbed: dict[str, list[str]] = defaultdict(list)
    for line in Path(args.data).read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        name = record["perturbation"]["name"]
        if name == "none":
            clean += [record["mt"], record["ref"]]
        elif name.startswith(("minor", "major", "critical")):
            perturbed[name].append(record["mt"])
    stage = LMStage(load_scorer("smollm2-135m", "cpu"))
    clean_slors = sorted(worst_slors(stage, sorted(set(clean))))
    print(f"clean sentences: {len(clean_slors)}")
    for q in (0.001, 0.005, 0.01, 0.02, 0.05):
        print(f"  quantile {q:.3f}: worst-word SLOR {clean_slors[int(q * len(clean_slors))]:.2f}")
    thresholds = (-6.0, -7.0, -8.0, -9.0, -10.0)
    print("share flagged: " + "  ".join(f"{t:>6}" for t in thresholds))
    rate = sum(1 for s in clean_slors if s < thresholds[0]) / len(clean_slors)
    print(f"{'clean':<34}" + "  ".join(f"{sum(s < t for s in clean_slors) / len(clean_slors):>6.3f}"
                                       for t in thresholds) + f"   (at {thresholds[0]}: {rate:.3f})")
    for name, texts in sorted(perturbed.items()):
        slors = worst_slors(stage, texts)
        print(f"{name:<34}" + "  ".join(f"{sum(s < t for s in slors) / max(len(slors), 1):>6.3f}"
                                        for t in thresholds))


if __name__ == "__main__":
    main()
