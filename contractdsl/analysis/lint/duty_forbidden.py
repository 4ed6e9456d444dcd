"""CD105: a `must` that a `must not` forbids: doing the duty makes the activity forbidden."""

from __future__ import annotations

from ...semantics import ir
from .atoms import applies, compared_facts, realisable
from .finding import Rule

RULE = Rule("CD105", "duty-forbidden",
            "a `must` and a `must not` of the same activity that some usage meets together")


def _names_fact(guard: ir.Guard | None, fact: str) -> bool:
    if guard is None:
        return False
    if isinstance(guard, ir.Fact):
        return guard.name == fact
    if isinstance(guard, ir.Not):
        return _names_fact(guard.operand, fact)
    if isinstance(guard, (ir.All, ir.Any)):
        return any(_names_fact(op, fact) for op in guard.operands)
    return False


def _duties(stretch):
    """Each duty due before an action and shown by a fact, with the rule it comes with (the
    permission of a proviso; the duty itself for an obligation)."""
    for duty in stretch.duties:
        yield duty, duty
    for permit in stretch.permits:
        for duty in permit.provisos:
            yield duty, permit


def _bites(rule, lifters, f) -> bool:
    lifted = {p.clause for p in lifters if applies(p, f)}
    return applies(rule, f) and not lifted.intersection(rule.lifted_by)


def conflict(linted, index, duty, carrier):
    """Each usage's facts where the duty is owed before its action and a prohibition bites
    once the fact that shows the duty done is stated, but not before: (facts, the
    prohibition). The usage that does the duty is the same usage, its parties' attributes and
    the answers to its comparisons of dates kept, with the fact stated."""
    stretch = linted.program.stretches[index]
    shown = duty.shown_by
    rules = [r for r in stretch.forbids
             if _names_fact(r.guard, shown) or _names_fact(r.unless, shown)]
    if not rules:
        return
    named = {p for r in rules for p in r.lifted_by}
    lifters = [p for p in stretch.permits if p.clause in named]
    items = (carrier, duty, *rules, *lifters)
    found = linted.points(index, items, facts=(shown, *sorted(compared_facts(items))))
    for f in found or ():
        if shown in f.facts or f.action not in duty.deadline.actions:
            continue
        if not (applies(carrier, f) and applies(duty, f)):
            continue
        done = ir.Facts(f.app, f.action, f.data, f.purpose, f.recipient, f.tier,
                        f.facts | {shown}, f.approved, f.found, f.licensee, f.user,
                        f.assumed, f.dates, f.settled)
        if not realisable(done):
            continue
        for rule in rules:
            if _bites(rule, lifters, done) and not _bites(rule, lifters, f):
                yield f, rule
                break


# How many of a duty's conflicts are tried with ``permits`` before giving up (no finding).
MOST_TRIED = 32


def _confirmed(linted, index, duty, carrier):
    """The first conflict (see :func:`conflict`) that ``permits`` confirms: the usage breaches
    the duty without its fact, and the prohibition denies it with the fact: (the
    prohibition, the usage that does the duty); None where none is."""
    for tried, (f, rule) in enumerate(conflict(linted, index, duty, carrier)):
        if tried == MOST_TRIED:
            return None
        owed = linted.usage(index, f)
        done = linted.usage(index, f, f.facts | {duty.shown_by})
        first, second = linted.decide(owed), linted.decide(done)
        if any(r.clause == duty.clause and r.effect == "breached" for r in first.reasons) and \
                any(r.clause == rule.clause and r.effect == "prohibits" for r in second.reasons):
            return rule, done
    return None


def check(linted):
    seen = set()
    for index, stretch in enumerate(linted.program.stretches):
        if stretch.state != "in-force":
            continue
        for duty, carrier in _duties(stretch):
            key = (linted.key(index, carrier), duty.duty, duty.deadline)
            if key in seen or duty.deadline.kind != "before-action" or duty.shown_by is None:
                continue
            found = _confirmed(linted, index, duty, carrier)
            if found is None:
                continue
            rule, done = found
            seen.add(key)
            action = duty.deadline.event
            yield linted.finding(
                RULE, f"clause {duty.clause} requires `{duty.duty}` before `{action}`, but "
                f"clause {rule.clause} forbids `{action}` once `{duty.shown_by}` holds: a usage "
                f"that does the duty is forbidden, and one that does not breaches it",
                duty.span, (duty.clause, rule.clause),
                f"take `{duty.shown_by}` out of the conditions of clause {rule.clause}, or the "
                f"duty out of clause {duty.clause}", done)
