import pytest

from mtqa.model import Applicability
from tests.conftest import findings_of, flagged

BROKEN = "Macron visited Ukraine on Tuesday and discussed the country’s presidency. Volodymyr Zelensky with."


def test_stranded_preposition_after_a_name():
    assert flagged("MT201", BROKEN) == ["with"]
    assert flagged("MT201", "The minister met the delegation from.") == ["from"]


@pytest.mark.parametrize("text", [
    "This is the man she spoke with.",
    "Which house did you live in?",
    "The lights were turned on.",
    "It is something worth fighting for.",
    "He had nobody to talk to.",
    "She gave up.",
])
def test_legitimate_final_prepositions(text):
    assert flagged("MT201", text) == []


def test_broken_clause_span_and_join_fix():
    (finding,) = findings_of("MT202", BROKEN)
    assert finding.text == "Volodymyr Zelensky with."
    fix = finding.fixes[0]
    assert fix.applicability is Applicability.UNSAFE
    assert fix.apply(BROKEN) == ("Macron visited Ukraine on Tuesday and discussed the country’s presidency "
                                 "with Volodymyr Zelensky.")


@pytest.mark.parametrize(("text", "joined"), [
    ("Schools were run by the management. Eight cantons together of.",
     "Schools were run by the management of eight cantons together."),
    ("The rally was organised. Students and teachers by.", "The rally was organised by students and teachers."),
    ("The prize was handed over. Ursula von der Leyen by.", "The prize was handed over by Ursula von der Leyen."),
])
def test_a_joined_fragment_keeps_the_capital_of_a_name_only(text, joined):
    (finding,) = findings_of("MT202", text)
    assert finding.fixes[0].apply(text) == joined


def test_an_ing_word_after_a_number_leaves_the_fragment_verbless():
    """"three neighbouring states" is a noun phrase: the fragment has no verb, and is joined back."""
    text = "The president signed the agreement. The leaders of three neighbouring states with."
    (finding,) = findings_of("MT202", text)
    assert finding.fixes[0].apply(text) == ("The president signed the agreement with the leaders of three "
                                            "neighbouring states.")
    assert flagged("MT202", "The president signed the agreement. The leaders kept talking with.") == []


def test_a_joined_fragment_offers_the_other_case_only_where_the_case_is_a_guess():
    text = "There were around 470 million bicycles. China in."
    (finding,) = findings_of("MT202", text)
    assert [f.apply(text) for f in finding.fixes] == ["There were around 470 million bicycles in china.",
                                                      "There were around 470 million bicycles in China."]
    assert len(findings_of("MT202", BROKEN)[0].fixes) == 1  # "Volodymyr" is a name only
    (finding,) = findings_of("MT202", "The rally was organised. Students and teachers by.")
    assert len(finding.fixes) == 2  # "Students" may be a band's name: the model decides


def test_broken_clause_ending_in_an_article():
    text = "The ministers agreed on a plan for. The reform of pensions."
    assert flagged("MT202", "The talks were held in Geneva. Next week the.") == ["Next week the."]
    assert flagged("MT202", "It was a long day. A very long day.") == []  # a fragment, but a whole one
    assert flagged("MT202", "Officials discussed the budget. Ukraine and the.") == ["Ukraine and the."]
    assert flagged("MT202", text) == []


def test_verbless_fragment_in_running_text_only():
    assert flagged("MT203", "Prices rose sharply in March. A big success for the government.") == [
        "A big success for the government."]
    assert flagged("MT203", "Energy prices in Europe") == []  # a headline on its own
    assert flagged("MT203", "The plan failed. The reason? A lack of money.") == []  # a question is a figure
    assert flagged("MT203", "The plan failed. What a waste!") == []


def test_missing_final_punctuation():
    text = "It is almost impossible to exchange Falklands money outside the islands, so change it before leaving"
    (finding,) = findings_of("MT204", text)
    assert finding.text == "leaving" and finding.fixes[0].apply(text) == text + "."
    assert flagged("MT204", "Putin and Macron meet in Moscow") == []  # headline
    assert flagged("MT204", "The talks ended. Both sides agreed to meet again in spring") == ["spring"]


@pytest.mark.parametrize("text,expected", [
    ("It is also a unique component. The virtual team of.", ["of"]),
    ("It helps us understand. Our minds in.", ["in"]),
    ("It was an opponent. The next KO round in.", ["in"]),
    ("These are the people to talk to.", []),
    ("This is the company he works for.", []),
    ("She took the dog in.", []),
    ("Prices went up.", []),
    ("It is a cause worth fighting for.", []),
])
def test_stranded_preposition_after_a_noun_phrase(text, expected):
    assert flagged("MT201", text) == expected


@pytest.mark.parametrize("text,mt201,mt202", [
    # a noun after a determiner ("head") or a capital inside the sentence ("Flag") is no verb to own a particle
    ("The leaders met in Warsaw. The head of NATO Mark Rutte by.", ["by"], ["The head of NATO Mark Rutte by."]),
    ("He did not like the path chosen. The Red Flag Party by.", ["by"], ["The Red Flag Party by."]),
    ("It was sold to investors. The Bank of.", ["of"], ["The Bank of."]),
    # a verb before the name still owns it
    ("She waved. She let Mark by.", [], []),
    ("The doors opened. Guards show the guests in.", [], []),
    ("It has no starch. It's the food of the plant.", [], []),  # "It's" holds the verb
    ("Nobody came. So that means nothing to us.", [], []),  # "that" may stand alone: "means" stays a verb
])
def test_nouns_after_determiners_and_names_are_no_verbs(text, mt201, mt202):
    assert (flagged("MT201", text), flagged("MT202", text)) == (mt201, mt202)
    if not mt202:
        assert flagged("MT203", text) == []


def test_a_split_clause_needs_the_model():
    """MT205 asks the model whether "The training process in." ends the clause before; without one it is silent."""
    assert flagged("MT205", "The team brought in experienced people. The training process in.") == []
