"""Agreement (model) to Program (IR): versions, windows, survival and dated conditions cut
into stretches; each stretch's clauses resolved against the symbol table in force."""

from __future__ import annotations

import datetime as _dt
from fractions import Fraction

import attrs

from .. import model as m
from . import ir
from .precedence import conflicts
from .symbols import SymbolTable

DAY = _dt.timedelta(days=1)


def lower(agreement: m.Agreement, dates=None, unresolved: list | None = None) -> ir.Program:
    """The agreement's meaning as a :class:`~contractdsl.semantics.ir.Program`. The agreement
    must check clean (see :func:`contractdsl.check`). ``dates``: the day of each fact the
    licensee's usage states (None: stated without a date), which a clause's survival may be
    counted from; without them, no fact has happened. Given a list as ``unresolved``, the
    conflicts between documents that no precedence settles are added to it, as (clause, its
    document's title, other clause, its document's title)."""
    return _lower(agreement, dates, unresolved, {}, {}, {})


def _lower(agreement: m.Agreement, dates, unresolved: list | None, memo: dict, tables: dict,
           same: dict) -> ir.Program:
    """:func:`lower`, reusing and adding to the ``memo`` of clauses lowered and the symbol
    ``tables`` of a program lowered before from the same documents, and keeping them with the
    program; ``same``: the ``id`` of each document of this agreement that is one of that
    program's but for its end, to that one's (it reads the same symbol table)."""
    dates = dates or {}
    versions = agreement.versions
    bounds, changes = [], set()
    for text in agreement.incorporated:  # each version of an incorporated document
        changes.update(_window(*agreement.version_bounds(text)))
    for version in versions:
        schedules = [s for s in agreement.schedules if s.schedule_for == version.title]
        start, end = agreement.version_bounds(version)
        bounds.append((start, end))
        changes.update(_window(start, end))
        for doc in (version, *schedules, *agreement.incorporated):
            for clause in doc.clauses:
                changes.update(_window(clause.valid_from, clause.valid_until))
                changes.update(date for _, date in _conditions(clause, memo)[1])
                if clause.survives and version.terminates:
                    last = survival_end(clause.survives, version.terminates, dates)
                    if last is not None:
                        changes.add(_next_day(last))
            for tier in doc.tiers:
                changes.update(_window(tier.valid_from, tier.valid_until))
    # nothing comes before the first day of the calendar, so no stretch ends before it
    ordered = sorted(d for d in changes if d is not None and d != _dt.date.min)
    starts = [None, *ordered]
    stretches = []
    # ``memo``: a clause lowered once, reused by every stretch it is the same in; ``tables``:
    # a symbol table (with its index) per version and set of documents read with it
    since = _since(agreement, versions, bounds, memo)
    for index, start in enumerate(starts):
        end = ordered[index] - DAY if index < len(ordered) else None
        stretches.append(_stretch(agreement, versions, tables, bounds, start, end, memo, dates,
                                  since, unresolved, same))
    program = ir.Program(title=agreement.title, changes=tuple(ordered),
                         stretches=tuple(stretches),
                         symbols=tuple(table for _, table in tables.values()))
    program.runtime["agreement"] = agreement
    program.runtime["lowering"] = (memo, tables)
    program.runtime["survival_facts"] = frozenset(
        name for doc in agreement.documents for clause in doc.clauses
        if clause.survives is not None and clause.survives.event is not None
        for name in clause.survives.event.facts)
    return program


_ENDINGS = 64  # the programs of early endings kept per program (one per date)


def ended(program: ir.Program, day: _dt.date | None, dates=()) -> ir.Program:
    """The program of the agreement as it stands for one licensee: whose agreement ended early,
    ``day`` being its last day in force (None: it did not), and whose usage dates the facts
    ``dates`` ((fact, day or None) pairs) that the clauses' survival is counted from. The
    version in force on ``day`` terminates then (as if its text said `terminates`), and no
    later version ever binds the licensee. Lowered once per ending and kept with
    ``program``."""
    kept = program.runtime.setdefault("ended", {})
    key = (day, tuple(dates))
    found = kept.get(key)
    if found is None:
        if len(kept) >= _ENDINGS:
            kept.clear()
        agreement, same = ending(program.runtime["agreement"], day)
        # its clauses lowered as the program's are, and its symbol tables, are the program's
        found = kept[key] = _lower(agreement, dict(dates), None, *program.runtime["lowering"],
                                   same)
    return found


def ending(agreement: m.Agreement, day: _dt.date | None) -> tuple[m.Agreement, dict]:
    """The agreement as it stands for a licensee whose agreement ended on ``day`` (None: it did
    not): the version in force then terminates on it, and no later version is read. With it,
    the ``id`` of the version that ends so, to the ``id`` of the version it was."""
    documents, own, same = [], {id(v) for v in agreement.versions}, {}
    for document in agreement.documents:
        # a version of the agreement (not a document it incorporates) ends with it
        if id(document) in own and day is not None:
            start, end = agreement.version_bounds(document)
            if start is not None and start > day:
                continue  # took effect after the licensee's agreement ended
            if end is None or end >= day:  # the version in force on the last day
                ended_ = attrs.evolve(document, terminates=day)
                same[id(ended_)] = id(document)
                document = ended_
        documents.append(document)
    ended_ = m.Agreement(documents=tuple(documents))
    # a document incorporated only by versions that never bound the licensee is not read, nor
    # taken for a version of the agreement itself
    unread = agreement.incorporated_titles - ended_.incorporated_titles
    if unread:
        ended_ = m.Agreement(documents=tuple(d for d in documents if d.title not in unread))
    return ended_, same


def _window(start, until):
    out = []
    if start:
        out.append(start)
    if until:
        out.append(_next_day(until))
    return out


def _next_day(day: _dt.date) -> _dt.date | None:
    """The day after ``day``; None after the last day of the calendar (nothing changes then)."""
    return None if day == _dt.date.max else day + DAY


def survival_end(survival: m.Survival, terminates: _dt.date, dates) -> _dt.date | None:
    """The last day a clause that survives the agreement's end on ``terminates`` binds: its
    duration after termination, or after the event it names (the facts' days in ``dates``,
    None for a fact stated without one), or after the latest that event can be where its
    date is not known; None when it has no end, or counts from an event that has not
    happened or whose date, and latest, are not known. Past the end of the calendar, its
    last day."""
    if survival.duration is None:
        return None
    start = terminates
    if survival.event is not None:
        known = {**dates, m.TERMINATION: terminates}
        happened, moment = ir.when(survival.event, known)
        if happened and moment is None:
            # its date is not known, but the latest it can be may be (the earlier of several,
            # some dated): the clause survives no longer than that long after it
            moment = ir.latest(survival.event, known)
        if not happened or moment is None:
            return None
        start = moment.date() if isinstance(moment, _dt.datetime) else moment
    return survival.duration.day_after(start) or _dt.date.max


def _since(agreement: m.Agreement, versions, bounds, memo: dict) -> list[dict]:
    """The day each clause of each version begins to bind: for each version (by its index),
    by id(clause). Its `from`, else the first day of its version (of a document the version
    incorporates, the later of that and the document's own), or of the versions before that
    hold the same clause without a break, under its id or another (a clause renumbered binds
    on). A duty counted from an event (or recurring) is owed from it."""
    out: list[dict] = []
    previous: dict = {}
    incorporated = agreement.incorporated
    for index, version in enumerate(versions):
        out.append({})
        start, _ = bounds[index]
        follows = index > 0 and bounds[index - 1][1] is not None and start is not None and \
            bounds[index - 1][1] + DAY == start
        current = {}
        for doc in (version, *(s for s in agreement.schedules
                               if s.schedule_for == version.title), *incorporated):
            first = start
            if any(doc is d for d in incorporated):  # read from its own first day, if later
                own = agreement.version_bounds(doc)[0]
                first = own if first is None or (own is not None and own > first) else first
            for clause in doc.clauses:
                begins = clause.valid_from or first
                if clause.valid_from is None and follows:
                    before = previous.get(clause.id)
                    if before is None or not _same(before[0], clause, memo):
                        # (renumbered: the clause of the version before that says the same)
                        before = next((b for b in previous.values() if b[0].id != clause.id
                                       and _same(b[0], clause, memo)), before)
                    if before is not None and _same(before[0], clause, memo):
                        begins = before[1]
                current[clause.id] = (clause, begins)
                out[index][id(clause)] = begins
        previous = current
    return out


def _same(one: m.Clause, other: m.Clause, memo: dict) -> bool:
    """Whether two clauses (of consecutive versions) say the same: compared once, field by
    field, and kept in ``memo``. An id and a title are only names: a clause given a new
    number or title says the same."""
    key = ("same", id(one), id(other))
    found = memo.get(key)
    if found is None:
        found = memo[key] = one == (other if one.title == other.title and one.id == other.id
                                    else attrs.evolve(other, id=one.id, title=one.title))
    return found


def _stretch(agreement, versions, tables, bounds, start, end, memo, dates, since,
             unresolved, same) -> ir.Stretch:
    day = start or _dt.date.min
    index = next((i for i in reversed(range(len(versions)))
                  if (bounds[i][0] is None or bounds[i][0] <= day)
                  and (bounds[i][1] is None or day <= bounds[i][1])), None)
    state = "in-force"
    if index is None:
        index = next((i for i in reversed(range(len(versions)))
                      if versions[i].terminates is not None and versions[i].terminates < day),
                     None)
        state = "surviving"
    if index is None:
        return ir.Stretch(start=start, end=end, state="none")
    version = versions[index]
    # The documents the version incorporates are read as part of it: those in force on the day
    # (after a termination, those in force when it ended). Its schedules are read with it.
    read = agreement.read_with(version, day if state == "in-force" else version.terminates)
    texts = (version, *(doc for doc, _, _ in read))
    schedules = [s for s in agreement.schedules if s.schedule_for == version.title]
    key = tuple(same.get(id(doc), id(doc)) for doc in (*texts, *schedules))
    if key not in tables:
        tables[key] = (len(tables), SymbolTable([*texts, *schedules]))
    table_index, table = tables[key]
    # the tiers offered on the day: a tier whose window does not hold it is no usage's then
    offered = frozenset(name for name, tier in table.tiers.items()
                        if (tier.valid_from is None or tier.valid_from <= day)
                        and (tier.valid_until is None or day <= tier.valid_until))
    lowering = _Lowering(table, day, since[index],
                         None if len(offered) == len(table.tiers) else offered,
                         memo.setdefault(("table", table_index), {}))

    def in_force(clause) -> bool:
        if state == "surviving":
            if clause.survives is None:
                return False
            last = survival_end(clause.survives, version.terminates, dates)
            if last is not None and day > last:
                return False
        return ((clause.valid_from is None or clause.valid_from <= day) and
                (clause.valid_until is None or day <= clause.valid_until))

    # A usage is the licensee's: clauses that bind the licensor do not decide it. Clauses of a
    # schedule bind that schedule's licensee: they apply to usages of its apps only.
    clauses = [(c, None) for doc in texts for c in doc.clauses]
    for schedule in schedules:
        only = memo.get((index, id(schedule)))
        if only is None:
            only = memo[(index, id(schedule))] = ir.AppIn(
                test="scheduled", name=schedule.title,
                apps=frozenset(a.name for a in schedule.apps), span=schedule.span)
        clauses += [(c, only) for c in schedule.clauses]
    # the clauses in force, sorted in one pass (each kept in the order written): those that
    # decide a usage, the incorporations, the licensor's permissions, prohibitions and limits
    # (what it may still do, and within what; never read to decide a usage), the caps
    deciding, incorporations, reserved, capping = [], [], [], []
    for c, only in clauses:
        if not in_force(c):
            continue
        if isinstance(c, m.LiabilityCap):
            capping.append((c, only))
        elif isinstance(c, m.Incorporation):
            if read:
                incorporations.append(c)
        elif c.party == "licensee":
            deciding.append((c, only))
        elif c.party == "licensor" and isinstance(c, (m.Permission, m.Prohibition, m.Limit)):
            reserved.append((c, only))
    clauses = deciding
    lifted: dict[str, set[str]] = {}
    by_id = {c.id: c for c, _ in clauses}
    for clause, _ in clauses:
        if isinstance(clause, (m.Prohibition, m.Limit)):
            for ident in clause.exceptions:
                if isinstance(by_id.get(ident), m.Permission):
                    lifted.setdefault(clause.id, set()).add(ident)
        if isinstance(clause, m.Permission):
            for ident in clause.notwithstanding:
                lifted.setdefault(ident, set()).add(clause.id)
    conflicts = {}
    if read:  # the clauses of documents read together may conflict
        title_of = {id(c): doc.title for doc in texts for c in doc.clauses}
        conflicts = _settle([(c, title_of[id(c)]) for c, only in clauses + reserved + capping
                             if only is None],
                            [(c, title_of[id(c)]) for c in incorporations], lowering, day, memo,
                            unresolved)

    def lower_once(clause, only, exceptions, settled=()):
        """The clause lowered, or the same clause lowered before with the same symbol table,
        dated conditions, exceptions and conflicts."""
        key = (table_index, id(clause), _dated(clause, day, memo, lowering.offered), exceptions,
               settled)
        item = memo.get(key)
        if item is None:
            item = memo[key] = lowering.clause(clause, only, exceptions, settled)
        return item

    lowered = {ir.Rule: [], ir.LimitRule: [], ir.DutyRule: [], ir.FeeRule: [],
               ir.ChargeRule: []}
    for clause, only in clauses:
        lifting = lifted.get(clause.id)
        item = lower_once(clause, only, tuple(sorted(lifting)) if lifting else (),
                          conflicts.get(id(clause), ()))
        lowered[type(item)].append(item)
    licensor = [lower_once(clause, only, (), conflicts.get(id(clause), ()))
                for clause, only in reserved]
    caps = [lower_once(clause, only, (), conflicts.get(id(clause), ()))
            for clause, only in capping]
    permits = [r for r in lowered[ir.Rule] if r.effect == "permit"]
    forbids = [r for r in lowered[ir.Rule] if r.effect == "forbid"]
    limits, duties, fees = lowered[ir.LimitRule], lowered[ir.DutyRule], lowered[ir.FeeRule]
    earning, prices = [], []
    if state == "in-force":
        for tier in table.tiers.values():
            if in_force(tier):
                limits.extend(lowering.limit(f"tier {tier.name}", tier.title, a.action,
                                             a.quantity, a.window, a.scope, tier.name, None,
                                             None, (), a.span) for a in tier.allowances)
                if tier.earning is not None:
                    earning.append(lowering.earning(tier))
                if tier.price is not None:
                    prices.append(lowering.price(tier))
    precedence = {c.precedence: None for item in (*permits, *forbids, *limits, *licensor, *caps)
                  for c in item.conflicts}
    return ir.Stretch(start=start, end=end, state=state, version=version.version,
                      version_index=table_index,
                      terminated=version.terminates if state == "surviving" else None,
                      terminates=version.terminates,
                      permits=tuple(permits), forbids=tuple(forbids), limits=tuple(limits),
                      duties=tuple(duties), licensor=tuple(licensor), fees=tuple(fees),
                      charges=tuple(lowered[ir.ChargeRule]), caps=tuple(caps),
                      earning=tuple(earning), prices=tuple(prices),
                      precedence=tuple(precedence))


def _settle(entries, incorporations, lowering, day, memo, unresolved) -> dict:
    """The conflicts of each clause (by ``id``) with clauses of other documents read with it,
    each with the precedence declared between the two documents by an incorporation clause in
    force; a conflict no precedence settles is added to ``unresolved`` (when a list)."""
    declared: dict[frozenset, tuple] = {}
    for clause, holder in incorporations:
        if clause.prevailing is None:
            continue
        for title in clause.documents:
            if title != holder:
                declared.setdefault(frozenset((holder, title)), (clause, holder, title))
    settled: dict[int, list] = {}
    for one, own, other, theirs in conflicts(entries, lowering.symbols):
        found = declared.get(frozenset((own, theirs)))
        if found is None:
            if unresolved is not None:
                unresolved.append((one, own, other, theirs))
            continue
        clause, holder, title = found
        key = ("precedence", id(clause), holder, title,
               _dated(clause, day, memo, lowering.offered))
        precedence = memo.get(key)
        if precedence is None:
            prevailing, yielding = (title, holder) if clause.prevailing == "incorporated" \
                else (holder, title)
            precedence = memo[key] = ir.Precedence(
                clause=clause.id, title=clause.title, prevailing=prevailing, yielding=yielding,
                guard=lowering.joined(clause.when, clause.unless), span=clause.span)
        settled.setdefault(id(one), []).append(ir.Conflict(
            other=other.id, document=theirs, own=own, precedence=precedence))
        settled.setdefault(id(other), []).append(ir.Conflict(
            other=one.id, document=own, own=theirs, precedence=precedence))
    return {key: tuple(found) for key, found in settled.items()}


def _conditions(clause: m.Clause, memo: dict) -> tuple:
    """The clause, the date conditions of its `when` and `unless` ((whether it is `before`,
    its date), in the order written), and whether a condition names a tier: found once per
    clause and kept in ``memo``."""
    found = memo.get(("dates", id(clause)))
    if found is None:
        nodes = [node for cond in (clause.when, clause.unless) if cond is not None
                 for node in cond.walk()]
        found = memo["dates", id(clause)] = (clause, tuple(
            (isinstance(node, m.DateBefore), node.date) for node in nodes
            if isinstance(node, (m.DateBefore, m.DateFrom))),
            any(isinstance(node, (m.Subscribed, m.TierIs)) for node in nodes))
    return found


def _dated(clause: m.Clause, day: _dt.date, memo: dict, offered: frozenset | None) -> tuple:
    """What the clause's date conditions say on ``day``, and (where a condition names a tier)
    the tiers ``offered`` then (None: every tier): all its lowering depends on the day."""
    found = _conditions(clause, memo)
    said = tuple(day < date if before else day >= date for before, date in found[1]) \
        if found[1] else ()
    return (*said, offered) if found[2] else said


class _Lowering:
    """Resolves one clause's names against the symbol table in force on ``day``."""

    def __init__(self, symbols: SymbolTable, day: _dt.date, since: dict,
                 offered: frozenset[str] | None = None, kept: dict | None = None):
        self.symbols, self.day = symbols, day
        self.offered = offered  # the tiers offered on the day, where not every tier is
        self.since = since  # id(clause) -> the first day it binds
        # what the symbol table alone decides (an activity's scope, a name's test), lowered
        # once for every stretch that reads the table: id(record) -> (record, lowered)
        self.kept = {} if kept is None else kept
        self._counts: tuple | None = None  # the licensee's apps per purpose, counted once

    def clause(self, clause: m.Clause, only: ir.Guard | None, exceptions: tuple[str, ...],
               conflicts: tuple[ir.Conflict, ...] = ()):
        """A clause in normal form: a Rule, a LimitRule, a DutyRule, a FeeRule, a ChargeRule or
        a CapRule."""
        when, unless = self.guard(clause.when, only), self.guard(clause.unless)
        if isinstance(clause, (m.Permission, m.Prohibition)):
            permit = isinstance(clause, m.Permission)
            provisos = tuple(self.duty(clause, p.duty, p.deadline, None, p.span)
                             for p in clause.provisos if p.party == "licensee") if permit else ()
            return ir.Rule(
                clause=clause.id, title=clause.title, effect="permit" if permit else "forbid",
                scope=self.scope(clause.activity), guard=when, unless=unless,
                lifted_by=() if permit else exceptions, provisos=provisos,
                conflicts=conflicts, span=clause.span)
        if isinstance(clause, m.Limit):
            return self.limit(clause.id, clause.title, clause.action, clause.quantity,
                              clause.window, clause.scope, None, when, unless, exceptions,
                              clause.span, per=clause.per, concurrent=clause.concurrent,
                              conflicts=conflicts, endpoint=clause.endpoint)
        if isinstance(clause, m.Fee):
            threshold = clause.threshold
            return ir.FeeRule(clause=clause.id, title=clause.title,
                              price=Fraction(clause.price.amount), currency=clause.price.unit,
                              per=Fraction(clause.per.amount),
                              unit=self.symbols.unit_of(clause.per.unit),
                              stated_unit=clause.per.unit, guard=when, unless=unless,
                              threshold=None if threshold is None else
                              Fraction(threshold.quantity.amount),
                              window=None if threshold is None else threshold.window,
                              beyond=threshold is None or threshold.beyond, span=clause.span)
        if isinstance(clause, m.LateCharge):
            return ir.ChargeRule(clause=clause.id, title=clause.title,
                                 percent=Fraction(clause.percent), period=clause.period,
                                 part=clause.part, guard=when, unless=unless, span=clause.span)
        if isinstance(clause, m.LiabilityCap):
            return ir.CapRule(clause=clause.id, title=clause.title, cap=self.cap(clause.cap),
                              party=clause.party, guard=when, unless=unless,
                              conflicts=conflicts, span=clause.span)
        return self.duty(clause, clause.duty, clause.deadline, when, clause.span, unless)

    def earning(self, tier: m.Tier) -> ir.EarningRule:
        quantity = tier.earning.quantity
        return ir.EarningRule(tier=tier.name, title=tier.title, amount=Fraction(quantity.amount),
                              currency=self.symbols.unit_of(quantity.unit), stated=quantity.unit,
                              span=tier.earning.span)

    def price(self, tier: m.Tier) -> ir.PriceRule:
        price = tier.price
        return ir.PriceRule(tier=tier.name, title=tier.title,
                            amount=Fraction(price.quantity.amount), currency=price.quantity.unit,
                            window=price.window, minimum=price.minimum,
                            guard=ir.TierIs(name=tier.name, span=price.span), span=price.span)

    def cap(self, cap: m.Cap) -> ir.Fixed | ir.AmountPaid | ir.Extreme:
        if isinstance(cap, m.Quantity):
            return ir.Fixed(amount=Fraction(cap.amount), currency=self.symbols.unit_of(cap.unit),
                            stated=cap.unit)
        if isinstance(cap, m.AmountPaid):
            return ir.AmountPaid(duration=cap.duration)
        return ir.Extreme(greater=cap.greater, operands=tuple(self.cap(op) for op in cap.operands))

    def covered(self, kind: str, names) -> frozenset[str]:
        return self.symbols.covered(kind, names)

    def app_counts(self) -> tuple[tuple[str, str, int], ...]:
        """For each app and each purpose some app of its licensee is approved for (or falls
        under a use case approved for it), how many of the licensee's apps are: counted once,
        for every `licensee has ... apps` condition."""
        found = self._counts
        if found is None:
            s, rows = self.symbols, []
            for app in s.apps:
                counted: dict[str, int] = {}
                for other in s.licensee_apps(app):
                    for purpose in s.approved_purposes(other):
                        counted[purpose] = counted.get(purpose, 0) + 1
                rows.extend((app, purpose, n) for purpose, n in sorted(counted.items()))
            found = self._counts = tuple(rows)
        return found

    def doing(self, name: str):
        """What a clause says is done, and what falls under it: an action or an act."""
        return self.covered(self.symbols.doing(name), [name])

    def scope(self, activity: m.Activity) -> ir.Scope:
        found = self.kept.get(id(activity))
        if found is None:
            found = self.kept[id(activity)] = (activity, self._scope(activity))
        return found[1]

    def _scope(self, activity: m.Activity) -> ir.Scope:
        return ir.Scope(
            actions=self.doing(activity.action),
            data=self.covered("data", [activity.data]) if activity.data is not None else None,
            purposes=self.covered("purpose", activity.purposes) if activity.purposes else None,
            approved=activity.approved_purpose,
            recipients=self.covered("recipient", activity.recipients)
            if activity.recipients else None,
            activity=activity)

    def limit(self, ident, title, action, quantity, window, scope, tier, when, unless,
              exceptions, span, per=None, concurrent=False, conflicts=(),
              endpoint=None) -> ir.LimitRule:
        keys = m.counted_keys(scope)
        return ir.LimitRule(clause=ident, title=title, actions=self.doing(action),
                            amount=Fraction(quantity.amount),
                            unit=self.symbols.unit_of(quantity.unit), stated_unit=quantity.unit,
                            window=window, per=None if per is None else self.symbols.unit_of(per),
                            stated_per=per, concurrent=concurrent,
                            scope=" and ".join(keys) or scope, tier=tier,
                            guard=when, unless=unless, lifted_by=exceptions, action=action,
                            keys=keys, holders=tuple(
                                key for key in keys if key in self.symbols.scopes
                                and self.symbols.scopes[key].holds_apps),
                            conflicts=conflicts,
                            endpoint=endpoint, endpoints=None if endpoint is None else
                            self.covered("endpoint", [endpoint]), span=span)

    def joined(self, when: m.Condition | None, unless: m.Condition | None) -> ir.Guard | None:
        """A clause's `when` and `unless` as one guard: the first holds and the second not."""
        return _both(self.guard(when), self.guard(unless))

    def duty(self, clause, name, deadline, when, span, unless=None) -> ir.DutyRule:
        term = self.symbols.terms["duty"].get(name)
        guard = _both(when, unless)
        shown_by = term.shown_by if isinstance(term, m.Duty) else None
        done_by = self.covered("act", [shown_by]) if shown_by in self.symbols.terms["act"] \
            else frozenset()
        return ir.DutyRule(clause=clause.id, title=clause.title, duty=name,
                           description=term.description if term else name,
                           shown_by=shown_by, deadline=self.deadline(deadline, clause),
                           guard=guard, done_by=frozenset(done_by), span=span)

    def deadline(self, deadline, clause: m.Clause) -> ir.Deadline:
        if isinstance(deadline, m.Within):
            return ir.Deadline(kind="within", after=deadline.event, duration=deadline.duration,
                               start=self.since.get(id(clause)))
        if isinstance(deadline, m.Upon):
            return ir.Deadline(kind="upon", after=deadline.event,
                               start=self.since.get(id(clause)))
        if isinstance(deadline, m.Every):
            return ir.Deadline(kind="every", after=deadline.event, duration=deadline.duration,
                               start=self.since.get(id(clause)))
        if isinstance(deadline, m.WithinJudged):
            return ir.Deadline(kind="judged", event=deadline.event, standard=deadline.standard,
                               start=self.since.get(id(clause)))
        if isinstance(deadline, m.Before):
            if deadline.event in self.symbols.terms["action"] or \
                    deadline.event in self.symbols.terms["act"]:
                return ir.Deadline(kind="before-action", event=deadline.event,
                                   actions=self.doing(deadline.event))
            return ir.Deadline(kind="before-fact", event=deadline.event,
                               start=self.since.get(id(clause)))
        if isinstance(deadline, m.By):
            return ir.Deadline(kind="by", date=deadline.date)
        return ir.Deadline(kind="none")

    def guard(self, cond: m.Condition | None, only: ir.Guard | None = None) -> ir.Guard | None:
        """A clause's condition as a guard; ``only`` is a further condition it must meet."""
        lowered = None if cond is None else self.node(cond)
        if only is None:
            return lowered
        return only if lowered is None else ir.All(operands=(only, lowered))

    def node(self, cond: m.Condition) -> ir.Guard:
        """A condition as a guard, the operators (the most common nodes) found first."""
        span, s = cond.span, self.symbols
        if isinstance(cond, m.Not):
            return ir.Not(operand=self.node(cond.operand), span=span)
        if isinstance(cond, m.All):
            return ir.All(operands=tuple(self.node(op) for op in cond.operands), span=span)
        if isinstance(cond, m.Any):
            return ir.Any(operands=tuple(self.node(op) for op in cond.operands), span=span)
        if isinstance(cond, m.TermIs):
            found = self.kept.get(id(cond))
            if found is None:
                covers = frozenset((cond.name,)) if cond.subject == "app" else \
                    self.covered(cond.subject, [cond.name])
                found = self.kept[id(cond)] = (cond, ir.Is(
                    subject=cond.subject, name=cond.name, covers=covers, span=span))
            return found[1]
        if isinstance(cond, m.PurposeApproved):
            return ir.Approved(span=span)
        if isinstance(cond, m.Subscribed):
            return ir.Subscribed(tiers=self.offered, span=span)
        if isinstance(cond, m.TierIs):
            return ir.TierIs(name=cond.name, span=span,
                             offered=self.offered is None or cond.name in self.offered)
        if isinstance(cond, m.DateBefore):
            return ir.Const(value=self.day < cond.date, about="date_before", date=cond.date,
                            span=span)
        if isinstance(cond, m.DateFrom):
            return ir.Const(value=self.day >= cond.date, about="date_from", date=cond.date,
                            span=span)
        if isinstance(cond, m.AppLabelled):
            apps = frozenset(a.name for a in s.apps.values() if cond.label in a.labels)
            return ir.AppIn(test="labelled", name=cond.label, apps=apps, span=span)
        if isinstance(cond, m.AppServes):
            apps = frozenset(a.name for a in s.apps.values()
                             if any(s.under("recipient", r, cond.recipient) for r in a.serving))
            return ir.AppIn(test="serves", name=cond.recipient, apps=apps, span=span)
        if isinstance(cond, m.FactHolds):
            if cond.name in s.terms["standard"]:
                return ir.Standard(name=cond.name, span=span)
            return ir.Fact(name=cond.name, span=span)
        if isinstance(cond, m.AttributeIs):
            return ir.AttributeIs(party=cond.party, name=cond.name, span=span)
        if isinstance(cond, m.MeasureIs):
            return ir.MeasureIs(party=cond.party, name=cond.name, comparison=cond.comparison,
                                amount=Fraction(cond.amount), span=span)
        if isinstance(cond, m.DateGap):
            return ir.DateGap(first=cond.first, comparison=cond.comparison,
                              duration=cond.duration, second=cond.second, span=span)
        if isinstance(cond, m.SameWindow):
            return ir.SameWindow(first=cond.first, unit=cond.unit, second=cond.second,
                                 span=span)
        if isinstance(cond, m.AppsFor):
            return ir.AppsFor(comparison=cond.comparison, amount=Fraction(cond.amount),
                              counts=self.app_counts(), span=span)
        raise TypeError(f"unknown condition {cond!r}")


def _both(when: ir.Guard | None, unless: ir.Guard | None) -> ir.Guard | None:
    """A guard that holds when ``when`` does (or there is none) and ``unless`` does not."""
    if unless is None:
        return when
    return ir.Not(operand=unless) if when is None else \
        ir.All(operands=(when, ir.Not(operand=unless)))
