"""CD110: a duty due by a date before its clause binds."""

from __future__ import annotations

from ... import model as m
from .duty_outlives import duties_of, versions_of
from .finding import Rule

RULE = Rule("CD110", "deadline-before-clause",
            "a duty due by a date before its clause binds")


def _first_day(linted, doc, clause):
    """The first day the clause binds the licensee: its `from`, or the first day of the
    earliest text it is read with (None: no text says when)."""
    starts = [version.effective for version in versions_of(linted, doc)
              if version.effective is not None]
    first = min(starts) if starts else None
    if clause.valid_from is not None and (first is None or clause.valid_from > first):
        first = clause.valid_from
    return first


def check(linted):
    for doc, clause in linted.clauses:
        first = _first_day(linted, doc, clause)
        if first is None:
            continue
        for duty, deadline, span in duties_of(clause):
            if not isinstance(deadline, m.By) or deadline.date >= first:
                continue
            date = deadline.date
            yield linted.finding(
                RULE, f"clause {clause.id} requires `{duty}` by {date}, but the clause binds "
                f"only from {first}: only a duty done before the clause bound is met, and a "
                "usage that does not state it done by then is denied on every day the clause "
                "binds", deadline.span or span, (clause.id,),
                "move the deadline to a day the clause binds, or make the duty a condition "
                f"(`when` the fact that shows `{duty}` done) if it was owed before")
