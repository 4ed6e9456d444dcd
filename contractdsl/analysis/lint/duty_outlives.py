"""CD106: a duty whose deadline outlasts its clause's survival or the agreement's end."""

from __future__ import annotations

import datetime as _dt

from ... import model as m
from .finding import Rule

RULE = Rule("CD106", "duty-outlives-clause",
            "a duty whose deadline outlasts its clause's survival or the agreement's end")


def duties_of(clause: m.Clause):
    """The licensee's duties of a clause, with their deadlines: an obligation's own, or a
    permission's provisos."""
    if isinstance(clause, m.Obligation):
        yield clause.duty, clause.deadline, clause.span
    elif isinstance(clause, m.Permission):
        for proviso in clause.provisos:
            if proviso.party == "licensee":
                yield proviso.duty, proviso.deadline, proviso.span


def versions_of(linted, doc: m.Document):
    if doc.kind == "agreement":
        return [doc]
    return [v for v in linted.agreement.versions if v.title == doc.schedule_for]


def _plural(duration: m.Duration) -> str:
    return f"{duration.count} {duration.unit}{'' if duration.count == 1 else 's'}"


def _midnight(day: _dt.date) -> _dt.datetime:
    return _dt.datetime(day.year, day.month, day.day)


def _ends(linted, doc, clause):
    """The last day the clause binds the licensee, and how it ends then, for each way it
    ends: its `until`, or the agreement's end (with its survival)."""
    if clause.valid_until:
        yield clause.valid_until, f"ends on {clause.valid_until}", None
    for version in versions_of(linted, doc):
        end = version.terminates
        if end is None or (clause.valid_until and clause.valid_until < end) or \
                (clause.valid_from and clause.valid_from > end):
            continue
        survival = clause.survives
        if survival is None:
            yield end, f"ends with the agreement on {end}", end
        elif survival.duration is not None and survival.event is None:
            # (without a term, or counted from an event, its end is not known here)
            last = survival.duration.after(_midnight(end)).date()
            yield last, (f"survives the agreement's end ({end}) by "
                         f"{_plural(survival.duration)} only, until {last}"), end


def check(linted):
    for doc, clause in linted.clauses:
        for duty, deadline, span in duties_of(clause):
            for last, how, terminated in _ends(linted, doc, clause):
                if isinstance(deadline, m.By) and deadline.date > last:
                    message = (f"clause {clause.id} requires `{duty}` by {deadline.date}, but "
                               f"the clause {how}: the duty is never due while it binds")
                    help = "bring the deadline within the clause's time, or let the clause " \
                        "survive the agreement for longer"
                elif isinstance(deadline, m.Within) and terminated is not None and \
                        deadline.duration.after(_midnight(terminated)).date() > last:
                    message = (f"clause {clause.id} requires `{duty}` within "
                               f"{_plural(deadline.duration)} after `{deadline.event}`, but the "
                               f"clause {how}: the duty to act on `{deadline.event}` late in "
                               "the agreement falls due when the clause no longer binds")
                    help = (f"let the clause survive termination for at least "
                            f"{_plural(deadline.duration)} (`survives "
                            f"{_plural(deadline.duration)}`), or shorten the deadline")
                else:
                    continue
                yield linted.finding(RULE, message, deadline.span or span, (clause.id,), help)
                break
