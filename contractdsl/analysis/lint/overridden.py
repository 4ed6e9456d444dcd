"""CD102: a permission that prohibitions override wherever it applies."""

from __future__ import annotations

from ... import model as m
from .atoms import applies, unscheduled
from .finding import Rule

RULE = Rule("CD102", "overridden-permission",
            "a permission fully overridden by a prohibition that has no exception for it")


def _and(ids) -> str:
    ids = [f"{i}" for i in ids]
    return ids[0] if len(ids) == 1 else ", ".join(ids[:-1]) + " and " + ids[-1]


def overriding(linted, index: int, permit, opened: bool = False
               ) -> tuple[list[str], object] | None:
    """The prohibitions that bite, unlifted, wherever ``permit`` applies in stretch ``index``
    and one usage's facts where it applies (none when it applies to no usage there); None when
    some usage it covers escapes them, or the question is too large to decide. ``opened``:
    for apps of any labels, end users and approved use cases too (see :func:`.unscheduled`)."""
    stretch = linted.program.stretches[index]
    actions = permit.scope.actions
    candidates = [f for f in stretch.forbids if permit.clause not in f.lifted_by
                  and any(a in actions for a in f.scope.actions)]
    if not candidates:
        return None
    named = {p for f in candidates for p in f.lifted_by}
    lifters = [p for p in stretch.permits if p.clause in named]
    if opened:
        permit, candidates, lifters = unscheduled(permit), [unscheduled(r) for r in candidates], \
            [unscheduled(p) for p in lifters]
    found = linted.points(index, (permit, *candidates, *lifters))
    if found is None:
        return None
    biting: dict[str, None] = {}
    example = None
    for f in found:
        if not applies(permit, f):
            continue
        applying = {p.clause for p in lifters if applies(p, f)}
        bites = [r.clause for r in candidates
                 if applies(r, f) and not applying.intersection(r.lifted_by)]
        if not bites:
            return None
        biting.setdefault(bites[0])
        example = example or f
    return list(biting), example


def check(linted):
    for _, clause in linted.clauses:
        if not isinstance(clause, m.Permission) or (clause.id, clause.span) in linted.never_apply:
            continue
        found, shown = {}, None
        for index, rule in linted.rules(clause):
            if linted.program.stretches[index].state != "in-force":
                continue
            result = overriding(linted, index, rule)
            if result is None or overriding(linted, index, rule, opened=True) is None:
                found = None
                break
            found.update(dict.fromkeys(result[0]))
            if result[1] is not None:
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
