"""`mtqa models list|pull|info`: see and prepare the language models mtqa can use offline."""

from __future__ import annotations

from typing import Annotated

import typer

from mtqa.errors import ExitCode, MtqaError
from mtqa.lm.registry import DEFAULT_MODEL, REGISTRY, ModelSpec, cache_dir, gguf_path, is_cached, prepare

models_app = typer.Typer(add_completion=False, no_args_is_help=True, help="Manage language models.")



def _spec(name: str) -> ModelSpec:
    spec = REGISTRY.get(name)
    if spec is None:
        known = ", ".join(REGISTRY)
        typer.echo(f"mtqa: error: unknown model {name!r}; registered models: {known}", err=True)
        raise typer.Exit(ExitCode.ERROR)
    return spec


def _installed(spec: ModelSpec) -> bool:
    try:
        gguf_path(spec)
    except MtqaError:
        return False
    return True


@models_app.command("list")
def list_models() -> None:
    """List the registered models and whether each is installed and prepared."""
    for spec in REGISTRY.values():
        default = " (default)" if spec.name == DEFAULT_MODEL else ""
        state = "cached" if is_cached(spec) else "installed" if _installed(spec) else "not installed"
        typer.echo(f"{spec.name}{default}\t{state}\t{spec.description}")


@models_app.command()
def pull(name: Annotated[str, typer.Argument(help="Registered model name.")] = DEFAULT_MODEL) -> None:
    """Verify the model file's SHA-256 and build its fast-loading cache (no network needed)."""
    spec = _spec(name)
    try:
        folder = prepare(spec)
    except MtqaError as err:
        typer.echo(f"mtqa: error: {err}", err=True)
        raise typer.Exit(ExitCode.ERROR) from err
    typer.echo(f"{spec.name}: ready in {folder}")


@models_app.command()
def info(name: Annotated[str, typer.Argument(help="Registered model name.")] = DEFAULT_MODEL) -> None:
    """Show where a model comes from, its checksum, size, cache state and the device it would run on."""
    from mtqa.lm.device import select_device, select_dtype

    spec = _spec(name)
    try:
        source = str(gguf_path(spec))
    except MtqaError as err:
        source = f"missing ({err})"
    device = select_device("auto")
    dtype = str(select_dtype(device)).removeprefix("torch.")
    cached = is_cached(spec)
    rows = [
        ("name", spec.name),
        ("description", spec.description),
        ("licence", spec.licence),
        ("package", spec.package),
        ("file", source),
        ("sha256", spec.sha256 + (" (verified)" if cached else "")),
        ("size", f"{spec.size:,} bytes"),
        ("cache", f"{cache_dir(spec)} ({'ready' if cached else 'not built: run `mtqa models pull`'})"),
        ("device", f"{device.type} ({dtype})"),
    ]
    for key, value in rows:
        typer.echo(f"{key:<12}{value}")
