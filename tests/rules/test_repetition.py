import pytest

from mtqa.model import Applicability
from tests.conftest import findings_of, flagged


@pytest.mark.parametrize("text,expected", [
    ("The disease affects the optic nerve nerve.", ["nerve"]),
    ("He left the the building at noon.", ["the"]),
    ("They met in the in the capital.", ["in the"]),
    ("Police were absent from the streets of Bishkek Bishkek.", ["Bishkek"]),
    ("They flew to Bora Bora and Walla Walla.", []),
    ("Let it move, let it move towards me.", []),
    ("It had had no effect.", []),
    ("She knew that that was wrong.", []),
    ("The agency is is tracking the debris.", ["is"]),
    ("What matters is is trust.", []),  # a wh-word opened the clause the first "is" ends
    ("It is very very cold.", []),
])
def test_duplicate_word(text, expected):
    assert flagged("MT101", text) == expected


def test_duplicate_word_fix_deletes_the_copy():
    text = "The disease affects the optic nerve nerve."
    (finding,) = findings_of("MT101", text)
    assert finding.fixes[0].applicability is Applicability.SAFE
    assert finding.fixes[0].apply(text) == "The disease affects the optic nerve."


@pytest.mark.parametrize("text,expected", [
    ("Putin described the meeting as “useful, businesslike and business-like”.", ["business-like"]),
    ("The e-mail and email servers were down.", ["email"]),
    ("Ministers will talk and talks about the budget.", ["talks"]),
    ("The red and blue flags were raised.", []),
    ("He spoke again and again about it.", []),
])
def test_variant_duplicate(text, expected):
    assert flagged("MT102", text) == expected


def test_variant_duplicate_fix_keeps_the_list_conjunction():
    text = "the meeting was “useful, businesslike and business-like” for both."
    (finding,) = findings_of("MT102", text)
    assert [fix.apply(text) for fix in finding.fixes] == ["the meeting was “useful and businesslike” for both.",
                                                          "the meeting was “useful, businesslike” for both."]



@pytest.mark.parametrize("text,expected", [
    ("Change it before leaving the islands islands islands islands.", ["islands islands islands"]),
    ("We want peace and the government and the government and the government said so.",
     ["and the government and the government"]),
    ("It is very very very cold.", []),
    ("The optic nerve nerve.", []),  # two copies are MT101's
])
def test_oscillation(text, expected):
    assert flagged("MT103", text) == expected


@pytest.mark.parametrize("text,copies,severity", [
    ("We want peace and the government and the government and the government said so.", 3, "major"),
    ("Leave the islands islands islands islands.", 4, "critical"),
])
def test_a_fourth_copy_makes_a_loop_critical(text, copies, severity):
    (finding,) = findings_of("MT103", text)
    assert f"repeated {copies} times" in finding.message and finding.severity.value == severity


@pytest.mark.parametrize("text,expected,fixed", [
    ("Sony Cybershot DSC-DMC-DMC-DMC-DMC-DMC camera.", ["DMC-DMC-DMC-DMC"], "Sony Cybershot DSC-DMC camera."),
    ("They danced the cha-cha-cha all night.", [], None),
    ("A well-to-do family.", [], None),
])
def test_a_loop_inside_a_hyphenated_word(text, expected, fixed):
    assert flagged("MT103", text) == expected
    if fixed:
        (finding,) = findings_of("MT103", text)
        assert finding.severity.value == "critical" and finding.fixes[0].apply(text) == fixed


def test_oscillation_fix_keeps_one_copy():
    text = "Leave the islands islands islands islands."
    (finding,) = findings_of("MT103", text)
    assert finding.fixes[0].apply(text) == "Leave the islands."


def test_near_duplicate_sentence_across_paragraphs(seed_text):
    from mtqa.io.readers import read_path
    from mtqa.pipeline import Pipeline
    from mtqa.rules import lookup
    from tests.conftest import SEED

    document = read_path(str(SEED))
    checked = Pipeline([lookup("MT104")]).check(document.segments, document.running_text)
    flagged_segments = [(c.segment.id, f.text[:20]) for c in checked for f in c.findings]
    assert flagged_segments == [("6", "Macron for its part,")]


def test_near_duplicate_exact_repeat_is_major_and_different_sentences_are_not_flagged():
    text = ("The government approved the new budget for schools on Friday. Opposition parties criticised it. "
            "The government approved the new budget for schools on Friday.")
    (finding,) = findings_of("MT104", text)
    assert finding.severity.value == "major" and finding.start == text.rindex("The government")
    assert findings_of("MT104", "Prices for bread rose in March. Prices for fuel fell sharply in April.") == []


def test_a_short_sentence_said_again_in_its_paragraph_is_a_near_duplicate():
    text = "Murnau was born in Murnau, Germany. He was born in Murnau, Germany."  # a Guerreiro repetition
    (finding,) = findings_of("MT104", text)
    assert finding.severity.value == "major" and finding.start == text.index("He was")
    assert findings_of("MT104", "The vote was held on Monday. The vote was held again on Friday.") == []
    # three shared words across paragraphs are not enough: a news article says such things twice
    from mtqa.model import Document, Segment
    from mtqa.pipeline import Pipeline
    from mtqa.rules import lookup

    document = Document("<t>", [Segment(id="1", text="Murnau was born in Murnau, Germany."),
                                Segment(id="2", text="He was born in Murnau, Germany.")], running_text=True)
    assert [f for c in Pipeline([lookup("MT104")]).check(document.segments, True) for f in c.findings] == []


@pytest.mark.parametrize("text", [
    "He won the final 6-4, 6-4 in straight sets.",
    "The score was 1, 1 and then 2.",
    "Flights BA 117 and BA 117A were cancelled.",
    "The numbers 7 and 7 add up to 14.",
])
def test_numbers_alone_said_twice_are_left_alone(text):
    assert flagged("MT101", text) == []


def test_alternatives_with_or_are_deliberate():
    assert flagged("MT102", "It determines a reference from a sign or signs and their context.") == []
    assert flagged("MT102", "Send an e-mail or email to the office.") == ["email"]


def test_variant_duplicate_negatives_from_post_edits():
    assert flagged("MT102", "More and more people came.") == []
    assert flagged("MT102", "The building built in 1900 was sold.") == []
    assert flagged("MT102", "We defended, defend and will defend it.") == []


@pytest.mark.parametrize("text,expected,fixed", [
    ("Prices rose sharply, sharply in May.", ["sharply"], "Prices rose sharply in May."),
    ("The results were strong, strong and stable.", ["strong"], "The results were strong and stable."),
    ("The results were strong and strong.", ["strong"], "The results were strong."),
    ("The plane was diverted, was diverted back to Kabul.", ["was diverted"], "The plane was diverted back to Kabul."),
    ("At least 30 people were killed and killed.", ["killed"], "At least 30 people were killed."),
    ("The bishop will be inaugurated and be inaugurated in May.", ["be inaugurated"],
     "The bishop will be inaugurated in May."),
    ("The crown of Norway remained and Norway remained Danish.", ["Norway remained"],
     "The crown of Norway remained Danish."),
    ("It stood for centuries, centuries, at the coast.", ["centuries"], "It stood for centuries, at the coast."),
    ("He addressed the file, the file judiciously.", ["the file"], "He addressed the file judiciously."),
    ("Do you need to opt-out or opt-out of transport?", ["opt-out"], "Do you need to opt-out of transport?"),
    ("The fee is paid monthly or monthly by card.", ["monthly"], "The fee is paid monthly by card."),
    ("They had good, good relations.", ["good"], "They had good relations."),  # no determiner: no emphasis
    ("Rates were held on Thursday, Thursday, citing inflation.", ["Thursday"],
     "Rates were held on Thursday, citing inflation."),  # a day is no name said twice
    ("The road links the two towns and the two towns with the coast.", ["the two towns"],
     "The road links the two towns with the coast."),
    ("The ward needs more nurses and more nurses and porters.", ["more nurses"],  # once, not also as a pair
     "The ward needs more nurses and porters."),
    ("The club faces a new, new problem.", ["new"], "The club faces a new problem."),  # not a word for emphasis
    ("The firm will cut 2,000 jobs, 2,000 jobs by May.", ["2,000 jobs"], "The firm will cut 2,000 jobs by May."),
    ("Police found 12 rifles and 12 rifles in the car.", ["12 rifles"], "Police found 12 rifles in the car."),
    ("The terminal will open in the autumn, in the autumn of 2026.", ["in the autumn"],
     "The terminal will open in the autumn of 2026."),  # a preposition's phrase said again across a comma
])
def test_repeats_across_a_comma_and_or_or(text, expected, fixed):
    assert flagged("MT101", text) == expected
    (finding,) = findings_of("MT101", text)
    assert finding.fixes[0].apply(text) == fixed


@pytest.mark.parametrize("text", [
    "He tried again and again.", "It got bigger and bigger.", "They waited for years and years.",
    "More and more people came.", "They talked and talked for hours.", "It sounds like ding, ding, ding.",
    "It was very, very cold.", "The talks went on and on.", "Johnson and Johnson reported.",
    "If you put energy into the universe, the universe will curve.", "The pills changed and changed.",
    "They waited and waited.", "Believe it or not, it may or may not rain.", "Whether he came or not, we left.",
    "Take it or leave it.", "Want or want not, it is the law.", "The club faces a big, big problem.",
    "It's a long, long way to go.", "She lived in a tiny, tiny flat.",
    "He went over and over and over it.", "It was more and more and more of the same.",
    "The provincial government and the provincial government's critics met.",
    "Power lies with the regional council and the regional council will decide.",  # a new clause picks it up
    "They lived in Gautam, Gautam is a town.",
    "Let it go, let it go.", "We want a fair deal, a fair deal now.",  # a longer phrase across a comma: rhetoric
])
def test_deliberate_coordination_of_a_word_with_itself_is_fine(text):
    assert flagged("MT101", text) == []


@pytest.mark.parametrize("text,expected", [
    ("The traveller and traveler met.", ["traveler"]),
    ("The colour and color of it.", ["color"]),
    ("We set a timeframe and time frame for it.", ["time frame"]),
    ("She bought makeup and make-up.", ["make-up"]),
    ("It was open and open-minded.", ["open-minded"]),
    ("The plan was clear, clear-cut.", ["clear-cut"]),
    ("It was a historic and historical event.", ["historical"]),
    ("He filled and filed the forms.", []),
    ("The time and timeframe were set.", []),
    ("We set a time frame and timeframe for it.", ["timeframe"]),  # the open variant first
    ("He wrote short stories and short-stories.", ["short-stories"]),
    ("The long term, long-term effects are unclear.", ["long-term"]),
    ("He wrote short stories and shorts.", []),
    ("The time frame and the frame were set.", []),
    ("Gales hit the north and north-east of the country.", []),  # two regions, not one word twice
    ("The centre and centre-left parties lost seats.", []),
    ("The sea turned blue and blue-green.", []),
    ("The gales hit the north-east, north coast.", ["north"]),  # only "and" joins two regions
    ("It was sharp and sharp-edged.", ["sharp-edged"]),  # one set's words only: "edged" is none
    ("The judge said his judgement and judgment was final.", ["judgment"]),  # -dgement
    ("The new paediatric and pediatric ward opens today.", ["pediatric"]),  # ae
    ("The drug lowers oestrogen and estrogen levels.", ["estrogen"]),  # oe
    ("She promised to fulfil, fulfill every pledge.", ["fulfill"]),  # final -il
    ("The sizeable and sizable crowd cheered.", ["sizable"]),  # -eable
    ("Analysts were sceptical and skeptical about it.", ["skeptical"]),
    ("The enrolment and enrollment figures rose.", ["enrollment"]),  # -lment
    ("He filled the canoes and canes with water.", []),
])
def test_variant_duplicates_in_spelling_spacing_and_affix(text, expected):
    assert flagged("MT102", text) == expected


def test_an_open_variant_first_keeps_the_first():
    text = "He wrote short stories and short-stories for children."
    (finding,) = findings_of("MT102", text)
    assert finding.message == "“short-stories” repeats “short stories” in another spelling"
    assert finding.fixes[0].apply(text) == "He wrote short stories for children."


def test_a_sentence_said_again_word_for_word_or_but_for_one_word_is_a_near_duplicate():
    # the content words alone (3 of 4 shared, 2 in all) do not make these near duplicates
    shortened = "This applies equally to both physics and psychology. This applies to both physics and psychology."
    for text, how in ((shortened, "with a word left out"),
                      ("Without a doubt, it is the insects. Without a doubt, it is the insects.", "word for word"),
                      ("The bridge was closed after the storm. The bridge was closed after the heavy storm.",
                       "with a word added")):
        (finding,) = findings_of("MT104", text)
        assert finding.severity.value == "major" and how in finding.message
        assert finding.start == text.index(". ") + 2 and finding.end == len(text)
    assert findings_of("MT104", shortened)[0].fixes[0].apply(shortened) == shortened[:shortened.index(". ") + 1]


def test_short_or_reworded_sentences_said_again_are_not_copies():
    for text in ("This is not a drill. This is not a drill.",  # five words: said so on purpose
                 "It was a good year. It was a very good year.",
                 "The first vote was held on Monday. The second vote was held on Monday.",  # a word changed
                 "The vote was held on Monday. The vote was held again on Friday."):
        assert findings_of("MT104", text) == [], text


def test_word_copies_are_looked_up_not_compared():
    from mtqa.rules.repetition import WordCopies

    copies = WordCopies()
    words = ("the", "committee", "met", "again", "on", "monday", "to", "discuss", "the", "budget")
    copies.add(words, 0)
    assert copies.earlier(words) == (0, "word for word")
    assert copies.earlier(words[:3] + words[4:]) == (0, "with a word left out")
    assert copies.earlier(words[:3] + ("quietly",) + words[3:]) == (0, "with a word added")
    assert copies.earlier(words[:3] + ("quietly",) + words[4:]) is None  # a word changed
    assert copies.earlier(tuple(f"w{i}" for i in range(100))) is None  # past COPY_MAX_WORDS: not looked at
