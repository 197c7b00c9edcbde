"""`mtqa models list|pull|info`."""

from __future__ import annotations

from typer.testing import CliRunner

from mtqa.lm.cli import models_app
from mtqa.lm.registry import DEFAULT_MODEL, REGISTRY

runner = CliRunner()


def test_list_shows_the_default_model(scorer) -> None:
    result = runner.invoke(models_app, ["list"])
    assert result.exit_code == 0
    assert result.output.startswith(f"{DEFAULT_MODEL} (default)\tcached")


def test_info_reports_file_hash_cache_and_device(scorer) -> None:
    result = runner.invoke(models_app, ["info", DEFAULT_MODEL])
    assert result.exit_code == 0
    assert f"{REGISTRY[DEFAULT_MODEL].sha256} (verified)" in result.output
    assert "98,362,432 bytes" in result.output
    assert "(ready)" in result.output
    assert "device" in result.output


def test_pull_is_idempotent(scorer) -> None:
    result = runner.invoke(models_app, ["pull", DEFAULT_MODEL])
    assert result.exit_code == 0
    assert "ready in" in result.output


def test_unknown_model_exits_2() -> None:
    result = runner.invoke(models_app, ["pull", "gpt-99"])
    assert result.exit_code == 2
    assert "unknown model 'gpt-99'" in result.output
