"""The training scripts' caches: a cache written for other heads or other code is never read as this one's."""

from __future__ import annotations

import json
from dataclasses import replace

from benchmarks.train_support import _cached, cache_keys
from mtqa.lm.heads import load_heads, with_support
from mtqa.model import Segment


def test_the_checks_cache_key_follows_the_heads_but_not_the_discounts() -> None:
    shipped = load_heads("smollm2-135m")
    assert shipped is not None
    checked, support = cache_keys(shipped)
    assert cache_keys(with_support(shipped, 1.0, 2.0, 3.0, "support-x", 4.0, 0.1)) == (checked, support)
    retrained = replace(shipped, word=replace(shipped.word, bias=shipped.word.bias + 1.0))
    assert cache_keys(retrained)[0] != checked
    assert cache_keys(retrained)[1] == support  # the support does not read the heads


def test_a_cache_is_reused_under_its_key_and_computed_again_under_another(tmp_path) -> None:
    path = tmp_path / "support.checked.json"
    calls: list[list[str]] = []

    def compute(todo: list[Segment]) -> dict[str, list[float]]:
        calls.append([s.id for s in todo])
        return {s.id: [float(len(calls)), 0.0] for s in todo}

    first = [Segment("a", "One."), Segment("b", "Two.")]
    assert _cached(path, first, compute, "k1") == {"a": [1.0, 0.0], "b": [1.0, 0.0]}
    assert _cached(path, first + [Segment("c", "Three.")], compute, "k1")["c"] == [2.0, 0.0]
    assert calls == [["a", "b"], ["c"]]  # only the new record was computed
    assert _cached(path, first, compute, "k2") == {"a": [3.0, 0.0], "b": [3.0, 0.0]}
    assert calls[-1] == ["a", "b"]  # another key: nothing of the old cache is read
    assert json.loads(path.read_text())["key"] == "k2"
    path.write_text(json.dumps({"a": [9.0, 9.0]}))  # a cache from before the keys
    assert _cached(path, first[:1], compute, "k2") == {"a": [4.0, 0.0]}


def test_the_features_cache_is_read_only_when_written_by_this_code_for_these_items(tmp_path, monkeypatch) -> None:
    import pickle

    from benchmarks import train_quality
    from benchmarks.common import code_digest

    items = [train_quality.Item("The minister said the talks were useful.", None, "g", "control")]
    cache = tmp_path / "features.pkl"
    cache.write_bytes(pickle.dumps({"key": f"code:{code_digest()}|items:2", "extracted": None}))
    fresh = train_quality.extract(items, cache)  # written for two items: extracted again
    assert len(fresh.scores) == 1 and fresh.scores[0].text == items[0].text
    assert pickle.loads(cache.read_bytes())["key"] == f"code:{code_digest()}|items:1"

    def no_model(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("the cache should have been read")

    monkeypatch.setattr(train_quality, "load_scorer", no_model)
    again = train_quality.extract(items, cache)
    assert again.rule_counts == fresh.rule_counts and again.scores[0].text == items[0].text


def test_the_gap_features_cache_is_read_only_when_written_by_this_code_for_these_texts(tmp_path, monkeypatch) -> None:
    import numpy as np

    from benchmarks import train_gap
    from benchmarks.common import code_digest

    pairs = [train_gap.Pair("g", "The minister said the talks were useful.", "The minister said talks were useful.", 18)]
    cache = tmp_path / "gap.npz"
    np.savez(cache, x=np.zeros((1, 3)), y=np.zeros(1), text=np.zeros(1), key=np.array(f"code:{code_digest()}|texts:9"))
    rows = train_gap.extract(pairs, cache)  # written for nine texts: extracted again
    assert set(rows.text.tolist()) == {0, 1} and rows.y.sum() == 1  # the clean sentence and its copy

    def no_model(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("the cache should have been read")

    monkeypatch.setattr(train_gap, "load_scorer", no_model)
    again = train_gap.extract(pairs, cache)
    assert np.array_equal(again.x, rows.x) and np.array_equal(again.y, rows.y)
