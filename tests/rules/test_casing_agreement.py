import pytest

from mtqa.model import Applicability, Segment
from mtqa.pipeline import check_text
from mtqa.rules import lookup
from mtqa.rules.context import DocumentContext
from tests.conftest import findings_of, flagged


def test_stray_capital_function_word():
    text = "However, he himself dampened expectations Their talks in Moscow."
    (finding,) = findings_of("MT301", text)
    assert finding.text == "Their"
    assert finding.fixes[0].applicability is Applicability.UNSAFE  # the text may still miss a word
    assert finding.fixes[0].apply(text) == "However, he himself dampened expectations their talks in Moscow."
    assert flagged("MT301", "The delegation arrived late And the meeting was postponed.") == ["And"]


@pytest.mark.parametrize(("text", "word"), [
    ("The new guidelines were written for all Us.", "Us"),
    ("The schools were promised nothing for This, and the parents protested.", "This"),
    ("They kept the land that did not belong Them; the court ruled later.", "Them"),
])
def test_a_function_word_capitalised_at_the_end_of_a_clause_is_stray(text, word):
    assert flagged("MT301", text) == [word]


def test_a_capital_after_a_naming_word_starts_a_title():
    assert flagged("MT301", "The band is called Us.") == []
    assert flagged("MT301", "She starred in a short film titled It, which won a prize.") == []


@pytest.mark.parametrize("text", [
    "Talks in The Hague ended.",
    "He reads The Guardian every day.",
    "Ministers Meet In Brussels To Discuss The Budget",
    "Merkel Says Talks With The Minister Were useful",  # a headline may lower one word
    "He said: The talks are over.",
    "The band The Who played.",
    "Officials from the EU and NATO met.",
    "The decision is expected in May next year.",  # a month
    "Labour attacked May over her Brexit deal.",  # a name
    "They asked Will to stay for another season.",
])
def test_stray_capital_negatives(text):
    assert flagged("MT301", text) == []


def test_a_sentence_with_a_full_stop_and_a_lower_case_verb_is_not_a_headline():
    """Headlines end without a full stop: a sentence of names with one lower-case verb and a full stop is
    checked; a title-case headline with one lower-case word is not."""
    from mtqa.nlp.tokens import split_sentences, tokenize
    from mtqa.rules.casing import _is_headline
    from mtqa.rules.context import Sentence

    def headline(text: str) -> bool:
        [span] = split_sentences(text)
        return _is_headline(Sentence(span, tokenize(text, span.start, span.end)))

    assert not headline("According to Data of the 2002 National Census, 36,658,166 Poles live in Poland.")
    assert headline("According To The 2002 National Census, 36 Million Poles live In Poland")
    assert headline("Ministers Meet In Brussels To Discuss The Budget")
    # title case capitalises verbs, auxiliaries too: lower-case "was" and "has been" make these sentences
    assert not headline("Peeter was at Meeting with Mart Laar and Tiit Vähi.")
    assert not headline("Kadri has been in Hospital with Mart Laar and Tiit Vähi.")
    assert headline("Laar Is Back In Tallinn With Vähi")


def test_a_sentence_full_of_names_is_not_a_headline():
    # Most words capitalised, but its verb and nouns are in lower case: a sentence, and "The" a stray capital.
    text = "George Harrison, Neil Young, Tom Petty and Bob Dylan himself performed The concert."
    assert flagged("MT301", text) == ["The"]


def test_lowercase_sentence_start():
    text = "it is almost impossible to exchange money there. the rest is easy."
    assert flagged("MT302", text) == ["it", "the"]
    assert findings_of("MT302", text)[0].fixes[0].apply(text).startswith("It is")
    assert flagged("MT302", "iPhone sales rose.") == []
    assert flagged("MT302", "and then the talks resumed") == []  # a continuation line, not a sentence


def _its(text: str) -> list[str]:
    return [f.text for f in check_text(text, [lookup("MT401")])]


def test_its_for_a_person_named_in_the_document():
    text = ("President Emmanuel Macron met Putin. Macron for its part, the press conference emphasized "
            "the freedom of states.")
    (finding,) = check_text(text, [lookup("MT401")])
    assert finding.text == "its"
    assert [fix.apply(text)[text.index("Macron for"):][:20] for fix in finding.fixes] == ["Macron for his part,"]


def test_its_for_a_woman_and_for_unknown_gender():
    text = "Chancellor Angela Merkel spoke. Merkel on its side rejected the plan."
    (finding,) = check_text(text, [lookup("MT401")])
    assert [f.replacement for fix in finding.fixes for f in fix.edits] == ["her"]


@pytest.mark.parametrize("text", [
    "Apple said its new phone would go on sale next month.",
    "Emmanuel Macron said the company had lost its licence.",
    "President Macron praised the army for its discipline.",
])
def test_its_for_things_is_fine(text):
    assert _its(text) == []


@pytest.mark.parametrize("text,expected", [
    ("The other signatories have repeatedly confirmed that them want to keep the agreement.", ["them"]),
    ("It is impossible to exchange money there, so change its before leaving the islands.", ["its"]),
    ("We gave their to the museum.", ["their"]),
    ("The rules made them want to leave.", []),
    ("The company announced its results and its plans.", []),
    ("Let us go to their house before it rains.", []),
])
def test_pronoun_case(text, expected):
    assert flagged("MT402", text) == expected


def test_pronoun_case_fix():
    text = "They confirmed that them want peace."
    (finding,) = findings_of("MT402", text)
    assert finding.fixes[0].apply(text) == "They confirmed that they want peace."


def test_its_after_a_name_in_object_position_is_fine():
    text = "President Joe Biden spoke. The firm put Hunter Biden on its board."
    assert _its(text) == []


def test_stray_capital_in_lists_of_titles_and_names_is_fine():
    assert flagged("MT301", "He painted Carts with nomads, Towards the unknown, The nomads.") == []
    assert flagged("MT301", "The border between Are and Saara was closed.") == []


@pytest.mark.parametrize("text,expected", [
    ("Angela Merkel was tearful in its farewell.", ["its"]),
    ("Chancellor Merz and its cabinet met on Monday.", ["its"]),
    ("Giancarlo Fisichella lost control of its car.", []),  # a noun between: MT403 asks the model
    ("President Macron criticised the company for its policies.", []),
    ("In Estonia, Allar Tankler, the chief editor of Eesti Ekspress, announced its resignation.", ["its"]),
    ("Tankler, who is 54, announced its resignation.", ["its"]),
    # A noun in the "who" clause may own "its": MT403 asks the model (it reads "his resignation").
    ("Tankler, who edited the paper for years, announced its resignation.", []),
    ("Ms Nakamura, who chaired the inquiry, said its findings would be published.", []),
    ("Boeing, the plane maker, said its deliveries fell.", []),
    ("Apple, the market leader, said its sales rose.", []),
    ("Estonia, a member of NATO, raised its spending.", []),
    ("Boeing, which makes planes, said its deliveries fell.", []),
    ("Tankler, the editor, praised the newspaper for its courage.", []),
    ("The Red Cross said its teams had reached the villages.", []),  # "the" + a given name: a thing's name
    ("Aid came from the Red Cross, and its teams stayed for a month.", []),
    ("The Reverend Al Sharpton for its part called for calm.", ["its"]),  # a title after "the": a person
    ("The Prime Minister Boris Johnson for its part denied it.", ["its"]),
])
def test_its_for_a_person_the_document_identifies(text, expected):
    assert flagged("MT401", text) == expected


@pytest.mark.parametrize(("text", "fixed"), [
    ("She moved to California as an toddler.", "She moved to California as a toddler."),
    ("They waited for a hour and ate a apple.", "They waited for an hour and ate an apple."),
    ("An book lay there. A owl sat on it.", "A book lay there. An owl sat on it."),
    ("A 8-year-old met an 5-year-old.", "An 8-year-old met a 5-year-old."),
    ("He was an European and an one-off.", "He was a European and a one-off."),
    ("She won a Olympic medal.", "She won an Olympic medal."),
])
def test_the_article_goes_by_the_next_words_sound(text, fixed):
    findings = findings_of("MT404", text)
    assert findings and all(f.fixes[0].applicability is Applicability.SAFE for f in findings)
    for finding in findings:
        assert text[finding.start:finding.end].lower() in ("a", "an")
    fixed_text = text
    for finding in sorted(findings, key=lambda f: -f.start):  # right to left: offsets stay valid
        fixed_text = finding.fixes[0].apply(fixed_text)
    assert fixed_text == fixed


@pytest.mark.parametrize("text", [
    "It was a unit of an umbrella maker, a hotel with an historic bar, and a union.",
    "They saw an x-ray and a year of a Yves Saint Laurent show.",
    "He is an NGO official with an MBA and an iPhone, not a one-time visitor.",
    "A 1-0 win, an 11-year-old and an 18th-century house.",
    "Point a and point b are far apart.",
    "It is a an apple.",  # MT101's
    "She was born in Frankfurt an der Oder.",
    "It was a honeymoon at an hour's notice for an honest and a European heir.",
    "It was an onerous task for a once proud team, and an honorary title.",
])
def test_the_article_is_left_alone_where_the_spelling_does_not_tell_the_sound(text):
    assert flagged("MT404", text) == []


def test_a_number_run_into_a_word_is_left_alone():
    assert flagged("MT404", "It was an 7unsuspecting user.") == []
    assert flagged("MT404", "It was an 7-year-old.") == ["an"]


def _candidates(code: str, text: str) -> list[tuple[str, list[str], list[str]]]:
    """A model rule's matches before the model judges them: the text each points at, its fixes, its rivals."""
    ctx = DocumentContext([Segment("s", text)], lm_views=[object()]).segment(0)  # any view: MT405 reads none
    return [(text[m.start:m.end], [f.apply(text) for f in m.fixes], [f.apply(text) for f in m.rivals])
            for m in lookup(code).check(ctx)]


def test_it_for_person_candidates_after_any_word_with_they_as_a_bare_names_rival():
    (it, fixes, rivals), = _candidates("MT405", "Hamas said it was ready to release the hostages.")
    assert it == "it" and "Hamas said he was ready to release the hostages." in fixes
    assert rivals == ["Hamas said they were ready to release the hostages."]  # the verb agrees with "they"
    (_, fixes, rivals), = _candidates("MT405", "Ms Lindqvist moved to Oslo, and the following year it married a doctor.")
    assert "Ms Lindqvist moved to Oslo, and the following year she married a doctor." in fixes
    assert rivals == []  # a title shows a person: no group reading
    (_, fixes, rivals), = _candidates("MT405", "During the war, it was the commander of several units.")  # a role after "it"
    assert rivals == [] and "During the war, he was the commander of several units." in fixes
    assert _candidates("MT405", "Chavez says it works.")[0][2] == []  # "they works": no rival the rule can write
    assert _candidates("MT405", "On 18 November, it called for calm.") == []  # a month names no one


def test_it_for_person_candidates_past_an_adverb_and_before_and_his():
    (_, fixes, rivals), = _candidates("MT405", "Hamas said it later released two hostages.")
    assert "Hamas said he later released two hostages." in fixes
    assert rivals == ["Hamas said they later released two hostages."]  # the verb after the adverb agrees
    (it, fixes, rivals), = _candidates("MT405", "Once, during the festival, Ravi and it and his disciples left.")
    assert it == "it" and "Once, during the festival, Ravi and he and his disciples left." in fixes
    assert _candidates("MT405", "Mr Brown planted the tree, and it still the garden.") == []  # no verb after the adverb


def test_its_with_a_possible_owner_between_asks_more_of_the_model():
    ctx = DocumentContext([Segment("s", "The captain steered the ship and saved its crew. Rutte for its part agreed.")],
                          lm_views=[object()]).segment(0)
    # "the ship" may own the first "its": 3 nats; nothing stands between Rutte and the second: the rule's 1 nat
    assert [(m.start, m.required_gain) for m in lookup("MT403").check(ctx)] == [(39, 3.0), (59, None)]
    assert lookup("MT403").lm_required_gain == 1.0


def _required_gains(code: str, text: str) -> list[float | None]:
    ctx = DocumentContext([Segment("s", text)], lm_views=[object()]).segment(0)
    return [m.required_gain for m in lookup(code).check(ctx)]


def test_its_in_a_clause_the_person_reports_with_its_own_subject_or_after_it_asks_most_of_the_model():
    """ "Sir John Armitt said the government had ignored its advice": the clause is about the government, and
    "its" is the government's or the commission's; the model wanted "his" by 6.7 nats."""
    assert _required_gains("MT403", "Sir John Armitt said the government had ignored its advice.") == [8.0]
    assert _required_gains("MT403", "Mr Sunak told the court that the company had hidden its losses.") == [8.0]
    # the reported clause has no subject before "its", or no clause is reported: the bars of before
    assert _required_gains("MT403", "Maria tells Anna that its feelings for Peter have cooled.") == [3.0]
    assert _required_gains("MT403", "Armitt said its advice had been ignored.") == [None]
    assert _required_gains("MT403", "Chancellor Olaf Scholz announced the composition of its cabinet.") == [3.0]
    assert _required_gains("MT403", "The captain steered the ship and saved its crew.") == [3.0]
    # "it" between: "its" is most likely what "it" is
    assert _required_gains("MT403", "She rescued the puppy and named it after its mother.") == [8.0]


def test_it_after_a_person_told_by_a_thing_asks_more_of_the_model():
    """ "The board told Ms Patel that it had lost confidence in her": "it" is the board; the model wanted
    "she" by 6.3 nats."""
    assert _required_gains("MT405", "The board told Ms Patel that it had lost confidence in her.") == [8.0]
    assert _required_gains("MT405", "The hospital told the family of Mr Brown that it had made a mistake.") == [8.0]
    # the person is the subject, or a person stands before: the bar of a person the document shows (a title),
    # or the rule's own after a name nothing shows to be a person's
    assert _required_gains("MT405", "After the results, Ms Patel said that it had lost confidence.") == [3.0]
    assert _required_gains("MT405", "Mr Brown told Ms Patel that it had lost confidence in her.") == [3.0]
    assert _required_gains("MT405", "A plot against him forced Pedro to resign, and it died in June.") == [None]


def test_it_after_a_word_shown_to_stand_for_a_person_asks_less_of_the_model():
    """ "Mr Sunak said it would call an election" gained 3.2 nats for "he": no group's reading is left after a
    titled name, a role or "he"/"she", so the bar is 3 nats, not 5; a bare name keeps 5 and its rival."""
    assert _required_gains("MT405", "Mr Sunak said it would call an election in the summer.") == [3.0]
    assert _required_gains("MT405", "The minister resigned on Friday after it had broken the rules.") == [3.0]
    assert _required_gains("MT405", "Thus, he restores the Republic, after which it withdraws.") == [3.0]
    assert _required_gains("MT405", "On 19 March, it was captain of the team for the first time.") == [3.0]
    assert _required_gains("MT405", "Sunak said it would call an election in the summer.") == [None]


def test_a_person_is_read_by_the_whole_name_the_search_stops_in():
    """ "miller" and "trump" are words, so the search for a person stops at the given name before them; the
    whole name is the document's person, with the gender its given name or title shows."""
    (_, fixes, rivals), = _candidates("MT405", "Kerri Miller of Minnesota Public Radio tweeted that it had covered the bombing.")
    assert fixes == ["Kerri Miller of Minnesota Public Radio tweeted that she had covered the bombing."] and rivals == []
    assert _required_gains("MT405", "Kerri Miller of Minnesota Public Radio tweeted that it had covered the bombing.") == [3.0]
    (_, fixes, rivals), = _candidates("MT403", "Kerri Miller of Minnesota Public Radio thanked its listeners.")
    assert fixes == ["Kerri Miller of Minnesota Public Radio thanked her listeners."] and rivals == []


def test_its_after_a_bare_name_has_their_as_a_rival():
    (its, fixes, rivals), = _candidates("MT403", "Hamas said its fighters had attacked the convoy.")
    assert its == "its" and fixes == ["Hamas said his fighters had attacked the convoy.",
                                      "Hamas said her fighters had attacked the convoy."]
    assert rivals == ["Hamas said their fighters had attacked the convoy."]
    assert _candidates("MT403", "He wants to show its daring.")[0][2] == []  # a pronoun is a person's
    (_, fixes, rivals), = _candidates("MT403", "Emmanuel Macron lost control of its car.")  # a known given name
    assert rivals == [] and fixes == ["Emmanuel Macron lost control of his car."]


def test_its_after_a_role_a_groups_possessive_owns_has_their_as_a_rival():
    """"The team's coach said its players": "its" may be the team's, so "their" is a rival reading, and the
    person's pronoun is "his" or "her". A person's possessive ("Ms Okoro's deputy") is no group's."""
    (_, fixes, rivals), = _candidates("MT403", "The club's new coach said its players were tired.")
    assert fixes == ["The club's new coach said his players were tired.",
                     "The club's new coach said her players were tired."]
    assert rivals == ["The club's new coach said their players were tired."]
    (_, fixes, rivals), = _candidates("MT403", "The coach said its players were tired.")
    assert rivals == [] and "The coach said their players were tired." in fixes  # a singular "their"
    (_, _, rivals), = _candidates("MT403", "Ms Okoro's deputy said its plan had worked.")
    assert rivals == []


@pytest.mark.parametrize(("text", "people"), [
    ("Mr Sunak said he would call an election.", {"Sunak": "male"}),  # the title gives the gender
    ("Queen Camilla visited Kenya.", {"Camilla": "female"}),
    ("Dame Judi Dench will star in the play.", {"Dench": "female"}),
    ("Mr Brown said the plan had failed.", {"Brown": "male"}),  # a common word after a gendered title
    ("President Joe Biden spoke.", {"Biden": "male"}),  # a given name, as before
    ("The Red Cross said its teams had arrived.", {}),  # after "the", a given name starts a thing's name
    ("The Reverend Al Sharpton spoke.", {"Sharpton": "male"}),  # unless a title stands before it
])
def test_people_and_their_gender_from_titles_and_given_names(text, people):
    assert DocumentContext([Segment("s", text)]).person_names == people


def test_a_name_and_a_comma_last_in_a_text_are_read_without_error():
    """The people finder looked two tokens past a name for ", who" and failed on a text ending "John Smith,"."""
    text = "The cat licked its paw, said John Smith,"
    assert findings_of("MT401", text) == []
    for sample, people in ((text, {"Smith": "male"}), ("It was seen by Kask,", {}), ("Kask, who", {"Kask": "unknown"})):
        assert DocumentContext([Segment("s", sample)]).person_names == people, sample


def test_an_organisations_name_is_no_persons():
    """ "Manchester United sacked its manager": a name followed by "United", "Airlines", "Radio"... is a
    club's, a company's or a station's; the search for a person goes on past it."""
    assert _candidates("MT403", "Manchester United sacked its manager after the defeat.") == []
    assert _candidates("MT405", "Brussels Airlines announced that it was cancelling 105 flights.") == []
    (_, fixes, _), = _candidates("MT405", "Villu Reiljan, the chairman of the Estonian People's Union, announced "
                                          "that it will resign.")
    assert any(" he will resign" in fix for fix in fixes)  # the chairman, past the union's name
    (_, fixes, _), = _candidates("MT405", "Chairman of the Party Villu Reiljan announced that it will resign.")
    assert any(" he will resign" in fix for fix in fixes)  # a person's name after the party's
