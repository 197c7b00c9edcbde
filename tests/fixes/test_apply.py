import json

import pytest
from typer.testing import CliRunner

from mtqa.cli import app
from mtqa.fixes.apply import choose_fixes
from mtqa.model import Applicability, Edit, Finding, Fix, Severity, apply_edits
from mtqa.pipeline import fix_text
from mtqa.rules import all_rules
from tests.conftest import CLEAN_NEWS, SEED

RULES = all_rules()


@pytest.mark.parametrize("text,expected", [
    ("The disease affects the optic nerve nerve.", "The disease affects the optic nerve."),
    ("Leave the islands islands islands islands.", "Leave the islands."),
    ("He agreed,, and left.", "He agreed, and left."),
    ("The system , which works , is new .", "The system, which works, is new."),
    ("The  meeting was useful.", "The meeting was useful."),
    ("He dampened expectations Their talks.", "He dampened expectations Their talks."),  # not safe: a word is missing
    ("it is cold. the rest is easy.", "It is cold. The rest is easy."),
    ("The cafÃ© opened.", "The café opened."),
    ("The talks ended. Both sides agreed to meet again in spring", ("The talks ended. Both sides agreed to meet "
                                                                   "again in spring.")),
])
def test_safe_fix_per_kind(text, expected):
    assert fix_text(text, RULES) == expected


def test_unsafe_fixes_only_when_asked():
    text = "Putin called it “useful, businesslike and business-like”."
    assert fix_text(text, RULES) == text
    assert fix_text(text, RULES, unsafe=True) == "Putin called it “useful and businesslike”."


def test_fixing_twice_changes_nothing():
    text = SEED.read_text(encoding="utf-8") + "\n\nThe optic nerve nerve nerve , it said.. it  ended"
    once = fix_text(text, RULES, unsafe=True)
    assert fix_text(once, RULES, unsafe=True) == once


def test_clean_text_stays_byte_identical():
    for sentence in CLEAN_NEWS:
        assert fix_text(sentence, RULES, unsafe=True) == sentence


def test_unicode_offsets_accents_emoji_curly_quotes():
    text = "Café 🎉 “réunion” was was useful ,  très bien."
    assert fix_text(text, RULES) == "Café 🎉 “réunion” was useful, très bien."


def _finding(*fixes: Fix) -> Finding:
    return Finding("MT999", "x", "fluency", Severity.MINOR, 0, 1, "x", "m", fixes)


def test_overlapping_edits_are_never_both_applied():
    wide = Fix((Edit(0, 10, "A"),), Applicability.SAFE, "wide")
    narrow = Fix((Edit(2, 4, "b"),), Applicability.SAFE, "narrow")
    elsewhere = Fix((Edit(12, 12, "!"),), Applicability.SAFE, "insert")
    unsafe = Fix((Edit(20, 21, "z"),), Applicability.UNSAFE, "reword")
    chosen = choose_fixes([_finding(wide), _finding(narrow), _finding(elsewhere), _finding(unsafe)])
    assert [f.description for f in chosen] == ["insert", "narrow"]
    assert apply_edits("0123456789abcdef", [e for f in chosen for e in f.edits]) == "01b456789ab!cdef"


runner = CliRunner()


def test_cli_diff_changes_nothing(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Title\n\nHe left the the room.\n", encoding="utf-8")
    result = runner.invoke(app, ["fix", str(path), "--diff"])
    assert "-He left the the room." in result.stdout and "+He left the room." in result.stdout
    assert path.read_text(encoding="utf-8") == "Title\n\nHe left the the room.\n"


def test_cli_in_place_and_output_keep_layout(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Title\n\n  He left the the room.\n\n\nAll good.\n", encoding="utf-8")
    out = tmp_path / "b.txt"
    runner.invoke(app, ["fix", str(path), "-o", str(out)])
    assert out.read_text(encoding="utf-8") == "Title\n\n  He left the room.\n\n\nAll good.\n"
    runner.invoke(app, ["fix", str(path), "--in-place"])
    assert path.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")


def test_cli_jsonl_gets_fixed_field(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "x", "mt": "He left the the room.", "lp": "de-en"}) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["fix", str(path)])
    record = json.loads(result.stdout)
    assert record == {"id": "x", "mt": "He left the the room.", "lp": "de-en", "fixed": "He left the room."}


def test_the_models_major_guesses_are_fixed_before_its_minor_ones():
    """ "heard live The Internet": MT303's "on the Internet" is applied first; MT801's "by live", a guess at
    the same error, waits for the next pass, where it is asked again of the fixed text. A rule that reads
    the text itself goes before both."""
    from mtqa.pipeline import Pipeline

    text = "Both stations can be heard live The Internet."

    def finding(rule: str, severity: Severity, start: int, end: int, new: str) -> Finding:
        fix = Fix((Edit(start, end, new),), Applicability.UNSAFE, "fix")
        return Finding(rule, rule, "fluency", severity, start, end, text[start:end], "m", (fix,))

    capital = finding("MT303", Severity.MAJOR, 32, 35, "on the")
    guess = finding("MT801", Severity.MINOR, 27, 27, "by ")
    own = finding("MT101", Severity.MINOR, 0, 4, "Both")
    pipeline = Pipeline(all_rules())
    assert pipeline._fixed_first([capital, guess], unsafe=True) == [capital]
    assert pipeline._fixed_first([guess, capital, own], unsafe=True) == [own]
    assert pipeline._fixed_first([guess], unsafe=True) == [guess]
    assert pipeline._fixed_first([capital, guess], unsafe=False) == [capital, guess]  # nothing safe to apply
