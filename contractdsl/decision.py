"""Decision records: the outcome of `permits`, with the clauses that decided it and the duties."""

from __future__ import annotations

import datetime as _dt
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Callable, Final, Iterable, Iterator, Literal, Sequence, \
    overload

import attrs

from .errors import inline
from .model import exact_decimal

if TYPE_CHECKING:
    from .model import Agreement
    from .usage import Usage

Outcome = Literal["permitted", "denied", "undetermined"]
PERMITTED: Final = "permitted"
DENIED: Final = "denied"
UNDETERMINED: Final = "undetermined"
SEVERITY: dict[str, int] = {PERMITTED: 0, UNDETERMINED: 1, DENIED: 2}
# What a clause did for a decision; each has its words in every locale's message catalogue.
EFFECTS = ("permits", "no-permission", "prohibits", "excepted", "overridden", "exceeds",
           "within", "undetermined", "met", "breached", "not-in-force", "earned", "not-earned")


@attrs.frozen(kw_only=True)
class Part:
    """A stretch of a usage's period judged by one set of clauses in force."""

    start: _dt.date
    end: _dt.date
    version: str | None = None
    # The instants it begins and ends at, where the instant of a fact within its first or last
    # day cuts the usage's period there (None: the start of its first day, the end of its last).
    start_at: _dt.datetime | None = None
    end_at: _dt.datetime | None = None

    def bounds(self) -> tuple:
        """Its first and last moment as its words say them: its days, or where it begins or
        ends at an instant, that instant, and a day beside it as an instant too (its first, or
        its end), as the bounds of a period are said."""
        if self.start_at is None and self.end_at is None:
            return self.start, self.end
        from .prose.phrase import period

        said = period({"start": self.start_at or self.start, "end": self.end_at or self.end})
        return said["start"], said["end"]

    def __str__(self) -> str:
        if self.start_at is None and self.end_at is None:
            if self.start == self.end:
                return f"on {self.start}"
            return f"from {self.start} to {self.end}"
        from .prose.phrase import plain_moment

        start, end = self.bounds()
        if start == end:
            return f"on {plain_moment(start)}"
        return f"from {plain_moment(start)} to {plain_moment(end)}"


def _location():
    return attrs.field(default=None, eq=False, repr=False)


@attrs.frozen(kw_only=True)
class Money:
    """An amount of money, exact (a fraction, never rounded), in its currency."""

    amount: Fraction
    currency: str

    @property
    def exact(self) -> str:
        """The amount as a decimal when it has one (`1234.32`), else as a fraction (`10/3`)."""
        return exact_decimal(self.amount)

    def to_dict(self) -> dict[str, str]:
        return {"amount": self.exact, "currency": self.currency}


@attrs.frozen(kw_only=True)
class Reason:
    """Why a clause counted: its id and title, its effect, and the condition in words.

    ``file``, ``line`` and ``end_line`` locate the clause in the agreement's text (None for a
    reason no clause gives, such as "no version is in force"); ``also``, the file and lines of
    the same clause in each later text its part runs into, where it is written again with the
    same meaning (a reason said once over both sides of a change of text). They take no part
    in equality.
    """

    clause: str
    title: str | None
    effect: str = attrs.field(validator=attrs.validators.in_(EFFECTS))
    text: str
    part: Part | None = None
    file: str | None = _location()
    line: int | None = _location()
    end_line: int | None = _location()
    also: tuple[tuple[str, int, int], ...] = attrs.field(default=(), eq=False, repr=False)

    @property
    def decisive(self) -> bool:
        return self.effect in ("permits", "prohibits", "exceeds", "breached", "no-permission",
                               "undetermined", "not-in-force", "not-earned")

    def cite(self) -> str:
        if self.clause.startswith("tier ") or not self.clause:
            return self.clause
        title = f" ({self.title})" if self.title else ""
        return f"clause {self.clause}{title}"

    def to_dict(self) -> dict[str, Any]:
        return _also({"clause": self.clause, "title": self.title, "effect": self.effect,
                      "text": str(self.text), "part": str(self.part) if self.part else None,
                      "file": self.file, "line": self.line, "end_line": self.end_line},
                     self.also)


@attrs.frozen(kw_only=True)
class Duty:
    """Something the licensee must do or respect for the usage to stay licensed.

    ``part``: the days of the usage's period it is owed for (None where they are not one run
    of days); ``file``, ``line``, ``end_line`` and ``also`` locate its clause as a
    :class:`Reason`'s do."""

    clause: str
    title: str | None
    text: str
    deadline: _dt.date | _dt.datetime | None = None
    # undetermined: an amount owed that turns on a question the usage leaves open
    status: Literal["pending", "met", "breached", "undetermined"] = "pending"
    # the money owed, exactly, where the duty is to pay an amount the usage shows
    amount: Money | None = None
    part: Part | None = None
    file: str | None = _location()
    line: int | None = _location()
    end_line: int | None = _location()
    also: tuple[tuple[str, int, int], ...] = attrs.field(default=(), eq=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        deadline = self.deadline.isoformat() if self.deadline else None
        return _also({"clause": self.clause, "title": self.title, "text": str(self.text),
                      "deadline": deadline, "status": self.status,
                      "amount": self.amount.to_dict() if self.amount else None,
                      "part": str(self.part) if self.part else None, "file": self.file,
                      "line": self.line, "end_line": self.end_line}, self.also)


def _also(data: dict[str, Any], also: tuple) -> dict[str, Any]:
    """A reason's or duty's dict, with ``also`` where its part runs into later texts."""
    if also:
        data["also"] = [{"file": file, "line": line, "end_line": end_line}
                        for file, line, end_line in also]
    return data


@attrs.frozen(kw_only=True)
class Discretion:
    """What the licensor may still do (``kind`` "may"), must not do ("must-not"), may do only
    so often ("limit"), or is liable for at most ("liable": with a claim, ``amount`` is what of
    it may be recovered), under a clause in force over the usage's period: it never changes the
    outcome."""

    clause: str
    title: str | None
    kind: Literal["may", "must-not", "limit", "liable"]
    text: str
    amount: Money | None = None
    file: str | None = _location()
    line: int | None = _location()
    end_line: int | None = _location()

    def to_dict(self) -> dict[str, Any]:
        return {"clause": self.clause, "title": self.title, "kind": self.kind,
                "text": str(self.text),
                "amount": self.amount.to_dict() if self.amount else None, "file": self.file,
                "line": self.line, "end_line": self.end_line}


class Decision:
    """The answer to "is this usage licensed?": outcome, reasons, duties and what is missing.

    Immutable. ``reasons``, ``obligations`` and ``missing`` are put into words when first read,
    so deciding many usages costs only the outcomes.
    """

    # (``_words``: the words, or until they are first read the function that says them)
    __slots__ = ("outcome", "usage", "_words")
    outcome: Outcome
    usage: Usage | None

    def __init__(self, outcome: Outcome, reasons: Iterable[Reason] = (),
                 obligations: Iterable[Duty] = (), missing: Iterable[str] = (),
                 usage: Usage | None = None, licensor: Iterable[Discretion] = ()):
        _set(self, "outcome", outcome)
        _set(self, "usage", usage)
        _set(self, "_words", (tuple(reasons), tuple(obligations), tuple(missing),
                              tuple(licensor)))

    @classmethod
    def deferred(cls, outcome: Outcome, usage: Usage,
                 explain: Callable[[Usage], "Decision"]) -> "Decision":
        """A decision whose words come from ``explain(usage)`` when first read."""
        self = _new(cls)
        _set_outcome(self, outcome)  # (each slot set directly: a batch makes many of these)
        _set_usage(self, usage)
        _set_words(self, explain)
        return self

    def _said(self) -> tuple[tuple[Reason, ...], tuple[Duty, ...], tuple[str, ...],
                             tuple[Discretion, ...]]:
        words = self._words
        if type(words) is not tuple:
            full = words(self.usage)  # type: ignore[operator]
            if full.outcome != self.outcome:  # the two passes must agree; never expected
                raise AssertionError(f"outcome {self.outcome} but explained as {full.outcome}")
            words = full._words
            _set(self, "_words", words)
        return words

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """Every clause that counted, with its effect and the condition in words."""
        return self._said()[0]

    @property
    def obligations(self) -> tuple[Duty, ...]:
        """The duties the usage is subject to (or met, or breached)."""
        return self._said()[1]

    @property
    def missing(self) -> tuple[str, ...]:
        """What the usage would have to state to decide an undetermined outcome."""
        return self._said()[2]

    @property
    def licensor(self) -> tuple[Discretion, ...]:
        """What the licensor may still do, and must not, under the clauses in force over the
        usage's period (terminate, suspend, audit): never part of the outcome."""
        return self._said()[3]

    def __setattr__(self, name, value):
        raise attrs.exceptions.FrozenInstanceError()

    def __delattr__(self, name):
        raise attrs.exceptions.FrozenInstanceError()

    def __eq__(self, other) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self.outcome == other.outcome and self._said() == other._said()

    def __hash__(self) -> int:
        return hash((self.outcome, self._said()))

    def __repr__(self) -> str:
        return (f"Decision(outcome={self.outcome!r}, reasons={self.reasons!r}, "
                f"obligations={self.obligations!r}, missing={self.missing!r})")

    def __bool__(self) -> bool:
        return self.outcome == PERMITTED

    def __reduce__(self):
        reasons, obligations, missing, licensor = self._said()
        return (Decision, (self.outcome, reasons, obligations, missing, self.usage, licensor))

    @property
    def permitted(self) -> bool:
        return self.outcome == PERMITTED

    @property
    def clauses(self) -> tuple[str, ...]:
        """Ids of every clause the decision lists as a reason, in order, without repeats."""
        return tuple(dict.fromkeys(r.clause for r in self.reasons if r.clause))

    def to_dict(self) -> dict[str, Any]:
        """The decision as JSON-ready data: the usage's name (or its app and dates), its file
        and line when it was read from a file, the outcome, and each reason and duty with the
        file and lines of its clause."""
        usage = self.usage
        return {
            "usage": usage.describe() if usage is not None else None,
            "file": usage.file if usage is not None else None,
            "line": usage.line if usage is not None else None,
            "outcome": self.outcome,
            "reasons": [r.to_dict() for r in self.reasons],
            "obligations": [d.to_dict() for d in self.obligations],
            "missing": list(self.missing),
            "licensor": [d.to_dict() for d in self.licensor],
        }

    def parts_named(self) -> bool:
        """Whether its reasons and duties name the part of the usage's period each is about:
        where they are about several parts, or one that is not the whole period."""
        # (by their days: a duty's part names no version)
        parts = {None if part is None else (part.start, part.end, part.start_at, part.end_at)
                 for part in [*(r.part for r in self.reasons),
                              *(d.part for d in self.obligations if d.part)]}
        if len(parts) > 1:
            return True
        usage = self.usage
        return usage is not None and any(
            part is not None and ((part[0], part[1]) != (usage.first_day, usage.last_day) or
                                  part[2] not in (None, usage.start) or
                                  part[3] not in (None, usage.end))
            for part in parts)

    def explain(self, locale: str = "en", format: str = "text",
                agreement: Agreement | None = None) -> str:
        """The decision in plain words a lawyer can read (locale en, nl or fr; format text,
        markdown or html). Given the agreement, each cited clause's rule is said as well."""
        if (locale, format, agreement) == ("en", "text", None):
            return plain_explanation(self)
        if agreement is not None:
            from .model import Agreement

            if not isinstance(agreement, Agreement):
                raise TypeError(f"expected the Agreement the decision was made under (from "
                                f"`contractdsl.load` or `contractdsl.parse`), not "
                                f"{type(agreement).__name__}")
        from .prose.render import render_decision

        return render_decision(self, locale=locale, format=format, agreement=agreement)


class Decisions(Sequence[Decision]):
    """The decisions of many usages, in the usages' order (what ``permits_many`` gives).

    Immutable. Each :class:`Decision` is made when it is first read (and is the same object
    when read again), its words when they are, so deciding many usages keeps one outcome per
    usage; ``outcomes`` reads every outcome without making the decisions.
    """

    __slots__ = ("outcomes", "_usages", "_explain", "_made")
    outcomes: tuple[Outcome, ...]

    def __init__(self, outcomes: tuple[Outcome, ...], usages: Sequence[Usage],
                 explain: Callable[[Usage], Decision] | None):
        _set(self, "outcomes", outcomes)
        _set(self, "_usages", usages)
        _set(self, "_explain", explain)
        _set(self, "_made", None)  # (a list of the decisions made so far, once one is read)

    def __len__(self) -> int:
        return len(self.outcomes)

    @overload
    def __getitem__(self, index: int) -> Decision: ...

    @overload
    def __getitem__(self, index: slice) -> Decisions: ...

    def __getitem__(self, index):
        if isinstance(index, slice):
            part = Decisions(self.outcomes[index], self._usages[index], self._explain)
            if self._made is not None:
                _set(part, "_made", self._made[index])
            return part
        made = self._made
        if made is None:
            made = [None] * len(self.outcomes)
            _set(self, "_made", made)
        decision = made[index]
        if decision is None:
            decision = made[index] = Decision.deferred(
                self.outcomes[index], self._usages[index], self._explain)  # type: ignore
        return decision

    def __iter__(self) -> Iterator[Decision]:
        for index in range(len(self.outcomes)):
            yield self[index]

    def __setattr__(self, name, value):
        raise attrs.exceptions.FrozenInstanceError()

    def __delattr__(self, name):
        raise attrs.exceptions.FrozenInstanceError()

    def __eq__(self, other) -> bool:
        """Equal to decisions (a ``Decisions``, a list or a tuple) equal one by one."""
        if not isinstance(other, (Decisions, list, tuple)):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        counts = {o: self.outcomes.count(o) for o in (PERMITTED, DENIED, UNDETERMINED)}
        said = ", ".join(f"{n:,} {o}" for o, n in counts.items() if n)
        return f"<Decisions of {len(self):,} usages{': ' if said else ''}{said}>"

    def __reduce__(self):
        return (_made_of, (tuple(self),))


def _made_of(decisions: tuple[Decision, ...]) -> Decisions:
    """Decisions already made, as pickle reads them back."""
    found = Decisions(tuple(d.outcome for d in decisions),
                      tuple(d.usage for d in decisions), None)  # type: ignore[misc]
    _set(found, "_made", list(decisions))
    return found


_new = object.__new__
_set = object.__setattr__
_set_outcome, _set_usage, _set_words = (
    Decision.__dict__[name].__set__ for name in ("outcome", "usage", "_words"))


def plain_explanation(decision: Decision) -> str:
    usage = decision.usage
    name = usage.describe() if usage is not None else "the usage"
    heading = {PERMITTED: "permitted", DENIED: "denied", UNDETERMINED: "undetermined"}
    lines = [f"{name}: {heading[decision.outcome]}"]
    several = decision.parts_named()
    for reason in decision.reasons:
        part = f"{reason.part}: " if reason.part and several else ""
        cited = f"{reason.cite()}: " if reason.cite() else ""
        lines.append(f"  - {part}{cited}{reason.text}")
    if decision.obligations:
        from .prose.phrase import phrase

        lines.append("  subject to:")
        for duty in decision.obligations:
            # its clause, deadline and status, as the other locales say them
            deadline = f", {phrase('decision.deadline', date=duty.deadline)}" \
                if duty.deadline else ""
            part = f"{duty.part}: " if duty.part and several else ""
            lines.append(f"  - {part}{duty.text} ({duty.clause}{deadline}; "
                         f"{phrase(f'status.{duty.status}')})")
    if decision.missing:
        lines.append("  to decide, state:")
        for item in decision.missing:
            lines.append(f"  - {item}")
    if decision.licensor:
        lines.append("  the licensor:")
        for right in decision.licensor:
            lines.append(f"  - {right.text} ({right.clause})")
    # each line one line: a name or a value with a line feed cannot start another
    return "\n".join(map(inline, lines))
