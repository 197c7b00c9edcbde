"""One real default model for the whole test session (loading it takes about a second once cached)."""

from __future__ import annotations

import pytest

from mtqa.lm import DEFAULT_MODEL, load_scorer
from mtqa.lm.transformers_backend import TransformersScorer


@pytest.fixture(scope="session")
def scorer() -> TransformersScorer:
    return load_scorer(DEFAULT_MODEL, device="cpu")
