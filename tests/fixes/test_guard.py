"""No fix may lose a name, a number or a content word that is not a duplicate."""

import pytest

from mtqa.fixes.guard import keeps_content, lost_words
from mtqa.model import Applicability, Edit, Fix
from mtqa.pipeline import check_text
from mtqa.rules import all_rules


@pytest.mark.parametrize("before,after,lost", [
    ("Mr Dutton called on Ms Plibersek to guarantee it.", "Mr Dutton called on Ms to guarantee it.", ["Plibersek"]),
    ("It rose by 12 percent in May.", "It rose by percent in May.", ["12"]),
    ("The stadium held xylophone crowds.", "The stadium held crowds.", ["xylophone"]),
    ("He went to to the market.", "He went to the market.", []),
    ("a useful, businesslike and business-like meeting", "a useful and businesslike meeting", []),
    ("the colour and color of it", "the colour of it", []),
    ("Inflation was 3,5 percent.", "Inflation was 3.5 percent.", []),
    ("The budget reaches 1 000,5 million.", "The budget reaches 1,000.5 million.", []),
    ("He discussed the presidency. Volodymyr Zelensky with.", "He discussed the presidency with Volodymyr Zelensky.", []),
    ("The meeting was useful very for both sides.", "The meeting was very useful for both sides.", []),
    ("Sony DSC-DMC-DMC-DMC-DMC camera", "Sony DSC-DMC camera", []),
    ("Sony DSC-DMC-DMC-DMC-DMC camera", "Sony DSC camera", ["DSC-DMC-DMC-DMC-DMC"]),
])
def test_lost_words(before, after, lost):
    assert lost_words(before, after) == lost


def test_a_rules_fix_that_would_delete_a_name_is_not_offered():
    text = "Mr Dutton called on Ms Plibersek to guarantee the funding."
    deleting = Fix((Edit(20, 30, ""),), Applicability.UNSAFE, "Delete “Plibersek”")
    assert not keeps_content(text, deleting)
    for finding in check_text(text, all_rules()):
        assert all(keeps_content(text, fix) for fix in finding.fixes)


def test_an_open_compound_may_go_when_its_closed_form_stays():
    assert lost_words("buyers who otherwise and other wise would", "buyers who otherwise would") == []
