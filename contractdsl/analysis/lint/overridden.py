"""CD102: a permission that a prohibition overrides wherever it applies."""

from __future__ import annotations

from ... import model as m
from .atoms import applies, unscheduled
from .finding import Rule

RULE = Rule("CD102", "overridden-permission",
            "a permission fully overridden by a prohibition that has no exception for it")

# A stretch in which the permission applies to no usage
NOWHERE = object()


def _meet(some, others) -> bool:
    """Whether two facets' names (None: any) have a name in common."""
    if some is None or others is None:
        return True
    small, large = (some, others) if len(some) <= len(others) else (others, some)
    return any(name in large for name in small)


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
    stretch = linted.program.stretches[index]
    scope = permit.scope
    own = linted.points(index, (permit,), inside=permit)
    if own is None:
        return None
    own = [f for f in own if applies(permit, f)]
    if not own:
        return NOWHERE
    for rule in stretch.forbids:
        # (a prohibition of another document that conflicts with it: their precedence settles
        # which one gives way, as the texts mean it)
        if permit.clause in rule.lifted_by or any(
                c.other == permit.clause for c in rule.conflicts) or not (
                _meet(scope.actions, rule.scope.actions) and _meet(scope.data, rule.scope.data)
                and _meet(scope.purposes, rule.scope.purposes)
                and _meet(scope.recipients, rule.scope.recipients)):
            continue
        lifters = [p for p in stretch.permits if p.clause in rule.lifted_by] \
            if rule.lifted_by else []
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
        if decision.outcome != "denied" or not set(found) & set(decision.clauses):
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
