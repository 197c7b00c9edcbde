"""MT1xx: words, phrases and statements said more than once."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import accumulate

from mtqa.model import Applicability, Edit, Fix, Severity
from mtqa.nlp import lexicon
from mtqa.nlp.ngrams import tandem_repeats
from mtqa.nlp.numbers import NUMBER_RE
from mtqa.nlp.tokens import Token
from mtqa.nlp.variants import (
    affix_variant,
    british_american,
    compound_of_one_set,
    normalise_variant,
    same_spelling,
    same_word_family,
)
from mtqa.rules._helpers import delete_fix, replace_fix
from mtqa.rules.context import SegmentContext
from mtqa.rules.registry import FixAvailability, Match, rule


def _is_deliberate(first: list[Token], second: list[Token]) -> bool:
    """Reduplication English uses on purpose, names such as "Bora Bora", rhetoric, runs of punctuation."""
    if not any(t.is_word for t in first):
        return True  # punctuation runs are MT502's business
    if any(t.text == "," for t in first):
        return True  # "let it move, let it move": a figure of speech, not a glitch
    if len(first) == 2 and first[1].lower in ("and", "or") and first[0].text.islower() \
            and _is_coordinated_on_purpose(first[:1], first[1].lower, []):
        return True  # "over and over and over", "more and more and more": the pair said on
    if len(first) == 1:
        word = first[0]
        if word.lower in lexicon.REDUPLICATIONS or word.text[0].isdigit():
            return True
        if word.text[0].isupper() and second[0].text[0].isupper() and word.lower in lexicon.REDUPLICATED_NAMES:
            return True
    return False


def _is_is_unopened(tokens: list[Token], i: int, n: int) -> bool:
    """"is is" with no wh-word before it in the sentence: "What matters is is trust" says it on purpose (the
    first "is" ends a clause that a wh-word opened), "the office is is tracking the debris" does not."""
    return n == 1 and tokens[i].lower == "is" and not any(t.lower in lexicon.WH_WORDS - {"that"} for t in tokens[:i])


@rule("MT101", "duplicate-word", category="fluency/repetition", severity=Severity.MINOR,
      fix=FixAvailability.ALWAYS)
def find_duplicate_words(ctx: SegmentContext) -> Iterator[Match]:
    """A word or phrase written twice in a row, or twice across a comma, "and" or "or".

    ## What it flags
    An exact back-to-back repetition of a word or short phrase ("the optic nerve nerve",
    "in the in the", "the streets of Bishkek Bishkek"), ignoring case, reported once where it is also a
    repeat across "and" ("more doctors and more doctors and nurses"); a word or two-word phrase
    repeated across a comma or coordinated with itself ("prices rose sharply, sharply",
    "the results were strong and strong", "were killed and killed", "opt out or opt out"); a
    three-word phrase said again after "and" ("between the two cities and the two cities"), and a
    preposition's three-word phrase said again after a comma ("open in the autumn, in the autumn of
    2026"). Across a comma, "and" or "or", a name said twice counts only when it is a day or a month
    after a comma ("on Thursday, Thursday"). Deliberate reduplication ("had had", "that that", "very
    very", "is is" after a wh-word, "again and again", "more and more and more", "bigger and bigger",
    "years and years" but not "years, years", "talked and talked" for a short list of activities, "a big,
    big problem" but not "had good, good relations"), names that double a word ("Bora Bora", "Johnson
    and Johnson"), a new clause picking up the last phrase ("into the universe, the universe will
    curve") and rhetorical repetition of a longer phrase across a comma ("let it move, let it move") are
    left alone.

    ## Why is this bad?
    Neural MT repeats tokens when its attention stalls; readers notice at once.

    ## Example
    The disease affects the optic nerve nerve.  ->  The disease affects the optic nerve.

    ## Fix safety
    Deleting the second copy is safe: it changes no meaning.
    """
    for sentence in ctx.sentences:
        tokens = sentence.tokens
        joined = list(_joined_repeats(ctx.text, tokens))
        for i, n, copies in sentence.repeats:
            if copies != 2 or _is_deliberate(tokens[i: i + n], tokens[i + n: i + 2 * n]) \
                    and not _is_is_unopened(tokens, i, n):
                continue
            first_end, second = tokens[i + n - 1].end, tokens[i + n: i + 2 * n]
            if second[0].start == first_end and n == 1:
                continue  # no space between: not two words
            span_start, span_end = second[0].start, second[-1].end
            if any(m.start < span_end and span_start < m.end for m in joined):
                continue  # "more doctors and more doctors and nurses": one slip, reported once, as joined
            phrase = ctx.text[span_start:span_end]
            yield Match(span_start, span_end, f"“{phrase}” is repeated",
                        (delete_fix(ctx.text, span_start, span_end, f"Delete the repeated “{phrase}”"),))
        yield from joined


def _is_place_or_time(phrase: list[Token]) -> bool:
    """A preposition, a determiner and a word: "in the autumn", "on the border"."""
    return len(phrase) == 3 and phrase[0].lower in lexicon.PREPOSITIONS and phrase[1].lower in lexicon.DETERMINERS


def _joined_repeats(text: str, tokens: list[Token]) -> Iterator[Match]:
    """"sharply, sharply", "strong and strong", "opt-out or opt-out": one or two words, a comma, "and" or
    "or", the same again; three words only with "and" ("the two cities and the two cities": across a comma,
    "let it move, let it move", a longer phrase said again is rhetoric), or across a comma a preposition's
    phrase ("will open in the autumn, in the autumn of 2026")."""
    for n in (1, 2, 3):
        for i in range(len(tokens) - 2 * n):
            first, joiner, second = tokens[i:i + n], tokens[i + n], tokens[i + n + 1:i + 2 * n + 1]
            if joiner.text not in ((",", "and", "or") if n < 3 else (",", "and") if _is_place_or_time(first)
                                   else ("and",)) or len(second) < n:
                continue
            if [t.lower for t in first] != [t.lower for t in second] or not all(t.is_word for t in first):
                continue
            if _is_coordinated_on_purpose(first, joiner.text, tokens[i + 2 * n + 1:i + 2 * n + 3]) \
                    or i >= 2 and tokens[i - 1].text == joiner.text and tokens[i - 2].lower == first[-1].lower:
                continue  # the second and third of "ding, ding, ding"
            following = tokens[i + 2 * n + 1] if i + 2 * n + 1 < len(tokens) else None
            if joiner.text == "or" and following is not None and following.lower in ("not", "n't"):
                continue  # "want or want not": a choice, not a slip
            if joiner.text == "," and n == 1 and first[0].lower in lexicon.EMPHATIC_ADJECTIVES and i >= 1 \
                    and tokens[i - 1].lower in lexicon.DETERMINERS and following is not None and following.is_word:
                continue  # "a big, big problem": an adjective doubled for emphasis before its noun
            if (joiner.text == "," and n > 1 or n == 3) and first[0].lower in lexicon.DETERMINERS \
                    and following is not None and following.lower in lexicon.AUXILIARIES:
                continue  # "into the universe, the universe will curve", "subordinate to the provincial
                # government and the provincial government should not": a new clause picking up the last
            start, end = second[0].start, second[-1].end
            phrase = text[start:end]
            yield Match(start, end, f"“{phrase}” is repeated after “{joiner.text}”",
                        (replace_fix(first[-1].end, end, "", f"Delete “{text[first[-1].end:end].strip()}”"),))


def _is_coordinated_on_purpose(phrase: list[Token], joiner: str, after: list[Token]) -> bool:
    """"again and again", "more and more", "bigger and bigger", "years and years", "very, very",
    "talked and talked", names, numbers alone, and "X and X" continued by a list ("on and on and on")."""
    words = [t.lower for t in phrase]
    last = words[-1]
    alphabetic = [t.text.replace("-", "").isalpha() for t in phrase]  # "opt-out" is a word; "B-52" is not
    if len(phrase) == 1 and joiner == "," and last in lexicon.CALENDAR_WORDS:
        return False  # "on Thursday, Thursday, citing": a day or a month is no name said twice
    # A number with a word of its phrase in lower case is a quantity said twice: "cut 2,000 jobs, 2,000 jobs".
    counted = len(phrase) > 1 and any(a and t.text.islower() for a, t in zip(alphabetic, phrase, strict=True)) \
        and all(a or NUMBER_RE.fullmatch(t.text) for a, t in zip(alphabetic, phrase, strict=True))
    if all(t.text[0].isupper() for t in phrase) or not all(alphabetic) and not counted:
        return True  # names ("Johnson and Johnson"), numbers, initials; "Norway remained and Norway remained" is not
    if len(phrase) == 1 and (last in lexicon.REDUPLICATIONS or last in lexicon.ITERATIVE_PAIRS):
        return True
    if joiner == "and" and len(phrase) == 1 and last in lexicon.ITERATIVE_NOUNS:
        return True  # "years and years"; across a comma ("for centuries, centuries") it is a slip
    if joiner == "and" and (last.endswith("er") and lexicon.lemmas(last) != {last} or last in ("more", "less")):
        return True  # comparatives: "bigger and bigger", "more and more"
    if joiner == "and" and len(phrase) == 1 and lexicon.lemmas(last) & lexicon.DURATIVE_VERBS \
            and lexicon.can_be_verb(last):
        return True  # "they talked and talked": an activity repeated for its duration
    if len(after) == 2 and after[0].text == joiner and after[1].lower == last:
        return True  # "on and on and on", "no, no, no": a figure of speech
    return all(w in lexicon.FUNCTION_WORDS or w in lexicon.AUXILIARIES for w in words)


@rule("MT102", "variant-duplicate", category="fluency/repetition", severity=Severity.MINOR,
      fix=FixAvailability.ALWAYS)
def find_variant_duplicates(ctx: SegmentContext) -> Iterator[Match]:
    """The same word twice in a list or pair, spelt differently.

    ## What it flags
    Two coordinated or adjacent words that are variants of one word: hyphenation or spacing
    ("businesslike and business-like", "timeframe and time frame", "short stories and
    short-stories"), case, British and American spelling ("colour and color", "travelled,
    traveled"), an affix ("clear and clear-cut", "historic and historical"), or inflection joined
    by “and” ("talk and talks"). Inflections joined otherwise are left alone ("a sign or signs",
    "the building built").

    ## Why is this bad?
    MT systems that hedge between two spellings print both; the reader sees the same
    word said twice as if it were two qualities.

    ## Example
    a useful, businesslike and business-like meeting  ->  a useful and businesslike meeting

    ## Fix safety
    Unsafe: which variant to keep is a choice; the fix keeps the first. After a comma ("useful,
    businesslike and business-like") it offers the list with its conjunction ("useful and businesslike")
    and the list without the variant ("useful, businesslike"); with a language model, the one it reads better.
    """
    text = ctx.text
    for sentence in ctx.sentences:
        tokens = sentence.tokens
        for i, first in enumerate(tokens):
            if not first.is_word or first.lower in lexicon.FUNCTION_WORDS or len(first.text) < 3:
                continue
            opened = _open_then_closed(text, tokens, i)
            if opened is not None:
                yield opened
                continue
            j = _past_joiners(tokens, i + 1, i + 3)
            if j >= len(tokens) or j == i + 1 and tokens[j].start == first.end:
                continue
            second = tokens[j]
            if not second.is_word or first.text == second.text:
                continue
            between = [t.lower for t in tokens[i + 1: j]]
            variant_start = second.start
            if j + 1 < len(tokens) and _open_compound(first.text, tokens[j], tokens[j + 1]) and between:
                j += 1  # "timeframe and time frame": the second variant is two words
                second = tokens[j]
            elif not same_word_family(first.text, second.text):
                if not (british_american(first.text, second.text) or affix_variant(first.text, second.text)) \
                        or "or" in between or "/" in between or not between:
                    continue
                if between == ["and"] and compound_of_one_set(first.text, second.text):
                    continue  # "in the north and north-east": two regions
            elif not same_spelling(first.text, second.text) and between != ["and"] \
                    and not british_american(first.text, second.text):
                continue  # inflections count only as "X and Xs": "a sign or signs", "the building built"
            if first.text.lower() == second.text.lower() and first is sentence.words[0]:
                continue  # "More and more": the capital is the sentence's, not a variant
            shown = text[variant_start:second.end]
            yield Match(variant_start, second.end, f"“{shown}” repeats “{first.text}” in another spelling",
                        _variant_fixes(text, tokens, i, j))


def _open_then_closed(text: str, tokens: list[Token], i: int) -> Match | None:
    """"time frame and timeframe", "short stories and short-stories": the first variant written open, the
    second as one word; the fix keeps the first."""
    j = _past_joiners(tokens, i + 2, i + 4)
    if j == i + 2 or j >= len(tokens) or not _open_compound(tokens[j].text, tokens[i], tokens[i + 1]):
        return None
    head, tail, second = tokens[i], tokens[i + 1], tokens[j]
    return Match(second.start, second.end, f"“{second.text}” repeats “{text[head.start:tail.end]}” in another spelling",
                 _variant_fixes(text, tokens, i + 1, j))


def _past_joiners(tokens: list[Token], j: int, stop: int) -> int:
    """The first token from `j` that is no comma, "and", "or" or "/", looking no further than `stop`."""
    while j < len(tokens) and tokens[j].text in {",", "and", "or", "/"} and j < stop:
        j += 1
    return j


def _open_compound(word: str, head: Token, tail: Token) -> bool:
    """True when `head tail` is `word` written open: "time frame" for "timeframe"."""
    return head.is_word and tail.is_word and tail.start == head.end + 1 and len(word) >= 6 \
        and normalise_variant(word) == normalise_variant(head.text + tail.text)


def _variant_fixes(text: str, tokens: list[Token], i: int, j: int) -> tuple[Fix, ...]:
    """Drop the second variant. In "X, A and A'" the list's conjunction may be the one MT moved ("useful,
    businesslike and business-like" was "useful and businesslike"), or the variant may have been added
    after "X, A": both are offered, "X and A" first, and a language model ranks them."""
    first, second = tokens[i], tokens[j]
    plain = replace_fix(first.end, second.end, "", f"Delete “{text[first.end:second.end].strip()}”",
                        Applicability.UNSAFE)
    conjunction = next((t.text for t in tokens[i + 1: j] if t.is_word), None)
    if conjunction and i >= 2 and tokens[i - 1].text == "," and tokens[i - 2].is_word:
        return (replace_fix(tokens[i - 1].start, second.end, f" {conjunction} {first.text}",
                            f"Keep “{first.text}” once", Applicability.UNSAFE), plain)
    return (plain,)


@rule("MT103", "oscillation", category="fluency/repetition", severity=Severity.MAJOR,
      fix=FixAvailability.ALWAYS)
def find_oscillation(ctx: SegmentContext) -> Iterator[Match]:
    """The same word or phrase repeated three or more times in a row.

    ## What it flags
    An n-gram (up to eight tokens) repeated back to back at least three times:
    "nerve nerve nerve nerve", "and the government and the government and the government";
    and a part of a hyphenated word repeated four or more times ("DMC-DMC-DMC-DMC"). Four
    copies or more are a loop, not emphasis: critical.

    ## Why is this bad?
    This is the oscillatory hallucination of neural MT: the decoder loops. The text
    is unusable as it stands and the loop often hides a missing part of the translation.

    ## Example
    the islands islands islands islands.  ->  the islands.

    ## Fix safety
    Deleting the extra copies is safe; what the loop displaced cannot be recovered.
    """
    for sentence in ctx.sentences:
        tokens = sentence.tokens
        for i, n, copies in sentence.repeats:
            gram = tokens[i: i + n]
            if copies < 3 or (n == 1 and gram[0].lower in lexicon.REDUPLICATIONS) or all(not t.is_word for t in gram):
                continue
            start, end = tokens[i + n].start, tokens[i + copies * n - 1].end
            phrase = ctx.text[gram[0].start: gram[-1].end]
            yield Match(start, end, f"“{phrase}” is repeated {copies} times",
                        (delete_fix(ctx.text, start, end, f"Keep one “{phrase}”"),), _loop_severity(copies))
        for token in sentence.tokens:
            if "-" in token.text:
                yield from _hyphen_loops(ctx.text, token)


# Copies from which a repeat is a decoder loop: "very, very, very" and "cha-cha-cha" are English, a fourth
# copy is not.
LOOP_COPIES = 4


def _loop_severity(copies: int) -> Severity | None:
    return Severity.CRITICAL if copies >= LOOP_COPIES else None


def _hyphen_loops(text: str, token: Token) -> Iterator[Match]:
    """"DMC-DMC-DMC-DMC": a part of one hyphenated token repeated LOOP_COPIES times or more in a row."""
    parts = token.text.split("-")
    starts = list(accumulate((len(part) + 1 for part in parts[:-1]), initial=token.start))
    for i, _, copies in tandem_repeats(parts, max_n=1):
        if copies < LOOP_COPIES or not parts[i]:
            continue
        last = i + copies - 1
        end = starts[last] + len(parts[last])
        keep_one = Fix((Edit(starts[i] + len(parts[i]), end, ""),), Applicability.SAFE, f"Keep one “{parts[i]}”")
        yield Match(starts[i + 1], end, f"“{parts[i]}” is repeated {copies} times", (keep_one,), Severity.CRITICAL)


@rule("MT104", "near-duplicate-sentence", category="accuracy/addition", severity=Severity.MINOR,
      fix=FixAvailability.SOMETIMES)
def find_near_duplicate_sentences(ctx: SegmentContext) -> Iterator[Match]:
    """A sentence that says again what an earlier sentence of the document said.

    ## What it flags
    A sentence whose content words (lemmatised, function words and reporting verbs left out)
    overlap an earlier sentence's by a Jaccard index of 0.4 or more, with at least four shared
    content words; within one paragraph, three shared content words are enough when they are nearly all
    (0.8: "Murnau was born in Murnau, Germany. He was born in Murnau, Germany."). Identical or almost
    identical sentences (0.8 and more) are major. Within one paragraph, a sentence of six words or more
    that an earlier one says again word for word, or but for one word more or less, is major whatever
    its content words ("Without a doubt, it is the insects. Without a doubt, it is the insects.").
    Paragraphs of running text are compared with each other; JSONL records only when they share
    a `doc_id`.

    ## Why is this bad?
    Document-level MT and post-editing pipelines paste a sentence twice, or translate a source
    sentence twice in different words; the article then repeats itself.

    ## Example
    At the press conference, Macron stressed the right of states to decide on their own defense.
    Macron for its part, the press conference emphasized the freedom of states to decide for themselves.

    ## Fix safety
    Unsafe, and only when the later sentence shares its paragraph with other text and adds no word
    of its own (an exact or shortened copy): the fix deletes it. Which of two differently worded
    sentences to keep is an editor's choice, so then no fix is offered.
    """
    if ctx.index == 0 and len(ctx.sentences) < 2:
        return  # nothing earlier to repeat
    index = ctx.document.content_index
    copies = WordCopies()
    alone = len(ctx.sentences) == 1
    for sentence_number, sentence in enumerate(ctx.sentences):
        words = tuple(w.lower for w in sentence.words)
        best = index.best_earlier_match(ctx.index, sentence_number)
        copied = copies.earlier(words) if best is None else None
        copies.add(words, sentence_number)
        fixes = () if alone else (delete_fix(ctx.text, sentence.span.start, sentence.span.end,
                                             "Delete the repeated sentence", Applicability.UNSAFE),)
        if best is not None:
            similarity, (segment_index, earlier) = best
            severity = Severity.MAJOR if similarity >= 0.8 else None
            where = "earlier in this paragraph" if segment_index == ctx.index else \
                f"in segment {ctx.document.segments[segment_index].id}"
            yield Match(sentence.span.start, sentence.span.end,
                        f"This sentence repeats one {where} (content overlap {similarity:.2f}): "
                        f"“{_clip(earlier)}”", fixes, severity=severity)
        elif copied is not None:
            number, how = copied
            yield Match(sentence.span.start, sentence.span.end,
                        f"This sentence repeats one earlier in this paragraph {how}: "
                        f"“{_clip(ctx.sentences[number].span.text)}”", fixes, severity=Severity.MAJOR)


# A sentence said again in its paragraph word for word, or with one word dropped or added, is a copy whatever
# its content words: the Jaccard index of content words reads a short copy poorly ("This applies equally to
# both physics and psychology. This applies to both physics and psychology.": 3 of 4, 0.75). Six words at
# least: "This is not a drill. This is not a drill." is said so on purpose. Sentences of more than
# COPY_MAX_WORDS words are left to the content index (a copy with a word dropped costs words squared here).
COPY_MIN_WORDS = 6
COPY_MAX_WORDS = 40


class WordCopies:
    """The sentences of one paragraph seen so far, by their lower-cased words, and by those words with one
    left out, so that a copy with one word more or less is found by lookups alone."""

    def __init__(self) -> None:
        self._whole: dict[tuple[str, ...], int] = {}
        self._shortened: dict[tuple[str, ...], int] = {}

    def add(self, words: tuple[str, ...], number: int) -> None:
        if not COPY_MIN_WORDS <= len(words) <= COPY_MAX_WORDS:
            return
        self._whole.setdefault(words, number)
        if len(words) > COPY_MIN_WORDS:
            for shorter in _one_left_out(words):
                self._shortened.setdefault(shorter, number)

    def earlier(self, words: tuple[str, ...]) -> tuple[int, str] | None:
        """(the earlier sentence's number, how it is said again) or None."""
        if not COPY_MIN_WORDS <= len(words) <= COPY_MAX_WORDS:
            return None
        if words in self._whole:
            return self._whole[words], "word for word"
        if words in self._shortened:
            return self._shortened[words], "with a word left out"
        for shorter in _one_left_out(words) if len(words) > COPY_MIN_WORDS else ():
            if shorter in self._whole:
                return self._whole[shorter], "with a word added"
        return None


def _one_left_out(words: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    return (words[:i] + words[i + 1:] for i in range(len(words)))


def _clip(text: str, width: int = 80) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
