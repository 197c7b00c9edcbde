"""MT2xx: sentences that are not whole: stranded prepositions, fragments cut off by a stray period."""

from __future__ import annotations

import re
from collections.abc import Iterator

from mtqa.model import Applicability, Edit, Fix, Severity
from mtqa.nlp import lexicon
from mtqa.nlp.numbers import ENGLISH_NUMBER_WORDS
from mtqa.nlp.tokens import Token
from mtqa.rules._helpers import source_text
from mtqa.rules.context import SegmentContext, Sentence
from mtqa.rules.registry import FixAvailability, Match, rule

_FINAL = frozenset(".!?…")


def _final_word(sentence: Sentence) -> tuple[Token, int] | None:
    """The last word of a sentence that ends in a full stop, and its index among the tokens."""
    tokens = sentence.tokens
    if len(tokens) < 2 or tokens[-1].text not in _FINAL or not tokens[-2].is_word:
        return None
    return tokens[-2], len(tokens) - 2


# A source whose last word is cut off: white space before its final stop ("... un sistem cuprinzător de .").
SOURCE_GAP = re.compile(r"\w\s+\.\s*$")


def _source_has_gap(ctx: SegmentContext) -> bool:
    """The segment's source is cut off before its final stop: its last sentence's gap is the source's."""
    src = source_text(ctx)
    return src is not None and SOURCE_GAP.search(src) is not None


def _is_stranded(sentence: Sentence) -> bool:
    """True when the sentence ends in a preposition with nothing it could belong to.

    English strands prepositions legitimately after a verb ("the man she spoke with", "people to talk
    to", "the company he works for") or in questions and relative clauses; those are left alone. A
    preposition right after a noun or a name ("The virtual team of.", "Bare asphalt on."), in a sentence
    with no relative or wh-word, has lost its object.
    """
    found = _final_word(sentence)
    if found is None:
        return False
    word, index = found
    if word.lower not in lexicon.PREPOSITIONS or index == 0 or sentence.tokens[-1].text == "?":
        return False
    previous = sentence.tokens[index - 1]
    if not previous.is_word or previous.lower in lexicon.AUXILIARIES or previous.lower in lexicon.PARTICLES:
        return False
    if any(t.lower in lexicon.WH_WORDS for t in sentence.tokens[:index]):
        return False
    if previous.lower in lexicon.PERSONAL_PRONOUNS or previous.lower in ("to", "be", "been"):
        return False
    if previous.lower.endswith(("ed", "ing")):
        return False  # "a cause worth fighting for"
    in_noun_phrase = index >= 2 and _modifies_a_noun(sentence.tokens[index - 2], index - 2 == 0)
    if word.lower in lexicon.PARTICLES and (not in_noun_phrase or any(
            _may_be_verb(sentence.tokens, k) for k in range(index - 1))):
        return False  # "the lights were turned on", "she took the dog in": a phrasal verb's particle
    names_itself = previous.text[0].isupper() and not previous.text.isupper()
    return names_itself or in_noun_phrase or not lexicon.can_be_verb(previous.text)


def _may_be_verb(tokens: list[Token], k: int) -> bool:
    """Whether the k-th token may be a verb: a word that can be one, unless a capital inside the sentence
    makes it a name ("Polish Prime Minister Donald Tusk"), a determiner before it a noun ("The head of
    NATO Mark Rutte by.") or a number before it an -ing word an adjective, and the word after that its
    noun ("three neighbouring states")."""
    token = tokens[k]
    lower = token.lower.replace("’", "'")
    if lower in lexicon.AUXILIARIES or lower.endswith(_VERB_CONTRACTIONS) or lower in _PRONOUN_IS:
        return True  # "It's the food of the plant.", "They'll be"
    if not token.is_word or not lexicon.can_be_verb(token.text):
        return False
    opens = k == 0 or k == 1 and not tokens[0].is_word  # the sentence's first word, after a quote or not
    if not opens and (lower.endswith("ing") and _is_number(tokens[k - 1])
                      or k >= 2 and tokens[k - 1].lower.endswith("ing") and _is_number(tokens[k - 2])):
        return False  # "The leaders of three neighbouring states with.": an adjective and its noun
    return opens or not token.text[0].isupper() and tokens[k - 1].lower not in _DETERMINERS_ONLY


def _is_number(token: Token) -> bool:
    return token.text[:1].isdigit() or token.lower in ENGLISH_NUMBER_WORDS


_VERB_CONTRACTIONS = ("'re", "'m", "'ve", "'d", "'ll", "n't")
_PRONOUN_IS = frozenset({"it's", "he's", "she's", "that's", "there's", "here's", "what's", "who's", "where's",
                         "let's"})
# Words that stand only before a noun: "the", "a", a possessive. "that", "this", "some" and "her" may stand
# alone before a verb ("that means", "let her go").
_DETERMINERS_ONLY = lexicon.ARTICLES | (lexicon.POSSESSIVES - {"her"})


def _modifies_a_noun(token: Token, opens_sentence: bool) -> bool:
    """A determiner, possessive, number, adjective or name before a word makes that word a noun:
    "the team", "our mind", "bare asphalt", "KO round"."""
    if not token.is_word or token.lower in lexicon.PERSONAL_PRONOUNS or token.lower == "to":
        return False
    if token.lower in lexicon.DETERMINERS or token.text[0].isdigit():
        return True
    if token.text[0].isupper() and not opens_sentence:
        return True
    tags = lexicon.parts_of_speech(token.lower)
    return "ADJ" in tags and "VERB" not in tags and "ADV" not in tags


def _is_fragment(sentence: Sentence) -> bool:
    """A short sentence with no word that may be a verb (`_may_be_verb`)."""
    words = sentence.words
    if not 2 <= len(words) <= 8 or any(t.text in (":", "“", '"', "(") for t in sentence.tokens):
        return False
    return not any(_may_be_verb(sentence.tokens, k) for k in range(len(sentence.tokens)))


MAX_REJOINED = 6  # words of a stranded sentence short enough to be the end of the clause before it


@rule("MT201", "stranded-preposition", category="fluency/grammar", severity=Severity.MAJOR,
      fix=FixAvailability.SOMETIMES)
def find_stranded_prepositions(ctx: SegmentContext) -> Iterator[Match]:
    """A sentence that ends in a preposition whose object is missing.

    ## What it flags
    A final preposition after a noun or a name ("... Volodymyr Zelensky with."), in a sentence
    with no question, relative clause or verb that could take it. Particles that often end
    sentences ("turned on", "gave up") and prepositions after a verb ("the man she spoke with")
    are not flagged, nor is a last sentence whose source has the same gap before its final stop
    ("... de satul din ."): the translation is faithful to a broken source.

    ## Why is this bad?
    MT systems that reorder a source language with postpositions or case endings sometimes
    leave the preposition behind; the sentence then ends in mid-air.

    ## Example
    He discussed the presidency. Volodymyr Zelensky with.  ->  He discussed the presidency with Volodymyr Zelensky.

    ## Fix safety
    Unsafe, and only when the sentence is short (six words or fewer) and follows a full stop in the
    same paragraph: the fix removes the stray period, moves the preposition back in front of its
    object and joins them to the clause before, as MT202 does for verbless fragments.
    """
    gap_in_source = _source_has_gap(ctx)
    for number, sentence in enumerate(ctx.sentences):
        if gap_in_source and number == len(ctx.sentences) - 1:
            continue
        if _is_stranded(sentence):
            word, _ = _final_word(sentence)  # type: ignore[misc]
            previous = ctx.sentences[number - 1] if number else None
            rejoin = previous is not None and previous.tokens[-1].text == "." and len(sentence.words) <= MAX_REJOINED
            yield Match(word.start, word.end, f"The sentence ends in the preposition “{word.text}”, "
                                              "which has no object",
                        _join_fixes(ctx.text, previous, sentence) if rejoin else ())  # type: ignore[arg-type]


@rule("MT202", "broken-clause", category="fluency/grammar", severity=Severity.MAJOR,
      fix=FixAvailability.SOMETIMES, lm_required_gain=-2.0)
def find_broken_clauses(ctx: SegmentContext) -> Iterator[Match]:
    """A clause cut in two by a stray period, leaving a verbless fragment.

    ## What it flags
    A short verbless sentence that follows another sentence of the same paragraph and ends in a
    preposition, article or conjunction: the period before it split one clause into two. A word after
    a determiner ("The head of NATO Mark Rutte by.") or capitalised inside the sentence ("The Red Flag
    Party by.") is read as a noun or a name, not a verb.

    ## Why is this bad?
    The fragment cannot be read on its own and the sentence before it has lost a part
    ("discussed the country's presidency. Volodymyr Zelensky with.").

    ## Example
    He discussed the presidency. Volodymyr Zelensky with.  ->  He discussed the presidency with Volodymyr Zelensky.

    ## Fix safety
    Unsafe: the fix removes the stray period, moves a stranded preposition to the front of the
    fragment and joins it to the clause before; the result should be read.
    """
    text = ctx.text
    for previous, sentence in zip(ctx.sentences, ctx.sentences[1:]):
        if not _is_fragment(sentence) or previous.tokens[-1].text != ".":
            continue
        last_word = sentence.tokens[-2] if len(sentence.tokens) >= 2 else None
        if last_word is None or last_word.lower not in lexicon.FUNCTION_WORDS:
            continue
        yield Match(sentence.span.start, sentence.span.end,
                    "This fragment has no verb; a stray period cut the clause before it in two",
                    _join_fixes(text, previous, sentence))


# A sentence the rules cannot call stranded ("The training process in.": "process" may be a verb, "in" a
# particle) is put to the model: joined to the clause before it, the preposition in front, it must read this
# much better (nats). On the dev suite's cut clauses that MT201 and MT202 leave (59 of 294), 49 gained 8 or
# more and 53 at least 5; 20 clean two-sentence texts written for the test, 5 of them of this shape ("There was
# nothing to write with."), lost 8.8 to 25 (docs/EVALUATION.md).
SPLIT_CLAUSE_GAIN = 5.0


@rule("MT205", "split-clause", category="fluency/grammar", severity=Severity.MAJOR,
      fix=FixAvailability.ALWAYS, lm_required_gain=SPLIT_CLAUSE_GAIN, needs_lm=True)
def find_split_clauses(ctx: SegmentContext) -> Iterator[Match]:
    """A short sentence ending in a preposition that the language model reads as the end of the clause before.

    ## What it flags
    A sentence of at most six words that follows a full stop in the same paragraph and ends in a
    preposition, where MT201 cannot tell a stranded preposition from a verb's particle ("The training
    process in.", "Go home to."), when joining it to the sentence before, the preposition moved to its
    front, makes the text at least 5 nats more likely. A last sentence whose source has the same gap
    before its final stop is left alone, as in MT201. Runs only with a language model.

    ## Why is this bad?
    A stray period cut one clause in two and left its preposition behind: "experienced people here. The
    training process in." was "experienced people here in the training process."

    ## Example
    The team brought in experienced people. The training process in.  ->  The team brought in experienced people in the training process.

    ## Fix safety
    Unsafe: the join is the language model's reading, verified by its gain; where the case of the
    fragment's first word is a guess, the model chooses it too.
    """
    if ctx.lm is None:
        return  # only the model can tell a cut clause from a verb's particle
    gap_in_source = _source_has_gap(ctx)
    last = len(ctx.sentences) - 1
    for number, (previous, sentence) in enumerate(zip(ctx.sentences, ctx.sentences[1:]), start=1):
        found = _final_word(sentence)
        if found is None or previous.tokens[-1].text != "." or len(sentence.words) > MAX_REJOINED \
                or gap_in_source and number == last:
            continue
        word, index = found
        if index == 0 or word.lower not in lexicon.PREPOSITIONS or _is_stranded(sentence):
            continue  # MT201's
        yield Match(word.start, word.end, f"The sentence ending in “{word.text}” reads as the end of the clause "
                                          "before it", _join_fixes(ctx.text, previous, sentence))


def _join_fixes(text: str, previous: Sentence, fragment: Sentence) -> tuple[Fix, ...]:
    """The fragment joined to the clause before it, its first word's case as `_keeps_capital` reads it; and,
    when that reading is a guess (a common word or a given name: "China", "Real Madrid", "to Grant"), the
    other case too, for the language model to choose between (without one, the first stands)."""
    period = previous.tokens[-1]
    body_tokens = fragment.tokens[:-1]
    last = body_tokens[-1]
    if last.lower in lexicon.PREPOSITIONS:
        body = text[body_tokens[0].start: body_tokens[-2].end] if len(body_tokens) > 1 else ""
        joined = f" {last.text} {body}".rstrip()
    else:
        joined = " " + text[body_tokens[0].start: last.end]
    first = fragment.words[0].text if fragment.words else ""
    variants = [(joined, first)]
    if first[:1].isupper():
        lowered = (joined.replace(first, first.lower(), 1), first.lower())
        variants = [variants[0], lowered] if _keeps_capital(first) else [lowered, variants[0]]
        if not _case_is_a_guess(first):
            variants = variants[:1]
    described = "Join the fragment to the clause before it"
    return tuple(Fix((Edit(period.start, fragment.tokens[-1].start, variant),), Applicability.UNSAFE,
                     f"{described}, writing “{word}”" if len(variants) > 1 else described)
                 for variant, word in variants)


def _keeps_capital(word: str) -> bool:
    """A name keeps its capital when the fragment is joined; a common word ("Students") loses it."""
    lower = word.lower()
    if _always_lower(lower):
        return False  # "Eight cantons" joined: "of eight cantons"
    return word.isupper() or not lexicon.parts_of_speech(lower) or lexicon.given_name_gender(word) is not None


def _always_lower(lower: str) -> bool:
    """A function word, pronoun or number word: lower case inside a sentence whatever the fragment wrote."""
    return lower in lexicon.FUNCTION_WORDS or lower in lexicon.PERSONAL_PRONOUNS or lower in ENGLISH_NUMBER_WORDS


# An English word at least this common (Zipf) in lower case may be a common word where the fragment's capital
# stood ("Websites"), or a name ("Coronavirus" is both).
COMMON_WORD_ZIPF = 3.0


def _case_is_a_guess(word: str) -> bool:
    """Whether the joined word's case is uncertain: not a function word, pronoun or number word (always lower
    case), not an acronym, and a word English also writes in lower case."""
    from wordfreq import zipf_frequency

    lower = word.lower()
    if _always_lower(lower) or word.isupper():
        return False
    return bool(lexicon.parts_of_speech(lower)) or zipf_frequency(lower, "en") >= COMMON_WORD_ZIPF


@rule("MT203", "verbless-fragment", category="fluency/grammar", severity=Severity.MINOR,
      fix=FixAvailability.NEVER)
def find_verbless_fragments(ctx: SegmentContext) -> Iterator[Match]:
    """A short sentence without a verb in the middle of running text.

    ## What it flags
    A sentence of two to eight words with no word that can be a verb (a word after "the", "a" or a
    possessive is read as a noun, and one capitalised inside the sentence as a name), which follows
    another sentence of the same paragraph (headlines and captions standing alone are not flagged).
    Fragments that end in a function word are MT202's business; a question or an exclamation ("The
    answer? Nobody knows.") is a figure of speech.

    ## Why is this bad?
    MT sometimes splits a clause or drops its verb; the fragment left behind reads as a
    telegram. Some fragments are deliberate style, hence the minor severity.

    ## Example
    Prices rose again in March. Much higher than in the previous year.

    ## Fix safety
    No automatic fix: the missing verb cannot be guessed by a rule.
    """
    for previous, sentence in zip(ctx.sentences, ctx.sentences[1:]):
        if not _is_fragment(sentence) or previous.tokens[-1].text != "." or sentence.tokens[-1].text in ("?", "!"):
            continue  # "The answer? Nobody knows.": a question or an exclamation without a verb is a figure
        if len(sentence.tokens) >= 2 and sentence.tokens[-2].lower in lexicon.FUNCTION_WORDS:
            continue
        yield Match(sentence.span.start, sentence.span.end, "This sentence has no verb")


@rule("MT204", "missing-final-punctuation", category="fluency/punctuation", severity=Severity.MINOR,
      fix=FixAvailability.ALWAYS)
def find_missing_final_punctuation(ctx: SegmentContext) -> Iterator[Match]:
    """Running text whose last sentence has no closing punctuation.

    ## What it flags
    The end of a segment that stops on a word when its other sentences end in punctuation,
    or when it is one long sentence (twelve words or more) written in sentence case.
    Headlines, titles and short captions are not flagged.

    ## Why is this bad?
    A missing full stop is often the sign of a truncated translation.

    ## Example
    It is almost impossible to exchange Falklands money outside the islands, so change it before leaving the islands

    ## Fix safety
    Adding a full stop is safe.
    """
    if not ctx.sentences:
        return
    last = ctx.sentences[-1]
    end_token = last.tokens[-1]
    if not end_token.is_word or ctx.text.rstrip().endswith((":", ";", ",")):
        return
    words = last.words
    capitalised = sum(1 for w in words if w.text[0].isupper())
    long_sentence_case = len(words) >= 12 and capitalised <= len(words) / 3
    if len(ctx.sentences) >= 2 and len(words) >= 4 or long_sentence_case:
        yield Match(end_token.start, end_token.end, "The sentence has no closing punctuation",
                    (Fix((Edit(end_token.end, end_token.end, "."),), Applicability.SAFE, "Add a full stop"),))
