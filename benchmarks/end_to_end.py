"""End-to-end `mtqa check` with the language model and its learned heads, against the bare forward pass.

Same sentences, same batch size, in one process (issue 13's aim: end to end at least 0.8x the bare
forward rate over the input tokens; peak memory under 1.5 GB). Five sides, tokens/s over the scored
tokens of the input:

- bare forward: the model alone on pre-tokenized, length-sorted, padded batches (`benchmarks.common`);
- score: `scorer.score(texts)`, log-probabilities only (what a model without heads uses);
- score+features: the same pass also giving entropy, rank and hidden states (`features=True`);
- heads: `LMStage.views`, the pass with features, fluency and the word head on every word;
- check: `Pipeline.results` over the sentences as one document of records, as `mtqa check --format jsonl`
  computes them: every rule, the language model, its heads, fix verification and scores (no writing).

Run it alone on the machine, from the repository root:

    .venv/bin/python -m benchmarks.end_to_end --threads 2 --batch-size 32
"""

from __future__ import annotations

import argparse
import platform
import resource
import time

import torch

from benchmarks.common import bare_batches, bare_forward, best_seconds, load_sentences, scored_tokens
from mtqa.lm.registry import load_scorer
from mtqa.lm.view import LMStage
from mtqa.model import Document, Segment
from mtqa.pipeline import Pipeline
from mtqa.rules import all_rules


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--sentences", type=int, default=256)
    parser.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args()

    scorer = load_scorer("smollm2-135m", device="cpu")
    torch.set_num_threads(args.threads)
    scorer.batch_size = args.batch_size
    sentences = load_sentences(args.sentences)
    tokens = scored_tokens(scorer, sentences)
    pipeline = Pipeline(all_rules(), lm=scorer)
    stage = LMStage(scorer)
    document = Document("<bench>", [Segment(id=str(i), text=t) for i, t in enumerate(sentences)],
                        running_text=False)
    batches = bare_batches(scorer, sentences, args.batch_size)
    print(f"machine: {platform.processor() or platform.machine()}, torch {torch.__version__}, "
          f"threads {args.threads}")
    print(f"model: {scorer.signature}; heads: {pipeline.heads.signature if pipeline.heads else 'none'}")
    print(f"{len(sentences)} sentences, {tokens} tokens, batch {args.batch_size}")
    runs = {
        "bare forward": lambda: bare_forward(scorer, batches),
        "score": lambda: scorer.score(sentences),
        "score+features": lambda: scorer.score(sentences, features=True),
        "heads": lambda: stage.views(document.segments),
        "check": lambda: list(pipeline.results(document)),
    }
    bare_forward(scorer, batches[:1])  # warm-up
    list(pipeline.results(Document("<warm-up>", document.segments[:args.batch_size], running_text=False)))
    seconds = {name: float("inf") for name in runs}
    for _ in range(args.repeats):  # interleaved repeats, best of each: every side sees the same load
        for name, run in runs.items():
            seconds[name] = min(seconds[name], best_seconds(run, 1, time.perf_counter))
    bare = seconds["bare forward"]
    print("side              tok/s   x bare forward")
    for name, value in seconds.items():
        print(f"{name:<15} {tokens / value:>7,.0f}   {bare / value:>6.2f}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process: {peak:,.0f} MB (aim < 1536 MB)")


if __name__ == "__main__":
    main()
