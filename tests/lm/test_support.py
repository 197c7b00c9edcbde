"""The source's support of a translation (mtqa/lm/support.py) and the quality's discount for its lack."""

from __future__ import annotations

import json
import math
from dataclasses import replace

import numpy as np
import pytest

from mtqa.lm.base import TokenScores
from mtqa.lm.heads import Heads, Linear, load_heads, read_heads, save_heads, with_support
from mtqa.lm.support import Support, after_first_word, source_absent_repeats, source_prompt, source_support
from mtqa.lm.view import LMStage
from mtqa.model import Segment

GERMAN = "Der Minister besuchte am Dienstag das Krankenhaus in Köln und sprach mit 45 Ärzten."
TRANSLATION = "The minister visited the hospital in Cologne on Tuesday and spoke to 45 doctors."
DETACHED = "The staff were very friendly and helpful."


def test_a_prompt_only_for_a_source_the_model_can_read() -> None:
    assert source_prompt(TRANSLATION, GERMAN) == f"German: {GERMAN}\nEnglish: "
    assert source_prompt(TRANSLATION, "Der  Minister\n besuchte\tKöln.") == \
        "German: Der Minister besuchte Köln.\nEnglish: "  # one line: a newline would read as the answer
    assert source_prompt(TRANSLATION, None) is None
    assert source_prompt(TRANSLATION, "  ") is None
    assert source_prompt("  ", GERMAN) is None
    assert source_prompt(TRANSLATION, "Министр посетил больницу в Кёльне во вторник.") is None  # Cyrillic
    assert source_prompt(TRANSLATION, "部长周二访问了科隆的医院。") is None
    assert source_prompt(TRANSLATION, GERMAN * 40) is None  # too long to measure


def test_the_first_word_is_left_out() -> None:
    assert after_first_word("The minister") == 3
    assert after_first_word("  Hello, world") == 8
    assert after_first_word("Alone") == 5
    assert after_first_word("   ") == 3


def _scores(text: str, pieces: list[tuple[str, float]]) -> TokenScores:
    """Token scores of `text` from (surface, log-probability) pieces found left to right."""
    starts, ends, at = [], [], 0
    for surface, _ in pieces:
        at = text.index(surface, at)
        starts.append(at)
        ends.append(at + len(surface))
        at += len(surface)
    return TokenScores(text, tuple(starts), tuple(ends), tuple(lp for _, lp in pieces))


def test_support_is_the_gain_after_the_first_word_and_reads_the_source() -> None:
    prompt = "German: Hallo Welt.\nEnglish: "
    alone = _scores("Hello world.", [("Hello", -9.0), ("world", -6.0), (".", -1.0)])
    after = _scores(prompt + "Hello world.", [("German", -5.0), (":", -1.0), ("Hallo", -8.0), ("Welt", -7.0),
                                              (".", -1.0), ("English", -2.0), (":", -0.5), ("Hello", -2.0),
                                              ("world", -1.5), (".", -0.5)])
    gain, surprisal = source_support(alone, after, prompt)
    assert gain == pytest.approx((-1.5 - 0.5) - (-6.0 - 1.0))
    assert surprisal == pytest.approx((8.0 + 7.0 + 1.0) / len("Hallo Welt."))  # the source's tokens only
    one_word = _scores("Hello", [("Hello", -9.0)])
    assert source_support(one_word, _scores(prompt + "Hello", [("Hallo", -8.0), ("Hello", -2.0)]), prompt).gain == 0.0
    with pytest.raises(ValueError):
        source_support(alone, alone, prompt)


def _heads(slope: float, floor: float, reading: float = 2.5, repeat: float = 0.0, free: float = 0.0) -> Heads:
    zero = Linear(np.zeros(2, np.float32), np.ones(2, np.float32), np.zeros(2, np.float32), 0.0)
    return with_support(Heads("m", zero, zero, zero, (50.0, 20.0), "heads:test|m", {}), slope, floor, reading,
                        "heads:support-test|m", repeat, free)


LOOPING = "Is the whole pancreas removed from each pancreas of the pancreas?"


def test_repeats_are_counted_beyond_what_the_source_repeats() -> None:
    once = "Wird die ganze Bauchspeicheldrüse entfernt?"
    # 5 content words ("whole", "pancreas" three times, "removed"): two repeat the first "pancreas"
    assert source_absent_repeats(LOOPING, once) == pytest.approx(2 / 5)
    # a source that says it three times too, in other cases
    assert source_absent_repeats(LOOPING, "Se elimină pancreasul, o parte a pancreasului sau tot pancreasul?") == 0.0
    # Estonian, whose common words wordfreq does not list, is not counted
    assert source_absent_repeats(LOOPING, "Kas kogu kõhunääre eemaldatakse?") == 0.0
    assert source_absent_repeats(LOOPING, None) == 0.0
    assert source_absent_repeats(LOOPING, "Удаляется ли вся поджелудочная железа?") == 0.0  # words not comparable
    # function words and the source's commonest words do not count: "und" twice is no repeat of a noun
    assert source_absent_repeats("The minister and the mayor and the doctors met in the city.",
                                 "Der Minister und der Bürgermeister und die Ärzte trafen sich.") == 0.0
    assert source_absent_repeats("Prices rose, prices fell.", "Die Preise stiegen und die Preise fielen.") == 0.0
    assert source_absent_repeats(TRANSLATION, GERMAN) == 0.0


def test_a_source_word_repeated_in_another_case_is_a_repeat_of_a_short_stem() -> None:
    # "stat" and "statului" share four letters, not five: the source names the state twice, as the
    # translation does
    translation = "The relation between church and state must favour the state."
    assert source_absent_repeats(translation, "Relația dintre biserică și stat trebuie să favorizeze statului.") == 0.0
    assert source_absent_repeats(translation, "Relația dintre biserică și guvern trebuie să favorizeze țara.") > 0.0


def test_quality_is_discounted_only_below_the_floor_and_for_a_source_the_model_reads() -> None:
    heads = _heads(0.1, 5.0)
    assert heads.supported(80.0, None) == 80.0  # not measured
    assert heads.supported(80.0, Support(12.0, 2.0)) == 80.0  # the source supports it
    assert heads.supported(80.0, Support(5.0, 2.0)) == 80.0
    assert heads.supported(80.0, Support(-5.0, 2.0)) == round(80.0 * math.exp(-1.0), 1)
    assert heads.supported(80.0, Support(-20.0, 2.0)) < heads.supported(80.0, Support(-5.0, 2.0))
    assert heads.supported(80.0, Support(-20.0, 3.1)) == 80.0  # a language the model hardly reads
    assert _heads(0.0, 5.0).supported(80.0, Support(-20.0, 2.0)) == 80.0 and not _heads(0.0, 5.0).reads_support


def test_quality_is_discounted_for_repeats_with_or_without_support() -> None:
    heads = _heads(0.1, 5.0, repeat=2.0)
    assert heads.supported(80.0, None, 0.0) == 80.0 and not _heads(0.0, 5.0, repeat=2.0).reads_support
    assert heads.supported(80.0, None, 0.25) == round(80.0 * math.exp(-0.5), 1)
    assert heads.supported(80.0, Support(12.0, 2.0), 0.25) == round(80.0 * math.exp(-0.5), 1)
    assert heads.supported(80.0, Support(-5.0, 2.0), 0.25) == round(80.0 * math.exp(-1.5), 1)  # both
    assert heads.supported(80.0, Support(-5.0, 3.1), 0.25) == round(80.0 * math.exp(-0.5), 1)  # not read
    assert _heads(0.1, 5.0).supported(80.0, None, 0.25) == 80.0  # an older file: no repeat slope


def test_a_small_share_of_repeats_is_free() -> None:
    heads = _heads(0.0, 5.0, repeat=2.0, free=0.1)
    assert heads.supported(80.0, None, 0.1) == 80.0 and heads.supported(80.0, None, 0.05) == 80.0
    assert heads.supported(80.0, None, 0.25) == round(80.0 * math.exp(-2.0 * 0.15), 1)


def test_the_discount_survives_a_write_and_a_read(tmp_path) -> None:
    path = tmp_path / "m.npz"
    save_heads(path, _heads(0.2, 4.0, 2.75, 1.5, 0.1))
    again = read_heads(path)
    assert again is not None
    assert (again.support_slope, again.support_floor, again.support_reading, again.repeat_slope,
            again.repeat_free) == pytest.approx((0.2, 4.0, 2.75, 1.5, 0.1))
    assert again.support_signature == "heads:support-test|m" and again.tag == f"test+support-test.{again.digest}"


@pytest.mark.parametrize(("numbers", "repeat_slope"), [(3, 0.0), (4, 1.5)])
def test_a_file_written_before_the_repeat_slope_or_the_free_share_reads_as_none(tmp_path, numbers: int,
                                                                                repeat_slope: float) -> None:
    path = tmp_path / "m.npz"
    save_heads(path, _heads(0.2, 4.0, 2.75, 1.5, 0.1))
    with np.load(path) as data:
        arrays = {k: data[k] for k in data.files}
    header = json.loads(bytes(arrays["header"]).decode())
    header["support"] = header["support"][:numbers]  # as the first support runs wrote it (v1; v2 and v3)
    arrays["header"] = np.frombuffer(json.dumps(header).encode(), dtype=np.uint8)
    np.savez_compressed(path, **arrays)
    again = read_heads(path)
    assert again is not None and again.repeat_slope == pytest.approx(repeat_slope) and again.repeat_free == 0.0
    assert again.support_slope == pytest.approx(0.2)


def test_the_shipped_heads_discount_what_the_source_does_not_support(scorer) -> None:
    heads = load_heads("smollm2-135m")
    assert heads is not None and heads.reads_support
    assert heads.support_signature.startswith("heads:support-v6|smollm2-135m|folds:5|")
    segments = [Segment("1", TRANSLATION, src=GERMAN), Segment("2", DETACHED, src=GERMAN),
                Segment("3", TRANSLATION), Segment("4", TRANSLATION, src="Министр посетил больницу.")]
    views = LMStage(scorer).views(segments)
    supported, detached, alone, cyrillic = (v.support for v in views)
    assert alone is None and cyrillic is None  # no source, or one the model cannot read
    assert LMStage(scorer, support=False).views(segments[:1])[0].support is None  # fixing needs no quality
    assert supported is not None and detached is not None
    assert supported.gain > heads.support_floor > detached.gain and detached.source_surprisal < heads.support_reading
    for view, lowered in ((views[0], False), (views[1], True)):
        undiscounted = replace(view, support=None).assess([], GERMAN).quality
        quality = view.assess([], GERMAN).quality
        assert quality == heads.supported(undiscounted, view.support)
        assert (quality < undiscounted) is lowered


def test_the_shipped_heads_discount_a_repeat_the_source_does_not_make(scorer) -> None:
    heads = load_heads("smollm2-135m")
    assert heads is not None and heads.repeat_slope > 0.0
    source = "Wird die ganze Bauchspeicheldrüse entfernt?"
    view = LMStage(scorer, support=False).views([Segment("1", LOOPING, src=source)])[0]
    undiscounted = replace(view, heads=replace(heads, repeat_slope=0.0)).assess([], source).quality
    assert 0.0 <= heads.repeat_free < 2 / 5
    assert view.assess([], source).quality == \
        round(undiscounted * math.exp(-heads.repeat_slope * (2 / 5 - heads.repeat_free)), 1)
    assert view.assess([], source).quality < undiscounted
