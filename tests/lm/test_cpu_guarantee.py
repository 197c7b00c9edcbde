"""What mtqa guarantees across x86 CPUs and batch compositions (docs/lm.md, "Reproducibility").

Other CPUs are stood in for by forcing other kernels on this one: torch's own vector kernels
(ATEN_CPU_CAPABILITY), MKL's matrix products (MKL_ENABLE_INSTRUCTIONS) and oneDNN's (ONEDNN_MAX_CPU_ISA),
down to the SSE code paths of the oldest x86-64 CPUs. The guarantee: every token's log-probability within
SCORE_TOLERANCE nats, and the same findings and gate verdicts. Different kernels must really have run:
the reported capability changes, so the comparison is never of one code path with itself.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mtqa.lm.device import SCORE_TOLERANCE, select_dtype
from mtqa.model import Document, Segment
from mtqa.pipeline import Pipeline
from mtqa.rules import all_rules

PROBE = Path(__file__).with_name("kernel_probe.py")
ROOT = PROBE.parents[2]
OLDEST_KERNELS = {"ATEN_CPU_CAPABILITY": "default", "MKL_ENABLE_INSTRUCTIONS": "SSE4_2",
                  "ONEDNN_MAX_CPU_ISA": "SSE41"}


def _probe(extra_env: dict[str, str]) -> dict:
    env = {**os.environ, **extra_env, "PYTHONPATH": str(ROOT)}
    env.pop("MTQA_LM_DTYPE", None)
    done = subprocess.run([sys.executable, str(PROBE)], capture_output=True, text=True, env=env, timeout=600,
                          check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def native() -> dict:
    return _probe({})


@pytest.fixture(scope="module")
def oldest() -> dict:
    return _probe(OLDEST_KERNELS)


def _max_difference(a: list[list[float]], b: list[list[float]]) -> float:
    assert [len(x) for x in a] == [len(y) for y in b]
    return max((abs(x - y) for s, t in zip(a, b) for x, y in zip(s, t)), default=0.0)


def test_cpu_scoring_is_fp32_by_default(native: dict, oldest: dict) -> None:
    import torch

    assert native["dtype"] == oldest["dtype"] == "torch.float32"
    assert select_dtype(torch.device("cpu")) == torch.float32


def test_other_kernels_give_the_same_numbers_within_the_tolerance(native: dict, oldest: dict) -> None:
    assert oldest["capability"] == "DEFAULT" != native["capability"] or native["capability"] == "DEFAULT"
    assert _max_difference(native["batched"], oldest["batched"]) <= SCORE_TOLERANCE
    assert _max_difference(native["alone"], oldest["alone"]) <= SCORE_TOLERANCE


def test_other_kernels_give_the_same_findings_and_verdicts(native: dict, oldest: dict) -> None:
    assert native["findings"] == oldest["findings"]
    assert native["findings"][0] == []  # the clean sentence stays clean
    assert any(rule == "MT301" for rule, *_ in native["findings"][2])  # the stray capital is found
    assert native["scores"] == pytest.approx(oldest["scores"], abs=0.1)
    assert native["fluency"] == pytest.approx(oldest["fluency"], abs=0.1)


def test_batch_composition_changes_no_number_beyond_the_tolerance(native: dict) -> None:
    assert _max_difference(native["batched"], native["alone"]) <= SCORE_TOLERANCE


def test_findings_do_not_depend_on_the_batch(scorer) -> None:
    """A record checked among others gets the findings and score it gets alone."""
    texts = ["The meeting was useful, businesslike and business-like.",
             "However, he himself dampened expectations Their talks in Moscow.",
             "The central bank raised interest rates by a quarter of a percentage point on Wednesday.",
             ("A much longer sentence, written so that its padded length differs from every other one in the "
              "batch, said the minister, who spoke to reporters in Brussels on Tuesday evening.")]
    pipeline = Pipeline(all_rules(), lm=scorer)

    def run(batch: list[str]) -> list:
        document = Document("<t>", [Segment(id=str(i), text=t) for i, t in enumerate(batch)], running_text=False)
        return list(pipeline.results(document))

    together = run(texts)
    for text, result in zip(texts, together):
        [alone] = run([text])
        assert [(f.rule, f.start, f.end) for f in alone.findings] == [(f.rule, f.start, f.end)
                                                                       for f in result.findings]
        assert alone.score == pytest.approx(result.score, abs=0.1)
