import math

import pytest

from mtqa.errors import InputError, UsageError
from mtqa.eval import evaluate
from mtqa.eval.metrics import Rate
from mtqa.pipeline import Pipeline
from tests.eval.conftest import STUB_RULES, ScoredPipeline, demetr_record, table

CLEAN_MT = "The talks ended without agreement."


def _rate(cell: Rate) -> tuple[int, int]:
    return cell.hits, cell.total


def test_demetr_rule_detection_span_overlap_and_false_alarms(write_jsonl):
    path = write_jsonl("demetr.jsonl", [
        # the finding (XX at 10-12) lies on the diff span
        demetr_record("minor_id1_repeat2", 1, "The talks XX ended.", CLEAN_MT, spans=[(10, 12)]),
        # a finding, but away from the diff span
        demetr_record("minor_id1_repeat2", 2, "XX talks ended ended.", CLEAN_MT, spans=[(15, 20)]),
        # no finding at all
        demetr_record("minor_id1_repeat2", 3, "The talks ended ended.", CLEAN_MT, spans=[(16, 21)]),
        # zero-width diff span where the final period was, touched by the zero-width finding after "!"
        demetr_record("minor_id29_punc_addition", 4, "The talks ended!", CLEAN_MT, spans=[(16, 16)]),
        # zero-width diff span elsewhere: not touched
        demetr_record("minor_id29_punc_addition", 5, "The talks ended!", CLEAN_MT, spans=[(3, 3)]),
        demetr_record("none", 1, CLEAN_MT, CLEAN_MT),
        demetr_record("none", 2, "The yy talks ended.", "The yy talks ended."),
        demetr_record("none", 3, "The XX talks ended.", "The XX talks ended."),
        demetr_record("none", 4, CLEAN_MT, CLEAN_MT),
    ])
    tables = evaluate([path], Pipeline(STUB_RULES), audit=False).tables()

    rows = {row[1]: row for row in table(tables, "DEMETR: rule findings").rows}
    assert set(rows) == {"minor_id1_repeat2", "minor_id29_punc_addition"}
    assert _rate(rows["minor_id1_repeat2"][2]) == (2, 3)
    assert _rate(rows["minor_id1_repeat2"][3]) == (1, 3)
    assert _rate(rows["minor_id29_punc_addition"][2]) == (2, 2)
    assert _rate(rows["minor_id29_punc_addition"][3]) == (1, 2)
    assert rows["minor_id1_repeat2"][4] == "MT901 2"

    (clean,) = table(tables, "DEMETR: false alarms").rows
    assert clean[0] == 4
    assert _rate(clean[1]) == (2, 4)  # yy (minor) and XX (major)
    assert _rate(clean[2]) == (1, 4)  # only XX is major


def test_demetr_paired_detection_compares_with_each_records_own_clean_version(write_jsonl):
    path = write_jsonl("demetr.jsonl", [
        demetr_record("critical_id4_codemix", 1, "The XX ended.", CLEAN_MT, severity="critical"),
        demetr_record("critical_id4_codemix", 2, "The talks ended.", CLEAN_MT, severity="critical"),
        # its clean version is worse than the perturbation: not detected, not tied
        demetr_record("critical_id4_codemix", 3, "The talks ended.", "The XX talks ended.", severity="critical"),
    ])
    (row,) = table(evaluate([path], Pipeline(STUB_RULES), audit=False).tables(), "DEMETR: paired").rows
    name, severity, below, tied, _ = row
    assert (name, severity) == ("critical_id4_codemix", "critical")
    assert _rate(below) == (1, 3)
    assert tied == 1


def test_the_pipeline_score_is_the_figure_and_each_text_is_judged_once(write_jsonl):
    path = write_jsonl("demetr.jsonl", [
        demetr_record("minor_id1_repeat2", 1, "Short.", CLEAN_MT),
        demetr_record("minor_id2_repeat4", 1, "A much, much longer perturbed sentence.", CLEAN_MT),
        demetr_record("none", 1, CLEAN_MT, CLEAN_MT),
    ])
    seen: list[str] = []

    def by_length(segments):
        seen.extend(s.text for s in segments)
        return [float(len(s.text)) for s in segments]

    rows = table(evaluate([path], ScoredPipeline(STUB_RULES, by_length), audit=False).tables(), "DEMETR: paired").rows
    assert {row[0]: _rate(row[2]) for row in rows} == {"minor_id1_repeat2": (1, 1), "minor_id2_repeat4": (0, 1)}
    assert sorted(seen) == sorted({"Short.", "A much, much longer perturbed sentence.", CLEAN_MT})


def _mlqe(lp: str, n: int, mt: str, da: float) -> dict:
    return {"id": f"mlqe_pe/{lp}/dev/{n}", "lp": lp, "src": "x", "mt": mt, "pe": mt, "refs": None,
            "scores": {"da_z_mean": da}}


def test_mlqe_pe_pearson_per_language_pair(write_jsonl):
    scores = {"a.": 1.0, "b.": 2.0, "c.": 3.0, "d.": 4.0}
    path = write_jsonl("mlqe.jsonl", [
        _mlqe("et-en", 1, "a.", 2.0), _mlqe("et-en", 2, "b.", 4.0), _mlqe("et-en", 3, "c.", 5.0),
        _mlqe("et-en", 4, "d.", 4.0),
        _mlqe("ro-en", 1, "a.", 6.0), _mlqe("ro-en", 2, "b.", 4.0), _mlqe("ro-en", 3, "c.", 2.0),
    ])
    run = evaluate([path], ScoredPipeline(STUB_RULES, lambda segs: [scores[s.text] for s in segs]), audit=False)
    rows = {row[0]: row for row in table(run.tables(), "MLQE-PE").rows}
    assert rows["et-en"][1] == 4
    assert rows["et-en"][3] == pytest.approx(3.5 / math.sqrt(23.75))
    assert rows["ro-en"][3] == pytest.approx(-1.0)


def test_mlqe_pe_constant_rule_score_gives_no_correlation(write_jsonl):
    path = write_jsonl("mlqe.jsonl", [_mlqe("et-en", n, f"Clean sentence {n}.", float(n)) for n in range(3)])
    (row,) = table(evaluate([path], Pipeline(STUB_RULES), audit=False).tables(), "MLQE-PE").rows
    assert row[3] is None


def test_guerreiro_auroc_of_a_low_score_per_label(write_jsonl):
    scores = {"w.": 90.0, "x.": 60.0, "y.": 65.0, "z.": 20.0}
    labels = {"w.": 0, "x.": 0, "y.": 1, "z.": 1}
    path = write_jsonl("g.jsonl", [
        {"id": f"halluc_guerreiro_deen/{n}", "mt": mt, "src": "q",
         "labels": {"repetitions": labels[mt], "omission": int(mt == "w.")}}
        for n, mt in enumerate(scores)])
    run = evaluate([path], ScoredPipeline(STUB_RULES, lambda segs: [scores[s.text] for s in segs]), audit=False)
    rows = {row[0]: row for row in table(run.tables(), "Guerreiro").rows}
    # -score ranks: w 1, y 2, x 3, z 4; positives y and z: (2 + 4 - 3) / (2 * 2)
    assert rows["repetitions"][1:] == (2, 4, pytest.approx(0.75))
    assert rows["omission"][3] == pytest.approx(0.0)  # the best-scored text is the only omission


def test_xu_detached_hallucinations_get_a_table_of_their_own(write_jsonl):
    scores = {"w.": 90.0, "x.": 60.0, "y.": 65.0, "z.": 20.0}
    path = write_jsonl("xu.jsonl", [
        {"id": f"halluc_xu_deen/{n}", "mt": mt, "src": "q", "labels": {"detached_hallucination": int(mt in "x.z.")}}
        for n, mt in enumerate(scores)])
    run = evaluate([path], ScoredPipeline(STUB_RULES, lambda segs: [scores[s.text] for s in segs]), audit=False)
    (row,) = table(run.tables(), "Xu de-en").rows
    # -score ranks: w 1, y 2, x 3, z 4; positives x and z: (3 + 4 - 3) / (2 * 2)
    assert row == ("detached_hallucination", 2, 4, pytest.approx(1.0))
    assert not [t for t in run.tables() if t.title.startswith("Guerreiro")]


def test_false_alarm_audit_counts_each_clean_text_once_per_thousand_sentences(write_jsonl):
    path = write_jsonl("demetr.jsonl", [
        demetr_record("minor_id1_repeat2", 1, "The XX ended.", "The yy talks ended. Then they left."),
        demetr_record("minor_id2_repeat4", 1, "The XX ended.", "The yy talks ended. Then they left."),
        demetr_record("none", 1, "The yy talks ended. Then they left.", "The yy talks ended. Then they left."),
    ])
    tables = evaluate([path], Pipeline(STUB_RULES), audit_examples=5).tables()
    sources = {row[0]: row[1:] for row in table(tables, "False-alarm audit: the clean").rows}
    assert sources == {"demetr.mt_clean": (1, 2), "demetr.ref": (1, 1), "all": (2, 3)}
    (rule_row,) = table(tables, "False-alarm audit: findings").rows
    assert rule_row[:6] == ("MT902", "stub-mt902", 1, 1, 0, pytest.approx(333.3))  # one minor finding
    (example,) = table(tables, "False-alarm audit: the 5").rows
    assert example[:3] == ("MT902", 1, "yy")
    assert "⟦yy⟧" in example[3]


def test_unknown_datasets_are_skipped_and_counted(write_jsonl):
    path = write_jsonl("other.jsonl", [{"id": "jfleg/dev/1", "mt": "A learner sentence."}])
    run = evaluate([path], Pipeline(STUB_RULES))
    assert run.skipped == {"jfleg": 1}
    assert run.tables() == []


def test_a_record_missing_what_its_evaluator_needs_names_the_line(write_jsonl):
    good = demetr_record("none", 1, CLEAN_MT, CLEAN_MT)
    bad = {"id": "demetr/minor_id1_repeat2/2", "mt": "No perturbation field."}
    path = write_jsonl("demetr.jsonl", [good, bad])
    with pytest.raises(InputError) as err:
        evaluate([path], Pipeline(STUB_RULES))
    assert err.value.line == 2 and "demetr" in str(err.value)


def test_missing_eval_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        evaluate([tmp_path / "absent.jsonl"], Pipeline(STUB_RULES))


def test_progress_reports_each_file_with_its_record_count(write_jsonl):
    first = write_jsonl("a.jsonl", [demetr_record("none", n, CLEAN_MT, CLEAN_MT) for n in range(3)])
    second = write_jsonl("b.jsonl", [{"id": "jfleg/dev/1", "mt": "A learner sentence."}])
    calls = []
    evaluate([first, second], Pipeline(STUB_RULES), progress=lambda path, n: calls.append((path.name, n)))
    assert calls == [("a.jsonl", 3), ("b.jsonl", 1)]


def test_false_alarm_examples_of_zero_width_findings_show_the_message(write_jsonl):
    path = write_jsonl("demetr.jsonl", [demetr_record("none", 1, CLEAN_MT, "The talks ended!")])
    tables = evaluate([path], Pipeline(STUB_RULES), audit_examples=3).tables()
    (example,) = table(tables, "False-alarm audit: the 3").rows
    assert example[:3] == ("MT903", 1, "(found )")
    assert example[3].endswith("ended!⟦⟧")


SENTENCES = [
    "The central bank raised interest rates by a quarter of a percentage point on Wednesday.",
    "Officials said the new bridge over the river would open to traffic next spring.",
    "The company reported higher profits in the third quarter thanks to strong sales abroad.",
    "Thousands of people gathered in the main square to celebrate the national holiday.",
    "The minister told reporters that the talks with the unions had been useful.",
    "Heavy rain caused flooding in several villages in the north of the country last week.",
    "The museum will show paintings by local artists from the early twentieth century.",
    "Scientists found that the new vaccine protected most of the volunteers in the trial.",
]


def _suite(tables) -> tuple[dict[str, int], int]:
    """Injected texts per kind and the number of controls, from the synthetic suite's tables."""
    per_kind = {row[0]: row[1] for row in table(tables, "Synthetic artefacts: recall").rows if row[0] != "all kinds"}
    (controls,) = table(tables, "Synthetic artefacts: the clean controls").rows
    return per_kind, controls[0]


def test_the_synthetic_suite_can_keep_some_kinds_with_the_injections_the_whole_suite_gives(write_jsonl):
    records = [demetr_record("none", n, text, text) for n, text in enumerate(SENTENCES)]
    path = write_jsonl("demetr.jsonl", records)
    whole, whole_controls = _suite(evaluate([path], Pipeline(STUB_RULES), audit=False, sets={"synthetic"}).tables())
    assert whole_controls == len(SENTENCES)  # each distinct whole sentence once ("A reference." is too short)
    kind = max(whole, key=whole.get)
    kept, kept_controls = _suite(evaluate([path], Pipeline(STUB_RULES), audit=False, sets={"synthetic"},
                                          kinds={kind}).tables())
    assert kept == {kind: whole[kind]} and kept_controls == whole[kind]


def test_an_unknown_artefact_kind_is_a_usage_error(write_jsonl):
    path = write_jsonl("demetr.jsonl", [demetr_record("none", 0, SENTENCES[0], SENTENCES[0])])
    with pytest.raises(UsageError, match="unknown artefact kind nope"):
        evaluate([path], Pipeline(STUB_RULES), audit=False, sets={"synthetic"}, kinds={"nope"})


class _FluentPipeline(Pipeline):
    """Fluency 90 for the clean sentences but the last (40), 20 for every damaged one."""

    def score(self, checked):
        result = super().score(checked)
        text = checked.segment.text
        result.fluency = (40.0 if text == SENTENCES[-1] else 90.0) if text in SENTENCES else 20.0
        return result


def test_the_synthetic_suite_reports_fluency_clean_against_damaged_with_a_model(write_jsonl):
    path = write_jsonl("demetr.jsonl", [demetr_record("none", n, text, text) for n, text in enumerate(SENTENCES)])
    tables = evaluate([path], _FluentPipeline(STUB_RULES), audit=False, sets={"synthetic"}).tables()
    rows = {row[0]: row for row in table(tables, "Synthetic artefacts: fluency").rows}
    injected, controls = _suite(tables)
    assert rows["clean controls"][1:4] == (controls, 90.0, Rate(1, controls))
    assert rows["all kinds"][1] == sum(injected.values()) and rows["all kinds"][2] == 20.0
    # every clean control above every damaged sentence: AUROC 1, also per kind
    assert rows["all kinds"][4] == 1.0 and all(rows[kind][4] == 1.0 for kind in injected)
    # without a model there is no fluency, and no table of it
    plain = evaluate([path], Pipeline(STUB_RULES), audit=False, sets={"synthetic"}).tables()
    assert not [t for t in plain if t.title.startswith("Synthetic artefacts: fluency")]
