"""What a token costs in one forward pass of the body and the output projection, by the shape of the batch:
few rows of many tokens or many rows of few, with key-value states of earlier positions read or not.

The verifier's readings (`TransformersScorer._from_states`) are short: an edit and a few tokens past it. This
shows why they are packed several to a row (docs/PERFORMANCE.md, "Variants read a row per original").
Random token ids and random states: the cost of the arithmetic does not depend on them. Run it alone:

    .venv/bin/python -m benchmarks.variant_rows --threads 2
"""

from __future__ import annotations

import argparse
import platform
import time

import torch

from mtqa.lm.registry import load_scorer

SHAPES = ((16, 5, 30), (32, 5, 30), (64, 5, 30), (128, 5, 30), (32, 26, 30), (8, 128, 190), (1024, 1, 0), (32, 32, 0))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    from transformers import DynamicCache

    scorer = load_scorer("smollm2-135m", device="cpu")
    torch.set_num_threads(args.threads)
    config, body, head = scorer.model.config, scorer.model.model, scorer.model.get_output_embeddings()
    layers, heads = config.num_hidden_layers, config.num_key_value_heads
    size = config.hidden_size // config.num_attention_heads
    generator = torch.Generator().manual_seed(0)
    print(f"machine: {platform.processor() or platform.machine()}, torch {torch.__version__}, threads {args.threads}")
    print("rows x tokens, states read   seconds   ms a token")
    for rows, tokens, states in SHAPES:
        best = float("inf")
        for _ in range(args.repeats):
            past = [(torch.randn(rows, heads, states, size, generator=generator),
                     torch.randn(rows, heads, states, size, generator=generator)) for _ in range(layers)]
            input_ids = torch.randint(100, config.vocab_size, (rows, tokens), generator=generator)
            mask = torch.ones(rows, states + tokens, dtype=torch.long)
            positions = (states + torch.arange(tokens)).expand(rows, tokens)
            start = time.perf_counter()
            with torch.inference_mode():
                cache = {scorer._cache_argument: DynamicCache(past)} if states else {}
                hidden = body(input_ids=input_ids, attention_mask=mask, position_ids=positions, use_cache=False,
                              **cache).last_hidden_state
                torch.logsumexp(head(hidden.reshape(-1, hidden.shape[-1])), dim=-1)
            best = min(best, time.perf_counter() - start)
        print(f"{rows:>5} x {tokens:<3} {states:>3}            {best:7.3f}   {1000 * best / (rows * tokens):6.2f}")


if __name__ == "__main__":
    main()
