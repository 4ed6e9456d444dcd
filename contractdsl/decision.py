"""Decision records: the outcome of `permits`, with the clauses that decided it and the duties."""

from __future__ import annotations

import datetime as _dt

import attrs

PERMITTED, DENIED, UNDETERMINED = "permitted", "denied", "undetermined"
SEVERITY = {PERMITTED: 0, UNDETERMINED: 1, DENIED: 2}


@attrs.frozen(kw_only=True)
class Part:
    """A stretch of a usage's period judged by one set of clauses in force."""

    start: _dt.date
    end: _dt.date
    version: str | None = None

    def __str__(self) -> str:
        if self.start == self.end:
            return f"on {self.start}"
        return f"from {self.start} to {self.end}"


@attrs.frozen(kw_only=True)
class Reason:
    """Why a clause counted: its id and title, its effect, and the condition in words."""

    clause: str
    title: str | None
    effect: str  # permits, prohibits, excepted, exceeds, within, undetermined, breached, ...
    text: str
    part: Part | None = None

    @property
    def decisive(self) -> bool:
        return self.effect in ("permits", "prohibits", "exceeds", "breached", "no-permission",
                               "undetermined", "not-in-force")

    def cite(self) -> str:
        if self.clause.startswith("tier ") or not self.clause:
            return self.clause
        title = f" ({self.title})" if self.title else ""
        return f"clause {self.clause}{title}"

    def to_dict(self) -> dict:
        return {"clause": self.clause, "title": self.title, "effect": self.effect,
                "text": self.text, "part": str(self.part) if self.part else None}


@attrs.frozen(kw_only=True)
class Duty:
    """Something the licensee must do or respect for the usage to stay licensed."""

    clause: str
    title: str | None
    text: str
    deadline: _dt.date | _dt.datetime | None = None
    status: str = "pending"  # pending, met, breached

    def to_dict(self) -> dict:
        deadline = self.deadline.isoformat() if self.deadline else None
        return {"clause": self.clause, "title": self.title, "text": self.text,
                "deadline": deadline, "status": self.status}


@attrs.frozen(kw_only=True)
class Decision:
    """The answer to "is this usage licensed?": outcome, reasons, duties and what is missing."""

    outcome: str
    reasons: tuple[Reason, ...] = ()
    obligations: tuple[Duty, ...] = ()
    missing: tuple[str, ...] = ()
    usage: object = attrs.field(default=None, eq=False, repr=False)

    def __bool__(self) -> bool:
        return self.outcome == PERMITTED

    @property
    def permitted(self) -> bool:
        return self.outcome == PERMITTED

    @property
    def clauses(self) -> tuple[str, ...]:
        """Ids of every clause the decision lists as a reason, in order, without repeats."""
        return tuple(dict.fromkeys(r.clause for r in self.reasons if r.clause))

    def to_dict(self) -> dict:
        usage = self.usage
        return {
            "usage": getattr(usage, "name", None),
            "outcome": self.outcome,
            "reasons": [r.to_dict() for r in self.reasons],
            "obligations": [d.to_dict() for d in self.obligations],
            "missing": list(self.missing),
        }

    def explain(self, locale: str = "en", format: str = "text", agreement=None) -> str:
        """The decision in plain words a lawyer can read (locale en, nl or fr; format text,
        markdown or html). Given the agreement, each cited clause's rule is said as well."""
        try:
            from .render import render_decision
        except ImportError:
            render_decision = None
        if render_decision is not None and (locale, format, agreement) != ("en", "text", None):
            return render_decision(self, locale=locale, format=format, agreement=agreement)
        return plain_explanation(self)


def plain_explanation(decision: Decision) -> str:
    usage = decision.usage
    name = usage.describe() if usage is not None else "the usage"
    heading = {PERMITTED: "permitted", DENIED: "denied", UNDETERMINED: "undetermined"}
    lines = [f"{name}: {heading[decision.outcome]}"]
    several = len({r.part for r in decision.reasons}) > 1
    for reason in decision.reasons:
        part = f"{reason.part}: " if reason.part and several else ""
        lines.append(f"  - {part}{reason.cite()}: {reason.text}")
    if decision.obligations and decision.outcome != DENIED:
        lines.append("  subject to:")
        for duty in decision.obligations:
            lines.append(f"  - {duty.text} ({duty.clause})")
    if decision.missing:
        lines.append("  to decide, state:")
        for item in decision.missing:
            lines.append(f"  - {item}")
    return "\n".join(lines)
