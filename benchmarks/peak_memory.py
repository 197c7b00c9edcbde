"""Peak resident memory (RSS) of a process that loads the default model and scores sentences on CPU, and of
`mtqa check` with the model end to end, in a process of its own, on the same sentences as records (JSONL)
and as one running text (aim: < 1.5 GB).

Run it alone, in a fresh process:

    .venv/bin/python -m benchmarks.peak_memory
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path


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
    with tempfile.TemporaryDirectory() as folder:
        records, running = Path(folder) / "sentences.jsonl", Path(folder) / "sentences.txt"
        records.write_text("".join(json.dumps({"id": str(i), "text": t}) + "\n" for i, t in enumerate(sentences)),
                           encoding="utf-8")
        running.write_text("\n\n".join(sentences) + "\n", encoding="utf-8")
        for label, path in (("records (JSONL)", records), ("one running text", running)):
            print(f"mtqa check, {len(sentences)} sentences as {label}: peak RSS {check_peak_mb(path):,.0f} MB")


def check_peak_mb(path: Path) -> float:
    """Peak RSS of `mtqa check` with the default model on CPU over `path`, run as a process of its own."""
    command = [sys.executable, "-m", "mtqa", "check", str(path), "--device", "cpu", "--format", "jsonl",
               "--output", str(path.with_suffix(".out.jsonl")), "--exit-zero"]
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"mtqa check exited {child.returncode} on {path}")
    return usage.ru_maxrss / 1024  # Linux reports KiB


if __name__ == "__main__":
    main()
