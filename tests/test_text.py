from mtqa.nlp.tokens import paragraphs, split_sentences, tokenize


def _sentences(text: str) -> list[str]:
    return [text[s.start:s.end] for s in split_sentences(text)]


def test_abbreviations_and_initials_do_not_end_sentences():
    text = "Mr. J. K. Rowling met Dr. Smith at 9 a.m. on Monday. They talked."
    assert _sentences(text) == ["Mr. J. K. Rowling met Dr. Smith at 9 a.m. on Monday.", "They talked."]


def test_quotes_close_sentences_and_numbers_stay_whole():
    text = "“Really?” he asked. Prices rose 3.5% to $1,200.50. “It is over.” Then silence."
    assert _sentences(text) == ["“Really?” he asked.", "Prices rose 3.5% to $1,200.50.", "“It is over.”",
                                "Then silence."]


def test_stray_period_splits_the_broken_clause():
    text = "He discussed the country’s presidency. Volodymyr Zelensky with."
    assert _sentences(text) == ["He discussed the country’s presidency.", "Volodymyr Zelensky with."]


def test_lowercase_after_period_is_not_a_boundary():
    assert _sentences("It cost 5 vs. 6 euros, e.g. more. Fine.") == ["It cost 5 vs. 6 euros, e.g. more.", "Fine."]


def test_tokens_keep_hyphens_apostrophes_and_offsets():
    text = "A business-like talk: Macron’s 100,000 troops, 21st."
    tokens = tokenize(text)
    assert [text[t.start:t.end] for t in tokens] == ["A", "business-like", "talk", ":", "Macron’s", "100,000",
                                                     "troops", ",", "21st", "."]
    assert [t.text for t in tokens] == [text[t.start:t.end] for t in tokens]


def test_tokenize_within_a_range_keeps_absolute_offsets():
    text = "First. Second one."
    tokens = tokenize(text, 7, len(text))
    assert tokens[0].text == "Second" and tokens[0].start == 7


def test_paragraphs_have_exact_offsets():
    text = "One.\n\n  Two\nlines.\n\n\nThree."
    spans = paragraphs(text)
    assert [text[s.start:s.end] for s in spans] == ["One.", "Two\nlines.", "Three."]


def test_unicode_offsets_are_python_indices():
    text = "Café 🎉 opened. Über die Brücke."
    assert [s.text for s in split_sentences(text)] == ["Café 🎉 opened.", "Über die Brücke."]
