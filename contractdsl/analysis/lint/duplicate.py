"""CD109: two clauses that say the same thing."""

from __future__ import annotations

import datetime as _dt
from itertools import product

import attrs

from ...semantics import ir
from ...semantics.lower import ended
from .finding import Rule

RULE = Rule("CD109", "duplicate-clause", "two clauses that say the same thing")


_FACETS = {"action": "actions", "data": "data", "purpose": "purposes",
           "recipient": "recipients"}


def _normal(rule: ir.Rule) -> ir.Rule:
    """A rule with the conditions of its `when` that only narrow what it is about (`when
    purpose is research`, `when purpose is approved`) moved into its scope, so that clauses
    that say the same in other words compare equal."""
    guard = rule.guard
    terms = guard.operands if isinstance(guard, ir.All) else (guard,) if guard else ()
    scope, kept = rule.scope, []
    for term in terms:
        if isinstance(term, ir.Is) and term.subject in _FACETS:
            field = _FACETS[term.subject]
            names = getattr(scope, field)
            narrowed = term.covers if names is None else \
                frozenset(n for n in names if n in term.covers)
            scope = attrs.evolve(scope, **{field: frozenset(narrowed)})
        elif isinstance(term, ir.Approved):
            scope = attrs.evolve(scope, approved=True)
        else:
            kept.append(term)
    guard = None if not kept else kept[0] if len(kept) == 1 else ir.All(operands=tuple(kept))
    return attrs.evolve(rule, scope=scope, guard=guard)


def _meaning(item, lifts: frozenset) -> object:
    """A rule, limit or duty without its clause's id and title: what the clause says."""
    if isinstance(item, ir.Rule):
        return attrs.evolve(_normal(item), clause="", title=None, provisos=tuple(
            attrs.evolve(d, clause="", title=None) for d in item.provisos)), lifts
    if isinstance(item, ir.LimitRule):
        return attrs.evolve(item, clause="", title=None, stated_unit="",
                            window=item.window and item.window.meaning), lifts
    return attrs.evolve(item, clause="", title=None), lifts


def _said(linted, program) -> tuple[dict, dict]:
    """For each pair of clauses (keys, each with its id: the earlier first) in ``program``, the
    stretches in which they say the same; and the stretches each clause is in force in."""
    same: dict[tuple, int] = {}
    count: dict[object, int] = {}
    for stretch in program.stretches:
        if stretch.version_index is None:
            continue
        clauses = program.symbols[stretch.version_index].clauses
        lifting: dict[str, set[str]] = {}
        for rule in (*stretch.forbids, *stretch.limits):
            for ident in rule.lifted_by:
                lifting.setdefault(ident, set()).add(rule.clause)
        groups: dict[object, list] = {}
        for item in (*stretch.permits, *stretch.forbids, *stretch.limits, *stretch.duties):
            if item.clause.startswith("tier "):
                continue
            clause = clauses.get(item.clause)
            key = linted.key_of(clause) if clause is not None else (item.clause, item.span)
            count[key] = count.get(key, 0) + 1
            meaning = _meaning(item, frozenset(lifting.get(item.clause, ())))
            groups.setdefault(meaning, []).append((key, item.clause))
        for keys in groups.values():
            for later in keys[1:]:
                pair = (keys[0], later)
                same[pair] = same.get(pair, 0) + 1
    return same, count


def _alike(said, pair) -> bool:
    """Whether the two clauses of ``pair`` say the same in every stretch either is in force in
    (``said``: what :func:`_said` gives of a program), or neither is in force."""
    same, count = said
    first, later = pair[0][0], pair[1][0]
    return count.get(first, 0) == count.get(later, 0) == same.get(pair, 0)


# Past this many programs of a licensee's own end, a pair is not compared (no finding).
MOST_ENDINGS = 64


def _endings(linted, pair):
    """When a licensee's agreement ends early (a usage's `terminated`, a schedule's
    `terminates`), the evaluator judges it by the agreement as it ended, with the survival of
    each clause counted from the facts its usage dates: the (day, dates) of those endings that
    tell the clauses of ``pair`` apart if anything does: an end on the first day each version
    has them in force, with the facts their survival counts from dated the day before and the
    day after it, or not at all. None where there would be more than :data:`MOST_ENDINGS`."""
    program = linted.program
    days = {}
    for index, _ in linted.by_clause[pair[0][0]]:
        stretch = program.stretches[index]
        if stretch.state == "in-force":
            days.setdefault(stretch.version_index, stretch.start or linted.day(index))
    names = sorted({name for key in (pair[0][0], pair[1][0])
                    for survives in [linted.clause_of[key].survives]
                    if survives is not None and survives.event is not None
                    for name in survives.event.facts})
    if len(days) * 3 ** len(names) > MOST_ENDINGS:
        return None
    found = []
    for day in sorted(days.values()):
        around = (day - _dt.timedelta(days=1), day + _dt.timedelta(days=1))
        for chosen in product((None, *around), repeat=len(names)):
            found.append((day, tuple((name, when) for name, when in zip(names, chosen)
                                     if when is not None)))
    return found


def check(linted):
    said = _said(linted, linted.program)
    # what each ending gives, worked out once (see `_endings`)
    ending: dict[tuple, tuple] = {}
    for first, later in said[0]:
        if first[0] in linted.never_apply or not _alike(said, (first, later)):
            continue
        # two clauses in force alike while the agreement lasts may survive its end unalike
        endings = _endings(linted, (first, later))
        if endings is None:
            continue
        for day, dates in endings:
            if (day, dates) not in ending:
                ending[day, dates] = _said(linted, ended(linted.program, day, dates))
        if not all(_alike(ending[way], (first, later)) for way in endings):
            continue
        clause = linted.clause_of[later[0]]
        yield linted.finding(
            RULE, f"clause {later[1]} says the same as clause {first[1]}",
            clause.name_span or clause.span, (later[1], first[1]),
            f"remove one of clauses {first[1]} and {later[1]}, or say in each what sets it "
            "apart")
