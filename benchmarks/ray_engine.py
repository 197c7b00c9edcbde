"""The local engine against Ray with 1 and 2 workers (issue 14): wall time and peak memory of `mtqa check`.

Writes a JSONL feed of N records (the seed article's paragraphs cycled, rules only; or DEMETR's clean
sentences with `--lm`), runs `mtqa check FEED -f jsonl -o OUT` once per engine in a fresh child process,
and samples the memory of the whole process tree every 0.2 s: the driver and, for Ray, its GCS, raylet and
every worker (summed RSS; the peak of the sum is what the machine must hold). It also checks that each
engine's output is byte-identical to the local one.

    .venv/bin/python benchmarks/ray_engine.py 100000 --engines local ray:1 ray:2
    .venv/bin/python benchmarks/ray_engine.py 1000000 --engines local ray:2
    .venv/bin/python benchmarks/ray_engine.py 256 --lm smollm2-135m --engines local ray:1 ray:2

Run it alone: other jobs on the same cores distort every figure.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import SEED, load_sentences


def write_feed(path: Path, count: int, with_lm: bool) -> None:
    if with_lm:
        texts = load_sentences(count)
    else:
        paragraphs = [p.strip() for p in SEED.read_text(encoding="utf-8").split("\n\n") if p.strip()]
        texts = [paragraphs[i % len(paragraphs)] for i in range(count)]
    with path.open("w", encoding="utf-8") as out:
        for i, text in enumerate(texts):
            out.write(json.dumps({"id": f"s{i}", "mt": text, "feed": "bench"}, ensure_ascii=False) + "\n")


def tree_rss(root: psutil.Process) -> int:
    """Bytes resident in `root` and every process under it."""
    total = 0
    for process in [root, *root.children(recursive=True)]:
        try:
            total += process.memory_info().rss
        except psutil.Error:
            pass  # ended between the listing and the reading
    return total


def run(feed: Path, output: Path, engine: str, lm: str) -> tuple[float, float, float]:
    """(seconds, peak RSS of the whole tree in MB, peak RSS of the driver alone in MB)."""
    command = [sys.executable, "-m", "mtqa", "check", str(feed), "-f", "jsonl", "-o", str(output),
               "--fail-on", "never", "--lm", lm]
    if engine != "local":
        command += ["--engine", "ray", "--workers", engine.split(":")[1]]
    started = time.perf_counter()
    child = subprocess.Popen(command)
    root = psutil.Process(child.pid)
    peaks = [0, 0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            try:
                peaks[0] = max(peaks[0], tree_rss(root))
                peaks[1] = max(peaks[1], root.memory_info().rss)
            except psutil.Error:
                return
            time.sleep(0.2)

    sampler = threading.Thread(target=sample)
    sampler.start()
    code = child.wait()
    done.set()
    sampler.join()
    if code != 0:
        raise SystemExit(f"mtqa check with {engine} exited {code}")
    return time.perf_counter() - started, peaks[0] / 2**20, peaks[1] / 2**20


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("size", type=int)
    parser.add_argument("--engines", nargs="+", default=["local", "ray:1", "ray:2"],
                        help="local, or ray:W for Ray with W workers")
    parser.add_argument("--lm", default="none", help="none (rules only) or a model name")
    args = parser.parse_args()
    with_lm = args.lm != "none"
    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "feed.jsonl"
        write_feed(feed, args.size, with_lm)
        print(f"{'records':>9} {'lm':>13} {'engine':>7} {'seconds':>8} {'records/s':>10} {'tree MB':>8} "
              f"{'driver MB':>9} same-as-local")
        first: Path | None = None
        for engine in args.engines:
            output = Path(tmp) / f"out-{engine.replace(':', '-')}.jsonl"
            seconds, tree, driver = run(feed, output, engine, args.lm)
            same = "-" if first is None else ("yes" if filecmp.cmp(first, output, shallow=False) else "NO")
            first = first or output
            print(f"{args.size:>9} {args.lm:>13} {engine:>7} {seconds:>8.1f} {args.size / seconds:>10,.1f} "
                  f"{tree:>8.0f} {driver:>9.0f} {same}", flush=True)


if __name__ == "__main__":
    main()
