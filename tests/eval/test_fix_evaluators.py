"""The fix evaluators (`mtqa eval --fixes`): DEMETR restorations and JFLEG GLEU, on hand-made records."""

import pytest

from mtqa.eval import Measures, evaluate
from mtqa.eval.gleu import sentence_gleu
from mtqa.eval.jfleg import tokens
from mtqa.pipeline import Pipeline
from tests.eval.conftest import FIX_RULES, demetr_record, table

CLEAN_MT = "The talks ended without agreement."


def _fix_tables(paths):
    return evaluate(paths, Pipeline(FIX_RULES), measures=Measures.FIXES).tables()


def test_demetr_restored_exactly_per_perturbation_with_safe_and_unsafe_fixes(write_jsonl):
    path = write_jsonl("demetr.jsonl", [
        demetr_record("minor_id1_repeat2", 1, "The talks ended ended without agreement.", CLEAN_MT),
        demetr_record("minor_id2_repeat4", 1, "The talks ended ended ended ended without agreement.", CLEAN_MT),
        demetr_record("minor_id32_first_lower", 1, "the talks ended without agreement.", CLEAN_MT),
        # capitalising the first letter does not bring back the name's capital: changed, not restored
        demetr_record("minor_id31_full_lower", 2, "the geneva talks ended.", "The Geneva talks ended."),
        demetr_record("minor_id15_case", 3, "He said hisself.", "He said himself."),  # an unsafe fix restores it
        demetr_record("minor_id28_final_punc_removed", 1, "The talks ended without agreement", CLEAN_MT),
        demetr_record("critical_id4_codemix", 1, "the talks ended.", CLEAN_MT, severity="critical"),  # not a fix target
    ])
    rows = {row[1]: row for row in table(_fix_tables([path]), "DEMETR: perturbations restored").rows}
    assert list(rows) == ["minor_id1_repeat2", "minor_id2_repeat4", "minor_id31_full_lower",
                          "minor_id32_first_lower", "minor_id15_case", "minor_id28_final_punc_removed"]
    shares = {name: tuple((cell.hits, cell.total) for cell in row[2:]) for name, row in rows.items()}
    assert shares["minor_id1_repeat2"] == ((1, 1), (1, 1), (1, 1))
    assert shares["minor_id2_repeat4"] == ((1, 1), (1, 1), (1, 1))
    assert shares["minor_id32_first_lower"] == ((1, 1), (1, 1), (1, 1))
    assert shares["minor_id31_full_lower"] == ((0, 1), (0, 1), (1, 1))
    assert shares["minor_id15_case"] == ((0, 1), (1, 1), (0, 1))
    assert shares["minor_id28_final_punc_removed"] == ((0, 1), (0, 1), (0, 1))
    assert rows["minor_id1_repeat2"][0] == "repetition" and rows["minor_id15_case"][0] == "case"


def test_demetr_clean_translations_changed_by_fixes_are_counted_and_listed(write_jsonl):
    path = write_jsonl("demetr.jsonl", [
        demetr_record("none", 1, CLEAN_MT, CLEAN_MT),
        demetr_record("none", 2, "The Qq codes were ready.", "The Qq codes were ready."),
        demetr_record("none", 3, "He said hisself.", "He said hisself."),
        demetr_record("none", 4, "Talks resume today.", "Talks resume today."),
    ])
    tables = _fix_tables([path])
    (summary,) = table(tables, "DEMETR: clean translations the fixes change").rows
    records, safe, unsafe, rules = summary
    assert records == 4
    assert (safe.hits, safe.total) == (1, 4)
    assert (unsafe.hits, unsafe.total) == (2, 4)
    assert rules == "MT913 (safe) 1, MT913 (unsafe) 1, MT914 (unsafe) 1"
    listed = table(tables, "DEMETR: the clean translations the fixes change")
    assert listed.detail
    assert listed.rows == (
        ("demetr/clean/2", "safe", "MT913", "The ⟦Qq → Q⟧ codes were ready."),
        ("demetr/clean/2", "safe+unsafe", "MT913", "The ⟦Qq → Q⟧ codes were ready."),
        ("demetr/clean/3", "safe+unsafe", "MT914", "He said ⟦hisself. → himself.⟧"),
    )


def _jfleg(n: int, mt: str, refs: list[str]) -> dict:
    return {"id": f"jfleg/dev/{n}", "src": None, "mt": mt, "mt_tok": " ".join(tokens(mt)), "refs": refs,
            "refs_tok": [" ".join(tokens(r)) for r in refs]}


JFLEG_RECORDS = [
    (1, "the cat sat on mat.", ["The cat sat on the mat.", "The cat sat on a mat."]),  # MT912 raises GLEU
    (2, "I like like tea.", ["I like tea.", "I really like tea."]),  # MT911 raises it
    (3, "He uses Qq codes.", ["He uses Qq codes.", "He uses the Qq codes."]),  # MT913 lowers it
    (4, "It rains today.", ["It rains today.", "It is raining today."]),  # nothing to fix
]
FIXED = {1: "The cat sat on mat.", 2: "I like tea.", 3: "He uses Q codes.", 4: "It rains today."}


def test_jfleg_gleu_of_fixed_text_beside_the_copied_input(write_jsonl):
    path = write_jsonl("jfleg.jsonl", [_jfleg(*record) for record in JFLEG_RECORDS])
    tables = _fix_tables([path])
    rows = {row[0]: row for row in table(tables, "JFLEG: GLEU").rows}
    assert list(rows) == ["input copied (baseline)", "safe fixes", "safe+unsafe fixes", "input copied, PTB tokens"]

    def mean_sentence_gleu(hypotheses):
        return 100 * sum(sentence_gleu(tokens(h), tokens(mt), [tokens(r) for r in refs])
                         for h, (_, mt, refs) in zip(hypotheses, JFLEG_RECORDS, strict=True)) / len(JFLEG_RECORDS)

    baseline, safe = rows["input copied (baseline)"], rows["safe fixes"]
    assert baseline[1] is None and (safe[1].hits, safe[1].total) == (3, 4)
    assert baseline[4] == pytest.approx(mean_sentence_gleu([mt for _, mt, _ in JFLEG_RECORDS]))
    assert safe[4] == pytest.approx(mean_sentence_gleu([FIXED[n] for n, _, _ in JFLEG_RECORDS]))
    assert safe[5:] == (2, 1)  # sentences raised, lowered
    assert rows["input copied, PTB tokens"][2] == pytest.approx(baseline[2])  # the same tokens here
    assert 0 < baseline[2] < 100 and safe[3] >= 0

    per_rule = {(row[0], row[1]): row[2:] for row in table(tables, "JFLEG: sentence GLEU after").rows}
    assert per_rule[("safe fixes", "MT911")] == (1, 0, 0)
    assert per_rule[("safe fixes", "MT912")] == (1, 0, 0)
    assert per_rule[("safe fixes", "MT913")] == (0, 0, 1)

    lowered = table(tables, "JFLEG: sentences whose GLEU the fixes lowered")
    assert lowered.detail
    ((record, fixes, rules, scores, change),) = lowered.rows  # the unsafe run made the same change: listed once
    assert (record, fixes, rules, change) == ("jfleg/dev/3", "safe fixes", "MT913", "He uses ⟦Qq → Q⟧ codes.")
    before, after = (float(s) for s in scores.split(" → "))
    assert after < before


def test_fixes_mode_runs_only_the_fix_evaluators(write_jsonl):
    demetr = write_jsonl("demetr.jsonl", [demetr_record("none", 1, CLEAN_MT, CLEAN_MT)])
    jfleg = write_jsonl("jfleg.jsonl", [_jfleg(*JFLEG_RECORDS[0])])
    checks = evaluate([demetr, jfleg], Pipeline(FIX_RULES))
    fixes = evaluate([demetr, jfleg], Pipeline(FIX_RULES), measures=Measures.FIXES)
    assert checks.skipped == {"jfleg": 1} and not fixes.skipped
    assert not any(t.title.startswith(("JFLEG", "DEMETR: clean translations the fixes")) for t in checks.tables())
    assert not any(t.title.startswith(("False-alarm", "DEMETR: false alarms")) for t in fixes.tables())


def test_texts_are_fixed_once_per_batch_through_the_pipeline(write_jsonl, monkeypatch):
    calls = []
    real_fix = Pipeline.fix

    def fix(self, document, unsafe=False, first_findings=None):
        calls.append(([s.text for s in document.segments], unsafe))
        assert first_findings is not None and len(first_findings) == len(document.segments)  # checked once
        return real_fix(self, document, unsafe, first_findings)

    monkeypatch.setattr(Pipeline, "fix", fix)
    path = write_jsonl("demetr.jsonl", [
        *(demetr_record("none", n, CLEAN_MT, CLEAN_MT) for n in range(3)),
        demetr_record("minor_id1_repeat2", 1, "The talks ended ended without agreement.", CLEAN_MT),
        demetr_record("critical_id4_codemix", 1, "The Gespräche ended.", CLEAN_MT),  # no fix figure: not fixed
    ])
    evaluate([path], Pipeline(FIX_RULES), measures=Measures.FIXES)
    texts = [CLEAN_MT, "The talks ended ended without agreement."]
    assert calls == [(texts, False), (texts, True)]
