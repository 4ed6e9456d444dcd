"""Program (IR) and Usage to outcome: the evaluator, faithful to docs/semantics.md.

It reads the IR alone. Without a trace it finds only the outcome; with one (``trace=True``)
the same code also records what decided it, as events that :mod:`.explain` puts into words.
"""

from __future__ import annotations

import datetime as _dt
import functools
import itertools
import math
from bisect import bisect_right
from collections.abc import Callable
from fractions import Fraction

import attrs

from .. import model as m
from ..decision import DENIED, PERMITTED, SEVERITY, UNDETERMINED
from ..errors import UsageError, defined_help, did_you_mean
from ..limits import MAX_OPEN_COMBINATIONS
from ..semantics import ir
from ..semantics.lower import ended
from ..usage import KEY, Usage, bounds, day_of, known, name_checks, usage_problem, validate
from .arithmetic import count_windows, rate_over, rate_ratio, windows_between

DAY = _dt.timedelta(days=1)
_ROWS_PER_STRETCH = 65536  # distinct usage terms kept per stretch of time


def worse(a: str, b: str) -> str:
    """The worse of two outcomes: denied, then undetermined, then permitted."""
    return a if SEVERITY[a] >= SEVERITY[b] else b


# ---- what a usage's terms decide in one stretch ----------------------------------------------


class Judged:
    """What a usage's terms (all but its amounts and dates) decide in one stretch: the outcome
    so far, the limits and duties that apply, and (traced) the events that decided it."""

    __slots__ = ("outcome", "limits", "pending", "timed", "action", "data", "dynamic", "events",
                 "stretch", "symbols", "earning", "licensing", "provided", "since")

    def __init__(self, outcome, stretch, limits=(), pending=(), action=None, data=None,
                 events=None, symbols=None, usage=None, earning=None, licensing=(),
                 provided=None, since=None):
        self.stretch, self.symbols = stretch, symbols
        # each cap in total -> the first day of the stretches up to this one that hold it
        # unbroken (see `_since`): it counts what was done from that day
        self.since = since or {}
        self.limits, self.pending = tuple(limits), tuple(pending)
        # id(limit) -> the permissions that lift it, each with provisos, for each recipient
        # (a tuple of such tuples): the limit binds the usage unless it keeps the provisos of
        # one of them for each (see `Tally.provided`)
        self.provided = provided or {}
        # the provisos the usage owes, each entry a choice among permissions (each with its
        # provisos): the usage may rely on any one of them, so a breach denies it only where
        # each has a proviso breached (one permission: its provisos are owed)
        self.licensing = licensing
        self.action, self.data, self.events = action, data, events
        self.outcome = outcome
        # the rule that earns the usage's tier, which its payments decide
        self.earning = earning
        # the duties whose finding may deny the usage or leave it undetermined, whatever its
        # dates (the others are not triggered, pending or met): the outcome judges these alone
        self.timed = ()
        if outcome == DENIED or not (limits or pending or earning):
            self.dynamic = False  # a denied usage needs no more work
            return
        terminates, refuses, stated = stretch.terminates, usage.refuses, usage.stated_names()
        self.timed = tuple(duty for duty in self.pending
                           if _may_decide(duty, refuses, stated, action, terminates))
        # Whether amounts or dates may decide more (see Tally): what earns the usage's tier, a
        # limit in a unit the usage states a volume in, an allowance of zero, a duty whose
        # finding may decide.
        self.dynamic = True
        if earning is not None:
            return
        if self.limits:
            units = {symbols.unit_of(v.unit) for v in usage.volume}
            money = {unit for unit in units if (found := symbols.unit_names.get(unit))
                     is not None and found.dimension == "money"}
            for lim in self.limits:
                if lim.unit in units or lim.amount == 0 or money and (
                        found := symbols.unit_names.get(lim.unit)) is not None and \
                        found.dimension == "money":
                    return
        self.dynamic = bool(self.timed)

    @property
    def earned(self) -> tuple:
        """The rule that earns the usage's tier, as a tuple of none or one (it binds across
        parts as a limit does; see :func:`reaches`)."""
        return () if self.earning is None else (self.earning,)


def mismatch(rule: ir.Rule, f: ir.Facts) -> str | None:
    """The first facet of a rule that does not cover the usage (its action aside), or None
    when the rule applies: data, purpose, approved, recipient, when, unless."""
    scope = rule.scope
    if scope.data is not None and f.data not in scope.data:
        return "data"
    if scope.purposes is not None and f.purpose not in scope.purposes:
        return "purpose"
    if scope.approved and not f.approved:
        return "approved"
    if scope.recipients is not None and f.recipient not in scope.recipients:
        return "recipient"
    if rule.guard is not None and not rule.guard.holds(f):
        return "when"
    if rule.unless is not None and rule.unless.holds(f):
        return "unless"
    return None


def conditions_hold(item, f: ir.Facts) -> bool:
    """Whether an item's `when` holds and its `unless` does not."""
    return (item.guard is None or item.guard.holds(f)) and \
        (getattr(item, "unless", None) is None or not item.unless.holds(f))


class RuleIndex:
    """The rules of one stretch (permissions or prohibitions) indexed by facet, as bit sets
    (bit ``i`` is rule ``i``): :meth:`matching` gives the rules that apply to a usage's
    facts (:meth:`covering` then :meth:`narrowed`), in the agreement's order, as
    :func:`mismatch` would find them one by one. ``unconditional``: the rules with no
    condition, exception or conflict; ``plain``: those with conditions but no exception or
    conflict (they apply wherever their conditions hold, whatever else applies); ``stated``:
    those of ``plain`` whose conditions ask no question a usage may leave open (they read its
    names, tier and facts alone), found where ``read`` gives what each guard asks (see
    :class:`_Questions`)."""

    __slots__ = ("rules", "by_action", "any_data", "by_data", "any_purpose", "by_purpose",
                 "needs_approval", "any_recipient", "by_recipient", "guarded", "unconditional",
                 "plain", "stated")

    def __init__(self, rules: tuple[ir.Rule, ...], read: dict | None = None):
        self.rules = rules
        self.by_action: dict[str, int] = {}
        self.by_data: dict[str, int] = {}
        self.by_purpose: dict[str, int] = {}
        self.by_recipient: dict[str, int] = {}
        self.any_data = self.any_purpose = self.any_recipient = 0
        self.needs_approval = self.guarded = self.unconditional = self.plain = self.stated = 0
        for i, rule in enumerate(rules):
            bit, scope = 1 << i, rule.scope
            _mark(self.by_action, scope.actions, bit)
            if scope.data is None:
                self.any_data |= bit
            else:
                _mark(self.by_data, scope.data, bit)
            if scope.purposes is None:
                self.any_purpose |= bit
            else:
                _mark(self.by_purpose, scope.purposes, bit)
            if scope.recipients is None:
                self.any_recipient |= bit
            else:
                _mark(self.by_recipient, scope.recipients, bit)
            if scope.approved:
                self.needs_approval |= bit
            if rule.guard is not None or rule.unless is not None:
                self.guarded |= bit
                if not rule.lifted_by and not rule.conflicts:
                    self.plain |= bit
                    if read is not None and not any(read[id(guard)][1] for guard in
                                                    (rule.guard, rule.unless) if guard is not None):
                        self.stated |= bit  # applies as what every usage states in full decides
            elif not rule.lifted_by and not rule.conflicts:
                self.unconditional |= bit  # applies whenever its scope covers a usage

    def of_action(self, action) -> list[ir.Rule]:
        """The rules whose action covers ``action``."""
        return self.pick(self.by_action.get(action, 0))

    def covering(self, action, data, purpose, approved: bool) -> int:
        """The rules whose action, data, purpose and approval cover these: a superset of
        those that apply to any usage with them, whatever its recipients and guards."""
        found = self.by_action.get(action, 0)
        if found:
            found &= self.any_data | self.by_data.get(data, 0)
            found &= self.any_purpose | self.by_purpose.get(purpose, 0)
            if not approved:
                found &= ~self.needs_approval
        return found

    def for_recipient(self, found: int, recipient) -> int:
        """Those of ``found`` whose recipients cover ``recipient``."""
        return found & (self.any_recipient | self.by_recipient.get(recipient, 0))

    def matching(self, f: ir.Facts) -> int:
        return self.narrowed(self.covering(f.action, f.data, f.purpose, f.approved), f)

    def narrowed(self, found: int, f: ir.Facts) -> int:
        """Those of ``found`` (the rules :meth:`covering` ``f``'s action, data, purpose and
        approval) that apply to ``f``: its recipient's, whose conditions hold."""
        if not found:
            return 0
        found = self.for_recipient(found, f.recipient)
        guarded = found & self.guarded
        while guarded:
            bit = guarded & -guarded
            guarded ^= bit
            rule = self.rules[bit.bit_length() - 1]
            if not conditions_hold(rule, f):
                found ^= bit
        return found

    def pick(self, found: int) -> list[ir.Rule]:
        """The rules of a bit set, in order."""
        out = []
        while found:
            bit = found & -found
            found ^= bit
            out.append(self.rules[bit.bit_length() - 1])
        return out


def _limits_by_action(stretch: ir.Stretch) -> dict[str, tuple[ir.LimitRule, ...]]:
    """The limits of a stretch on each action, in the agreement's order."""
    found: dict[str, list] = {}
    for lim in stretch.limits:
        for action in lim.actions:
            found.setdefault(action, []).append(lim)
    return {action: tuple(limits) for action, limits in found.items()}


def _mark(table: dict[str, int], names, bit: int):
    for name in names:
        table[name] = table.get(name, 0) | bit


def prepare(program: ir.Program, ahead: bool = True) -> None:
    """Build what deciding needs of a program once, so that no decision pays for it: the
    permissions' and prohibitions' indexes of every stretch, and a table of decided terms;
    ``ahead``: and the questions asked of every action (else each is found when first asked)."""
    if "indexes" not in program.runtime:
        # what each guard asks, read once (stretches share their clauses), and what is built of
        # each stretch's rules, shared by the stretches (and the early ends: `for_licensee`)
        # that hold the same ones
        read, built = program.runtime.setdefault("prepared", ({}, {}))
        stretches = program.stretches
        program.runtime["questions"] = [
            _built(built, "questions", (s.permits, s.forbids, s.limits, s.duties),
                   lambda s=s: _questions(s, read)) for s in stretches]
        program.runtime["indexes"] = [
            (_built(built, "permits", (s.permits,), lambda s=s: RuleIndex(s.permits)),
             _built(built, "forbids", (s.forbids,), lambda s=s: RuleIndex(s.forbids, read)))
            for s in stretches]
        program.runtime["rows"] = [{} for _ in stretches]
        program.runtime["limits"] = [
            _built(built, "limits", (s.limits,), lambda s=s: _limits_by_action(s))
            for s in stretches]
        program.runtime["asked"] = {}  # the questions usages leave open, by their terms
        program.runtime["answered"] = {}  # the terms each answer to them gives a usage
        program.runtime["money questions"] = [
            _built(built, "money", (s.money,), lambda s=s: _money_questions(s, read))
            for s in stretches]
        program.runtime["open"] = any(q for q, _ in program.runtime["questions"])
        # what else each item asks besides a standard or an attribute it asks (`_may_turn`)
        program.runtime["asks"] = {
            (id(item), key): _also_asks(item, key)
            for questions, _ in program.runtime["questions"] for key, items in questions.items()
            if key[0] in ("standard", "licensee") for item, _ in items}
        # whether a condition compares two facts' dates (then they are among a usage's terms),
        # and whether a usage's own dates may change the program that binds it
        program.runtime["dated"] = any(key[0] == "compare" for q, _ in
                                       program.runtime["questions"] for key in q)
        program.runtime["own_dates"] = bool(_schedules(program) or
                                            program.runtime.get("survival_facts"))
        # the purposes approved for each app, and what the files state of the licensee of a
        # usage by each app (or by none), read by every usage by it
        for symbols in program.symbols:
            for app in (*symbols.apps, None):
                if app is not None:
                    symbols.approved_purposes(app)
                symbols.licensee_values(app)
        # the run of stretches over which each cap in total of each stretch holds
        for index in range(len(stretches)):
            _runs(program, index)
        # which way each question moves the outcome, and those asked of each action
        if ahead and program.runtime["open"]:
            for index, stretch in enumerate(program.stretches):
                if stretch.version_index is not None:
                    terms = program.symbols[stretch.version_index].terms
                    for action in (*terms["action"], *terms["act"]):
                        asked_of(program, index, action)


def _built(built: dict, kind: str, items: tuple[tuple, ...], make):
    """What ``make`` builds of the rules ``items`` (tuples of IR items), once for every stretch
    that holds these very items, in this order: kept in ``built`` with the items themselves,
    so that no ``id`` in its key is taken by another object while the key is in use."""
    key = (kind, *(tuple(map(id, group)) for group in items))
    found = built.get(key)
    if found is None:
        found = built[key] = (items, make())
    return found[1]


# ---- questions a usage may leave open -----------------------------------------------------

YES_NO = "yes or no"  # an attribute's mark among the thresholds a party's name is compared with


def _questions(stretch: ir.Stretch, read: dict | None = None
               ) -> tuple[dict[tuple, tuple], dict[tuple, frozenset]]:
    """The questions the guards of a stretch ask that a usage may leave open: a standard
    (``("standard", name)``), an attribute or measure of a party (``(party, name)``), a
    comparison of two facts' dates (``("compare", key)``). For each, the rules, limits and
    duties whose guards ask it, in the agreement's order, each with the actions it is about
    (None: a duty, owed whatever the action); and for each attribute or measure, what its
    conditions compare it with (``YES_NO``: an attribute; a number: a measure's threshold),
    for a comparison of dates, the comparison itself."""
    questions = _Questions(read)
    for rule in (*stretch.permits, *stretch.forbids):
        actions = rule.scope.actions
        questions.ask(rule, rule.guard, actions)
        questions.ask(rule, rule.unless, actions)
        for duty in rule.provisos:
            questions.ask(duty, duty.guard, actions)
    for lim in stretch.limits:
        questions.ask(lim, lim.guard, lim.actions)
        questions.ask(lim, lim.unless, lim.actions)
    for duty in stretch.duties:
        questions.ask(duty, duty.guard, None)
    # a time left to judgement asks its standard, as a condition on it would
    for duty in (*stretch.duties, *(d for r in stretch.permits for d in r.provisos)):
        if duty.deadline.kind == "judged":
            questions.ask(duty, ir.Standard(name=duty.deadline.standard), None)
    # a precedence's conditions are asked where the clauses it settles are about the action
    settling: dict[ir.Precedence, set] = {}
    for item in (*stretch.permits, *stretch.forbids, *stretch.limits):
        for conflict in item.conflicts:
            settling.setdefault(conflict.precedence, set()).update(
                item.actions if isinstance(item, ir.LimitRule) else item.scope.actions)
    for precedence, actions in settling.items():
        questions.ask(precedence, precedence.guard, frozenset(actions))
    return questions.found()


def _money_questions(stretch: ir.Stretch, read: dict
                     ) -> tuple[dict[tuple, tuple], dict[tuple, frozenset]]:
    """The questions the conditions of a stretch's money items (fees, late charges, caps)
    ask, as :func:`_questions` gives them (each about no action)."""
    questions = _Questions(read)
    for item in stretch.money:
        questions.ask(item, item.guard, None)
        questions.ask(item, item.unless, None)
    return questions.found()


class _Questions:
    """The questions asked so far (see :func:`_questions`), each with the items that ask it
    and what it is compared with; ``read`` keeps what each guard asks (by ``id``, with the
    guard), for the stretches that share it."""

    __slots__ = ("read", "asked", "compared")

    def __init__(self, read: dict | None):
        self.read = {} if read is None else read
        self.asked: dict[tuple, dict] = {}
        self.compared: dict[tuple, set] = {}

    def ask(self, item, guard, actions) -> None:
        """The questions ``guard`` asks, asked by ``item`` about ``actions``."""
        if guard is None:
            return
        asks = self.read.get(id(guard))
        if asks is None:
            asks = self.read[id(guard)] = (guard, _asks(guard))
        for key, value in asks[1]:
            if value is not None:
                self.compared.setdefault(key, set()).add(value)
            self.asked.setdefault(key, {}).setdefault(item, actions)

    def found(self) -> tuple[dict[tuple, tuple], dict[tuple, frozenset]]:
        """The questions, as :func:`_questions` gives them."""
        return ({key: tuple(items.items()) for key, items in self.asked.items()},
                {key: frozenset(values) for key, values in self.compared.items()})


def _asks(guard: ir.Guard) -> tuple[tuple[tuple, object], ...]:
    """The questions a guard asks, in order, each with what it is compared with (None: a
    standard): see :func:`_questions`."""
    out = []
    for atom in ir.atoms(guard):
        if isinstance(atom, ir.Standard):
            out.append((("standard", atom.name), None))
        elif isinstance(atom, (ir.DateGap, ir.SameWindow)):
            out.append((("compare", atom.key), atom))
        elif isinstance(atom, (ir.AttributeIs, ir.MeasureIs)):
            out.append(((atom.party, atom.name),
                        atom.amount if isinstance(atom, ir.MeasureIs) else YES_NO))
    return tuple(out)


class Open:
    """A question a usage leaves open: the parts of its period and items that ask it
    (``reading``: [(stretch index, items, the part's place among :func:`parts`)]) and the
    answers to try, the first the one said when the answer makes no difference (a standard
    not met, an attribute not had, a measure's lowest value)."""

    __slots__ = ("reading", "answers")

    def __init__(self):
        self.reading: list = []
        self.answers: tuple = ()

    def __repr__(self) -> str:
        return f"Open({self.answers!r})"


def open_questions(program: ir.Program, usage: Usage, money: bool = False) -> dict[tuple, Open]:
    """The questions a rule, limit or duty about the usage's action asks over its period that
    the usage leaves open: a standard it states no finding on (``("standard", name)``), an
    attribute or measure of the licensee that neither it nor the agreement or its app's
    schedule states (``("licensee", name)``), one of its users that it does not state of a
    group of them (``("user", name, group)``), a comparison of two facts' dates when it states
    one of them without its date (``("compare", key)``); in the order they are first asked.
    With ``money``, those the money clauses (fees, late charges, liability caps) ask instead.
    Found once per terms and stretches, and kept with the program: never to be modified."""
    asked = program.runtime.get("asked")
    if asked is None:
        prepare(program)
        asked = program.runtime["asked"]
    # the questions turn only on the usage's terms and the stretches its period falls in
    changes = program.changes
    key = (money, bisect_right(changes, usage.first_day), bisect_right(changes, usage.last_day),
           usage.terms(money or program.runtime["dated"]), usage.terminated,
           _cut_key(program, usage))
    found = asked.get(key)
    if found is None:
        if len(asked) >= _ROWS_PER_STRETCH:
            asked.clear()
        found = asked[key] = _open_questions(program, usage, money)
    return found


def _cut_key(program: ir.Program, usage: Usage) -> tuple:
    """What sets apart the parts of a usage's period that the dates of its facts cut (see
    :func:`cuts`), for a key of what its terms decide: the facts happened in each part and
    the stretch it falls in (nothing where none is cut so)."""
    if not cuts(program, usage):
        return ()
    return tuple((index, part.fact_names()) for index, _, _, part, _ in parts(program, usage))


def _open_questions(program: ir.Program, usage: Usage, money: bool) -> dict[tuple, Open]:
    """:func:`open_questions`, found."""
    summaries = program.runtime["money questions" if money else "questions"]
    findings = {name for name, _ in usage.findings}
    settled = {key for key, _ in usage.settled}
    said = dict(usage.licensee)
    groups = [dict(group) for group in usage.groups]
    found: dict[tuple, Open] = {}
    compared: dict[tuple, set] = {}
    memo = program.runtime["asks"]
    for at, (index, _, _, part, _) in enumerate(parts(program, usage)):
        stretch = program.stretches[index]
        questions, thresholds = summaries[index]
        if not questions or stretch.version_index is None:
            continue
        symbols = program.symbols[stretch.version_index]
        action = doing(symbols, usage)
        judged: list = []  # the usage's facts in the stretch, read once if needed

        def facts() -> list[ir.Facts]:
            if not judged:
                judged.extend(judged_as(symbols, part, action, _data(symbols, usage)))
            return judged

        for key, items in questions.items():
            reading = [item for item, actions in items if actions is None or action in actions]
            if not reading:
                continue
            kind, name = key
            if kind == "standard":
                asked = [] if name in findings or not _may_turn(
                    key, (False, True), reading, facts, part, findings, memo) else [key]
            elif kind == "compare":
                atom = next(iter(thresholds[key]))
                asked = [key] if atom.decide(usage.dates, part.fact_names()) is None and name not in settled \
                    else []
            elif kind == "licensee":
                # (one whose every value meets a comparison that it fails unstated is asked
                # too: it is judged by a value, as every licensee has one)
                answers = answers_for(thresholds[key])
                asked = [] if name in said or name in symbols.licensee_values(usage.app) or (
                    not _may_turn(key, answers, reading, facts, part, findings, memo) and
                    _unstated_is_answered(_directions(program, index)[1], key, answers)) \
                    else [key]
            else:
                asked = [("user", name, g) for g, group in enumerate(groups) if name not in group]
            for question in asked:
                found.setdefault(question, Open()).reading.append((index, reading, at))
                compared.setdefault(question, set()).update(thresholds.get(key, ()))
    for question, entry in found.items():
        entry.answers = (None, True) if question[0] == "standard" else (False, True) \
            if question[0] == "compare" else answers_for(compared[question])
    return found


def _may_turn(question: tuple, answers, items, facts, usage: Usage, findings,
              memo: dict) -> bool:
    """Whether the answer to ``question`` (a standard, ``("standard", name)``, or an attribute
    or measure of the licensee or of the users, ``("licensee", name)`` or ``("user", name)``,
    tried with ``answers``) may change what one of ``items`` (the rules, limits, duties and
    precedences about the usage's action that ask it) does to the usage: the item covers the
    usage, and its conditions, read by their one meaning, hold for one answer and not
    another, whatever the other standards they ask that the usage leaves open; or the item is
    a duty whose time is left to the standard and whose event the usage states. An item that
    asks another kind of open question (an attribute, a comparison of dates) counts as turning
    on it. ``facts()`` gives the usage's facts in the stretch; ``memo`` keeps what each item
    asks besides ``question``."""
    kind, name = question
    for item in items:
        if isinstance(item, ir.DutyRule) and item.deadline.kind == "judged" and \
                item.deadline.standard == name and item.deadline.event in usage.stated_names():
            return True
        asks = memo.get((id(item), question))
        if asks is None:
            asks = memo[(id(item), question)] = _also_asks(item, question)
        if asks is True:
            return True
        tried = [other for other in asks if other not in findings]
        if len(tried) > 4:
            return True  # too many to try together: asked, as before
        for f in facts():
            if isinstance(item, ir.Rule) and mismatch(item, f) in ("data", "purpose",
                                                                   "approved", "recipient"):
                continue  # its scope does not cover the usage, whatever the answer
            for chosen in itertools.product((False, True), repeat=len(tried)):
                found = set(f.found).union(o for o, on in zip(tried, chosen) if on)
                if len({conditions_hold(item, _answered(f, found, question, answer))
                        for answer in answers}) > 1:
                    return True
    return False


def turns_in(program: ir.Program, usage: Usage, question: tuple, answers: tuple,
             reading: tuple) -> bool:
    """Whether the answer to an open ``question`` (tried with ``answers``) may change what the
    items of ``reading``, one entry of its :attr:`Open.reading`, do to the usage in that
    entry's part of its period, as :func:`_may_turn` finds it: for a question of a group of
    the users (``("user", name, group)``), which :func:`open_questions` asks in every part
    where an item reads it."""
    return bool(turned_by(program, usage, question, answers, reading))


def turned_by(program: ir.Program, usage: Usage, question: tuple, answers: tuple,
              reading: tuple) -> list:
    """The items of ``reading``, one entry of an open ``question``'s :attr:`Open.reading`,
    whose answer (tried with ``answers``) may change what each of them does to the usage in
    that entry's part of its period, as :func:`_may_turn` finds it: a clause whose scope
    does not cover the usage, or whose conditions hold or fail whatever the answer, is not
    among them. A comparison of dates turns every item that reads it."""
    index, items, at = reading
    if question[0] == "compare":
        return list(items)
    part = parts(program, usage)[at][3]
    symbols = program.symbols[program.stretches[index].version_index]
    judged = judged_as(symbols, part, doing(symbols, usage), _data(symbols, usage))
    findings = {name for name, _ in usage.findings}
    return [item for item in items
            if _may_turn(question[:2], answers, (item,), lambda: judged, part, findings,
                         program.runtime["asks"])]


def _also_asks(item, question: tuple) -> tuple[str, ...] | bool:
    """The other standards an item's conditions ask besides ``question``; True when the item
    is not a rule, limit or duty, or asks an attribute, a measure or a comparison of dates
    other than ``question``."""
    if not isinstance(item, (ir.Rule, ir.LimitRule, ir.DutyRule)):
        return True
    others: list[str] = []
    for guard in (item.guard, getattr(item, "unless", None)):
        for atom in ir.atoms(guard):
            if isinstance(atom, (ir.AttributeIs, ir.MeasureIs)):
                if (atom.party, atom.name) != question:
                    return True
            elif isinstance(atom, (ir.DateGap, ir.SameWindow)):
                return True
            elif isinstance(atom, ir.Standard) and ("standard", atom.name) != question and \
                    atom.name not in others:
                others.append(atom.name)
    return tuple(others)


def _answered(f: ir.Facts, found: set, question: tuple, answer) -> ir.Facts:
    """The facts ``f`` with the standards ``found`` met, and ``answer`` to ``question``."""
    kind, name = question
    licensee, user = f.licensee, f.user
    if kind == "standard":
        found = found | {name} if answer else found - {name}
    elif kind == "user":
        user = {**user, name: answer}
    else:
        licensee = {**licensee, name: answer}
    return ir.Facts(f.app, f.action, f.data, f.purpose, f.recipient, f.tier, f.facts,
                    f.approved, frozenset(found), licensee, user, f.assumed, f.dates,
                    f.settled)


def _data(symbols, usage: Usage) -> str | None:
    """The data a usage uses, as :func:`judge` reads it."""
    return None if usage.act else usage.data or symbols.data_root


def answers_for(compared) -> tuple:
    """The values to try of an attribute or measure its conditions compare so: no and yes;
    for thresholds, a value below the lowest (if above 0), each threshold, one between each
    two, and one above the highest: every answer to every comparison, each once."""
    out: list = [False, True] if YES_NO in compared else []
    thresholds = sorted(a for a in compared if a is not YES_NO)
    if thresholds:
        if thresholds[0] > 0:
            out.append(Fraction(0))
        for low, high in zip(thresholds, thresholds[1:]):
            out += [low, (low + high) / 2]
        out += [thresholds[-1], thresholds[-1] + 1]
    return tuple(out)


_RISING = {"more than": 1, "at least": 1, "less than": -1, "at most": -1}


def direction(program: ir.Program, index: int, question: tuple) -> int:
    """How what the rules of stretch ``index`` decide moves as the answer to ``question``
    rises through its answers (a standard not met, then met; an attribute of the licensee not
    had, then had; a measure's values upward): 1 when it is never worse for a higher answer,
    -1 when never better, 0 when it may go either way or cannot be told (a user's attribute,
    a comparison of dates, a precedence or a clause yielding to another that asks it, a
    permission that asks it and brings duties with it). Found for every question of a
    stretch at once, when the program is prepared."""
    if question[0] not in ("standard", "licensee"):
        return 0
    return _directions(program, index)[0].get(question, 0)


def _directions(program: ir.Program, index: int) -> tuple[dict[tuple, int], dict[tuple, list]]:
    """For stretch ``index``: the direction of each question its guards ask (see
    :func:`direction`), and each measure's comparisons; kept with the program."""
    kept = program.runtime.setdefault("directions", {})
    found = kept.get(index)
    if found is None:
        found = kept[index] = _read_directions(program.stretches[index])
    return found


def _read_directions(stretch: ir.Stretch) -> tuple[dict[tuple, int], dict[tuple, list]]:
    """:func:`_directions`, read off the stretch's guards: the sign of each place a question
    is asked (through `not` and `unless`, and the effect of the clause when its guard holds)."""
    signs: dict[tuple, set[int]] = {}
    measures: dict[tuple, list] = {}

    def read(guard, effect: int, spoiled: bool) -> None:
        stack = [] if guard is None else [(guard, effect)]
        while stack:
            node, sign = stack.pop()
            if isinstance(node, ir.Not):
                stack.append((node.operand, -sign))
            elif isinstance(node, (ir.All, ir.Any)):
                stack.extend((operand, sign) for operand in node.operands)
            elif isinstance(node, ir.Standard):
                signs.setdefault(("standard", node.name), set()).add(0 if spoiled else sign)
            elif isinstance(node, ir.AttributeIs):
                signs.setdefault((node.party, node.name), set()).add(0 if spoiled else sign)
            elif isinstance(node, ir.MeasureIs):
                key = (node.party, node.name)
                measures.setdefault(key, []).append(node)
                signs.setdefault(key, set()).add(
                    0 if spoiled else sign * _RISING.get(node.comparison, 0))

    def item(rule, effect: int, spoiled: bool = False) -> None:
        # whether a clause yields to another turns on more than its own conditions
        spoiled = spoiled or bool(getattr(rule, "conflicts", ()))
        read(rule.guard, effect, spoiled)
        read(getattr(rule, "unless", None), -effect, spoiled)

    provisos = [duty for rule in stretch.permits for duty in rule.provisos]
    for rule in stretch.permits:
        item(rule, 1, bool(rule.provisos))  # a permission that applies brings its duties
    for rule in (*stretch.forbids, *stretch.limits, *stretch.duties, *provisos):
        item(rule, -1)
    for precedence in stretch.precedence:
        read(precedence.guard, 1, True)
    for duty in (*stretch.duties, *provisos):
        if duty.deadline.kind == "judged":  # found met, the duty's time was kept
            signs.setdefault(("standard", duty.deadline.standard), set()).add(1)
    return ({key: next(iter(found)) if len(found) == 1 else 0 for key, found in signs.items()},
            measures)


def _ends(program: ir.Program, question: tuple, entry: Open) -> tuple[int, int] | None:
    """The index of the best and of the worst answer to an open question that moves the
    outcome one way only in every stretch that asks it (see :func:`direction`); None when it
    may move it either way."""
    signs = {direction(program, index, question) for index, _, _ in entry.reading}
    if len(signs) != 1 or 0 in signs or question[0] == "licensee" and \
            len({type(answer) is bool for answer in entry.answers}) > 1:
        return None  # (yes or no, then numbers: a name both an attribute and a measure)
    last = len(entry.answers) - 1
    return (last, 0) if 1 in signs else (0, last)


def ends_tried(program: ir.Program, open_: dict[tuple, Open]) -> list[tuple[tuple, tuple]] | None:
    """The pairs of choices of answers (as :func:`outcomes_open` indexes them) that decide a
    usage best and worst: one pair for each combination of answers to the questions that may
    move the outcome either way (see :func:`_ends`), the others at their best and their
    worst answers; one pair where each moves it one way only. Every other choice decides it
    between the two of its pair, so the usage is decided where every pair agrees. None where
    some may move it either way and those pairs, with each answer to each other question
    tried between them (as :func:`outcomes_open` tries them), are more than are tried."""
    ends = [_ends(program, question, entry) for question, entry in open_.items()]
    answers = [len(entry.answers) for entry in open_.values()]
    free = [at for at, end in enumerate(ends) if end is None]
    if free:
        count = 2 * (1 + sum(n for at, n in enumerate(answers) if ends[at] is not None))
        for at in free:
            count *= answers[at]
        if count > MAX_OPEN_COMBINATIONS:
            return None
    pairs = []
    for picks in itertools.product(*(range(answers[at]) for at in free)):
        chosen = dict(zip(free, picks))
        pairs.append(tuple(tuple(chosen[at] if end is None else end[which]
                                 for at, end in enumerate(ends)) for which in (0, 1)))
    return pairs


def bounded(program: ir.Program, usage: Usage) -> str | None:
    """The outcome of a usage within one stretch whose every question that the clauses about
    its action ask moves the outcome one way only (see :func:`asked_of`), found without
    looking for the questions it leaves open: judged with every one of them it does not
    answer given its best answer, then its worst. A question it does not leave open changes
    nothing, whatever its answer (and leaving it unanswered is one of its answers), so the two
    are the best and the worst of every answer to those it does leave open. None where that
    does not hold. (However many combinations the answers make: two are tried.)"""
    first, last = usage.first_day, usage.last_day
    changes = program.changes
    index = bisect_right(changes, first)
    stretch = program.stretches[index]
    if (index < len(changes) and changes[index] <= last) or stretch.version_index is None or \
            cuts(program, usage):
        return None
    symbols = program.symbols[stretch.version_index]
    asked = asked_of(program, index, doing(symbols, usage))
    if asked is None:
        return None
    # what the usage's terms leave open and what answering it so gives are found once per
    # terms (see `_bounds`); its amounts and dates are judged anew
    table = program.runtime.setdefault("bounds", {})
    key = (index, terms_key(program, usage))
    found = table.get(key)
    if found is None:
        found = _bounds(program, index, symbols, usage, asked)
        if len(table) >= _ROWS_PER_STRETCH:
            table.clear()
        table[key] = found
    left, best, worst, barred, rows = found
    if not left:
        return _outcome(program, usage)
    if barred[0]:
        return DENIED
    outcome_ = _answering_outcome(program, index, usage, left, best, rows, 0)
    if outcome_ == DENIED:
        return DENIED
    if barred[1]:
        return UNDETERMINED  # (denied under the worst answers, not under the best)
    return outcome_ if _answering_outcome(program, index, usage, left, worst, rows, 1,
                                          outcome_) == outcome_ else UNDETERMINED


def _bounds(program: ir.Program, index: int, symbols, usage: Usage,
            asked: dict[tuple, tuple[Open, int]]) -> tuple:
    """What :func:`bounded` finds of the usage's terms within stretch ``index`` (``asked``:
    the questions asked of its action there): the questions it leaves open (``left``), the
    index of the best and the worst answer to each, whether a prohibition that nothing may lift
    denies it under those answers (see :func:`_barring`), and a place for the rows of its terms
    so answered (filled when first judged)."""
    findings = {name for name, _ in usage.findings}
    said = {name for name, _ in usage.licensee}
    schedule = symbols.licensee_values(usage.app)
    left, best, worst = {}, [], []
    for question, (entry, pick) in asked.items():
        if question[1] in findings if question[0] == "standard" else \
                question[1] in said or question[1] in schedule:
            continue
        left[question] = entry
        best.append(pick)
        worst.append(len(entry.answers) - 1 - pick)
    if not left:
        return left, (), (), (False, False), None
    # a prohibition that nothing may lift, holding under the best or the worst answers,
    # denies the usage so
    holds = _barring(program, index, symbols, usage, left)
    barred = (True, True) if holds(best) else (False, holds(worst))
    return left, tuple(best), tuple(worst), barred, [None, None, False]


def _answering_outcome(program: ir.Program, index: int, usage: Usage, left: dict[tuple, Open],
                       chosen: tuple, rows: list, which: int, best: str | None = None) -> str:
    """The outcome of a usage within stretch ``index`` (no fact's date cutting its period)
    under the answers ``chosen`` to the questions it leaves open (``left``), as
    :func:`_outcome` finds it with those answers: the row of its terms so answered is kept in
    ``rows[which]`` (see :func:`_bounds`); its amounts and dates are judged as its own, with the
    answers where a duty's time left to judgement reads whether a standard is met. ``best``:
    the outcome under the best answers (the row ``rows[0]``), which the worst answers give
    too where their row holds what that row holds (``rows[2]``, found with the row)."""
    judged = rows[which]
    if judged is None:
        judged = rows[which] = row(program, index, with_answers(usage, left, chosen))
        if which:
            rows[2] = _tallied_alike(rows[0], judged)
    if not judged.dynamic:
        return judged.outcome
    if best is not None and rows[2]:
        return best
    if any(duty.deadline.kind == "judged" for duty in judged.timed):
        usage = with_answers(usage, left, chosen)
    return Tally(judged, usage, usage.first_day, usage.last_day, False).run()


def _tallied_alike(a: Judged, b: Judged) -> bool:
    """Whether two rows of a usage's terms in one stretch (under two answers to the questions
    it leaves open) give its amounts and dates the same outcome (see :class:`Tally`): the
    same outcome so far, limits (and the days each cap in total counts from), duties judged,
    provisos owed and earning, no duty's time left to judgement (whose finding reads the
    answers)."""
    return a.outcome == b.outcome and a.limits == b.limits and a.timed == b.timed and \
        a.licensing == b.licensing and a.provided == b.provided and a.since == b.since and \
        a.earning is b.earning and a.action == b.action and \
        not any(duty.deadline.kind == "judged" for duty in a.timed)


def _barring(program: ir.Program, index: int, symbols, usage: Usage,
             left: dict[tuple, Open]) -> Callable[[list[int]], bool]:
    """Whether a prohibition of stretch ``index`` that no exception or conflict may lift (see
    :class:`RuleIndex`) holds for the usage, with one of its recipients, under a choice of
    answers to the standards and attributes of the licensee it leaves open (``left``, as
    :func:`bounded` finds them, each answer by its index), as :func:`judge` finds it with those
    answers: then it denies the usage so. False, whatever the answers, for a usage whose names
    are not all defined here (judging it says what is wrong). It depends on the stretch and
    the usage's terms alone, as the questions it leaves open do."""
    if not known(usage, symbols):
        return _never
    action, data, approved_, _, ended_, barring = _facets(program, index, symbols, usage)
    forbids = indexes(program, index)[1]
    # (those whose conditions ask no open question are read without answers: `_barred`)
    bars = 0 if ended_ else barring & forbids.plain & ~forbids.stated
    if not bars:
        return _never
    reading = [(f, rules) for f in judged_as(symbols, usage, action, data, approved_=approved_)
               if (rules := forbids.pick(forbids.for_recipient(bars, f.recipient)))]
    questions = tuple((kind, name, entry.answers) for (kind, name, *_), entry in left.items())

    def holds(chosen) -> bool:
        met, values = set(), {}
        for (kind, name, answers), pick in zip(questions, chosen):
            if kind == "standard":
                if answers[pick]:
                    met.add(name)
            else:
                values[name] = answers[pick]
        for f, rules in reading:
            answered = ir.Facts(f.app, f.action, f.data, f.purpose, f.recipient, f.tier,
                                f.facts, f.approved, f.found | met, {**f.licensee, **values},
                                f.user, f.assumed, f.dates, f.settled)
            for rule in rules:
                if conditions_hold(rule, answered):
                    return True
        return False
    return holds


def _never(chosen) -> bool:
    return False


def asked_of(program: ir.Program, index: int, action: str | None) \
        -> dict[tuple, tuple[Open, int]] | None:
    """The questions the rules, limits, duties and precedences of stretch ``index`` about
    ``action`` ask, each as an :class:`Open` with its answers (a standard not met and met, an
    attribute not had and had, a measure's values upward) and the index of its best answer;
    None when one of them is a user's attribute or a comparison of dates, may move the outcome
    either way (see :func:`direction`), or is a measure that no answer leaves as it is when
    it is not stated (no value makes every comparison of it false). Found once per stretch and
    action when the program is prepared, and kept with it: never to be modified."""
    kept = program.runtime.setdefault("asked of", {})
    key = (index, action)
    if key not in kept:
        questions = program.runtime["questions"][index][0]
        answering = _answering(program, index)
        found: dict[tuple, tuple[Open, int]] | None = {}
        for question, items in questions.items():
            if any(actions is None or action in actions for _, actions in items):
                if answering[question] is None:
                    found = None
                    break
                found[question] = answering[question]
        kept[key] = found
    return kept[key]


def _answering(program: ir.Program, index: int) -> dict[tuple, tuple[Open, int] | None]:
    """For each question stretch ``index`` asks, what :func:`asked_of` gives of it: its
    answers and the index of the best, or None; kept with the program."""
    kept = program.runtime.setdefault("answering", {})
    found = kept.get(index)
    if found is None:
        questions, thresholds = program.runtime["questions"][index]
        measures = _directions(program, index)[1]
        found = kept[index] = {}
        for question in questions:
            way = direction(program, index, question)
            entry = Open()
            if question[0] == "standard":
                entry.answers = (None, True)
            elif question[0] == "licensee":
                entry.answers = answers_for(thresholds[question])
            found[question] = None if way == 0 or not entry.answers or \
                not _unstated_is_answered(measures, question, entry.answers) else \
                (entry, len(entry.answers) - 1 if way == 1 else 0)
    return found


def _unstated_is_answered(measures: dict[tuple, list], question: tuple, answers: tuple) -> bool:
    """Whether a question left unstated is judged as one of its ``answers`` is: a standard
    not met, an attribute not had; a measure (every comparison of it false) where an answer
    makes every comparison of it (``measures``: those of the stretch) false. Not a name both
    an attribute and a measure, whose answers are not in order."""
    kinds = {type(answer) is bool for answer in answers}
    if question[0] == "standard" or kinds == {True}:
        return True
    if True in kinds:
        return False
    return any(not any(ir.compare(answer, atom.comparison, atom.amount)
                       for atom in measures.get(question, ())) for answer in answers)


def combinations(open_: dict[tuple, Open]) -> int:
    """How many combinations of answers the open questions make."""
    count = 1
    for entry in open_.values():
        count *= len(entry.answers)
    return count


def outcomes_open(program: ir.Program, usage: Usage, open_: dict[tuple, Open]) -> dict | None:
    """The outcome under every combination of answers to the questions the usage leaves open
    (``open_``, from :func:`open_questions`): {the index of each question's answer: outcome}.
    Where they make more combinations than are tried: under the pairs of best and worst
    answers of :func:`ends_tried` (one pair where each question moves the outcome one way
    only), and under each answer to one question with the others as in each of those. Every
    other combination decides between the two of its pair, so an answer that gives one outcome
    with the others at both gives it whatever they are. None where even those are more than
    are tried."""
    if combinations(open_) <= MAX_OPEN_COMBINATIONS:
        choices = [range(len(entry.answers)) for entry in open_.values()]
        tried = itertools.product(*choices)
    else:
        pairs = ends_tried(program, open_)
        if pairs is None:
            return None
        tried = {end[:at] + (pick,) + end[at + 1:] for pair in pairs for end in pair
                 for at, entry in enumerate(open_.values()) for pick in range(len(entry.answers))}
        tried = sorted(tried)
    return {chosen: _outcome(program, with_answers(usage, open_, chosen)) for chosen in tried}


def with_answers(usage: Usage, open_: dict[tuple, Open], chosen) -> Usage:
    """The usage with an answer to each open question: ``chosen`` gives the index of each
    question's answer. A standard is found met (True) or left open (None, taken as not met);
    an attribute or measure is given the value, and a comparison of dates its answer, each
    marked as assumed."""
    findings, licensee = list(usage.findings), list(usage.licensee)
    users = [list(group) for group in usage.groups]
    assumed, settled = set(usage.assumed), list(usage.settled)
    for (question, entry), pick in zip(open_.items(), chosen):
        answer = entry.answers[pick]
        if question[0] == "standard":
            findings.append((question[1], answer))
        elif question[0] == "compare":
            settled.append((question[1], answer))
            assumed.add(question)
        elif question[0] == "licensee":
            licensee.append((question[1], answer))
            assumed.add(question)
        else:
            users[question[2]].append((question[1], answer))
            assumed.add(question)
    return usage.answered(tuple(findings), tuple(licensee),
                          tuple(tuple(group) for group in users) if usage.users or any(users)
                          else (), frozenset(assumed), tuple(settled))


def indexes(program: ir.Program, index: int) -> tuple[RuleIndex, RuleIndex]:
    """The permissions' and prohibitions' indexes of stretch ``index``."""
    built = program.runtime.get("indexes")
    if built is None:
        prepare(program)
        built = program.runtime["indexes"]
    return built[index]


_NO_RECIPIENT = (None,)
_NOTHING: dict = {}  # nothing known or settled (never written to)
_NO_USERS = ((_NOTHING, frozenset()),)  # one group of users, of which nothing is stated


def judge(program: ir.Program, index: int, usage: Usage, trace: bool = False,
          facets: tuple | None = None, before: bool = True) -> Judged:
    """What the usage's terms decide in stretch ``index``; ``facets``: what its facets decide
    there (see :func:`_facets`), where its names are found defined before; without
    ``before``, not the days before it from which its caps in total count (see
    :func:`_since`)."""
    stretch, given = program.stretches[index], usage
    events = [] if trace else None
    if stretch.state == "none":
        if trace:
            events.append(("no-version",))
        return Judged(DENIED, stretch, events=events)
    symbols = program.symbols[stretch.version_index]
    if facets is None:
        if not known(usage, symbols):
            usage = read_by(program, usage, symbols)
            if not known(usage, symbols):
                problems = validate(usage, symbols, helped=elsewhere_help(
                    program, index, usage.terminated))
                raise UsageError(problems[0].message, problems)
        facets = _facets(program, index, symbols, usage)
    action, data, approved_, covered, ended, barred = facets
    if not trace and (ended or _unlicensed(covered, usage)):
        return _denied(program, index, action, data)
    outcome = PERMITTED
    if ended:
        outcome = DENIED
        events.append(("terminated", stretch.terminated))
    if trace and usage.act:
        events.append(("act", action))
    permits, forbids = indexes(program, index)
    on_action = program.runtime["limits"][index].get(action, ())  # (prepared by `indexes`)
    limits: dict[int, ir.LimitRule] = {}
    pending: dict[tuple, tuple] = {}
    licensing: dict[tuple, tuple] = {}
    provided: dict[int, tuple] = {}
    unlifted: set[int] = set()  # the limits that bind a recipient whatever permits it
    for f in judged_as(symbols, usage, action, data, approved_=approved_):
        found = permits.narrowed(covered, f)
        if _unlicensed(found, usage):
            if not trace:
                return _denied(program, index, action, data)
            outcome = DENIED
            failures = [("no-permission", r, mismatch(r, f), f) for r in permits.of_action(action)]
            events.extend(failures or [("no-clause", f)])
        applicable = permits.pick(found)
        if trace:
            events.extend(("permits", r, f) for r in applicable)
        ids = {r.clause for r in applicable}
        lifting = set()  # the permissions the usage relies on to lift a prohibition
        lifters = []  # for each prohibition lifted, the permissions that lift it
        for rule in forbids.pick(forbids.narrowed(barred, f)):
            lifted = [p for p in rule.lifted_by if p in ids]
            if lifted:
                lifting.update(lifted)
                lifters.append(lifted)
                if trace:
                    events.append(("excepted", rule, lifted, f))
                continue
            # a permission of a document that prevails over this prohibition's lifts it
            yielded = [c for c in rule.conflicts if c.other in ids and c.yields(f)]
            if yielded:
                lifting.update(c.other for c in yielded)
                lifters.append([c.other for c in yielded])
                if trace:
                    events.append(("overridden", rule, yielded, f))
                continue
            outcome = DENIED
            if not trace:
                return _denied(program, index, action, data)
            events.append(("prohibits", rule, f, [c for c in rule.conflicts if c.other in ids]))
        applying = []
        for lim in on_action:
            if lim.binds(usage.endpoint) is False:
                continue
            if lim.tier is not None:
                if lim.tier == usage.tier:
                    applying.append(lim)
                continue
            if not conditions_hold(lim, f):
                continue
            lifted = [p for p in lim.lifted_by if p in ids]
            if lifted:
                lifting_it = tuple(rule for rule in applicable if rule.clause in lifted)
                if all(rule.provisos for rule in lifting_it):
                    # lifted where the usage keeps the provisos of one of them, for each
                    # recipient it binds
                    ways = provided.setdefault(id(lim), [])
                    if lifting_it not in ways:
                        ways.append(lifting_it)
                    applying.append(lim)
                    continue
                if trace:
                    events.append(("limit-excepted", lim, lifted))
                continue
            unlifted.add(id(lim))
            applying.append(lim)
        # a limit yields to a limit on the same thing of a document that prevails over it
        # (each recipient judged with every limit that applies to it, even one that applied to
        # a recipient before)
        applied = {lim.clause for lim in applying}
        for lim in applying:
            if id(lim) in limits:
                continue
            yielded = [c for c in lim.conflicts if c.other in applied and c.yields(f)]
            if yielded:
                if trace:
                    events.append(("limit-overridden", lim, yielded, f))
                continue
            limits[id(lim)] = lim
        for duty in stretch.duties:
            if conditions_hold(duty, f):
                pending.setdefault((duty.clause, duty.duty, duty.deadline), (duty, None))
        # a proviso conditions the permission that carries it alone: a prohibition is lifted
        # by any of the permissions that lift it, so the usage relies on one whose provisos
        # are kept, and none is owed where one without provisos lifts it; of the others, one
        # licenses the usage where its provisos are kept, and none is owed where a permission
        # without one, or one relied on, licenses it
        relied = [rule for rule in applicable if rule.clause in lifting]
        others = [rule for rule in applicable if rule.clause not in lifting]
        free = relied[0] if relied else next((r for r in others if not r.provisos), None)
        owing = []
        for clauses in lifters:
            way = tuple(rule for rule in relied if rule.clause in clauses)
            if all(rule.provisos for rule in way) and way not in owing:
                owing.append(way)
        if trace:  # (a permission that lifts only what one without provisos lifts too)
            owed = {id(rule) for way in owing for rule in way}
            frees = tuple(rule for rule in relied if not rule.provisos)
            events.extend(("unconditioned", rule, frees, f) for rule in relied
                          if rule.provisos and id(rule) not in owed)
        if free is None and others:
            owing.append(tuple(others))
        elif trace:  # (each permission that licenses it without provisos is named; one that
            # lifts a limit on provisos is said with the limit)
            frees = tuple(relied) or tuple(rule for rule in others if not rule.provisos)
            lifting_limits = {id(rule) for ways in provided.values() for way in ways
                              for rule in way}
            events.extend(("unconditioned", rule, frees, f) for rule in others
                          if rule.provisos and id(rule) not in lifting_limits)
        for way in owing:
            for rule in way:
                for duty in rule.provisos:
                    pending.setdefault((duty.clause, duty.duty, duty.deadline), (duty, rule))
            licensing[tuple(map(id, way))] = way
    # the limit clauses first, then the tier's allowances, each in the agreement's order
    ordered = [lim for lim in limits.values() if lim.tier is None]
    if len(ordered) < len(limits):
        ordered += [lim for lim in limits.values() if lim.tier is not None]
    earning = None
    if usage.tier is not None:
        for rule in stretch.earning:
            if rule.tier == usage.tier:
                earning = rule
                break
    return Judged(outcome, stretch, ordered, [d for d, _ in pending.values()], action, data,
                  events, symbols, usage, earning, tuple(licensing.values()),
                  {key: tuple(ways) for key, ways in provided.items() if key not in unlifted},
                  _since(program, index, given, ordered) if before else None)


def _since(program: ir.Program, index: int, usage: Usage, limits) -> dict:
    """Each cap in total among ``limits`` (those that bind the usage in stretch ``index``) ->
    the first day of the run of stretches ending at it that all hold it (the same limit,
    meaning the same: see :func:`_runs`) and in each of which it binds the usage, as
    :func:`judge` finds there (its conditions, read by the text in force there: an approval,
    or what the text states of the licensee, may differ from one version to the next; the
    permissions that lift it; a limit that prevails over it): the day from which it counts
    (None: every day before), the facts its conditions read, whose dates may make it bind
    later, and whether they read the tier, which the usage may have earned later."""
    runs, stretches, since = _runs(program, index), program.stretches, {}
    if not runs:
        return since
    binding = set(map(id, limits))  # (the stretch's own limits: see `_limits_by_action`)
    for lim, (first, read, tiered) in runs.items():
        if id(lim) not in binding:
            continue
        if lim.guard is not None or lim.unless is not None or lim.lifted_by or lim.conflicts:
            j = index
            while j > first and _binds_in(program, j - 1, lim, usage):
                j -= 1
            first = j
        since[lim] = (stretches[first].start, read, tiered)
    return since


def _binds_in(program: ir.Program, index: int, lim: ir.LimitRule, usage: Usage) -> bool:
    """Whether a limit in force in stretch ``index`` binds the usage there, as :func:`judge`
    finds it (traced, so that it finds every limit that binds the usage even where the
    usage is denied there; a usage whose names the text in force there does not define is
    not bound by it)."""
    try:
        judged = judge(program, index, usage, trace=True, before=False)
    except UsageError:
        return False
    return lim in judged.limits


def _runs(program: ir.Program, index: int) -> dict:
    """Each cap in total of stretch ``index`` -> the index of the first of the run of
    stretches ending at it that all hold it (the same limit, meaning the same), the facts its
    conditions read, and whether they read the tier. Kept per stretch in the program's
    runtime (found for each by :func:`prepare`)."""
    found = program.runtime.setdefault("since", {})
    if index not in found:
        stretches, runs = program.stretches, {}
        for lim in stretches[index].limits:
            if lim.basis == "total":
                j = index
                while j > 0 and lim in stretches[j - 1].limits:
                    j -= 1
                read, tiered = set(), False
                for atom in (*ir.atoms(lim.guard), *ir.atoms(lim.unless)):
                    tiered = tiered or isinstance(atom, (ir.TierIs, ir.Subscribed))
                    if isinstance(atom, ir.Fact):
                        read.add(atom.name)
                    elif isinstance(atom, (ir.DateGap, ir.SameWindow)):
                        read.update((atom.first, atom.second))
                runs[lim] = (j, frozenset(read), tiered)
        found[index] = runs
    return found[index]


def elsewhere_help(program: ir.Program, index: int, ended: _dt.date | None = None) \
        -> Callable[[str, list[str], str], str]:
    """The help for a name a usage uses that the text in force in stretch ``index`` does not
    define: where another text of the agreement defines it, from when it is defined (and by
    which texts), and what the text in force defines instead; else :func:`defined_help`. A
    text that takes effect after ``ended`` (the day the licensee's agreement ended) never
    binds the licensee, and is not named."""
    spans: dict[int, list] = {}  # each text's first and last day, and its version's name
    for at, stretch in enumerate(program.stretches):
        if ended is not None and at != index and stretch.start is not None and \
                stretch.start > ended:
            continue
        if stretch.version_index is not None:
            span = spans.setdefault(stretch.version_index,
                                    [stretch.start, stretch.end, stretch.version])
            span[1] = stretch.end
    here = program.stretches[index].version_index

    def helped(name: str, defined: list[str], kind: str) -> str:
        runs: list[list] = []  # texts that define it, those in force one after another together
        for version, (start, end, title) in sorted(spans.items()):
            if version == here or name not in _names(program.symbols[version], kind):
                continue
            if runs and runs[-1][1] is not None and start == runs[-1][1] + DAY:
                runs[-1][1:] = [end, runs[-1][2], title]
            else:
                runs.append([start, end, title, title])
        if not runs:
            return defined_help(name, defined, kind)
        said = " and ".join(_days(start, end) + ("" if first is None else f" (text `{first}`)"
                                                 if first == last else
                                                 f" (texts `{first}` to `{last}`)")
                            for start, end, first, last in runs)
        text = f"the text in force {_days(*spans[here][:2])}"
        closest = did_you_mean(name, defined)
        instead = f"in {text}, {closest}" if closest else \
            f"{text} defines: {', '.join(sorted(defined))}" if defined else \
            f"{text} defines no {kind}"
        return f"`{name}` is defined {said}; {instead}"
    return helped


def _names(symbols, kind: str):
    """The names of ``kind`` (an app, a tier, a unit or a kind of term) a text defines."""
    if kind in ("app", "tier"):
        return symbols.apps if kind == "app" else symbols.tiers
    return symbols.unit_names if kind == "unit" else symbols.terms[kind]


def _days(start: _dt.date | None, end: _dt.date | None) -> str:
    """A text's days in words: `from 2024-01-01 to 2024-02-29`, `from 2024-03-01`."""
    return " ".join(([f"from {start}"] if start is not None else []) +
                    ([f"to {end}" if start is not None else f"until {end}"]
                     if end is not None else []))


def _facets(program: ir.Program, index: int, symbols, usage: Usage) -> tuple:
    """What the usage's app, action or act, data and purpose (and whether it has recipients)
    decide in stretch ``index``, whatever else it states: its action, its data, whether its
    purpose is approved for its app, the permissions covering those (whoever receives it),
    whether the agreement has ended for it (it is not an act, and only surviving clauses bind),
    and the prohibitions covering those."""
    action = doing(symbols, usage)
    # an act is not a use of content: it uses no data, and needs no licence
    data = _data(symbols, usage)
    if data is None and not usage.act and symbols.terms["data"]:  # (none defined: no question)
        kinds = ", ".join(f"`{n}`" for n, t in symbols.terms["data"].items() if t.parent is None)
        raise usage_problem(usage, ("data",), "the usage does not say which data it uses, and "
                            "the agreement has several kinds", f"add `data:` with one of {kinds}")
    ended = program.stretches[index].state == "surviving" and not usage.act
    approved_ = approved(symbols, usage)
    permits, forbids = indexes(program, index)
    return (action, data, approved_, permits.covering(action, data, usage.purpose, approved_),
            ended, forbids.covering(action, data, usage.purpose, approved_))


def _cleared(program: ir.Program, index: int, symbols, usage: Usage,
             facets: tuple | None = None) -> frozenset:
    """The recipients (None: a usage with none) for which the usage's facets (see
    :func:`_facets`; ``facets``, where found before) do not deny it in stretch ``index``
    whatever else it states, the names it uses defined, as :func:`judge` finds it: none when
    they deny it whoever receives it; else every recipient but those no permission covering
    the facets covers and those a prohibition covering them bars whatever is stated (one with
    no condition, exception or conflict)."""
    _, _, _, covered, ended, barring = facets or _facets(program, index, symbols, usage)
    if ended or _unlicensed(covered, usage):
        return frozenset()
    permits, forbids = indexes(program, index)
    barred = barring & forbids.unconditional
    return frozenset(recipient for recipient in (None, *symbols.terms["recipient"])
                     if (usage.act or permits.for_recipient(covered, recipient))
                     and not forbids.for_recipient(barred, recipient))


def _bars(program: ir.Program, index: int, usage: Usage, facets: tuple) -> int:
    """The prohibitions of stretch ``index`` covering the usage's facets (``facets``: see
    :func:`_facets`) whose conditions the rest of what it states decides alone (see
    :class:`RuleIndex`): each denies it where its conditions hold, as :func:`judge` finds."""
    _, _, _, _, ended, barring = facets
    if ended:
        return 0
    return barring & indexes(program, index)[1].stated


def _barred(program: ir.Program, index: int, usage: Usage, facets: tuple, bars: int) -> bool:
    """Whether a prohibition of ``bars`` (from :func:`_bars`) holds for the usage with one of
    its recipients: it is denied however the questions it leaves open are answered."""
    action, data, approved_ = facets[:3]
    forbids = indexes(program, index)[1]
    facts = usage.fact_names()
    for recipient in usage.recipients or _NO_RECIPIENT:
        found = forbids.for_recipient(bars, recipient)
        if found:
            f = ir.Facts(usage.app, action, data, usage.purpose, recipient, usage.tier, facts,
                         approved_)
            for rule in forbids.pick(found):
                if conditions_hold(rule, f):
                    return True
    return False


def facets_deny(program: ir.Program, usage: Usage) -> bool:
    """Whether the usage's facets deny it in a part of its period whatever else it states and
    however the questions it leaves open are answered (see :func:`_cleared`); False when a
    name it uses is not defined in a part (judging it says what is wrong)."""
    denied = False
    for index, *_ in parts(program, usage):
        found = _facets_bar(program, index, usage, True)
        if found is None:
            return False
        denied = denied or found
    return denied


def terms_deny(program: ir.Program, index: int, usage: Usage) -> bool:
    """Whether the usage's app, action or act, data, purpose and recipients deny it in stretch
    ``index`` whatever else it states (its tier, facts, findings, the parties' values, its
    amounts and dates), as :func:`judge` finds: no version is in force, no permission covers
    them, or a prohibition with no condition, exception or conflict bars them (see
    :func:`_cleared`). False when a name it uses is not defined there."""
    return _facets_bar(program, index, usage, False) is True


def _facets_bar(program: ir.Program, index: int, usage: Usage, stated: bool) -> bool | None:
    """Whether the usage's facets deny it in stretch ``index`` whatever else it states (see
    :func:`_cleared`), or, with ``stated``, a prohibition whose conditions read only what it
    states holds for it (see :func:`_barred`); None when a name it uses is not defined there
    (judging it says what is wrong)."""
    stretch = program.stretches[index]
    if stretch.state == "none":
        return True
    symbols = program.symbols[stretch.version_index]
    if not name_checks(symbols)[0](usage):
        return None
    facets = _facets(program, index, symbols, usage)
    return not _cleared(program, index, symbols, usage, facets).issuperset(
        usage.recipients or _NO_RECIPIENT) or \
        stated and _barred(program, index, usage, facets, _bars(program, index, usage, facets))


def _unlicensed(found: int, usage: Usage) -> bool:
    """Whether a usage needs a permission and none of ``found`` covers it (an act is not a use
    of content and needs none): what is not permitted is denied."""
    return not found and not usage.act


def _denied(program: ir.Program, index: int, action: str | None, data: str | None) -> Judged:
    """A usage's terms denied in stretch ``index`` before any amount or date counts: one such
    row per action and data, shared by every usage denied so (a batch of new terms keeps no new
    objects for them)."""
    table = program.runtime.setdefault("denied", {})
    found = table.get((index, action, data))
    if found is None:
        found = table[index, action, data] = Judged(DENIED, program.stretches[index], (), (),
                                                    action, data)
    return found


def read_by(program: ir.Program, usage: Usage, symbols) -> Usage:
    """The usage as the text whose vocabulary is ``symbols`` reads it: what the usage states
    happened or was found (a fact, a finding, a refusal, an attribute or measure of the
    licensee or of its users) that this text does not define, but another text of the
    agreement does, is no concern of this text and is left out. (It depends on the program
    and the usage's terms alone, as the table of decided terms requires.)"""
    others = program.symbols
    terms = symbols.terms

    def elsewhere(kinds, name) -> bool:
        return not any(name in terms[k] for k in kinds) and \
            any(name in other.terms[k] for other in others for k in kinds)

    party = ("attribute", "measure")
    return usage.evolved(
        facts=[(n, d) for n, d in usage.facts if not elsewhere(("fact",), n)],
        findings=[(n, v) for n, v in usage.findings if not elsewhere(("standard",), n)],
        refuses=[d for d in usage.refuses if not elsewhere(("duty",), d)],
        licensee=[(n, v) for n, v in usage.licensee if not elsewhere(party, n)],
        users=[[(n, v) for n, v in group if not elsewhere(party, n)] for group in usage.users])


def _may_decide(duty: ir.DutyRule, refuses: tuple, stated: frozenset, action: str | None,
                terminates: _dt.date | None) -> bool:
    """Whether what a usage shows of a duty (see :func:`judge_deadline`) may deny it or leave
    it undetermined, for every usage that states the facts ``stated`` (whatever their dates)
    and refuses the duties ``refuses``, doing ``action`` in a stretch that ends on
    ``terminates``: a duty it refuses; one no fact shows done is pending at most; one whose
    deadline is counted from or before an event it does not state, or due before another
    action, is not triggered."""
    if duty.duty in refuses:
        return True
    if duty.shown_by is None:
        return False
    deadline = duty.deadline
    kind = deadline.kind
    if kind in ("within", "upon"):
        names = deadline.after.names
        return terminates is not None and m.TERMINATION in names or \
            not stated.isdisjoint(names)
    if kind in ("judged", "before-fact"):
        return deadline.event in stated
    if kind == "before-action":
        return action in deadline.actions
    return kind != "none"


def lifted_on_provisos(judged: Judged, usage: Usage) -> set[int]:
    """The ids of the limits of ``judged`` that permissions lift on their provisos, where the
    usage keeps them (see `Tally.provided`): they do not bind it."""
    tally = Tally(judged, usage, usage.first_day, usage.last_day, False)
    return {key for key, lifters in judged.provided.items()
            if tally.kept(lifters)[0] == PERMITTED}


def meeting(judged: Judged, usage: Usage, items) -> list:
    """The items of a stretch that decide no usage (the licensor's clauses, money) whose
    conditions the usage meets, with any one of its recipients, as ``judged`` read its terms,
    and that yield there to no item of a prevailing document (see :func:`stands`)."""
    if not items:
        return []
    facts = judged_as(judged.symbols, usage, judged.action, judged.data, assumed=False)
    by_clause = {getattr(item, "clause", None): item for item in items}
    return [item for item in items if any(stands(item, by_clause, f) for f in facts)]


def stands(item, others: dict, f: ir.Facts) -> bool:
    """Whether an item that decides no usage (a clause of the licensor's, a liability cap)
    holds for facts ``f``: its conditions do, and it yields to none of ``others`` (the items of
    its kind in force, by clause) of a document that prevails over its own whose conditions
    hold there (docs/semantics.md, section 19)."""
    return conditions_hold(item, f) and not any(
        c.yields(f) and conditions_hold(others[c.other], f)
        for c in getattr(item, "conflicts", ()))


def judged_as(symbols, usage: Usage, action: str | None, data: str | None,
              assumed: bool = True, approved_: bool | None = None) -> list[ir.Facts]:
    """The facts a usage is judged by: several recipients are judged one by one, and so are
    the groups of its users (no recipient, or no users stated, is one judgement of its own).
    The licensee is known by what the usage states of it and what the agreement and the
    schedule of its app state; without ``assumed``, the values given to try an answer to a
    question the usage leaves open are not known. (``approved_``: whether its purpose is
    approved for its app, where found before.)"""
    if not assumed and usage.assumed:
        usage = usage.evolved(licensee=[
            (n, v) for n, v in usage.licensee if ("licensee", n) not in usage.assumed], users=[
            [(n, v) for n, v in group if ("user", n, index) not in usage.assumed]
            for index, group in enumerate(usage.users)], assumed=(), settled=())
    if approved_ is None:
        approved_ = approved(symbols, usage)
    facts, met = usage.fact_names(), usage.found()
    licensee = symbols.licensee_values(usage.app)
    if usage.licensee:
        licensee = {**licensee, **dict(usage.licensee)}
    if usage.users or usage.assumed:
        groups = [(dict(group), frozenset((q[0], q[1]) for q in usage.assumed
                                          if q[0] != "user" or q[2] == index))
                  for index, group in enumerate(usage.groups)]
    else:
        groups = _NO_USERS
    dates, settled = usage.dates, dict(usage.settled) if usage.settled else _NOTHING
    return [ir.Facts(usage.app, action, data, usage.purpose, recipient, usage.tier, facts,
                     approved_, met, licensee, user, said, dates, settled)
            for recipient in usage.recipients or _NO_RECIPIENT for user, said in groups]


def approved(symbols, usage: Usage) -> bool:
    """Whether the usage's purpose is approved for its app."""
    return symbols.approves(usage.app, usage.purpose)


def doing(symbols, usage: Usage) -> str | None:
    """What the usage does: its act, its action, or the default action."""
    return usage.act or usage.action or _default_action(symbols, usage)


def _default_action(symbols, usage: Usage) -> str | None:
    actions = symbols.terms["action"]
    if usage.recipients and "share" in actions:
        return "share"
    return "use" if "use" in actions else None


# ---- what its amounts and dates decide -------------------------------------------------------


# The edges of a part that begins and ends with its days (see `parts`).
_WHOLE_DAYS = (None, None)


class Tally:
    """Judges a usage's volumes against the limits that apply, and the deadlines of its duties,
    in one part of its period. With ``trace`` it records each finding as an event."""

    __slots__ = ("judged", "u", "first", "last", "reach", "whole", "edges", "outcome", "events")

    def __init__(self, judged: Judged, usage: Usage, first: _dt.date, last: _dt.date,
                 trace: bool, reach: dict | None = None, whole: tuple | None = None,
                 edges: tuple = _WHOLE_DAYS):
        self.judged, self.u, self.first, self.last = judged, usage, first, last
        # id(limit or duty) -> (first, last, and its edges): the days it binds the usage
        # unbroken, across neighbouring parts (see `reaches`); else the part's own days
        self.reach = reach
        # the instants the part begins and ends at, where a fact's instant within a day cuts
        # the period there (see `parts`)
        self.edges = edges
        # (first, last, Judged) of every part of the usage's period (see `most`); None: this
        # part is the whole period
        self.whole = whole
        self.outcome = judged.outcome
        self.events = [] if trace else None

    def run(self) -> str:
        trace = self.events is not None
        if self.judged.earning is not None:
            self.earned(self.judged.earning)
            if not trace and self.outcome == DENIED:
                return DENIED
        for lim in self.judged.limits:
            self.limit(lim)
            if not trace and self.outcome == DENIED:
                return DENIED
        # the provisos are judged first: which permissions the usage relies on is known
        # before any duty is said (see `licensed`)
        licensing = self.judged.licensing
        # (untraced, the duties whose finding may decide alone: see `Judged.timed`)
        duties = self.judged.pending if trace else self.judged.timed
        found: dict[int, Finding | None] = {}
        unrelied: dict[int, tuple] = {}  # id(permission): the permissions it may rely on instead
        owner: dict[int, ir.Rule] = {}  # id(proviso): its permission
        if licensing:
            owner = {id(duty): rule for way in licensing for rule in way
                     for duty in rule.provisos}
            for duty in duties:
                if id(duty) in owner:
                    found[id(duty)] = self.finding(duty)
            relied: set[int] = set()
            for way in licensing:
                self.worsen(self.licensed(way, found, relied, unrelied))
            for key in relied:
                unrelied.pop(key, None)
            if not trace and self.outcome == DENIED:
                return DENIED
        skipped: set[int] = set()  # the permissions not relied on, said once
        for duty in duties:
            if id(duty) not in found:
                self.duty(duty)
                if not trace and self.outcome == DENIED:
                    return DENIED
            elif id(owner[id(duty)]) in unrelied:
                rule = owner[id(duty)]
                if id(rule) not in skipped:
                    skipped.add(id(rule))
                    self.note("unrelied", rule, unrelied[id(rule)])
            elif found[id(duty)] is not None:
                self.said(duty, found[id(duty)])
        return self.outcome

    @staticmethod
    def licensed(way: tuple, found: dict, relied: set, unrelied: dict) -> str:
        """The outcome for one recipient licensed by any of several permissions, each with its
        provisos (``way``): the best over the permissions of the worst over its provisos'
        findings (``found``). The permissions that give it go into ``relied`` (all of them,
        where it is denied); each other, with those that give it, into ``unrelied``: the
        usage does not rely on it."""
        outcomes = []
        for rule in way:
            outcome = PERMITTED
            for duty in rule.provisos:
                finding = found.get(id(duty))
                status = finding.status if finding is not None else None
                outcome = worse(outcome, _DUTY_OUTCOME.get(status, PERMITTED))
            outcomes.append(outcome)
        best = min(outcomes, key=SEVERITY.__getitem__)
        chosen = tuple(rule for rule, outcome in zip(way, outcomes) if outcome == best)
        for rule, outcome in zip(way, outcomes):
            if outcome == best:
                relied.add(id(rule))
            else:
                unrelied.setdefault(id(rule), chosen)
        return best

    def note(self, *event):
        if self.events is not None:
            self.events.append(event)

    def worsen(self, outcome: str):
        self.outcome = worse(self.outcome, outcome)

    # -- the tier ---------------------------------------------------------------------------
    def earned(self, rule: ir.EarningRule):
        """Whether the usage's tier is earned by what it states paid, as of the first day the
        tier binds it unbroken (so that a cut where nothing about the tier changes changes
        nothing)."""
        payments, day = paid(self.u, self.judged.symbols.unit_of), self.days(rule)[0]
        earned = rule.earned(payments, day)
        if not earned:
            self.worsen(DENIED)
        self.note("earned", rule, rule.paid(payments, day), day, earned,
                  () if earned else rule.uncounted(payments, day))

    # -- limits -----------------------------------------------------------------------------
    def limit(self, lim: ir.LimitRule):
        lifters = self.judged.provided.get(id(lim)) if self.judged.provided else None
        if lifters is not None:
            self.provided(lim, lifters)
            return
        self.bound(lim)

    def provided(self, lim: ir.LimitRule, lifters: tuple):
        """A limit that permissions lift only on their provisos (``lifters``: those that lift
        it for each recipient): the usage needs them only where the limit would not permit
        it, and then relies, for each recipient, on one whose provisos it keeps, which lifts
        the limit; where it keeps none, the better of the two decides, and both are said (the
        limit, and the provisos that the exception asks)."""
        verdict, said = self.alone(self.bound, lim)
        events = self.events
        if verdict == PERMITTED:
            if events is not None:
                events.extend(said)
            return
        kept, chosen, found = self.kept(lifters)
        if kept == PERMITTED:
            self.note("limit-excepted", lim, [rule.clause for rule in chosen])
        else:
            kept = verdict if SEVERITY[verdict] < SEVERITY[kept] else kept
            if events is not None:
                events.extend(said)
        self.worsen(kept)
        # (the provisos owed whatever the limit are said with the others: see `run`)
        owed = {id(duty) for way in self.judged.licensing for rule in way
                for duty in rule.provisos}
        for rule in chosen:
            for duty in rule.provisos:
                if found[id(duty)] is not None and id(duty) not in owed:
                    self.said(duty, found[id(duty)])

    def kept(self, lifters: tuple) -> tuple[str, list, dict]:
        """Whether the usage keeps the provisos of a permission that lifts a limit, for each
        recipient (``lifters``, see `Judged.provided`): the outcome they give, the permissions
        it relies on, and the findings on their provisos."""
        found = {id(duty): self.finding(duty) for way in lifters for rule in way
                 for duty in rule.provisos}
        relied: set[int] = set()
        kept = PERMITTED
        for way in lifters:
            kept = worse(kept, self.licensed(way, found, relied, {}))
        chosen = list({id(rule): rule for way in lifters for rule in way
                       if id(rule) in relied}.values())
        return kept, chosen, found

    def alone(self, judge, lim: ir.LimitRule) -> tuple[str, list | None]:
        """What ``judge(lim)`` decides on its own: its outcome and (traced) what it says, the
        outcome and the events so far left as they were."""
        before, events = self.outcome, self.events
        self.outcome = PERMITTED
        if events is not None:
            self.events = []
        judge(lim)
        verdict, said = self.outcome, self.events
        self.outcome, self.events = before, events
        return verdict, said

    def bound(self, lim: ir.LimitRule):
        """Judges a limit that binds the usage."""
        if lim.binds(self.u.endpoint) is None:
            # the usage does not say whether it calls the limit's endpoint: the limit binds
            # it or not; where it would deny, the outcome turns on the answer
            verdict, said = self.alone(self.amounts, lim)
            events = self.events
            if verdict == DENIED:
                self.worsen(UNDETERMINED)
                self.note("endpoint-open", lim)
            else:
                self.worsen(verdict)
                if events is not None:
                    events.extend(said)
                if verdict == UNDETERMINED:
                    # stating another endpoint decides it alone: the decision asks for it too
                    self.note("endpoint-asked", lim)
            return
        self.amounts(lim)

    def amounts(self, lim: ir.LimitRule):
        """The usage's volumes against a limit that binds it. What it spends in another
        currency than a limit in money counts for it in an amount that cannot be told (no
        rate of exchange is assumed): unless what it states in the limit's currency denies it,
        it is undetermined."""
        other = self.other_money(lim)
        if not other:
            self.in_unit(lim)
            return
        verdict, said = self.alone(self.in_unit, lim)
        if verdict == DENIED:
            self.worsen(DENIED)
            if self.events is not None:
                self.events.extend(said)
            return
        self.worsen(UNDETERMINED)
        if self.events is not None:
            self.events.extend(event for event in said if event[0] != "limit-duty")
        self.note("money-apart", lim, tuple(other))

    def other_money(self, lim: ir.LimitRule) -> list:
        """The volumes the usage states in another currency than a limit in money, of a kind
        it counts, on days it counts (see :meth:`apart`)."""
        names = self.judged.symbols.unit_names
        unit = names.get(lim.unit)
        if unit is None or unit.dimension != "money" or lim.per is not None:
            return []
        return [volume for volume in self.u.volume
                if volume.kind in COUNTED[lim.basis] and (found := names.get(volume.unit))
                is not None and found.dimension == "money" and found.name != lim.unit
                and not self.apart(volume, lim)]

    def in_unit(self, lim: ir.LimitRule):
        """The usage's volumes in a limit's unit against it."""
        unit_of = self.judged.symbols.unit_of
        # a total stated over days on none of which the limit binds the usage (days of its
        # period the limit does not bind, or days before or after the period) is none of the
        # limit's (the usage states it apart: the share of those days)
        volumes = [vol for vol in self.u.volume
                   if counts(lim, vol, unit_of) and not self.apart(vol, lim)]
        if not volumes:
            if lim.amount == 0:
                self.worsen(DENIED)
                self.note("zero", lim)
            else:
                self.note("limit-duty", lim)
            return
        basis, judging, covered = lim.basis, volumes, None
        if len(volumes) > 1 and basis in ("window", "total"):
            if self.events is None:
                # (untraced, a total the limit denies alone denies the usage whatever the
                # totals come to together: it is never among those judged together)
                before = self.outcome
                self.each(lim, basis, volumes, volumes, None)
                if self.outcome == DENIED:
                    return
                alone, self.outcome = self.outcome, before
                judging, covered = self.together(lim, volumes)
                if covered is None:  # none judged together: each as judged alone
                    self.worsen(alone)
                    return
            else:
                judging, covered = self.together(lim, volumes)
        self.each(lim, basis, judging, volumes, covered)

    def each(self, lim: ir.LimitRule, basis: str, judging: list, volumes: list, covered):
        """The volumes ``judging`` against a limit one by one (``volumes``: all the usage
        states in its unit; ``covered``: see :meth:`together`)."""
        for volume in judging:
            if basis == "total":
                self.in_total(lim, volume, volumes, covered)
            elif basis != "window":
                self.peak(lim, volume)
            elif volume.is_rate:
                self.rate(lim, volume)
            else:
                self.total(lim, volume, volumes, covered)

    def together(self, lim: ir.LimitRule, volumes: list) -> tuple[list, tuple | None]:
        """Totals stated side by side count together. The usage's totals counted once (see
        :func:`counted_once`) on days the limit binds it, two or more in one window of it (for
        a cap in total, all of them, where the usage states two or more totals within no
        other), come to at least what the most of them that are disjoint do, and at most to
        all of them (with, under a cap, those that run beyond its days): time two of them share
        is not counted twice. More than the limit at least denies; else more at most, where
        some overlap or run beyond the cap's days, is undetermined; else a cap in total is
        within it. The volumes judged so are not judged one by one: the others are returned,
        with (the ids of those judged, a list of the totals judged by them) or None. A total
        judged by its shares, all judged so, is said with them: :meth:`in_total` and
        :meth:`total` put it in that list (total, its shares, its first and last day the limit
        binds) and say nothing of their own (what they come to, compared with the limit, is
        no more than these do). Totals one window meets but none holds may all fall in it: more
        than the limit is undetermined (:meth:`met`). Disjoint totals no one window holds deny
        by their sum over the windows they span (:meth:`spread`), and totals stated that those
        counted once do not count deny by what they come to at least (:meth:`stated`)."""
        u = self.u
        totals = [volume for volume in volumes if not volume.is_rate]
        if len(totals) < 2:
            return volumes, None
        # (the amounts in whole numbers of one fraction of the unit, summed and compared exactly)
        scale = math.lcm(lim.amount.denominator, *(volume.amount.denominator for volume in totals))
        whole = {id(volume): volume.amount.numerator * (scale // volume.amount.denominator)
                 for volume in totals}
        limit = lim.amount.numerator * (scale // lim.amount.denominator)
        if sum(whole.values()) <= limit and (lim.window is not None or self.events is None) \
                and not (sum(whole.values()) == limit and lim.window is None and all(
                    before_period(volume, u) for volume in totals)):
            # totals that come to no more than the limit all together decide nothing together:
            # no window holds more of them, nor do they average more over several (traced, a
            # cap in total says they are within it)
            return volumes, None
        first, last = self.counting(lim)
        once = counted_once(totals, u, first, last)
        found = None
        if lim.basis != "total" or sum(
                not any(within(volume, other, u) for other in totals) for volume in totals) > 1:
            # (under a cap, a total with its shares alone is judged by them: see `in_total`)
            found = self.counted(lim, once, first, last, whole, limit)
        if found is None or found[0] != DENIED:
            found = self.stated(lim, totals, once, first, last, whole, limit) or found
        if found is None:
            return volumes, None
        verdict, least, most, members, windows = found
        least, most = Fraction(least, scale), Fraction(most, scale)
        self.worsen(verdict)
        around: list = []  # (filled as the totals around them are judged)
        self.note("together", lim, verdict, least, most, members, around, windows)
        judged = {id(volume) for volume in members}
        return [volume for volume in volumes if id(volume) not in judged], (judged, around)

    def counted(self, lim: ir.LimitRule, once: list, first: _dt.date, last: _dt.date,
                whole: dict[int, int], limit: int) -> tuple | None:
        """The totals counted once (``once``) on the days from ``first`` to ``last`` the limit
        binds, side by side (see :meth:`together`; ``whole``: id(total) -> its amount, and
        ``limit``, in whole numbers): (verdict, least, most, the totals judged, the windows
        they span, or None where one window meets them and none holds them: see :meth:`met`),
        or None where they decide nothing together."""
        u = self.u
        inside, partly = [], 0
        for volume in once:
            start, end = stated_days(volume, u)
            if self.inside(volume, lim, first, last):
                inside.append(volume)
            elif start <= last and first <= end:
                partly += whole[id(volume)]  # counts in part, how much is unknown
        if len(inside) < 2:
            return None
        spans = {id(volume): span(volume, u) for volume in inside}
        found = None
        for group in ([inside] if lim.window is None else
                      in_one_window(lim.window, inside, spans)):
            least, chosen = disjoint_most(group, spans, whole)
            most = sum(whole[id(volume)] for volume in group) + (
                partly if lim.window is None else 0)
            if len(chosen) > 1 and least > limit:
                verdict = DENIED
            elif any(whole[id(volume)] > limit for volume in group):
                continue  # one over the limit alone is judged alone
            elif most > limit and (len(chosen) < len(group) or lim.window is None and partly):
                verdict = UNDETERMINED
            elif lim.window is None:
                verdict = PERMITTED
                if least == most == limit and all(
                        before_period(volume, u) for volume in group):
                    # counted before the period up to the cap, they leave none for the usage,
                    # which implies a positive amount (said so: no window, see `in_total`)
                    found = (DENIED, least, most, tuple(chosen), 0)
                    continue
            else:
                continue
            if found is None or SEVERITY[verdict] > SEVERITY[found[0]] or \
                    verdict == found[0] and least > found[1]:
                found = (verdict, least, most, tuple(chosen) if verdict == DENIED else tuple(
                    sorted(group, key=lambda volume: (spans[id(volume)], volume.amount))), 1)
        if lim.window is not None and (found is None or found[0] != DENIED):
            found = self.met(lim.window, inside, spans, whole, limit, found)
            found = self.spread(lim, inside, spans, whole, limit) or found
        return found

    @staticmethod
    def met(window: m.Window, inside: list, spans: dict, whole: dict[int, int], limit: int,
            found: tuple | None) -> tuple | None:
        """Totals side by side that one window of the limit meets but none holds wholly: how
        each spreads over its days is unknown, so all of them may fall in that window. Where
        they come to more than the limit, each within it alone (one over it alone is judged
        alone), it is undetermined: (UNDETERMINED, 0, their sum, them, None), the group over
        it by the most, unless ``found`` (what the windows holding them wholly decide) says
        more; else ``found``."""
        for group in met_by_one_window(window, inside, spans):
            if windows_between(window, min(spans[id(volume)][0] for volume in group),
                               max(spans[id(volume)][1] for volume in group)) == 1:
                continue  # one window holds them: see `counted`
            if any(whole[id(volume)] > limit for volume in group):
                continue
            most = sum(whole[id(volume)] for volume in group)
            if most > limit and (found is None or found[0] == UNDETERMINED and
                                 found[4] is None and most > found[2]):
                found = (UNDETERMINED, 0, most, tuple(
                    sorted(group, key=lambda volume: (spans[id(volume)], volume.amount))), None)
        return found

    def stated(self, lim: ir.LimitRule, totals: list, once: list, first: _dt.date,
               last: _dt.date, whole: dict[int, int], limit: int) -> tuple | None:
        """Totals stated on the limit's days that those counted once (``once``) do not count
        (shares within a total counted whole, a share stated twice) still count at least
        themselves: those of them that share no time, in one window of the limit (under a cap
        in total, all of them), come to at least what they do, and more than the limit
        denies: (DENIED, their sum, their sum, them, 1), or None."""
        u, counted = self.u, {id(volume) for volume in once}
        # (one over the limit alone is judged alone)
        wholly = [volume for volume in totals if whole[id(volume)] <= limit and
                  self.inside(volume, lim, first, last)]
        spans = {id(volume): span(volume, u) for volume in wholly}
        found = None
        for group in ([wholly] if lim.window is None else
                      in_one_window(lim.window, wholly, spans)):
            least, chosen = disjoint_most(group, spans, whole)
            if len(chosen) > 1 and least > limit and \
                    any(id(volume) not in counted for volume in chosen) and \
                    (found is None or least > found[1]):
                found = (DENIED, least, least, chosen, 1)
        return found

    def spread(self, lim: ir.LimitRule, inside: list, spans: dict, whole: dict[int, int],
               limit: int) -> tuple | None:
        """Disjoint totals side by side that no one window holds: a run of them, in order of
        time, spans the windows from the first instant of its first to the last of its last,
        and more than the limit times those windows denies, as it does a total over that time
        (some window holds more than the limit). The run over it by the most, each of its
        totals within the limit alone: (DENIED, its sum, its sum, the run, its windows); else
        None."""
        window = lim.window
        _, chosen = disjoint_most(inside, spans, whole)
        alone = [whole[id(volume)] <= limit * windows_between(window, *spans[id(volume)])
                 for volume in chosen]
        found, most = None, 0
        for i in range(len(chosen)):
            counted = whole[id(chosen[i])]
            for j in range(i + 1, len(chosen)):
                counted += whole[id(chosen[j])]
                windows = windows_between(window, spans[id(chosen[i])][0],
                                          spans[id(chosen[j])][1])
                over = counted - limit * windows
                if windows > 1 and over > most and all(alone[i:j + 1]):
                    found, most = (DENIED, counted, counted, chosen[i:j + 1], windows), over
        return found

    def days(self, item: ir.LimitRule | ir.DutyRule | ir.EarningRule) -> tuple[_dt.date,
                                                                                 _dt.date]:
        """The days over which a limit, duty or tier's earning binds the usage unbroken (at
        least this part's)."""
        if self.reach is None or (found := self.reach.get(id(item))) is None:
            return self.first, self.last
        return found[:2]

    def counting(self, lim: ir.LimitRule) -> tuple[_dt.date, _dt.date]:
        """The days over which a limit counts the usage's totals: those it binds the usage
        (see :meth:`days`); for a cap in total that binds it from the first day of its period,
        from the day the cap began to bind, before the period (what was counted before it
        counts as it stands: docs/semantics.md, "Caps in total")."""
        first, last = self.days(lim)
        if lim.basis == "total" and first == self.u.first_day and self.bound_at(lim)[0] is None \
                and lim in self.judged.since:
            since, read, tiered = self.judged.since[lim]
            begun = _dt.date.min if since is None else since
            # (where its conditions read a fact the usage states, it may have begun to bind
            # the usage on the fact's day, or at an unknown one: it counts from no earlier)
            for name, when in self.u.facts:
                if name in read:
                    begun = first if when is None else max(begun, min(day_of(when), first))
            # (where they read the tier, and the usage's tier is earned by what it paid, the
            # tier was the licensee's from the first day its payments earned it: no earlier)
            earning = self.judged.earning
            if tiered and earning is not None:
                payments = paid(self.u, self.judged.symbols.unit_of)
                earned = [day for _, _, day in payments if earning.earned(payments, day)]
                if earned:
                    begun = max(begun, min(min(earned), first))
            first = min(begun, first)
        return first, last

    def bound_at(self, item) -> tuple[_dt.datetime | None, _dt.datetime | None]:
        """The instants at which a limit or duty begins and stops binding the usage within
        the first and last of its days (see :meth:`days`), where a fact's instant cuts the
        period there (None: the start of the first day, the end of the last)."""
        if self.reach is None or (found := self.reach.get(id(item))) is None:
            return self.edges
        return found[2:]

    def binding(self, item) -> tuple[_dt.date | _dt.datetime, _dt.date | _dt.datetime]:
        """The first and last moment at which ``item`` binds the usage without a break: the
        first and last of its days (see :meth:`days`), or the instant it begins or stops
        binding on them (see :meth:`bound_at`), or at which the usage begins or ends there."""
        (first, last), (lo, hi) = self.days(item), self.bound_at(item)
        u = self.u
        if lo is None and isinstance(u.start, _dt.datetime) and u.first_day == first:
            lo = u.start
        if hi is None and isinstance(u.end, _dt.datetime) and u.last_day == last:
            hi = u.end
        return first if lo is None else lo, last if hi is None else hi

    def inside(self, volume, item, first: _dt.date, last: _dt.date) -> bool:
        """Whether a total lies within the time over which ``item`` binds the usage (see
        :meth:`placed`)."""
        return self.placed(volume, item, first, last) == 1

    def placed(self, volume, item, first: _dt.date, last: _dt.date) -> int:
        """Where a total lies against the time over which ``item`` binds the usage: the days
        from ``first`` to ``last``, and on a day a fact's instant cuts, its instants (see
        :meth:`bound_at`): 1 within it, -1 wholly outside it, 0 partly in it."""
        start, end = stated_days(volume, self.u)
        if end < first or start > last:
            return -1
        lo, hi = self.bound_at(item)
        if lo is not None or hi is not None:
            begins, ends = span(volume, self.u)
            if lo is not None and ends <= lo or hi is not None and begins >= hi:
                return -1
            if lo is not None and begins < lo or hi is not None and ends > hi:
                return 0
        return 1 if first <= start and end <= last else 0

    def rate(self, lim: ir.LimitRule, volume):
        goal, source = rate_ratio(volume.per, lim.window, *self.days(lim))
        amount, limit = volume.amount, lim.amount
        exceeded = amount.numerator * goal * limit.denominator > \
            limit.numerator * source * amount.denominator
        if exceeded:
            self.worsen(DENIED)
        self.note("rate", lim, volume, goal, source, exceeded)

    def apart(self, volume, lim: ir.LimitRule) -> bool:
        """Whether a total is stated over time wholly outside that over which the limit counts
        it (see :meth:`placed` and :meth:`counting`): on days of the usage's period it does not
        bind, after the period, or, for a limit per window, before it (a cap in total counts
        what was counted before the period, from the day it began to bind)."""
        return not volume.is_rate and volume.start is not None and volume.end is not None \
            and self.placed(volume, lim, *self.counting(lim)) == -1

    def total(self, lim: ir.LimitRule, volume, volumes=(), covered=None):
        start, end = stated_days(volume, self.u)
        first, last = self.days(lim)
        most = None
        if not self.inside(volume, lim, first, last):
            # The total runs beyond the days the limit binds unbroken: its share in them is
            # unknown (at most the total), but no more than the limits binding the usage on
            # each day of it allow together (see `most`).
            windows = None
            most = self.most(volume, start, end)
        elif volume.start_time is None and volume.end_time is None:
            windows = count_windows(lim.window, start, end)
        else:  # from its first instant to its last
            windows = windows_between(lim.window, *span(volume, self.u))
        amount, limit = volume.amount, lim.amount
        scaled = amount.numerator * limit.denominator
        if windows is not None and scaled > limit.numerator * windows * amount.denominator:
            verdict = DENIED
        elif most is not None and amount > most[0]:
            verdict = DENIED
        elif scaled <= limit.numerator * amount.denominator:
            verdict = PERMITTED
        else:
            verdict = UNDETERMINED
        if verdict == UNDETERMINED or verdict == PERMITTED and covered is not None:
            # where shares stated within the total cover every day of it the limit binds, the
            # total says nothing of those days that they do not: they are judged, it is not
            # (within the limit alone, it is said with them where they are judged together)
            told = shares(volume, volumes, self.u, first, last)
            if told and self.said_together(covered, volume, told, start, end, first, last):
                return
            if told and verdict == UNDETERMINED:
                self.note("total-shared", lim, volume, start, end, told)
                return
        self.worsen(verdict)
        self.note("total", lim, volume, verdict, windows, start, end,
                  (first, last, *self.bound_at(lim)), most)

    def most(self, volume, start: _dt.date, end: _dt.date) -> tuple | None:
        """The most a total from ``start`` to ``end`` may come to within the limits per window
        and caps in total that bind the usage, where one binds it on every day of those days:
        the least sum, over runs of the parts that cover them, each run bound by one limit on
        all its days, of the limit times the windows the run spans (a window cut by the run's
        first or last day, or by a change of the limit, counts whole on each side: the share of
        each side is not stated; a cap in total counts once). With it, the shares it sums, as
        (limit, first, last, windows, allowed). None where a day of the total lies outside the
        usage's period or no such limit binds it."""
        whole = self.whole
        if whole is None or start < whole[0][0] or end > whole[-1][1]:
            return None
        spans = [(max(first, start), min(last, end), row) for first, last, row in whole
                 if first <= end and start <= last]
        endpoint = self.u.endpoint
        # best[k]: the least that the first k spans allow, and its shares
        best: list[tuple | None] = [(Fraction(0), ())] + [None] * len(spans)
        for k, (first, _, row) in enumerate(spans):
            if best[k] is None:
                continue
            sum_, shares = best[k]
            for lim in row.limits:
                if lim.basis not in ("window", "total") or lim.binds(endpoint) is not True or \
                        not counts(lim, volume, row.symbols.unit_of):
                    continue
                j = k
                while j < len(spans) and lim in spans[j][2].limits:
                    last = spans[j][1]
                    windows = 1 if lim.window is None else count_windows(lim.window, first, last)
                    allowed = lim.amount * windows
                    found = best[j + 1]
                    if found is None or sum_ + allowed < found[0]:
                        best[j + 1] = (sum_ + allowed,
                                       shares + ((lim, first, last, windows, allowed),))
                    j += 1
        return best[-1]

    def said_together(self, covered, volume, told, start, end, first, last) -> bool:
        """Whether a total judged by its shares ``told`` is said with them, all judged
        together (``covered``, see :meth:`together`): it is put among them."""
        if covered is None or any(id(share) not in covered[0] for share in told):
            return False
        covered[1].append((volume, tuple(told), max(first, start), min(last, end)))
        return True

    def in_total(self, lim: ir.LimitRule, volume, volumes, covered=None):
        """A cap in total: the amount a total or a rate comes to over the days the cap binds
        the usage; a total that runs beyond them may be within the cap or not, unless shares
        stated within it count those days: they count together (see :func:`shares`)."""
        first, last = self.counting(lim)
        most = None
        if volume.is_rate:
            start, end = self.binding(lim)
            counted = rate_over(volume.amount, volume.per, start, end)
            if not counted and volume.amount and not lim.amount:
                # a rate at an instant comes to nothing there, but is a positive amount
                self.worsen(DENIED)
                self.note("zero", lim)
                return
            # the totals stated before the period lie outside the rate's time: the cap counts
            # them besides it (those that share no time, as many as come to the most)
            before = counted_once([other for other in volumes if not other.is_rate and
                                   before_period(other, self.u)], self.u)
            earlier = disjoint_most(before, {id(other): span(other, self.u) for other in before},
                                    {id(other): other.amount for other in before})
            if earlier[1]:
                own, counted = counted, counted + earlier[0]
                verdict = DENIED if counted > lim.amount else PERMITTED
                self.worsen(verdict)
                self.note("in-total", lim, volume, verdict, counted, start, end,
                          (first, last, *self.bound_at(lim)), None, own, earlier[1])
                return
        else:
            start, end = stated_days(volume, self.u)
            counted = volume.amount
        if counted == lim.amount and not volume.is_rate and end < self.u.first_day and all(
                before_period(other, self.u) for other in volumes):
            # counted before the period up to the cap, it leaves none for the usage, which
            # implies a positive amount
            self.worsen(DENIED)
            self.note("cap-used", lim, volume, start, end)
            return
        if counted <= lim.amount:
            verdict = PERMITTED
        elif volume.is_rate or self.inside(volume, lim, first, last):
            verdict = DENIED
        else:  # only a share of the total is counted under the cap: how much is unknown, but
            # no more than the limits binding the usage on each day of it allow together
            most = self.most(volume, start, end)
            verdict = DENIED if most is not None and counted > most[0] else UNDETERMINED
        if verdict == UNDETERMINED or verdict == PERMITTED and covered is not None:
            # where shares stated within the total count every day of it the cap binds, the
            # total says nothing of those days that they do not: they are counted, it is not
            # (those on its days together, the cap counting everything once; a share that
            # runs beyond them counts in part, which decides nothing; within the cap alone, it
            # is said with them where they are judged together)
            told, whole = [], True
            for share in shares(volume, volumes, self.u, first, last):
                share_start, share_end = stated_days(share, self.u)
                if share_start <= last and first <= share_end:
                    told.append(share)
                    whole = whole and self.inside(share, lim, first, last)
            if told and whole and \
                    self.said_together(covered, volume, told, start, end, first, last):
                return
            if told and whole and verdict == UNDETERMINED:
                counted = sum(share.amount for share in told)
                verdict = DENIED if counted > lim.amount else PERMITTED
                self.worsen(verdict)
                self.note("cap-shared", lim, volume, verdict, counted, start, end,
                          (first, last), tuple(told))
                return
        self.worsen(verdict)
        self.note("in-total", lim, volume, verdict, counted, start, end,
                  (first, last, *self.bound_at(lim)), most)

    def peak(self, lim: ir.LimitRule, volume):
        """A cap on what one of a unit carries (`per request`), or on how many are under way
        at once: the most the usage states against it."""
        exceeded = volume.amount > lim.amount
        if exceeded:
            self.worsen(DENIED)
        self.note("peak", lim, volume, exceeded)

    # -- duties -----------------------------------------------------------------------------
    def duty(self, duty: ir.DutyRule):
        """Judges a duty's deadline, which worsens the outcome where it is not kept."""
        finding = self.finding(duty)
        if finding is None:
            return  # not triggered
        self.worsen(_DUTY_OUTCOME.get(finding.status, PERMITTED))
        self.said(duty, finding)

    def said(self, duty: ir.DutyRule, finding: Finding):
        """Notes a duty's finding; for a breach due after this part's last day (judged as of a
        later part that the duty binds too: see `finding`), the day it falls due, from which
        it is shown (one whose time is left to a standard is due no earlier than its event);
        and, for a duty still pending on the last day it binds the usage, where that day
        comes before the usage's last, that day (else None): it owes nothing after it
        (docs/semantics.md, section 6)."""
        if self.events is None:
            return  # (only the words read it)
        due = falls_due(duty, finding.due, self.u)
        last = self.days(duty)[1]
        ended = last if finding.status == "pending" and last < self.u.last_day else None
        later = day_of(due) if finding.status in ("breached", "late") and (
            due is not None and self.last < day_of(due)) else None
        self.note("duty", duty, finding, ended, later)

    def finding(self, duty: ir.DutyRule) -> Finding | None:
        """What the usage shows of a duty (None: not triggered)."""
        # as of the last day it binds the usage: where a cut changes nothing about it, a duty
        # due in a later part is breached in every part it binds
        first, last = self.days(duty)
        # (where it begins or stops binding at an instant: a fact's, or the usage's own start)
        begun, until = self.bound_at(duty)
        if begun is None:
            begun = self.u.start if first == self.u.first_day else first
        return judge_deadline(duty, self.u, self.judged.action, begun,
                              last if until is None else until,
                              until is None and last == self.u.last_day,
                              self.judged.stretch.terminates)


def falls_due(duty: ir.DutyRule, due, usage: Usage):
    """The earliest a duty of the usage is due: ``due``, as its finding judges it, or for one
    whose time is left to a standard (judged with no deadline), the date of its event, before
    which it is owed nothing (None: not known)."""
    if due is None and duty.deadline.kind == "judged":
        return usage.fact_date(duty.deadline.event)
    return due


# The outcome a duty's finding gives the usage (others permit it).
_DUTY_OUTCOME = {"breached": DENIED, "late": DENIED, "refused": DENIED, "unknown": UNDETERMINED}


def stated_days(volume, usage: Usage) -> tuple[_dt.date, _dt.date]:
    """The first and last day of a total (by default the usage's)."""
    return volume.start or usage.first_day, volume.end or usage.last_day


def before_period(volume, usage: Usage) -> bool:
    """Whether a total is stated over days that all come before the usage's period."""
    return stated_days(volume, usage)[1] < usage.first_day


def span(volume, usage: Usage) -> tuple[_dt.datetime, _dt.datetime]:
    """The first and last instant of a total (UTC): its `from` and `until` where stated as
    instants, else the start of its first day and the end of its last."""
    start_time, end_time = volume.start_time, volume.end_time
    if start_time is not None and end_time is not None:
        return start_time, end_time
    first, last = _instants(volume.start or usage.first_day, volume.end or usage.last_day)
    return start_time or first, end_time or last


@functools.lru_cache(maxsize=4096)
def _instants(start: _dt.date, end: _dt.date) -> tuple[_dt.datetime, _dt.datetime]:
    """The first instant of day ``start`` and the last of day ``end`` (UTC), made once: a
    usage's totals are read against every limit in their unit."""
    return bounds(start)[0], bounds(end)[1]


def overlap(a: tuple, b: tuple) -> bool:
    """Whether two spans share some time: an instant where one ends and the next begins is
    none (see :func:`span`)."""
    return a[0] < b[1] and b[0] < a[1]


def within(other, volume, usage: Usage) -> bool:
    """Whether total ``other`` is stated within the time of total ``volume``, on time of its
    own (not all of it): a share of it."""
    if other is volume or other.is_rate or volume.is_rate:
        return False
    whole, part = span(volume, usage), span(other, usage)
    return whole[0] <= part[0] and part[1] <= whole[1] and part != whole


_TICK = _dt.timedelta(microseconds=1)  # from the last instant of a day to the next day


def shares(volume, volumes, usage: Usage, first: _dt.date | None = None,
           last: _dt.date | None = None) -> tuple:
    """The shares of a total: the other totals among ``volumes`` stated within its time, on
    time of their own, none within another, when they are disjoint and cover all of it from
    ``first`` to ``last`` (by default all its days); else (). The caller passes volumes of
    the total's unit and kind."""
    if volume.is_rate:
        return ()
    whole = span(volume, usage)
    begin = max(bounds(first)[0], whole[0]) if first else whole[0]
    finish = min(bounds(last)[1], whole[1]) if last else whole[1]
    inside = [(span(other, usage), other) for other in volumes if within(other, volume, usage)]
    # the widest: a share within another share is a share of that one
    widest = sorted([(spanned, other) for spanned, other in inside if not any(
        wider != spanned and wider[0] <= spanned[0] and spanned[1] <= wider[1]
        for wider, _ in inside)], key=lambda pair: pair[0])
    reached = None  # the last instant the shares cover without a gap from ``begin``
    for ((share_start, share_end), _), after in zip(widest, widest[1:] + [None]):
        if after is not None and overlap(after[0], (share_start, share_end)):
            return ()  # two shares overlap: neither is the count of its time alone
        if reached is None:
            if share_start <= begin <= share_end:
                reached = share_end
        elif reached < finish and share_start <= reached + _TICK:
            reached = share_end
    if reached is None or reached < finish:
        return ()
    return tuple(other for _, other in widest)


def counted_once(volumes, usage: Usage, first: _dt.date | None = None,
                 last: _dt.date | None = None) -> list:
    """The totals among ``volumes`` that count each day once: each stated within no other,
    or, where its shares cover its days from ``first`` to ``last`` (see :func:`shares`), those
    shares, read so in turn; a total within one counted is counted by it. The caller passes
    volumes of one unit and kind."""
    counted: list = []

    def read(volume):
        told = shares(volume, volumes, usage, first, last)
        if told:
            for share in told:
                read(share)
        else:
            counted.append(volume)

    for volume in volumes:
        if not volume.is_rate and not any(within(volume, other, usage) for other in volumes):
            read(volume)
    return counted


def disjoint_most(volumes, spans: dict, whole: dict[int, int]) -> tuple[int, tuple]:
    """The most that totals among ``volumes`` with no time in common (``spans``: id(total)
    -> its :func:`span`; ``whole``: id(total) -> its amount, a whole number) come to, and
    those totals, in order of time."""
    ordered = sorted(volumes, key=lambda volume: spans[id(volume)][1])
    ends = [spans[id(volume)][1] for volume in ordered]
    best: list[tuple[int, tuple]] = [(0, ())]  # best[k]: of the first k
    for k, volume in enumerate(ordered):
        # the totals that end before this one begins (or as it begins) are disjoint from it
        before = best[bisect_right(ends, spans[id(volume)][0], 0, k)]
        taken = (before[0] + whole[id(volume)], before[1] + (volume,))
        best.append(taken if taken[0] > best[k][0] else best[k])
    return best[-1][0], tuple(sorted(best[-1][1], key=lambda volume: spans[id(volume)]))


def in_one_window(window: m.Window, volumes, spans: dict) -> list[list]:
    """The groups of ``volumes`` that one window holds wholly, each the largest from where
    one of them begins (per a calendar window, those of one calendar month or year)."""
    if window.calendar:
        def key(moment):
            return (moment.year, moment.month) if window.unit == "month" else moment.year

        groups: dict = {}
        for volume in volumes:
            start, end = spans[id(volume)]
            if key(start) == key(end):
                groups.setdefault(key(start), []).append(volume)
        return [group for group in groups.values() if len(group) > 1]
    length = _dt.timedelta(seconds=window.seconds)
    out = []
    for volume in volumes:
        begin = spans[id(volume)][0]
        group = [other for other in volumes if spans[id(other)][0] >= begin and
                 spans[id(other)][1] - begin < length]
        if len(group) > 1:
            out.append(group)
    return out


def met_by_one_window(window: m.Window, volumes, spans: dict) -> list[list]:
    """The largest groups, of two or more, of ``volumes`` that one window meets (shares some
    time with each). A total from instant s to e meets the fixed window from x, of length L,
    when s < x + L and e >= x: a window that meets a group still meets it moved on to the
    earliest last instant among them, so the groups are found at the windows starting at
    each total's last instant (per a calendar window, at the calendar month or year of each
    total's last instant), each kept where it meets a total the one before it does not."""
    if window.calendar:
        def at(moment):  # the calendar month or year of an instant, in order
            return moment.year * 12 + moment.month if window.unit == "month" else moment.year

        reach = 1
    else:
        def at(moment):
            return moment

        reach = _dt.timedelta(seconds=window.seconds)
    ordered = sorted(volumes, key=lambda volume: spans[id(volume)][1])
    out, before = [], None
    for k, volume in enumerate(ordered):
        begin = at(spans[id(volume)][1])  # (the windows meeting the totals that end here)
        if k and at(spans[id(ordered[k - 1])][1]) == begin:
            continue  # the window before this one's
        group = [other for other in ordered[k:] if at(spans[id(other)][0]) < begin + reach]
        if len(group) > 1 and (before is None or any(
                at(spans[id(other)][0]) >= before + reach for other in group)):
            out.append(group)
        before = begin
    return out


def paid(usage: Usage, unit_of) -> tuple[ir.Paid, ...]:
    """What the usage says the licensee paid: (amount, currency, day) of each payment made."""
    return tuple((p.amount, unit_of(p.unit), p.paid) for p in usage.payments
                 if p.paid is not None)


# The kinds of volume (:attr:`~contractdsl.usage.Volume.kind`) each basis of a limit counts.
COUNTED = {"window": ("rate", "total"), "total": ("rate", "total"), "each": ("each",),
           "concurrent": ("concurrent",)}


def counts(lim: ir.LimitRule, volume, unit_of) -> bool:
    """Whether a volume of a usage counts for a limit: in its unit (or an alias), of a kind it
    caps, and (`per request`) per one of the same unit."""
    return unit_of(volume.unit) == lim.unit and volume.kind in COUNTED[lim.basis] and \
        (lim.per is None or unit_of(volume.each) == lim.per)


# ---- deadlines -------------------------------------------------------------------------------


class Finding:
    """What a usage's facts show of one duty: ``status`` pending, met, breached (not done once
    due), late (done after it was due), refused (the usage says the licensee will not do it)
    or unknown (the facts' precision cannot tell); ``due``
    the deadline as judged (a day, an instant, or the day of an instant not known to the
    hour: ``exact`` False); ``unknown`` the names whose time of day would decide it, and
    ``undated`` those stated without a date whose date would."""

    __slots__ = ("status", "due", "exact", "done", "unknown", "undated")

    def __init__(self, status, due=None, exact=True, done=None, unknown=(), undated=()):
        self.status, self.due, self.exact, self.done, self.unknown, self.undated = \
            status, due, exact, done, unknown, undated


_BY_THE_HOUR = frozenset(("second", "minute", "hour"))


def judge_deadline(duty: ir.DutyRule, usage: Usage, action: str | None,
                   first: _dt.date | _dt.datetime, last: _dt.date, whole: bool,
                   terminates: _dt.date | None = None) -> Finding | None:
    """What the usage shows of a duty (see :func:`_deadline_finding`); a duty whose definition
    names no fact can never be shown done, so it is pending, never breached; a duty the
    usage says the licensee refuses is breached ("refused") once it is owed, due or not; one
    breached by the last day it binds the usage and done after it is late."""
    finding = _deadline_finding(duty, usage, action, first, last, whole, terminates)
    if finding is not None and duty.duty in usage.refuses:
        return Finding("refused", finding.due, finding.exact)
    if finding is not None and finding.status == "breached" and finding.done is None and \
            duty.shown_by in usage.fact_names():
        done = usage.fact_date(duty.shown_by)  # (dated: else it was done by then)
        return Finding("late", finding.due, finding.exact, done)
    if finding is not None and duty.shown_by is None and finding.status != "pending":
        return Finding("pending", finding.due, finding.exact)
    return finding


def _deadline_finding(duty: ir.DutyRule, usage: Usage, action: str | None,
                      first: _dt.date | _dt.datetime, last: _dt.date, whole: bool,
                      terminates: _dt.date | None) -> Finding | None:
    """What the usage shows of a duty that binds it from ``first`` (a day, from its start, or
    the instant it begins at) to ``last``, as of ``last`` (``whole``: where the usage ends;
    ``terminates``: the agreement's last day, where known):
    None when the duty is not triggered. The duty owes nothing after the last day it binds
    the usage: an event after it triggers nothing, a deadline after it has not passed, and
    the duty done after it is not done by then.

    A deadline written in hours, minutes or seconds is judged to the instant, so a day stated
    without a time stands for every instant of it and may leave the answer unknown; one in
    days, weeks, months or years, and `by` a date, is judged in days; `before` an action or a
    fact is judged in days unless both times are instants. An event (a fact, `termination`,
    the later or earlier of several) is dated by :func:`~contractdsl.semantics.ir.when`.
    """
    deadline = duty.deadline
    kind = deadline.kind
    now = usage.end if whole else last  # the latest moment of this part
    # the events that have happened by then: the duty is judged as of the last day it binds
    # the usage, so an event after it triggers nothing, and a doing after it is not yet done
    known = _known(usage, terminates, now)
    shown_by = duty.shown_by
    if usage.act is not None and usage.act in duty.done_by:  # the usage is the act that does it
        stated, done = True, usage.start
    else:
        stated = shown_by is not None and shown_by in known
        done = known[shown_by] if stated else None
    if kind == "judged":
        # in time or not is left to judgement: a finding on the standard says which
        if deadline.event not in known:
            return None
        in_time = deadline.standard in usage.found()
        if stated:
            return Finding("met" if in_time else "late", None, True, done)
        return Finding("pending" if in_time else "breached")
    if kind in ("within", "upon"):
        happened, trigger = ir.when(deadline.after, known)
        if not happened:
            return None
        exact = kind == "within" and deadline.duration.unit in _BY_THE_HOUR
        if trigger is None:
            # the date is not known, but the latest it can be may be: a duty not done by the
            # deadline counted from it is breached, and one done after it late, whichever day
            # the event came
            bound = deadline.owed_from(ir.latest(deadline.after, known), exact)
            if bound is not None:
                found = _settle_days(stated, done, now, day_of(bound)) if kind == "upon" else \
                    _settle_after(stated, done, now, deadline.duration, bound, ())
                if found.status in ("breached", "late"):
                    return found
            if stated and done is None:
                return Finding("met")  # (done, on a day it does not say: as it says)
            # not done, or done on a day stated, and the event may have come long enough
            # before for the deadline to have passed by then: unknown, unless counting from
            # the earliest it can be (no earlier than the clause binds) still finds it to do,
            # or done in time
            earliest = _earliest(deadline, known, exact)
            surely = "met" if stated else "pending"
            if earliest is None or (_settle_days(stated, done, now, day_of(earliest))
                                    if kind == "upon" else _settle_after(
                                        stated, done, now, deadline.duration, earliest, ())
                                    ).status != surely:
                return Finding("unknown", None, True, done, (), tuple(
                    name for name in deadline.after.names if name in known and
                    known[name] is None))
            return Finding(surely)
        # (an event before the clause binds counts from the day it binds)
        owed = deadline.owed_from(trigger, exact)
        if kind == "upon":
            if isinstance(owed, _dt.datetime):
                return _settle_exact(stated, done, now, (owed, owed), ())
            return _settle_days(stated, done, now, owed)
        if owed is not trigger:
            return _settle_after(stated, done, now, deadline.duration, owed, ())
        return _settle_after(stated, done, now, deadline.duration, trigger,
                             tuple(name for name in deadline.after.facts
                                   if not isinstance(known.get(name), _dt.datetime)),
                             ir.between(deadline.after, known))
    if kind == "every":
        return _recurring(deadline, known, stated, done, first, now)
    if kind == "before-action":
        if action not in deadline.actions:
            return None
        return _settle_before(stated, done, usage.start, True)
    if kind == "before-fact":
        trigger = usage.fact_date(deadline.event)
        if trigger is None:
            return Finding("met" if stated else "pending")
        if deadline.owed_from(trigger) is not trigger:
            return None  # (the event came before the clause binds: nothing was owed before it)
        passed = (now >= trigger) if _both_instants(now, trigger) else \
            day_of(now) >= day_of(trigger)
        return _settle_before(stated, done, trigger, passed)
    if kind == "by":
        return _settle_days(stated, done, now, deadline.date)
    return Finding("met" if stated else "pending")


def _known(usage: Usage, terminates: _dt.date | None, now) -> dict:
    """The events that have happened by ``now``, with their dates: each fact the usage states,
    and `termination` when the agreement's last day has come."""
    dates, today = usage.dates, day_of(now)
    if usage.fact_names() is not usage.stated_names() or usage.last_day > today:
        # (a fact dated after ``now`` has not happened by then: after its day, or after its
        # instant where both are instants)
        dates = {name: when for name, when in dates.items()
                 if when is None or not _after(when, now)}
    if terminates is None or terminates > today:
        return dates
    return {**dates, m.TERMINATION: terminates}


def _settle_after(stated, done, now, duration: m.Duration, trigger, events,
                  between=None) -> Finding:
    """A duty due ``duration`` after ``trigger``: to the instant for a duration in hours,
    minutes or seconds, else by the day; ``between``, where given, the first and last
    instant the event may have come at (:func:`~contractdsl.semantics.ir.between`), ``events``
    those of its facts whose time of day is not stated."""
    if duration.unit in _BY_THE_HOUR:
        lo, hi = between or bounds(trigger)
        # (the time of day of an event known to the instant is not asked for)
        return _settle_exact(stated, done, now, (duration.after(lo), duration.after(hi)),
                             () if lo == hi else events)
    due_day = duration.day_after(day_of(trigger)) or _dt.date.max
    return _settle_days(stated, done, now, due_day)


def _recurring(deadline: ir.Deadline, known: dict, stated, done, first, now
               ) -> Finding | None:
    """A duty due every ``deadline.duration``: counted from the last time the usage says it
    was done (its fact's date, on or before ``now``: ``stated``), else from the event it
    names (among the events ``known`` to have happened by then), else from
    the first day its clause binds. Met while the last time is recent enough, breached once
    the next time is overdue (``done``: the last time, if any); stated without a date, it is
    done (met, its next time unknown). A last time that came after it was due is late for a
    part that begins before it (at ``first``, a day or an instant): the duty was overdue
    during that part. Before its event it is not owed, whatever was done before: where the
    event's date is not known and it may have come after the last time, that time may count
    nothing, and the duty is unknown where counting from it does not find it met."""
    exact = deadline.duration.unit in _BY_THE_HOUR
    if deadline.after is not None:
        happened, base = ir.when(deadline.after, known)
        if not happened:
            return None
        # (an event before the clause binds counts from the day it binds)
        base = deadline.owed_from(base, exact)
    if stated and done is None:
        return Finding("met")
    latest = done if stated else None
    if deadline.after is not None:
        events = deadline.after.facts
        if base is None:
            undated = tuple(name for name in deadline.after.names
                            if name in known and known[name] is None)
            # the date is not known, but the latest it can be may be: counted from it, a
            # time not done by then is overdue, whichever day the event came
            bound = deadline.owed_from(ir.latest(deadline.after, known), exact)
            if bound is not None:
                found = _recurring_from(deadline, bound, events, latest, first, now)
                if found.status in ("breached", "late"):
                    return found
            if latest is not None and (bound is None or _after(bound, latest)):
                # the event may have come after the last time, which then counts nothing
                earliest = _earliest(deadline, known, exact)
                if earliest is not None and _after(earliest, latest):
                    latest = None  # it did: counted from the event, whose date is not known
                else:
                    found = _recurring_from(deadline, None, events, latest, first, now)
                    if found.status in ("met", "pending"):
                        return found  # (and so it is, counted from the event after it)
                    return Finding("unknown", None, True, latest, (), undated)
            if latest is None:
                # not done since the event, whose date is not known: a time not done may be
                # overdue unless counting from the earliest the event can be finds it still to do
                # (no earliest known: it may have come on any day before the clause binds)
                earliest = _earliest(deadline, known, exact)
                if earliest is None or _recurring_from(
                        deadline, earliest, events, None, first, now).status != "pending":
                    return Finding("unknown", None, True, None, (), undated)
                return Finding("pending")
    else:
        base, events = deadline.start and bounds(deadline.start)[0], ()
    return _recurring_from(deadline, base, events, latest, first, now)


def _earliest(deadline: ir.Deadline, known: dict, exact: bool):
    """The earliest a duty counted from an event (once or recurring) can be counted from,
    where the event's date is not known: the earliest the event can be, or the first day the
    clause binds, the later."""
    earliest = ir.earliest(deadline.after, known)
    if earliest is None and deadline.start is not None:
        return deadline.owed_from(_dt.date.min, exact)
    return deadline.owed_from(earliest, exact)


def _recurring_from(deadline: ir.Deadline, base, events, latest, first, now) -> Finding:
    """A recurring duty counted from ``base`` (None: not known), last done on ``latest``
    (None: not done), as of ``now`` for a part that begins at ``first`` (see
    :func:`_recurring`). A time done before ``base`` counts nothing: the duty is first due
    counted from ``base``, and a breach says when it was last done."""
    if latest is not None and base is not None and _after(base, latest):
        found = _settle_after(False, None, now, deadline.duration, base, events)
        return Finding(found.status, found.due, found.exact,
                       latest if found.status == "breached" else None, found.unknown)
    if latest is None:
        if base is None:
            return Finding("pending")
        return _settle_after(False, None, now, deadline.duration, base, events)
    begins, done = bounds(first)[0], bounds(latest)[0]  # (a day from its first instant)
    if base is not None and begins < done:  # overdue in this part, before then?
        before = _settle_after(True, latest, now, deadline.duration, base, events)
        in_days = deadline.duration.unit not in _BY_THE_HOUR
        if before.status == "unknown" or before.status == "late" and (
                not in_days or max(begins, bounds(before.due + DAY)[0]) < done):
            # (in days, an instant of the part after its due day and before it was done)
            return before
    found = _settle_after(False, None, now, deadline.duration, latest, ())
    status = "met" if found.status == "pending" else found.status
    return Finding(status, found.due, found.exact, latest, found.unknown)


def _both_instants(a, b) -> bool:
    return isinstance(a, _dt.datetime) and isinstance(b, _dt.datetime)


def _after(when, now) -> bool:
    """Whether ``when`` comes after ``now``: by the instant where both are instants, else by
    the day."""
    return when > now if _both_instants(when, now) else day_of(when) > day_of(now)


def _settle_days(stated, done, now, due_day: _dt.date) -> Finding:
    late = done is not None and day_of(done) > due_day
    if stated:
        return Finding("late" if late else "met", due_day, True, done)
    return Finding("breached" if day_of(now) > due_day else "pending", due_day)


def _settle_exact(stated, done, now, due, events) -> Finding:
    """A deadline known to lie between two instants ``due``; ``done`` a day (any instant of
    it) or an instant; ``now``, the end of the usage, an instant or a whole day (to its end)."""
    due_lo, due_hi = due
    exact = due_lo == due_hi
    shown = due_lo if exact else day_of(due_lo)
    if stated:
        if done is None:
            return Finding("met", shown, exact)
        done_lo, done_hi = bounds(done)
        if done_hi <= due_lo:
            return Finding("met", shown, exact, done)
        if done_lo > due_hi:
            return Finding("late", shown, exact, done)
        unknown = events + (() if isinstance(done, _dt.datetime) else ("done",))
        return Finding("unknown", shown, exact, done, unknown)
    if isinstance(now, _dt.datetime):
        breached, pending = now > due_hi, now <= due_lo
    else:  # a day runs to its end: a deadline that falls within it has passed by then
        breached, pending = day_of(due_hi) <= now, day_of(due_lo) > now
    if breached:
        return Finding("breached", shown, exact)
    if pending:
        return Finding("pending", shown, exact)
    return Finding("unknown", shown, exact, None, events)


def _settle_before(stated, done, due, passed) -> Finding:
    if stated:
        if done is None:
            return Finding("met", due)
        late = done > due if _both_instants(done, due) else day_of(done) > day_of(due)
        return Finding("late" if late else "met", due, True, done)
    return Finding("breached" if passed else "pending", due)


# ---- entry point ---------------------------------------------------------------------------


def parts(program: ir.Program, usage: Usage, index: int | None = None) \
        -> list[tuple[int, _dt.date, _dt.date, Usage, tuple]]:
    """The parts a usage's period falls in: (index of the stretch, first day, last day, the
    usage as the part judges it, its edges) of each (``index``: the first one's, when
    known). A period is cut where the clauses in force change, and at the date of each fact it
    states within the period that a condition reads: before that date the fact has not
    happened (see :func:`cuts`). A fact dated by an instant within its day cuts the period
    there: the part before it ends on that day, the part from it begins on it, so the two
    share the day. The edges of a part are the instants it begins and ends at where it is
    cut so (else None: the start of its first day, the end of its last)."""
    first, last = usage.first_day, usage.last_day
    changes = program.changes
    if index is None:
        index = bisect_right(changes, first)
    out = []
    dated = cuts(program, usage)
    if dated:
        at, begun = usage.start, None  # (the moment the part begins at, and its instant)
        for moment in sorted({*changes[index:bisect_right(changes, last)], *dated},
                             key=lambda moment: bounds(moment)[0]):
            if isinstance(moment, _dt.datetime):
                out.append((index, first, moment.date(), usage.as_of(at), (begun, moment)))
                first, begun = moment.date(), moment
            else:
                out.append((index, first, moment - DAY, usage.as_of(at), (begun, None)))
                first, begun = moment, None
                if index < len(changes) and changes[index] == moment:
                    index += 1
            at = moment
        out.append((index, first, last, usage.as_of(at), (begun, None)))
        return out
    while index < len(changes) and changes[index] <= last:
        out.append((index, first, changes[index] - DAY, usage, _WHOLE_DAYS))
        first = changes[index]
        index += 1
    out.append((index, first, last, usage, _WHOLE_DAYS))
    return out


def cuts(program: ir.Program, usage: Usage) -> tuple[_dt.date | _dt.datetime, ...]:
    """The moments within a usage's period, after its first, at which a fact it states (or its
    app's schedule dates) comes about that a condition of the program reads: the fact holds
    for a condition from its date on, so the period is judged in parts cut there. A fact dated
    by a day, or by the first instant of one, cuts it at that day (after the first); one dated
    by a later instant of a day, at that instant, where the period begins before it. (A fact
    no condition reads changes nothing there; a duty's deadline reads the facts' dates as
    they are.)"""
    if not usage.facts:
        return ()
    read = program.runtime.get("read facts")
    if read is None:
        read = _read_facts(program)
    happened = usage.fact_names()
    first, last = usage.first_day, usage.last_day
    found: set = set()
    for name, when in usage.facts:
        if when is None or name not in read or name not in happened:
            continue
        if isinstance(when, _dt.datetime) and when.time() != _MIDNIGHT:
            if when > bounds(usage.start)[0]:
                found.add(when)
        elif first < (day := day_of(when)) <= last:
            found.add(day)
    return tuple(sorted(found, key=lambda moment: bounds(moment)[0])) if found else ()


_MIDNIGHT = _dt.time()


def _read_facts(program: ir.Program) -> frozenset[str]:
    """The facts a condition of the program reads (a fact named, or one whose date a
    comparison reads), kept with the program."""
    names: set[str] = set()
    for stretch in program.stretches:
        for item in (*stretch.permits, *stretch.forbids, *stretch.limits, *stretch.duties,
                     *stretch.licensor, *stretch.money, *stretch.earning, *stretch.precedence):
            guards = [getattr(item, "guard", None), getattr(item, "unless", None)]
            guards.extend(duty.guard for duty in getattr(item, "provisos", ()))
            guards.extend(c.precedence.guard for c in getattr(item, "conflicts", ()))
            for guard in guards:
                for atom in ir.atoms(guard):
                    if isinstance(atom, ir.Fact):
                        names.add(atom.name)
                    elif isinstance(atom, (ir.DateGap, ir.SameWindow)):
                        names.update((atom.first, atom.second))
    found = program.runtime["read facts"] = frozenset(names)
    return found


def for_licensee(program: ir.Program, usage: Usage) -> tuple[ir.Program, Usage]:
    """The program and the usage as they stand for the usage's licensee. The facts the
    schedule of its app dates by the usage's last day, and the end it states (`terminates`),
    are the usage's (a usage that states them otherwise is refused); the program is the
    agreement as it ended for the licensee, when it ended by the usage's last day, with the
    clauses' survival counted from the facts the usage dates (see
    :func:`~contractdsl.semantics.lower.ended`)."""
    runtime = program.runtime
    dating = _schedules(program)
    survival = runtime.get("survival_facts")
    if usage.terminated is None and not dating and not survival:
        return program, usage  # nothing of the licensee's own dates can matter
    if usage.app in dating:
        usage = _as_scheduled(usage, dating[usage.app])
    day = usage.terminated if usage.terminated is not None and \
        usage.terminated <= usage.last_day else None
    dates = tuple(sorted(((name, None if when is None else day_of(when))
                          for name, when in usage.dates.items() if name in survival),
                         key=lambda item: item[0])) if survival else ()
    if day is None and not dates:
        return program, usage
    found = ended(program, day, dates)
    if "indexes" not in found.runtime:
        # (what is built of the rules the ending shares with the program is the program's)
        found.runtime["prepared"] = program.runtime.setdefault("prepared", ({}, {}))
        prepare(found, ahead=False)  # (an ending decides few usages, most of one action)
    return found, usage


def _schedules(program: ir.Program) -> dict:
    """The schedules that date facts or end the agreement for their licensee, by each app
    they register (kept with the program)."""
    found = program.runtime.get("dating")
    if found is None:
        agreement = program.runtime.get("agreement")
        found = program.runtime["dating"] = {
            app.name: schedule for schedule in (agreement.schedules if agreement else ())
            if schedule.dated or schedule.terminates for app in schedule.apps}
    return found


def own_dates(program: ir.Program, app: str | None) -> tuple:
    """The dates the schedule of ``app`` gives its licensee, which every usage by it has (see
    :func:`for_licensee`): the day it ends the agreement and each fact it dates, with its day
    (empty: none, or no app)."""
    schedule = _schedules(program).get(app)
    if schedule is None:
        return ()
    return schedule.terminates, tuple(sorted((fact.name, fact.date) for fact in schedule.dated))


def _as_scheduled(usage: Usage, schedule) -> Usage:
    """The usage with the facts its app's schedule dates on or before its last day (they have
    happened by then), and the end the schedule states: a usage that states either otherwise
    is refused, with the field located."""
    facts = list(usage.facts)
    for stated in schedule.dated:
        said = usage.dates.get(stated.name)  # (None too when not stated, or without a date)
        if said is not None and day_of(said) != stated.date:
            raise usage_problem(
                usage, ("facts", stated.name, KEY), f"the usage states `{stated.name}` on "
                f"{day_of(said)}, but “{schedule.title}” dates it {stated.date}",
                f"leave it out: “{schedule.title}” dates it")
        if said is None and stated.date <= usage.last_day:
            facts = [(n, w) for n, w in facts if n != stated.name] + [(stated.name,
                                                                       stated.date)]
    terminated = usage.terminated
    if schedule.terminates is not None:
        if terminated is not None and terminated != schedule.terminates:
            raise usage_problem(
                usage, ("terminated",), f"the usage says the agreement ended on {terminated}, "
                f"but “{schedule.title}” says it terminates on {schedule.terminates}",
                f"leave it out: “{schedule.title}” states it")
        terminated = schedule.terminates
    if facts == list(usage.facts) and terminated == usage.terminated:
        return usage
    return attrs.evolve(usage, facts=facts, terminated=terminated)


def reaches(judged: list[tuple[_dt.date, _dt.date, Judged]], edges: list[tuple]
            ) -> list[dict | None]:
    """For each part of a usage's period, (first, last, and the instants it begins and ends at
    where a fact's instant within a day cuts it, else None) by ``id`` of each of its limits,
    duties and tier's earning that binds the usage without a break beyond the part, across the
    neighbouring parts (None where none does: each binds over the part's own days; ``edges``:
    each part's, see :func:`parts`). A period is cut wherever anything in the agreement
    changes; a limit is judged over all the days it binds, a duty as of the last of them and an
    earning as of the first, so a cut where nothing binding the usage changes changes no
    decision."""
    return [_reach(spans, judged, edges)
            for spans in _spans(tuple(part for _, _, part in judged))]


def _reach(spans: tuple, whole: tuple, edges: list[tuple]) -> dict | None:
    """One part's entry of :func:`reaches`, from its ``spans`` (see :func:`_spans`)."""
    return {key: (whole[lo][0], whole[hi][1], edges[lo][0], edges[hi][1])
            for key, lo, hi in spans} if spans else None


def _spans(rows: tuple[Judged, ...]) -> tuple[tuple[tuple[int, int, int], ...], ...]:
    """For each row, (id, first row, last row) of each limit, duty or tier's earning that the
    rows around it hold too without a break: the same clause, equal in each stretch."""
    out = []
    for i, row_ in enumerate(rows):
        spans = []
        for field in ("limits", "pending", "earned"):
            for item in getattr(row_, field):
                lo = hi = i
                while lo > 0 and item in getattr(rows[lo - 1], field):
                    lo -= 1
                while hi + 1 < len(rows) and item in getattr(rows[hi + 1], field):
                    hi += 1
                if lo != i or hi != i:
                    spans.append((id(item), lo, hi))
        out.append(tuple(spans))
    return tuple(out)


def row(program: ir.Program, index: int, usage: Usage) -> Judged:
    """What the usage's terms decide in stretch ``index``: looked up, or judged once and kept
    in the program's own table (never shared between programs)."""
    tables = program.runtime.get("rows")
    if tables is None:
        prepare(program)
        tables = program.runtime["rows"]
    table = tables[index]
    key = usage.terms(program.runtime["dated"])  # (prepared above)
    judged = table.get(key)
    if judged is None:
        judged = _kept(program, index, usage, table, key)
    return judged


def _kept(program: ir.Program, index: int, usage: Usage, table: dict, key,
          facets: tuple | None = None) -> Judged:
    """The usage's terms judged in stretch ``index`` (``facets``: see :func:`judge`) and kept
    in ``table`` under ``key`` (a table that is full is emptied first)."""
    judged = judge(program, index, usage, facets=facets)
    if len(table) >= _ROWS_PER_STRETCH:
        table.clear()
    table[key] = judged
    return judged


def terms_key(program: ir.Program, usage: Usage) -> tuple:
    """What decides which of the program's clauses apply to the usage (see ``Usage.terms``)."""
    dated = program.runtime.get("dated")
    if dated is None:
        prepare(program)
        dated = program.runtime["dated"]
    return usage.terms(dated)


def decider(program: ir.Program) -> Callable[[Usage], str]:
    """A prepared program's :func:`outcome` as a function of the usage, the common case (a
    period within one stretch, nothing of the licensee's own dates) taken directly: a usage its
    facets deny is denied at once, even where the agreement asks questions a usage may leave
    open (no answer changes that); the rest is judged by its terms, through :func:`outcome`
    where a question may be left open."""
    prepare(program)
    runtime = program.runtime
    if runtime["own_dates"]:
        return functools.partial(outcome, program)
    asks = runtime["open"]
    changes, tables, dated = program.changes, runtime["rows"], runtime["dated"]
    count = len(changes)
    # What a usage's facets decide (see `_facets`), the recipients they do not deny (see
    # `_cleared`) and the prohibitions covering them that the rest of what it states decides
    # (see `_bars`), by stretch: most usages of a batch whose fields vary independently are
    # denied so. Each stretch's with its vocabulary, its checks of names (see `name_checks`),
    # what was found by the usage's app and by whether its purpose is approved for it (usages
    # of several apps share what they decide where the approval is the same) and its table of
    # decided terms.
    stretches = []
    for index, stretch in enumerate(program.stretches):
        symbols = None if stretch.state == "none" else program.symbols[stretch.version_index]
        stretches.append((symbols, *(name_checks(symbols) if symbols is not None else
                                     (None, None)), {}, {}, tables[index]))

    def decide(usage: Usage) -> str:
        if usage.terminated is not None:
            return outcome(program, usage)
        first, last = usage.first_day, usage.last_day
        index = bisect_right(changes, first)
        if index < count and changes[index] <= last or \
                usage.facts and cuts(program, usage):
            return outcome(program, usage) if asks else _across(program, usage, index)
        symbols, every, rest, seen, alike, table = stretches[index]
        # what its facets decide, where every name it uses is defined, and the prohibitions
        # that the rest of what it states decides (see `_bars`), checked before it is judged
        found, bars = None, 0
        if symbols is not None:
            # (with recipients and no action, a usage shares: see `doing`)
            facet = (usage.app, usage.action, usage.act, usage.data, usage.purpose,
                     not usage.recipients)
            entry = seen.get(facet)
            # (a name not defined: judged below, which says what is wrong)
            if entry is None:
                if every(usage):
                    shared = (*facet[1:], approved(symbols, usage))
                    entry = alike.get(shared)
                    if entry is None:
                        if len(alike) >= _ROWS_PER_STRETCH:
                            alike.clear()
                        found = _facets(program, index, symbols, usage)
                        entry = alike[shared] = (
                            _cleared(program, index, symbols, usage, found), found,
                            _bars(program, index, usage, found))
                    if len(seen) >= _ROWS_PER_STRETCH:
                        seen.clear()
                    seen[facet] = entry
            elif not rest(usage):  # (its facets were found defined before)
                entry = None
            if entry is not None:
                if not entry[0].issuperset(usage.recipients or _NO_RECIPIENT):
                    return DENIED
                found, bars = entry[1], entry[2]
        if asks:
            if bars and _barred(program, index, usage, found, bars):
                return DENIED  # (whatever the answers to the questions it leaves open)
            return outcome(program, usage)
        key = usage.terms(True) if dated else usage.key
        judged = table.get(key)
        if judged is None:
            if bars and _barred(program, index, usage, found, bars):
                return DENIED
            judged = _kept(program, index, usage, table, key, found)
        if judged.dynamic:
            return Tally(judged, usage, first, last, False).run()
        return judged.outcome
    return decide


def outcome(program: ir.Program, usage: Usage) -> str:
    """The outcome of a usage: the worst of its parts; undetermined when a standard the usage
    states no finding on would change it."""
    if usage.terminated is not None or program.runtime.get("own_dates", True):
        program, usage = for_licensee(program, usage)
    if program.runtime.get("open", True):  # the agreement asks questions, or is not prepared
        found = bounded(program, usage) if "open" in program.runtime else None
        if found is not None:
            return found
        open_ = open_questions(program, usage)
        if open_:
            if combinations(open_) > MAX_OPEN_COMBINATIONS and \
                    ends_tried(program, open_) is None:
                _outcome(program, usage)  # a usage with unknown names is still refused
                return DENIED if facets_deny(program, usage) else UNDETERMINED
            return _alike(program, usage, open_)  # (monotone: its best and worst answers)
    return _outcome(program, usage)


def _alike(program: ir.Program, usage: Usage, open_: dict[tuple, Open]) -> str:
    """The outcome a usage has under every answer to the questions it leaves open (``open_``,
    from :func:`open_questions`), or undetermined when two answers decide it differently (as
    :func:`outcomes_open` finds them). Within one stretch, the terms each answer gives the
    usage are kept, so that a usage decided before is answered without a copy of it. Its
    amounts and dates are judged as its own: an answer changes only what it is judged by,
    and (a standard found met) whether a duty's time left to judgement was kept."""
    changes, runtime = program.changes, program.runtime
    first, last = usage.first_day, usage.last_day
    index = bisect_right(changes, first)
    within = (index == len(changes) or changes[index] > last) and not cuts(program, usage)
    known, table = runtime["answered"], runtime["rows"][index]
    base = (index, usage.terms(runtime["dated"]), usage.terminated)
    standards = any(question[0] == "standard" for question in open_)

    def decided(chosen: tuple) -> str:
        """The outcome under the answers ``chosen``."""
        got = None
        if within:
            terms = known.get((base, chosen))
            judged = None if terms is None else table.get(terms)
            if judged is not None:
                if not judged.dynamic:
                    got = judged.outcome
                elif not standards:
                    got = Tally(judged, usage, first, last, False).run()
        if got is None:
            answered = with_answers(usage, open_, chosen)
            got = _outcome(program, answered)
            if within:
                if len(known) >= _ROWS_PER_STRETCH:
                    known.clear()
                known[(base, chosen)] = answered.terms(runtime["dated"])
        return got

    seen = None
    pairs = ends_tried(program, open_)
    # (one pair: each question moves it one way; several: tried past the cap alone, where
    # `outcome` found them few enough, every combination being tried below it)
    if pairs is not None and (len(pairs) == 1 or combinations(open_) > MAX_OPEN_COMBINATIONS):
        # each combination of answers decides between the best and the worst of its pair
        for best, worst in pairs:
            got = decided(best)
            if got != DENIED and decided(worst) != got or seen not in (None, got):
                return UNDETERMINED
            seen = got
        return seen
    for chosen in itertools.product(*(range(len(entry.answers)) for entry in open_.values())):
        got = decided(chosen)
        if seen is None:
            seen = got
        elif got != seen:
            return UNDETERMINED
    return seen


def _outcome(program: ir.Program, usage: Usage) -> str:
    """The outcome of a usage whose findings are all that count: the worst of its parts."""
    first, last = usage.first_day, usage.last_day
    changes = program.changes
    index = bisect_right(changes, first)
    # one stretch, one part: the common case
    if (index == len(changes) or changes[index] > last) and not cuts(program, usage):
        judged = row(program, index, usage)
        if judged.dynamic:
            return Tally(judged, usage, first, last, False).run()
        return judged.outcome
    return _across(program, usage, index)


def _across(program: ir.Program, usage: Usage, index: int) -> str:
    """The outcome of a usage whose period straddles a change (from stretch ``index``), or
    that the dates of its facts cut (see :func:`cuts`): the worst of its parts. Every part's
    names are checked, as the explanation checks them, even once denied. What the usage's
    terms decide over the same stretches is kept."""
    first, last = usage.first_day, usage.last_day
    changes = program.changes
    if cuts(program, usage):
        return _across_cut(program, usage, index)
    final = bisect_right(changes, last)
    table = program.runtime.setdefault("across", {})
    terms = (index, final, terms_key(program, usage))
    found = table.get(terms)
    if found is None:
        rows = tuple(row(program, i, usage) for i in range(index, final + 1))
        static = PERMITTED
        for part in rows:
            static = worse(static, part.outcome)
        spans = None if static == DENIED or not any(part.dynamic for part in rows) else \
            _spans(rows)
        if len(table) >= _ROWS_PER_STRETCH:
            table.clear()
        found = table[terms] = (rows, static, spans)
    rows, outcome_, spans = found
    if spans is None:
        return outcome_
    bounds_ = [first, *changes[index:final], last + DAY]
    return _tallied(usage, rows, [(bounds_[i], bounds_[i + 1] - DAY) for i in range(len(rows))],
                    [_WHOLE_DAYS] * len(rows), outcome_, spans)


def _across_cut(program: ir.Program, usage: Usage, index: int) -> str:
    """:func:`_across` for a usage whose period the dates of its facts cut: each part judged
    by the usage as of its first day, its amounts and deadlines by the usage itself."""
    found = parts(program, usage, index)
    rows = tuple(row(program, i, part) for i, _, _, part, _ in found)
    outcome_ = PERMITTED
    for part in rows:
        outcome_ = worse(outcome_, part.outcome)
    if outcome_ == DENIED or not any(part.dynamic for part in rows):
        return outcome_
    return _tallied(usage, rows, [(first, last) for _, first, last, _, _ in found],
                    [edges for *_, edges in found], outcome_, _spans(rows))


def _tallied(usage: Usage, rows: tuple[Judged, ...], days: list, edges: list, outcome_: str,
             spans) -> str:
    """The worst of ``outcome_`` and what the amounts and dates of the usage decide in each
    part of its period (the parts' rows ``rows``, the first and last day of each in ``days``,
    their edges in ``edges``, see :func:`parts`; ``spans`` as :func:`_spans` finds them)."""
    whole = tuple((first, last, part) for (first, last), part in zip(days, rows))
    for i, part in enumerate(rows):
        if part.dynamic:
            outcome_ = worse(outcome_, Tally(part, usage, *days[i], False,
                                             _reach(spans[i], whole, edges), whole,
                                             edges[i]).run())
            if outcome_ == DENIED:
                break
    return outcome_
