"""The Ray engine: a document's shards checked by Ray workers, results back in input order.

Rules-only runs send each shard to a CPU task. With a language model, shards go to a pool of actors
that each load the model once (one GPU per actor on GPU nodes, CPU actors otherwise) and run the rules
with it. Every worker runs `Pipeline.check_shard` or `Pipeline.fix_shard`, the methods the local path
runs, on a copy of the driver's pipeline; the driver reads, writes, tallies and gates as it does alone.

Faults: a task whose worker dies is run again, and an actor that dies is restarted and its calls
retried (Ray's `max_retries`, `max_restarts`, `max_task_retries`). Results come back to the driver only,
which writes each shard once, in order, so a retry never writes a record twice. With a `RunState`, each
finished shard is also kept beside the output until it is written, so an interrupted run resumes.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from mtqa.engine.state import RunState, shard_key
from mtqa.errors import MtqaError, UsageError
from mtqa.lm.base import Scorer, TokenScores
from mtqa.model import Document, Segment, SegmentResult

if TYPE_CHECKING:
    from mtqa.pipeline import Pipeline

IN_FLIGHT_PER_WORKER = 2  # shards queued per worker: enough to keep it busy, few enough to bound memory
TASK_RETRIES = 5  # a rules task whose worker died is run again this many times


class ShardWorker:
    """A Ray actor: the pipeline with its language model loaded once, checking and fixing shards."""

    def __init__(self, pipeline: Pipeline, lm: str | None, device: str, threads: int):
        if device != "cuda":
            import torch

            torch.set_num_threads(max(1, threads))
        from mtqa.lm.registry import resolve_lm

        pipeline.lm = resolve_lm(lm, device)
        self.pipeline = pipeline

    def check(self, groups: list[list[Segment]], running_text: bool) -> list[SegmentResult]:
        return self.pipeline.check_shard(groups, running_text)

    def fix(self, groups: list[list[Segment]], running_text: bool, unsafe: bool) -> list[str]:
        return self.pipeline.fix_shard(groups, running_text, unsafe)

    def model_name(self) -> str:
        return self.pipeline.lm_name

    def pid(self) -> int:
        return os.getpid()


class RemoteModel(Scorer):
    """The driver's stand-in for the model its Ray actors hold: it names the model and scores nothing."""

    def __init__(self, name: str):
        self.name = name

    def score(self, texts: Sequence[str], *, features: bool = False) -> list[TokenScores]:
        raise RuntimeError("the Ray engine's actors score texts; the driver holds no model")


def check_shard(pipeline: Pipeline, groups: list[list[Segment]], running_text: bool) -> list[SegmentResult]:
    """A Ray task: a shard checked with the rules alone."""
    return pipeline.check_shard(groups, running_text)


def fix_shard(pipeline: Pipeline, groups: list[list[Segment]], running_text: bool, unsafe: bool) -> list[str]:
    """A Ray task: a shard fixed with the rules alone."""
    return pipeline.fix_shard(groups, running_text, unsafe)


class RayEngine:
    def __init__(self, *, address: str | None = None, workers: int | None = None, lm: str | None = None,
                 device: str = "auto", state: RunState | None = None):
        try:
            import ray
        except ImportError as err:
            raise UsageError("--engine ray needs the ray package: pip install 'mtqa[ray]'") from err
        from mtqa.lm.registry import NO_MODEL

        self.ray = ray
        self.lm = lm if lm and lm.lower() != NO_MODEL else None  # None: rules only
        self.device, self.state = device, state
        self.started = not ray.is_initialized()
        if self.started:
            options: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False,
                                       "logging_level": logging.ERROR}
            handler = signal.getsignal(signal.SIGTERM)  # ray.init sets its own, which exits with 15, not 130
            if address is None:
                # A local cluster on this machine: rule tasks take a CPU each, so `workers` CPUs run that many
                # at a time; model actors share every CPU (one actor gets them all as torch threads).
                ray.init(num_cpus=None if self.lm else workers, **options)
            else:
                ray.init(address=address, **options)
            if handler is not None and threading.current_thread() is threading.main_thread():
                signal.signal(signal.SIGTERM, handler)
        resources = ray.cluster_resources()
        self.gpus = int(resources.get("GPU", 0)) if device != "cpu" else 0
        self.workers = workers or (self.gpus if self.lm and self.gpus else max(1, int(resources.get("CPU", 1))))
        self._shipped: tuple[int, Any] | None = None  # (id of the pipeline, its copy in the object store)
        self._actors: list[Any] = []

    def language_model(self, pipeline: Pipeline) -> Scorer | None:
        """Start the actors, each loading the model, and give the driver a stand-in that names it (for the
        signature and the heads' tag) without loading it; None for a rules-only run."""
        if self.lm is None:
            return None
        if self.device == "cuda" and not self.gpus:
            raise UsageError("--device cuda: the Ray cluster has no GPU")
        if self.started:  # this machine's cluster: ready the model's cache once, not in each actor at once
            from mtqa.lm.registry import REGISTRY, prepare

            if self.lm in REGISTRY:
                prepare(REGISTRY[self.lm])
        try:  # an actor that cannot load the model says why once, instead of being retried for ever
            names = self.ray.get([actor.model_name.options(max_task_retries=0).remote()
                                  for actor in self._pool(pipeline)])
        except self.ray.exceptions.RayError as err:
            reason = str(err).strip().splitlines()[-1] if str(err).strip() else type(err).__name__
            raise UsageError(f"the Ray engine's model actors did not start: {reason}") from None
        return RemoteModel(names[0])

    def results(self, pipeline: Pipeline, document: Document) -> Iterator[SegmentResult]:
        for shard in self._run("check", pipeline, document, (document.running_text,)):
            yield from shard

    def fix(self, pipeline: Pipeline, document: Document, unsafe: bool) -> list[str]:
        operation = "fix-unsafe" if unsafe else "fix"
        return [text for shard in self._run(operation, pipeline, document, (document.running_text, unsafe))
                for text in shard]

    def _run(self, operation: str, pipeline: Pipeline, document: Document, args: tuple[Any, ...]
             ) -> Iterator[list[Any]]:
        """Each shard's results in order, at most IN_FLIGHT_PER_WORKER shards per worker outstanding; a
        bad input line ends the shards, after those read before it have come back."""
        from mtqa.pipeline import shards

        method, task = ("check", check_shard) if operation == "check" else ("fix", fix_shard)
        signature = f"{pipeline.signature}|device:{self.device}"
        pending: deque[tuple[str | None, Any]] = deque()
        error: MtqaError | None = None
        try:
            for index, groups in enumerate(shards(document)):
                key, done = None, None
                if self.state is not None:
                    key = shard_key(operation, signature, document.path, index, groups)
                    done = self.state.load(key)
                if done is not None:
                    pending.append((None, done))
                elif self._actors:
                    actor = self._actors[index % len(self._actors)]
                    pending.append((key, getattr(actor, method).remote(groups, *args)))
                else:
                    pending.append((key, self._task(task).remote(self._ship(pipeline), groups, *args)))
                if len(pending) >= IN_FLIGHT_PER_WORKER * self.workers:
                    yield self._collect(*pending.popleft())
        except MtqaError as err:
            error = err
        while pending:
            yield self._collect(*pending.popleft())
        if error is not None:
            raise error

    def _collect(self, key: str | None, outcome: Any) -> list[Any]:
        if not isinstance(outcome, self.ray.ObjectRef):
            return outcome  # read back from an earlier run
        try:
            results = self.ray.get(outcome)
        except self.ray.exceptions.RayTaskError as err:
            raise err.as_instanceof_cause() from None
        if self.state is not None and key is not None:
            self.state.save(key, results)
        return results

    def _ship(self, pipeline: Pipeline) -> Any:
        """The bare pipeline in the object store, put there once for every rules task."""
        if self._shipped is None or self._shipped[0] != id(pipeline):
            self._shipped = (id(pipeline), self.ray.put(self._bare(pipeline)))
        return self._shipped[1]

    @staticmethod
    def _bare(pipeline: Pipeline) -> Pipeline:
        """The pipeline as workers receive it: no model (actors load their own), no baseline recording
        (the driver records what it is given) and no process pool of its own."""
        return replace(pipeline, lm=None, engine=None, record_baseline=None, jobs=1)

    def _task(self, function: Callable[..., Any]) -> Any:
        return self.ray.remote(function).options(num_cpus=1, max_retries=TASK_RETRIES)

    def _pool(self, pipeline: Pipeline) -> list[Any]:
        """The actors, created on first use: one per GPU on GPU nodes, else one per worker on CPUs."""
        if not self._actors:
            on_gpu = self.gpus > 0
            cpus = self.ray.cluster_resources().get("CPU", 1) / self.workers  # a share each, never more than all
            threads = 1 if on_gpu else max(1, int(cpus))
            actor = self.ray.remote(ShardWorker).options(
                num_gpus=1 if on_gpu else 0, num_cpus=min(1.0, cpus) if on_gpu else cpus, max_restarts=-1,
                max_task_retries=-1)
            device = "cuda" if on_gpu else "cpu" if self.device == "auto" else self.device
            bare = self._bare(pipeline)
            self._actors = [actor.remote(bare, self.lm, device, threads) for _ in range(self.workers)]
        return self._actors

    def actor_pids(self) -> list[int]:
        """The process of each language-model actor (tests kill one to see the run survive)."""
        return self.ray.get([a.pid.remote() for a in self._actors])

    @property
    def resumed(self) -> int:
        return self.state.resumed if self.state is not None else 0

    def finish(self) -> None:
        if self.state is not None:
            self.state.clear()

    def close(self) -> None:
        for actor in self._actors:
            self.ray.kill(actor)
        self._actors = []
        if self.started:
            self.ray.shutdown()
