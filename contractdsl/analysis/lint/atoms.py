"""Whether conditions can hold, decided exactly over the atoms of the IR.

The names a usage may state are finite (the vocabularies, the apps, the tiers, the facts), and
the rules in question tell only a few classes of them apart: two purposes that fall in the same
covers of every rule and condition are alike to them. :func:`points` gives one usage's facts
(an :class:`~contractdsl.semantics.ir.Facts`) per combination of those classes, so a question
about the rules ("can this guard hold?", "does every usage this permission covers meet a
prohibition?") is answered by asking the IR's own ``holds`` of each point.
"""

from __future__ import annotations

import datetime as _dt
from itertools import product

import attrs

from ...evaluation.decide import YES_NO, answers_for, mismatch
from ...semantics import ir

# Past this many points a question is left unanswered (no finding), never guessed.
MOST_POINTS = 50_000
MOST_FACTS = 10


class _Atoms:
    """The sets that tell a usage's names apart, gathered from rules and guards."""

    def __init__(self):
        self.sets = {"action": [], "data": [], "purpose": [], "recipient": [], "app": []}
        self.tiers: set[str] = set()
        self.approval = False
        self.facts: set[str] = set()
        self.standards: set[str] = set()  # found met or not, as a fact is stated or not
        self.compared: set[tuple] = set()  # comparisons of dates, holding or not
        # the parties' attributes and measures: what their conditions compare them with
        self.parties: dict[tuple[str, str], set] = {}

    def item(self, item) -> None:
        if isinstance(item, ir.Rule):
            scope = item.scope
            self.sets["action"].append(scope.actions)
            for subject, names in (("data", scope.data), ("purpose", scope.purposes),
                                   ("recipient", scope.recipients)):
                if names is not None:
                    self.sets[subject].append(names)
            self.approval |= scope.approved
            for duty in item.provisos:
                self.item(duty)
        elif isinstance(item, ir.LimitRule):
            self.sets["action"].append(item.actions)
            if item.tier is not None:
                self.tiers.add(item.tier)
        elif isinstance(item, ir.DutyRule):
            if item.deadline.actions:
                self.sets["action"].append(item.deadline.actions)
        for guard in (getattr(item, "guard", None), getattr(item, "unless", None)):
            if guard is not None:
                self.guard(guard)

    def guard(self, guard: ir.Guard) -> None:
        if isinstance(guard, ir.Is):
            self.sets[guard.subject].append(guard.covers)
        elif isinstance(guard, ir.AppIn):
            self.sets["app"].append(guard.apps)
        elif isinstance(guard, ir.Approved):
            self.approval = True
        elif isinstance(guard, ir.Subscribed):
            if guard.tiers is not None:  # (a tier offered, and one not, are told apart)
                self.tiers.update(guard.tiers)
        elif isinstance(guard, ir.TierIs):
            self.tiers.add(guard.name)
        elif isinstance(guard, ir.Fact):
            self.facts.add(guard.name)
        elif isinstance(guard, ir.Standard):
            self.standards.add(guard.name)
        elif isinstance(guard, (ir.DateGap, ir.SameWindow)):
            self.compared.add(guard.key)
        elif isinstance(guard, (ir.AttributeIs, ir.MeasureIs)):
            self.parties.setdefault((guard.party, guard.name), set()).add(
                guard.amount if isinstance(guard, ir.MeasureIs) else YES_NO)
        elif isinstance(guard, ir.AppsFor):
            # apps and purposes told apart by how many of the licensee's apps are approved
            grouped: dict = {}
            for app, purpose, count in guard.counts:
                grouped.setdefault(("purpose", app, count), set()).add(purpose)
                grouped.setdefault(("app", purpose, count), set()).add(app)
            for (kind, *_), names in grouped.items():
                self.sets[kind].append(frozenset(names))
        elif isinstance(guard, ir.Not):
            self.guard(guard.operand)
        elif isinstance(guard, (ir.All, ir.Any)):
            for operand in guard.operands:
                self.guard(operand)


def _classes(domain, sets, key=None) -> list:
    """One name of ``domain`` per class of names that ``sets`` (and ``key``) tell apart, the
    first of each class in the domain's order."""
    seen: dict = {}
    for name in domain:
        signature = tuple(name in s for s in sets)
        if key is not None:
            signature += (key(name),)
        seen.setdefault(signature, name)
    return list(seen.values())


def points(symbols, items, facts=(), inside: ir.Rule | None = None):
    """A usage's facts for each class of usages that ``items`` (rules, limits, duties, guards)
    tell apart in a stretch whose symbol table is ``symbols``, made as they are read;
    ``facts``: fact names to tell apart too; ``inside``: only usages within that rule's scope.
    None when there would be more than :data:`MOST_POINTS`."""
    atoms = _Atoms()
    for item in items:
        if isinstance(item, ir.Guard):
            atoms.guard(item)
        else:
            atoms.item(item)
    atoms.facts.update(facts)
    if len(atoms.facts) + len(atoms.standards) + len(atoms.compared) > MOST_FACTS:
        return None
    order = {kind: symbols.hierarchies[kind].order for kind in ("action", "act", "data",
                                                                   "purpose", "recipient")}
    apps = list(symbols.apps)
    approved = symbols.approved_purposes
    sets = atoms.sets
    # without any action or data defined, a usage names none
    # what a usage does: an action, or an act (which uses no data)
    domains = {"action": (order["action"] or [None]) + order["act"],
               "data": order["data"] or [None],
               "purpose": [None, *order["purpose"]], "recipient": [None, *order["recipient"]]}
    if inside is not None:
        scope = inside.scope
        for kind, names in (("action", scope.actions), ("data", scope.data),
                            ("purpose", scope.purposes), ("recipient", scope.recipients)):
            if names is not None:
                domains[kind] = [name for name in domains[kind] if name in names]
    actions = _classes(domains["action"], sets["action"])
    data = _classes(domains["data"], sets["data"])
    recipients = _classes(domains["recipient"], sets["recipient"])
    purpose_sets = list(sets["purpose"])
    app_key = None
    if atoms.approval:
        purpose_sets += [approved(app) for app in apps]
        app_key = lambda app: None if app is None else approved(app)  # noqa: E731
    purposes = _classes(domains["purpose"], purpose_sets)
    app_names = _classes([None, *apps], sets["app"], app_key)
    named = sorted(atoms.tiers & set(symbols.tiers))
    others = [t for t in symbols.tiers if t not in atoms.tiers][:1]
    tiers = [None, *named, *others]
    # facts stated and standards found met, told apart by kind
    fact_names = [("fact", n) for n in sorted(atoms.facts)] + \
        [("standard", n) for n in sorted(atoms.standards)] + \
        [("compared", key) for key in sorted(atoms.compared)]
    subsets = [frozenset(n for n, on in zip(fact_names, bits) if on)
               for bits in product((False, True), repeat=len(fact_names))]
    # the parties' attributes and measures: each value that answers their comparisons alike
    keys = sorted(atoms.parties)
    values: list[dict] = [{}]
    for key in keys:
        values = [{**known, key: value} for known in values
                  for value in answers_for(atoms.parties[key])]
    size = len(actions) * len(data) * len(recipients) * len(purposes) * len(app_names) * \
        len(tiers) * len(subsets) * len(values)
    if size > MOST_POINTS:
        return None
    return _made(app_names, purposes, actions, data, recipients, tiers, subsets, approved,
                 values, frozenset(order["act"]), sorted(atoms.compared))


def _made(app_names, purposes, actions, data, recipients, tiers, subsets, approved, values,
          acts, compared):
    parties = [({n: v for (p, n), v in known.items() if p == "licensee"},
                {n: v for (p, n), v in known.items() if p == "user"}) for known in values]
    for app, purpose in product(app_names, purposes):
        ok = app is not None and purpose is not None and purpose in approved(app)
        for action, datum, recipient, tier, chosen, (licensee, user) in product(
                actions, data, recipients, tiers, subsets, parties):
            if action in acts:
                if datum is not data[0]:
                    continue
                datum = None
            stated = frozenset(n for kind, n in chosen if kind == "fact")
            found = frozenset(n for kind, n in chosen if kind == "standard")
            # a comparison of two facts' dates holds or not, whatever else is stated
            settled = {key: (("compared", key) in chosen) for key in compared}
            yield ir.Facts(app, action, datum, purpose, recipient, tier, stated, ok, found,
                           licensee, user, settled=settled)


def compared_facts(items) -> set[str]:
    """The facts whose dates the comparisons in ``items`` (rules, limits, duties) read."""
    atoms = _Atoms()
    for item in items:
        atoms.item(item)
    return {name for key in atoms.compared for name in (key[1], key[-1])}


def realisable(f: ir.Facts) -> bool:
    """Whether a usage can meet a point: each comparison of dates it says holds is of two
    facts it states (one not stated holds for no comparison)."""
    return all(f.facts.issuperset((key[1], key[-1])) for key, holds in f.settled.items()
               if holds)


def dated(stated, settled: dict, day: _dt.date) -> dict[str, _dt.date] | None:
    """A date, no later than ``day``, for each fact of ``stated`` that a comparison of dates in
    ``settled`` reads of two facts stated, such that each such comparison holds or not as
    ``settled`` says; {} where none is read; None where no such dates are found."""
    keys = [key for key in settled if key[1] in stated and key[-1] in stated]
    if not keys:
        return {}
    guards = [(ir.compared(key), settled[key]) for key in keys]
    names = list(dict.fromkeys(n for g, _ in guards for n in (g.first, g.second)))
    # far enough back that every date worked out from another stays no later than ``day``
    back = sum(_span(g, day) + 1 for g, _ in guards) + 400 * len(guards) + 1
    anchor = day - _dt.timedelta(days=back) if day.toordinal() > back else None
    if anchor is None:
        return None
    found: dict[str, _dt.date] = {}

    def fits() -> bool:
        return all(g.compare(found[g.first], found[g.second]) is holds for g, holds in guards
                   if g.first in found and g.second in found)

    def assign(i: int) -> bool:
        if i == len(names):
            return True
        name = names[i]
        for when in dict.fromkeys(_candidates(name, guards, found, anchor)):
            if when > day:
                continue
            found[name] = when
            if fits() and assign(i + 1):
                return True
            del found[name]
        return False

    return dict(found) if assign(0) else None


def _span(guard, day: _dt.date) -> int:
    """About how many days a comparison's duration spans (0 for a calendar window)."""
    if not isinstance(guard, ir.DateGap):
        return 0
    after = guard.duration.day_after(day)
    return (after - day).days if after is not None else 0


def _candidates(name: str, guards, found: dict, anchor: _dt.date):
    """Dates to try for ``name``: around where each comparison with a fact already dated puts
    it on either side of the comparison, else ``anchor``."""
    near = _dt.timedelta
    for guard, _ in guards:
        if isinstance(guard, ir.DateGap):
            if guard.second == name and guard.first in found:
                due = guard.duration.day_after(found[guard.first])
                if due is not None:
                    yield from (due - near(days=1), due, due + near(days=1))
            if guard.first == name and guard.second in found:
                other = found[guard.second]
                start = other - near(days=_span(guard, other))
                yield from (start + near(days=k) for k in range(-4, 5))
        elif name in (guard.first, guard.second):
            other = found.get(guard.second if guard.first == name else guard.first)
            if other is not None:
                yield from (other, other - near(days=40), other - near(days=400))
    yield anchor


def applies(item, f: ir.Facts) -> bool:
    """Whether a rule, limit or duty of the IR applies to a usage's facts, by the IR's meaning
    (a permission's provisos and a prohibition's exceptions aside)."""
    if isinstance(item, ir.Rule):
        return f.action in item.scope.actions and mismatch(item, f) is None
    if isinstance(item, ir.LimitRule):
        if f.action not in item.actions or (item.tier is not None and f.tier != item.tier):
            return False
    return ir.holds(item.guard, f) and not (getattr(item, "unless", None) is not None
                                            and item.unless.holds(f))


def _open_guard(guard: ir.Guard | None) -> ir.Guard | None:
    if isinstance(guard, ir.AppIn) and guard.test in ("labelled", "serves"):
        return ir.Fact(name=f"app {guard.test} {guard.name}")
    if isinstance(guard, ir.Approved):
        return ir.Fact(name="app approves purpose")
    if isinstance(guard, ir.AppsFor):
        # how many of the licensee's apps are approved for the purpose: any number, once a
        # schedule registers them (a number of the licensee, compared as a measure is)
        return ir.MeasureIs(party="licensee", name="apps approved for the purpose",
                            comparison=guard.comparison, amount=guard.amount)
    if isinstance(guard, ir.Not):
        return ir.Not(operand=_open_guard(guard.operand))
    if isinstance(guard, (ir.All, ir.Any)):
        return type(guard)(operands=tuple(_open_guard(op) for op in guard.operands))
    return guard


def unscheduled(item):
    """The item as it reads for an app that no schedule registers yet, whose labels, end users
    and approved use cases may be any, as may the number of its licensee's apps approved for
    a purpose: those conditions become free atoms of their own."""
    changes = {}
    for name in ("guard", "unless"):
        if getattr(item, name, None) is not None:
            changes[name] = _open_guard(getattr(item, name))
    if isinstance(item, ir.Rule) and item.scope.approved:
        approved = ir.Fact(name="app approves purpose")
        changes["scope"] = attrs.evolve(item.scope, approved=False)
        guard = changes.get("guard", item.guard)
        changes["guard"] = approved if guard is None else ir.All(operands=(approved, guard))
    return attrs.evolve(item, **changes) if changes else item
