"""What the benchmarks share: the sentences they score and the bare forward pass they compare against."""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from pathlib import Path

import torch

from mtqa.lm.transformers_backend import TransformersScorer

ROOT = Path(__file__).resolve().parents[1]
DEMETR = ROOT.parent / "shared" / "eval" / "demetr" / "demetr.dev.jsonl"
SEED = ROOT / "seeds" / "000_bcd470c7927b5382.txt"


def code_digest() -> str:
    """12 hex digits of the sha256 of mtqa's code (every .py file of the package, by path): what a cache of
    features, scores or findings depends on besides its inputs and the weights."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "mtqa").rglob("*.py")):
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def load_sentences(count: int, path: Path | None = None) -> list[str]:
    """`count` real news sentences (repeated as needed): one per line of `path`, or the clean MT sentences
    of the DEMETR dev file plus the seed document's paragraphs."""
    if path is not None:
        unique = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    else:
        unique = list(dict.fromkeys(json.loads(line)["mt_clean"] for line in DEMETR.open(encoding="utf-8")))
        unique += [p.strip() for p in SEED.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    return [unique[i % len(unique)] for i in range(count)]


def bare_batches(
    scorer: TransformersScorer, sentences: list[str], batch_size: int
) -> list[dict[str, torch.Tensor]]:
    """Pre-tokenized, length-sorted, padded batches with BOS, ready for `model(**batch)` on the scorer's device."""
    ids = scorer.tokenizer(sentences, add_special_tokens=False)["input_ids"]
    ordered = sorted(([scorer.bos_token_id, *row] for row in ids), key=len, reverse=True)
    batches = []
    for first in range(0, len(ordered), batch_size):
        rows = ordered[first : first + batch_size]
        width = len(rows[0])
        input_ids = torch.zeros((len(rows), width), dtype=torch.long)
        mask = torch.zeros((len(rows), width), dtype=torch.long)
        for i, row in enumerate(rows):
            input_ids[i, : len(row)] = torch.tensor(row)
            mask[i, : len(row)] = 1
        batches.append({"input_ids": input_ids.to(scorer.device), "attention_mask": mask.to(scorer.device)})
    return batches


def bare_forward(scorer: TransformersScorer, batches: list[dict[str, torch.Tensor]]) -> None:
    """The model's forward pass alone (logits for every position), the floor that scoring cannot beat."""
    with torch.inference_mode():
        for batch in batches:
            scorer.model(**batch, use_cache=False).logits[0, 0, 0].item()


def bare_forward_cross_entropy(scorer: TransformersScorer, batches: list[dict[str, torch.Tensor]]) -> None:
    """Forward pass plus per-token cross-entropy, what a hand-written scoring loop would do."""
    with torch.inference_mode():
        for batch in batches:
            logits = scorer.model(**batch, use_cache=False).logits[:, :-1]
            targets = batch["input_ids"][:, 1:].masked_fill(batch["attention_mask"][:, 1:] == 0, -100)
            torch.nn.functional.cross_entropy(
                logits.reshape(-1, logits.shape[-1]).float(), targets.reshape(-1), reduction="none"
            )[0].item()


def best_seconds(
    run: Callable[[], object], repeats: int, clock: Callable[[], float] = time.perf_counter
) -> float:
    """Fastest of `repeats` runs: the least disturbed by whatever else the machine is doing.

    `clock=time.process_time` measures this process's CPU time instead of wall time: on a machine shared
    with other jobs, that still compares two pieces of work fairly (best with 1 thread, which never waits
    for a descheduled sibling).
    """
    times = []
    for _ in range(repeats):
        if torch.cuda.is_available():
            torch.cuda.synchronize()
        started = clock()
        run()
        if torch.cuda.is_available():
            torch.cuda.synchronize()
        times.append(clock() - started)
    return min(times)


def scored_tokens(scorer: TransformersScorer, sentences: list[str]) -> int:
    return sum(len(row) for row in scorer.tokenizer(sentences, add_special_tokens=False)["input_ids"])
