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
    ("Emmanuel Macron" makes "Macron" a person too), "who" right after it ("John Lewis, who preached"),
    a role in apposition ("Allar Tankler, the chief editor of", "Rutte, a former leader"), or a he/she
    pronoun right after it.
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
        title = words[i - 1].lower if i > 0 and words[i - 1].lower in lexicon.PERSON_TITLES else run[0].lower
        titled = title in lexicon.PERSON_TITLES
        # "The Red Cross", "the Black Sea": after "the", a given name starts a thing's name unless a title
        # stands before it ("the Reverend Al Sharpton", "The Prime Minister Boris Johnson")
        after_the = (run[0].lower == "the" or i > 0 and words[i - 1].lower == "the") \
            and not any(w.lower in lexicon.PERSON_TITLES for w in run[:-2])
        gender = lexicon.given_name_gender(run[-2].text) if len(run) >= 2 and not after_the \
            and run[-2].lower not in lexicon.FUNCTION_WORDS else None  # "In Estonia", "The Hague" name no one
        if gender in (None, "either") and len(run) <= 3 and title in lexicon.TITLE_GENDER:
            gender = lexicon.TITLE_GENDER[title]  # "Mr Sunak", "Queen Camilla"
        surname = strip_possessive(run[-1].text)
        described = _described_as_person(tokens, run[-1])
        if gender is None and not (titled and len(run) <= 3) and not (described and len(run) <= 3):
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


# Words that, in apposition after a name ("X, the chief editor of"), say that X is a person. Roles that a
# company, a country or a team also takes are left out: "Apple, the market leader", "Aramco, the oil
# producer", "Estonia, a member of NATO", "Arm, the chip designer", "BlackRock, the asset manager".
_SHARED_ROLES = frozenset({"leader", "player", "producer", "manager", "designer", "owner", "member", "head",
                           "chief", "driver", "champion", "general", "secretary", "director", "coach", "captain"})
PERSON_ROLES = (lexicon.PERSON_TITLES - _SHARED_ROLES) | frozenset({
    "editor", "expert", "founder", "co-founder", "writer", "author", "poet", "painter", "artist",
    "journalist", "reporter", "analyst", "economist", "scientist", "historian", "philosopher", "lawyer",
    "activist", "politician", "diplomat", "officer", "soldier", "son", "daughter", "father", "mother",
    "wife", "husband", "brother", "sister", "widow", "nephew", "niece", "uncle", "aunt", "grandson",
    "granddaughter", "deputy", "adviser", "advisor", "spokesperson", "candidate", "composer", "musician",
    "teacher", "student", "doctor", "priest", "monk", "nun", "emperor", "empress", "tsar", "sultan", "khan",
    "duke", "duchess", "countess", "baron", "heir", "man", "woman", "boy", "girl", "striker", "goalkeeper",
    "midfielder", "athlete", "boxer", "dancer", "architect",
})
# Words that make a run of capitalised words an organisation's name, not a person's: "Manchester United",
# "Brussels Airlines", "Minnesota Public Radio", "Deutsche Bank".
ORGANISATION_WORDS = frozenset({
    "united", "city", "club", "fc", "party", "inc", "ltd", "plc", "llc", "corp", "corporation", "company",
    "group", "bank", "airlines", "airways", "motors", "university", "college", "council", "ministry",
    "agency", "association", "federation", "union", "institute", "foundation", "committee", "commission",
    "times", "news", "post", "radio", "television", "tv", "press", "media", "league", "army", "navy", "police",
    "government", "parliament", "court", "office", "department", "authority", "organisation", "organization",
})
APPOSITION_OPENERS = frozenset({"the", "a", "an", "his", "her", "their", "its", "former", "then"})


def _described_as_person(tokens: list[Token], last: Token) -> bool:
    """True when the name ending at `last` is followed by "who" or by a person's role in apposition:
    "John Lewis, who preached", "Allar Tankler, the chief editor of Eesti Ekspress"."""
    at = next((k for k, t in enumerate(tokens) if t.start == last.start), None)
    if at is None:
        return False
    rest = tokens[at + 1: at + 7]
    if rest[:1] and rest[0].lower == "who" or len(rest) >= 2 and rest[0].text == "," and rest[1].lower == "who":
        return True
    if not rest or rest[0].text != "," or len(rest) < 2 or rest[1].lower not in APPOSITION_OPENERS:
        return False
    for token in rest[2:]:
        if token.text in (",", ".", ";") or token.lower in lexicon.PREPOSITIONS:
            return False  # the apposition ended without a role: "Boeing, the plane maker"
        if token.lower in PERSON_ROLES:
            return True
    return False


def strip_possessive(word: str) -> str:
    return re.sub(r"['’]s$", "", word)
