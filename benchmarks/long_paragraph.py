"""Rules on one long paragraph: CPU seconds of every rule as the paragraph grows (issue 10, MT104).

The paragraph is the seed article's text with its paragraph breaks removed, repeated to N characters (so
sentences repeat, as in the red-team case that made MT104 quadratic). Prints, per size, the CPU seconds of
the whole rule set and of MT104 alone, and each size's ratio to the first: linear work keeps the ratio
near the size ratio.

    .venv/bin/python benchmarks/long_paragraph.py 100000 300000 1000000
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from mtqa.pipeline import check_text
from mtqa.rules import all_rules, lookup

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_bcd470c7927b5382.txt"


def paragraph(size: int) -> str:
    text = " ".join(SEED.read_text(encoding="utf-8").split())
    return ((text + " ") * (size // len(text) + 1))[:size]


def cpu_seconds(text: str, rules: list) -> float:
    started = time.process_time()
    check_text(text, rules)
    return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="+", type=int)
    args = parser.parse_args()
    rules = all_rules()
    cpu_seconds(paragraph(20_000), rules)  # word lists and models load once, outside the figures
    first: tuple[int, float, float] | None = None
    print("characters  all rules (s)  MT104 (s)  size ratio  all ratio  MT104 ratio")
    for size in args.sizes:
        text = paragraph(size)
        every, near = cpu_seconds(text, rules), cpu_seconds(text, [lookup("MT104")])
        first = first or (size, every, near)
        print(f"{size:>10,}  {every:>13.1f}  {near:>9.1f}  {size / first[0]:>10.1f}  {every / first[1]:>9.1f}  "
              f"{near / first[2]:>11.1f}")


if __name__ == "__main__":
    main()
