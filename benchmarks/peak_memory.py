"""Peak resident memory (RSS) of a process that loads the default model and scores sentences on CPU.

Run it in a fresh process (aim: < 1.5 GB):

    .venv/bin/python benchmarks/peak_memory.py
"""

from __future__ import annotations

import argparse
import resource


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=256)
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args()

    import torch
    import transformers

    from benchmarks.common import load_sentences
    from mtqa.lm.registry import load_scorer

    print(
        f"after importing torch {torch.__version__} and transformers {transformers.__version__}: {rss_mb():.0f} MB"
    )
    scorer = load_scorer("smollm2-135m", device="cpu")
    print(f"after loading {scorer.signature}: {rss_mb():.0f} MB")
    scorer.batch_size = args.batch_size
    sentences = load_sentences(args.sentences)
    scorer.score(sentences)
    long_text = " ".join(sentences[:120])  # one text of several windows of 1,024 tokens
    scorer.score([long_text])
    print(
        f"after scoring {len(sentences)} sentences (batch {args.batch_size}) and one {len(long_text):,}-character text"
    )
    print(f"peak RSS: {peak_rss_mb():.0f} MB (aim < 1536 MB)")


if __name__ == "__main__":
    main()
