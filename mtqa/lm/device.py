"""Pick the torch device, number type and CPU threads for scoring (`--device auto|cpu|cuda`)."""

from __future__ import annotations

import os

import torch

from mtqa.errors import ModelError
from mtqa.lm.base import DEVICES

DEFAULT_CPU_THREADS = 2


def select_device(device: str = "auto") -> torch.device:
    """`auto` means CUDA when a GPU is visible, else CPU; asking for CUDA without one is an error."""
    if device not in DEVICES:
        raise ModelError(f"unknown device {device!r}; choose one of {', '.join(DEVICES)}")
    if device == "auto":
        device = "cuda" if torch.cuda.is_available() else "cpu"
    if device == "cuda" and not torch.cuda.is_available():
        raise ModelError("--device cuda was asked for, but torch sees no CUDA GPU")
    return torch.device(device)


def cpu_supports_bf16() -> bool:
    """True when the CPU has native bf16 arithmetic (AVX512-BF16 or AMX); emulated bf16 is slower than fp32."""
    checks = (
        getattr(torch.cpu, "_is_avx512_bf16_supported", None),
        getattr(torch.cpu, "_is_amx_tile_supported", None),
    )
    for check in checks:
        try:
            if check is not None and check():
                return True
        except RuntimeError:
            continue
    return False


DTYPES = {"float32": torch.float32, "bfloat16": torch.bfloat16}
# Nats per token by which one text's log-probabilities may differ between any two x86 CPUs, or between
# two batch compositions, in fp32 (measured: 2.5e-5 between AVX2 and SSE kernels; docs/lm.md).
SCORE_TOLERANCE = 1e-3


def select_dtype(device: torch.device) -> torch.dtype:
    """fp32 on every CPU; bf16 on a GPU that has it. `MTQA_LM_DTYPE=float32|bfloat16` overrides.

    On a CPU, bf16 kernels round differently on AVX512-BF16 and on AMX and for different batch shapes
    (up to 0.2 nats a token), so findings could change with the machine or with the other texts of a
    batch. fp32 keeps every x86 CPU within 1e-3 nats a token of every other (docs/lm.md); bf16 on a CPU
    is an opt-in for speed, outside that guarantee. fp16 is never used: it overflows in some models.
    """
    forced = os.environ.get("MTQA_LM_DTYPE")
    if forced:
        if forced not in DTYPES:
            raise ModelError(f"MTQA_LM_DTYPE={forced!r}: choose one of {', '.join(DTYPES)}")
        if forced == "bfloat16" and device.type == "cpu" and not cpu_supports_bf16():
            raise ModelError("MTQA_LM_DTYPE=bfloat16: this CPU has no native bf16 (AVX512-BF16 or AMX)")
        return DTYPES[forced]
    if device.type == "cuda":
        return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float32
    return torch.float32


def configure_threads(device: torch.device, threads: int | None) -> None:
    """Use few CPU threads by default: mtqa runs beside other jobs, and 2 threads already reach most of the
    throughput for a 135M model. `threads=None` leaves torch's own setting alone."""
    if device.type == "cpu" and threads is not None and threads > 0 and torch.get_num_threads() != threads:
        torch.set_num_threads(threads)
