"""The Ray engine gives the local engine's results, survives killed workers, and resumes an interrupted run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
import pytest

import mtqa.pipeline
from mtqa.engine import state_folder
from mtqa.engine.ray_engine import RayEngine
from mtqa.engine.state import RunState
from mtqa.lm.registry import load_scorer
from mtqa.pipeline import Pipeline
from mtqa.rules import all_rules
from tests.engine.conftest import feed_document, feed_records, short_records

pytestmark = pytest.mark.usefixtures("local_cluster")


def rules_pipeline(engine: RayEngine | None = None) -> Pipeline:
    return Pipeline(all_rules(), engine=engine)


def test_ray_check_gives_the_local_records_and_findings() -> None:
    records = feed_records()
    local = list(rules_pipeline().results(feed_document(records)))
    distributed = list(rules_pipeline(RayEngine()).results(feed_document(records)))
    assert len(distributed) == len(records) == 3000
    assert [r.segment.id for r in distributed] == [r["id"] for r in records]
    assert distributed == local
    assert sum(len(r.findings) for r in local) > 1000  # the feed is not clean: the comparison means something


def test_ray_fix_gives_the_local_texts() -> None:
    document = feed_document(feed_records(1200))
    for unsafe in (False, True):
        local = rules_pipeline().fix(document, unsafe)
        assert rules_pipeline(RayEngine()).fix(document, unsafe) == local
        assert local != [s.text for s in document.segments]


def test_a_rules_worker_killed_mid_run_loses_and_repeats_no_record() -> None:
    records = feed_records()
    local = list(rules_pipeline().results(feed_document(records)))
    killed: list[int] = []
    stop = threading.Event()
    watcher = threading.Thread(target=_kill_first, args=("ray::check_shard", killed, stop))
    watcher.start()
    try:
        distributed = list(rules_pipeline(RayEngine()).results(feed_document(records)))
    finally:
        stop.set()
        watcher.join()
    assert killed, "no task worker was caught running: the test killed nothing"
    assert distributed == local


def test_a_model_actor_killed_mid_run_is_restarted_and_its_shard_retried(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mtqa.pipeline, "SHARD_BATCHES", 1)  # 32 segments a shard: two for each actor
    records = short_records(128)
    local = list(Pipeline(all_rules(), lm=load_scorer("smollm2-135m", "cpu")).results(feed_document(records)))
    engine = RayEngine(lm="smollm2-135m", device="cpu", workers=2)
    pipeline = rules_pipeline(engine)
    pipeline.lm = engine.language_model(pipeline)
    results = pipeline.results(feed_document(records))
    distributed = [next(results)]  # the first shard is back; the second actor has one or two to go
    victim = engine.actor_pids()[1]
    os.kill(victim, signal.SIGKILL)
    distributed += list(results)
    assert victim not in engine.actor_pids()  # a new process took the dead actor's place
    engine.close()
    assert [r.segment.id for r in distributed] == [r["id"] for r in records]
    assert [(r.findings, r.score, r.fluency, r.quality) for r in distributed] == \
        [(r.findings, r.score, r.fluency, r.quality) for r in local]
    assert any(r.findings for r in local) and len({r.fluency for r in local}) > 10


def test_an_interrupted_run_resumes_from_its_finished_shards(tmp_path: Path) -> None:
    records = feed_records()
    local = list(rules_pipeline().results(feed_document(records)))
    folder = state_folder(tmp_path / "out.jsonl")
    first = rules_pipeline(RayEngine(state=RunState(folder)))
    partial = first.results(feed_document(records))
    for _ in range(1500):  # three shards of 512 are written and recorded, then the run stops
        next(partial)
    partial.close()
    state = RunState(folder)
    finished = len(state.done)
    assert finished >= 2
    resumed = list(rules_pipeline(RayEngine(state=state)).results(feed_document(records)))
    assert state.resumed == finished  # each finished shard read back, none computed again
    assert resumed == local


def test_the_cli_resumes_an_interrupted_ray_run_to_the_local_output(feed: Path, tmp_path: Path) -> None:
    local, distributed = tmp_path / "local.jsonl", tmp_path / "ray.jsonl"
    mtqa = [sys.executable, "-m", "mtqa", "check", str(feed), "--lm", "none", "-f", "jsonl"]
    assert subprocess.run([*mtqa, "-o", str(local)], check=False, capture_output=True).returncode == 1
    ray_run = [*mtqa, "-o", str(distributed), "--engine", "ray", "--workers", "1"]
    env = {**os.environ, "MTQA_SHARD_BATCHES": "1"}
    interrupted = subprocess.Popen(ray_run, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    manifest = state_folder(distributed) / "manifest.jsonl"
    deadline = time.monotonic() + 600  # Ray's start-up on two busy cores can take minutes
    while not (manifest.is_file() and manifest.read_text().count("\n") >= 3) and time.monotonic() < deadline \
            and interrupted.poll() is None:
        time.sleep(0.05)
    assert interrupted.poll() is None, f"the run ended before three shards were seen: {interrupted.stderr.read()!r}"
    assert manifest.read_text().count("\n") >= 3, "no three finished shards recorded in 600 s"
    interrupted.send_signal(signal.SIGTERM)  # as a CI runner or `kill` stops it; ray.init sets a handler that exited 15
    code = interrupted.wait(timeout=120)
    said = interrupted.stderr.read().decode()
    assert code == 130 and said.splitlines()[-1] == "mtqa: interrupted", said
    assert not distributed.exists()  # no partial report
    finished = len(manifest.read_text().splitlines())
    assert finished >= 3
    resumed = subprocess.run(ray_run, check=False, env=env, capture_output=True, text=True)
    assert resumed.returncode == 1, resumed.stderr
    assert f"resumed {finished} finished shards" in resumed.stderr
    assert distributed.read_bytes() == local.read_bytes()
    assert not state_folder(distributed).exists()  # the output is written: the shards are gone
    assert len(json.loads(distributed.read_text().splitlines()[0])) > 0


def _kill_first(title: str, killed: list[int], stop: threading.Event) -> None:
    """Kill the first process whose title starts with `title` (Ray names a worker after what it runs)."""
    while not stop.is_set() and not killed:
        for process in psutil.process_iter(["cmdline"]):
            cmdline = process.info["cmdline"] or []
            if cmdline and cmdline[0].startswith(title):
                process.kill()
                killed.append(process.pid)
                return
        time.sleep(0.005)


def test_the_cli_fix_on_ray_writes_the_local_fixed_file(tmp_path: Path) -> None:
    records = feed_records(600)
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    outputs = {}
    for engine in ("local", "ray"):
        fixed = tmp_path / f"fixed-{engine}.jsonl"
        proc = subprocess.run([sys.executable, "-m", "mtqa", "fix", str(feed), "--lm", "none", "--unsafe-fixes",
                               "--engine", engine, "-o", str(fixed)], check=False, capture_output=True, text=True)
        assert proc.returncode == 0 and proc.stderr == "", proc.stderr  # no Ray chatter on stderr either
        outputs[engine] = fixed.read_bytes()
    assert outputs["ray"] == outputs["local"]
    assert sum(1 for line in outputs["ray"].splitlines() if b'"fixed"' in line) > 100


def test_ray_options_without_the_ray_engine_are_a_usage_error(tmp_path: Path) -> None:
    text = tmp_path / "a.txt"
    text.write_text("The talks ended on Monday.\n", encoding="utf-8")
    for option in (["--workers", "2"], ["--ray-address", "auto"]):
        proc = subprocess.run([sys.executable, "-m", "mtqa", "check", str(text), "--lm", "none", *option],
                              check=False, capture_output=True, text=True)
        assert proc.returncode == 2 and "need --engine ray" in proc.stderr


def test_a_model_the_actors_cannot_load_is_one_line_and_exit_2(tmp_path: Path) -> None:
    text = tmp_path / "a.txt"
    text.write_text("The talks ended on Monday.\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "mtqa", "check", str(text), "--engine", "ray", "--workers", "1",
                           "--lm", str(tmp_path / "no-model")], check=False, capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "language model folder not found" in proc.stderr
