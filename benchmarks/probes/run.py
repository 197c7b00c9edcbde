"""The probes of this folder, read with every rule and the language model (2026-12-06, seventh stop).

Clean probes (records with `text` only): the findings on them, by rule and severity, and the records the
unsafe fixes change. Damaged probes (records with `kind`, `text` and `clean`: an artefact written by hand
into a sentence, and the sentence without it): per kind, how many have a finding and how many
`--unsafe-fixes` gives back exactly as `clean`, with each record's findings and fixed text listed.

    .venv/bin/python -m benchmarks.probes.run benchmarks/probes/clean_news.jsonl benchmarks/probes/damaged_news.jsonl
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from mtqa.io.readers import read_path
from mtqa.lm.registry import load_scorer
from mtqa.pipeline import Pipeline
from mtqa.rules import all_rules


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--device", default="cpu")
    args = parser.parse_args()
    pipeline = Pipeline(all_rules(), lm=load_scorer(device=args.device))
    for path in args.paths:
        records = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
        document = read_path(str(path))  # as `mtqa check` and `mtqa fix` read it: one segment a record
        checked = [c.findings for c in pipeline.check(document.segments, document.running_text, assess=False)]
        all_fixed = pipeline.fix(document, unsafe=True, first_findings=checked)
        damaged = all("clean" in record for record in records)
        print(f"== {path} ({len(records)} records, {'damaged' if damaged else 'clean'})")
        caught: Counter[str] = Counter()
        restored: Counter[str] = Counter()
        kinds: Counter[str] = Counter()
        by_rule: Counter[str] = Counter()
        changed = 0
        for record, findings, fixed in zip(records, checked, all_fixed, strict=True):
            text = record["text"]
            shown = ", ".join(f"{f.rule} {f.severity.value} “{text[f.start:f.end]}”" for f in findings)
            if damaged:
                kind = record["kind"]
                kinds[kind] += 1
                caught[kind] += bool(findings)
                restored[kind] += fixed == record["clean"]
                mark = ("C" if findings else "-") + ("R" if fixed == record["clean"] else "-")
                print(f"{mark} {record['id']} {kind}: {shown or 'no finding'}")
                if fixed not in (text, record["clean"]):
                    print(f"      fixed: {fixed}")
            else:
                by_rule.update(f"{f.rule} {f.severity.value}" for f in findings)
                changed += fixed != text
                if findings or fixed != text:
                    print(f"{record['id']}: {shown or 'no finding'}" + (f"\n      fixed: {fixed}" if fixed != text else ""))
        if damaged:
            for kind in sorted(kinds):
                print(f"  {kind:24} {kinds[kind]:3}  caught {caught[kind]:3}  restored {restored[kind]:3}")
            print(f"  {'all':24} {sum(kinds.values()):3}  caught {sum(caught.values()):3}  "
                  f"restored {sum(restored.values()):3}")
        else:
            print(f"  findings by rule: {dict(sorted(by_rule.items())) or 'none'}; changed by the unsafe fixes: {changed}")


if __name__ == "__main__":
    main()
