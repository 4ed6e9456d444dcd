"""CD102: a permission that a prohibition overrides wherever it applies."""

from __future__ import annotations

from ... import model as m
from ...evaluation import decide
from .atoms import applies, unscheduled
from .finding import Rule

RULE = Rule("CD102", "overridden-permission",
            "a permission fully overridden by a prohibition that has no exception for it")

# A stretch in which the permission applies to no usage
NOWHERE = object()


def _lifters(linted, index: int, rule) -> list:
    """The permissions that lift a prohibition in stretch ``index``, in the agreement's order:
    found by the ids it names (the permissions of each clause are kept once per stretch),
    without trying every permission."""
    if not rule.lifted_by:
        return []
    key = ("permissions of each clause", index)
    of: dict[str, list] | None = linted.kept.get(key)
    if of is None:
        of = {}
        for at, permit in enumerate(linted.program.stretches[index].permits):
            of.setdefault(permit.clause, []).append((at, permit))
        linted.kept[key] = of
    found = sorted((pair for ident in set(rule.lifted_by) for pair in of.get(ident, ())),
                   key=lambda pair: pair[0])
    return [permit for _, permit in found]


def _bites(rule, lifters, f) -> bool:
    """Whether a prohibition bites a usage's facts and no permission that applies lifts it."""
    return applies(rule, f) and not any(p.clause in rule.lifted_by and applies(p, f)
                                        for p in lifters)


def _covers(linted, index, permit, rule, lifters) -> bool:
    """Whether the prohibition bites, unlifted, every usage the permission applies to."""
    found = linted.points(index, (permit, rule, *lifters), inside=permit)
    return found is not None and all(_bites(rule, lifters, f) for f in found
                                     if applies(permit, f))


def overriding(linted, index: int, permit):
    """A prohibition that bites, unlifted, wherever ``permit`` applies in stretch ``index``
    (for the apps registered, and for apps of any labels, end users and approved use cases
    too), with a usage's facts where it applies: (its id, the facts); :data:`NOWHERE` when
    the permission applies to no usage there; None when no prohibition does so, or the
    question is too large to decide."""
    own = linted.points(index, (permit,), inside=permit)
    if own is None:
        return None
    own = [f for f in own if applies(permit, f)]
    if not own:
        return NOWHERE
    # a prohibition that bites wherever the permission applies applies to its first class of
    # usages: those that do are found by the evaluator's index of the prohibitions, in order
    forbids = decide.indexes(linted.program, index)[1]
    for rule in forbids.pick(forbids.matching(own[0])):
        # (a prohibition of another document that conflicts with it: their precedence settles
        # which one gives way, as the texts mean it)
        if permit.clause in rule.lifted_by or any(
                c.other == permit.clause for c in rule.conflicts):
            continue
        lifters = _lifters(linted, index, rule)
        # a quick test on the permission's own classes of usages, then the exact one
        if not all(_bites(rule, lifters, f) for f in own):
            continue
        if _covers(linted, index, permit, rule, lifters) and _covers(
                linted, index, unscheduled(permit), unscheduled(rule),
                [unscheduled(p) for p in lifters]):
            return rule.clause, own[0]
    return None


def _and(ids) -> str:
    return ids[0] if len(ids) == 1 else ", ".join(ids[:-1]) + " and " + ids[-1]


def check(linted):
    for _, clause in linted.clauses:
        if not isinstance(clause, m.Permission) or linted.key_of(clause) in linted.never_apply:
            continue
        found, shown = {}, None
        for index, rule in linted.rules(clause):
            if linted.program.stretches[index].state != "in-force":
                continue
            result = overriding(linted, index, rule)
            if result is None:
                found = None
                break
            if result is not NOWHERE:
                found[result[0]] = None
                shown = shown or (index, result[1])
        if not found or shown is None:
            continue
        usage = linted.usage(*shown)
        decision = linted.decide(usage)
        if decision.outcome != "denied" or not linted.cites(decision, found):
            continue
        ids = list(found)
        yield linted.finding(
            RULE, f"clause {clause.id} permits nothing: clause {_and(ids)} forbids everything "
            f"it permits, and clause {clause.id} is not an exception to "
            f"{'it' if len(ids) == 1 else 'them'}",
            clause.name_span or clause.span, (clause.id, *ids),
            f"name clause {clause.id} as an exception (`except as permitted by {clause.id}` "
            f"on clause {ids[0]}, or `notwithstanding {ids[0]}` on clause {clause.id}), "
            "narrow the prohibition, or remove the permission", usage)
