"""The seed article end to end: every known artefact flagged with its exact span, clean paragraphs left alone."""

from mtqa.io.readers import read_path
from mtqa.pipeline import Pipeline
from mtqa.rules import all_rules
from tests.conftest import SEED


def _findings():
    document = read_path(str(SEED))
    checked = Pipeline(all_rules()).check(document.segments, document.running_text)
    return [(c.segment, finding) for c in checked for finding in c.findings]


def _spans(rule: str) -> list[str]:
    """The text each finding of `rule` points at, cut from its segment by the finding's offsets."""
    return [segment.text[finding.start:finding.end] for segment, finding in _findings() if finding.rule == rule]


# The seed's artefacts: (rule, paragraph, start, end, the text there), checked against the article itself.
SEED_ARTEFACTS = [
    ("MT102", "3", 79, 92, "business-like"),
    ("MT202", "5", 140, 164, "Volodymyr Zelensky with."),
    ("MT201", "5", 159, 163, "with"),
    ("MT104", "6", 0, 100, ("Macron for its part, the press conference emphasized the freedom of states to decide "
                            "for themselves.")),
    ("MT401", "6", 11, 14, "its"),
    ("MT301", "16", 42, 47, "Their"),
]


def test_every_artefact_is_found_at_its_exact_span(seed_text):
    found = {(f.rule, s.id, f.start, f.end) for s, f in _findings()}
    paragraphs = {s.id: s for s, _ in _findings()}
    for rule, paragraph, start, end, text in SEED_ARTEFACTS:
        assert (rule, paragraph, start, end) in found
        segment = paragraphs[paragraph]
        assert segment.text[start:end] == text  # the offsets point at the artefact in the segment ...
        assert seed_text[segment.offset + start:segment.offset + end] == text  # ... and in the file


def test_variant_duplicate():
    assert _spans("MT102") == ["business-like"]


def test_broken_clause_and_stranded_preposition():
    assert _spans("MT202") == ["Volodymyr Zelensky with."]
    assert _spans("MT201") == ["with"]


def test_its_for_macron_with_his_as_fix():
    found = [(s, f) for s, f in _findings() if f.rule == "MT401"]
    assert len(found) == 1
    segment, finding = found[0]
    assert segment.text[finding.start - 11:finding.end] == "Macron for its"
    assert finding.fixes[0].apply(segment.text).startswith("Macron for his part")


def test_stray_capital():
    assert _spans("MT301") == ["Their"]


def test_repeated_statement_points_at_the_sixth_paragraph():
    found = [(s.id, f.text) for s, f in _findings() if f.rule == "MT104"]
    assert found == [("6", ("Macron for its part, the press conference emphasized the freedom of states to decide "
                           "for themselves."))]


def test_clean_paragraphs_have_no_major_finding():
    artefact_paragraphs = {"3", "5", "6", "16"}
    for segment, finding in _findings():
        if segment.id not in artefact_paragraphs:
            assert finding.severity.value == "minor", (segment.id, finding)
