"""MT4xx: pronouns that do not agree with what they refer to."""

from __future__ import annotations

import re
from collections.abc import Iterator

from mtqa.model import Applicability, Edit, Fix, Severity
from mtqa.nlp import lexicon
from mtqa.nlp.people import (
    APPOSITION_OPENERS,
    ORGANISATION_WORDS,
    PERSON_ROLES,
    capitalised_runs,
    strip_possessive,
)
from mtqa.rules._helpers import replace_fix
from mtqa.rules.context import SegmentContext
from mtqa.rules.registry import FixAvailability, Match, rule


def _is_subject(words: list, index: int) -> bool:  # type: ignore[type-arg]
    """True when the capitalised run ending at `index` opens its sentence or clause (the name is a subject,
    so "its" after it refers to it); "put Hunter Biden on its board" is an object and its "its" is another's."""
    start = index
    while start > 0 and words[start - 1].text[:1].isupper():
        start -= 1
    return start == 0 or words[start - 1].lower in lexicon.CLAUSE_OPENERS or words[start - 1].lower in lexicon.PERSON_TITLES


MAX_WORDS_BACK = 8  # "Winfrey was tearful in its farewell": the subject a few words back


def _may_own(word) -> bool:  # type: ignore[no-untyped-def]
    """True when "its" after `word` may belong to it: a noun, another name, a pronoun, a number."""
    if word.lower in ("it", "they", "this", "that", "which", "who") or not word.text.isalpha():
        return True
    if word.text[0].isupper():
        return True
    if word.lower in lexicon.FUNCTION_WORDS or word.lower in lexicon.AUXILIARIES:
        return False
    return "NOUN" in lexicon.parts_of_speech(word.lower) or not lexicon.parts_of_speech(word.lower)


# "name": a capitalised word the document does not show to be a person's. The model's wish for "their" there
# reads it as a group ("Carthage ... their land army"), so only a gendered possessive may confirm a person.
_POSSESSIVE_FOR = {"male": ("his",), "female": ("her",), "unknown": ("his", "her", "their"), "name": ("his", "her")}


_SUBJECT_FOR = {"male": ("he",), "female": ("she",), "unknown": ("he", "she")}


def _possessive_fixes(its, gender: str, table: dict[str, tuple[str, ...]] = _POSSESSIVE_FOR) -> tuple:  # type: ignore[no-untyped-def,type-arg]
    """"its" (or, with `_SUBJECT_FOR`, "it") replaced by the person's pronoun: the gender's, or each the table
    offers when the gender is unknown."""
    return tuple(replace_fix(its.start, its.end, p if its.text[0].islower() else p.title(), f"Write “{p}”",
                             Applicability.UNSAFE) for p in table.get(gender, table["unknown"]))


@rule("MT401", "its-for-person", category="fluency/grammar", severity=Severity.MAJOR,
      fix=FixAvailability.ALWAYS, lm_required_gain=-2.0)
def find_its_for_person(ctx: SegmentContext) -> Iterator[Match]:
    """“its” used for a person named just before it.

    ## What it flags
    The possessive “its” after a person's name that opens its sentence or clause, within eight words
    and with no noun, other name or pronoun between ("Macron for its part", "Winfrey was tearful in
    its farewell"); after a name in object position
    (“put Hunter Biden on its board”) “its” belongs to someone else and is left alone. A name counts as a person's when the document gives it a title
    ("President Macron"), a known given name ("Emmanuel Macron") or a he/she pronoun.

    ## Why is this bad?
    Languages without grammatical person in their possessives (Russian “свой”, Estonian “oma”)
    come out of MT as “its”; calling a person “it” is wrong and reads as an insult.

    ## Example
    President Macron spoke in Paris. Macron for its part stressed the freedom of states.
    ->  President Macron spoke in Paris. Macron for his part stressed the freedom of states.

    ## Fix safety
    Unsafe: the fix uses the gender the document gives the person (“his”/“her”), or offers
    “his”, “her” and “their” when it gives none.
    """
    if "its" not in ctx.text.lower():
        return
    people = ctx.document.person_names
    if not people:
        return
    for sentence in ctx.sentences:
        words = sentence.words
        asides = _asides_after_names(sentence.tokens)
        for i, word in enumerate(words):
            if word.lower != "its":
                continue
            back = looked = 0
            while looked < MAX_WORDS_BACK:
                back, looked = back + 1, looked + 1
                if i - back < 0:
                    break
                candidate = words[i - back]
                if candidate.start in asides:
                    back += asides[candidate.start]  # "Tankler, the chief editor of the paper, announced"
                    continue
                name = strip_possessive(candidate.text)
                if name in people and candidate.text[0].isupper() and _is_subject(words, i - back):
                    yield Match(word.start, word.end, f"“its” refers to {name}, a person",
                                _possessive_fixes(word, people[name]))
                    break
                if _may_own(candidate):
                    break  # "Trump criticised the company for its policies": the company's


def _asides_after_names(tokens: list) -> dict[int, int]:  # type: ignore[type-arg]
    """Words inside a "who" clause or a role apposition set off by commas right after a name ("Allar
    Tankler, the chief editor of Eesti Ekspress, announced"), by start offset, each mapped to how many
    words of the aside come before it: the search for the owner of "its" jumps over the aside. Not over a
    "who" clause with a noun that may own "its" ("Ms Nakamura, who chaired the inquiry, said its findings":
    the inquiry's): there MT403 asks the model."""
    skips: dict[int, int] = {}
    for k in range(1, len(tokens) - 2):
        if tokens[k].text != "," or not tokens[k - 1].text[:1].isupper():
            continue
        opener = tokens[k + 1].lower
        if opener != "who" and opener not in APPOSITION_OPENERS:
            continue
        close = next((m for m in range(k + 1, len(tokens)) if tokens[m].text in (",", ";", ".")), None)
        if close is None or tokens[close].text != ",":
            continue
        inside = [t for t in tokens[k + 1:close] if t.is_word]
        if opener != "who" and not any(t.lower in PERSON_ROLES for t in inside):
            continue
        if opener == "who" and any(t.text.isalpha() and _may_own(t) for t in inside[1:]):
            continue  # "Ms Nakamura, who chaired the inquiry, said its findings": the inquiry's, maybe
        for position, token in enumerate(inside):
            skips[token.start] = position
    return skips


# "its" after a person-like word with nouns between cannot be settled by rules ("Trump criticised the company
# for its policies"): the language model must prefer "his", "her" or "their" by this much (nats).
PERSON_POSSESSIVE_REQUIRED_GAIN = 1.0
# After a name nothing shows to be a person's, "his" or "her" must also read better than "their", which a
# group's name takes ("Hamas said its fighters": "his" gains 4.0 nats, "their" 4.4; "Juventus said its
# accounts": 3.0 and 4.0). A margin of 0: "Rutte for its part" gains 8.6 and 8.3 ("for their part" is
# idiomatic), and of the dev suite's 94 "its" for a person that gain 1 or more, 91 read "his"/"her" better.
PERSON_POSSESSIVE_RIVAL_MARGIN = 0.0
# Where a noun, another name or a pronoun that may own "its" stands between the person and "its", the person's
# pronoun must gain this much: "The captain steered the ship through the storm and saved its crew" (the ship's
# crew) gains 2.6 for "his", "The coach left the club after its relegation" 1.7, "The governor signed the law
# despite its critics" 1.2, "The mayor toured the hospital and thanked its staff" 1.0 (clean sentences written
# for the rule, 4 of 30 such sentences above 1 nat and below 3). Of the dev suite's 57 "its" for a person with
# such a word between, 54 gain 1 or more and 46 gain 3 or more.
PERSON_POSSESSIVE_OVER_OWNER_GAIN = 3.0
# Where "its" stands in a clause the person reports and that clause has a subject of its own, or where "it"
# stands between the person and "its", the person's pronoun must gain this much. "The chairman, Sir John
# Armitt, said the government had ignored its advice" gains 6.7 nats for "his" (the advice of the commission
# he chairs), "The committee's chair, Dame Meg Hillier, said the Treasury had ignored its warnings" 3.3 (two
# of the clean sentences of benchmarks/probes/clean_people.jsonl, written 2026-12-06), "She rescued the puppy
# and named it after its mother" 5.0: the person reports, the clause is about its subject; "its" is what
# "it" is. Of the dev suite's
# 57 "its" for a person with an owner between, two stand so ("He told media that his biggest achievement
# ... is giving its mom", 10.5; "she made it clear to its fans", 8.9).
PERSON_POSSESSIVE_OVER_SUBJECT_GAIN = 8.0


@rule("MT403", "its-after-person", category="fluency/grammar", severity=Severity.MAJOR,
      fix=FixAvailability.ALWAYS, lm_required_gain=PERSON_POSSESSIVE_REQUIRED_GAIN, needs_lm=True,
      rival_margin=PERSON_POSSESSIVE_RIVAL_MARGIN)
def find_its_after_person(ctx: SegmentContext) -> Iterator[Match]:
    """“its” in a sentence about a person, where the language model reads “his”, “her” or “their”.

    ## What it flags
    The possessive “its” after a word that may name a person earlier in its sentence (a name, a
    role such as “the leader” or “the goalkeeper”, kin or people such as “my sister” or “a man”, or
    “he”/“she”), where MT401's strict conditions do not hold (“Rutte for its part said”, “Winfrey
    was tearful in its farewell”), when the language model clearly
    prefers the sentence with “his”, “her” or “their”. After a name the document does not show to be
    a person's, “his” or “her” must also read better than “their”: “Hamas said its fighters” is a
    group's “its”. Where a noun, another name or a pronoun that may own “its” stands between the
    person and “its”, the model must prefer the person's pronoun by 3 nats, not 1 (“The captain
    steered the ship and saved its crew”: the ship's crew), and by 8 where “its” stands in a clause the
    person reports that has a subject of its own (“Armitt said the government had ignored its advice”)
    or after “it” (“She rescued the puppy and named it after its mother”). Companies and things keep
    their “its” (“Boeing said its deliveries fell”): the model prefers it there. Runs only with a
    language model.

    ## Why is this bad?
    Languages without gendered possessives come out of MT as “its”; calling a person “it” is wrong.

    ## Example
    Giancarlo Fisichella lost control of its car and finished the race.
    ->  Giancarlo Fisichella lost control of his car and finished the race.

    ## Fix safety
    Unsafe: the pronoun is the one the document gives the person, or the language model's choice
    among “his”, “her” and “their” (“his” or “her” after a name the document does not show to be a
    person's: a model that prefers “their” there reads the name as a group or a country, as after a
    role a group's possessive owns, “The team's coach said its players”; and “his” or “her” when a noun
    stands between the person and “its”: “praised the team for its discipline”, where “their” would be
    the team's).
    """
    if ctx.lm is None or "its" not in ctx.text.lower():
        return
    people = ctx.document.person_names
    strict = {m.start for m in find_its_for_person(ctx)}
    for sentence in ctx.sentences:
        words = sentence.words
        for i, word in enumerate(words):
            if word.lower != "its" or word.start in strict:
                continue
            found = _person_like_before(words, i, _PEOPLE)
            if found is None:
                continue
            at, referent = found
            name = _whole_name(words, at, people) or strip_possessive(referent)
            bare = _bare_name(name, people, _PEOPLE)
            gender = people.get(name) or lexicon.PRONOUN_GENDER.get(referent.lower()) or ("name" if bare else "unknown")
            owner_between = any(_may_own(w) for w in words[at + 1:i])
            held = _held_by_a_group(words, at, people)
            if gender == "unknown" and (owner_between or held):
                gender = "name"  # "The coach praised the team for its discipline": "their" would be the team's
            their = "their" if word.text[0].islower() else "Their"
            subject_between = owner_between and (  # a subject or "it" may own "its" too
                _reported_subject_between(words, at, i) or any(w.lower == "it" for w in words[at + 1:i]))
            required = PERSON_POSSESSIVE_OVER_SUBJECT_GAIN if subject_between \
                else PERSON_POSSESSIVE_OVER_OWNER_GAIN if owner_between else None
            yield Match(word.start, word.end, f"“its” may refer to {name}, a person", _possessive_fixes(word, gender),
                        rivals=(replace_fix(word.start, word.end, their, f"Write “{their}”", Applicability.UNSAFE),)
                        if bare or held else (),
                        required_gain=required)


def _held_by_a_group(words: list, at: int, people: dict[str, str]) -> bool:  # type: ignore[type-arg]
    """Whether the person at `at` is a role that a possessive owns, and that possessive names no person: "The
    team's coach said its players were tired", "Apple's new chief said its sales rose". "its" may be the
    group's, so "their" is a rival reading of the sentence, as after a bare name."""
    if words[at].lower not in lexicon.PERSON_TITLES:
        return False
    for back in (1, 2):
        if at - back < 0:
            return False
        owner = words[at - back]
        name = strip_possessive(owner.text)
        if name != owner.text:
            return name not in people  # "Ms Okoro's deputy" is a person's
        if not owner.text.islower():
            return False  # one lower-case word may stand between: "the team's new coach"
    return False


def _reported_subject_between(words: list, at: int, index: int) -> bool:  # type: ignore[type-arg]
    """Whether the "its" at `index` stands in a clause reported after the person at `at` that has a subject of
    its own, and that subject's verb, before it: "Armitt said the government had ignored its advice", "told
    the court that the company had hidden its losses". Not "Tiina tells Annemai that its feelings have
    cooled" (no subject before "its"), nor "Ghani announced the composition of its cabinet" (an object)."""
    for r in range(index - 1, at, -1):
        if words[r].lower in lexicon.REPORTING_VERBS:
            that = next((k for k in range(r + 1, index) if words[k].lower == "that"), None)
            clause = words[(r if that is None else that) + 1:index]
            subject = next((k for k, w in enumerate(clause) if _may_own(w)), None)
            return subject is not None and any(_finite(w) for w in clause[subject + 1:])
    return False


def _finite(word) -> bool:  # type: ignore[no-untyped-def]
    """An auxiliary, or a past form that may be a verb: what follows a clause's subject ("had", "earned")."""
    return word.lower in lexicon.AUXILIARIES or word.lower.endswith("ed") and lexicon.can_be_verb(word.text)


# "it" as the subject of a clause about a person ("Mr Chen admitted on television that it had taken bribes")
# must read this much worse than "he" or "she" (nats). Chosen on a first version of the rule: the 54 places it
# found in the dev sets' 4,220 clean English texts gained at most 1.4, and of 91 dev sentences with a person's
# "he" or "she" turned into "it", 49 gained 5 or more. Names that the model reads as a person's but that name a
# team or a country stay below it ("Chelsea said it would appeal", "Jordan said it had shot down the drones":
# 4.0, 4.3); a group's name above it must lose to "they" (`_group_reading`). The rule reads "it" after any
# word (2026-12-06, third stop): after a word that opens no clause "it" is more often an object ("made it
# clear"), which the model does not read as "he"; the 62 places in the suite's 3,749 clean sentences gained
# at most 2.5.
PERSON_SUBJECT_REQUIRED_GAIN = 5.0
# After a name nothing shows to be a person's, "he" or "she" must also read this much better than "they"
# (`_group_reading`): "Hamas said it would release the hostages" gains 5.6 for "he" and 4.7 for "they"; of the
# dev suite's "it" for a person before a verb "they" takes unchanged (a modal, "had", a past in -ed) that gain 5
# or more, all but one ("explain Annemai and Ints why it should be helped") beat "they" by 1.9 or more.
PERSON_SUBJECT_RIVAL_MARGIN = 1.5
# Where the person is an object in a sentence whose earlier words name only a thing or a group, "he" or "she"
# must gain this much: "The board told Ms Patel that it had lost confidence in her" gains 6.3 for "she",
# "The airline told Ms Lopez that it had lost her luggage" 7.7 (2 of 12 such sentences in
# benchmarks/probes/clean_people.jsonl): "she had lost her luggage" reads as well, but "it" is the airline. Of the dev suite's
# "it" for a person, two stand so ("it was studied by Darwin, and it gave", 8.9; the other gains nothing).
PERSON_SUBJECT_AFTER_A_THING_GAIN = 8.0
# Where the sentence or the document shows the word before "it" to stand for a person (a name the document
# gives a title, a known given name or a he/she, a role such as "the minister", or "he"/"she"), no group's
# reading is left, and "he" or "she" must gain this much: "Mr Sunak said it would call an election" gains
# 3.2 for "he", "The minister resigned after it had broken the rules" 3.9 (benchmarks/probes). Of the 4,823
# clean dev and probe texts, the places after such a word that ask the default bar gained at most 1.2
# ("Mr Barnier said of the decision, adding that it had cost the party dearly").
PERSON_SUBJECT_SHOWN_GAIN = 3.0
_PEOPLE = PERSON_ROLES | lexicon.PERSON_TITLES  # words that may stand for a person: roles, titles, kin
# What may stand between "it" and the word before it: a space, or a break ("with my submission,” it said).
_BEFORE_IT = frozenset({" ", ", ", "; ", ',” ', '," ', "” ", '" '})


# "it" before a verb that says nothing of number becomes "they"; before "is", "was", "has", "does" both change.
_SAME_FOR_THEY = frozenset({"would", "will", "could", "can", "should", "may", "might", "must", "had", "did"})
_FOR_THEY = {"is": "are", "was": "were", "has": "have", "does": "do", "’s": "’re", "'s": "'re"}


def _group_reading(it, verb) -> tuple[Fix, ...]:  # type: ignore[no-untyped-def]
    """The rival of MT405's "he"/"she" after a bare name: "they", which a name the model reads as a group's
    takes ("Hamas said they would"); where it wins, the "it" is a group's and stands. None where the verb
    after "it" would change in a way the rule does not know ("it says")."""
    if verb.lower in _SAME_FOR_THEY or verb.lower.endswith("ed"):
        return (replace_fix(it.start, it.end, "they", "Write “they”", Applicability.UNSAFE),)
    if verb.lower in _FOR_THEY:
        return (Fix((Edit(it.start, it.end, "they"), Edit(verb.start, verb.end, _FOR_THEY[verb.lower])),
                    Applicability.UNSAFE, f"Write “they {_FOR_THEY[verb.lower]}”"),)
    return ()


@rule("MT405", "it-for-person", category="fluency/grammar", severity=Severity.MAJOR,
      fix=FixAvailability.ALWAYS, lm_required_gain=PERSON_SUBJECT_REQUIRED_GAIN, needs_lm=True,
      rival_margin=PERSON_SUBJECT_RIVAL_MARGIN)
def find_it_for_person(ctx: SegmentContext) -> Iterator[Match]:
    """“it” as the subject of a clause about a person, where the language model reads “he” or “she”.

    ## What it flags
    “it” followed by a verb (or by an adverb and a verb, “it too died”, or by “and his”/“and her”),
    after a word earlier in its sentence that may name a person (a name, a role such as “the
    leader”, kin or people such as “my sister” or “a man”, or “he”/“she”) or
    before a role (“it was the commander of”), when the language model prefers the sentence with “he”
    or “she” by at least 3 nats after a word the text shows to stand for a person (a name the
    document gives a title, a known given name, a role in apposition or a he/she after it, read by
    the whole name: “Kerri Miller”; a role; “he”/“she”: “Mr Sunak said it would call an election”),
    and by at least 5 after a name nothing shows to be a person's. There the model must also prefer
    “he” or “she” to “they” by 1.5 nats: “Hamas said it would” is a group's “it”. Where the person
    is an object and the sentence's earlier words name only a thing or a group, the model must prefer
    “he” or “she” by 8 nats: “The board told Ms Patel that it had lost confidence in her” is the
    board's “it”. Companies, countries and things keep their “it” (“Toyota said it would recall 1.2
    million cars”): the model prefers it there. Runs only with a language model.

    ## Why is this bad?
    Languages with one pronoun for “he”, “she” and “it” (Estonian “ta”, Finnish “hän”, Turkish
    “o”) come out of MT as “it”; calling a person “it” is wrong and reads as an insult.

    ## Example
    Villu Reiljan announced that it would resign as party leader.
    ->  Villu Reiljan announced that he would resign as party leader.

    ## Fix safety
    Unsafe: “he” or “she” as the document gives the person's gender, or both, ranked by the model.
    """
    if ctx.lm is None or not re.search(r"\bit\b", ctx.text):
        return
    people = ctx.document.person_names
    text = ctx.text
    for sentence in ctx.sentences:
        words = sentence.words
        for i in range(1, len(words) - 1):
            word, before = words[i], words[i - 1]
            if word.text != "it" or text[before.end:word.start] not in _BEFORE_IT:
                continue
            after = _verb_after_it(words, i)
            if after is None:
                continue
            found = _person_like_before(words, i, _PEOPLE) or _role_after(words, i)
            if found is None:
                continue
            at, referent = found
            referent = _whole_name(words, at, people) or referent
            gender = people.get(referent) or lexicon.PRONOUN_GENDER.get(referent.lower(), "unknown")
            bare = _bare_name(referent, people, _PEOPLE)
            yield Match(word.start, word.end, f"“it” may refer to {referent}, a person",
                        _possessive_fixes(word, gender, _SUBJECT_FOR),
                        rivals=_group_reading(word, after) if bare else (),
                        required_gain=PERSON_SUBJECT_AFTER_A_THING_GAIN
                        if at < i and _told_by_a_thing(text, words, at)
                        else None if bare else PERSON_SUBJECT_SHOWN_GAIN)


def _told_by_a_thing(text: str, words: list, at: int) -> bool:  # type: ignore[type-arg]
    """Whether the person at `at` is an object, right after a verb or a preposition ("told Ms Patel", "the
    family of Mr Brown"), in a sentence whose earlier words name no person but a thing or a group: "The
    board told Ms Patel that it had lost confidence in her", where "it" is the board."""
    start = at
    while start > 0 and (words[start - 1].text[:1].isupper() or words[start - 1].lower in lexicon.PERSON_TITLES) \
            and text[words[start - 1].end:words[start].start] == " ":
        start -= 1
    if start == 0 or text[words[start - 1].end:words[start].start] != " ":
        return False  # the sentence's or a clause's first words: "After the results, Putin said that it"
    before = words[start - 1]
    if before.lower not in lexicon.PREPOSITIONS and (before.lower in lexicon.AUXILIARIES or not lexicon.can_be_verb(before.text)):
        return False
    if _person_like_before(words, start, _PEOPLE) or any(w.lower in lexicon.PRONOUN_GENDER for w in words[:start]):
        return False  # a person stands before, or is spoken of: "A revolt against him forced Juan to ..., and it died"
    return any(w.text.isalpha() and w.lower not in lexicon.FUNCTION_WORDS and "NOUN" in lexicon.parts_of_speech(w.lower)
               for w in words[:start])


_COPULAS = frozenset({"is", "was", "became", "becomes", "remains", "remained"})
# Adverbs that may stand between a subject and its verb: "it too died", "it later posted".
_ADVERBS_BEFORE_VERB = frozenset({"too", "also", "later", "then", "never", "still", "even", "soon", "once",
                                  "only", "already", "just", "finally", "always", "often", "first", "subsequently"})


def _verb_after_it(words: list, index: int):  # type: ignore[no-untyped-def,type-arg]
    """The verb whose subject the "it" at `index` is: the next word, or the word after an adverb ("it too
    died"); "and" before "his"/"her" stands for it too ("it and his disciples were"). None when none follows."""
    after = words[index + 1]
    if after.lower in _ADVERBS_BEFORE_VERB and index + 2 < len(words):
        after = words[index + 2]
    elif after.lower == "and" and index + 2 < len(words) and words[index + 2].lower in ("his", "her"):
        return after
    return after if after.lower in lexicon.AUXILIARIES or lexicon.can_be_verb(after.text) else None


def _role_after(words: list, index: int) -> tuple[int, str] | None:  # type: ignore[type-arg]
    """A role the "it" at `index` is said to hold, "it was the commander of", "it became captain", with its index."""
    at = index + 2 + (index + 2 < len(words) and words[index + 2].lower in lexicon.ARTICLES)
    if words[index + 1].lower in _COPULAS and at < len(words) and words[at].lower in _PEOPLE:
        return at, words[at].text
    return None


def _whole_name(words: list, at: int, people: dict[str, str]) -> str | None:  # type: ignore[type-arg]
    """The document's person that the capitalised name at `at` is part of: "Kerri Miller" is the person
    "Miller" where "miller" is also a word and the search stopped at "Kerri", "President Donald Trump" is
    "Trump". None when no word of the name is one of the document's people."""
    run = next((run for start, run in capitalised_runs(words) if start <= at < start + len(run)), [])
    return next((name for w in reversed(run) if (name := strip_possessive(w.text)) in people), None)


def _bare_name(referent: str, people: dict[str, str], roles: frozenset[str] = lexicon.PERSON_TITLES) -> bool:
    """Whether `_person_like_before`'s referent is a name nothing shows to be a person's: no "he"/"she", no
    role or title, not among the document's people. A group's name may be one: "they" is its rival reading."""
    return referent not in people and referent.lower() not in roles and referent.lower() not in lexicon.PRONOUN_GENDER


def _names_an_organisation(words: list, index: int) -> bool:  # type: ignore[type-arg]
    """Whether the name at `index`, with the capitalised words right after it, is an organisation's:
    "Manchester United", "Minnesota Public Radio" (not "the Party Villu Reiljan", a person after one)."""
    end = index
    while end + 1 < len(words) and words[end + 1].text[:1].isupper() and words[end].end + 1 >= words[end + 1].start:
        end += 1
    return any(strip_possessive(w.text).lower() in ORGANISATION_WORDS for w in words[index:end + 1])


def _person_like_before(words: list, index: int,  # type: ignore[type-arg]
                        roles: frozenset[str] = lexicon.PERSON_TITLES) -> tuple[int, str] | None:
    """The nearest word before `index` in the sentence that may stand for a person: a name (a capitalised
    word English does not use in lower case), a role ("leader", "minister"; MT405 also reads kin and
    people: "my sister", "a man") or "he"/"she", with its index. A month names no one, nor does a name
    that an organisation's word follows ("Manchester United", "Brussels Airlines"): the search goes past.
    A name after a preposition ("met Macron in Paris, and its adviser") is a place or an object more often
    than the owner: a name before it is preferred, and it is taken only when there is none."""
    fallback = None
    for j in range(index - 1, -1, -1):
        word = words[j]
        if word.lower in ("he", "she") or word.lower in roles:
            return j, word.text
        if word.text[:1].isupper() and not word.text.isupper() and word.lower not in lexicon.FUNCTION_WORDS \
                and word.lower not in lexicon.CALENDAR_WORDS and not lexicon.parts_of_speech(strip_possessive(word.text).lower()):
            if _names_an_organisation(words, j):
                continue  # "Manchester United", "the Estonian People's Union": no person's name
            if j == 0 or words[j - 1].lower not in lexicon.PREPOSITIONS:
                return j, strip_possessive(word.text)
            fallback = fallback or (j, strip_possessive(word.text))
    return fallback




@rule("MT402", "pronoun-case", category="fluency/grammar", severity=Severity.MINOR,
      fix=FixAvailability.ALWAYS, lm_required_gain=-2.0)
def find_pronoun_case(ctx: SegmentContext) -> Iterator[Match]:
    """A pronoun in the wrong case: an object form as a subject, a possessive with no noun.

    ## What it flags
    “them/him/me/us” starting a clause right before a finite verb (“confirmed that them want”), and
    a possessive determiner “its/their/your/my/our” followed by a preposition, an article, a
    conjunction or the end of the sentence (“change its before leaving”).

    ## Why is this bad?
    MT from languages whose pronouns do not mark case the English way picks the wrong form.

    ## Example
    The signatories confirmed that them want to keep the agreement.  ->  The signatories confirmed that they want to keep the agreement.

    ## Fix safety
    Unsafe: the replacement form is the usual one, but the clause may need more than one word changed.
    """
    for sentence in ctx.sentences:
        tokens = sentence.tokens
        for i, token in enumerate(tokens):
            following = tokens[i + 1] if i + 1 < len(tokens) else None
            before = tokens[i - 1].lower if i > 0 else ""
            if token.lower in lexicon.SUBJECT_FORM and following is not None and following.lower in lexicon.FINITE_AFTER_SUBJECT \
                    and (i == 0 or before in lexicon.CLAUSE_STARTS):
                yield _case_match(token, lexicon.SUBJECT_FORM[token.lower], "cannot be the subject of a clause")
            elif token.lower in lexicon.OBJECT_FORM and i > 0 and following is not None and \
                    (following.lower in lexicon.PREPOSITIONS or following.lower in lexicon.ARTICLES
                     or following.lower in ("and", "or", "but") or following.text in (".", "!", "?")):
                yield _case_match(token, lexicon.OBJECT_FORM[token.lower], "needs a noun after it")


def _case_match(token, replacement: str, why: str) -> Match:  # type: ignore[no-untyped-def]
    if token.text[0].isupper() and replacement != "I":
        replacement = replacement.capitalize()
    return Match(token.start, token.end, f"“{token.text}” {why}",
                 (replace_fix(token.start, token.end, replacement, f"Write “{replacement}”", Applicability.UNSAFE),))


@rule("MT404", "article-form", category="fluency/grammar", severity=Severity.MINOR,
      fix=FixAvailability.ALWAYS, lm_required_gain=0.0)
def find_article_form(ctx: SegmentContext) -> Iterator[Match]:
    """“a” before a vowel sound or “an” before a consonant sound.

    ## What it flags
    The article “a” before a word said with a vowel first (“a apple”, “a 8-year-old”, “a hour”) and
    “an” before one said with a consonant first (“an toddler”, “an European”, “an one-off”), when the
    article is in lower case, or opens its sentence, and one space stands before the word. Words whose
    first letter does not tell their first sound are left alone: those starting with u, h, x or y but
    “hour”, “honest”, “honour” and “heir”, acronyms, mixed-case and one-letter words, words English
    does not list, and numbers starting with 1 (“a 1” but “an 11”). The language model, where there is
    one, may overrule it: it must find the other article no less likely.

    ## Why is this bad?
    MT that translates word by word, or edits a phrase after choosing its article, leaves the wrong form.
    A reader trips on it at once.

    ## Example
    Olivia de Havilland moved to California as an toddler.  ->  Olivia de Havilland moved to California as a toddler.

    ## Fix safety
    Safe: the other form of the same article, nothing else changed.
    """
    text = ctx.text
    for sentence in ctx.sentences:
        tokens = sentence.tokens
        for i, token in enumerate(tokens[:-1]):
            form = token.text
            if form not in ("a", "an") and not (i == 0 and form in ("A", "An")):
                continue
            following = tokens[i + 1]
            if not following.is_word or text[token.end:following.start] != " " \
                    or following.lower in lexicon.FUNCTION_WORDS or text[following.end:following.end + 1].isalpha():
                continue  # "a an apple" is MT101's; "point a and point b" has no article; "an 7unsure" a typo
            if i > 0 and (tokens[i - 1].text in ("-", "'", "’", "/") or text[tokens[i - 1].end:token.start] == ""):
                continue  # part of a word or a code ("Type-a", "a/b")
            vowel = lexicon.starts_with_vowel_sound(following.text)
            if vowel is None or vowel == (form.lower() == "an"):
                continue
            other = ("an" if vowel else "a")
            other = other.capitalize() if form[0].isupper() else other
            yield Match(token.start, token.end, f"“{form} {following.text}”: write “{other}” before this sound",
                        (replace_fix(token.start, token.end, other, f"Write “{other}”"),))
