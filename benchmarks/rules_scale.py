"""Rules-only throughput and peak memory of `mtqa check` on large JSONL feeds (issue 6).

Writes a synthetic feed of N records (sentences from the seed article, some with artefacts), runs
`mtqa check FEED --format jsonl -o /dev/null --lm none [--jobs J]` in a child process and reports segments/s
and the child's peak RSS. Memory must stay flat as N grows: compare the RSS at 100k and 1M.

    .venv/bin/python benchmarks/rules_scale.py 100000 1000000 --jobs 1 2
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_bcd470c7927b5382.txt"


def write_feed(path: Path, count: int) -> None:
    paragraphs = [p.strip() for p in SEED.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            out.write(
                json.dumps(
                    {"id": f"s{i}", "mt": paragraphs[i % len(paragraphs)], "feed": "bench"},
                    ensure_ascii=False,
                )
                + "\n"
            )


def run(feed: Path, jobs: int) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of one child run."""
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "mtqa",
            "check",
            str(feed),
            "--format",
            "jsonl",
            "-o",
            "/dev/null",
            "--jobs",
            str(jobs),
            "--fail-on",
            "never",
            "--lm",
            "none",
        ],
        check=True,
    )
    elapsed = time.perf_counter() - started
    # ru_maxrss of children is the largest of any child so far: run each size in a fresh process.
    return elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("sizes", type=int, nargs="+")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1])
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not args.child:
        # One fresh process per (size, jobs) so that each peak RSS is its own.
        print(f"{'segments':>10} {'jobs':>4} {'seconds':>8} {'segments/s':>11} {'peak RSS MB':>12}")
        for size in args.sizes:
            for jobs in args.jobs:
                subprocess.run(
                    [sys.executable, __file__, str(size), "--jobs", str(jobs), "--child"], check=True
                )
        return
    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "feed.jsonl"
        write_feed(feed, args.sizes[0])
        seconds, rss = run(feed, args.jobs[0])
        print(
            f"{args.sizes[0]:>10} {args.jobs[0]:>4} {seconds:>8.1f} {args.sizes[0] / seconds:>11,.0f} {rss:>12.0f}"
        )


if __name__ == "__main__":
    main()
