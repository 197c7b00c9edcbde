"""Score fixed texts and check fixed records with the language model; print the numbers as JSON.

Run by tests/lm/test_cpu_guarantee.py in subprocesses that force other CPU kernels (ATEN_CPU_CAPABILITY,
MKL_ENABLE_INSTRUCTIONS, ONEDNN_MAX_CPU_ISA), standing in for other x86 CPUs.
"""

from __future__ import annotations

import json
import sys

import torch

from mtqa.lm.registry import load_scorer
from mtqa.model import Document, Segment
from mtqa.pipeline import Pipeline
from mtqa.rules import all_rules

TEXTS = [
    "The central bank raised interest rates by a quarter of a percentage point on Wednesday.",
    "The meeting was useful, businesslike and business-like.",
    "However, he himself dampened expectations Their talks in Moscow.",
    "They discussed the country's presidency. Volodymyr Zelensky with.",
    "Macron said it would visit Kyiv, where it met the the president.",
    "Short.",
]


def main() -> None:
    scorer = load_scorer("smollm2-135m", "cpu")
    batched = scorer.score(TEXTS)
    alone = [scorer.score([text])[0] for text in TEXTS]
    pipeline = Pipeline(all_rules(), lm=scorer)
    document = Document("probe", [Segment(id=str(i), text=t) for i, t in enumerate(TEXTS)], running_text=False)
    results = list(pipeline.results(document))
    json.dump({
        "capability": torch.backends.cpu.get_cpu_capability(),
        "dtype": str(scorer.dtype),
        "batched": [list(s.logprobs) for s in batched],
        "alone": [list(s.logprobs) for s in alone],
        "findings": [[(f.rule, f.start, f.end, f.severity.value) for f in r.findings] for r in results],
        "scores": [r.score for r in results],
        "fluency": [r.fluency for r in results],
    }, sys.stdout)


if __name__ == "__main__":
    main()
