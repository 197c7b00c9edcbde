"""People in an English document: which capitalised words name a person, and with which gender.

Rules that ask whether "it" or "its" may refer to a word (MT401) read this through
`DocumentContext.person_names`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from mtqa.nlp import lexicon
from mtqa.nlp.tokens import Token


def find_people(sentences: Iterable[list[Token]]) -> dict[str, str]:
    """Capitalised words the sentences show to name people, mapped to 'male'/'female'/'unknown'.

    Evidence: a title before the name ("President Macron"), a known given name in front of it
    ("Emmanuel Macron" makes "Macron" a person too), or a he/she pronoun right after it.
    """
    people: dict[str, str] = {}
    for tokens in sentences:
        _collect_people(tokens, people)
    return people


def _is_capitalised(token: Token) -> bool:
    return token.text[:1].isupper() and not token.text.isupper()


def capitalised_runs(words: list[Token]) -> list[tuple[int, list[Token]]]:
    """Maximal runs of capitalised words separated by single spaces, with the index of their first word."""
    runs: list[tuple[int, list[Token]]] = []
    i = 0
    while i < len(words):
        if not _is_capitalised(words[i]):
            i += 1
            continue
        run = [words[i]]
        while i + len(run) < len(words) and _is_capitalised(words[i + len(run)]) \
                and words[i + len(run)].start - run[-1].end <= 1:
            run.append(words[i + len(run)])
        runs.append((i, run))
        i += len(run)
    return runs


def _collect_people(tokens: list[Token], people: dict[str, str]) -> None:
    """Add the people one sentence shows, by the evidence `find_people` lists."""
    words = [t for t in tokens if t.is_word]
    for i, run in capitalised_runs(words):
        titled = i > 0 and words[i - 1].lower in lexicon.PERSON_TITLES or run[0].lower in lexicon.PERSON_TITLES
        gender = lexicon.given_name_gender(run[-2].text) if len(run) >= 2 else None
        surname = strip_possessive(run[-1].text)
        if gender is None and not (titled and len(run) <= 3):
            continue
        if lexicon.zipf(surname.lower()) > 4.5 and gender is None:
            continue  # "President Trump" yes, "the President Hotel" no: common words need a given name
        known = people.get(surname, "unknown")
        people[surname] = gender if gender in ("male", "female") else known
    for i, word in enumerate(words[:-1]):
        name = strip_possessive(word.text)
        if people.get(name) == "unknown":
            for follower in words[i + 1 : i + 4]:
                if follower.lower in ("he", "she"):
                    people[name] = lexicon.PRONOUN_GENDER[follower.lower]
                    break


def strip_possessive(word: str) -> str:
    return re.sub(r"['’]s$", "", word)
