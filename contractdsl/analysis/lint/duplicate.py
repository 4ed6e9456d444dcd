"""CD109: two clauses that say the same thing."""

from __future__ import annotations

import attrs

from ...semantics import ir
from .finding import Rule

RULE = Rule("CD109", "duplicate-clause", "two clauses that say the same thing")


def _meaning(item, lifts: frozenset) -> object:
    """A rule, limit or duty without its clause's id and title: what the clause says."""
    if isinstance(item, ir.Rule):
        return attrs.evolve(item, clause="", title=None, provisos=tuple(
            attrs.evolve(d, clause="", title=None) for d in item.provisos)), lifts
    if isinstance(item, ir.LimitRule):
        return attrs.evolve(item, clause="", title=None, stated_unit=""), lifts
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
            if item.span is None or item.clause.startswith("tier "):
                continue
            meaning = _meaning(item, frozenset(lifting.get(item.clause, ())))
            groups.setdefault(meaning, []).append((item.clause, item.span))
        for keys in groups.values():
            for later in keys[1:]:
                pair = (keys[0], later)
                same[pair] = same.get(pair, 0) + 1
    for (first, later), count in same.items():
        if first in linted.never_apply or count != len(linted.by_clause[first]) or \
                count != len(linted.by_clause[later]):
            continue
        clause = linted.clause_of[later]
        yield linted.finding(
            RULE, f"clause {later[0]} says the same as clause {first[0]}",
            clause.name_span or clause.span, (later[0], first[0]),
            f"remove one of clauses {first[0]} and {later[0]}, or say in each what sets it "
            "apart")
