"""Cutting text into pieces: nested, crossing, adjacent and zero-width findings, astral characters, tokens."""

from __future__ import annotations

import random

from mtqa.report.spans import Piece, TokenSurprisal, split_pieces


def covered(pieces: list[Piece], index: int) -> str:
    return "".join(p.text for p in pieces if index in p.findings)


def assert_exact(text: str, spans: list[tuple[int, int]], pieces: list[Piece]) -> None:
    assert "".join(p.text for p in pieces) == text
    for index, (start, end) in enumerate(spans):
        assert covered(pieces, index) == text[start:end]


def test_nested_findings_share_the_inner_piece():
    text = "Volodymyr Zelensky with."
    spans = [(0, 24), (19, 23)]  # a broken clause holding a stranded preposition
    pieces = split_pieces(text, spans)
    assert [(p.text, p.findings) for p in pieces] == [("Volodymyr Zelensky ", (0,)), ("with", (0, 1)), (".", (0,))]
    assert_exact(text, spans, pieces)


def test_crossing_findings_cut_into_three():
    text = "the the cat cat"
    spans = [(0, 7), (4, 11)]
    pieces = split_pieces(text, spans)
    assert [(p.text, p.findings) for p in pieces] == [("the ", (0,)), ("the", (0, 1)), (" cat", (1,)), (" cat", ())]
    assert_exact(text, spans, pieces)


def test_adjacent_findings_stay_apart():
    pieces = split_pieces("ab", [(0, 1), (1, 2)])
    assert [(p.text, p.findings) for p in pieces] == [("a", (0,)), ("b", (1,))]


def test_an_insertion_point_is_an_empty_piece_that_knows_its_enclosing_finding():
    text = "It ended  here"
    spans = [(0, 14), (14, 14), (8, 8)]
    pieces = split_pieces(text, spans)
    assert Piece("", (0, 2)) in pieces and Piece("", (1,)) == pieces[-1]
    assert_exact(text, spans, pieces)


def test_offsets_are_code_points_so_astral_characters_do_not_shift_spans():
    text = "😀 𝒳 were were shown"
    spans = [(4, 13)]
    pieces = split_pieces(text, spans)
    assert covered(pieces, 0) == "were were"


def test_token_surprisal_rides_on_each_piece_and_repeated_byte_tokens_add_up():
    text = "An 😀 here"
    tokens = [TokenSurprisal(0, 2, 1.5), TokenSurprisal(3, 4, 4.0), TokenSurprisal(3, 4, 2.5),
              TokenSurprisal(5, 9, 3.0)]
    pieces = split_pieces(text, [(0, 4)], tokens)
    assert [(p.text, p.findings, p.surprisal) for p in pieces] == [
        ("An", (0,), 1.5), (" ", (0,), None), ("😀", (0,), 6.5), (" ", (), None), ("here", (), 3.0)]


def test_random_overlaps_always_reassemble_exactly():
    generator = random.Random(5)
    for _ in range(300):
        text = "".join(generator.choice("ab 😀é\n") for _ in range(generator.randint(0, 30)))
        spans = []
        for _ in range(generator.randint(0, 6)):
            start = generator.randint(0, len(text))
            spans.append((start, generator.randint(start, len(text))))
        pieces = split_pieces(text, spans)
        assert_exact(text, spans, pieces)
        assert sum(1 for p in pieces if not p.text) == sum(1 for s, e in spans if s == e)
