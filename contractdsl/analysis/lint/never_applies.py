"""CD101: a clause that no usage can make applicable."""

from __future__ import annotations

from ... import model as m
from .finding import Rule

RULE = Rule("CD101", "never-applies", "a clause that no usage can make applicable")


def _window(clause: m.Clause) -> str:
    parts = [f"from {clause.valid_from}" if clause.valid_from else "",
             f"until {clause.valid_until}" if clause.valid_until else ""]
    return " ".join(p for p in parts if p)


def _dated(cond: m.Condition | None) -> bool:
    return cond is not None and any(isinstance(n, (m.DateBefore, m.DateFrom))
                                    for n in cond.walk())


def check(linted):
    for doc, clause in linted.clauses:
        if linted.key_of(clause) not in linted.never_apply:
            continue
        if not linted.rules(clause):
            window = _window(clause)
            message = (f"clause {clause.id} is in force on no day of the agreement: its window "
                       f"({window}) lies outside the agreement's" if window else
                       f"clause {clause.id} is in force on no day of the agreement")
            help = "move the clause's `from`/`until` inside the agreement's `effective` and " \
                "`terminates` dates, or remove the clause"
        elif _dated(clause.when) or _dated(clause.unless):
            message = (f"clause {clause.id} can never apply: its date conditions never hold "
                       "on a day it is in force")
            help = "correct the dates of its conditions or of its `from`/`until`"
        else:
            message = (f"clause {clause.id} can never apply: no usage meets its conditions "
                       "and what it is about together")
            help = "correct the conditions that contradict each other, or remove the clause"
        yield linted.finding(RULE, message,
                             clause.name_span or clause.span, (clause.id,), help)
