"""Where the pipeline's shards run: here, one after another (no engine), or on a Ray cluster (`RayEngine`).

An engine takes a `Pipeline` and a `Document`, hands the document's shards (`mtqa.pipeline.shards`) to
`Pipeline.check_shard` or `Pipeline.fix_shard` wherever it runs them, and gives the results back in input
order. It never changes what the pipeline finds: the same shard gives the same results everywhere.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from mtqa.errors import UsageError

if TYPE_CHECKING:
    from mtqa.lm.base import Scorer
    from mtqa.model import Document, SegmentResult
    from mtqa.pipeline import Pipeline

ENGINES = ("local", "ray")


class Engine(Protocol):
    resumed: int  # shards read back from an interrupted run instead of being run again

    def language_model(self, pipeline: Pipeline) -> Scorer | None:
        """The model the driver's pipeline names (its workers hold the real one), or None for rules only."""
        ...

    def results(self, pipeline: Pipeline, document: Document) -> Iterator[SegmentResult]:
        """The document's scored results, in input order, streamed with bounded memory."""
        ...

    def fix(self, pipeline: Pipeline, document: Document, unsafe: bool) -> list[str]:
        """The fixed text of every segment of the document, in input order."""
        ...

    def finish(self) -> None:
        """The run's outputs are complete: forget what a resumed run would need."""
        ...

    def close(self) -> None:
        """Release the workers (and the local cluster, when the engine started one)."""
        ...


def make_engine(name: str, *, address: str | None = None, workers: int | None = None, lm: str | None = None,
                device: str = "auto", state_of: Path | None = None) -> Engine | None:
    """The engine `--engine NAME` asks for; None for the local one. `state_of` is the output a Ray run
    keeps its finished shards beside (`OUTPUT.mtqa-run/`), so that an interrupted run resumes."""
    if name == "local":
        if address is not None or workers is not None:
            raise UsageError("--ray-address and --workers need --engine ray")
        return None
    if name != "ray":
        raise UsageError(f"unknown engine {name!r}; choose from {', '.join(ENGINES)}")
    from mtqa.engine.ray_engine import RayEngine
    from mtqa.engine.state import RunState

    state = RunState(state_folder(state_of)) if state_of is not None else None
    return RayEngine(address=address, workers=workers, lm=lm, device=device, state=state)


def state_folder(output: Path) -> Path:
    """Where a run keeps the shards it has finished until its output is written."""
    return output.with_name(output.name + ".mtqa-run")
