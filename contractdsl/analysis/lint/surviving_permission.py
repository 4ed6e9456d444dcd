"""CD111: a permission of a use of content that survives the agreement's end, which permits
no use after it."""

from __future__ import annotations

from ... import model as m
from .finding import Rule

RULE = Rule("CD111", "surviving-permission",
            "a permission of a use of content that survives the agreement's end, which "
            "permits no use after it")


def check(linted):
    # (a permission of an act lifts a surviving prohibition of it after the end, and one with
    # provisos keeps them owed: its survival says something)
    acts = set().union(*(symbols.terms["act"] for symbols in linted.program.symbols))
    for _, clause in linted.clauses:
        if not isinstance(clause, m.Permission) or clause.survives is None or \
                clause.provisos or clause.activity.action in acts:
            continue
        yield linted.finding(
            RULE, f"clause {clause.id} survives the agreement's end, but it permits "
            f"`{clause.activity.action}`, and no use of content is permitted after the end, "
            "whatever survives: the clause permits nothing while it survives",
            clause.survives.span or clause.span, (clause.id,),
            f"take `survives` off clause {clause.id}; what must still bind after the end (a "
            "duty, a prohibition) goes in a clause of its own that survives")
