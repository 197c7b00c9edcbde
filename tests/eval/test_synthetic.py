"""The synthetic artefact generator: each kind damages the sentence as described, at the span it reports."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from mtqa.eval.synthetic import INJECTORS, KINDS, Generator, well_formed

SENTENCE = ("After the meeting in Brussels, President Macron said his government would review the colour of the "
            "well-known logo with the European partners.")
SRC = "Pärast kohtumist Brüsselis ütles president Macron, et tema valitsus vaatab logo värvi üle."


def inject(kind: str, text: str = SENTENCE, seed: int = 0):
    found = INJECTORS[kind](text, random.Random(seed), SRC)
    assert found is not None and found.kind == kind and found.text != text
    assert 0 <= found.start <= found.end <= len(found.text)
    return found


def words(text: str) -> Counter[str]:
    return Counter(text.replace(",", " ").replace(".", " ").split())


@pytest.mark.parametrize("kind,joiner", [("repeat-adjacent", " "), ("repeat-comma", ", "), ("repeat-and", " and ")])
def test_repeats_copy_the_phrase_after_itself(kind, joiner):
    for seed in range(10):
        found = inject(kind, seed=seed)
        copy = found.text[found.start:found.end]
        before = found.text[:found.start - len(joiner)]
        assert found.text[found.start - len(joiner):found.start] == joiner and before.endswith(copy)
        assert before + found.text[found.end:] == SENTENCE


def test_spelling_variant_pairs_british_and_american_forms():
    found = inject("variant-spelling")
    assert found.text[found.start:found.end] == "color"
    assert "colour and color" in found.text or "colour, color" in found.text


def test_hyphenation_and_affix_variants_come_from_the_compound():
    hyphen = inject("variant-hyphenation")
    assert hyphen.text[hyphen.start:hyphen.end] in ("well known", "wellknown")
    affix = inject("variant-affix")
    assert affix.text[affix.start:affix.end] == "well"
    assert "well-known" in affix.text


def test_broken_clause_strands_the_preposition_after_a_stray_period():
    found = inject("broken-clause")
    assert found.text[found.start:found.end] == "The European partners with."
    assert found.text.endswith("logo. The European partners with.")


def test_stray_capital_drops_the_word_before_it():
    for seed in range(10):
        found = inject("stray-capital", seed=seed)
        capital = found.text[found.start:found.end]
        assert capital[0].isupper() and f" {capital.lower()} " in SENTENCE
        assert sum(words(SENTENCE).values()) - sum(words(found.text).values()) == 1


def test_its_replaces_a_persons_possessive():
    found = inject("its-for-person")
    assert found.text[found.start:found.end] == "its" and "Macron said its government" in found.text


def test_it_replaces_a_persons_subject_pronoun():
    text = "At the summit in Brussels, Chancellor Merz said he would not sign the agreement."
    found = inject("its-for-person", text)
    assert found.text[found.start:found.end] == "it" and found.text == text.replace(" he ", " it ")


def test_oscillation_repeats_a_phrase_three_times_or_more():
    for seed in range(10):
        found = inject("oscillation", seed=seed)
        loop = found.text[found.start:found.end].split()
        before = found.text[:found.start].split()
        assert any(len(loop) >= 2 * n and loop == before[-n:] * (len(loop) // n) for n in (1, 2, 3))
        assert found.text[:found.start - 1] + found.text[found.end:] == SENTENCE


def test_near_duplicate_sentence_says_it_again():
    found = inject("near-duplicate-sentence")
    assert found.text.startswith(SENTENCE + " ") and found.start == len(SENTENCE) + 1


def test_dropped_word_and_swapped_words_keep_the_rest():
    dropped = inject("dropped-function-word")
    assert sum((words(SENTENCE) - words(dropped.text)).values()) == 1 and dropped.start == dropped.end
    swapped = inject("swapped-words")
    assert words(swapped.text) == words(SENTENCE) and swapped.text != SENTENCE


def test_untranslated_word_comes_from_the_source():
    found = inject("untranslated-word")
    assert found.text[found.start:found.end] in SRC.split()


def test_injections_are_seeded_by_the_text_and_balanced_across_kinds():
    texts = [SENTENCE.replace("Brussels", city) for city in ("Paris", "Rome", "Oslo", "Riga", "Bern", "Kyiv",
                                                             "Lima", "Quito", "Doha", "Baku", "Sofia", "Minsk",
                                                             "Vilnius", "Tallinn", "Prague", "Vienna")]
    first = [Generator().inject(t, SRC) for t in texts]
    generator = Generator()
    again = [generator.inject(t, SRC) for t in texts]
    assert first[0] == again[0]  # a fresh generator makes the same first choice
    assert set(generator.counts) == set(KINDS) and max(generator.counts.values()) - min(generator.counts.values()) <= 1


@pytest.mark.parametrize("text,expected", [
    (SENTENCE, True),
    ("lower-case start of a sentence that goes on.", False),
    ("A fragment without a full stop at its end", False),
    ("Too short.", False),
    ("A sentence with  two spaces in it is not clean.", False),
])
def test_only_whole_clean_sentences_are_injected_into(text, expected):
    assert well_formed(text) is expected
