"""Shared helpers: run one rule, or every rule, over a text."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mtqa.model import Finding
from mtqa.pipeline import check_text
from mtqa.rules import lookup

# Rule behaviour is tested without the language model (fast, exact); LM tests ask for it by name.
os.environ["MTQA_LM"] = "none"

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_bcd470c7927b5382.txt"

# Clean, fluent news sentences: no rule may flag them.
CLEAN_NEWS = [
    "The central bank raised interest rates by a quarter of a percentage point on Wednesday.",
    "“We are not going to give up,” the minister told reporters in Brussels.",
    "Mr. J. K. Rowling's publisher said sales had had a record year, up 3.5% from 2021.",
    "The company, which employs 100,000 people, reported its results after the market closed.",
    "Apple said its new phone would go on sale in the U.S. and Europe next month.",
    "Residents of Bora Bora were told to stay indoors until the storm passed.",
    "She said that that was the last time she would speak to the press about it.",
    "President Joe Biden met Chancellor Olaf Scholz at the White House, where they discussed energy.",
    "The lights were turned on at dusk, and the crowd moved in.",
    "What are you looking at?",
    "Talks in The Hague ended without agreement, according to The Guardian.",
    "The e-mail, sent at 9 a.m. on Monday, was signed by Dr. Smith.",
    "Prices rose again in March (by 2%) after a fall in February.",
]


def findings_of(code: str, text: str) -> list[Finding]:
    return check_text(text, [lookup(code)])


def flagged(code: str, text: str) -> list[str]:
    """The flagged surfaces, which must equal text[start:end]."""
    found = findings_of(code, text)
    for f in found:
        assert text[f.start:f.end] == f.text
    return [f.text for f in found]


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")
