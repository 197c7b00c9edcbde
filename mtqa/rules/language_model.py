"""MT8xx: what the language model finds out of place. These rules run only when a model scored the segment."""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterator
from dataclasses import replace

from mtqa.lm.base import NO_LOGPROB
from mtqa.lm.fluency import token_range
from mtqa.model import Applicability, Edit, Fix, Severity
from mtqa.nlp import lexicon, links, numbers
from mtqa.nlp.tokens import tokenize
from mtqa.rules.context import SegmentContext
from mtqa.rules.registry import FixAvailability, Match, rule

# A word this much less likely in its context than on its own (nats) is a candidate. Among clean sentences
# of the dev sets about 5% have their worst (not capitalised, not numeric) word below -6, against 14% of
# sentences with a dropped function word and 35% with two words swapped (the synthetic suite, DEMETR
# part, SmolLM2-135M). The candidate is reported only if a small local edit makes the sentence much more
# likely (`lm_required_gain`, mtqa/fixes/verify.py).
SLOR_THRESHOLD = -6.0
# The verified edit must gain this much (nats). On 400 clean dev texts (DEMETR and MLQE-PE et-en
# references and post-edits) the best edit gained at most 9.5; on the synthetic suite's dropped
# function words and swapped words (150 DEMETR sentences each) 9 of 11 and 36 of 37 candidates gained
# 10 or more.
REQUIRED_GAIN = 10.0


# Function words a system drops: put back before the most surprising word, the model decides.
INSERTABLE = ("the", "a", "to", "of", "in", "and", "is", "for")


@rule("MT801", "disfluent-word", category="fluency/grammar", severity=Severity.MINOR,
      fix=FixAvailability.ALWAYS, lm_required_gain=REQUIRED_GAIN, needs_lm=True)
def find_disfluent_words(ctx: SegmentContext) -> Iterator[Match]:
    """A word the language model finds out of place, where a small edit reads much better.

    ## What it flags
    The word of a sentence the model finds most out of place, and only when swapping it with a
    neighbour, putting back a function word before it, deleting it (a function word, or a word repeated
    at most three words away) or changing its case raises the sentence's length-fair log-probability by
    at least 10 nats.
    The candidates are the sentence's least likely word (the first word left out) when it is at least
    6 nats less likely in its context than its frequency predicts (SLOR), and, with a model that ships
    learned heads (the default), the word the word head gives the highest error probability, when that
    is above the head's candidate threshold (5% of clean sentences have one) and below MT802's.
    With a model that reports them (the default), the pass's own next-token distributions add the two
    places where a function word is most likely to have been dropped, as the learned gap head ranks them
    (only those it gives at least even odds; without a gap head, where the pass's likeliest function word
    beats the word there by most); at each the pass's two likeliest function words that a fix may put back
    are put to the model (the word put back; "an" for "a" before a vowel sound). At the likelier place the
    gain asked falls as the gap head grows surer (12 nats at even odds, 8.7 at 0.9, never below 8, which it
    reaches at 0.94); the other place asks that or 10, whichever is higher, as does "that" put back, judged
    apart from the word asked with it; without a gap head the bar is 10. Where a
    place is also a candidate's word, the words put back join the candidate's edits under its 10 nats
    (two swapped neighbours are MT803's). Before a determiner or quantifier capitalised after a
    lower-case word and before a name or a number ("the destruction All Greek places"), or a number word
    or an adjective capitalised so before a lower-case word ("consisted Five regular regiments"), the word
    put back may also lower the capital ("of all Greek places", "of five regular"). Before a number that no
    preposition, article, determiner, possessive, date word or verb of change already takes ("founded
    1975", not "in 1975", "the 1990s", "spring 1180" or "rose 5%"), seven prepositions are put back,
    where the pass does not read the number as far likelier than any dropped word, and one must gain 8
    nats ("founded in 1975"). A pronoun, a possessive or "not" is never put back, as it would add to what
    the text says, nor "about" or "over" before a number word ("ten kilometres" is not "over ten"), nor an
    article or a preposition before a past form that a determiner follows ("The decision of angered the
    community": that word is the verb, and only an auxiliary may come before it), nor "has", "have" or
    "had" before a simple past but after a modal or "to", nor "is", "was", "are" or "were" there ("the
    city opened its pools" is not "has opened", "the bridge closed to traffic" not "was closed": the
    tense or the voice would change, not the grammar). Names and numbers are
    never flagged for being rare, and no edit deletes or rewrites a name, a number or a content word. Of
    overlapping guesses, the best verified one stays.

    ## Why is this bad?
    Scrambled word order, dropped or stray function words and broken clauses all leave one word the
    model cannot explain; the verified edit says what probably went wrong.

    ## Example
    The meeting was useful very for both sides.  ->  The meeting was very useful for both sides.

    ## Fix safety
    Unsafe: the edits are the language model's best guess, ranked by gain.
    """
    view = ctx.lm
    if view is None:
        return
    text = ctx.text
    heads = view.heads
    probability = {e.start: e.probability for e in view.word_errors}
    protected = _protected(text)
    for sentence in view.analysis.sentences:
        candidates = {m.start: m for worst in _candidates(sentence, text, heads, probability)
                      for m in _candidate_match(text, sentence, worst, protected)}
        drops: list[Match] = []  # a place may have two: its optional "that" is judged apart
        for dropped in (*_dropped_word_matches(view.scores, sentence, text, protected, view.gaps),
                        *_before_number_matches(view.scores, sentence, text, protected)):
            if dropped.start in candidates:
                candidates[dropped.start] = _merged(candidates[dropped.start], dropped)
            else:
                drops.append(dropped)
        yield from candidates.values()
        yield from drops


def _merged(candidate: Match, dropped: Match) -> Match:
    """One match for a word that is both a candidate and a place a function word may have been dropped
    before: the candidate's edits, and the words the pass puts back there that those do not insert
    ("They came into contact the Turks": "with" is no INSERTABLE word)."""
    known = {fix.edits for fix in candidate.fixes}
    return replace(candidate, fixes=candidate.fixes + tuple(f for f in dropped.fixes if f.edits not in known))


# The model's own next-token distributions propose where a function word was dropped (one is much more
# likely than the word that stands there), and the gap head (mtqa/lm/heads.py, trained by
# benchmarks/train_gap.py) ranks those places. Clean sentences have such places too, so the best
# DROP_CANDIDATES places per sentence are put to the model with the pass's two likeliest words there, kept
# only with the gain `dropped_word_gain` asks. With REQUIRED_GAIN everywhere (before 2026-12-06), on 600
# dev sentences with a dropped function word and their clean originals (out of fold, SmolLM2-135M), two
# places by the gap head: 31.5% restored, 39.7% caught, 1.3% of the clean ones with an edit; two places by
# the margin alone: 28.3%, 35.0%, 1.3% (docs/EVALUATION.md).
DROP_CANDIDATES = 2
DROP_WORDS = 2  # the pass's likeliest droppable words put back at each place
# A place the gap head gives less than this probability of a dropped word is not put to the model. On the
# synthetic suite's dropped function words (ro-en, where it was chosen, and et-en, where it was checked) no
# insertion that gained REQUIRED_GAIN had a lower probability, and the screen leaves out 30% of the places
# (docs/PERFORMANCE.md).
GAP_SCREEN = 0.5
# Where the gap head gives a place probability p that a word was dropped there, a word put back must gain
# `dropped_word_gain(p)`: the head's log-odds and the model's gain are two pieces of evidence, so the bar
# falls by GAP_ODDS_WEIGHT nats per nat of log-odds from GAP_EVEN_GAIN at even odds (9.9 at 0.8, 8.7 at
# 0.9), never below GAP_FLOOR_GAIN, and below REQUIRED_GAIN only at the sentence's likeliest place. "that"
# keeps REQUIRED_GAIN: after a verb of saying English may leave it out ("said more research was needed"). It is
# judged apart from the word asked with it, whose bar it would raise.
# Chosen on the dev suite's 290 dropped function words and their clean originals, then checked on
# sentences no head was trained or chosen on: the 580 single sentences of benchmarks/probes/clean_*.jsonl,
# written by the developers, each with a function word dropped by the suite's injector
# (docs/EVALUATION.md, 2026-12-06, eighth stop). The floor rose from 5 to 8 with gap-v2 (2026-12-07), a
# sharper head that gives more places 0.99 or more: out of fold on 600 dev pairs, at 8 it flags 2.3% of
# the clean sentences, gap-v1 at 5 flagged 3.3%, and catches as many dropped words (0.500, 0.505).
GAP_EVEN_GAIN = 12.0
GAP_ODDS_WEIGHT = 1.5
GAP_FLOOR_GAIN = 8.0
OPTIONAL_WORDS = frozenset({"that"})


def dropped_word_gain(probability: float, words: tuple[str, ...], rank: int = 0) -> float:
    """What a word put back at a place the gap head gives `probability` must gain (nats), when the words
    put to the model there are `words` and the place is the sentence's `rank`-th likeliest (0: the
    likeliest). Only the likeliest place may ask less than REQUIRED_GAIN: each word put back is judged alone,
    so two places of one sentence asking less would put back a word at both ("competes closely with Apple
    and Microsoft with mobile products")."""
    p = min(max(probability, 1e-6), 1 - 1e-6)
    bar = max(GAP_FLOOR_GAIN, GAP_EVEN_GAIN - GAP_ODDS_WEIGHT * math.log(p / (1 - p)))
    return max(bar, REQUIRED_GAIN) if rank or OPTIONAL_WORDS.intersection(words) else bar


# Words the pass may find likeliest at a place but that no fix puts back: a pronoun or possessive adds a
# reference the text did not make ("began to fortify their positions"), "not" turns it round. On 1,953
# clean dev sentences (ro-en, et-en, DEMETR) 7 of MT801's 29 findings were "his", "its" or "their" put
# back; no synthetic injection drops one.
NEVER_PUT_BACK = frozenset({"his", "her", "their", "its", "it", "he", "they", "not"})
# Before a number, "about" and "over" are not a dropped word but a new quantity: "a column of ash ten
# kilometres into the sky" is not "over ten kilometres" (a clean probe sentence, benchmarks/probes, where the
# put-back gained enough). No injection of the dev suite drops one before a number.
NOT_BEFORE_A_NUMBER = frozenset({"about", "over"})


# The determiners that only ever open a noun phrase: `lexicon.DETERMINERS` without "that" (also a conjunction,
# "reported that") and the quantifiers, which may stand alone ("angered all").
_DETERMINERS = lexicon.ARTICLES | lexicon.POSSESSIVES | frozenset({"this", "these", "those"})


_COUNT_WORDS = frozenset(numbers.CARDINAL_WORDS) | frozenset(
    {"hundred", "hundreds", "thousand", "thousands", "million", "millions", "billion", "billions", "dozen", "dozens"})


def _counts(surface: str) -> bool:
    """Whether the word is a number word ("ten", "hundreds"). Digits are no drop place: before them MT801 asks
    about NUMBER_PLACE_WORDS, which hold neither "about" nor "over"."""
    return surface.lower() in _COUNT_WORDS


def _cannot_stand_before(inserted: str, text: str, word) -> bool:  # type: ignore[no-untyped-def]
    """An article or a preposition put before a past form that a determiner follows ("The decision of angered
    the community"): that word is the clause's verb, and only an auxiliary may come before it. `word`: a
    token or word score, read by its offsets in `text`."""
    if inserted not in lexicon.PREPOSITIONS and inserted not in lexicon.ARTICLES:
        return False
    lower = text[word.start:word.end].lower()
    if not lower.endswith("ed") or "NOUN" in (pos := lexicon.parts_of_speech(lower)) or "VERB" not in pos:
        return False  # "stayed in bed the whole day"
    following = text[word.end:word.end + 12].split(" ", 2)
    return len(following) > 1 and following[0] == "" and following[1].lower() in _DETERMINERS


# Put back before a simple past, an auxiliary changes a clause English reads as it stands: "has" its tense ("the
# city opened its swimming pools until midnight" is not "has opened", a clean probe sentence, benchmarks/probes,
# where "has" gained 8.1 nats), "is" or "was" its voice ("The bridge closed to traffic on Monday" is not "was
# closed", another, 8 nats or more; "the power transferred to Ivan", a control of the dev suite, became "is
# transferred"). Only after a modal or "to" is the bare past no English ("would [have] resigned"). Of the dev
# suite's dropped function words none that was restored stands there.
_PERFECT = frozenset({"has", "have", "had"})
_PASSIVE = frozenset({"is", "was", "are", "were"})
_BARE_AFTER = lexicon.MODALS | {"to"}


def _changes_the_verb(inserted: str, text: str, word) -> bool:  # type: ignore[no-untyped-def]
    """A perfect or passive auxiliary put before a word that may be a simple past ("opened", "made"), the
    perfect one not after a modal or "to". `word`: a token or word score, read by its offsets in `text`."""
    if inserted not in _PERFECT | _PASSIVE or not lexicon.can_be_simple_past(text[word.start:word.end]):
        return False
    return inserted in _PASSIVE or text[:word.start].rstrip().rsplit(" ", 1)[-1].lower() not in _BARE_AFTER


def _article_form(inserted: str, before: str) -> str:
    """The form of the indefinite article put back before the word `before`: "an interview", "a table"; any other
    word as it is. The pass chooses the words before it reads the word after them, so it cannot tell "a" from
    "an" ("In [an] interview with the local paper": "an" gains 11.7 nats, "the" 4; where the dev suite dropped an
    article before "interview", "a" gained 2.3 and "an" 10)."""
    if inserted not in ("a", "an") or (vowel := lexicon.starts_with_vowel_sound(before)) is None:
        return inserted
    return "an" if vowel else "a"


def _dropped_word_matches(scores, sentence, text: str, protected: list[tuple[int, int]],  # type: ignore[no-untyped-def]
                          gaps: tuple = ()) -> Iterator[Match]:
    """A dropped function word put back at the places the pass, or the gap head, points to."""
    places = drop_places(scores, sentence, text, protected, gaps)[:DROP_CANDIDATES]
    for rank, (score, word, dropped) in enumerate(places):
        if gaps and score < GAP_SCREEN:
            break  # best first: the rest are less likely still
        refused = NEVER_PUT_BACK | NOT_BEFORE_A_NUMBER if _counts(text[word.start:word.end]) else NEVER_PUT_BACK
        # A word no fix puts back (a pronoun, "not") is passed over for the next likeliest; a word grammar refuses
        # is not: it reads the word there as a verb, where nothing was dropped (passed over, "is" and "has" before
        # "The paradigm introduced a new problem" let a "that" in, a control of the dev suite).
        likeliest = [w for w in dropped if w not in refused][:DROP_WORDS]
        dropped = tuple(dict.fromkeys(_article_form(w, word.text) for w in likeliest
                                      if not _cannot_stand_before(w, text, word) and not _changes_the_verb(w, text, word)))
        # An optional word asks MT801's full bar, and is judged apart: it must not raise the bar of the word
        # asked with it ("who had settled in [the] valley of the river": "the" gains 9.2 at a bar of 8, "that" 7.2).
        optional = tuple(w for w in dropped if w in OPTIONAL_WORDS) if gaps else ()
        for words in (tuple(w for w in dropped if w not in optional), optional):
            if words:  # the pass's likeliest words, best first: the model's gain chooses between them
                yield _put_back_match(text, word, words, dropped_word_gain(score, words, rank) if gaps else None)


def _put_back_match(text: str, word, words: tuple[str, ...], required_gain: float | None) -> Match:  # type: ignore[no-untyped-def]
    """MT801's match for `words` put back before `word` (a word score), one fix each."""
    fixes = [_put_back(word.start, word.text, w) for w in words]
    if _capitalised_opener(text, word):  # "destruction All Greek places": "of all Greek places"
        lowered = word.text.lower()
        fixes += [Fix((Edit(word.start, word.end, f"{w} {lowered}"),), Applicability.UNSAFE,
                      f"Insert “{w}” and write “{lowered}”") for w in words]
    return Match(word.start, word.end, f"A word seems to be missing before “{word.text}” (“{words[0]}”?)",
                 tuple(fixes), required_gain=required_gain)


# A preposition dropped before a number ("the company was founded [in] 1975", "held rates [at] 4.25%") is at
# a place the gap head never saw: it was trained on places between two words of letters. Each number after a
# word that does not already take one ("in 1947", "the 1990s") is put to the model with each of
# NUMBER_PLACE_WORDS put back, and a word put back must gain NUMBER_PLACE_GAIN; a place where the pass's
# likeliest droppable word is more than NUMBER_PLACE_SCREEN nats less likely than the number is not asked
# (it leaves out 60% of the places in clean text). Of 300 prepositions dropped before a number in the dev
# sets' clean texts, 178 are found so and 142 restored; of 866 clean dev and probe texts with such a place,
# 4 get a finding ("Dangerous rose [to] 90 places", 9.9 nats) (`benchmarks.probes.number_drops`;
# docs/EVALUATION.md, 2026-12-07).
NUMBER_PLACE_GAIN = 8.0
NUMBER_PLACE_WORDS = ("in", "of", "on", "to", "by", "at", "since")
NUMBER_PLACE_SCREEN = -8.0
_NUMBER_TAKERS = lexicon.PREPOSITIONS | lexicon.ARTICLES | lexicon.DETERMINERS | lexicon.POSSESSIVES
# A month, a season or a feast dates by the number after it: "May 1990", "in spring 1180" (a clean sentence of
# the dev suite's controls, where "of" gained 9.9), "Christmas 2019".
_DATED = lexicon.CALENDAR_WORDS | frozenset({"spring", "summer", "autumn", "winter"})
# Verbs of change take a bare measure ("Dangerous rose 90 places", "shares fell 3%", a clean sentence of the
# dev suite's controls where "to" gained 9.9): "to" would change what the number says, "by" nothing.
_CHANGE_VERBS = frozenset({"rise", "fall", "climb", "drop", "jump", "increase", "decrease", "grow", "decline",
                           "slip", "slide", "soar", "plunge", "gain", "lose", "advance", "retreat", "surge", "sink",
                           "tumble", "rebound", "edge", "dip", "slump", "shrink", "expand"})


def _changed_by(word: str) -> bool:
    """A verb of change in a form no noun takes ("rose", "fell", "increased", "climbing"): not "a pay rise",
    "a decrease", "gains"."""
    return word not in _CHANGE_VERBS and not word.endswith("s") and bool(lexicon.lemmas(word) & _CHANGE_VERBS)


def _before_number_matches(scores, sentence, text: str, protected: list[tuple[int, int]]) -> Iterator[Match]:  # type: ignore[no-untyped-def]
    """A preposition dropped before a number, put back: each of NUMBER_PLACE_WORDS, the model's gain chooses."""
    if scores.dropped_logprobs is None:
        return
    for k, i, words in _sentence_words(scores, sentence, text, protected):
        word, before = words[i], words[i - 1]
        if not word.text[:1].isdigit() or text[before.end:word.start] != " " or not before.text.isalpha() \
                or before.lower in _NUMBER_TAKERS or before.lower in _DATED or _changed_by(before.lower):
            continue  # "in 1947", "the 1990s", "his 30s", "these 3", "spring 1180", "rose 5%"
        if scores.dropped_logprobs[k] - scores.logprobs[k] >= NUMBER_PLACE_SCREEN:
            yield Match(word.start, word.end, f"A word seems to be missing before “{word.text}”",
                        tuple(_put_back(word.start, word.text, w) for w in NUMBER_PLACE_WORDS),
                        required_gain=NUMBER_PLACE_GAIN)


def _put_back(start: int, before: str, inserted: str) -> Fix:
    """The unsafe fix that puts `inserted` back at `start`, before the word `before`."""
    return Fix((Edit(start, start, f"{inserted} "),), Applicability.UNSAFE, f"Insert “{inserted}” before “{before}”")


# Words that open a noun phrase and are never part of a name: a capital on one after a lower-case word is a
# new sentence started in the middle of one ("the destruction All Greek places").
_NOUN_PHRASE_OPENERS = (lexicon.DETERMINERS - lexicon.ARTICLES - lexicon.POSSESSIVES) \
    | frozenset({"another", "many", "most", "several", "few", "other", "more"})


def _capitalised_opener(text: str, word) -> bool:  # type: ignore[no-untyped-def]
    """Whether `word` (a token or word score, read by its offsets in `text`) is a determiner or quantifier
    capitalised after a lower-case word and before a capitalised word or a number, as where a new sentence
    was started in the middle of one ("the destruction All Greek places", "delayed the invasions Another
    18 months"): a word put back before it may lower it too. Before a lower-case word MT303 and MT301 read
    such a capital, as a major finding; before a name or a number they do not. So is a number word or an
    adjective capitalised before a lower-case word ("consisted Five regular regiments": "of five regular").
    Before a name nouns and adjectives stay capitalised: they may be part of it ("for Winter Olympics": "for
    the Winter Olympics")."""
    surface = text[word.start:word.end]
    lower = surface.lower()
    if not surface[:1].isupper() or not surface[1:].islower():
        return False
    before = text[:word.start].rstrip().rsplit(" ", 1)[-1]
    after = text[word.end:word.end + 2]
    if not (before.isalpha() and before.islower() and after[:1] == " "):
        return False
    if lower in _NOUN_PHRASE_OPENERS:
        return after[1:].isupper() or after[1:].isdigit()
    # A number or an adjective before a lower-case word opens a noun phrase no name goes on with: "The cavalry
    # consisted Five regular regiments", "the collapse of Federal state" (MT303 leaves words that names use).
    return after[1:].islower() and (lower in numbers.CARDINAL_WORDS or "ADJ" in lexicon.parts_of_speech(lower))


def drop_places(scores, sentence, text: str, protected: list[tuple[int, int]], gaps: tuple = ()) -> list:  # type: ignore[no-untyped-def]
    """Every place of the sentence where a function word may have been dropped, best first: (the gap
    head's probability that one was, from `gaps`, or without a gap head how much likelier the pass's best
    droppable word is there than the word that stands there; the word; the pass's likeliest droppable
    words). Empty without the pass's dropped-word features."""
    if scores.dropped_logprobs is None or scores.dropped_words is None:
        return []
    probability = {g.start: g.probability for g in gaps}
    drops = []
    for k, i, words in _sentence_words(scores, sentence, text, protected):
        word = words[i]
        if word.text.isalpha() and words[i - 1].text.isalpha() and text[words[i - 1].end:word.start] == " ":
            score = probability.get(word.start, 0.0) if gaps else scores.dropped_logprobs[k] - scores.logprobs[k]
            drops.append((score, word, scores.dropped_words[k]))
    return sorted(drops, key=lambda d: -d[0])


def swap_places(scores, sentence, text: str, protected: list[tuple[int, int]]) -> list:  # type: ignore[no-untyped-def]
    """Every pair of neighbouring lower-case words of the sentence that may be swapped, best first: (the
    swap's reach, first, second). The reach is the margin (how much likelier the second word is in the
    first one's place than the first itself), plus the second word's surprisal after the first, plus the
    surprisal of the token after the pair."""
    if scores.skip_logprobs is None:
        return []
    swaps = []
    for k, i, words in _sentence_words(scores, sentence, text, protected):
        word, after = words[i], words[i + 1] if i + 1 < len(words) else None
        if after is not None and k + 1 < len(scores.starts) and scores.starts[k + 1] == after.start \
                and scores.skip_logprobs[k] > NO_LOGPROB and word.text.isalpha() and word.text.islower() \
                and after.text.isalpha() and after.text.islower() and text[word.end:after.start] == " " \
                and word.lower != after.lower and not _correlative_placement(word.lower, after.lower) \
                and not _participle_before_its_noun(words, i):
            margin = scores.skip_logprobs[k] - scores.logprobs[k]
            following = bisect.bisect_left(scores.starts, after.end)
            rest = -scores.logprobs[following] if following < len(scores.starts) \
                and scores.starts[following] < sentence.end else 0.0
            swaps.append((margin - scores.logprobs[k + 1] + rest, word, after))
    return sorted(swaps, key=lambda d: -d[0])


_CORRELATIVES = frozenset({"both", "either", "neither"})


def _correlative_placement(first: str, second: str) -> bool:
    """A correlative and a preposition: English puts "both" on either side of it ("applies both to physics and
    psychology", "to both physics and psychology"), so the swap is a choice of style, not a repair."""
    return first in _CORRELATIVES and second in lexicon.PREPOSITIONS \
        or second in _CORRELATIVES and first in lexicon.PREPOSITIONS


def _participle_before_its_noun(words: list, i: int) -> bool:  # type: ignore[type-arg]
    """A determiner, a past participle and a noun: "died of the sustained injuries". English puts the
    participle before its noun or, with what follows it, after ("the injuries sustained in the crash"), so
    the swap is not a repair (two clean sentences of the dev suite's controls gained 10 and 11 nats)."""
    word, after = words[i], words[i + 1]
    return i >= 1 and words[i - 1].lower in _DETERMINERS and word.lower.endswith("ed") \
        and lexicon.can_be_verb(word.text) and "NOUN" in lexicon.parts_of_speech(after.lower)


def _sentence_words(scores, sentence, text: str, protected: list[tuple[int, int]]):  # type: ignore[no-untyped-def]
    """(token index, word index, the sentence's words) for each of the sentence's tokens that starts a word
    after its first, outside markup and links."""
    words = [t for t in tokenize(text, sentence.start, sentence.end) if t.is_word]
    index = {w.start: i for i, w in enumerate(words)}
    first, last = token_range(scores, sentence.start, sentence.end)
    for k in range(first, last):  # this sentence's tokens only
        i = index.get(scores.starts[k])
        if i and not _inside(protected, words[i].start, words[i].end):  # the first word has no place before it
            yield k, i, words


def _candidates(sentence, text: str, heads, probability: dict[int, float]) -> list:  # type: ignore[no-untyped-def]
    """The sentence's least likely word by SLOR (at most SLOR_THRESHOLD), and with the learned heads its
    word of the highest error probability (between the candidate and MT802's thresholds)."""
    found = []
    worst = sentence.worst_word
    if worst is not None and worst.slor <= SLOR_THRESHOLD and text[worst.start:worst.end].strip():
        found.append(worst)
    if heads is not None:
        scored = [w for w in sentence.words if text[w.start:w.end].strip()]
        top = max(scored, key=lambda w: probability.get(w.start, 0.0), default=None)
        if top is not None and heads.thresholds["candidate"] <= probability.get(top.start, 0.0) \
                < heads.thresholds["minor"] and all(w.start != top.start for w in found):
            found.append(top)
    return found


def _candidate_match(text: str, sentence, worst, protected: list[tuple[int, int]]) -> Iterator[Match]:  # type: ignore[no-untyped-def]
    """The candidate as a match with its local edits; the pipeline keeps it only if one gains enough
    (`lm_required_gain`)."""
    surface = text[worst.start:worst.end]
    if not surface[:1].isalpha() or surface[:1].isupper() or any(c.isdigit() for c in surface):
        return  # a name or a number is rare, not wrong; punctuation is MT5xx's
    if _inside(protected, worst.start, worst.end):
        return  # markup, placeholders and links are copied, not written
    words = [w for w in sentence.words if text[w.start:w.end].strip()]
    index = next(i for i, w in enumerate(words) if w.start == worst.start)
    yield Match(worst.start, worst.end, f"“{surface}” is unexpected here ({-worst.logprob / 0.6931:.0f} bits)",
                tuple(_local_edits(text, words, index)))


def _name_or_joint(text: str, words: list[tuple[int, int]]) -> bool:
    """A run of the word head's that is only names or only the hyphen of a compound, which MT802 does not
    report: capitalised words that English does not use in lower case ("the Streiu Valley"), or a hyphen
    with a letter on each side ("pan-European", "would-be"). Of MT802's 10 findings on the 1,953 clean dev
    controls (ro-en, et-en, DEMETR), these were 3; a stray capital is a common word ("raised concerns Their
    plans"), which this does not cover."""
    if len(words) == 1 and text[words[0][0]:words[0][1]] in ("-", "‐"):
        start, end = words[0]
        return 0 < start and end < len(text) and text[start - 1].isalpha() and text[end].isalpha()

    def name(start: int, end: int) -> bool:
        word = text[start:end]
        lower = word.lower()
        return word[:1].isupper() and word[1:].islower() and not lexicon.parts_of_speech(lower) \
            and lexicon.zipf(lower) < NAME_MAX_ZIPF

    return bool(words) and all(name(start, end) for start, end in words)


def _in_a_title(text: str, words: list[tuple[int, int]]) -> bool:
    """A run of capitalised words that a capitalised article opens after a lower-case word: a title in
    title case ("She read The Lord of the Rings"), where every word is written with a capital on purpose. A
    stray capital stands alone: the word before it is not "The"."""
    if not words or not all(text[start:end][:1].isupper() for start, end in words):
        return False
    start = words[0][0]
    if text[start:words[0][1]] in ("The", "A", "An") and len(words) > 1:
        start = words[1][0]
    return _TITLE_OPENER.search(text, 0, start) is not None


_TITLE_OPENER = re.compile(r"[a-z,:]\s+(?:The|A|An)\s+$")


# A capitalised word this rare in English (Zipf, lower case) and unknown to the lexicon is a name to MT802.
NAME_MAX_ZIPF = 3.0


def _protected(text: str) -> list[tuple[int, int]]:
    """Spans of inline markup, placeholders, links and e-mail addresses: text a translation copies."""
    return [m.span() for m in (*links.placeholders(text), *links.links(text))]


def _inside(protected: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a < end and start < b for a, b in protected)


# A content word is deleted only as a copy of the same word at most this many words away ("strong, strong
# and stable", "design and design"). A copy further off is the sentence saying it again ("That shrill
# sound is a sign ... there is a shrill sound when", a clean reference MT801 would have cut).
DUPLICATE_WINDOW = 3


def _deletable(text: str, words: list, index: int) -> bool:  # type: ignore[type-arg]
    """The word at `index` is a function word, or a copy of a word DUPLICATE_WINDOW words away or nearer."""
    lower = text[words[index].start:words[index].end].lower()
    if lower in lexicon.FUNCTION_WORDS or lower in lexicon.AUXILIARIES:
        return True
    near = words[max(0, index - DUPLICATE_WINDOW):index] + words[index + 1:index + 1 + DUPLICATE_WINDOW]
    return any(text[w.start:w.end].lower() == lower for w in near)


def _local_edits(text: str, words: list, index: int) -> Iterator[Fix]:  # type: ignore[type-arg]
    word = words[index]
    surface = text[word.start:word.end]
    left = word.start
    while left > 0 and text[left - 1] == " ":
        left -= 1
    if _deletable(text, words, index):
        yield Fix((Edit(left, word.end, ""),), Applicability.UNSAFE, f"Delete “{surface}”")
    for other in (index - 1, index + 1):
        if 0 < other < len(words) and index > 0:
            a, b = sorted((words[index], words[other]), key=lambda w: w.start)
            if text[a.end:b.start] == " ":
                yield Fix((Edit(a.start, b.end, f"{text[b.start:b.end]} {text[a.start:a.end]}"),),
                          Applicability.UNSAFE, f"Swap “{text[a.start:a.end]}” and “{text[b.start:b.end]}”")
    if index > 0 and surface[:1].isalpha():
        for inserted in (w for w in INSERTABLE if not _cannot_stand_before(w, text, word)):
            yield _put_back(word.start, surface, inserted)


# A fix MT802 offers must make the sentence at least this much more likely (nats, length-fair): the bar of
# MT801's edits, which are the same edits. At 3 nats, on the ro-en suite (2026-12-04) every MT802 edit that
# was applied made a text wrong ("8 Spitfire figther airplanes" -> "Spitfire and figther" on a clean
# sentence, gain 6.2; "around half" -> "around in half", 5.5) and none restored one.
LEARNED_FIX_GAIN = REQUIRED_GAIN


@rule("MT802", "word-error", category="fluency/grammar", severity=Severity.MINOR,
      fix=FixAvailability.SOMETIMES, fix_min_gain=LEARNED_FIX_GAIN, needs_lm=True)
def find_learned_word_errors(ctx: SegmentContext) -> Iterator[Match]:
    """Words the learned error head reads as part of an error: a dropped, swapped or stray word.

    ## What it flags
    Runs of neighbouring words whose error probability, from the word head trained on the model's own
    pass (surprisal, entropy, rank and hidden states; docs/quality-model.md), is above the threshold chosen
    in training to leave at most 1% of clean sentences with a finding; major above the stricter threshold
    when one of its edits gains at least 10 nats, as MT801's must (unconfirmed, it stays minor).
    Only with a model that ships trained heads; below the threshold, MT801 asks the model about the
    sentence's most likely error. The head learned from clean sentences full of rare names that a rare
    name is not an error; a run that is only such a name (a capitalised word English does not use in lower
    case), only the hyphen of a compound ("pan-European") or only punctuation (the quotes of 'Click
    "Save"', MT5xx's to read) is not reported either, and no fix deletes or rewrites a name, a number or
    a content word.

    ## Why is this bad?
    Word order scrambled, a function word dropped, a word the sentence cannot hold: the model sees the
    sentence go wrong at that word.

    ## Example
    The minister raised concerns Their plans for the port.

    ## Fix safety
    Unsafe: where swapping the word with a neighbour, putting back a function word before it or deleting
    a repeated or function word makes the sentence at least 10 nats more likely, the best such edit.
    """
    view = ctx.lm
    if view is None or view.heads is None or not view.word_errors:
        return
    text = ctx.text
    minor, major = view.heads.thresholds["minor"], view.heads.thresholds["major"]
    protected = _protected(text)
    openers = _sentence_openers(text, view.analysis.sentences)
    errors = [e for e in view.word_errors if not _inside(protected, e.start, e.end) and e.start not in openers]
    index = 0
    while index < len(errors):
        if errors[index].probability < minor or not text[errors[index].start:errors[index].end].strip():
            index += 1
            continue
        last = index
        while last + 1 < len(errors) and errors[last + 1].probability >= minor \
                and text[errors[last].end:errors[last + 1].start].strip() == "":
            last += 1
        run = errors[index:last + 1]
        peak = max(range(index, last + 1), key=lambda i: errors[i].probability)
        start, end = run[0].start, run[-1].end
        spans = [(e.start, e.end) for e in run if text[e.start:e.end].strip()]
        if _name_or_joint(text, spans) or _in_a_title(text, spans) or not any(c.isalnum() for c in text[start:end]):
            index = last + 1
            continue  # a name, a compound's hyphen, a title; punctuation alone is MT5xx's ('Click "Save"')
        severity = Severity.MAJOR if errors[peak].probability >= major else Severity.MINOR
        words = [e for e in errors if text[e.start:e.end].strip()]
        at = next((i for i, e in enumerate(words) if e.start == errors[peak].start), None)
        yield Match(start, end, f"“{text[start:end]}” reads as an error here "
                                f"(probability {errors[peak].probability:.2f})",
                    tuple(_local_edits(text, words, at)) if at is not None else (), severity=severity)
        index = last + 1


def _sentence_openers(text: str, sentences) -> set[int]:  # type: ignore[no-untyped-def]
    """Starts of the first word of every sentence but the text's first. The word head learned from single
    sentences, where the first word follows the start of the text; after another sentence the model is
    surprised by whatever a new sentence opens with, and in running text the head read a clean sentence's
    first word as an error (14 findings on 150 clean sentences in paragraphs of six, before they were scored
    a sentence at a time; benchmarks/paragraphs.py, 2026-12-05)."""
    firsts = (next((w.start for w in s.words if text[w.start:w.end][:1].isalnum()), None)
              for s in sentences[1:])
    return {start for start in firsts if start is not None}


# Two neighbours swapped. Swapping a b to b a gains [lp(b | left) - lp(a | left)] - lp(b | left, a)
# + lp(a | left, b) + what the rest of the sentence gains. The pass knows the first two terms (the margin:
# the next word's log-probability in this word's place against the word's own; then the second word's
# surprisal where it stands); lp(a | left, b) <= 0; and the rest gains at most what it costs now, most of
# it at the next token, whose surprisal the pass also has. Their sum, the swap's reach, ranks the places.
# "disappearing, in embedded the middle" has a margin of -8.7 at "in embedded" ("embedded" is unlikely
# after "disappearing,") but a reach of 15.4, as "embedded" after "in" and "the" after it cost much. The
# four places of a sentence with the highest reach, when it is at least SWAP_REACH, are put to the model
# and kept with a gain of 7 nats. On the synthetic suite's swapped words, MLQE-PE ro-en and et-en (where
# the numbers were chosen: 131 swapped sentences and their controls) and ru-en, ne-en, si-en and DEMETR
# (where they were checked: 143 and 143), against the six places of highest margin (at least -3) of
# before: restored 102 -> 110 and 121 -> 127, the same as putting every place to the model; controls with
# a swap of 7 nats 1 -> 2 and 0 -> 0 (both real errors the post-editors left: "the air military base");
# variants asked 537 -> 602 and 532 -> 671 (docs/EVALUATION.md). A swap keeps every word, so its gain is
# the plain log-probability gain. On 1,953 clean dev sentences (ro-en, et-en, DEMETR) 14 swaps gained 6
# nats, 5 of them less than 7 ("individual maximum happiness", "perceived both"), while 4 of 146 swaps
# restored on 178 swapped sentences gained 6-7: the bar is 7.
SWAP_CANDIDATES = 4
SWAP_REACH = 10.0  # nats: a place must be able to reach this much, three over the bar, to be asked
SWAP_REQUIRED_GAIN = 7.0
# An article right before a preposition, an article or an auxiliary is no English ("filled the in 1220s", a
# swapped pair of the dev suite, where "in the" gained 5.9): grammar has already told the swap, and the model
# need only confirm it. Prepositions that are also nouns, adjectives or verbs ("the past", "the inside",
# "the like") do not count.
SWAP_AGAINST_GRAMMAR_GAIN = 3.0


def _article_out_of_place(first: str, second: str) -> bool:
    """An article before a word no article stands before: a preposition that is nothing else ("the in", "a
    of"), another article or an auxiliary ("the is")."""
    if first not in lexicon.ARTICLES:
        return False
    if second in lexicon.ARTICLES or second in lexicon.AUXILIARIES:
        return True
    return second in lexicon.PREPOSITIONS and not lexicon.parts_of_speech(second) & {"NOUN", "ADJ", "VERB"}


@rule("MT803", "swapped-words", category="fluency/grammar", severity=Severity.MINOR,
      fix=FixAvailability.ALWAYS, lm_required_gain=SWAP_REQUIRED_GAIN, needs_lm=True)
def find_swapped_words(ctx: SegmentContext) -> Iterator[Match]:
    """Two neighbouring words in the wrong order, where the language model reads them far better swapped.

    ## What it flags
    Two neighbouring lower-case words ("useful very") that the sentence reads much better swapped: the
    pass's own next-token distributions point to the four places per sentence where a swap could gain
    most (the next word's likelihood in this word's place, and what the second word and the token after
    the pair cost now: at least 10 nats), and each pair is kept only when swapping it makes the sentence
    at least 7 nats more likely (3 where an article stands before a preposition, an article or an
    auxiliary: "filled the in 1600s"). Names, numbers, punctuation between the words and repeated words
    are left alone, and so are two orders English writes both ways: "both", "either" or "neither" beside a
    preposition ("applies both to physics and psychology"), and a past participle between a determiner
    and its noun ("died of the sustained injuries"). Runs only with a language model.

    ## Why is this bad?
    MT systems carry the source's word order over ("a useful very meeting"); the reader has to undo it.

    ## Example
    The meeting was useful very for both sides.  ->  The meeting was very useful for both sides.

    ## Fix safety
    Unsafe: the swap is the language model's reading, verified by its gain.
    """
    view = ctx.lm
    if view is None or view.scores.skip_logprobs is None:
        return
    text, scores = ctx.text, view.scores
    protected = _protected(text)
    for sentence in view.analysis.sentences:
        for reach, first, second in swap_places(scores, sentence, text, protected)[:SWAP_CANDIDATES]:
            if reach < SWAP_REACH:
                break  # best first: the rest reach less still
            yield Match(first.start, second.end, f"“{first.text} {second.text}” reads as two words swapped",
                        (Fix((Edit(first.start, second.end, f"{second.text} {first.text}"),), Applicability.UNSAFE,
                             f"Write “{second.text} {first.text}”"),),
                        required_gain=SWAP_AGAINST_GRAMMAR_GAIN if _article_out_of_place(first.lower, second.lower)
                        else None)
