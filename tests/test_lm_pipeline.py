"""The pipeline with the real default language model: fluency in the score, verified and ranked fixes."""

import json

import pytest
from typer.testing import CliRunner

from mtqa.cli import app
from mtqa.fixes.verify import verify_findings
from mtqa.io.readers import read_path
from mtqa.lm.device import SCORE_TOLERANCE
from mtqa.lm.registry import load_scorer
from mtqa.lm.view import LMStage, sentence_pieces
from mtqa.model import Applicability, Document, Edit, Finding, Fix, Segment, Severity
from mtqa.nlp.tokens import tokenize
from mtqa.pipeline import Pipeline, fix_text
from mtqa.rules import all_rules, lookup

STRAY = "However, he himself dampened expectations Their talks in Moscow."
CLEAN = "The central bank raised interest rates by a quarter of a percentage point on Wednesday."


@pytest.fixture(scope="module")
def scorer():
    return load_scorer("smollm2-135m", "cpu")


def _run(scorer, *texts: str):
    document = Document("<test>", [Segment(id=str(i), text=t) for i, t in enumerate(texts, 1)], running_text=False)
    return list(Pipeline(all_rules(), lm=scorer).results(document))


def test_fluency_is_part_of_the_score_and_tokens_map_back(scorer):
    stray, clean = _run(scorer, STRAY, CLEAN)
    assert stray.fluency is not None and clean.fluency is not None
    assert stray.fluency < clean.fluency and stray.score < clean.score
    assert clean.score == clean.quality  # no finding: the score is the quality (with the learned heads)
    assert stray.quality < clean.quality
    assert all(STRAY[start:end].strip() for start, end, _ in stray.tokens)
    fixed_text = STRAY.replace("Their", "for their")
    (fixed,) = _run(scorer, fixed_text)
    their = next(s for start, end, s in stray.tokens if STRAY[start:end] == "Their")
    their_fixed = next(s for start, end, s in fixed.tokens if fixed_text[start:end] == "their")
    assert their > their_fixed + 5  # nats


def test_stray_capital_gets_a_verified_repair_first(scorer):
    (result,) = _run(scorer, STRAY)
    assert [f.rule for f in result.findings] == ["MT301"]  # MT801 on the same word is not repeated
    fixes = result.findings[0].fixes
    assert all(f.gain is not None for f in fixes)
    assert fixes[0].applicability is Applicability.UNSAFE and fixes[0].description.startswith("Insert")
    lowered = next(f for f in fixes if f.description == "Write “their”")
    assert lowered.applicability is Applicability.UNSAFE  # the lower-cased text still misses a word
    assert fixes[0].gain > lowered.gain > 0


@pytest.mark.parametrize(("damaged", "clean"), [
    ("The protests were suppressed The Belarusian police last year.",
     "The protests were suppressed by the Belarusian police last year."),
    ("The new rules apply to every member The European Union.",
     "The new rules apply to every member of the European Union."),
])
def test_a_capital_article_before_a_name_gets_its_dropped_word_back(scorer, damaged, clean):
    """MT303: "The" capitalised between a lower-case word and a name, repaired only by the word put back."""
    (result,) = _run(scorer, damaged)
    assert [f.rule for f in result.findings if f.text == "The" and f.start > 0] == ["MT303"]
    assert fix_text(damaged, [lookup("MT303")], unsafe=True, lm=scorer) == clean


def test_mt303_puts_back_only_the_words_the_pass_finds_likely_there(scorer):
    """The pass's next-token distribution before the capital names the words worth asking about: "by" is
    among them, and far fewer than all the words a stray capital may have lost are put to the model."""
    from mtqa.rules.casing import INSERTABLE, LIKELY_WORDS

    (result,) = _run(scorer, "The protests were suppressed The Belarusian police last year.")
    [finding] = [f for f in result.findings if f.rule == "MT303"]
    inserted = [fix.edits[0].replacement.split()[0] for fix in finding.fixes]
    assert inserted[0] == "by" and 2 <= len(inserted) <= LIKELY_WORDS < len(INSERTABLE)
    assert set(inserted) <= set(INSERTABLE)


def test_a_word_that_is_also_a_given_name_gets_its_dropped_word_back_and_names_stay(scorer):
    """MT304: "money Go home" is "money to go home"; "thanked Major" names a person, whose repairs gain less
    than MT304's bar (MT303 leaves given names to it)."""
    damaged = "However, Jaanus does not use that money Go home."
    (result,) = _run(scorer, damaged)
    assert [f.rule for f in result.findings if f.text == "Go"] == ["MT304"]
    assert fix_text(damaged, [lookup("MT304")], unsafe=True, lm=scorer) == damaged.replace("Go", "to go")
    for clean in ("The minister thanked Major for his years of service.",
                  "Reporters followed Young through the crowd.", "The senator told Bill that the vote would be delayed."):
        (result,) = _run(scorer, clean)
        assert [f.rule for f in result.findings if f.rule.startswith("MT30")] == []


def test_a_capital_article_before_a_number_gets_a_dropped_word_back(scorer):
    damaged = "The protest, which took place The 18th consecutive day, was smaller."
    (result,) = _run(scorer, damaged)
    assert [f.rule for f in result.findings if f.text == "The" and f.start > 0] == ["MT303"]
    assert fix_text(damaged, [lookup("MT303")], unsafe=True, lm=scorer) in (
        damaged.replace("place The", "place for the"), damaged.replace("place The", "place on the"))


def test_a_dropped_an_is_put_back_as_an(scorer):
    """ "refused Emergency landing": the article a stray capital marks may be "an"."""
    damaged = "The plane was diverted back to Kabul after it was refused Emergency landing in the city."
    assert fix_text(damaged, [lookup("MT303")], unsafe=True, lm=scorer) == damaged.replace(
        "refused Emergency", "refused an emergency")


def test_a_dropped_article_before_a_named_battle_keeps_its_capital(scorer):
    """ "following Battle of Verdun": the word put back before the capital, which "of" and a name keep."""
    damaged = "The French used similar tactics, and hence following Battle of Verdun, 600 000 soldiers died."
    assert fix_text(damaged, [lookup("MT303")], unsafe=True, lm=scorer) == damaged.replace(
        "following Battle", "following the Battle")


def test_its_for_a_city_is_left_alone(scorer):
    """A model that would write "their" after a name reads it as a group, not a person: only "his" or "her"
    may confirm MT403, and neither does for a city."""
    text = "In western Athens, the naval dominance of Carthage was undeniable, but its land army was very incomplete."
    (result,) = _run(scorer, text)
    assert [f.rule for f in result.findings if f.rule in ("MT401", "MT403")] == []
    damaged = "Giancarlo Fisichella lost control of its car and finished the race."
    (result,) = _run(scorer, damaged)
    (finding,) = [f for f in result.findings if f.rule == "MT403"]
    assert finding.fixes[0].apply(damaged) == damaged.replace("its", "his")


def test_it_for_a_person_is_found_and_it_for_a_company_is_left_alone(scorer):
    damaged = "Villu Reiljan announced that it would resign as party leader."
    (result,) = _run(scorer, damaged)
    (finding,) = [f for f in result.findings if f.rule == "MT405"]
    assert damaged[finding.start:finding.end] == "it" and finding.severity is Severity.MAJOR
    assert finding.fixes[0].apply(damaged) == damaged.replace(" it ", " he ")
    damaged = "When I contacted my sister, it told me that the meeting was over."  # kin, after a comma
    (result,) = _run(scorer, damaged)
    assert [damaged[f.start:f.end] for f in result.findings if f.rule == "MT405"] == ["it"]
    for text in ("Toyota said it would recall 1.2 million cars.", "Merkel said it was a difficult decision.",
                 "Chelsea said it would appeal against the ban.", "The woman bought a new house because it was cheap."):
        (result,) = _run(scorer, text)
        assert [f.rule for f in result.findings if f.rule == "MT405"] == [], text


def test_it_for_a_person_is_found_after_any_word_and_a_group_reading_clears_a_bare_name(scorer):
    """ "it" after a word that opens no clause ("the following year it married"), and before a role ("it was
    the commander"), is put to the model too. After a name the document does not show to be a person's, the
    model must also prefer "he"/"she" to "they": "Hamas said it would" gains 5.6 nats for "he", but "they"
    gains 4.7, so the "it" is a group's."""
    for damaged, pronoun in (("Ms Lindqvist moved to Oslo, and the following year it married a local doctor.", "she"),
                             ("Chavez did not take part in the protest since the day it had been admitted to hospital.", "he"),
                             ("During the war, it was the commander of several units under the German command.", "he")):
        (result,) = _run(scorer, damaged)
        (finding,) = [f for f in result.findings if f.rule == "MT405"]
        assert damaged[finding.start:finding.end] == "it", damaged
        assert pronoun in {fix.edits[0].replacement for fix in finding.fixes}, damaged
        assert "they" not in {fix.edits[0].replacement for fix in finding.fixes}, damaged
    (result,) = _run(scorer, "Hamas said it would release the hostages on Sunday.")
    assert [f.rule for f in result.findings if f.rule == "MT405"] == []


@pytest.mark.parametrize("text", ["Hamas said its fighters had attacked the convoy.",
                                  "Juventus said its accounts were correct."])
def test_its_after_a_bare_name_the_model_reads_as_a_group_is_left_alone(scorer, text):
    """ "Hamas said its fighters": "his" gains over "its", but "their" gains as much: a group's "its"."""
    (result,) = _run(scorer, text)
    assert [f.rule for f in result.findings if f.rule in ("MT401", "MT403")] == []


@pytest.mark.parametrize("text", [
    "The coach praised the team for its discipline in defence.",
    "Ms Ardern thanked the country for its patience during the lockdown.",
    "The captain steered the ship through the storm and saved its crew.",  # "his" gains 2.6 nats
    "The coach left the club after its relegation.",  # 1.7
])
def test_its_for_a_group_between_the_person_and_its_is_left_alone(scorer, text):
    """With a noun between the person and "its", a model that prefers "their" reads the group's, and the
    person's pronoun must gain 3 nats: "his crew" reads as well as the ship's."""
    (result,) = _run(scorer, text)
    assert [f.rule for f in result.findings if f.rule in ("MT401", "MT403")] == []
    damaged = "Rutte for its part said the talks were useful."  # nothing between: still a person's "its"
    (result,) = _run(scorer, damaged)
    (finding,) = [f for f in result.findings if f.rule in ("MT401", "MT403")]
    assert {fix.apply(damaged) for fix in finding.fixes} == {damaged.replace("its", p) for p in ("his", "her")}


@pytest.mark.parametrize("text", [
    "He told The Associated Press that the talks had failed.",
    "The interview was first published by The Guardian on Sunday.",
])
def test_a_title_with_a_capital_article_is_left_alone(scorer, text):
    (result,) = _run(scorer, text)
    assert [f.rule for f in result.findings if f.rule in ("MT301", "MT303")] == []


def test_refuted_finding_is_dropped(scorer):
    text = "The committee approved the plan on Monday."
    bad_fix = Fix((Edit(4, 13, "Committee the"),), Applicability.UNSAFE, "scramble")
    finding = Finding("MT301", "stray-capital", "fluency/spelling", Severity.MAJOR, 4, 13, "committee", "m",
                      (bad_fix,))
    rules = {code: lookup(code) for code in ("MT301", "MT101")}
    assert verify_findings(scorer, text, [finding], rules) == []
    kept = Finding("MT101", "duplicate-word", "fluency/repetition", Severity.MINOR, 4, 13, "committee", "m",
                   (bad_fix,))
    assert len(verify_findings(scorer, text, [kept], rules)) == 1  # exact rules are not second-guessed


def test_a_learned_finding_the_model_does_not_confirm_is_at_most_minor(scorer):
    """MT802 reads the word head alone; with none of its edits gaining 10 nats (MT801's bar) it keeps no fix
    and cannot fail a gate as a major finding. A confirmed edit keeps it major."""
    text = "Portugal is a member of several pan-European scientific organisations."
    scramble = Fix((Edit(24, 31, "organisations several"),), Applicability.UNSAFE, "scramble")
    finding = Finding("MT802", "word-error", "fluency/grammar", Severity.MAJOR, 24, 31, "several", "m", (scramble,))
    (unconfirmed,) = verify_findings(scorer, text, [finding], {"MT802": lookup("MT802")})
    assert unconfirmed.severity is Severity.MINOR and unconfirmed.fixes == ()
    damaged = "The meeting was useful very for both sides."
    swap = Fix((Edit(16, 27, "very useful"),), Applicability.UNSAFE, "swap")
    finding = Finding("MT802", "word-error", "fluency/grammar", Severity.MAJOR, 16, 27, "useful very", "m", (swap,))
    (confirmed,) = verify_findings(scorer, damaged, [finding], {"MT802": lookup("MT802")})
    assert confirmed.severity is Severity.MAJOR and confirmed.fixes[0].gain >= 10.0


def test_fix_with_lm_repairs_the_seed_sentences(scorer):
    rules = all_rules()
    pipeline = Pipeline(rules, lm=scorer)
    document = Document("<t>", [Segment(id="1", text=STRAY)])
    (fixed,) = pipeline.fix(document, unsafe=True)
    assert fixed.startswith("However, he himself dampened expectations ") and " their talks" in fixed
    assert fixed != fix_text(STRAY, rules, unsafe=True)  # the LM's repair, not just the lower-casing
    (safe,) = pipeline.fix(document, unsafe=False)
    assert safe == STRAY  # no safe fix: lower-casing alone leaves the sentence broken


def test_cli_records_carry_fluency_and_gains(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(STRAY + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(path), "-f", "jsonl", "--lm", "smollm2-135m", "--device", "cpu"])
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert 0 <= record["fluency"] <= 100 and record["tokens"][0]["start"] == 0
    assert all("gain" in fix for f in record["findings"] for fix in f["fixes"])


def test_bad_model_is_a_clear_error(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(CLEAN, encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(path), "--lm", str(tmp_path / "no-model")])
    assert result.exit_code == 2 and "not found" in result.stderr


@pytest.fixture
def no_heads(monkeypatch):
    """The pipeline as it runs with a model that ships no learned heads: MT801 and the older fluency."""
    monkeypatch.setattr("mtqa.lm.view.heads_for", lambda scorer: None)


def test_disfluent_word_needs_a_verified_edit(scorer, no_heads):
    rules = [lookup("MT801")]
    document = Document("<t>", [Segment(id="1", text="The meeting was useful very for both sides."),
                                Segment(id="2", text=CLEAN)], running_text=False)
    results = list(Pipeline(rules, lm=scorer).results(document))
    assert results[1].findings == []
    for finding in results[0].findings:
        assert finding.fixes and finding.fixes[0].gain >= 10.0


def test_seed_with_lm_keeps_every_artefact(scorer):
    results = list(Pipeline(all_rules(), lm=scorer).results(read_path("seeds/000_bcd470c7927b5382.txt")))
    rules = {f.rule for r in results for f in r.findings}
    assert {"MT102", "MT202", "MT401", "MT301", "MT104"} <= rules


def test_summary_aggregates_fluency(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(STRAY + "\n\n" + CLEAN + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(path), "-f", "json", "--lm", "smollm2-135m", "--device", "cpu"])
    data = json.loads(result.stdout)
    fluencies = [s["fluency"] for s in data["documents"][0]["segments"]]
    assert data["summary"]["mean_fluency"] == round(sum(fluencies) / 2, 1)


def test_looping_text_is_not_rewarded_for_being_predictable(scorer):
    from mtqa.lm.view import repeated_share

    loop = "We want peace and the government and the government and the government and the government said so."
    assert repeated_share(loop) > 0.5
    assert repeated_share("The talks in Moscow ended; the talks in Moscow will resume.") == 0.0
    (result,) = _run(scorer, loop)
    view_fluency = result.fluency
    assert view_fluency is not None and view_fluency < 50


def test_a_long_loop_asks_the_model_for_at_most_a_windows_budget(scorer, monkeypatch):
    """A stray capital in every copy of a loop: without the budget, 59 findings of 19 candidates each, every
    candidate the whole 480-character sentence (quadratic in the loop's length)."""
    from mtqa.fixes import verify

    asked: list[tuple[str, list[str]]] = []
    original = verify.compare_many

    def counted(scorer, pairs, horizon=None):
        asked.extend(pairs)
        return original(scorer, pairs, horizon)

    monkeypatch.setattr(verify, "compare_many", counted)
    (result,) = _run(scorer, "The dog " * 60)
    assert [f.rule for f in result.findings if f.severity is Severity.CRITICAL] == ["MT103"]
    assert asked and all(sum(len(c) for c in candidates) <= verify.WINDOW_BUDGET for _, candidates in asked)


@pytest.mark.parametrize("text", [
    "Mr Dutton called on Ms Plibersek to guarantee the funding for the new hospital.",
    "Boeing said its deliveries fell in May.",
    "They visited Turkey last week and met Erdogan in Ankara.",
    "Apple said its new phone would go on sale in the U.S. and Europe next month.",
    # Clean dev sentences where the word head read the name or a compound's hyphen as an error (MT802).
    ("After the Easter holidays, up to Pentecost, the Nedei celebrations took place in each Sunday in another "
     "village in this part of the Streiu Valley."),
    "Portugal is a member of several pan-European scientific organisations.",
    ("Apple’s introduction of the larger-screened iPhone 6 and 6 Plus in mid-September may have lured some "
     "would-be Galaxy buyers."),
])
def test_rare_names_and_companies_are_left_alone_with_the_model(scorer, text):
    """A rare name is not an error, nor a compound's hyphen, "its" for a company is right, and no fix touches
    any of them."""
    assert fix_text(text, all_rules(), unsafe=True, lm=scorer) == text
    (result,) = _run(scorer, text)
    assert [f.rule for f in result.findings if f.rule in ("MT303", "MT403", "MT801", "MT802", "MT803")] == []


def test_the_word_head_reports_no_run_of_punctuation_alone(scorer):
    """The word head read the quotes round a button's name as errors (0.99); punctuation is MT5xx's."""
    text = 'Click "Save" to keep your changes, or "Cancel" to discard them.'
    (result,) = _run(scorer, text)
    assert [f for f in result.findings if f.rule == "MT802"] == []


@pytest.mark.parametrize("text", [
    "Because of the heatwave, the city opened its swimming pools until midnight.",  # "has" gains 8.1 nats
    "The bridge closed to traffic on Monday while engineers inspected the damage.",  # "was" 8 or more
])
def test_a_simple_past_keeps_its_tense_and_voice_with_the_model(scorer, text):
    """No auxiliary is put back before a past the clause reads as English: the tense or the voice would
    change, and nothing was dropped."""
    assert fix_text(text, all_rules(), unsafe=True, lm=scorer) == text


def test_its_after_a_role_such_as_goalkeeper_is_put_to_the_model(scorer):
    """A role MT405 reads as a person ("goalkeeper", "striker") is one for MT403 too; the fixes are "his",
    "her" and "their", the model's choice first ("their" gains 2.8 nats, "his" 1.4)."""
    text = "The goalkeeper said its mistake had cost the team the match."
    (result,) = _run(scorer, text)
    (finding,) = [f for f in result.findings if f.rule in ("MT401", "MT403")]
    assert finding.rule == "MT403" and text[finding.start:finding.end] == "its"
    assert {fix.apply(text) for fix in finding.fixes} == {text.replace("its", p, 1) for p in ("his", "her", "their")}


def test_its_after_a_who_clause_with_a_noun_is_the_models_to_judge(scorer):
    """A noun in a "who" clause after the name may own "its": the model reads the inquiry's findings
    (gain 0.5 nats for "her"), and a person's resignation (6.8 for "his")."""
    clean = "Ms Nakamura, who chaired the inquiry, said its findings would be published in the spring."
    (result,) = _run(scorer, clean)
    assert [f.rule for f in result.findings if f.rule in ("MT401", "MT403")] == []
    damaged = "Tankler, who edited the paper for years, announced its resignation."
    (result,) = _run(scorer, damaged)
    (finding,) = [f for f in result.findings if f.rule in ("MT401", "MT403")]
    assert finding.rule == "MT403" and damaged[finding.start:finding.end] == "its"
    assert finding.fixes[0].apply(damaged) == damaged.replace("its", "his")


@pytest.mark.parametrize("heads", [True, False])
def test_disfluent_word_repairs_a_dropped_word_and_a_swap(scorer, heads, request):
    """With the learned heads the word head picks the candidate (MT801) or reports it (MT802); without
    them MT801 picks the least likely word."""
    if not heads:
        request.getfixturevalue("no_heads")
    rules = [lookup("MT801"), lookup("MT802"), lookup("MT803")]
    # "to" is put back; with the gap head (gap-v2) "went to market" may then read as wanting "the"
    assert fix_text("He went market yesterday to buy bread.", rules, unsafe=True, lm=scorer) in \
        ("He went to market yesterday to buy bread.", "He went to the market yesterday to buy bread.")
    assert fix_text("The meeting was useful very for both sides.", rules, unsafe=True, lm=scorer) == \
        "The meeting was very useful for both sides."


def test_the_pass_points_at_a_swap_and_one_finding_stands_for_it(scorer):
    """The next-token distributions propose the swapped pair (MT803); of overlapping guesses (MT801's
    least likely word, MT803's pairs) the best verified one stays, so one error is one finding."""
    (result,) = _run(scorer, "The meeting was useful very for both sides.")
    (finding,) = [f for f in result.findings if f.rule in ("MT801", "MT802", "MT803")]
    assert (finding.rule, finding.text) == ("MT803", "useful very")
    assert finding.fixes[0].apply(result.segment.text) == "The meeting was very useful for both sides."
    assert finding.fixes[0].gain >= 7.0


@pytest.mark.parametrize(("damaged", "pair", "clean"), [
    ("The company reported profits strong in the third quarter.", "profits strong",
     "The company reported strong profits in the third quarter."),
    ("Officials said the talks were constructive and continue would next week.", "continue would",
     "Officials said the talks were constructive and would continue next week."),
])
def test_swapped_neighbours_are_found_and_swapped_back_in_any_words(scorer, damaged, pair, clean):
    (result,) = _run(scorer, damaged)
    assert [f.text for f in result.findings if f.rule == "MT803"] == [pair]
    assert fix_text(damaged, all_rules(), unsafe=True, lm=scorer) == clean
    assert fix_text(clean, all_rules(), unsafe=True, lm=scorer) == clean  # the clean order is left alone


def test_an_article_before_a_preposition_is_swapped_back_on_a_smaller_gain(scorer):
    """"the in" is no English: the swap needs 3 nats, not 7 ("in the" gains 4.1 here)."""
    damaged = "The moat was filled the in 1600s."
    (result,) = _run(scorer, damaged)
    (finding,) = [f for f in result.findings if f.rule == "MT803"]
    assert finding.text == "the in" and 3.0 <= finding.fixes[0].gain < 7.0
    assert fix_text(damaged, all_rules(), unsafe=True, lm=scorer) == "The moat was filled in the 1600s."


def test_both_either_or_neither_may_stand_on_either_side_of_a_preposition(scorer):
    """The model reads "applies to both physics" 13 nats better than "applies both to physics" (a clean
    sentence of the dev suite's controls); English writes both, so MT803 does not ask."""
    from mtqa.rules.language_model import _correlative_placement

    (result,) = _run(scorer, "This applies both to physics and psychology alike.")
    assert [f for f in result.findings if f.rule == "MT803"] == []
    assert _correlative_placement("both", "to") and _correlative_placement("for", "either")
    assert not _correlative_placement("both", "sides")


def test_a_participle_before_its_noun_is_not_swapped_behind_it(scorer):
    """"died of the sustained injuries": the model reads "the injuries sustained at the hospital" 10 nats
    better; both are English, so MT803 does not ask."""
    from mtqa.rules.language_model import _participle_before_its_noun

    (result,) = _run(scorer, "The politician died of the sustained injuries at the hospital at 10:35 local time.")
    assert [f for f in result.findings if f.rule == "MT803"] == []

    def words(text: str) -> list:
        return [t for t in tokenize(text) if t.is_word]

    assert _participle_before_its_noun(words("died of the sustained injuries"), 3)
    assert not _participle_before_its_noun(words("One claimed witness said"), 1)  # no determiner before it
    assert not _participle_before_its_noun(words("the wounded were taken away"), 1)  # "were" is no noun


def test_a_safe_fix_the_model_reads_as_worse_becomes_unsafe(scorer):
    text = "The committee approved the plan on Monday."
    worse = Fix((Edit(4, 13, "Committee the"),), Applicability.SAFE, "scramble")
    finding = Finding("MT101", "duplicate-word", "fluency/repetition", Severity.MINOR, 4, 13, "committee", "m",
                      (worse,))
    (verified,) = verify_findings(scorer, text, [finding], {"MT101": lookup("MT101")})
    assert verified.fixes[0].gain < 0 and verified.fixes[0].applicability is Applicability.UNSAFE


@pytest.mark.parametrize(("damaged", "clean"), [
    ("The team brought in experienced people. The training process in.",
     "The team brought in experienced people in the training process."),
    ("However, Jaanus does not use that money. Go home to.", "However, Jaanus does not use that money to go home."),
])
def test_a_clause_split_before_an_ambiguous_preposition_is_confirmed_by_the_model_and_rejoined(scorer, damaged, clean):
    (result,) = _run(scorer, damaged)
    assert [(f.rule, f.severity) for f in result.findings] == [("MT205", Severity.MAJOR)]
    assert result.findings[0].fixes[0].gain >= 5
    document = Document("<test>", [Segment(id="1", text=damaged)], running_text=False)
    assert Pipeline(all_rules(), lm=scorer).fix(document, unsafe=True) == [clean]


@pytest.mark.parametrize("text", [
    "She had no pen. There was nothing to write with.",
    "The shop closed early. There was nobody to sell to.",
    "The minister resigned last week. Nobody knew what he stood for.",
])
def test_a_whole_sentence_ending_in_a_preposition_is_left_alone(scorer, text):
    (result,) = _run(scorer, text)
    assert [f.rule for f in result.findings] == []


@pytest.mark.parametrize(("damaged", "clean"), [
    ("He scored the most goals in a single season. Real Madrid for.",
     "He scored the most goals in a single season for Real Madrid."),
    ("Prime Minister Haniyya refused. Grant the request to.", "Prime Minister Haniyya refused to grant the request."),
])
def test_the_model_chooses_the_case_of_a_rejoined_fragment(scorer, damaged, clean):
    document = Document("<test>", [Segment(id="1", text=damaged)], running_text=False)
    assert Pipeline(all_rules(), lm=scorer).fix(document, unsafe=True) == [clean]


def test_no_article_or_preposition_is_put_before_a_verb_a_determiner_follows(scorer):
    """ "The decision of angered the community" gains 11.7 nats by the length-fair criterion (the frequent "of"
    costs little), but a past form before "the" is the clause's verb: only an auxiliary may come before it."""
    text = ("The decision angered the community of Crimean Tartars, because it also hinders the organisation "
            "of events commemorating the deportation of Crimean Tartars on 18 May.")
    document = Document("<test>", [Segment(id="1", text=text)], running_text=False)
    assert Pipeline(all_rules(), lm=scorer).fix(document, unsafe=True) == [text]


def test_the_models_guesses_wait_for_the_rules_fixes_and_are_asked_again(scorer):
    """MT801 offers to delete a repeated word and MT101 deletes its copy: applied together they would delete
    the word twice. The guess waits a pass, and on the text MT101 leaves the word is no longer a repeat."""
    text = "The colinary and colinary area is covered by vineyards."
    (result,) = _run(scorer, text)
    assert {f.rule for f in result.findings} == {"MT101", "MT801"}
    document = Document("<test>", [Segment(id="1", text=text)], running_text=False)
    assert Pipeline(all_rules(), lm=scorer).fix(document, unsafe=True) == ["The colinary area is covered by vineyards."]


@pytest.mark.parametrize(("text", "word", "deleted"), [
    ("The colinary and colinary area is covered by vineyards.", 3, True),  # the copy two words on
    ("The results were strong, strong and stable.", 3, True),
    ("The meeting was useful very for both sides.", 4, True),  # a function word
    # the sentence says it again a clause later: no duplicate, and no fix may cut it
    ("That shrill sound is a sign when black holes merge, and there is a shrill sound when it is over.", 1, False),
])
def test_a_guess_deletes_a_content_word_only_as_a_near_copy(text, word, deleted):
    from mtqa.nlp.tokens import tokenize
    from mtqa.rules.language_model import _local_edits

    words = [t for t in tokenize(text) if t.is_word]
    deletions = [f for f in _local_edits(text, words, word) if f.description.startswith("Delete")]
    assert bool(deletions) is deleted, text[words[word].start:words[word].end]


def test_the_model_chooses_how_a_variant_in_a_list_is_dropped(scorer):
    """'X, A and A'' was 'X and A' in the seed, but 'X, A' where the variant was added after a list's word."""
    pipeline = Pipeline([lookup("MT102")], lm=scorer)
    texts = ["The meeting was useful, constructive and constructive-minded for both sides.",
             "He thanked his brothers and sisters, neighbors and neighbours, friends and colleagues."]
    document = Document("<test>", [Segment(str(n), t) for n, t in enumerate(texts)], running_text=False)
    assert pipeline.fix(document, unsafe=True) == [
        "The meeting was useful and constructive for both sides.",
        "He thanked his brothers and sisters, neighbors, friends and colleagues."]


def test_a_learned_finding_keeps_only_an_edit_that_clears_mt801s_bar(scorer):
    """An untranslated word the word head flags ("vaga", Estonian for "quite") is an error, but no swap or
    word put back repairs it by MT801's 10 nats, and a content word is never deleted: the finding stays,
    minor and without a fix. (Until quality-v2 the example was a misspelling, "figther", which the
    linear word head flagged and the head with a hidden layer reads at 0.95, below MT802's threshold.)"""
    text = "The minister said the talks were vaga kasulik and constructive."
    (result,) = _run(scorer, text)
    assert [(f.rule, f.severity, f.fixes) for f in result.findings] == [("MT802", Severity.MINOR, ())]
    assert fix_text(text, all_rules(), unsafe=True, lm=scorer) == text


def test_a_swap_the_pass_shows_cannot_gain_enough_is_not_put_to_the_model(scorer):
    """The pass knows a swap's margin, the second word's cost where it stands and the next token's: a swap
    whose reach is below SWAP_REACH is not put to the model, only the four of highest reach are, and on
    these sentences no swap left out would have gained enough."""
    from mtqa.lm.pairs import compare
    from mtqa.lm.view import LMStage
    from mtqa.rules.context import DocumentContext
    from mtqa.rules.language_model import (
        SWAP_CANDIDATES,
        SWAP_REACH,
        SWAP_REQUIRED_GAIN,
        _protected,
        swap_places,
    )

    texts = ["The meeting was useful very for both sides.", "The company reported profits strong in the quarter.",
             "Officials said the talks were constructive and would continue next week.",
             "The river flooded the old town after three days of heavy rain."]
    segments = [Segment(id=str(i), text=t) for i, t in enumerate(texts)]
    views = LMStage(scorer).views(segments)
    left_out = 0
    for segment, view in zip(segments, views, strict=True):
        text = segment.text
        (sentence,) = view.analysis.sentences
        places = swap_places(view.scores, sentence, text, _protected(text))
        assert [p[0] for p in places] == sorted((p[0] for p in places), reverse=True)
        swapped = [text[:a.start] + b.text + " " + a.text + text[b.end:] for _, a, b in places]
        kept = [rank < SWAP_CANDIDATES and reach >= SWAP_REACH for rank, (reach, *_) in enumerate(places)]
        for keep, gain in zip(kept, compare(scorer, text, swapped), strict=True):
            assert keep or gain < SWAP_REQUIRED_GAIN
        left_out += kept.count(False)
        asked = list(lookup("MT803").check(DocumentContext([segment], [view]).segment(0)))
        assert len(asked) == sum(kept)
    assert left_out > 0


@pytest.mark.parametrize(("text", "swapped", "fixed"), [
    ("Many roads are disappearing, in buried the sand of the eastern desert.", "in buried",
     "Many roads are disappearing, buried in the sand of the eastern desert."),
    ("The minister spoke at length, about worried the rising cost of energy.", "about worried",
     "The minister spoke at length, worried about the rising cost of energy."),
])
def test_a_swap_whose_second_word_is_unlikely_first_is_still_found(scorer, text, swapped, fixed):
    """"buried" is far less likely than "in" after "disappearing,", so by that margin alone the swap ranked
    low ("buried the" was asked instead, or nothing); what "buried" and "the" cost where they stand puts it
    first."""
    (result,) = _run(scorer, text)
    assert [text[f.start:f.end] for f in result.findings if f.rule == "MT803"] == [swapped]
    document = Document("<test>", [Segment(id="1", text=text)], running_text=False)
    assert Pipeline(all_rules(), lm=scorer).fix(document, unsafe=True) == [fixed]


def test_a_sentence_of_names_with_a_lower_case_auxiliary_is_checked_for_stray_capitals(scorer):
    """Title case capitalises verbs: with "was" in lower case this is a sentence, not a headline, and the
    dropped article before "Meeting" is put back."""
    text = "Peeter was at Meeting with Mart Laar and Tiit Vähi."
    (result,) = _run(scorer, text)
    assert [(f.rule, text[f.start:f.end]) for f in result.findings] == [("MT303", "Meeting")]
    document = Document("<test>", [Segment(id="1", text=text)], running_text=False)
    assert Pipeline(all_rules(), lm=scorer).fix(document, unsafe=True) == [
        "Peeter was at a meeting with Mart Laar and Tiit Vähi."]


def test_no_pronoun_possessive_or_not_is_put_back(scorer):
    """The pass finds "their" likely before "positions"; a fix that put it back would add to what the text
    says, so it is passed over for the next likeliest words: "the" and "a" are asked there."""
    from mtqa.lm.view import LMStage
    from mtqa.rules.context import DocumentContext
    from mtqa.rules.language_model import DROP_WORDS, NEVER_PUT_BACK

    segment = Segment(id="1", text="The soldiers began to fortify positions along the river before dawn.")
    (view,) = LMStage(scorer).views([segment])
    matches = list(lookup("MT801").check(DocumentContext([segment], [view]).segment(0)))
    put_back = {fix.edits[0].replacement.strip() for m in matches for fix in m.fixes
                if fix.description.startswith("Insert") and segment.text[m.start:m.end] == "positions"}
    assert "the" in put_back and len(put_back) == DROP_WORDS and not put_back & NEVER_PUT_BACK


@pytest.mark.parametrize(("damaged", "clean"), [
    # the least likely word is a name, which MT801 never flags: the dropped word is still put back before it
    ("According Mihkel Mutt, the presentation was rather poor.", "According to Mihkel Mutt, the presentation was rather poor."),
    ("Immediately World War I, both countries were dominated by pacifism.",
     "Immediately after World War I, both countries were dominated by pacifism."),
    # the least likely word is a candidate too, and "with" is none of the words MT801 inserts of its own
    ("They often came into contact the neighbouring Turks and Tatars.",
     "They often came into contact with the neighbouring Turks and Tatars."),
])
def test_a_dropped_word_is_put_back_where_the_least_likely_word_is_also_a_candidate(scorer, damaged, clean):
    (result,) = _run(scorer, damaged)
    (finding,) = [f for f in result.findings if f.rule == "MT801"]
    assert finding.fixes[0].apply(damaged) == clean


@pytest.mark.parametrize(("damaged", "clean"), [
    # 0.97 and 0.999 (gap-v2): gains of 9.7 and 9.8, under MT801's 10
    ("The number visitors grew more and more slowly as the season went on.",
     "The number of visitors grew more and more slowly as the season went on."),
    ("The film a comedy about a family that falls apart and comes back together.",
     "The film is a comedy about a family that falls apart and comes back together."),
    # 0.95 or more (gap-v2), bars of 8, the floor: gains of 8.05 to 8.5, short of the 9 a sure place asked
    # before (sentences of benchmarks/probes/; "Mr Starmer warned that [the] party" gains 7.7, under the
    # floor since gap-v2, and is no longer put back)
    ("The rules are clear: no phones in exam hall.", "The rules are clear: no phones in the exam hall."),
    ("Electric cars made up a fifth of new car sales in first half of the year.",
     "Electric cars made up a fifth of new car sales in the first half of the year."),
    ("The president visited school and thanked its teachers.", "The president visited the school and thanked its teachers."),
])
def test_the_surer_the_gap_head_the_less_a_word_put_back_must_gain(scorer, damaged, clean):
    """Where the gap head is sure a word was dropped, a word put back clears the smaller bar the place asks
    for (`dropped_word_gain`) though it gains less than MT801's 10 nats. The clean sentences stay clean."""
    damaged_result, clean_result = _run(scorer, damaged, clean)
    (finding,) = [f for f in damaged_result.findings if f.rule == "MT801"]
    assert finding.fixes[0].apply(damaged) == clean
    assert [f for f in clean_result.findings if f.rule == "MT801"] == []


@pytest.mark.parametrize(("damaged", "clean"), [
    ("In interview with the local paper, the mayor said the bridge would reopen in May.",
     "In an interview with the local paper, the mayor said the bridge would reopen in May."),
    ("The plan was described as important step towards cleaner air in the city.",
     "The plan was described as an important step towards cleaner air in the city."),
])
def test_an_indefinite_article_is_put_back_as_an_before_a_vowel(scorer, damaged, clean):
    """The pass proposes "a" before "interview" (it reads the words before, not the one after): put back
    as "an", the article gains enough. The clean sentences stay clean."""
    damaged_result, clean_result = _run(scorer, damaged, clean)
    (finding,) = [f for f in damaged_result.findings if f.rule == "MT801"]
    assert finding.fixes[0].apply(damaged) == clean
    assert [f for f in clean_result.findings if f.rule == "MT801"] == []


def test_a_that_left_out_after_a_verb_of_saying_keeps_the_full_bar(scorer):
    """"said [that] more research" gains 8.1 nats where the gap head gives 0.98: enough under the sure
    place's bar, but "that" keeps MT801's 10, as English may leave it out."""
    (result,) = _run(scorer, "Professor Tom Ellis, who led the study, said more research was needed.")
    assert [f for f in result.findings if f.rule == "MT801"] == []


def test_a_that_asked_at_a_place_does_not_raise_the_bar_of_the_word_asked_with_it(scorer):
    """At "in valley" the pass's two likeliest words are "the" and "that". "that" keeps MT801's 10 nats (it
    gains 7.2); "the" is judged apart at the sure place's bar of 8, and its 9.2 put it back. Asked together,
    both had the bar of 10."""
    damaged = "The people who had settled in valley of the river built a church."
    clean = "The people who had settled in the valley of the river built a church."
    damaged_result, clean_result = _run(scorer, damaged, clean)
    (finding,) = [f for f in damaged_result.findings if f.rule == "MT801"]
    assert finding.fixes[0].apply(damaged) == clean
    assert [f for f in clean_result.findings if f.rule == "MT801"] == []


@pytest.mark.parametrize(("damaged", "clean"), [
    # a new sentence started in the middle of one, before a capitalised word MT303 leaves to names
    ("The army ordered the destruction All Roman temples in the city.",
     "The army ordered the destruction of all Roman temples in the city."),
    ("The festival draws visitors Many European countries.", "The festival draws visitors from many European countries."),
    # a number word before a lower-case word
    ("The cavalry consisted Five regular regiments and seven hussar squadrons.",
     "The cavalry consisted of five regular regiments and seven hussar squadrons."),
])
def test_a_dropped_word_put_back_before_a_capitalised_opener_lowers_it(scorer, damaged, clean):
    (result,) = _run(scorer, damaged)
    (finding,) = [f for f in result.findings if f.rule == "MT801"]
    assert finding.fixes[0].apply(damaged) == clean


def test_a_capital_is_lowered_with_a_word_put_back_only_where_no_name_goes_on():
    from types import SimpleNamespace

    from mtqa.rules.language_model import _capitalised_opener

    def lowered(text: str, word: str) -> bool:
        start = text.index(word)
        return _capitalised_opener(text, SimpleNamespace(start=start, end=start + len(word)))

    assert lowered("the destruction All Greek places", "All") and lowered("the invasions Another 18 months", "Another")
    assert not lowered("It is time for Winter Olympics.", "Winter")  # part of a name, perhaps
    assert not lowered("the destruction All bridges", "All")  # before a lower-case word: MT303's and MT301's
    assert not lowered("In 2009, All Greek places", "All")  # no lower-case word before
    # a number word or an adjective before a lower-case word: no name goes on so
    assert lowered("The cavalry consisted Five regular regiments", "Five")
    assert lowered("the economic collapse of Federal state", "Federal")
    assert not lowered("the economic collapse of Federal Germany", "Federal")
    assert not lowered("the troops reached Paris before dawn", "Paris")  # a name, no adjective


def test_mt802_leaves_a_title_in_title_case_alone(scorer):
    """The word head reads "Lord" after "read The" as a stray capital (0.97 before); a capitalised article
    after a lower-case word opens a title, so MT802 reports nothing there (what counts as a title: the pure
    test below)."""
    (result,) = _run(scorer, "She read The Lord of the Rings three times before she turned twelve.")
    assert [f for f in result.findings if f.rule == "MT802"] == []


def test_a_title_is_a_run_of_capitals_a_capitalised_article_opens_after_a_lower_case_word():
    from mtqa.rules.language_model import _in_a_title

    def title(text: str, *words: str) -> bool:
        return _in_a_title(text, [(text.index(w), text.index(w) + len(w)) for w in words])

    assert title("She read The Lord of the Rings.", "Lord") and title("She read The Lord of the Rings.", "The", "Lord")
    assert title("He watched A Quiet Place twice.", "Quiet", "Place")
    assert not title("They raised concerns Their plans for the port.", "Their")  # no article before it
    assert not title("They raised concerns The plans for the port.", "The")  # an article alone is no title
    assert not title("She read The Lord of the Rings.", "of")  # a lower-case word
    assert not title("The Lord of the Rings is long.", "Lord")  # the sentence's own capital, not a title's


def test_fluency_counts_the_findings_the_model_confirmed(scorer):
    """MT303's verified finding lowers the fluency; without the rule the same text reads more fluent, and
    its quality (read from the rules that do not need the model, as trained) is the same. (MT801, which
    puts "by" back there on its own when MT303 is off, is left out of both runs.)"""
    damaged = "The protests were suppressed The Belarusian police last year."
    document = Document("<t>", [Segment("1", damaged)], running_text=False)
    rules = [r for r in all_rules() if r.code != "MT801"]
    [with_rule] = Pipeline(rules, lm=scorer).results(document)
    [without] = Pipeline([r for r in rules if r.code != "MT303"], lm=scorer).results(document)
    assert "MT303" in [f.rule for f in with_rule.findings]
    assert with_rule.fluency < without.fluency - 10 and with_rule.quality == without.quality


# A paragraph where the translation said "its" for person after person: judged in the whole paragraph, the
# model came to expect "its" and refused the last two ("his" -0.6 nats for Albanese, "her" -2.1 for Marin);
# alone, their sentences gain 6.5 and 0.8.
ITS_PARAGRAPH = ("Rutte for its part said the alliance would stay united. Chancellor Merz and its cabinet met on "
                 "Tuesday. Kallas told reporters that its government would not resign. The company said its profits "
                 "rose. Nokia said its sales fell. Dutton stressed that its party would oppose the bill. Sanna Marin "
                 "presented its programme to parliament. Albanese added that its visit to Beijing went well.")


def test_its_for_people_is_judged_in_its_sentence_not_after_a_paragraph_of_the_same_slip(scorer):
    document = Document("<test>", [Segment(id="1", text=ITS_PARAGRAPH)], running_text=True)
    (result,) = Pipeline(all_rules(), lm=scorer).results(document)
    flagged = {ITS_PARAGRAPH[max(0, f.start - 40):f.start].split(".")[-1].split()[0]
               for f in result.findings if f.rule in ("MT401", "MT403")}
    assert flagged == {"Rutte", "Chancellor", "Kallas", "Dutton", "Sanna", "Albanese"}  # not the company, nor Nokia
    marin = next(f for f in result.findings if f.rule == "MT401" and "Marin" in ITS_PARAGRAPH[f.start - 30:f.start])
    assert marin.fixes[0].apply(ITS_PARAGRAPH).count("presented her programme") == 1


# Clean sentences run together as a paragraph: the head read the first word of each sentence after the first
# as an error (MT802, probability 0.97-0.98), having learned from sentences that open a text.
CLEAN_PARAGRAPH = ("Judgment was made on the basis of unwritten laws, but also on the basis of texts with Byzantine laws. "
                   "Inter-war poetry will end up synchronising with the great European poetry. He used the old tactics "
                   "of burning the villages and poisoning the wells. The most famous documentaries made by Slovenian "
                   "directors are his humanitarian films about the Nuba people. As a result, the timing for them lies "
                   "between the year 300 and 400 AD. After the intervention of Soviet tanks in 1968, Kafkaesque books "
                   "are again banned in Czechoslovakia.")


def test_a_clean_paragraphs_sentence_openers_are_not_word_errors(scorer):
    document = Document("<test>", [Segment(id="1", text=CLEAN_PARAGRAPH)], running_text=True)
    (result,) = Pipeline(all_rules(), lm=scorer).results(document)
    assert [f for f in result.findings if f.rule.startswith("MT8")] == []
    # a word error inside a later sentence is still read
    damaged = CLEAN_PARAGRAPH.replace("the old tactics of burning", "the old tactics burning of")
    document = Document("<test>", [Segment(id="1", text=damaged)], running_text=True)
    (result,) = Pipeline(all_rules(), lm=scorer).results(document)
    assert any(f.rule.startswith("MT8") and damaged[f.start:f.end] in ("burning of", "burning", "of")
               for f in result.findings)


def test_running_text_is_scored_a_sentence_at_a_time_as_records_are(scorer):
    first, second = CLEAN_PARAGRAPH.split(" Inter-war")[0], "Inter-war" + CLEAN_PARAGRAPH.split(" Inter-war")[1]
    second = second.split(" He used")[0]
    text = f"{first} {second}"
    (view,) = LMStage(scorer).views([Segment(id="1", text=text)], by_sentence=True)
    alone = scorer.score([second], features=True)[0]
    offset = len(first) + 1
    joined = [(s - offset, e - offset, lp) for s, e, lp in zip(view.scores.starts, view.scores.ends, view.scores.logprobs)
              if s >= offset]
    assert [(s, e) for s, e, _ in joined] == list(zip(alone.starts, alone.ends))
    assert [lp for *_, lp in joined] == pytest.approx(alone.logprobs, abs=SCORE_TOLERANCE)  # any batch, any x86 CPU
    assert view.scores.hidden.shape[0] == len(view.scores)


def test_a_clean_paragraph_reads_as_fluent_as_its_sentences(scorer):
    sentences = [s if s.endswith(".") else s + "." for s in CLEAN_PARAGRAPH.split(". ")]
    alone = _run(scorer, *sentences)
    mean = sum(r.fluency * len(s) for r, s in zip(alone, sentences)) / sum(map(len, sentences))
    document = Document("<test>", [Segment(id="1", text=CLEAN_PARAGRAPH)], running_text=True)
    (paragraph,) = Pipeline(all_rules(), lm=scorer).results(document)
    assert paragraph.fluency == pytest.approx(mean, abs=5)  # 89.0 and 91.6; read whole, the paragraph scored 56.6
    assert paragraph.fluency >= 75
    damaged = CLEAN_PARAGRAPH.replace("texts with Byzantine", "texts Byzantine").replace("the old tactics of", "the tactics old of")
    (worse,) = Pipeline(all_rules(), lm=scorer).results(Document("<t>", [Segment(id="1", text=damaged)], running_text=True))
    assert worse.fluency < paragraph.fluency - 10


def test_running_text_pieces_are_sentences_and_a_short_one_joins_its_neighbour():
    seed_cut = ("Macron visited Ukraine on Tuesday and discussed the country's presidency. Volodymyr Zelensky with.")
    assert sentence_pieces(seed_cut) == [(0, len(seed_cut))]  # the cut-off clause is read with its sentence
    text = "He declined. The minister said the plan would go ahead next year. It did. Nobody expected what came next."
    assert [text[a:b] for a, b in sentence_pieces(text)] == [
        "He declined. The minister said the plan would go ahead next year. It did.", "Nobody expected what came next."]
    assert sentence_pieces("One sentence only, however long it is.") == [(0, 38)]
    heading = "# Talks in Moscow end without agreement"
    assert [heading[a:b] for a, b in sentence_pieces(heading)] == ["Talks in Moscow end without agreement"]
    items = "- Prices rose by 3 percent.\n- Exports fell."
    assert [items[a:b] for a, b in sentence_pieces(items)] == ["Prices rose by 3 percent.", "Exports fell."]
    assert sentence_pieces("-5 degrees is cold") == [(0, 18)]  # a minus sign is no list marker


def test_a_markdown_heading_reads_as_its_words_do(scorer):
    heading = "# Talks in Moscow end without agreement"
    pipeline = Pipeline(all_rules(), lm=scorer)
    (marked,), (plain,) = (
        [r.fluency for r in pipeline.results(Document("<t>", [Segment(id="1", text=t)], running_text=True))]
        for t in (heading, heading[2:]))
    # the "#" read as English made it 34; quality-v2 reads the words 77.6 (quality-v1: above 80)
    assert marked == pytest.approx(plain, abs=0.2) and marked > 70


def test_its_names_the_person_not_the_place_after_a_preposition(scorer):
    text = "Scholz met Macron in Paris, and its adviser said the talks were useful."
    (result,) = _run(scorer, text)
    (finding,) = [f for f in result.findings if f.rule == "MT403"]
    assert "Macron" in finding.message and "Paris" not in finding.message
    assert finding.fixes[0].apply(text) in (text.replace("its", "his"), text.replace("its", "her"))


def test_a_preposition_dropped_before_a_number_is_put_back(scorer):
    """A number is a place the gap head never saw: MT801 puts prepositions back before it, under
    NUMBER_PLACE_GAIN, and the best-gaining one is offered first."""
    for damaged, clean, number in (("The company was founded 1975 by two engineers in Seattle.",
                                    "The company was founded in 1975 by two engineers in Seattle.", "1975"),
                                   ("The central bank held interest rates 4.25% on Thursday.",
                                    "The central bank held interest rates at 4.25% on Thursday.", "4.25%")):
        (result,) = _run(scorer, damaged)
        (finding,) = [f for f in result.findings if f.rule == "MT801"]
        assert damaged[finding.start:finding.end] == number
        assert finding.fixes[0].apply(damaged) == clean
        (result,) = _run(scorer, clean)
        assert [f for f in result.findings if f.rule == "MT801" and clean[f.start:f.end] == number] == [], clean


def test_numbers_that_a_word_already_takes_are_not_asked():
    from types import SimpleNamespace

    from mtqa.rules.language_model import NUMBER_PLACE_SCREEN, _before_number_matches

    text = "It began in spring 1947, grew in the 1990s and his 30s, rose 5% in 2020 and was founded 1975, a rise 6% a year."
    words = [w for w in tokenize(text) if w.is_word]
    starts = [w.start for w in words]
    scores = SimpleNamespace(starts=starts, logprobs=[-1.0] * len(starts), dropped_logprobs=[-1.0] * len(starts))
    sentence = SimpleNamespace(start=0, end=len(text))
    asked = [(text[m.start:m.end], [f.edits[0].replacement for f in m.fixes])
             for m in _before_number_matches(scores, sentence, text, [])]
    # after "spring", "the", "his", "in" none, nor after a verb of change ("rose 5%" is English); after a noun, "a rise 6%"
    assert asked == [(number, ["in ", "of ", "on ", "to ", "by ", "at ", "since "]) for number in ("1975", "6%")]
    scores.dropped_logprobs = [-1.0 + NUMBER_PLACE_SCREEN - 0.1] * len(starts)  # the pass sees no word missing
    assert list(_before_number_matches(scores, sentence, text, [])) == []
