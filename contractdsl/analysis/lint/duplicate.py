"""CD109: two clauses that say the same thing."""

from __future__ import annotations

import attrs

from ...semantics import ir
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


def check(linted):
    same: dict[tuple, int] = {}
    for index, stretch in enumerate(linted.program.stretches):
        lifting: dict[str, set[str]] = {}
        for rule in (*stretch.forbids, *stretch.limits):
            for ident in rule.lifted_by:
                lifting.setdefault(ident, set()).add(rule.clause)
        groups: dict[object, list] = {}
        for item in (*stretch.permits, *stretch.forbids, *stretch.limits, *stretch.duties):
            if item.clause.startswith("tier "):
                continue
            meaning = _meaning(item, frozenset(lifting.get(item.clause, ())))
            groups.setdefault(meaning, []).append((linted.key(index, item), item.clause))
        for keys in groups.values():
            for later in keys[1:]:
                pair = (keys[0], later)
                same[pair] = same.get(pair, 0) + 1
    for (first, later), count in same.items():
        if first[0] in linted.never_apply or count != len(linted.by_clause[first[0]]) or \
                count != len(linted.by_clause[later[0]]):
            continue
        clause = linted.clause_of[later[0]]
        yield linted.finding(
            RULE, f"clause {later[1]} says the same as clause {first[1]}",
            clause.name_span or clause.span, (later[1], first[1]),
            f"remove one of clauses {first[1]} and {later[1]}, or say in each what sets it "
            "apart")
