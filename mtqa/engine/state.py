"""The shards a run has finished, kept beside its output until the output is written, so that an
interrupted run resumes where it stopped instead of starting again.

`OUTPUT.mtqa-run/manifest.jsonl` lists one finished shard per line: its key (a hash of what produced it:
the pipeline's signature, the model, the operation and the shard's records) and the file holding its
results. A shard's file is written to a temporary name and renamed before its line is appended, so the
manifest never names a file that is not whole; a torn last line (a crash mid-write) is ignored.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import tempfile
from pathlib import Path
from typing import Any

from mtqa.errors import OutputError
from mtqa.model import Segment

MANIFEST = "manifest.jsonl"


class RunState:
    def __init__(self, folder: Path):
        self.folder = folder
        self.done: dict[str, str] = {}  # shard key -> file name in `folder`
        self.resumed = 0  # shards read back from a previous run
        manifest = folder / MANIFEST
        if manifest.is_file():
            for line in manifest.read_text(encoding="utf-8").splitlines():
                try:
                    entry = json.loads(line)
                except json.JSONDecodeError:
                    continue  # the line a killed run was writing
                if (folder / entry["part"]).is_file():
                    self.done[entry["key"]] = entry["part"]

    def load(self, key: str) -> Any | None:
        """The results of a shard an earlier run finished, or None."""
        part = self.done.get(key)
        if part is None:
            return None
        with open(self.folder / part, "rb") as stream:
            results = pickle.load(stream)  # our own file, written by `save` beside the output
        self.resumed += 1
        return results

    def save(self, key: str, results: Any) -> None:
        """Record a finished shard: its file first, then its manifest line."""
        try:
            self.folder.mkdir(exist_ok=True)
            part = f"shard-{hashlib.sha256(key.encode()).hexdigest()[:16]}.pkl"
            handle, temp = tempfile.mkstemp(dir=self.folder, prefix=".part-")
            with os.fdopen(handle, "wb") as stream:
                pickle.dump(results, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temp, self.folder / part)
            with open(self.folder / MANIFEST, "a", encoding="utf-8") as manifest:
                manifest.write(json.dumps({"key": key, "part": part}) + "\n")
                manifest.flush()
                os.fsync(manifest.fileno())
        except OSError as err:
            raise OutputError(str(self.folder), f"cannot record a finished shard: {err.strerror or err}") from err
        self.done[key] = part

    def clear(self) -> None:
        """The output is written: the shards are no longer needed."""
        shutil.rmtree(self.folder, ignore_errors=True)


def shard_key(operation: str, signature: str, document: str, index: int, groups: list[list[Segment]]) -> str:
    """What a shard's results depend on: the same key means the same results."""
    digest = hashlib.sha256()
    digest.update(json.dumps([operation, signature, document, index]).encode())
    for group in groups:
        for s in group:
            digest.update(json.dumps([s.id, s.text, s.src, s.ref, s.line, s.offset, s.meta],
                                     sort_keys=True, default=str).encode())
    return digest.hexdigest()
