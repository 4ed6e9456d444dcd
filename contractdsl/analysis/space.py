"""Programs (IR) to their usage space: time cut into periods, each facet's vocabulary cut into
classes of names that every rule treats alike, and the cells of usages that decide alike.

A usage is decided by its terms (app, action, data, purpose, recipients, tier, the facts it
states) and by its amounts and dates. The terms range over finite vocabularies, and a rule
only ever asks whether a name is in a set (a scope, a guard's `covers`, the apps a label
names, the purposes approved for an app). Names that are in exactly the same sets are
interchangeable: they form a class, and one name stands for the class. Amounts and dates are
judged only against the limits and duties that the terms make apply, so they need no
enumeration: two texts whose limits and duties agree (by meaning) on a cell judge every amount
and date of it alike; where they do not, the limits and duties are the symbolic boundaries.

:func:`space` builds this for one program or for several read side by side (the periods cut at
the dates where any of them changes, the classes fine enough for all of them). Every judgement
is asked of the evaluator (:func:`judgement`); nothing here decides a usage itself.
"""

from __future__ import annotations

import datetime as _dt
import functools
import itertools
from typing import Iterator

import attrs

from .. import model as m
from ..errors import UsageError
from ..evaluation import decide
from ..semantics import ir
from ..usage import Usage

frozen = attrs.frozen(kw_only=True)

#: The facets of a usage's terms, in the order a :class:`Cell` keeps its classes.
FACETS = ("app", "action", "data", "purpose", "recipient", "tier")
DAY = _dt.timedelta(days=1)


@frozen
class Period:
    """Days from ``start`` to ``end`` (both included; None: unbounded) in which no program
    changes: ``stretches`` holds the index of the stretch of each program."""

    start: _dt.date | None
    end: _dt.date | None
    stretches: tuple[int, ...]

    @property
    def first_day(self) -> _dt.date:
        return self.start or _dt.date.min

    def __contains__(self, day: _dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@frozen
class Cell:
    """A region of usages in one period that every program decides alike: for each facet (in
    the order of :data:`FACETS`) the class of names a usage may name (None in a class: the
    usage leaves the facet out), and of the facts the cell's rules read (``read``), those the
    usage states (``facts``); any other fact makes no difference. ``only_duties`` are the
    facts of ``read`` that only the conditions of obligations and of money clauses read: they
    never change what the terms decide, only which duties bind. ``ended`` says whether
    its usages state that the agreement ended for their licensee: not (""), on their day
    (``on``: the duties termination triggers are owed) or the day before (``before``: only
    the clauses that survive bind)."""

    period: Period
    classes: tuple[tuple[str | None, ...], ...]
    facts: frozenset[str]
    read: frozenset[str]
    only_duties: frozenset[str] = frozenset()
    # the attributes and measures of the parties the cell's rules read: ((party, name), the
    # value that stands for the cell's, what the rules compare it with (see decide.answers_for))
    values: tuple[tuple[tuple[str, str], object, frozenset], ...] = ()
    ended: str = ""

    def names(self, facet: str) -> tuple[str | None, ...]:
        """The class of names of ``facet``: the first stands for the others."""
        return self.classes[FACETS.index(facet)]

    def example(self, day: _dt.date | None = None, names: dict | None = None) -> Usage:
        """The usage that stands for the cell: the first name of each class (or the name
        ``names`` gives of a facet's class), the facts it states, on ``day`` (default: the
        period's first day; for a usage whose agreement ended the day before, the period's
        second day where it has one, so that the text that ended is the period's)."""
        names = names or {}
        app, action, data, purpose, recipient, tier = (names.get(f, c[0]) for f, c in
                                                       zip(FACETS, self.classes))
        if day is None:
            day = self.period.first_day
            if self.ended == "before" and day < _dt.date.max and day + DAY in self.period:
                day += DAY
        facts, met = _split(self.facts)
        user = tuple((name, value) for (party, name), value, _ in self.values if party == "user")
        act, terminated = None, None
        if self.ended:
            terminated = day if self.ended == "on" or day == _dt.date.min else day - DAY
        if is_act(action):  # an act: a usage that uses no content
            act, action, data = action[len(ACT):], None, None
        return Usage(app=app, action=action, act=act, data=data, purpose=purpose,
                     recipients=() if recipient is None else (recipient,), tier=tier,
                     facts=tuple((f, None) for f in facts), start=day, end=day,
                     terminated=terminated,
                     findings=tuple((n, n in met) for n in _split(self.read)[1]),
                     settled=tuple((key, name in self.facts)
                                   for name, key in _compared(self.read)),
                     licensee=tuple((name, value) for (party, name), value, _ in self.values
                                    if party == "licensee"),
                     users=(user,) if user else ())

    def holds(self, usage: Usage, recipient: str | None) -> bool:
        """Whether ``usage`` on a day of the period, judged for ``recipient`` (one of its
        recipients, or None when it has none), falls in the cell."""
        period = self.period
        if (period.end is not None and usage.first_day > period.end) or \
                (period.start is not None and usage.last_day < period.start):
            return False
        ended = usage.terminated
        if ended is None or ended > usage.last_day:
            if self.ended:
                return False
        elif self.ended != ("on" if ended == usage.last_day else "before"):
            return False
        named = (usage.app, ACT + usage.act if usage.act else usage.action,
                 None if usage.act else usage.data, usage.purpose, recipient, usage.tier)
        # a standard the usage states no finding on touches the cells of both answers, and so
        # does a comparison of dates its dates cannot decide
        found = dict(usage.findings)
        standards = {STANDARD + n for n in _split(self.read)[1]
                     if found.get(n, STANDARD + n in self.facts)}
        settled = dict(usage.settled)
        for name, key in _compared(self.read):
            answer = ir.compared(key).decide(usage.dates, usage.fact_names())
            if answer is None:
                answer = settled.get(key, name in self.facts)
            if answer:
                standards.add(name)
        return all(name in names for name, names in zip(named, self.classes)) and \
            (usage.fact_names() | standards) & self.read == self.facts and \
            all(_alike(value, stated, compared) for stated, value, compared in
                _stated(usage, self.values))


@frozen
class Judgement:
    """What a program decides of a cell's terms: the outcome they decide, and (unless denied)
    the limits and duties that then judge its amounts and dates, by meaning (not by clause id),
    so two texts that renumber a clause judge alike."""

    outcome: str
    limits: frozenset = frozenset()
    duties: frozenset = frozenset()
    # the money owed or capped: each fee, late charge and liability cap without its clause's
    # id and title
    fees: frozenset = frozenset()
    # what earns the usage's tier, when it is earned by what was paid: (amount, currency)
    earning: tuple = ()


class Space:
    """The usage space of one or more programs side by side: :attr:`periods`, and for each
    period the classes of each facet (:meth:`classes`) and its cells (:meth:`cells`)."""

    def __init__(self, programs: tuple[ir.Program, ...], since: _dt.date | None = None,
                 endings: tuple[str, ...] = ()):
        self.programs = programs
        self.periods = tuple(periods(programs, since))
        self.endings = endings  # the ends of the agreement a usage is tried with too
        self._counted: dict[Period, list] = {}  # the groups of a period counted in full
        self._endings: dict[tuple, list] = {}  # see :meth:`_ended_for`

    def tables(self, period: Period) -> list:
        """The symbol table of each program in force in the period (None: no version)."""
        return [p.symbols[p.stretches[i].version_index] if p.stretches[i].state != "none"
                else None for p, i in zip(self.programs, period.stretches)]

    def alike(self, period: Period) -> bool:
        """Whether every program has, in the period, the same rules over the same
        vocabularies, and, for each of :attr:`endings`, the same rules once the agreement
        ended (those of the clauses that survive: see :meth:`_ended_for`); then every usage
        of it is decided alike by all."""
        tables = self.tables(period)
        stretches = [p.stretches[i] for p, i in zip(self.programs, period.stretches)]
        first = _meaning(stretches[0], tables[0])
        return all(_meaning(s, t) == first for s, t in zip(stretches[1:], tables[1:])) and \
            self._ended_alike(period)

    def _ended_alike(self, period: Period) -> bool:
        """Whether, for each of :attr:`endings`, every program has the same rules over the
        same vocabularies once the agreement ended."""
        for ending in self.endings:
            found = [(p.stretches[i], p.symbols[p.stretches[i].version_index]
                      if p.stretches[i].state != "none" else None)
                     for p, i in self._ended_for(period, ending, None)]
            if any(_meaning(*other) != _meaning(*found[0]) for other in found[1:]):
                return False
        return True

    def classes(self, period: Period) -> dict[str, list[tuple[str | None, ...]]]:
        """Each facet's names known to every program in the period (and None, for a usage
        that leaves the facet out), cut into classes that every rule treats alike."""
        tables = [t for t in self.tables(period) if t is not None]
        stretches = [p.stretches[i] for p, i in zip(self.programs, period.stretches)]
        tests = _tests(stretches, tables, self.programs)
        out = {}
        for facet in FACETS:
            names: list[str | None] = [*_vocabulary(facet, tables), None]
            out[facet] = _partition(names, tests[facet])
        # a usage that leaves out its data uses the root of the data hierarchy: where every
        # program has the same root, leaving it out is naming it
        roots = {t.data_root for t in tables}
        if len(roots) == 1 and None not in roots:
            root = roots.pop()
            data = [c for c in out["data"] if c != (None,)]
            out["data"] = [c + (None,) if root in c else c for c in data]
        return out

    def cells(self, period: Period, differing: bool = False) -> Iterator[Cell]:
        """The cells of the period that state none of their ``only_duties`` facts: each
        combination of the facets' classes, with each set of the other facts that the rules it
        may meet read. :meth:`variants` gives the rest. Left out, since every program denies
        them: the combinations no permission's scope covers, every cell of a period in which
        no program has a version in force, and the cells of an app whose terms every program
        denies whatever else they state (see :func:`~contractdsl.evaluation.decide.terms_deny`:
        no permission covers them for the app, or a prohibition with no condition bars them),
        whatever their tier, facts and values. With ``differing``, left out too: the cells of
        the combinations of action, data, purpose and recipient that every program judges
        alike because it meets the same rules there and differs from the others in nothing
        else in the period (see :meth:`_otherwise_alike`)."""
        for group in self._counted.pop(period, None) or self._groups(period):
            (action, data, purpose, recipient), decisive, read, only, choices, apps, tiers, \
                alike = group
            if differing and alike:
                continue
            subsets = list(_subsets(decisive))
            for app, tier in itertools.product(
                    [app for app in apps if not self._denied(period, (
                        app, action, data, purpose, recipient, (None,)))], tiers):
                combo = (app, action, data, purpose, recipient, tier)
                for values in choices(app[0]):
                    for facts in subsets:
                        yield Cell(period=period, classes=combo, facts=facts, read=read,
                                   only_duties=only, values=values)

    def _denied(self, period: Period, classes: tuple) -> bool:
        """Whether every program denies the usages of ``classes`` (and no tier, facts or
        values) in the period whatever else they state, as it stands for their licensee (see
        :func:`for_licensee`: the end their app's schedule states may leave only the clauses
        that survive), and so with the agreement ended the day before (see
        :attr:`Cell.ended`; on the day it ends, it is in force)."""
        usage = Cell(period=period, classes=classes, facts=frozenset(),
                     read=frozenset()).example()
        try:
            standing = [for_licensee(program, index, usage)
                        for program, index in zip(self.programs, period.stretches)]
        except UsageError:
            return False  # (judged, it says what is wrong)
        if not all(decide.terms_deny(*found) for found in standing):
            return False
        # (the terms are judged alike whatever the usage's day: only the program that binds
        # it once its agreement ended, for its app, is another)
        for ending in set(self.endings) - {"on"}:
            for program, index in self._ended_for(period, ending, classes[0][0]):
                if not decide.terms_deny(program, index, usage):
                    return False
        return True

    def _ended_for(self, period: Period, ending: str, app: str | None) -> list:
        """Each program and the index of its stretch as they stand in the period for a usage
        by ``app`` (None: by none) whose agreement ended as ``ending`` says (see
        :attr:`Cell.ended`), on the day its example is (none where the app's schedule refuses
        such a usage: no text judges it); kept for each app."""
        key = (period, ending, app)
        found = self._endings.get(key)
        if found is None:
            usage = Cell(period=period, classes=((app,), *((None,),) * (len(FACETS) - 1)),
                         facts=frozenset(), read=frozenset(), ended=ending).example()
            try:
                found = [for_licensee(program, index, usage)[:2]
                         for program, index in zip(self.programs, period.stretches)]
            except UsageError:
                found = []
            self._endings[key] = found
        return found

    def count(self, period: Period, at_most: int) -> int:
        """How many cells :meth:`cells` gives for the period (counting stops once past
        ``at_most``)."""
        total, groups = 0, []
        for group in self._groups(period):
            _, decisive, _, _, choices, apps, tiers, _ = group
            groups.append(group)
            total += (2 ** len(decisive)) * len(tiers) * sum(len(choices(app[0]))
                                                             for app in apps)
            if total > at_most:
                return total
        self._counted[period] = groups  # kept for :meth:`cells`, which reads them next
        return total

    def _groups(self, period: Period) -> Iterator[tuple]:
        """For each combination of the action, data, purpose and recipient classes that some
        permission's scope covers (or an act): the classes, the facts its rules read that may
        decide it, all those they read, those only duties read, the choices of the parties'
        values for an app, the app and tier classes, and whether every program meets the
        same permissions and prohibitions with them and is otherwise alike in the period (then
        each judges every usage of them as the others do)."""
        if all(t is None for t in self.tables(period)):
            return
        otherwise_alike = self._otherwise_alike(period)
        classes = self.classes(period)
        stretches = [p.stretches[i] for p, i in zip(self.programs, period.stretches)
                     if p.stretches[i].state != "none"]
        reach = _Reach(stretches)
        tables = [t for t in self.tables(period) if t is not None]
        # the app and the tier never decide which scopes cover a usage: the other facets first
        for action, data, purpose, recipient in itertools.product(
                *(classes[f] for f in ("action", "data", "purpose", "recipient"))):
            terms = (action[0], data[0], purpose[0], recipient[0])
            covering = reach.covering(terms)
            if is_act(action[0]):
                if None not in data:
                    continue  # an act uses no data: the class of a usage naming none
            elif not covering & reach.permits:
                continue  # no permission's scope covers it: denied by every program
            decisive, duties, compared = reach.read(covering, terms[0])
            yield ((action, data, purpose, recipient), decisive, frozenset(decisive | duties),
                   frozenset(duties - decisive),
                   functools.partial(_choices, compared, tables), classes["app"],
                   classes["tier"], otherwise_alike and reach.alike(covering))

    def _otherwise_alike(self, period: Period) -> bool:
        """Whether the programs differ in the period in their permissions and prohibitions
        alone: each has a version in force, and the same vocabularies, limits, duties, money
        clauses, precedences, licensor's rules, tiers earned and end; each has one version and
        no dates of the licensee's own (no schedule that dates a fact or ends the agreement for
        it, no clause whose survival is counted from a fact); and, for each of :attr:`endings`,
        the same rules once the agreement ended. Then a usage whose terms meet the same
        permissions and prohibitions in each (see :meth:`_Reach.alike`) is judged alike by
        each."""
        for program in self.programs:
            decide.prepare(program)
            if len(program.symbols) != 1 or program.runtime["own_dates"]:
                return False
        stretches = [p.stretches[i] for p, i in zip(self.programs, period.stretches)]
        if any(s.state == "none" for s in stretches):
            return False
        tables = self.tables(period)
        first = _meaning(_apart(stretches[0]), tables[0])
        return all(_meaning(_apart(s), t) == first for s, t in zip(stretches[1:], tables[1:])) \
            and self._ended_alike(period)

    def variants(self, cell: Cell) -> Iterator[Cell]:
        """The cells that differ from ``cell`` only by stating some of its ``only_duties``
        facts. When every program denies ``cell``, each denies these too: a duty never
        changes what the terms decide."""
        for facts in _subsets(cell.only_duties):
            if facts:
                yield attrs.evolve(cell, facts=cell.facts | facts)


def _stated(usage: Usage, values):
    """For each value a cell chose, what the usage states of it (None: nothing; a list: the
    values of its groups of users), with the cell's value and comparisons."""
    licensee = dict(usage.licensee)
    for (party, name), value, compared in values:
        if party == "licensee":
            yield licensee.get(name), value, compared
        else:
            found = [dict(group).get(name) for group in usage.groups]
            yield (None if None in found else found), value, compared


def _alike(value, stated, compared) -> bool:
    """Whether what a usage states (None: nothing, so any value; a list: some of its users)
    answers every comparison as ``value`` does."""
    if stated is None:
        return True
    if isinstance(stated, list):
        return any(_alike(value, one, compared) for one in stated)
    return _signature(stated, compared) == _signature(value, compared)


def _signature(value, compared) -> tuple:
    yes_no = value is True or value is False
    return (value is True,) + tuple(
        not yes_no and ir.compare(value, how, amount)
        for amount in sorted(a for a in compared if a is not decide.YES_NO)
        for how in ("less than", "more than"))


def _subsets(names) -> Iterator[frozenset[str]]:
    ordered = sorted(names)
    for size in range(len(ordered) + 1):
        for chosen in itertools.combinations(ordered, size):
            yield frozenset(chosen)


def _apart(stretch: ir.Stretch) -> ir.Stretch:
    """The stretch without its dates, its version's name and its permissions and
    prohibitions."""
    return attrs.evolve(stretch, start=None, end=None, version=None, version_index=None,
                        permits=(), forbids=())


def _meaning(stretch: ir.Stretch, table) -> tuple:
    vocabulary = None if table is None else \
        tuple((d.terms, d.units, d.scopes, d.apps, d.tiers, d.values) for d in table.documents)
    return (stretch.state, stretch.permits, stretch.forbids, stretch.limits, stretch.duties,
            stretch.money, vocabulary)


def space(*programs: ir.Program, since: _dt.date | None = None,
          endings: tuple[str, ...] = ()) -> Space:
    """The usage space of ``programs`` side by side, from ``since`` (default: all time), its
    usages tried also with the agreement ended as each of ``endings`` says (see
    :attr:`Cell.ended`)."""
    return Space(tuple(programs), since, endings)


def periods(programs, since: _dt.date | None = None) -> Iterator[Period]:
    """Time cut at every date where any program changes, and where a usage's day alone turns
    what it owes (see :func:`_turns`), from ``since`` on."""
    # the deadlines (without their days) that every program holds, some counted from another
    # day than others (each from the day its clause binds)
    days: dict = {}
    for n, program in enumerate(programs):
        for stretch in program.stretches:
            for duty in stretch.every_duty:
                days.setdefault(attrs.evolve(duty.deadline, start=None),
                                [set() for _ in programs])[n].add(duty.deadline.start)
    started = {d for d, each in days.items() if all(each) and len(set().union(*each)) > 1}
    cuts = sorted({d for p in programs for d in (*p.changes, *_turns(p, started))
                   if since is None or d > since})
    starts = [since, *cuts]
    for n, start in enumerate(starts):
        end = cuts[n] - DAY if n < len(cuts) else None
        day = start or _dt.date.min
        yield Period(start=start, end=end,
                     stretches=tuple(_stretch_at(p, day) for p in programs))


def _turns(program: ir.Program, started=frozenset()) -> Iterator[_dt.date]:
    """The days, within a stretch of ``program``, from which a usage's day alone changes what
    the evaluator finds of it: the dates a schedule gives its licensee (the day its agreement
    ends and the day after, from which only the clauses that survive bind, and the day each
    fact it dates comes about); the day the agreement terminates (from which
    `termination` has happened, and a duty counted from it is owed), the day after a
    deadline `by` a date and the day after the first deadline counted from the day a clause
    binds (see :func:`first_due`: from which the duty, not shown done, is breached, whenever
    its event came before) where it is due every a time from that day, or counted from an
    event and held by every program, by some from another day (of the ``started``, without
    their days): past that deadline, they judge it alike."""
    agreement = program.runtime.get("agreement")
    for schedule in agreement.schedules if agreement is not None else ():
        if schedule.terminates is not None and schedule.terminates < _dt.date.max:
            yield from (schedule.terminates, schedule.terminates + DAY)
        yield from (dated.date for dated in schedule.dated)
    for stretch in program.stretches:
        if stretch.terminates is not None:
            yield stretch.terminates
        for duty in stretch.every_duty:
            deadline = duty.deadline
            if deadline.kind == "by" and deadline.date < _dt.date.max:
                yield deadline.date + DAY
            elif (due := first_due(deadline)) is not None and due < _dt.date.max and (
                    deadline.after is None or attrs.evolve(deadline, start=None) in started):
                yield due + DAY


def first_due(deadline: ir.Deadline) -> _dt.date | None:
    """The day of the first deadline counted from the day the clause binds: of a duty due
    `every` a time from that day, and of a duty due `within` or `every` a time after, or
    `upon`, an event that came before it, which is owed from that day (docs/semantics.md,
    section 18, item 3). None: any other duty (one due before a fact or within a time left to
    judgement: the day the clause binds says, whenever the usage comes, whether an event before
    it owes anything), or one whose first deadline lies past the calendar."""
    start = deadline.start
    if start is None or deadline.kind not in ("every", "within", "upon") or \
            deadline.kind != "every" and deadline.after is None or \
            deadline.after is not None and set(deadline.after.names) == {m.TERMINATION}:
        return None  # (counted from termination alone: see Cell.ended)
    return start if deadline.kind == "upon" else deadline.duration.day_after(start)


def _stretch_at(program: ir.Program, day: _dt.date) -> int:
    from bisect import bisect_right

    return bisect_right(program.changes, day)


def judgement(program: ir.Program, stretch: int, usage: Usage) -> Judgement | None:
    """What ``program`` decides of the usage's terms in stretch ``stretch``, asked of the
    evaluator, for its licensee (as its `terminated` and its app's schedule leave the
    agreement: see :func:`~contractdsl.evaluation.decide.for_licensee`); None when the usage
    names something the text in force does not define."""
    try:
        program, stretch, usage = for_licensee(program, stretch, usage)
        judged = decide.row(program, stretch, usage)
    except UsageError:
        return None
    if judged.outcome == decide.DENIED:
        return Judgement(outcome=judged.outcome)
    symbols = judged.symbols
    return Judgement(
        outcome=judged.outcome,
        limits=frozenset(_limit_meaning(lim, symbols) for lim in judged.limits),
        duties=frozenset(_duty_meaning(d, usage.first_day) for d in judged.pending),
        fees=frozenset(_money_meaning(item) for item in decide.meeting(
            judged, usage, program.stretches[stretch].money)),
        earning=(judged.earning.amount, judged.earning.currency) if judged.earning else ())


def for_licensee(program: ir.Program, stretch: int, usage: Usage):
    """The program, its stretch of the usage's first day and the usage as they stand for the
    usage's licensee (the program itself where nothing of its own dates changes it)."""
    found, usage = decide.for_licensee(program, usage)
    if found is not program:
        stretch = _stretch_at(found, usage.first_day)
    return found, stretch, usage


_NOT_MEANING = ("clause", "title", "guard", "unless", "span", "stated_unit")
_MONEY = {kind.__name__: kind for kind in (ir.FeeRule, ir.ChargeRule, ir.CapRule)}


def _money_meaning(item) -> tuple:
    """What a fee, late charge or liability cap says, by meaning (not by clause id)."""
    return (type(item).__name__,) + tuple(
        getattr(item, f.name) for f in attrs.fields(type(item)) if f.name not in _NOT_MEANING)


def money_terms(meaning: tuple) -> dict:
    """The fields of a money clause's meaning (from :func:`judgement`'s ``fees``), by name."""
    names = [f.name for f in attrs.fields(_MONEY[meaning[0]]) if f.name not in _NOT_MEANING]
    return dict(zip(names, meaning[1:]))


def _limit_meaning(lim: ir.LimitRule, symbols) -> tuple:
    # the names a usage may state the unit by count: an alias added or removed is a change
    names = frozenset(n for n in symbols.unit_names if symbols.unit_of(n) == lim.unit)
    return ("limit", lim.amount, lim.unit, names, lim.window, lim.per, lim.concurrent,
            lim.scope, lim.tier, lim.endpoints)


def _duty_meaning(duty: ir.DutyRule, day: _dt.date) -> tuple:
    """What a duty says to a usage from ``day``. A duty whose first deadline is counted from
    the day its clause binds (see :func:`first_due`) says the same from any such day once
    ``day`` is past that deadline (not shown done, it is breached; shown done, it is counted
    from when), and so is counted from the earliest day."""
    deadline = duty.deadline
    due = first_due(deadline)
    if due is not None and due < day:
        deadline = attrs.evolve(deadline, start=_dt.date.min)
    return ("duty", duty.duty, duty.description, duty.shown_by, deadline)


# ---- the sets rules test names against ------------------------------------------------------


def _vocabulary(facet: str, tables) -> list[str]:
    """The names of a facet that every table defines, in the first table's order."""
    def names(table):
        if facet == "app":
            return list(table.apps)
        if facet == "tier":
            return list(table.tiers)
        if facet == "action":  # what a usage does: an action, or an act (marked)
            return table.hierarchies["action"].order + [ACT + n for n in
                                                        table.hierarchies["act"].order]
        return table.hierarchies[facet].order

    if not tables:
        return []
    common = set(names(tables[0]))
    for table in tables[1:]:
        common &= set(names(table))
    return [n for n in names(tables[0]) if n in common]


def guard_atoms(guard: ir.Guard | None) -> Iterator[ir.Guard]:
    """The atoms of a guard (``Is``, ``Fact``, ``AppIn``, ...), through `not`, `and` and `or`."""
    stack = [guard] if guard is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, ir.Not):
            stack.append(node.operand)
        elif isinstance(node, (ir.All, ir.Any)):
            stack.extend(node.operands)
        else:
            yield node


def _guards(stretch: ir.Stretch) -> Iterator[ir.Guard]:
    for rule in (*stretch.permits, *stretch.forbids, *stretch.limits, *stretch.duties):
        yield rule.guard
        yield getattr(rule, "unless", None)
        for duty in getattr(rule, "provisos", ()):
            yield duty.guard
    for precedence in stretch.precedence:
        yield precedence.guard
    for item in stretch.money:  # a fee, late charge or cap that applies to some names only
        yield item.guard
        yield item.unless


def _settling(item) -> Iterator[ir.Guard | None]:
    """The guards of the precedences that settle an item's conflicts."""
    for conflict in getattr(item, "conflicts", ()):
        yield conflict.precedence.guard


def _tests(stretches, tables, programs) -> dict[str, list]:
    """For each facet, the tests some rule makes of it: sets of names (a name passes when it
    is in the set), or for apps and purposes together, whether a purpose is approved; and for
    apps, what the files state of their licensee."""
    tests: dict[str, list] = {f: [] for f in FACETS}
    for stretch in stretches:
        if stretch.state == "none":
            continue
        for rule in (*stretch.permits, *stretch.forbids):
            scope = rule.scope
            tests["action"].append(_Doing(scope.actions))
            for facet, names in (("data", scope.data), ("purpose", scope.purposes),
                                 ("recipient", scope.recipients)):
                if names is not None:
                    tests[facet].append(names)
        for lim in stretch.limits:
            tests["action"].append(_Doing(lim.actions))
        for duty in (*stretch.duties, *(d for r in stretch.permits for d in r.provisos)):
            if duty.deadline.kind == "before-action":
                tests["action"].append(_Doing(duty.deadline.actions))
            if duty.done_by:
                tests["action"].append(_Doing(duty.done_by))
        for guard in _guards(stretch):
            for atom in guard_atoms(guard):
                if isinstance(atom, ir.Is):
                    tests[atom.subject].append(atom.covers)
                elif isinstance(atom, ir.AppIn):
                    tests["app"].append(atom.apps)
                elif isinstance(atom, ir.AppsFor):
                    # how many of the licensee's apps are approved: per app, per purpose
                    tests["app"].append(_Counted(atom, 0))
                    tests["purpose"].append(_Counted(atom, 1))
    for table in tables:
        # `purpose is approved` and `for an approved purpose` pair an app with a purpose
        for app in table.apps:
            tests["purpose"].append(table.approved_purposes(app))
        tests["app"].append(_Approved(table))
        tests["app"].append(_Stated(table))
    tests["app"].extend(_Dated(program) for program in programs)
    tests["tier"].append(_Each())  # every tier may carry allowances of its own
    tests["action"].append(_Acts())  # an act needs no licence: never alike an action
    return tests


class _Approved:
    """A test that tells apart the apps by the purposes approved for each."""

    def __init__(self, table):
        self.table = table

    def key(self, name):
        return self.table.approved_purposes(name)


class _Stated:
    """A test that tells apart the apps by what the files state of their licensee: a usage of
    one is judged with those values, and cannot state others (see :func:`_choices`)."""

    def __init__(self, table):
        self.table = table

    def key(self, name):
        return frozenset(self.table.licensee_values(name).items())


class _Dated:
    """A test that tells apart the apps by the dates their schedule gives the licensee (the
    end of its agreement, the facts it dates): a usage of one is judged with those dates (see
    :func:`~contractdsl.evaluation.decide.for_licensee`), so between two dates of a fact that
    two schedules give, the same usage by an app of each may be decided otherwise."""

    def __init__(self, program):
        self.program = program

    def key(self, name):
        return decide.own_dates(self.program, name)


class _Each:
    """A test that tells every name apart."""

    def key(self, name):
        return name


class _Acts:
    """A test that tells the acts apart from the actions."""

    def key(self, name):
        return is_act(name)


class _Doing:
    """A test of what a usage does against what a rule is about: the actions (or acts) it
    covers; an act is named marked (``ACT + name``)."""

    def __init__(self, names):
        self.names = names

    def key(self, name):
        return done(name) in self.names


class _Counted:
    """A test that tells apart the apps (``at`` 0) or the purposes (1) by how many of the
    licensee's apps a `licensee has ... apps` condition counts for each with the other."""

    def __init__(self, atom: ir.AppsFor, at: int):
        self.atom, self.at = atom, at

    def key(self, name):
        return frozenset((row[1 - self.at], row[2]) for row in self.atom.counts
                         if row[self.at] == name)


# What a usage does is an action or an act: an act is named ``ACT + name`` among the names of
# the `action` facet (an act and an action never share a name).
ACT = "act:"


def is_act(name) -> bool:
    """Whether a name of the `action` facet is an act's (see :data:`ACT`)."""
    return isinstance(name, str) and name.startswith(ACT)


def done(name: str) -> str:
    """An action's or an act's own name."""
    return name[len(ACT):] if is_act(name) else name


def _partition(names, tests) -> list[tuple]:
    """``names`` grouped by the answers every test gives them, each group in the order of
    ``names``, the groups in the order of their first names; None always alone."""
    groups: dict[tuple, list] = {}
    for name in names:
        if name is None:
            key: tuple = (None,)
        else:
            key = tuple(t.key(name) if hasattr(t, "key") else name in t for t in tests)
        groups.setdefault(key, []).append(name)
    return [tuple(group) for group in groups.values()]


# A standard is read as a fact that a usage's finding states: ``STANDARD + name`` in a cell's
# facts is the standard found met; read but absent, found not met. A comparison of two facts'
# dates likewise (``COMPARED`` + its key): in a cell's facts, it holds.
STANDARD = "standard:"
COMPARED = "compared:"


def fact_names(guard: ir.Guard | None) -> set[str]:
    """The facts a guard reads, the standards (as ``STANDARD + name``) and the comparisons of
    dates (as ``COMPARED`` + the comparison's key)."""
    found = set()
    for atom in guard_atoms(guard):
        if isinstance(atom, ir.Fact):
            found.add(atom.name)
        elif isinstance(atom, ir.Standard):
            found.add(STANDARD + atom.name)
        elif isinstance(atom, (ir.DateGap, ir.SameWindow)):
            found.add(COMPARED + repr(atom.key))
    return found


def _split(names) -> tuple[list[str], list[str]]:
    """Facts, and the names of the standards, of a set of ``fact_names``."""
    return (sorted(n for n in names if not n.startswith((STANDARD, COMPARED))),
            sorted(n[len(STANDARD):] for n in names if n.startswith(STANDARD)))


def _compared(names) -> list[tuple[str, tuple]]:
    """The comparisons of dates of a set of ``fact_names``: (its name there, its key)."""
    import ast

    return [(n, ast.literal_eval(n[len(COMPARED):])) for n in sorted(names)
            if n.startswith(COMPARED)]


class _Reach:
    """The permissions and prohibitions of some stretches indexed by the names their scopes
    cover, as bit sets (bit ``n``: the ``n``-th of :attr:`rules`): which of them a usage of
    given (action, data, purpose, recipient) may meet, whatever its app (see
    :meth:`covering`), and what the guards of the rules, limits, duties and money clauses it
    may then meet read (see :meth:`read`; kept by the rules met and the action, which many
    combinations of terms share)."""

    def __init__(self, stretches):
        self.stretches = stretches
        self.rules: list[ir.Rule] = []
        self.permits = 0  # those of the rules that are permissions
        self.spans = []  # each stretch's rules
        for stretch in stretches:
            first = len(self.rules)
            for rule in stretch.permits:
                self.permits |= 1 << len(self.rules)
                self.rules.append(rule)
            self.rules.extend(stretch.forbids)
            self.spans.append((first, len(self.rules)))
        self._masks: dict[tuple[int, object], int] = {}
        self._read: dict[tuple[int, object], tuple] = {}
        self._alike: dict[int, bool] = {}
        self._rules_read: dict[int, tuple] = {}
        self._actions_read: dict[object, tuple] = {}

    def _mask(self, facet: int, name) -> int:
        """The rules whose scope's facet (0 action, 1 data, 2 purpose, 3 recipient) may cover
        ``name`` (None: left out, which any action or data may be)."""
        key = (facet, name)
        mask = self._masks.get(key)
        if mask is None:
            mask = 0
            for n, rule in enumerate(self.rules):
                scope = rule.scope
                if facet == 0:
                    hit = name is None or name in scope.actions
                elif facet == 1:
                    hit = scope.data is None or name is None or name in scope.data
                elif facet == 2:
                    hit = scope.purposes is None or name in scope.purposes
                else:
                    hit = scope.recipients is None or name in scope.recipients
                if hit:
                    mask |= 1 << n
            self._masks[key] = mask
        return mask

    def covering(self, terms) -> int:
        """The rules whose scope may cover a usage of these (action, data, purpose,
        recipient), whatever its app: a usage that leaves out its action or data may take any;
        an act uses no data."""
        action, data, purpose, recipient = terms
        if is_act(action):
            action, data = action[len(ACT):], None
        return self._mask(0, action) & self._mask(1, data) & self._mask(2, purpose) & \
            self._mask(3, recipient)

    def read(self, covering: int, action) -> tuple[frozenset, frozenset, dict]:
        """For a usage that may meet the rules ``covering`` and the limits of ``action``: the
        facts the guards of those rules and limits read (with the precedences that settle
        their conflicts), which may decide it; those the guards of the rules' provisos, of the
        duties and of the money clauses read, which never change what its terms decide; and
        the attributes and measures of the parties that any of those guards read, with what
        they compare each with."""
        key = (covering, action)
        found = self._read.get(key)
        if found is None:
            parts = [self._by_rule(rule) for rule in self._of(covering)]
            parts.append(self._by_action(action))
            facts = frozenset().union(*(part[0] for part in parts))
            duties = frozenset().union(*(part[1] for part in parts))
            parties: dict[tuple[str, str], frozenset] = {}
            for part in parts:
                for name, compared in part[2].items():
                    parties[name] = parties.get(name, frozenset()) | compared
            found = self._read[key] = (facts, duties, parties)
        return found

    def _by_rule(self, rule: ir.Rule) -> tuple:
        """What a permission's or prohibition's guards read (see :meth:`read`)."""
        found = self._rules_read.get(id(rule))
        if found is None:
            found = self._rules_read[id(rule)] = (
                _facts_read([rule]), _facts_of(duty.guard for duty in rule.provisos),
                _parties_read([rule, *rule.provisos]))
        return found

    def _by_action(self, action) -> tuple:
        """What the guards of the limits of ``action`` (None: any), the duties and the money
        clauses read (see :meth:`read`)."""
        found = self._actions_read.get(action)
        if found is None:
            limits = [lim for stretch in self.stretches for lim in stretch.limits
                      if action is None or done(action) in lim.actions]
            duties = [duty for stretch in self.stretches for duty in stretch.duties]
            money = [item for stretch in self.stretches for item in stretch.money]
            found = self._actions_read[action] = (
                _facts_read(limits),
                _facts_of([*(duty.guard for duty in duties),
                           *(guard for item in money for guard in (item.guard, item.unless))]),
                _parties_read([*limits, *duties, *money]))
        return found

    def _of(self, covering: int, span: tuple[int, int] | None = None) -> list[ir.Rule]:
        """The rules of the bit set (of one stretch's ``span`` of them), in their order."""
        if span is not None:
            covering = covering >> span[0] & ((1 << (span[1] - span[0])) - 1)
            offset = span[0]
        else:
            offset = 0
        out = []
        while covering:
            low = covering & -covering
            out.append(self.rules[offset + low.bit_length() - 1])
            covering ^= low
        return out

    def alike(self, covering: int) -> bool:
        """Whether every stretch has the same rules, in the same order, among ``covering``."""
        found = self._alike.get(covering)
        if found is None:
            first, *others = [self._of(covering, span) for span in self.spans]
            found = self._alike[covering] = all(rules == first for rules in others)
        return found


def _parties_read(items) -> dict[tuple[str, str], frozenset]:
    """The attributes and measures of the parties that the guards of ``items`` (rules,
    limits, duties, money clauses) read, with what they compare each with."""
    found: dict[tuple[str, str], set] = {}
    for item in items:
        for guard in (item.guard, getattr(item, "unless", None), *_settling(item)):
            for atom in guard_atoms(guard):
                if isinstance(atom, (ir.AttributeIs, ir.MeasureIs)):
                    found.setdefault((atom.party, atom.name), set()).add(
                        atom.amount if isinstance(atom, ir.MeasureIs) else decide.YES_NO)
    return {key: frozenset(compared) for key, compared in found.items()}


def _choices(compared, tables, app: str | None) -> list[tuple]:
    """Each combination of values of the attributes and measures read that answer their
    comparisons differently; the licensee's that the files state for the app are not
    chosen (a usage does not state them)."""
    stated = set().union(*(t.licensee_values(app) for t in tables))
    out: list[tuple] = [()]
    for key in sorted(compared):
        if key[0] == "licensee" and key[1] in stated:
            continue
        out = [chosen + ((key, value, compared[key]),) for chosen in out
               for value in decide.answers_for(compared[key])]
    return out


def _facts_read(items) -> frozenset[str]:
    """The facts read by the guards of ``items`` (permissions, prohibitions, limits) and of
    the precedences that settle their conflicts."""
    found: set[str] = set()
    for item in items:
        found |= fact_names(item.guard) | fact_names(item.unless)
        for guard in _settling(item):
            found |= fact_names(guard)
    return frozenset(found)


def _facts_of(guards) -> frozenset[str]:
    """The facts read by ``guards`` (of duties and money clauses, which never change what the
    terms decide)."""
    return frozenset().union(*(fact_names(guard) for guard in guards))
