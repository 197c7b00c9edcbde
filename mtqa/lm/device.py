"""Pick the torch device, number type and CPU threads for scoring (`--device auto|cpu|cuda`)."""

from __future__ import annotations

import torch

from mtqa.errors import ModelError

DEVICES = ("auto", "cpu", "cuda")
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


def select_dtype(device: torch.device) -> torch.dtype:
    """bf16 where the hardware computes it natively, else fp32 (fp16 overflows in some models' activations)."""
    if device.type == "cuda":
        return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float32
    return torch.bfloat16 if cpu_supports_bf16() else torch.float32


def configure_threads(device: torch.device, threads: int | None) -> None:
    """Use few CPU threads by default: mtqa runs beside other jobs, and 2 threads already reach most of the
    throughput for a 135M model. `threads=None` leaves torch's own setting alone."""
    if device.type == "cpu" and threads is not None and threads > 0 and torch.get_num_threads() != threads:
        torch.set_num_threads(threads)
