"""The one interface every language-model backend fills in: texts in, per-token log-probabilities out.

Offsets convention: `text[token.start:token.end]` is the token's surface *without* its leading whitespace
(" for" is reported as "for"), so a token's span lies inside the word it belongs to. A token made only of
whitespace ("\\n", "  ") keeps its whitespace span. Byte-level tokenizers split some characters (CJK,
emoji) into several tokens; each of those tokens carries the span of the whole character, so spans are
non-decreasing and may repeat, and summing over tokens that overlap a span never loses a byte.
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import numpy as np

DEVICES = ("auto", "cpu", "cuda")
NO_LOGPROB = -100.0  # a log-probability a backend could not compute (no next token in the window)  # --device choices (torch is imported only when a model loads)


class ScoredToken(NamedTuple):
    """One scored token: its character span in the input text and ln P(token | BOS, preceding tokens).

    A NamedTuple rather than a frozen dataclass: just as immutable, and five times cheaper to create,
    which matters at hundreds of thousands of tokens a second on a GPU.
    """

    start: int
    end: int
    logprob: float

    @property
    def surprisal(self) -> float:
        """-ln P, in nats."""
        return -self.logprob


@dataclass(frozen=True, slots=True)
class TokenScores:
    """The scored tokens of one text, in order, held column by column. Log-probabilities are natural logs.

    Columns rather than one object per token: a GPU scores hundreds of thousands of tokens a second, and
    building that many Python objects would cost more than the forward pass. `tokens` builds them on demand.
    """

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    logprobs: tuple[float, ...]
    # Only when scored with `features=True` (the learned heads read them; mtqa/lm/heads.py):
    # the entropy of each next-token distribution (nats), the rank of the actual token in it (0 = the
    # model's first choice), and the last hidden state at the position that predicted the token.
    entropies: tuple[float, ...] | None = None
    ranks: tuple[int, ...] | None = None
    hidden: np.ndarray | None = field(default=None, compare=False, repr=False)
    # Also with `features=True`, from the same next-token distributions: the log-probability of the most
    # likely droppable function word in each token's place and the likeliest such words, best first (words
    # the text may have dropped before the token), and the log-probability of the token after it in its
    # place (the two may be swapped; NO_LOGPROB where the window holds no next token).
    dropped_logprobs: tuple[float, ...] | None = None
    dropped_words: tuple[tuple[str, ...], ...] | None = None
    skip_logprobs: tuple[float, ...] | None = None

    @classmethod
    def from_tokens(cls, text: str, tokens: Sequence[ScoredToken]) -> TokenScores:
        return cls(
            text,
            tuple(t.start for t in tokens),
            tuple(t.end for t in tokens),
            tuple(t.logprob for t in tokens),
        )

    def __len__(self) -> int:
        return len(self.logprobs)

    @property
    def tokens(self) -> tuple[ScoredToken, ...]:
        return tuple(map(ScoredToken, self.starts, self.ends, self.logprobs))

    @property
    def total_logprob(self) -> float:
        """ln P(text | BOS): the sum over all tokens."""
        return math.fsum(self.logprobs)

    @property
    def mean_surprisal(self) -> float:
        """Mean -ln P per token (nats); 0.0 for a text without tokens."""
        return -self.total_logprob / len(self.logprobs) if self.logprobs else 0.0

    def tokens_in(self, start: int, end: int) -> list[ScoredToken]:
        """The tokens whose span overlaps [start, end); a zero-width span selects tokens that contain it."""
        if start == end:
            return [t for t in self.tokens if t.start <= start < t.end]
        return [t for t in self.tokens if t.start < end and start < t.end]

    def span_logprob(self, start: int, end: int) -> float:
        """Sum of the log-probabilities of the tokens that overlap [start, end)."""
        return math.fsum(t.logprob for t in self.tokens_in(start, end))


class Scorer(ABC):
    """A causal language model that scores texts. Callers never need to know which backend they hold."""

    name: str

    @abstractmethod
    def score(self, texts: Sequence[str], *, features: bool = False) -> list[TokenScores]:
        """Score each text independently; results come back in input order. With `features`, each
        TokenScores also carries the entropies, ranks and hidden states of the same forward pass."""

    def score_variants(self, pairs: Sequence[tuple[str, Sequence[str]]], horizon: int | None = None
                       ) -> list[tuple[TokenScores, list[TokenScores]]]:
        """Each original text and its variants (the same text with a small edit), scored as `score` scores
        them. A backend may score a variant from the original's state where the two share a beginning.
        `horizon`: an estimate will do; a backend may give the tokens a variant shares with its original's
        end, past the first `horizon` of them, the original's log-probabilities instead of scoring them (the
        model reads left to right, so an edit's effect on the words after it fades). This default scores
        every text whole, all in one call, and so exactly."""
        scored = iter(self.score([text for original, variants in pairs for text in (original, *variants)]))
        return [(next(scored), [next(scored) for _ in variants]) for _, variants in pairs]

    @property
    def signature(self) -> str:
        """A short identification of the model and numerics, for reports that compare scores."""
        return f"lm:{self.name}"
