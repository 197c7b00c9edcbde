"""CPU throughput: mtqa's scoring against the bare model forward pass, same sentences, same batch size.

Prints tokens/s for each and their ratio (aim: mtqa / bare forward >= 0.85). Tokens are the scored
tokens of the input (BOS excluded); both sides sort by length, mtqa also pads each window to a multiple of 4.

    .venv/bin/python benchmarks/throughput.py --threads 2 --batch-sizes 8 32
"""

from __future__ import annotations

import argparse
import platform
import time

import torch

from benchmarks.common import (
    bare_batches,
    bare_forward,
    bare_forward_cross_entropy,
    best_seconds,
    load_sentences,
    scored_tokens,
)
from mtqa.lm.registry import load_scorer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--batch-sizes", type=int, nargs="+", default=[8, 32])
    parser.add_argument("--sentences", type=int, default=256)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--clock", choices=["wall", "cpu"], default="wall", help="cpu: process CPU time, for a shared machine"
    )
    args = parser.parse_args()

    scorer = load_scorer("smollm2-135m", device=args.device)
    torch.set_num_threads(args.threads)
    sentences = load_sentences(args.sentences)
    tokens = scored_tokens(scorer, sentences)
    print(
        f"machine: {platform.processor() or platform.machine()}, torch {torch.__version__}, threads {args.threads}"
    )
    print(f"model: {scorer.signature}; {len(sentences)} sentences, {tokens} tokens; clock: {args.clock}")
    clock = time.process_time if args.clock == "cpu" else time.perf_counter
    print("batch  mtqa tok/s  bare-fwd tok/s  bare-fwd+CE tok/s  mtqa/bare-fwd  mtqa/bare-fwd+CE")
    for batch_size in args.batch_sizes:
        scorer.batch_size = batch_size
        batches = bare_batches(scorer, sentences, batch_size)
        scorer.score(sentences[:batch_size])  # warm-up
        bare_forward(scorer, batches[:1])
        # Interleaved repeats, best of each: both sides see the same background load.
        runs = {
            "mtqa": lambda: scorer.score(sentences),
            "bare": lambda batches=batches: bare_forward(scorer, batches),
            "ce": lambda batches=batches: bare_forward_cross_entropy(scorer, batches),
        }
        seconds = {name: float("inf") for name in runs}
        for _ in range(args.repeats):
            for name, run in runs.items():
                seconds[name] = min(seconds[name], best_seconds(run, 1, clock))
        mtqa_s, bare_s, ce_s = seconds["mtqa"], seconds["bare"], seconds["ce"]
        print(
            f"{batch_size:>5}  {tokens / mtqa_s:>10,.0f}  {tokens / bare_s:>14,.0f}  {tokens / ce_s:>17,.0f}"
            f"  {bare_s / mtqa_s:>13.2f}  {ce_s / mtqa_s:>16.2f}"
        )


if __name__ == "__main__":
    main()
