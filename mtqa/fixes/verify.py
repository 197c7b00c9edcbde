"""Ask the language model about findings: rank each finding's fixes by log-probability gain, add the repairs
it prefers, and drop findings of rules it may overrule when it clearly prefers the text as it is.

What the model may do with a finding is declared on its rule (`Rule.lm_required_gain`, `Rule.repairs`,
`Rule.needs_lm`, `Rule.rival_margin`) and, for a finding, by the rival readings its rule gives it
(`Finding.rivals`). The gain is `mtqa.lm.pairs.compare`'s length-fair criterion (nats); each fix is judged
alone, applied to the original text, so gains of different findings do not interact.

A fix is judged in the sentences it touches (`_window`), as in a record of one sentence, not in the whole
running text: a model reading a paragraph where the translation said "its" for three people before comes
to expect "its" for the fourth (in-context copying), so the document's own errors would vote for
themselves; and the gains the rules require were chosen on single sentences. A segment of one sentence is
judged whole, as before.

The model's work is bounded per window (`WINDOW_BUDGET`), so a long loop ("The dog The dog ...", one
sentence with a stray capital in every copy) costs time in proportion to its length, not its square. Most
of it goes to guesses the model turns down: a screen reads each candidate only a few tokens past its edit
first, and drops unread the findings that fall far short of their bars (`SCREEN_HORIZON`).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace

from mtqa.fixes.guard import keeps_content
from mtqa.lm.base import Scorer
from mtqa.lm.pairs import compare_many
from mtqa.model import Applicability, Finding, Fix, Severity
from mtqa.nlp.tokens import split_sentences
from mtqa.rules.registry import Rule

PREFER_MARGIN = 1.0  # nats a model-chosen repair must gain over the rule's own fix to be offered first
# Characters of candidate text one window may put to the model: each candidate is the window with a fix
# applied, and costs about as many tokens as the window. The findings of a window are asked in order of
# severity, the rules' own before the model's guesses, then by place; past the budget, a finding the model
# might have overruled or had to confirm is dropped, and the others stand as the rules give them. On
# Guerreiro de-en dev (1,023 records, loops among them) no window asked for more than 20,108 characters,
# on 256 news sentences 2,788; one sentence of "The dog" 25 times asked for 91,200 (24 stray capitals, 19
# candidates each), and 100 times for about 1.5 million.
WINDOW_BUDGET = 32_000
# Most findings the model is asked to confirm are guesses it turns down (on 256 clean news sentences, 1,015 of
# the 1,165 candidates were MT801's and MT803's; 1 finding stood). Each candidate is first read only up to
# SCREEN_HORIZON tokens past its edit, the rest given the original's log-probabilities: a fix that then falls
# more than SCREEN_MARGIN nats short of its finding's bar is read whole only when another fix of the finding
# clears the bar, and a finding all of whose fixes fall so short is dropped unread. The rest are scored
# whole, as before. The screen can only drop a finding, never keep one. On 1,116 dev texts (40 of each kind
# of the synthetic suite, 300 of its controls, the 256 news sentences) it settles 78% of the 3,260 findings
# with a bar; of the 170 that stood, the estimate of the best candidate was at most 6.9 nats under its gain,
# and none would have been dropped; of the 214 fixes read whole on the 256 news sentences, no estimate was
# more than 4.2 nats under its whole gain (docs/PERFORMANCE.md).
SCREEN_HORIZON = 4
SCREEN_MARGIN = 8.0
# Two overlapping guesses whose best fixes gain the same to 0.01 nats are a tie, and the one found first stays:
# they are often one text ("be Split between": MT303's "a split" and MT801's "a" with the capital lowered),
# and which batch a text is scored in moves its gain by about 0.00001 nats, which should not choose.
TIE_DIGITS = 2


def verify_findings(scorer: Scorer, text: str, findings: list[Finding], rules: Mapping[str, Rule]
                    ) -> list[Finding]:
    """Findings with fixes ranked by gain (`Fix.gain` set), repairs added, overruled findings dropped;
    a safe fix the model reads as making the text worse is offered as unsafe.

    `rules` maps each finding's code to its rule."""
    return verify_many(scorer, [(text, findings)], rules)[0]


def verify_many(scorer: Scorer, items: list[tuple[str, list[Finding]]], rules: Mapping[str, Rule]
                ) -> list[list[Finding]]:
    """`verify_findings` for the (text, findings) of several segments, every candidate scored in one call."""
    plans = []
    asked: dict[tuple[int, int, int], list[str]] = {}  # (item, window start, end): the window's candidates
    order: list[list[tuple[tuple[int, int, int], int]]] = []  # per item, each fix's window and place in it
    owners: dict[tuple[tuple[int, int, int], int], tuple[int, int]] = {}  # a place's (item, finding)
    rival_places: set[tuple[tuple[int, int, int], int]] = set()  # the places of rival readings
    for index, (text, findings) in enumerate(items):
        findings = _without_repeats_of_rules(findings, rules)
        per_finding: list[tuple[list[Fix], list[Fix], list[Fix]] | None] = [
            (list(f.fixes), _repairs(text, f, rules[f.rule]), list(f.rivals)) for f in findings]
        plans.append((findings, per_finding))
        sentences = split_sentences(text)
        bounds = ([s.start for s in sentences], [s.end for s in sentences])  # listed once per text
        windows = [_window(text, bounds, finding, (*own, *extra, *rivals))
                   for finding, (own, extra, rivals) in zip(findings, per_finding, strict=True)]
        spent: dict[tuple[int, int], int] = {}
        places: list[tuple[tuple[int, int, int], int]] = []
        for at in sorted(range(len(findings)), key=lambda k: _asking_order(findings[k], rules)):
            (own, extra, rivals), (start, end) = per_finding[at], windows[at]
            cost = (len(own) + len(extra) + len(rivals)) * (end - start)
            if spent.get((start, end), 0) + cost > WINDOW_BUDGET:
                per_finding[at] = None  # not asked
                continue
            spent[(start, end)] = spent.get((start, end), 0) + cost
        for k, ((start, end), finding_fixes) in enumerate(zip(windows, per_finding, strict=True)):
            if finding_fixes is None:
                continue
            key = (index, start, end)
            for part, fixes in enumerate(finding_fixes):  # own, extra, rivals
                for fix in fixes:
                    candidate = fix.apply(text)
                    places.append((key, len(asked.setdefault(key, []))))
                    owners[places[-1]] = (index, k)
                    if part == 2:
                        rival_places.add(places[-1])
                    asked[key].append(candidate[start: len(candidate) - (len(text) - end)])
        order.append(places)
    # What a finding's best candidate must gain for it to stand, where nothing else keeps it (a rule with
    # `fix_min_gain` keeps a finding the model does not confirm, as minor).
    bars = {(index, k): required for index, (findings, per_finding) in enumerate(plans)
            for k, finding in enumerate(findings)
            if per_finding[k] is not None and rules[finding.rule].fix_min_gain is None
            and (required := _required(finding, rules)) is not None and required > 0}
    # Screen: each candidate of a finding with a bar is read SCREEN_HORIZON tokens past its edit. Then whole:
    # first the candidates that may clear their finding's bar (a fix whose estimate falls less than
    # SCREEN_MARGIN short of it, and every candidate of a finding without a bar), then the other candidates
    # of the findings one of whose fixes cleared it (its other fixes and its rival readings decide what it
    # offers and whether it stands). A finding none of whose fixes clears its bar is dropped with the
    # estimates of the fixes left unread, all of them more than SCREEN_MARGIN short.
    estimates = _gains_of(scorer, items, asked, lambda place: owners[place] in bars, SCREEN_HORIZON)

    def contender(place: tuple[tuple[int, int, int], int]) -> bool:
        owner = owners[place]
        return owner not in bars or place not in rival_places and estimates[place] >= bars[owner] - SCREEN_MARGIN

    gains = estimates | _gains_of(scorer, items, asked, contender, None)
    cleared = {owners[place] for place in gains
               if owners[place] in bars and contender(place) and gains[place] >= bars[owners[place]]}
    gains |= _gains_of(scorer, items, asked, lambda place: owners[place] in cleared and not contender(place), None)
    # A segment with nothing to ask is settled as the others are: a finding whose rule needs the model's word
    # and that has no fix left to ask about (the guard took it: "me...love and" swapped would lose "me...love")
    # is dropped there too, not kept unasked.
    return [_settled(findings, per_finding, iter([gains[place] for place in places]), rules)
            for (findings, per_finding), places in zip(plans, order, strict=True)]


def _gains_of(scorer: Scorer, items: list[tuple[str, list[Finding]]], asked: dict[tuple[int, int, int], list[str]],
              chosen: Callable[[tuple[tuple[int, int, int], int]], bool], horizon: int | None
              ) -> dict[tuple[tuple[int, int, int], int], float]:
    """The gains of the `chosen` candidate places, by (window, place in it), scored in one call."""
    picks = {key: [at for at in range(len(candidates)) if chosen((key, at))] for key, candidates in asked.items()}
    keys = [key for key, ats in picks.items() if ats]
    if not keys:
        return {}
    found = compare_many(scorer, [(items[i][0][a:b], [asked[(i, a, b)][at] for at in picks[(i, a, b)]])
                                  for i, a, b in keys], horizon)
    return {(key, at): gain for key, gains in zip(keys, found, strict=True)
            for at, gain in zip(picks[key], gains, strict=True)}


def _required(finding: Finding, rules: Mapping[str, Rule]) -> float | None:
    """What a finding's best fix must gain for it to stand (nats), if anything."""
    return finding.required_gain if finding.required_gain is not None else rules[finding.rule].lm_required_gain


def _sure(rule: Rule) -> bool:
    """Whether a finding of the rule stands without the model's word: neither a guess of the model nor a
    reading the model may overrule (a finding of those is dropped when its window's budget leaves it
    unasked: precision first)."""
    return rule.lm_required_gain is None and not rule.needs_lm


def _asking_order(finding: Finding, rules: Mapping[str, Rule]) -> tuple[int, bool, int]:
    """Who is asked first when a window's budget runs out: the graver finding, a rule's own reading before
    a guess of the model, the earlier place."""
    return -finding.severity.rank, rules[finding.rule].needs_lm, finding.start


def _window(text: str, bounds: tuple[list[int], list[int]], finding: Finding, fixes: tuple[Fix, ...]
            ) -> tuple[int, int]:
    """The span of `text` a finding's fixes are judged in: the sentences its span and edits touch (a deleted
    sentence's edit starts where the one before ends, so that one is read too); from the text's start or to
    its end when that is where they lie. `bounds`: the starts and the ends of the text's sentences."""
    starts, ends = bounds
    low = min((finding.start, *(e.start for fix in fixes for e in fix.edits)))
    high = max((finding.end, *(e.end for fix in fixes for e in fix.edits)))
    first = max(bisect.bisect_right(starts, low) - 1, 0)
    last = min(bisect.bisect_left(ends, high), len(ends) - 1)
    start = 0 if first == 0 else min(starts[first], low)
    end = len(text) if last >= len(ends) - 1 else max(ends[last], high)
    return start, end


def _settled(findings: list[Finding], per_finding: list[tuple[list[Fix], list[Fix], list[Fix]] | None],
             gains: Iterator[float], rules: Mapping[str, Rule]) -> list[Finding]:
    verified = []
    for finding, finding_fixes in zip(findings, per_finding, strict=True):
        if finding_fixes is None:  # past the window's budget
            if _sure(rules[finding.rule]):
                verified.append(finding)
            continue
        own, extra, rivals = finding_fixes
        own = sorted((_demoted(replace(fix, gain=next(gains))) for fix in own), key=_by_gain)
        extra = [replace(fix, gain=next(gains)) for fix in extra]
        rival_gain = max((next(gains) for _ in rivals), default=None)
        required = _required(finding, rules)
        floor = rules[finding.rule].fix_min_gain
        if not own and not extra:
            if required is None or required <= 0:  # nothing to confirm a rule that needs confirming
                verified.append(_unconfirmed(finding) if floor is not None else finding)
            continue
        best_own = own[0].gain if own else float("-inf")
        helpful = [f for f in extra if f.gain >= best_own + PREFER_MARGIN]  # type: ignore[operator]
        offered = ([min(helpful, key=_by_gain)] if helpful else []) + own
        if floor is not None:
            offered = [fix for fix in offered if fix.gain is not None and fix.gain >= floor]
            if not offered:
                verified.append(_unconfirmed(finding))
                continue
        if required is not None and offered and offered[0].gain < required:  # type: ignore[operator]
            continue
        if rival_gain is not None and own and own[0].gain < rival_gain + rules[finding.rule].rival_margin:  # type: ignore[operator]
            continue  # the model reads the text as right another way
        verified.append(replace(finding, fixes=tuple(offered)))
    return _best_of_overlapping(verified, rules)


def _best_of_overlapping(findings: list[Finding], rules: Mapping[str, Rule]) -> list[Finding]:
    """Of the language-model rules' findings that overlap (two guesses at one error), the one whose best
    fix gains most; the rules' own findings all stay."""
    guesses = sorted((f for f in findings if rules[f.rule].needs_lm),
                     key=lambda f: -round(f.fixes[0].gain or 0.0, TIE_DIGITS) if f.fixes else 0.0)
    kept: list[Finding] = []
    for finding in guesses:
        if not any(finding.start < k.end and k.start < finding.end for k in kept):
            kept.append(finding)
    chosen = {id(f) for f in kept}
    return [f for f in findings if not rules[f.rule].needs_lm or id(f) in chosen]


def _unconfirmed(finding: Finding) -> Finding:
    """A finding of a rule with `fix_min_gain` none of whose edits the model confirms: it keeps no fix and
    is minor (the lowest severity), since nothing but the rule's own reading says the text is wrong."""
    return replace(finding, fixes=(), severity=Severity.MINOR)


def _demoted(fix: Fix) -> Fix:
    """A safe fix never leaves a sentence the model reads as worse than the original: it becomes unsafe."""
    if fix.applicability is Applicability.SAFE and fix.gain is not None and fix.gain < 0:
        return replace(fix, applicability=Applicability.UNSAFE)
    return fix


def _repairs(text: str, finding: Finding, rule: Rule) -> list[Fix]:
    if rule.repairs is None:
        return []
    return [fix for fix in rule.repairs(text, finding) if keeps_content(text, fix)]


def _without_repeats_of_rules(findings: list[Finding], rules: Mapping[str, Rule]) -> list[Finding]:
    """A language-model rule's finding on a span another rule already explains says nothing new."""
    by_rules = [f for f in findings if not rules[f.rule].needs_lm]
    return [f for f in findings if not rules[f.rule].needs_lm
            or not any(f.start < r.end and r.start < f.end for r in by_rules)]


def _by_gain(fix: Fix) -> float:
    return -(fix.gain or 0.0)
