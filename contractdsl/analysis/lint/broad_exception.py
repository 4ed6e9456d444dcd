"""CD104: an exception that lifts the whole of a prohibition, being about a wider activity."""

from __future__ import annotations

from ...semantics import ir
from .atoms import applies
from .finding import Rule

RULE = Rule("CD104", "broad-exception",
            "an exception that lifts far more than its clause's words suggest: a permission of "
            "a wider activity, which lifts the whole of the prohibition")


def _covers(wide, narrow) -> tuple[bool, bool]:
    """Whether a facet's names ``wide`` (None: any) hold all of ``narrow``, and more."""
    if wide is None:
        return True, narrow is not None
    if narrow is None:
        return False, False
    inside = all(name in wide for name in narrow)
    return inside, inside and len(wide) > len(narrow)


def wider(permit: ir.Rule, rule: ir.Rule) -> bool:
    """Whether the permission covers all the prohibition's action, data and recipients, and
    more of at least one of them."""
    facets = [_covers(permit.scope.actions, rule.scope.actions),
              _covers(permit.scope.data, rule.scope.data),
              _covers(permit.scope.recipients, rule.scope.recipients)]
    return all(inside for inside, _ in facets) and any(more for _, more in facets)


def _activity(scope: ir.Scope) -> str:
    activity = scope.activity
    words = [f"`{activity.action}`"]
    if activity.data:
        words.append(f"of `{activity.data}`")
    if activity.recipients:
        words.append("with " + " or ".join(f"`{r}`" for r in activity.recipients))
    return " ".join(words)


def _shown(linted, index, rule, permit):
    """A usage that the prohibition would deny and the permission lifts, as ``permits``
    confirms it (permitted, if one is)."""
    found = linted.points(index, (rule, permit)) or ()
    confirmed = None
    for f in found:
        if not (applies(rule, f) and applies(permit, f)):
            continue
        usage = linted.usage(index, f)
        decision = linted.decide(usage)
        if any(r.clause == rule.clause and r.effect == "excepted" for r in decision.reasons):
            if decision.outcome == "permitted":
                return usage
            confirmed = confirmed or usage
    return confirmed


def check(linted):
    seen = set()
    for index, rule, permit in linted.exceptions(kinds=(ir.Rule,)):
        key = (linted.key(index, rule), linted.key(index, permit))
        if key in seen or not wider(permit, rule):
            continue
        seen.add(key)
        usage = _shown(linted, index, rule, permit)
        if usage is None:
            continue
        yield linted.finding(
            RULE, f"the exception of clause {permit.clause} lifts all of clause {rule.clause}: "
            f"clause {permit.clause} is about {_activity(permit.scope)}, wider than the "
            f"{_activity(rule.scope)} that clause {rule.clause} forbids, so wherever clause "
            f"{permit.clause} applies nothing of clause {rule.clause} is left",
            linted.reference(index, rule, permit), (rule.clause, permit.clause),
            f"make the exception a permission of just what it should allow (a narrower "
            f"action, data or recipient than clause {permit.clause}), or drop it", usage)
