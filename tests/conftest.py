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


# Correct translations from five source languages: no rule may flag them.
CLEAN_PAIRS = [
    ("et", "Eesti Pank tõstis intressimäära 1. märtsil 0,25 protsendipunkti võrra.",
     "The Bank of Estonia raised its interest rate by 0.25 percentage points on 1 March."),
    ("et", "Tallinnas elab umbes 450 000 inimest ja linna eelarve on 1,2 miljardit eurot.",
     "About 450,000 people live in Tallinn and the city's budget is 1.2 billion euros."),
    ("de", "Der Umsatz stieg im Jahr 2019 um 7,5 Prozent auf 1.500 Millionen Euro.",
     "Sales rose by 7.5 percent to 1,500 million euros in 2019."),
    ("de", "Angela Merkel traf sich am 16. November mit Emmanuel Macron in Berlin.",
     "Angela Merkel met Emmanuel Macron in Berlin on November 16."),
    ("de", "Die Sitzung beginnt um 15 Uhr und dauert drei Stunden.",
     "The meeting starts at 3 p.m. and lasts three hours."),
    ("fr", "Le projet coûtera 12 millions d'euros et sera achevé en 2025, selon la mairie de Lyon.",
     "The project will cost 12 million euros and will be completed in 2025, according to Lyon city hall."),
    ("fr", "Plus d'informations sur https://exemple.fr/aide ou par courriel à contact@exemple.fr.",
     "More information at https://exemple.fr/aide or by e-mail at contact@exemple.fr."),
    ("fr", "Bonjour {name}, vous avez <b>{count}</b> nouveaux messages.",
     "Hello {name}, you have <b>{count}</b> new messages."),
    ("ru", "В 2020 году в Москве проживало 12,6 миллиона человек.",
     "In 2020, 12.6 million people lived in Moscow."),
    ("ru", "Температура упала до минус 15 градусов за три дня.",
     "The temperature dropped to minus 15 degrees in three days."),
    ("zh", "欧盟峰会于2023年6月29日在布鲁塞尔举行，约2.5万人参加了抗议活动。",
     "The EU summit was held in Brussels on June 29, 2023, and about 25,000 people took part in the protests."),
    ("zh", "苹果公司发布了新款iPhone 15，售价799美元。",
     "Apple released the new iPhone 15, priced at $799."),
    ("zh", "我们站在地球上仰望夜空，用肉眼就能看到天上的繁星。",
     "Standing on the earth and looking up at the night sky, we can see the stars with the naked eye."),
]


def findings_of(code: str, text: str) -> list[Finding]:
    return check_text(text, [lookup(code)])


def flagged(code: str, text: str) -> list[str]:
    """What each finding's offsets point at in `text`: tests compare these with the expected literals."""
    return [text[f.start:f.end] for f in findings_of(code, text)]


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")
