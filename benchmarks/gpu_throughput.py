"""GPU throughput at large batch in bf16: mtqa scoring against the bare forward pass on the same batches.

Runs where CUDA is available (prints a note and exits otherwise). Without the prepared model on the
machine, `--random-weights` builds a model of the same shape from its config.json: tokens/s does not
depend on the weights' values.

    python3 benchmarks/gpu_throughput.py --model-dir DIR [--random-weights] --batch-sizes 256 1024
"""

from __future__ import annotations

import argparse
from pathlib import Path

import torch

from benchmarks.common import bare_batches, bare_forward, best_seconds, load_sentences, scored_tokens
from mtqa.lm.registry import REGISTRY, cache_dir
from mtqa.lm.transformers_backend import TransformersScorer, hub_offline, load_transformers_scorer

SPEC = REGISTRY["smollm2-135m"]


def build_scorer(model_dir: Path, random_weights: bool, device: str, attn: str) -> TransformersScorer:
    if not random_weights:
        return load_transformers_scorer(model_dir, device, name=SPEC.name, bos_token=SPEC.bos_token)
    hub_offline()
    from transformers import AutoConfig, AutoModelForCausalLM, AutoTokenizer

    config = AutoConfig.from_pretrained(model_dir, local_files_only=True)
    torch.manual_seed(0)
    model = (
        AutoModelForCausalLM.from_config(config, dtype=torch.bfloat16, attn_implementation=attn)
        .to(device)
        .eval()
    )
    tokenizer = AutoTokenizer.from_pretrained(model_dir, local_files_only=True)
    return TransformersScorer(model, tokenizer, name=f"{SPEC.name}-shape-random", bos_token=SPEC.bos_token)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model-dir", type=Path, default=cache_dir(SPEC))
    parser.add_argument("--random-weights", action="store_true")
    parser.add_argument("--device", default="cuda")
    parser.add_argument("--attn", nargs="+", default=["sdpa"], help="attention implementations to compare")
    parser.add_argument("--sentences-file", type=Path)
    parser.add_argument("--sentences", type=int, default=16384)
    parser.add_argument("--batch-sizes", type=int, nargs="+", default=[256, 1024])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    if args.device == "cuda" and not torch.cuda.is_available():
        print("no CUDA device: nothing measured")
        return

    sentences = load_sentences(args.sentences, args.sentences_file)
    name = torch.cuda.get_device_name() if args.device == "cuda" else args.device
    print(f"device: {name}, torch {torch.__version__}")
    for attn in args.attn:
        measure(build_scorer(args.model_dir, args.random_weights, args.device, attn), sentences, attn, args)
        if args.device == "cuda":
            print(f"peak GPU memory: {torch.cuda.max_memory_allocated() / 2**30:.1f} GiB")
            torch.cuda.empty_cache()


def measure(scorer: TransformersScorer, sentences: list[str], attn: str, args: argparse.Namespace) -> None:
    tokens = scored_tokens(scorer, sentences)
    print(f"model: {scorer.signature}|attn:{attn}; {len(sentences)} sentences, {tokens} tokens")
    print("batch  mtqa tok/s  bare-fwd tok/s  mtqa/bare-fwd")
    for batch_size in args.batch_sizes:
        scorer.batch_size = batch_size
        scorer.max_batch_tokens = batch_size * 256  # let the batch size, not the token cap, decide
        batches = bare_batches(scorer, sentences, batch_size)
        scorer.score(sentences[: 2 * batch_size])  # warm-up (kernels, allocator)
        bare_forward(scorer, batches[:2])
        mtqa_s = bare_s = float("inf")
        for _ in range(args.repeats):
            mtqa_s = min(mtqa_s, best_seconds(lambda: scorer.score(sentences), 1))
            bare_s = min(bare_s, best_seconds(lambda batches=batches: bare_forward(scorer, batches), 1))
        print(
            f"{batch_size:>5}  {tokens / mtqa_s:>10,.0f}  {tokens / bare_s:>14,.0f}  {bare_s / mtqa_s:>13.2f}"
        )
    # Batch invariance on this device: the same texts in another order and batch size give the same numbers.
    sample = list(dict.fromkeys(sentences))[:512]
    scorer.batch_size = 512
    forward = scorer.score(sample)
    scorer.batch_size = 37
    backward = scorer.score(sample[::-1])[::-1]
    diff = max(
        abs(a.logprob - b.logprob) for x, y in zip(forward, backward) for a, b in zip(x.tokens, y.tokens)
    )
    print(f"batch invariance: max |difference| {diff:.3g} nats over {len(sample)} texts")


if __name__ == "__main__":
    main()
