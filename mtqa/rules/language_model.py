"""MT8xx: what the language model finds out of place. These rules run only when a model scored the segment."""

from __future__ import annotations

from collections.abc import Iterator

from mtqa.model import Applicability, Edit, Fix, Severity
from mtqa.rules.context import SegmentContext
from mtqa.rules.registry import FixAvailability, Match, rule

# A word this much less likely in its context than on its own (nats) is a candidate; clean news has
# about 5% of its sentences' worst words below it (benchmarks/calibrate_disfluency.py). The candidate is
# reported only if a small local edit makes the sentence much more likely (mtqa/fixes/verify.py).
SLOR_THRESHOLD = -10.0


@rule("MT801", "disfluent-word", category="fluency/grammar", severity=Severity.MINOR,
      fix=FixAvailability.ALWAYS, lm_required_gain=4.0, needs_lm=True)
def find_disfluent_words(ctx: SegmentContext) -> Iterator[Match]:
    """A word the language model finds out of place, where a small edit reads much better.

    ## What it flags
    The least likely word of a sentence (the first word left out) when it is at least 10 nats less likely
    in its context than its frequency predicts (SLOR), and deleting it, changing its case or swapping it
    with a neighbour raises the sentence's length-fair log-probability by at least 4 nats. Rare names are
    not flagged for being rare: SLOR discounts a word's own frequency, and no edit makes a name likelier.

    ## Why is this bad?
    Scrambled word order, stray or duplicated words and broken clauses all leave one word the model
    cannot explain; the verified edit says what probably went wrong.

    ## Example
    He met the Prime Minister of Sweden, Magdalena Andersson, in Stockholm xylophone yesterday.
    ->  He met the Prime Minister of Sweden, Magdalena Andersson, in Stockholm yesterday.

    ## Fix safety
    Unsafe: the edits are the language model's best guess, ranked by gain.
    """
    view = ctx.lm
    if view is None:
        return
    text = ctx.text
    for sentence in view.analysis.sentences:
        worst = sentence.worst_word
        if worst is None or worst.slor > SLOR_THRESHOLD or not text[worst.start:worst.end].strip():
            continue
        words = [w for w in sentence.words if text[w.start:w.end].strip()]
        index = next(i for i, w in enumerate(words) if w.start == worst.start)
        yield Match(worst.start, worst.end,
                    f"“{text[worst.start:worst.end]}” is unexpected here ({-worst.logprob / 0.6931:.0f} bits)",
                    tuple(_local_edits(text, words, index)))


def _local_edits(text: str, words: list, index: int) -> Iterator[Fix]:  # type: ignore[type-arg]
    word = words[index]
    surface = text[word.start:word.end]
    left = word.start
    while left > 0 and text[left - 1] == " ":
        left -= 1
    yield Fix((Edit(left, word.end, ""),), Applicability.UNSAFE, f"Delete “{surface}”")
    if surface[:1].isupper() and index > 0:
        yield Fix((Edit(word.start, word.end, surface.lower()),), Applicability.UNSAFE,
                  f"Write “{surface.lower()}”")
    for other in (index - 1, index + 1):
        if 0 < other < len(words) and index > 0:
            a, b = sorted((words[index], words[other]), key=lambda w: w.start)
            if text[a.end:b.start] == " ":
                yield Fix((Edit(a.start, b.end, f"{text[b.start:b.end]} {text[a.start:a.end]}"),),
                          Applicability.UNSAFE, f"Swap “{text[a.start:a.end]}” and “{text[b.start:b.end]}”")
