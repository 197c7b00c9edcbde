"""The transformers backend on the real default model: minimal pairs, offsets, batching, windows."""

from __future__ import annotations

import random

import pytest

from mtqa.lm.device import SCORE_TOLERANCE
from mtqa.lm.transformers_backend import TransformersScorer
from tests.conftest import SEED

FLUENT = "However, he himself dampened expectations for their talks in Moscow."
BROKEN = "However, he himself dampened expectations Their talks in Moscow."

MINIMAL_PAIRS = [
    (FLUENT, BROKEN),
    (
        "The minister said that the talks were useful.",
        "The minister said that the the talks were useful.",
    ),
    (
        "Russia has concentrated more than 100,000 troops on the border.",
        "troops Russia the concentrated border more 100,000 has on than.",
    ),
    (
        "Putin said the presidents plan to talk again over the phone.",
        "Putin said the presidents plan to talk again over the phone with.",
    ),
]

UNICODE_TEXTS = [
    "Putin described the meeting as “useful, businesslike” — at a café in Zürich.",
    "Emoji 🙂👍🏽 and CJK 東京都 and Greek αβγ, naïve façade, Ŝ, ’s.",
    "  Leading spaces,\ttabs\nand\n\nnewlines  ",
]


def test_fluent_beats_disfluent_minimal_pairs(scorer: TransformersScorer) -> None:
    for fluent, broken in MINIMAL_PAIRS:
        good, bad = scorer.score([fluent, broken])
        assert good.total_logprob > bad.total_logprob, (fluent, broken)


def test_wrong_word_is_the_most_surprising(scorer: TransformersScorer) -> None:
    [scores] = scorer.score([BROKEN])
    worst = max(scores.tokens[1:], key=lambda t: t.surprisal)
    assert BROKEN[worst.start : worst.end] == "Their"
    assert worst.surprisal > 15  # nats: about 26 bits, against 3-5 nats for "for"/"their" in FLUENT


@pytest.mark.parametrize("text", UNICODE_TEXTS)
def test_offsets_map_back_to_the_text(scorer: TransformersScorer, text: str) -> None:
    [scores] = scorer.score([text])
    previous_start = 0
    covered = set()
    for token, token_id in zip(scores.tokens, scorer.tokenizer(text, add_special_tokens=False)["input_ids"]):
        assert 0 <= token.start < token.end <= len(text)
        assert token.start >= previous_start
        previous_start = token.start
        covered.update(range(token.start, token.end))
        surface = scorer.tokenizer.decode([token_id])
        if "\ufffd" not in surface:  # a whole-character token: the span is its text minus leading space
            piece = text[token.start : token.end]
            assert piece == surface or piece == surface.lstrip() or piece.isspace(), (piece, surface)
    assert covered >= {i for i, ch in enumerate(text) if not ch.isspace()}


def _same_scores(a: list, b: list) -> bool:
    """Same texts, same token spans, log-probabilities within the documented tolerance."""
    return all(x.text == y.text and x.starts == y.starts and x.ends == y.ends
               and x.logprobs == pytest.approx(y.logprobs, abs=SCORE_TOLERANCE) for x, y in zip(a, b, strict=True))


def test_batching_gives_the_same_numbers(scorer: TransformersScorer) -> None:
    texts = [FLUENT, BROKEN, *UNICODE_TEXTS, "Short.", "", FLUENT + " " + FLUENT]
    batched = scorer.score(texts)
    one_by_one = [scorer.score([text])[0] for text in texts]
    reordered = scorer.score(texts[::-1])[::-1]
    assert [s.text for s in batched] == texts
    # Not bit for bit: kernels may block a product differently for another batch shape (docs/lm.md).
    assert _same_scores(batched, one_by_one)
    assert _same_scores(batched, reordered)


def test_control_token_spelled_in_the_text_is_plain_text(scorer: TransformersScorer) -> None:
    text = "He typed <|endoftext|> into the box."
    [scores] = scorer.score([text])
    start = text.index("<|")
    inside = scores.tokens_in(start, start + len("<|endoftext|>"))
    assert len(inside) > 1  # spelled out piece by piece, not read as one end-of-document token


def test_empty_input(scorer: TransformersScorer) -> None:
    assert scorer.score([]) == []
    [empty] = scorer.score([""])
    assert empty.tokens == ()


def test_text_longer_than_the_window(scorer: TransformersScorer) -> None:
    text = SEED.read_text(encoding="utf-8")
    narrow = TransformersScorer(
        scorer.model, scorer.tokenizer, name="narrow", max_length=64, bos_token="<|endoftext|>"
    )
    [full] = scorer.score([text])
    [windowed] = narrow.score([text])
    assert len(full) > 3 * narrow.max_length
    assert [(t.start, t.end) for t in windowed.tokens] == [(t.start, t.end) for t in full.tokens]
    # The first window sees exactly what the full pass sees; later tokens have 32 tokens of context.
    first = narrow.max_length - 1
    assert [t.logprob for t in windowed.tokens[:first]] == pytest.approx(
        [t.logprob for t in full.tokens[:first]], abs=SCORE_TOLERANCE
    )
    assert windowed.mean_surprisal == pytest.approx(full.mean_surprisal, rel=0.15)


def test_signature_names_model_and_numerics(scorer: TransformersScorer) -> None:
    assert scorer.signature.startswith("lm:smollm2-135m|device:cpu|dtype:")


VARIANTS = [
    (FLUENT, [FLUENT.replace(" for ", " about ", 1), FLUENT.rsplit(" ", 1)[0], "A" + FLUENT[1:], FLUENT, FLUENT + " Yes."]),
    (BROKEN, [BROKEN.replace(".", " today."), ""]),
    ("Short.", ["Shorter."]),
]


def test_variants_scored_from_the_original_match_whole_passes(scorer: TransformersScorer) -> None:
    assert scorer.shares_prefixes  # fp32 on a CPU: variants are read from the original's key-value states
    shared = scorer.score_variants(VARIANTS)
    assert [original.text for original, _ in shared] == [original for original, _ in VARIANTS]
    for (original, variants), (scored, scored_variants) in zip(VARIANTS, shared, strict=True):
        # A change at the first token, at the end, a prefix of the original, the original itself, an empty text.
        assert _same_scores([scored, *scored_variants], scorer.score([original, *variants]))


def test_variants_packed_in_small_rows_match_whole_passes(scorer: TransformersScorer,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Variants of several originals read in rows of a few tokens and a few states each, an original's variants
    split over rows and rows of several originals, give what whole passes give."""
    from mtqa.lm import transformers_backend

    rows = []
    real = transformers_backend._rows_of_variants

    def recording(runs):  # type: ignore[no-untyped-def]
        made = real(runs)
        rows.extend(made)
        return made

    monkeypatch.setattr(transformers_backend, "ROW_TOKENS", 6)
    monkeypatch.setattr(transformers_backend, "ROW_STATES", 16)
    monkeypatch.setattr(transformers_backend, "_rows_of_variants", recording)
    pairs = [(original, [v for v in variants if v]) for original, variants in VARIANTS]
    packed = scorer.score_variants(pairs)
    assert any(len(row.originals) > 1 for row in rows)  # a row holds two originals' states
    assert len({original for row in rows for original, _ in row.originals}) < len(rows)  # and one takes several
    for (original, variants), (scored, scored_variants) in zip(pairs, packed, strict=True):
        assert _same_scores([scored, *scored_variants], scorer.score([original, *variants]))
    # A row whose only variant changes the first token holds none of its original's states.
    [(scored, scored_variants)] = scorer.score_variants([("Short.", ["Long."])])
    assert _same_scores([scored, *scored_variants], scorer.score(["Short.", "Long."]))


def _edited(text: str, rng: random.Random) -> str:
    """`text` with one edit of the kinds the verifier asks about, at a random word: a word put in, taken out,
    replaced or swapped with the next, a word put first, the text cut short after a word, or one more word.
    Where the kind drawn cannot apply (no word to take out of a one-word text, none after the last to swap
    with, a cut after the last word), the text comes back unchanged, a variant equal to its original."""
    words = text.split(" ")
    at = rng.randrange(len(words))
    kind = rng.choice(["insert", "delete", "replace", "swap", "first", "cut", "append"])
    if kind == "insert":
        words.insert(at, rng.choice(["the", "of", "to", "and", "Zelensky"]))
    elif kind == "delete" and len(words) > 1:
        del words[at]
    elif kind == "replace":
        words[at] = rng.choice(["house", "THE", "über", "—", "3,000"])
    elif kind == "swap" and at + 1 < len(words):
        words[at], words[at + 1] = words[at + 1], words[at]
    elif kind == "first":
        words.insert(0, "Also")
    elif kind == "cut":
        words = words[:at + 1]
    elif kind == "append":
        words.append("again.")
    return " ".join(words)


def test_random_edits_of_many_originals_read_packed_match_whole_passes(scorer: TransformersScorer) -> None:
    """Seeded random variants of originals of one to six sentences, several originals and their variants sharing
    rows, read with a window of 64 tokens (the longest original is longer, so it and its variants are scored
    whole): every token's log-probability is the one a whole pass over the variant gives."""
    narrow = TransformersScorer(scorer.model, scorer.tokenizer, name="narrow", max_length=64)
    rng = random.Random(20261208)
    sentences = [FLUENT, BROKEN, *(fluent for fluent, _ in MINIMAL_PAIRS[1:]), UNICODE_TEXTS[0]]
    pairs = []
    for count in (1, 1, 2, 1, 3, 6, 1, 2):
        original = " ".join(rng.choice(sentences) for _ in range(count))
        pairs.append((original, [_edited(original, rng) for _ in range(rng.randint(1, 5))]))
    assert max(len(ids) for ids in narrow._tokenize([original for original, _ in pairs])[0]) > narrow.max_length
    packed = narrow.score_variants(pairs)
    for (original, variants), (scored, scored_variants) in zip(pairs, packed, strict=True):
        assert _same_scores([scored, *scored_variants], narrow.score([original, *variants]))


def test_a_row_holds_an_originals_states_only_up_to_its_variants_last_edit() -> None:
    from mtqa.lm.transformers_backend import ROW_TOKENS, _rows_of_variants

    runs = [(0, [0] * 39, 0, 12), (1, [0] * 39, 0, 20), (2, [0] * 30, 1, 29)]  # (variant, ids, original, shared)
    [row] = _rows_of_variants(runs)
    assert row.originals == [(0, 20), (1, 29)]
    assert [begin for _, begin in row.jobs] == [0, 0, 20]
    assert row.tokens == 27 + 19 + 1 and row.held == 49
    many = [(k, [0] * 39, 0, 12) for k in range(ROW_TOKENS // 27 + 1)]  # more tokens than one row takes
    assert [len(row.jobs) for row in _rows_of_variants(many)] == [ROW_TOKENS // 27, 1]


def test_variants_too_long_for_one_window_are_scored_whole(scorer: TransformersScorer) -> None:
    narrow = TransformersScorer(scorer.model, scorer.tokenizer, name="narrow", max_length=16)
    long = " ".join([FLUENT] * 3)
    pairs = [(long, [long.replace(" for ", " about ", 1)]), (FLUENT, [FLUENT.replace(" for ", " about ", 1)])]
    shared = narrow.score_variants(pairs)
    for (original, variants), (scored, scored_variants) in zip(pairs, shared, strict=True):
        assert _same_scores([scored, *scored_variants], narrow.score([original, *variants]))


def test_originals_held_a_slice_at_a_time_give_the_same_scores(scorer: TransformersScorer,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from mtqa.lm import transformers_backend

    whole = scorer.score_variants(VARIANTS)
    held = []
    real = scorer._with_states
    # FLUENT is 13 tokens, BROKEN 12, "Short." 2: no two originals fit in 13 tokens together.
    monkeypatch.setattr(transformers_backend, "STATE_TOKENS", 13)

    def recording(ids_per_text):  # type: ignore[no-untyped-def]
        held.append(sum(len(ids) for ids in ids_per_text))
        return real(ids_per_text)

    monkeypatch.setattr(scorer, "_with_states", recording)
    sliced = scorer.score_variants(VARIANTS)
    assert held == [13, 12, 2]
    for (a, a_variants), (b, b_variants) in zip(whole, sliced, strict=True):
        assert _same_scores([a, *a_variants], [b, *b_variants])


def test_variants_read_the_states_the_pass_with_features_kept(scorer: TransformersScorer,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    scorer.score(["An unrelated sentence."], features=True)  # holds only its own states
    fresh = scorer.score_variants(VARIANTS)
    run = []
    real = scorer._with_states

    def recording(ids_per_text):  # type: ignore[no-untyped-def]
        run.extend(ids_per_text)
        return real(ids_per_text)

    monkeypatch.setattr(scorer, "_with_states", recording)
    scorer.score([original for original, _ in VARIANTS], features=True)
    held = scorer.score_variants(VARIANTS)
    assert run == []  # every original's states came from the pass with features
    for (a, a_variants), (b, b_variants) in zip(fresh, held, strict=True):
        assert _same_scores([a, *a_variants], [b, *b_variants])
    scorer.score(["Another unrelated sentence."], features=True)  # a new pass forgets the old states
    scorer.score_variants(VARIANTS[:1])
    assert len(run) == 1


def test_variants_read_to_a_horizon_take_the_originals_scores_past_it(scorer: TransformersScorer) -> None:
    """With a horizon, a variant's tokens up to that many past its edit are scored; those it shares with its
    original's end past them carry the original's log-probabilities (an estimate: the edit's effect fades)."""
    original = "The minister said on Monday that the talks in Moscow were useful and would go on next week."
    variants = [original.replace("said on", "said that on", 1), original.replace(" in Moscow", "", 1),
                original.replace("week.", "month."), original]
    exact_original, exact = scorer.score_variants([(original, variants)])[0]
    estimated_original, estimated = scorer.score_variants([(original, variants)], horizon=2)[0]
    assert _same_scores([estimated_original], [exact_original])
    tail_of_original = exact_original.logprobs
    for variant, whole, read in zip(variants, exact, estimated, strict=True):
        assert read.text == variant and read.starts == whole.starts and read.ends == whole.ends
        first = next((k for k, (a, b) in enumerate(zip(whole.starts, exact_original.starts)) if a != b
                      or variant[a:whole.ends[k]] != original[b:exact_original.ends[k]]), len(whole.starts))
        shared_end = 0
        while shared_end < len(whole.starts) - first and variant[whole.starts[-1 - shared_end]:] == \
                original[exact_original.starts[-1 - shared_end]:]:
            shared_end += 1
        scored = len(whole.starts) - max(0, shared_end - 2)  # the edit, then two tokens past it
        assert read.logprobs[:scored] == pytest.approx(whole.logprobs[:scored], abs=SCORE_TOLERANCE)
        past = len(whole.starts) - scored
        assert list(read.logprobs[scored:]) == list(tail_of_original[len(tail_of_original) - past:])
    # The insertion changes how likely the words after it are, beyond the horizon too: an estimate, not a copy.
    assert estimated[0].logprobs != pytest.approx(exact[0].logprobs, abs=SCORE_TOLERANCE)
    assert _same_scores(estimated[2:], exact[2:])  # an edit at the end, and no edit, are read whole either way
