"""Ask the language model about findings: rank each finding's fixes by log-probability gain, add repairs it
prefers, and drop findings of uncertain rules when the model clearly prefers the text as it is.

The gain is `mtqa.lm.pairs.compare`'s length-fair criterion (nats); each fix is judged alone, applied to
the original text, so gains of different findings do not interact.
"""

from __future__ import annotations

from dataclasses import replace

from mtqa.lm.base import Scorer
from mtqa.lm.pairs import compare
from mtqa.model import Applicability, Edit, Finding, Fix

# Rules whose detection is a judgement a language model can confirm or overrule, and the gain (nats) their
# best fix must reach for the finding to stand. Most need only not to be refuted (the fix must not make
# the text clearly less likely); MT801's candidates exist only to be confirmed, so they need a clear gain.
REQUIRED_GAIN = {"MT202": -2.0, "MT301": -2.0, "MT401": -2.0, "MT402": -2.0, "MT801": 4.0}
# A capital in mid-sentence often marks a lost preposition ("dampened expectations Their talks"):
# these are tried before the lower-cased word.
INSERTABLE = ("for", "of", "in", "on", "about", "with", "to", "at", "from", "and", "that")
PREFER_MARGIN = 1.0  # nats an LM-proposed repair must gain over the rule's own fix to be offered first


def _extra_fixes(text: str, finding: Finding) -> list[Fix]:
    """Repairs the language model may prefer to the rule's own fix."""
    if finding.rule == "MT301":
        lowered = finding.text.lower()
        return [Fix((Edit(finding.start, finding.end, f"{word} {lowered}"),), Applicability.UNSAFE,
                    f"Insert “{word}” and write “{lowered}”") for word in INSERTABLE]
    return []


def verify_findings(scorer: Scorer, text: str, findings: list[Finding]) -> list[Finding]:
    """Findings with fixes ranked by gain (`Fix.gain` set), LM repairs added, refuted findings dropped."""
    findings = _without_repeats_of_rules(findings)
    per_finding = [(list(f.fixes), _extra_fixes(text, f)) for f in findings]
    candidates = [fix for own, extra in per_finding for fix in (*own, *extra)]
    if not candidates:
        return findings
    gains = iter(compare(scorer, text, [fix.apply(text) for fix in candidates]))
    verified = []
    for finding, (own, extra) in zip(findings, per_finding):
        own = sorted((replace(fix, gain=next(gains)) for fix in own), key=_by_gain)
        extra = [replace(fix, gain=next(gains)) for fix in extra]
        if not own and not extra:
            verified.append(finding)
            continue
        best_own = own[0].gain if own else float("-inf")
        helpful = [f for f in extra if f.gain >= best_own + PREFER_MARGIN]  # type: ignore[operator]
        offered = ([min(helpful, key=_by_gain)] if helpful else []) + own
        required = REQUIRED_GAIN.get(finding.rule)
        if required is not None and offered and offered[0].gain < required:  # type: ignore[operator]
            continue
        verified.append(replace(finding, fixes=tuple(offered)))
    return verified


def _without_repeats_of_rules(findings: list[Finding]) -> list[Finding]:
    """Language-model findings (MT8xx) on a span a rule already explains say nothing new."""
    by_rules = [f for f in findings if not f.rule.startswith("MT8")]
    return [f for f in findings if not f.rule.startswith("MT8")
            or not any(f.start < r.end and r.start < f.end for r in by_rules)]


def _by_gain(fix: Fix) -> float:
    return -(fix.gain or 0.0)
