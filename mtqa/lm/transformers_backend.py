"""Scorer backend for any causal language model that transformers can load from a local folder.

Texts are tokenized once with character offsets, cut into windows when longer than the model's context,
sorted by length so that a batch carries little padding, and scored with BOS prepended. Nothing is ever
downloaded: a model that is not on disk raises ModelError at once.
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from mtqa.errors import ModelError
from mtqa.lm.base import NO_LOGPROB, Scorer, TokenScores
from mtqa.lm.device import DEFAULT_CPU_THREADS, configure_threads, select_device, select_dtype

# Per device type: a CPU gains little beyond 32 sentences a batch; a GPU needs hundreds to be kept busy.
DEFAULT_BATCH_SIZE = {"cpu": 32, "cuda": 512}
# Tokens per forward pass (BOS included). Sentences are far shorter; long documents are cut into windows
# so that attention cost and the logits tensor (window x vocabulary) stay bounded on a CPU.
DEFAULT_MAX_LENGTH = 1024
# Padded tokens per batch: caps the bf16 logits tensor (tokens x vocabulary) at about 200 MB on a CPU
# and 3 GB on a GPU for a 49k vocabulary; halved for fp32 logits (4 bytes each), the CPU default.
DEFAULT_MAX_BATCH_TOKENS = {"cpu": 2048, "cuda": 32768}
# Bytes of fp32 logits projected and normalised at once (85 positions of a 49k vocabulary on a CPU: larger
# chunks only raise the peak memory, docs/PERFORMANCE.md).
_NORMALISE_BYTES = {"cpu": 1 << 24, "cuda": 1 << 31}
# Every window is padded to a multiple of this, whatever else is in its batch. In bf16 the attention
# kernels round differently for different padded lengths (up to 0.2 nats per token), so padding that
# depends only on the window's own length is what makes a text's scores independent of its batch.
PAD_MULTIPLE = 4
# Function words machine translation drops (articles, prepositions, auxiliaries, "to", "that", possessives):
# with features, the scorer reports at each token the most likely of them in its place.
# How many of them each token reports, best first: MT801 puts the first two back at its places (of 200 dev
# sentences with a dropped function word, the first choice at one of the two likeliest places was the
# dropped word in 74, the first or second in 95), MT303 those of the first eight it can put back before a
# stray capital (SmolLM2-135M; more choices cost the pass nothing it can measure).
DROPPED_CHOICES = 8
# Tokens of originals whose key-value states `score_variants` holds at once (SmolLM2-135M: 46 KB a token
# in fp32, so about 47 MB): a long running text's minimal pairs are scored a slice of originals at a time,
# and memory does not grow with the document (a batch of 32 sentences is one or two slices).
STATE_TOKENS = 1024
DROPPABLE_WORDS = ("the", "a", "an", "of", "to", "in", "for", "on", "with", "at", "by", "from", "about", "into",
                   "over", "after", "as", "and", "that", "is", "are", "was", "were", "be", "has", "have", "had",
                   "will", "his", "her", "their", "its", "it", "he", "they", "not")


@dataclass(frozen=True, slots=True)
class _Window:
    """A slice of one text's tokens scored in one forward pass.

    The first `skip` next-token predictions only give context and are not reported; the reported ones
    are for the text's tokens `first`, `first + 1`, ...
    """

    text_index: int
    first: int
    input_ids: tuple[int, ...]
    skip: int


class TransformersScorer(Scorer):
    """Score texts with a loaded `transformers` causal LM and its fast tokenizer."""

    def __init__(
        self,
        model: torch.nn.Module,
        tokenizer,
        *,
        name: str,
        batch_size: int | None = None,
        max_length: int | None = None,
        max_batch_tokens: int | None = None,
        bos_token: str | None = None,
    ):
        if not getattr(tokenizer, "is_fast", False):
            raise ModelError(f"model {name!r}: mtqa needs a fast tokenizer (for character offsets)")
        bos = tokenizer.convert_tokens_to_ids(bos_token) if bos_token else tokenizer.bos_token_id
        if bos is None:
            bos = tokenizer.eos_token_id
        if bos is None:
            raise ModelError(
                f"model {name!r}: its tokenizer has neither a BOS nor an EOS token to start from"
            )
        self.model = model
        self.tokenizer = tokenizer
        self.name = name
        self.bos_token_id: int = bos
        self.device = next(model.parameters()).device
        self.dtype = next(model.parameters()).dtype
        kind = "cuda" if self.device.type == "cuda" else "cpu"
        self.batch_size = batch_size or DEFAULT_BATCH_SIZE[kind]
        vocabulary = getattr(model.config, "vocab_size", None) or model.get_output_embeddings().weight.shape[0]
        self._logit_rows = max(1, _NORMALISE_BYTES[kind] // (4 * vocabulary))
        context = getattr(model.config, "max_position_embeddings", None) or DEFAULT_MAX_LENGTH
        self.max_length = max(
            2 * PAD_MULTIPLE, min(max_length or DEFAULT_MAX_LENGTH, context) // PAD_MULTIPLE * PAD_MULTIPLE
        )
        default_tokens = DEFAULT_MAX_BATCH_TOKENS[kind] // (2 if self.dtype == torch.float32 else 1)
        self.max_batch_tokens = max(max_batch_tokens or default_tokens, self.max_length)
        # The function words a translation drops that the tokenizer writes as one token after a space.
        words, ids = [], []
        for word in DROPPABLE_WORDS:
            encoded = tokenizer(" " + word, add_special_tokens=False)["input_ids"]
            if len(encoded) == 1:
                words.append(word)
                ids.append(encoded[0])
        self.droppable_words: tuple[str, ...] = tuple(words)
        self._droppable_ids = torch.tensor(ids, dtype=torch.long, device=self.device)
        # Variants are scored from their original's key-value states (`score_variants`) only in fp32: in bf16
        # a token's score depends on how the rest of its batch is padded, and the cached and the whole pass
        # would then disagree by more than an edit's effect on a far token.
        self.shares_prefixes = self.dtype == torch.float32 and _plain_decoder(model)
        # The last pass with features keeps each whole text's log-probabilities and key-value states (up to
        # STATE_TOKENS tokens), keyed by its token ids: the minimal pairs of the same batch, which come next,
        # read them instead of running their originals again (`_held_or_run`).
        self._held: dict[tuple[int, ...], tuple[list[float], torch.Tensor]] = {}
        self._cache_argument = "cache" if self.shares_prefixes \
            and "cache" in inspect.signature(model.model.forward).parameters else "past_key_values"

    @property
    def signature(self) -> str:
        dtype = str(self.dtype).removeprefix("torch.")
        return f"lm:{self.name}|device:{self.device.type}|dtype:{dtype}|window:{self.max_length}"

    def score(self, texts: Sequence[str], *, features: bool = False) -> list[TokenScores]:
        texts = list(texts)
        ids_per_text, starts, ends = self._tokenize(texts)
        logprobs: list[list[float]] = [[0.0] * len(ids) for ids in ids_per_text]
        entropies: list[list[float]] = [[0.0] * len(ids) for ids in ids_per_text] if features else []
        ranks: list[list[int]] = [[0] * len(ids) for ids in ids_per_text] if features else []
        hidden = [np.zeros((len(ids), self.hidden_size), np.float32) for ids in ids_per_text] if features else []
        dropped_lp: list[list[float]] = [[0.0] * len(ids) for ids in ids_per_text] if features else []
        dropped_word: list[list[tuple[str, ...]]] = [[()] * len(ids) for ids in ids_per_text] if features else []
        skip_lp: list[list[float]] = [[NO_LOGPROB] * len(ids) for ids in ids_per_text] if features else []
        windows = [w for i, ids in enumerate(ids_per_text) for w in self._windows(i, ids)]
        keep: set[int] = set()
        if features and self.shares_prefixes:  # whole texts in one window, in order, up to STATE_TOKENS tokens
            self._held, held_tokens = {}, 0
            for i, ids in enumerate(ids_per_text):
                if 0 < len(ids) < self.max_length and held_tokens + len(ids) <= STATE_TOKENS:
                    keep.add(i)
                    held_tokens += len(ids)
        for batch in self._batches(windows):
            for window, values in zip(batch, self._forward(batch, features, keep), strict=True):
                where = slice(window.first, window.first + len(values.logprobs))
                logprobs[window.text_index][where] = values.logprobs
                if values.states is not None:
                    self._held[tuple(ids_per_text[window.text_index])] = (values.logprobs, values.states)
                if features:
                    entropies[window.text_index][where] = values.entropies
                    ranks[window.text_index][where] = values.ranks
                    hidden[window.text_index][where] = values.hidden
                    dropped_lp[window.text_index][where] = values.dropped_logprobs
                    dropped_word[window.text_index][where] = values.dropped_words
                    skip_lp[window.text_index][where] = values.skip_logprobs
        return [
            TokenScores(text, tuple(starts[i]), tuple(ends[i]), tuple(logprobs[i]),
                        *((tuple(entropies[i]), tuple(ranks[i]), hidden[i], tuple(dropped_lp[i]),
                           tuple(dropped_word[i]), tuple(skip_lp[i])) if features else ()))
            for i, text in enumerate(texts)
        ]

    def score_variants(self, pairs: Sequence[tuple[str, Sequence[str]]], horizon: int | None = None
                       ) -> list[tuple[TokenScores, list[TokenScores]]]:
        """`Scorer.score_variants`, running only what differs: a variant's tokens up to the first one that
        differs from its original's have the original's log-probabilities (the model reads left to right),
        and the rest are scored from the original's key-value states; with a `horizon`, the tokens it shares
        with its original's end, past the first `horizon` of them, have the original's too. Texts longer than
        one window, and models this does not apply to (`shares_prefixes`), are scored whole."""
        pairs = [(original, list(variants)) for original, variants in pairs]
        if not self.shares_prefixes or not pairs:
            return super().score_variants(pairs, horizon)
        ids, starts, ends = self._tokenize([original for original, _ in pairs])
        results: list[tuple[TokenScores, list[TokenScores]]] = []
        first = 0
        while first < len(pairs):  # originals whose states are held at once: at most STATE_TOKENS tokens
            end, held = first + 1, len(ids[first])
            while end < len(pairs) and held + len(ids[end]) <= STATE_TOKENS:
                held += len(ids[end])
                end += 1
            results += self._from_originals(pairs[first:end], (ids[first:end], starts[first:end], ends[first:end]),
                                            horizon)
            first = end
        return results

    def _from_originals(self, pairs: list[tuple[str, list[str]]],
                        originals: tuple[list[list[int]], list[list[int]], list[list[int]]],
                        horizon: int | None = None) -> list[tuple[TokenScores, list[TokenScores]]]:
        """`score_variants` for pairs whose originals are already tokenised, their states held together."""
        variants = self._tokenize([v for _, vs in pairs for v in vs])
        owner = [g for g, (_, vs) in enumerate(pairs) for _ in vs]
        fits = [0 < len(ids) < self.max_length for ids in originals[0]]
        for ids, g in zip(variants[0], owner, strict=True):
            fits[g] = fits[g] and len(ids) < self.max_length
        whole = iter(super().score_variants([pair for pair, ok in zip(pairs, fits, strict=True) if not ok]))
        kept = [g for g, ok in enumerate(fits) if ok]
        logprobs, states = self._held_or_run([originals[0][g] for g in kept])
        at = {g: i for i, g in enumerate(kept)}
        prefixes = [_common_prefix(originals[0][g], ids) if g in at else 0
                    for ids, g in zip(variants[0], owner, strict=True)]
        # With a horizon, a variant's last `copied` tokens, which it shares with its original's end, are not run.
        copied = {i: max(0, _common_suffix(originals[0][g], ids, prefixes[i]) - horizon)
                  for i, (ids, g) in enumerate(zip(variants[0], owner, strict=True))
                  if g in at and horizon is not None}
        variant_logprobs = self._from_states(
            [(i, variants[0][i][:len(variants[0][i]) - copied.get(i, 0)], at[g], prefixes[i])
             for i, g in enumerate(owner) if g in at], logprobs, states)
        for i, count in copied.items():
            if count:
                variant_logprobs[i] = variant_logprobs[i] + logprobs[at[owner[i]]][-count:]
        results, first = [], 0
        for g, (original, vs) in enumerate(pairs):
            if g not in at:
                results.append(next(whole))
            else:
                own = TokenScores(original, tuple(originals[1][g]), tuple(originals[2][g]), tuple(logprobs[at[g]]))
                results.append((own, [TokenScores(text, tuple(variants[1][i]), tuple(variants[2][i]),
                                                  tuple(variant_logprobs[i]))
                                      for i, text in enumerate(vs, start=first)]))
            first += len(vs)
        return results

    def _held_or_run(self, ids_per_text: list[list[int]]) -> tuple[list[list[float]], list[torch.Tensor]]:
        """`_with_states`, taken from the last pass with features where it kept the text, run otherwise."""
        held = [self._held.get(tuple(ids)) for ids in ids_per_text]
        missing = [i for i, found in enumerate(held) if found is None]
        run = iter(zip(*self._with_states([ids_per_text[i] for i in missing]), strict=True)) if missing else iter(())
        pairs = [found if found is not None else next(run) for found in held]
        return [logprobs for logprobs, _ in pairs], [states for _, states in pairs]

    def _with_states(self, ids_per_text: list[list[int]]) -> tuple[list[list[float]], list[torch.Tensor]]:
        """Each text's log-probabilities (one window each) and its key-value states, one tensor per text:
        [layers, key and value, heads, BOS and tokens, head size]."""
        logprobs: list[list[float]] = [[] for _ in ids_per_text]
        states: list[torch.Tensor] = [torch.empty(0) for _ in ids_per_text]
        windows = [_Window(i, 0, (self.bos_token_id, *ids), 0) for i, ids in enumerate(ids_per_text) if ids]
        every = {w.text_index for w in windows}
        for batch in self._batches(windows):
            for window, scored in zip(batch, self._forward(batch, keep=every), strict=True):
                logprobs[window.text_index], states[window.text_index] = scored.logprobs, scored.states
        return logprobs, states

    def _from_states(self, jobs: list[tuple[int, list[int], int, int]], logprobs: list[list[float]],
                     states: list[torch.Tensor]) -> dict[int, list[float]]:
        """Log-probabilities of variants, each job (variant index, token ids, its original's index, tokens
        shared with the original): the shared tokens' from the original, the rest from a pass over them
        that reads the original's states for the shared beginning.

        The variants of one original share a row of the batch (`_rows_of_variants`): their tokens follow one
        another, and a mask lets each read only the original's states before its edit and its own tokens
        (`_packed_inputs`). A row holds the original's states once, however many variants read them, and a
        forward pass gets hundreds of short readings at once, not 32: on a CPU a pass over 32 rows of 5 tokens
        costs a quarter more a token than one over a few rows of 128 (`benchmarks.variant_rows`)."""
        from transformers import DynamicCache

        found: dict[int, list[float]] = {}
        runs = []
        for index, ids, original, shared in jobs:
            if shared == len(ids):  # the variant is the original's beginning
                found[index] = logprobs[original][:shared]
            else:
                runs.append((index, ids, original, shared))
        for batch in self._batches_of_rows(_rows_of_variants(runs)):
            past, input_ids, mask, position_ids, spans = _packed_inputs(batch, states, self.bos_token_id)
            cache = DynamicCache(past)
            del past  # the cache holds each layer's alone, and lets it go when it extends it
            with torch.inference_mode():
                hidden = self.model.model(input_ids=input_ids.to(self.device), attention_mask=mask.to(self.device),
                                          position_ids=position_ids.to(self.device), use_cache=False,
                                          **{self._cache_argument: cache}).last_hidden_state
                values = self._logprobs_of(hidden, spans)
            for ((index, _, original, shared), _), new in zip((job for row in batch for job in row.jobs), values,
                                                               strict=True):
                found[index] = logprobs[original][:shared] + new
        return found

    def _batches_of_rows(self, rows: list[_Row]) -> list[list[_Row]]:
        """Rows of variants in batches, the longest first: a batch holds no more than a whole pass's tokens of
        variants, and as many positions of states (about 47 MB for SmolLM2-135M in fp32; the cache frees a
        layer's copy as it extends it, so the copies are not held twice)."""
        batches: list[list[_Row]] = []
        tokens = held = 0
        for row in sorted(rows, key=lambda row: (row.tokens, row.held), reverse=True):
            count = len(batches[-1]) + 1 if batches else 0
            if batches and count <= self.batch_size and count * tokens <= self.max_batch_tokens \
                    and count * max(held, row.held) <= self.max_batch_tokens:
                batches[-1].append(row)
                held = max(held, row.held)
            else:
                batches.append([row])
                tokens, held = row.tokens, row.held
        return batches

    def _logprobs_of(self, hidden: torch.Tensor, spans: list[tuple[int, int, Sequence[int]]]) -> list[list[float]]:
        """Per span (row of `hidden`, the body's last state; first position; targets), the log-probabilities its
        targets get from the positions from the first on, one each, projected and normalised in fp32 chunks as
        in `_forward`."""
        width = hidden.shape[1]
        positions = torch.tensor([row * width + first + t for row, first, targets in spans for t in range(len(targets))],
                                 dtype=torch.long, device=self.device)
        wanted = torch.tensor([t for _, _, targets in spans for t in targets], dtype=torch.long, device=self.device)
        logits_at, chunk = self._projection(hidden), self._logit_rows
        values = torch.empty(len(positions), dtype=torch.float32, device=self.device)
        for first in range(0, len(positions), chunk):
            part = slice(first, first + chunk)
            rows = logits_at(positions[part])
            values[part] = rows.gather(1, wanted[part, None]).squeeze(1) - torch.logsumexp(rows, dim=1)
        flat_values, found, offset = values.tolist(), [], 0
        for _, _, targets in spans:
            found.append(flat_values[offset: offset + len(targets)])
            offset += len(targets)
        return found

    def _tokenize(self, texts: list[str]) -> tuple[list[list[int]], list[list[int]], list[list[int]]]:
        """Token ids, and each token's start and end in its text (leading whitespace excluded)."""
        if not texts:
            return [], [], []
        encoded = self.tokenizer(
            texts,
            add_special_tokens=False,
            # Text that happens to spell a control token ("<|endoftext|>") is scored as the characters it is.
            split_special_tokens=True,
            return_offsets_mapping=True,
            return_attention_mask=False,
        )
        starts, ends = [], []
        for text, offsets in zip(texts, encoded["offset_mapping"], strict=True):
            # Most tokens do not start with whitespace; testing that inline halves the cost of this loop.
            spans = [
                (s, e) if not text[s : s + 1].isspace() else _surface_span(text, s, e) for s, e in offsets
            ]
            starts.append([s for s, _ in spans])
            ends.append([e for _, e in spans])
        return [list(ids) for ids in encoded["input_ids"]], starts, ends

    def _windows(self, text_index: int, ids: list[int]) -> list[_Window]:
        """Cut one text into windows of at most `max_length` tokens.

        Each window after the first starts with half a window of already-scored tokens as context, so every
        token is predicted from at least that much history (the first tokens of the text from BOS).
        """
        if not ids:
            return []
        width = self.max_length
        end = min(len(ids), width - 1)
        windows = [_Window(text_index, 0, (self.bos_token_id, *ids[:end]), 0)]
        context = width // 2
        while end < len(ids):
            first, end = end, min(len(ids), end + width - context)
            windows.append(_Window(text_index, first, tuple(ids[first - context : end]), context - 1))
        return windows

    def _batches(self, windows: list[_Window]) -> list[list[_Window]]:
        """Group windows of the same padded length, longest first; a batch never mixes padded lengths."""
        ordered = sorted(windows, key=lambda w: len(w.input_ids), reverse=True)
        batches: list[list[_Window]] = []
        for window in ordered:
            current = batches[-1] if batches else None
            width = _padded_length(len(window.input_ids))
            if (
                current is not None
                and _padded_length(len(current[0].input_ids)) == width
                and len(current) < self.batch_size
                and width * (len(current) + 1) <= self.max_batch_tokens
            ):
                current.append(window)
            else:
                batches.append([window])
        return batches

    def _forward(self, batch: list[_Window], features: bool = False, keep: Collection[int] = ()) -> list[_Scored]:
        """Log-probabilities of each window's reported tokens (and, with `features`, the rest of `_Scored`;
        for the texts in `keep`, each a single window, its key-value states: [layers, key and value, heads, BOS
        and tokens, head size])."""
        width = _padded_length(len(batch[0].input_ids))
        input_ids, attention_mask = _padded([w.input_ids for w in batch], width)
        # Flat positions (row * width + t) whose prediction is reported, and the tokens they predict.
        counts = [len(w.input_ids) - 1 - w.skip for w in batch]
        positions = torch.tensor(
            [row * width + t for row, w in enumerate(batch) for t in range(w.skip, len(w.input_ids) - 1)]
        )
        targets = input_ids.view(-1)[positions + 1]
        # The token after the predicted one, where the window has it: its log-probability in the predicted
        # token's place says whether the two would read better swapped.
        if features:
            skip_ok = torch.tensor([t + 2 < len(w.input_ids) for w in batch for t in range(w.skip, len(w.input_ids) - 1)],
                                   dtype=torch.bool)
            skip_targets = torch.where(skip_ok, input_ids.view(-1)[(positions + 2).clamp(max=input_ids.numel() - 1)], 0)
        with torch.inference_mode():
            keep_states = any(w.text_index in keep for w in batch)
            hidden, logits_at, layers = self._hidden_and_logits(input_ids, attention_mask, keep_states)
            positions, targets = positions.to(self.device), targets.to(self.device)
            chunk = self._logit_rows
            values = torch.empty(len(positions), dtype=torch.float32, device=self.device)
            entropy = torch.empty_like(values) if features else None
            rank = torch.empty(len(positions), dtype=torch.long, device=self.device) if features else None
            dropped = torch.empty_like(values) if features else None
            choices = min(DROPPED_CHOICES, len(self._droppable_ids))
            dropped_at = torch.empty((len(positions), choices), dtype=torch.long, device=self.device) if features else None
            skip = torch.empty_like(values) if features else None
            if features:
                skip_targets = skip_targets.to(self.device)
            for first in range(0, len(positions), chunk):
                # In chunks: the fp32 copy that an accurate log-sum-exp needs stays bounded in size.
                part = slice(first, first + chunk)
                rows = logits_at(positions[part])
                picked = rows.gather(1, targets[part, None]).squeeze(1)
                lse = torch.logsumexp(rows, dim=1)
                values[part] = picked - lse
                if features:
                    rank[part] = (rows > picked[:, None]).sum(dim=1)
                    rows.sub_(lse[:, None])  # log-probabilities, in place
                    entropy[part] = -(rows.exp() * rows).sum(dim=1)
                    if choices:
                        best = rows.index_select(1, self._droppable_ids).topk(choices, dim=1)
                        dropped[part], dropped_at[part] = best.values[:, 0], best.indices
                    else:
                        dropped[part] = NO_LOGPROB
                    skip[part] = rows.gather(1, skip_targets[part, None]).squeeze(1)
            flat_values = values.tolist()
            if features:
                flat_entropy, flat_rank = entropy.tolist(), rank.tolist()
                flat_dropped = dropped.tolist()
                flat_dropped_word = [tuple(self.droppable_words[i] for i in row) for row in dropped_at.tolist()]
                flat_skip = torch.where(skip_ok.to(self.device), skip, NO_LOGPROB).tolist()
                flat_hidden = hidden.reshape(-1, hidden.shape[-1]).index_select(0, positions).float().cpu().numpy()
        results, offset = [], 0
        for row, count in enumerate(counts):
            part = slice(offset, offset + count)
            if features:
                results.append(_Scored(flat_values[part], flat_entropy[part], flat_rank[part], flat_hidden[part],
                                       flat_dropped[part], flat_dropped_word[part], flat_skip[part]))
            else:
                results.append(_Scored(flat_values[part]))
            if layers is not None and batch[row].text_index in keep:
                length = len(batch[row].input_ids)
                results[-1].states = torch.stack([torch.stack((keys[row, :, :length], values_[row, :, :length]))
                                                  for keys, values_ in layers])
            offset += count
        return results

    @property
    def hidden_size(self) -> int:
        return int(self.model.config.hidden_size)

    def _hidden_and_logits(self, input_ids: torch.Tensor, attention_mask: torch.Tensor, keep_states: bool = False
                           ) -> tuple[torch.Tensor, Callable[[torch.Tensor], torch.Tensor],
                                      list[tuple[torch.Tensor, torch.Tensor]] | None]:
        """The last hidden state (after the final norm), from one forward pass, a function that gives the
        fp32 logits at flat positions (row * width + t) of the batch, and with `keep_states` every layer's
        (keys, values) (`_cached_layers`; only for a model that `shares_prefixes`).

        Decoder-only models in transformers are a body (`.model`) and an output projection: calling them
        separately gives the hidden state the projection reads at no extra cost, and projecting only the
        positions asked for, a chunk at a time, never holds a batch's logits (tokens x vocabulary: 200 MB
        for 1,024 fp32 tokens of a 49k vocabulary). Models that do more to the logits (Gemma's
        soft-capping) go through the whole model and report its last hidden state.
        """
        input_ids, attention_mask = input_ids.to(self.device), attention_mask.to(self.device)
        body, head = getattr(self.model, "model", None), self.model.get_output_embeddings()
        if body is not None and head is not None and not getattr(self.model.config, "final_logit_softcapping", None):
            out = body(input_ids=input_ids, attention_mask=attention_mask, use_cache=keep_states)
            hidden = out.last_hidden_state
            return hidden, self._projection(hidden), _cached_layers(out) if keep_states else None
        out = self.model(input_ids=input_ids, attention_mask=attention_mask, use_cache=False, output_hidden_states=True)
        flat = out.logits.reshape(-1, out.logits.shape[-1])
        return out.hidden_states[-1], lambda positions: flat.index_select(0, positions).float(), None

    def _projection(self, hidden: torch.Tensor) -> Callable[[torch.Tensor], torch.Tensor]:
        """fp32 logits at flat positions of `hidden` ([batch, width, size]), from the output projection."""
        flat, head = hidden.reshape(-1, hidden.shape[-1]), self.model.get_output_embeddings()
        return lambda positions: head(flat.index_select(0, positions)).float()


# A row of a batch of variants (`TransformersScorer._from_states`) holds up to ROW_TOKENS of the variants' own
# tokens and up to ROW_STATES positions of their originals' states: its attention reads every position of both
# for each token, so a row is kept short. A variant longer than ROW_TOKENS, or an original longer than
# ROW_STATES, has a row of its own.
ROW_TOKENS = 128
ROW_STATES = 192


@dataclass(slots=True)
class _Row:
    """Variants read in one row: the originals whose states it holds, one after another (as many positions
    of each as its variants read), and each variant (job of `_from_states`) with the place of its original's
    states in the row."""

    originals: list[tuple[int, int]]  # (original, positions held)
    jobs: list[tuple[tuple[int, list[int], int, int], int]]
    tokens: int = 0
    held: int = 0


def _rows_of_variants(runs: list[tuple[int, list[int], int, int]]) -> list[_Row]:
    """The variants in rows, those of one original together, each row filled before the next is begun. A
    variant reads its original's states only before its edit, so a row holds an original's states up to the
    last edit of its variants."""
    read: dict[int, int] = {}
    for _, _, original, shared in runs:
        read[original] = max(read.get(original, 0), shared)
    rows: list[_Row] = []
    at: dict[int, int] = {}  # the current row's originals: where their states begin
    for job in sorted(runs, key=lambda job: job[2]):
        _, ids, original, shared = job
        count, length = len(ids) - shared, read[original]
        row = rows[-1] if rows else None
        if row is None or row.tokens and row.tokens + count > ROW_TOKENS \
                or original not in at and row.held and row.held + length > ROW_STATES:
            row = _Row([], [])
            rows.append(row)
            at = {}
        if original not in at:
            at[original] = row.held
            row.originals.append((original, length))
            row.held += length
        row.jobs.append((job, at[original]))
        row.tokens += count
    return rows


def _packed_inputs(batch: list[_Row], states: list[torch.Tensor], bos_token_id: int
                   ) -> tuple[list[tuple[torch.Tensor, torch.Tensor]], torch.Tensor, torch.Tensor, torch.Tensor,
                              list[tuple[int, int, list[int]]]]:
    """One forward pass's inputs for rows of variants: per layer the originals' keys and values ([rows, heads,
    positions, head size]; a row's originals one after another, right-padded; a tensor of its own each, so
    that the cache frees a layer's as it extends it), the variants' tokens one after another in each row, the
    mask ([rows, 1, tokens, states + tokens]; True: read) by which each token reads its original's states
    before the variant's edit and the variant's own tokens up to itself, their positions, and per variant
    (row, first position, the tokens its positions predict)."""
    first_state = states[batch[0].originals[0][0]]
    layers, _, heads, _, size = first_state.shape
    held, width = max(row.held for row in batch), max(row.tokens for row in batch)
    past = [(first_state.new_zeros((len(batch), heads, held, size)), first_state.new_zeros((len(batch), heads, held, size)))
            for _ in range(layers)]
    input_ids = torch.zeros((len(batch), width), dtype=torch.long)
    mask = torch.zeros((len(batch), 1, width, held + width), dtype=torch.bool)
    position_ids = torch.zeros((len(batch), width), dtype=torch.long)
    spans = []
    for r, row in enumerate(batch):
        begin = 0
        for original, length in row.originals:
            state = states[original]
            for layer, (keys, values) in enumerate(past):
                keys[r, :, begin: begin + length] = state[layer, 0, :, :length]
                values[r, :, begin: begin + length] = state[layer, 1, :, :length]
            begin += length
        at = 0
        for (_, ids, _, shared), begin in row.jobs:
            fed = (bos_token_id, *ids)[shared: len(ids)]  # from the position that predicts token `shared`
            count = len(fed)
            input_ids[r, at: at + count] = torch.tensor(fed, dtype=torch.long)
            position_ids[r, at: at + count] = shared + torch.arange(count)
            mask[r, 0, at: at + count, begin: begin + shared] = True
            mask[r, 0, at: at + count, held + at: held + at + count] = torch.ones((count, count), dtype=torch.bool).tril()
            spans.append((r, at, ids[shared:]))
            at += count
        for padding in range(at, width):  # a padding token reads itself: no row of the mask is empty
            mask[r, 0, padding, held + padding] = True
    return past, input_ids, mask, position_ids, spans


def _padded(rows: list[Sequence[int]], width: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Token ids right-padded with zeros to `width`, and the attention mask that hides the padding."""
    input_ids = torch.zeros((len(rows), width), dtype=torch.long)
    attention_mask = torch.zeros((len(rows), width), dtype=torch.long)
    for row, ids in enumerate(rows):
        input_ids[row, : len(ids)] = torch.tensor(ids, dtype=torch.long)
        attention_mask[row, : len(ids)] = 1
    return input_ids, attention_mask


def _common_suffix(first: Sequence[int], second: Sequence[int], prefix: int) -> int:
    """How many tokens the two sequences share at the end, none of them among the first `prefix` of either."""
    shared, limit = 0, min(len(first), len(second)) - prefix
    while shared < limit and first[-1 - shared] == second[-1 - shared]:
        shared += 1
    return shared


def _common_prefix(first: Sequence[int], second: Sequence[int]) -> int:
    """How many tokens the two sequences share from the start."""
    shared = 0
    for a, b in zip(first, second):
        if a != b:
            break
        shared += 1
    return shared


def _plain_decoder(model: torch.nn.Module) -> bool:
    """A body and an output projection, full attention in every layer and no soft-capped logits: a model
    whose key-value states a later pass can read back (`TransformersScorer.score_variants`)."""
    config = model.config
    return getattr(model, "model", None) is not None and model.get_output_embeddings() is not None \
        and not getattr(config, "final_logit_softcapping", None) and not getattr(config, "sliding_window", None) \
        and all(kind == "full_attention" for kind in getattr(config, "layer_types", None) or ())


def _cached_layers(out) -> list[tuple[torch.Tensor, torch.Tensor]]:  # type: ignore[no-untyped-def]
    """(keys, values) of every layer, [batch, heads, positions, head size], from a forward pass's cache
    (`cache` in transformers 5, `past_key_values` before; layers as objects since 4.54, lists before)."""
    cache = getattr(out, "cache", None) or getattr(out, "past_key_values", None)
    if hasattr(cache, "layers"):
        return [(layer.keys, layer.values) for layer in cache.layers]
    return list(zip(cache.key_cache, cache.value_cache, strict=True))


@dataclass(slots=True)
class _Scored:
    """One window's reported tokens: log-probabilities, and with features their entropies, ranks, states."""

    logprobs: list[float]
    entropies: list[float] | None = None
    ranks: list[int] | None = None
    hidden: np.ndarray | None = None
    dropped_logprobs: list[float] | None = None
    dropped_words: list[tuple[str, ...]] | None = None
    skip_logprobs: list[float] | None = None
    states: torch.Tensor | None = None  # for a text `_forward` was asked to keep: its key-value states


def _padded_length(length: int) -> int:
    return -(-length // PAD_MULTIPLE) * PAD_MULTIPLE


def _surface_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a token's leading whitespace from its span, unless the token is nothing but whitespace."""
    surface = start
    while surface < end and text[surface].isspace():
        surface += 1
    return (surface, end) if surface < end else (start, end)


def hub_offline() -> None:
    """Tell huggingface_hub never to reach the network, before transformers first reads its settings.

    `local_files_only=True` on every load is the actual guarantee; this also covers code paths that do
    not take the argument, and silences transformers' progress bars on every load.
    """
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from transformers.utils import logging

    logging.disable_progress_bar()


def load_transformers_scorer(
    name_or_path: str | Path,
    device: str = "auto",
    *,
    threads: int | None = DEFAULT_CPU_THREADS,
    name: str | None = None,
    **scorer_options,
) -> TransformersScorer:
    """Load a causal LM and its tokenizer from a local folder (or the local Hugging Face cache) onto `device`.

    Raises ModelError with a one-line message when the model is not on disk; never downloads.
    """
    hub_offline()
    from transformers import AutoModelForCausalLM, AutoTokenizer

    source = str(name_or_path)
    looks_like_path = isinstance(name_or_path, Path) or source.startswith((".", "/", "~")) or os.sep in source
    local = Path(source).expanduser()
    if looks_like_path and not local.is_dir():
        raise ModelError(f"language model folder not found: {source}")
    if local.is_dir():
        source = str(local)
    torch_device = select_device(device)
    configure_threads(torch_device, threads)
    dtype = select_dtype(torch_device)
    try:
        tokenizer = AutoTokenizer.from_pretrained(source, local_files_only=True)
        model = AutoModelForCausalLM.from_pretrained(source, local_files_only=True, dtype=dtype)
    except (OSError, ValueError) as err:
        where = "folder" if local.is_dir() else "name (not a folder, and not in the local Hugging Face cache)"
        first_line = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise ModelError(f"cannot load language model {source!r} from this {where}: {first_line}") from err
    model.to(torch_device).eval()
    return TransformersScorer(model, tokenizer, name=name or source, **scorer_options)
