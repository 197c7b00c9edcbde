
from tests.conftest import findings_of, flagged


def test_unbalanced_pairs():
    assert flagged("MT501", "He said “we will not yield.") == ["“"]
    assert flagged("MT501", "Prices rose (by 2% in March.") == ["("]
    assert flagged("MT501", "Prices rose by 2%) in March.") == [")"]
    assert flagged("MT501", 'He said "no.') == ['"']
    assert flagged("MT501", "He said “no” (twice).") == []


def test_doubled_punctuation_and_fix():
    text = "He agreed,, and left.. Then... silence."
    assert flagged("MT502", text) == [",,", ".."]
    fixed = text
    for finding in reversed(findings_of("MT502", text)):
        fixed = finding.fixes[0].apply(fixed)
    assert fixed == "He agreed, and left. Then... silence."


def test_space_before_punctuation():
    text = "The system , which works well , is new ."
    assert flagged("MT503", text) == [" ", " ", " "]
    assert flagged("MT503", "Rates ( 2% ) rose.") == [" ", " "]
    assert flagged("MT503", "It fell to .5 percent ... then rose.") == []


def test_doubled_space():
    text = "The  meeting was useful."
    (finding,) = findings_of("MT504", text)
    assert finding.fixes[0].apply(text) == "The meeting was useful."


def test_mojibake_is_found_and_repaired():
    text = "The cafÃ© said it wonâ€™t close."
    found = findings_of("MT601", text)
    assert [f.text for f in found] == ["cafÃ©", "wonâ€™t"]
    assert found[0].fixes[0].edits[0].replacement == "café"
    assert flagged("MT601", "The café in Zürich said it won’t close.") == []


def test_replacement_and_control_characters():
    assert flagged("MT602", "The caf\ufffd opened.") == ["\ufffd"]
    assert flagged("MT603", "The meeting\u200b was\x07 useful.") == ["\u200b", "\x07"]
    assert flagged("MT603", "Line one\nline two\tend.") == []


def test_foreign_script():
    assert flagged("MT604", "Putin stressed that военные sailors perform well.") == ["военные"]
    assert flagged("MT604", "It affects the optic 視神経.") == ["視神経"]
    assert flagged("MT604", "The α particle has a mass of 4 u.") == []


def test_not_english():
    assert flagged("MT605", "Le président a rencontré son homologue russe lundi à Moscou pour discuter.") != []
    assert flagged("MT605", "Der Präsident hat sich am Montag in Moskau mit seinem Amtskollegen getroffen.") != []
    assert flagged("MT605", "The president met his Russian counterpart in Moscow on Monday.") == []


def test_list_items_and_cited_foreign_words_are_fine():
    assert flagged("MT501", "c) Beauty is wisdom, logos and a symbol.") == []
    assert flagged("MT604", "The name comes from the Greek word Καλλις, which means ‘beautiful’.") == []


def test_foreign_latin_script_words():
    found = findings_of("MT606", "It is hard to exchange money there, alors change it before leaving.")
    assert [f.text for f in found] == ["alors"] and found[0].severity.value == "major"
    assert flagged("MT606", "The ministers met in Brussels to discuss the budget, the café and the façade.") == []
    assert flagged("MT606", "Schröder and Zelensky met in Kalifornien.") == []  # capitalised: names are left alone


def test_abbreviation_before_punctuation_is_not_doubled():
    assert flagged("MT502", "He met Andrew Jackson Jr., the heir, on p.; then left.") == []
