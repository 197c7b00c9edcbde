"""A local Ray cluster for the engine's tests, and a feed of several thousand records to run through it."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
import ray

from mtqa.eval.synthetic import Generator
from mtqa.model import Document, Segment
from mtqa.nlp.tokens import split_sentences
from tests.conftest import SEED

RECORDS = 3000


def feed_records(count: int = RECORDS) -> list[dict[str, str]]:
    """Records made from the seed's sentences, some damaged by the synthetic suite's injectors, some in
    documents of several records (`doc_id`), each with a source-like field for the source-aware rules."""
    text = SEED.read_text(encoding="utf-8")
    sentences = [text[s.start:s.end] for s in split_sentences(text) if len(text[s.start:s.end].split()) >= 4]
    rng = random.Random(20261202)
    generator = Generator()
    records = []
    for i in range(count):
        sentence = " ".join(rng.sample(sentences, rng.choice((1, 1, 2))))
        injected = generator.inject(sentence) if i % 2 else None
        record = {"id": f"r{i}", "text": injected.text if injected else sentence, "src": f"Nr. {i}: {sentence}"}
        if i % 5 < 3:
            record["doc_id"] = f"d{i // 5}"
        records.append(record)
    return records


def short_records(count: int) -> list[dict[str, str]]:
    """Short plain sentences, every eighth with a word said twice: cheap for the language model to check
    (the seed's sentences are machine-translated, and the model verifies every fix it offers for them)."""
    rng = random.Random(20261203)
    subjects = ("The council", "Our team", "The minister", "The company", "Local residents", "The museum")
    actions = ("opened a library", "approved the budget", "met the press", "raised prices", "hired new staff",
               "closed the road", "won an award", "planned a festival")
    times = ("on Monday", "last week", "in March", "this morning", "after the vote", "before noon")
    records = []
    for i in range(count):
        action = rng.choice(actions)
        if i % 8 == 7:
            verb, rest = action.split(" ", 1)
            action = f"{verb} {rest.split()[0]} {rest}"
        records.append({"id": f"s{i}", "text": f"{rng.choice(subjects)} {action} {rng.choice(times)}."})
    return records


@pytest.fixture(scope="session")
def feed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("feed") / "feed.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in feed_records()), encoding="utf-8")
    return path


def feed_document(records: list[dict[str, str]]) -> Document:
    segments = [Segment(r["id"], r["text"], src=r.get("src"), meta={"doc_id": r["doc_id"]} if "doc_id" in r else {})
                for r in records]
    return Document("feed.jsonl", segments, running_text=False)


@pytest.fixture(scope="module")
def local_cluster() -> Iterator[None]:
    """Two CPU workers on this machine, shared by a module's tests."""
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()
