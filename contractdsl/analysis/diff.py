"""Two agreements (an old text and a new one) to their semantic difference: every region of
usages they decide differently, each with a counterexample usage that ``permits`` confirms
under both, and a redline of the clauses added, removed and changed. :func:`diff` is the entry.

The method is written in docs/analysis.md: the usage space of both programs side by side
(:mod:`.space`) is enumerated cell by cell and each cell's terms are judged by the evaluator
under both texts; a cell judged differently is confirmed by deciding its example usage with
``permits`` under each, and the clauses responsible come from those decisions.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal, localcontext
from typing import Any, Iterable

import attrs

from .. import model as m
from ..decision import DENIED, PERMITTED, UNDETERMINED, Decision
from ..errors import InputError, UsageError
from ..evaluation import compile, compile_if_clean, decide, permits
from ..limits import MAX_DECIMALS, MAX_DIFF_CELLS, MAX_DIGITS
from ..semantics import ir
from ..usage import Claim, Payment, Usage, Volume, moment_text
from . import space as _space
from .space import FACETS, Cell, Period

frozen = attrs.frozen(kw_only=True)

# The effects of a decision's reasons that make its outcome what it is.
RESPONSIBLE = {
    PERMITTED: ("permits",),
    DENIED: ("prohibits", "no-permission", "exceeds", "breached", "not-in-force", "not-earned"),
    UNDETERMINED: ("undetermined",),
}


@frozen
class Side:
    """How one text decides a counterexample: its outcome, the clauses responsible for it
    (with the clause's file and line), and the duties and limits it is subject to."""

    outcome: str
    clauses: tuple[tuple[str, str | None, str | None, int | None], ...]  # id, title, file, line
    duties: tuple[str, ...]
    decision: Decision = attrs.field(eq=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {"outcome": self.outcome,
                "clauses": [{"clause": c, "title": t, "file": f, "line": n}
                            for c, t, f, n in self.clauses],
                "duties": list(self.duties), "decision": self.decision.to_dict()}


@frozen
class Change:
    """A region of usages the two texts decide differently: the cells it covers (each a class
    of names per facet, in a period), the dates from and to which it applies (None: unbounded),
    a counterexample usage, and how each text decides it."""

    start: _dt.date | None
    end: _dt.date | None
    cells: tuple[Cell, ...]
    example: Usage
    old: Side
    new: Side

    @property
    def kind(self) -> str:
        """``OLD-to-NEW`` of the outcomes (``permitted-to-denied``), or ``duties`` when only
        the duties and limits differ."""
        if self.old.outcome == self.new.outcome:
            return "duties"
        return f"{self.old.outcome}-to-{self.new.outcome}"

    @property
    def narrows(self) -> bool:
        """Whether the new text denies a usage that the old one permitted."""
        return self.old.outcome == PERMITTED and self.new.outcome == DENIED

    @property
    def added_duties(self) -> tuple[str, ...]:
        return tuple(d for d in self.new.duties if d not in self.old.duties)

    @property
    def removed_duties(self) -> tuple[str, ...]:
        return tuple(d for d in self.old.duties if d not in self.new.duties)

    def names(self, facet: str) -> tuple[str | None, ...]:
        """Every name of ``facet`` (or ``act``: the licensee's acts, apart from the actions
        of ``action``) some cell of the region names (None: left out); the data only of the
        cells of actions, since an act uses no content."""
        cells = self.cells if facet != "data" else [  # an act uses no content
            c for c in self.cells if not _space.is_act(c.names("action")[0])]
        named = dict.fromkeys(n for c in cells
                              for n in c.names("action" if facet == "act" else facet))
        if facet == "act":
            return tuple(_space.done(n) for n in named if _space.is_act(n))
        return tuple(n for n in named if not _space.is_act(n))

    @property
    def without(self) -> tuple[str, ...]:
        """The facts the region's rules read that none of its usages states."""
        read = set().union(*(c.read for c in self.cells))
        return tuple(sorted(read.difference(*(c.facts for c in self.cells))))

    def covers(self, usage: Usage) -> bool:
        """Whether ``usage`` falls in the region: for one of its recipients (or none), in one
        of its cells."""
        return any(cell.holds(usage, r) for r in usage.recipients or (None,)
                   for cell in self.cells)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind, "narrows": self.narrows,
            "from": _iso(self.start), "until": _iso(self.end),
            "example": usage_data(self.example),
            "old": self.old.to_dict(), "new": self.new.to_dict(),
            "added_duties": list(self.added_duties),
            "removed_duties": list(self.removed_duties),
            "names": {facet: list(self.names(facet)) for facet in (*FACETS, "act")},
            "without": list(self.without),
            "cells": len(self.cells)}


@frozen
class Amendment:
    """One line of the redline: a clause ``added``, ``removed``, ``changed`` (the same id or
    title, another rule) or ``renumbered`` (the same rule under another id)."""

    kind: str
    old: m.Clause | None = None
    new: m.Clause | None = None

    @property
    def ids(self) -> str:
        ids = [c.id for c in (self.old, self.new) if c is not None]
        return " → ".join(dict.fromkeys(ids))


@frozen
class Diff:
    """What changes from an ``old`` agreement to a ``new`` one, from the day ``since``: the
    regions of usages decided differently (``changes``), the redline of the clauses
    (``redline``), the names one text defines and the other does not (``vocabulary``: kind ->
    (added, removed); usages naming them are judged by one text only, so they are not compared),
    and the cells judged differently that no usage tried could show (``unshown``; empty unless
    the method falls short, which docs/analysis.md explains)."""

    old_title: str
    new_title: str
    since: _dt.date | None
    changes: tuple[Change, ...]
    redline: tuple[Amendment, ...]
    vocabulary: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]
    unshown: tuple[Cell, ...] = ()
    documents: tuple[m.Document, ...] = attrs.field(default=(), eq=False, repr=False)
    # whether the new text was judged as the old one's successor (see :func:`succession`)
    successor: bool = False

    @property
    def narrows(self) -> bool:
        """Whether the new text denies some usage the old one permitted."""
        return any(c.narrows for c in self.changes)

    def covers(self, usage: Usage) -> bool:
        """Whether ``usage`` falls in a region of change."""
        return any(c.covers(usage) for c in self.changes)

    def to_dict(self) -> dict[str, Any]:
        return {
            "old": self.old_title, "new": self.new_title, "since": _iso(self.since),
            "successor": self.successor, "narrows": self.narrows,
            "changes": [c.to_dict() for c in self.changes],
            "redline": [{"kind": a.kind, "old": a.old.id if a.old else None,
                         "new": a.new.id if a.new else None,
                         "title": (a.new or a.old).title} for a in self.redline],
            "vocabulary": {kind: {"added": list(added), "removed": list(removed)}
                           for kind, (added, removed) in self.vocabulary.items()},
            "unshown": len(self.unshown)}

    def render_redline(self, locale: str = "en") -> str:
        """The redline as plain text in ``locale`` (en, nl or fr): each clause added, removed
        or changed said in words by the prose templates; renumbered clauses by their ids."""
        from ..prose.render import Speaker, clause_context

        speaker = Speaker(locale, self.documents, "text")
        lines = [speaker.t("redline.heading")]
        for item in self.redline:
            clause = item.new or item.old
            title = f' "{clause.title}"' if clause.title else ""
            lines.append(f"  {speaker.t('redline.' + item.kind)} {item.ids}{title}")
            if item.kind == "renumbered":
                continue
            for label, said in (("was", item.old), ("now", item.new)):
                if said is None:
                    continue
                context = clause_context(speaker, said)
                text = " ".join([context["text"], *context["notes"]])
                lead = speaker.t(f"redline.{label}") + " " if item.kind == "changed" else ""
                lines.append(f"    {lead}{text}")
        if not self.redline:
            lines.append("  " + speaker.t("redline.none"))
        return "\n".join(lines) + "\n"


def _iso(day: _dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def usage_data(usage: Usage) -> dict[str, Any]:
    """A usage as the fields a usage file would write (YAML or JSON), leaving out the empty."""
    data: dict[str, Any] = {"date": moment_text(usage.start)} if usage.start == usage.end else \
        {"period": {"from": moment_text(usage.start), "until": moment_text(usage.end)}}
    if usage.terminated is not None:
        data["terminated"] = usage.terminated.isoformat()
    for field in ("app", "action", "act", "data", "purpose", "endpoint", "tier"):
        if getattr(usage, field) is not None:
            data[field] = getattr(usage, field)
    if usage.recipients:
        data["recipients"] = list(usage.recipients)
    data.update(stated_data(usage))
    if usage.findings:  # (the findings on standards it tries: a counterexample states them)
        data["findings"] = dict(usage.findings)
    if usage.volume:
        data["volume"] = [volume_data(v) for v in usage.volume]
    if usage.payments:
        data["payments"] = [{"amount": value_text(p.amount), "unit": p.unit, **{
            key: moment_text(day) for key, day in (("due", p.due), ("paid", p.paid))
            if day is not None}} for p in usage.payments]
    if usage.claim is not None:
        claim = usage.claim
        data["claim"] = {"amount": value_text(claim.amount), "unit": claim.unit,
                         "date": moment_text(claim.date), "against": claim.against}
    return data


def usage_text(usage: Usage) -> str:
    """A usage in one line, its fields (:func:`usage_data`) as YAML's flow style writes them:
    `{date: 2024-01-01, action: share, recipients: [third_party]}`."""
    return flow(usage_data(usage))


def flow(value) -> str:
    """A value of a usage file in YAML's flow style: `{facts: [a], licensee: {small: true}}`."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {flow(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(item) for item in value) + "]"
    if value is None or isinstance(value, bool):
        return "null" if value is None else str(value).lower()
    return str(value)


def volume_data(volume) -> dict[str, Any]:
    """One amount of a usage's volume as a usage file writes it: a rate with its window, the
    most one of another unit carries (`per: request`), the most under way at once, or a total
    with the days it states (none: over the usage's period)."""
    data: dict[str, Any] = {"amount": str(volume.amount), "unit": volume.unit}
    if volume.per is not None:
        data["per"] = _window(volume.per)
    elif volume.each is not None:
        data["per"] = volume.each
    elif volume.concurrent:
        data["concurrent"] = True
    for key, moment in (("from", volume.start_time or volume.start),
                        ("until", volume.end_time or volume.end)):
        if moment is not None:
            data[key] = moment_text(moment)
    return data


def stated_data(usage: Usage) -> dict[str, Any]:
    """The facts a usage states (with their dates, where it gives any) and its licensee's and
    users' attributes, as a usage file writes them, leaving out the empty."""
    data: dict[str, Any] = {}
    if usage.facts:
        data["facts"] = {name: None if when is None else moment_text(when)
                         for name, when in usage.facts} if any(
            when is not None for _, when in usage.facts) else [name for name, _ in usage.facts]
    if usage.licensee:
        data["licensee"] = {name: value_text(value) for name, value in usage.licensee}
    if usage.users:
        groups = [{name: value_text(value) for name, value in group} for group in usage.users]
        data["users"] = groups[0] if len(groups) == 1 else groups
    return data


def value_text(value):
    """A value of an attribute (yes or no) or of a measure (a number, as text when it is not
    whole) as a usage file writes it."""
    if value is True or value is False or value.denominator == 1:
        return value if isinstance(value, bool) else value.numerator
    with localcontext(prec=4 * (MAX_DIGITS + MAX_DECIMALS)):
        return format(Decimal(value.numerator) / Decimal(value.denominator), "f")


def _window(window: m.Window) -> str:
    unit = f"calendar {window.unit}" if window.calendar else window.unit
    return unit if window.count == 1 else f"{window.count} {unit}s"


# ---- the entry ------------------------------------------------------------------------------


def version(agreement: m.Agreement, name: str) -> m.Agreement:
    """The version of ``agreement`` named ``name`` (its `version "..."`), read with its
    schedules, as an agreement of its own (in force from its `effective` date on)."""
    for doc in agreement.versions:
        if doc.version == name:
            return m.Agreement(documents=(doc, *(s for s in agreement.schedules
                                                 if s.schedule_for == doc.title)))
    named = [f"`{d.version}`" for d in agreement.versions if d.version]
    raise InputError(f"unknown version `{name}`\nhelp: " + (
        f"the versions are {', '.join(named)}" if named else "the files name no version"))


def day(value: _dt.date | str) -> _dt.date:
    """A day given as a date or as its text (YYYY-MM-DD); anything else is an input error."""
    if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
        return value
    try:
        return _dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise InputError(f"`{value}` is not a date",
                         help="write it as YYYY-MM-DD, e.g. 2023-04-29") from None


def succession(old: m.Agreement, new: m.Agreement) -> m.Agreement | None:
    """The two texts read together, where ``new`` is a later version of ``old``'s agreement:
    each is one version of an agreement of the same title, each with an `effective` date, the
    new one's later, both read with the same other documents (schedules), and the two together
    check clean. None otherwise. On the days from the new version's, the agreement so read
    judges a usage by the new text as the old one's successor, as the lowering reads versions
    (see :func:`contractdsl.semantics.lower._since`): a clause it carries over, under its
    number or another, binds from the old text's day (docs/analysis.md)."""
    if not isinstance(old, m.Agreement) or not isinstance(new, m.Agreement) or \
            len(old.versions) != 1 or len(new.versions) != 1:
        return None  # (compiling either says what to give, where it is no agreement)
    (before,), (after,) = old.versions, new.versions
    if before.title != after.title or before.effective is None or after.effective is None \
            or after.effective <= before.effective:
        return None
    rest = [d for d in old.documents if d is not before]
    others = [d for d in new.documents if d is not after]
    if len(rest) != len(others) or any(all(d != e for e in others) for d in rest):
        return None  # (another schedule or incorporated text: not one agreement's)
    together = m.Agreement(documents=(before, after, *rest))
    return together if compile_if_clean(together) is not None else None


def diff(old: m.Agreement, new: m.Agreement, *, since: _dt.date | str | None = None,
         successor: bool | None = None) -> Diff:
    """Agreements ``old`` and ``new`` to their :class:`Diff`: every region of usages, on the
    days from ``since`` (a date or its text; default: the day the new text takes effect), that
    they decide differently, each confirmed by ``permits`` under both. Where ``new`` is a
    later version of ``old``'s agreement (see :func:`succession`) it is judged, unless
    ``successor`` is False, as the old one's successor: as ``permits`` judges the two read
    together (``successor`` True: it must be)."""
    old_program = compile(old)
    together = None if successor is False else succession(old, new)
    if successor and together is None:
        compile(new)  # (a text that is no agreement, or has errors, says so first)
        raise InputError("the new text is not a later version of the old one's agreement",
                         help="compare the versions of one agreement, each with its "
                              "`effective` date and the same schedules, the new one later")
    # the new text as judged: read together with the old one, where it succeeds it
    new_text = new if together is None else together
    new_program = compile(new_text)
    if since is not None:
        since = day(since)
    else:  # the day the new text takes effect (read together, the old one's day comes first)
        since = _takes_effect(new_program) if together is None else new.versions[0].effective
    found: dict[tuple, list[Cell]] = {}
    # where an end of the agreement may matter, each cell is tried also with the agreement
    # ended for its licensee on its usage's day and the day before
    endings = ("on", "before") if _ends(old, old_program) or _ends(new, new_program) else ()
    universe = _space.space(old_program, new_program, since=since, endings=endings)
    periods = [period for period in universe.periods if not universe.alike(period)]
    for period in periods:
        _within_reach(universe, period)
    for period in periods:
        for base in _ending(universe.cells(period, differing=True), endings):
            usage = base.example()
            judged = _judge(period, usage, old_program, new_program)
            if judged is None:
                continue
            if judged[0].outcome == judged[1].outcome == DENIED:
                continue  # denied by both whatever duties its other facts bring
            for cell in (base, *universe.variants(base)):
                if cell is not base:
                    usage = cell.example()
                    judged = _judge(period, usage, old_program, new_program)
                if judged is None or judged[0] == judged[1]:
                    continue
                before, after = judged
                duties = _owed(before.duties ^ after.duties, cell)
                if not duties and _alike_but_duties(before, after):
                    continue  # the duties that differ are owed by none of its usages
                key = (period, before.outcome, after.outcome,
                       _decisive(old_program, period.stretches[0], usage),
                       _decisive(new_program, period.stretches[1], usage),
                       None if before.outcome != after.outcome else
                       (before.limits ^ after.limits, duties),
                       _breaching(duties, usage))
                found.setdefault(key, []).append(cell)
    changes, unshown = [], []
    for cells in found.values():
        shown = _change(cells, old_program, new_program)
        if not shown:
            unshown.extend(cells)
        changes.extend(shown)
    changes = _merged(changes)
    return Diff(old_title=old.title, new_title=new.title, since=since, changes=tuple(changes),
                redline=tuple(redline(old, new)), vocabulary=_vocabulary(old, new),
                unshown=tuple(unshown), documents=(*new.documents, *old.documents),
                successor=together is not None)


def _ends(agreement: m.Agreement, program: ir.Program) -> bool:
    """Whether the agreement's end for a licensee may change how a usage is decided: a clause
    survives it, or a duty is counted from it."""
    return any(clause.survives is not None for doc in agreement.documents
               for clause in doc.clauses) or any(
        m.TERMINATION in _trigger(duty.deadline)[0] for stretch in program.stretches
        for duty in stretch.every_duty)


def _ending(cells: Iterable[Cell], endings: tuple[str, ...]) -> Iterable[Cell]:
    """Each cell, then the same with each of ``endings`` (see :attr:`Cell.ended`)."""
    for cell in cells:
        yield cell
        yield from (attrs.evolve(cell, ended=ended) for ended in endings)


def _within_reach(universe, period) -> None:
    """Refuse, before any work, a comparison whose period holds more cells than
    :data:`~contractdsl.limits.MAX_DIFF_CELLS`: its rules read so many facts together that
    judging every combination of them would not end in reasonable time."""
    if universe.count(period, MAX_DIFF_CELLS) <= MAX_DIFF_CELLS:
        return
    when = f"from {period.start}" if period.start else "before any date"
    raise InputError(
        "the two texts are too large to compare usage by usage: every combination of terms, "
        "of the parties' values and of the facts their rules read together would make more "
        f"than {MAX_DIFF_CELLS:,} cells of usages in the period {when}",
        help="compare the clauses that changed, in smaller files, or texts with fewer "
             "conditions on facts (see docs/limits.md)")


def _takes_effect(program: ir.Program) -> _dt.date | None:
    for stretch in program.stretches:
        if stretch.state != "none":
            return stretch.start
    return None


def _judge(period: Period, usage: Usage, old: ir.Program, new: ir.Program):
    before = _space.judgement(old, period.stretches[0], usage)
    after = _space.judgement(new, period.stretches[1], usage)
    return None if before is None or after is None else (before, after)


def _confirm(cell: Cell, judged, old: ir.Program, new: ir.Program) -> list:
    """The usages of the cell that ``permits`` decides differently under the two texts, each
    with how each text decides it, in the order tried, up to the first that the new text
    denies and the old one permits (empty when none of those tried differs). Tried in turn: a
    volume just past each limit one text sets and the other does not, as a rate and as a total
    within one of its windows; the cell's example; the same with each changed duty's deadline
    passed and the duty not shown done; those two with every other duty shown done; the
    cell's example with every duty shown done and a volume of zero in each limited
    unit (all met that the cell lets be met: a duty shown by a fact the cell reads cannot be,
    nor one an act does)."""
    before, after = judged
    usage = cell.example()
    changed = before.duties ^ after.duties
    # the facts a usage of the cell may state: those the texts in force define that its
    # rules do not read
    free = _facts(cell.period, old, new) - cell.read
    # duties due `within` a time (or a time left to judgement) after, `upon` or `every` a time
    # after an event are owed, and so shown, only once it is stated
    events = {name for d in changed for name in _trigger(d[4])[0]
              if name != m.TERMINATION} & free
    if events and DENIED not in (before.outcome, after.outcome):
        usage = _stating(usage, events)
    tried = []
    for limit in sorted(before.limits ^ after.limits, key=lambda lim: lim[1]):
        past = limit[1] + 1
        tried.append(attrs.evolve(usage, volume=(Volume(amount=past, unit=limit[2],
                                                        per=limit[4]),)))
        tried.extend(attrs.evolve(usage, volume=(total,))
                     for total in _within_a_window(past, limit[2], limit[4], usage.first_day))
    tried.append(usage)
    tried.extend(_overdue(usage, _owed(changed, cell), free, cell.period))
    done = {d[3] for d in before.duties | after.duties} & free
    # the same with every other duty shown done, which may else be breached under both texts
    others = done - {d[3] for d in changed}
    if others:
        tried.append(_stating(usage, others))
        tried.extend(_overdue(_stating(usage, others), _owed(changed, cell), free, cell.period))
    units = sorted({lim[2] for lim in before.limits | after.limits})
    tried.append(attrs.evolve(_stating(usage, done), volume=tuple(
        Volume(amount=0, unit=unit, per=_A_DAY) for unit in units)))
    tried.extend(_owing(usage, before.fees ^ after.fees, old, cell.period.stretches[0]))
    # what earns the usage's tier under either text, paid by its first day
    tried.extend(attrs.evolve(usage, payments=(Payment(amount=amount, unit=currency,
                                                       paid=usage.first_day),))
                 for amount, currency in sorted({before.earning, after.earning} - {()}))
    shown = []
    for candidate in tried:
        try:
            a, b = _side(permits(old, candidate)), _side(permits(new, candidate))
        except UsageError:
            continue  # a unit one text does not define
        if differs(a, b):
            shown.append((candidate, a, b))
    return shown


_A_DAY = m.Window(count=1, unit="day")


def _within_a_window(amount, unit: str, window: m.Window | None, day: _dt.date) -> list[Volume]:
    """A total of ``amount`` in ``unit`` within one fixed ``window`` from the start of ``day``
    (none for a calendar window or a cap without one): a limit per that window denies it,
    where a limit per a longer window may hold it whole."""
    if window is None or window.calendar:
        return []
    days, rest = divmod(window.seconds, 86400)
    try:
        if not rest:  # whole days, each a day of the total
            return [Volume(amount=amount, unit=unit, start=day, end=day + (days - 1) * _space.DAY)]
        start = _dt.datetime(day.year, day.month, day.day, tzinfo=_dt.timezone.utc)
        end = start + _dt.timedelta(seconds=window.seconds - 1)  # (its last second: inclusive)
    except OverflowError:
        return []
    return [Volume(amount=amount, unit=unit, start=day, end=end.date(), start_time=start,
                   end_time=end)]


def _overdue(usage: Usage, duties, free: set[str], period: Period) -> list[Usage]:
    """For each of ``duties`` (as a judgement gives them), the usage with its deadline just
    passed: the events it is counted from stated a day more than its time before the usage's
    day (a duty due before a fact, the fact on that day), or the usage's day moved to the day
    after a deadline `by` a date or of a duty due `every` a time from the day its clause
    binds, where the period holds that day. A duty not shown done by then is breached, and
    the text that owes it denies the usage where the other may not (of a duty counted from an
    event, on the day after its first deadline counted from the day its clause binds, where
    the period holds that day). Then, for a duty counted
    from (or due before) an event, the usage with the event the day before the duty's clause
    binds: owed from that day by the text that says so, from the event by a text whose clause
    bound before (docs/semantics.md, section 18, item 3); for a duty within a time left to
    judgement, the usage with a finding that it was not done in time."""
    day = usage.first_day
    out = []
    for duty in sorted(duties, key=repr):
        deadline = duty[4]
        if deadline.kind == "by" or deadline.kind == "every" and deadline.after is None:
            due = deadline.date if deadline.kind == "by" else _space.first_due(deadline)
            if due is not None and day <= due < _dt.date.max and due + _space.DAY in period:
                out.append(attrs.evolve(usage, start=due + _space.DAY, end=due + _space.DAY))
            continue
        names = tuple(name for name in _trigger(deadline)[0] if name != m.TERMINATION) or (
            (deadline.event,) if deadline.kind == "before-fact" else ())
        tried = []
        if deadline.kind == "before-fact":
            tried.append((usage, {deadline.event: day}))
        elif deadline.kind in ("within", "upon", "every") and deadline.after is not None:
            span = deadline.duration or m.Duration(count=0, unit="day")
            # (on the day after the first deadline counted from the day the clause binds, where
            # the period holds it: an event before that day is owed from it)
            due = _space.first_due(deadline)
            moved = usage if due is None or not day <= due < _dt.date.max or \
                due + _space.DAY not in period else \
                attrs.evolve(usage, start=due + _space.DAY, end=due + _space.DAY)
            when = moved.first_day
            at = span.before(_dt.datetime(when.year, when.month, when.day)).date()
            if at > _dt.date.min:
                tried.append((moved, {name: at - _space.DAY for name in names}))
        if deadline.start is not None and _dt.date.min < deadline.start <= day:
            tried.append((usage, {name: deadline.start - _space.DAY for name in names}))
        if deadline.kind == "judged":  # (its time passed: a finding that it was not in time)
            out.append(attrs.evolve(usage, findings=tuple(
                f for f in usage.findings if f[0] != deadline.standard) + (
                (deadline.standard, False),)))
        for base, dated in tried:
            if dated and set(dated) <= free:
                out.append(attrs.evolve(base, facts=tuple(
                    (name, at) for name, at in base.facts if name not in dated) + tuple(
                    sorted(dated.items()))))
    return out


def _facts(period: Period, old: ir.Program, new: ir.Program) -> set[str]:
    """The facts every text in force in the period defines (a usage stating another is an
    error to a text that does not)."""
    known = [set(program.symbols[program.stretches[index].version_index].terms["fact"])
             for program, index in zip((old, new), period.stretches)
             if program.stretches[index].state != "none"]
    return set.intersection(*known) if known else set()


def _trigger(deadline: ir.Deadline) -> tuple[tuple[str, ...], str | None]:
    """The events whose happening makes a duty with this deadline owed, and how several
    combine (`earlier`, `later`; None for one): the event of a duty due `within` a time after
    it, `upon` it or `every` a time after it, or due within a time left to judgement after it;
    none for the others, owed whatever happens."""
    if deadline.kind == "judged":
        return (deadline.event,), None
    if deadline.kind in ("within", "upon", "every") and deadline.after is not None:
        return deadline.after.names, deadline.after.pick
    return (), None


def _owing(usage: Usage, changed, program: ir.Program, stretch: int) -> list[Usage]:
    """Usages that make the money clauses whose meanings ``changed`` (see
    :func:`~contractdsl.analysis.space.judgement`) owe or cap something: a payment made a
    hundred days late, for a late charge; a claim against the party it limits, for a
    liability cap; a volume of a fee's unit past its threshold, for a fee."""
    kinds = {meaning[0] for meaning in changed}
    symbols = program.symbols[program.stretches[stretch].version_index] \
        if program.stretches[stretch].version_index is not None else None
    money = sorted(n for n, u in symbols.unit_names.items() if u.measures == "money") \
        if symbols is not None else []
    day = usage.first_day
    out = []
    if money and kinds & {"ChargeRule", "CapRule"}:
        caps = [_space.money_terms(meaning) for meaning in changed if meaning[0] == "CapRule"]
        # a claim against each party whose liability a changed cap limits, in each currency
        # a changed cap is stated in (a cap limits only a claim in its own currency)
        against = sorted({cap["party"] for cap in caps}) or ["licensor"]
        for currency in sorted(set().union(*(_currencies(cap["cap"]) for cap in caps))
                               & set(money)) or money[:1]:
            paid = Payment(amount=1000, unit=currency, due=day - 100 * _space.DAY, paid=day)
            out.extend(attrs.evolve(usage, payments=(paid,), claim=Claim(
                amount=10 ** 9, unit=currency, date=day, against=party)) for party in against)
    for meaning in changed:
        if meaning[0] == "FeeRule":
            fee = _space.money_terms(meaning)
            out.append(attrs.evolve(usage, volume=(Volume(
                amount=(fee["threshold"] or 0) + fee["per"], unit=fee["unit"],
                per=fee["window"]),)))
    return out


def _currencies(cap) -> set[str]:
    """The currencies a cap's amounts are stated in (none for the amount paid, which is in
    the currency of the payments)."""
    if isinstance(cap, ir.Fixed):
        return {cap.currency}
    if isinstance(cap, ir.Extreme):
        return set().union(*(_currencies(operand) for operand in cap.operands))
    return set()


def _stating(usage: Usage, facts) -> Usage:
    stated = usage.fact_names()
    return attrs.evolve(usage, facts=usage.facts + tuple(
        (f, None) for f in sorted(facts) if f not in stated))


def differs(old: Side, new: Side) -> bool:
    """Whether two decisions of one usage differ: in outcome, or (neither denied) in the duties
    and limits the usage is subject to."""
    if old.outcome != new.outcome:
        return True
    return old.outcome != DENIED and sorted(old.duties) != sorted(new.duties)


def _side(decision: Decision) -> Side:
    responsible = RESPONSIBLE[decision.outcome]
    clauses = tuple(dict.fromkeys(
        (r.clause, r.title, r.file, r.line) for r in decision.reasons
        if r.effect in responsible and r.clause))
    # a duty by its meaning, as a judgement has it: the same duty owed under two clauses is one
    duties = tuple(dict.fromkeys(
        f"{d.text}" + (f" ({d.status})" if d.status != "pending" else "")
        for d in decision.obligations))
    return Side(outcome=decision.outcome, clauses=tuple(sorted(clauses, key=lambda c: c[0])),
                duties=duties, decision=decision)


def _owed(duties, cell: Cell) -> frozenset:
    """Those of ``duties`` (as a judgement gives them) that a usage of the cell may owe: not
    those owed only once an event happened (see :func:`_trigger`) that the cell's rules read
    and its usages do not state (the later of several when one is such, the earlier when all
    are; `termination` may happen to any)."""
    never = cell.read - cell.facts
    if not never:
        return frozenset(duties)
    out = set()
    for duty in duties:
        names, pick = _trigger(duty[4])
        unstated = [name in never for name in names]
        if not (all(unstated) if pick == "earlier" else any(unstated)):
            out.add(duty)  # (none unstated, or no event: owed whatever happens)
    return frozenset(out)


def _alike_but_duties(before: _space.Judgement, after: _space.Judgement) -> bool:
    """Whether two judgements differ in their duties alone."""
    return attrs.evolve(before, duties=frozenset()) == attrs.evolve(after, duties=frozenset())


def _breaching(duties, usage: Usage) -> frozenset:
    """Those of ``duties`` (as a judgement gives them) due before what the usage does: doing
    it breaches them unless they were done, where doing another act only owes them."""
    doing = usage.act or usage.action
    return frozenset(d for d in duties if d[4].kind == "before-action" and doing in d[4].actions)


def _decisive(program: ir.Program, stretch: int, usage: Usage) -> tuple:
    """The clauses the evaluator's judgement of the usage's terms names as deciding them."""
    program, stretch, usage = _space.for_licensee(program, stretch, usage)
    judged = decide.judge(program, stretch, usage, trace=True)
    kinds = ("permits",) if judged.outcome == PERMITTED else \
        ("prohibits", "no-permission", "no-clause", "no-version", "terminated")
    return tuple(sorted({(e[0], e[1].clause if len(e) > 1 and isinstance(e[1], ir.Rule)
                          else "") for e in judged.events if e[0] in kinds}))


# Cells of a region tried, at most, for a counterexample; each is judged differently in its
# terms, and most are shown by the first.
_TRIES = 16


def _change(cells: list[Cell], old: ir.Program, new: ir.Program) -> list[Change]:
    """The region of ``cells`` reported once for each kind of change (``permitted-to-denied``,
    ``duties``, ...) that the usages tried of its first cell ``permits`` confirms in shows,
    each with the first such usage (empty when none is confirmed); and once more for each
    change the usages tried of the first cell of each other end of the agreement (see
    :attr:`Cell.ended`) show that those do not, where a duty counted from termination is
    among the duties judged differently (owed by a usage whose agreement ended, beside a
    lowered limit that all show), with the first usage that shows it."""
    for cell in cells[:_TRIES]:
        judged = _judge(cell.period, cell.example(), old, new)
        shown = _confirm(cell, judged, old, new)
        if not shown:
            continue
        kinds = _kinds(shown)
        seen = {_shows(before, after) for _, before, after in kinds.values()}
        ending = any(m.TERMINATION in _trigger(duty[4])[0]
                     for duty in judged[0].duties ^ judged[1].duties)
        for ended in dict.fromkeys(c.ended for c in cells if ending and c.ended != cell.ended):
            other = next(c for c in cells if c.ended == ended)
            shown = _confirm(other, _judge(other.period, other.example(), old, new), old, new)
            for usage, before, after in _kinds(shown).values():
                if _shows(before, after) not in seen:
                    kinds[(ended, before.outcome, after.outcome)] = (usage, before, after)
        return [Change(start=cell.period.start, end=cell.period.end, cells=tuple(cells),
                       example=usage, old=before, new=after)
                for usage, before, after in kinds.values()]
    return []


def _kinds(shown: list) -> dict[tuple, tuple]:
    """The first of the ``shown`` usages (with how each text decides it) for each pair of
    outcomes."""
    kinds: dict[tuple, tuple] = {}
    for usage, before, after in shown:
        kinds.setdefault((before.outcome, after.outcome), (usage, before, after))
    return kinds


def _shows(before: Side, after: Side) -> tuple:
    """The change a usage decided ``before`` and ``after`` shows: its outcomes, and where they
    are the same, the duties and limits added and removed."""
    if before.outcome != after.outcome:
        return before.outcome, after.outcome
    return (before.outcome, after.outcome, frozenset(after.duties) - frozenset(before.duties),
            frozenset(before.duties) - frozenset(after.duties))


def _merged(changes: list[Change]) -> list[Change]:
    """Regions of consecutive periods with the same outcomes and clauses as one."""
    out: list[Change] = []
    for change in sorted(changes, key=lambda c: (c.start or _dt.date.min)):
        key = _same(change)
        prior = next((c for c in out if _same(c) == key and c.end is not None
                      and c.end + _space.DAY == change.start), None)
        if prior is None:
            out.append(change)
        else:
            out[out.index(prior)] = attrs.evolve(prior, end=change.end,
                                                 cells=prior.cells + change.cells)
    out.sort(key=lambda c: (c.start or _dt.date.min, not c.narrows, c.kind,
                            [c.old.clauses, c.new.clauses]))
    return out


def _same(change: Change) -> tuple:
    return (change.old.outcome, change.new.outcome, change.old.clauses, change.new.clauses,
            change.added_duties, change.removed_duties,
            frozenset(c.classes for c in change.cells))


# ---- vocabulary and redline -----------------------------------------------------------------


def _names(agreement: m.Agreement) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for doc in agreement.documents:
        for term in doc.terms:
            out.setdefault(term.kind, set()).add(term.name)
        out.setdefault("app", set()).update(a.name for a in doc.apps)
        out.setdefault("tier", set()).update(t.name for t in doc.tiers)
        out.setdefault("unit", set()).update(n for u in doc.units for n in (u.name, *u.aliases))
    return out


def _vocabulary(old: m.Agreement, new: m.Agreement) -> dict:
    before, after = _names(old), _names(new)
    out = {}
    for kind in sorted(set(before) | set(after)):
        added = tuple(sorted(after.get(kind, set()) - before.get(kind, set())))
        removed = tuple(sorted(before.get(kind, set()) - after.get(kind, set())))
        if added or removed:
            out[kind] = (added, removed)
    return out


def _clauses(agreement: m.Agreement) -> dict[str, m.Clause]:
    """The clauses of the agreement by id: of its latest version where versions share one."""
    out: dict[str, m.Clause] = {}
    for doc in (*agreement.versions, *agreement.schedules):
        for clause in doc.clauses:
            out[clause.id] = clause
    return out


def redline(old: m.Agreement, new: m.Agreement) -> Iterable[Amendment]:
    """The clauses removed, changed, renumbered and added from ``old`` to ``new``: a clause of
    both with the same id and rule is unchanged; the same rule under another id (and maybe
    another title) is renumbered; the same id or, failing that, the same title with another
    rule is changed; the rest are removed or added."""
    before, after = _clauses(old), _clauses(new)
    left = {k: c for k, c in before.items() if after.get(k) != c}
    right = {k: c for k, c in after.items() if before.get(k) != c}
    out: list[Amendment] = []
    for key, clause in list(left.items()):
        same = next((c for c in right.values()
                     if attrs.evolve(clause, id=c.id, title=c.title) == c), None)
        if same is not None:
            out.append(Amendment(kind="renumbered", old=clause, new=same))
            del left[key], right[same.id]
    for key, clause in list(left.items()):
        other = right.get(key) or next((c for c in right.values()
                                         if c.title and c.title == clause.title), None)
        if other is not None:
            out.append(Amendment(kind="changed", old=clause, new=other))
            del left[key], right[other.id]
    out += [Amendment(kind="removed", old=c) for c in left.values()]
    out += [Amendment(kind="added", new=c) for c in right.values()]
    order = {"removed": 0, "changed": 1, "added": 2, "renumbered": 3}
    return sorted(out, key=lambda a: order[a.kind])
