"""CD103: an exception that never lifts anything."""

from __future__ import annotations

from ...semantics import ir
from .atoms import applies, unscheduled
from .finding import Rule

RULE = Rule("CD103", "exception-never-lifts",
            "an exception (`except as permitted by`, `notwithstanding`) that never lifts anything")


def check(linted):
    meets: dict[tuple, bool] = {}
    where = {}
    for index, rule, permit in linted.exceptions():
        key = (linted.key(index, rule), linted.key(index, permit))
        if meets.get(key):
            continue
        where.setdefault(key, (index, rule, permit))
        meets[key] = any(
            found is None or any(applies(r, f) and applies(p, f) for f in found)
            for r, p in ((rule, permit), (unscheduled(rule), unscheduled(permit)))
            for found in [linted.points(index, (r, p))])
    for key, met in meets.items():
        if met or key[0] in linted.never_apply or key[1] in linted.never_apply:
            continue
        index, rule, permit = where[key]
        kind = "limit" if isinstance(rule, ir.LimitRule) else "prohibition"
        yield linted.finding(
            RULE, f"the exception of clause {permit.clause} to clause {rule.clause} never lifts "
            f"anything: no usage that clause {permit.clause} permits is one that clause "
            f"{rule.clause} applies to",
            linted.reference(index, rule, permit), (rule.clause, permit.clause),
            f"remove the exception, or correct clause {permit.clause} or clause {rule.clause} "
            f"so that the {kind} and the permission meet")
