"""Nodes to model: builds each node of one file as the parser reduces it (or from the whole
tree), into a :class:`Document`."""

from __future__ import annotations

import datetime as _dt
import functools
from decimal import Decimal
from operator import itemgetter

from lark import Token, Tree, v_args

from .. import model as m
from ..errors import _BREAKING, AgreementError, Diagnostic, source_line
from ..limits import MAX_CONDITION_DEPTH, MAX_DECIMALS, MAX_DIGITS, MAX_NAME_LENGTH


# What a name written in a clause refers to, by the grammar rule it is written in (the rule's
# own NAME tokens; `alternatives` take the kind of the rule around them).
REF_KINDS = {
    "activity": "action", "data": "data", "purposes": "purpose", "recipients": "recipient",
    "limit": "action", "obligation": "duty", "proviso": "duty", "quantity": "unit",
    "purpose_is": "purpose", "recipient_is": "recipient", "action_is": "action",
    "data_is": "data", "app_is": "app", "tier_is": "tier", "labelled_is": "label",
    "serves": "recipient", "fact": "fact", "within": "fact", "before": "event",
    "shown_by": "fact", "approved_for": "purpose", "serving": "recipient", "labelled": "label",
    "allowance": "action", "fee": "unit", "attribute_is": "attribute",
    "cap_each": "unit", "cap_concurrent": "unit",
    "measure_is": "measure", "stated_attribute": "attribute", "stated_measure": "measure",
    "fact_event": "fact", "picked_event": "fact", "date_gap": "fact", "same_window": "fact",
    "within_judged": "fact", "judged": "standard", "scope": "scope",
    "at_endpoint": "endpoint",
}
# The rules whose names each statement defines or uses are kept with, by the statement's rule.
REF_HOLDERS = ("clause", "term_def", "unit_def", "app_def", "tier_def")
# An action named in a rule may be an act, and a duty may be shown by an act: the builder
# cannot tell, so such names are kept as the kind written here and told apart when read.


# The operators of a condition: each is one level of its nesting, an `and` (or `or`) chain one
# level however long.
OPERATORS = ("negation", "all_of", "any_of")
_CHAINS = {"all_of": m.All, "any_of": m.Any}
# Characters a quoted text may not hold: those a message would show as symbols (they would
# break lines or draw on a terminal where the text is shown; a tab is allowed).
_CONTROL = _BREAKING


# A source range made as `Span` makes it, without the call of its `__new__` in Python.
_SPAN = tuple.__new__


def unquote(quoted: str) -> str:
    """The text a quoted text of the language stands for: `\\"` is a quote and `\\\\` a
    backslash; a backslash before any other character stands for itself."""
    return quoted[1:-1].replace('\\"', '"').replace("\\\\", "\\")


class _Builder:
    def __init__(self, filename: str, text: str):
        self.filename = filename
        self.text = text
        self.refs: dict[int, tuple[m.Ref, ...]] = {}  # a statement's names, by its start offset
        self.named: list = []  # the names read since the last statement that keeps its names
        self.below: dict[int, object] = {}  # what a node left for the node above it
        self.handlers = _handlers()
        self.problems: list[Diagnostic] = []  # what the file holds that cannot stand as written

    def node(self, name: str, children: list, place):
        """One node, the nodes under it built, to its record: its names and quoted texts held
        to the limits and its names noted, a condition's depth held to the limit, then built
        by its rule's method. ``place`` is the node's first and last tokens (or any two things
        that say where it starts and ends), or None if it spans none."""
        handler, wants_place, role = self.handlers[name]
        named, below = self.named, self.below
        level = 0
        if below:  # the names of an `alternatives` (or `names`), the depth of an operand
            chained = _CHAINS.get(name)
            for child in children:
                held = below.pop(id(child), None)
                if held is None:
                    continue
                if type(held) is int:  # an operand chained into this one lends its operands'
                    level = max(level, held - 1 if type(child) is chained else held)
                else:
                    named.extend((token, name, via) for token, via in held)
        group = [] if role == "group" else None
        for child in children:
            if type(child) is not Token:
                continue
            kind = child.type
            if kind == "NAME" or kind == "CLAUSE_ID":
                if len(child) > MAX_NAME_LENGTH:
                    self.problem(child, f"this name is longer than {MAX_NAME_LENGTH} "
                              "characters", "choose a shorter name", code="too-long")
                if group is not None:
                    group.append((child, name))
                else:
                    named.append((child, name, None))
            elif kind == "STRING" and _CONTROL.search(child):
                found = _CONTROL.search(child)
                self.problem(child, f"a quoted text cannot hold the control character "
                          f"`U+{ord(found.group()):04X}`",
                          "remove it, or write the text on one line", code="not-text")
        if role == "operator":
            level += 1
            if level > MAX_CONDITION_DEPTH:  # not read on: what is read of it would not hold
                first = place[0]
                raise AgreementError("too deep", [*self.problems, Diagnostic(
                    file=self.filename, line=first.line, column=first.column,
                    message=f"this condition is nested more than {MAX_CONDITION_DEPTH} "
                    "levels deep", help="split the condition into simpler clauses, or "
                    "name a part of it as a fact", code="too-deep",
                    source_line=source_line(self.text, first.line))])
        elif role == "holder":
            self.note(name, children, place[0].start_pos)
        value = handler(self, place, children) if wants_place else handler(self, children)
        if group:
            below[id(value)] = group
        elif role == "operator":
            below[id(value)] = level
        return value

    def note(self, holder: str, children: list, start: int) -> None:
        """Keep the names a statement uses, in the order written, each with the kind the rule
        it is written in gives it (the names of an `alternatives` take the kind of the rule
        around them); a term's parent is a term of its kind, a unit's aliases name the unit."""
        kinds = REF_KINDS
        if holder == "term_def":
            kinds = {**REF_KINDS, "parent": children[0]}
        elif holder == "unit_def":
            kinds = {**REF_KINDS, "names": "unit"}
        refs, places = [], []
        for token, rule, group in self.named:
            if token.start_pos < start:
                continue  # a name of a statement before this one, which keeps none
            if token.type == "CLAUSE_ID":
                kind = "clause" if rule == "clause_refs" else None
            else:
                kind = kinds.get(rule) if group is None else kinds.get(group, kinds.get(rule))
            if kind is not None:
                places.append(token.start_pos)
                refs.append(m.Ref(kind=kind, name=str(token), span=self.tspan(token)))
        self.named.clear()
        if places != sorted(places):  # (a group's names are noted with the node around it)
            refs = [ref for _, ref in sorted(zip(places, refs), key=itemgetter(0))]
        self.refs[start] = tuple(refs)

    # -- helpers --------------------------------------------------------------------------
    # A rule's method that takes its node's place (`v_args(meta=True)`) is given, as ``meta``,
    # the first and last tokens the node spans (or two things that say where it starts and
    # ends, as Lark's `Meta` does), or None when it spans none.
    def span(self, meta) -> m.Span | None:
        """The source range from the start of a place's first token to the end of its last."""
        if meta is None:
            return None
        first, last = meta
        return _SPAN(m.Span, (self.filename, first.line, first.column, last.end_line,
                              last.end_column))

    def tspan(self, token: Token) -> m.Span:
        """The source range of one token."""
        return _SPAN(m.Span, (self.filename, token.line, token.column, token.end_line,
                              token.end_column))

    def window_span(self, items) -> m.Span | None:
        """Where the dates of a statement's `from` and `until` are written, from the first
        to the last; ``items`` are what :meth:`valid_from` and the like give back."""
        dates = [token for key, _value, token in items if key in ("valid_from", "valid_until")]
        if not dates:
            return None
        return _SPAN(m.Span, (self.filename, dates[0].line, dates[0].column, dates[-1].end_line,
                              dates[-1].end_column))

    def problem(self, token: Token, message: str, help: str | None = None,
                code: str = "syntax") -> None:
        """Record a problem at ``token`` and read on: the caller puts a placeholder in place of
        what cannot stand (or leaves the statement out), and the file is refused with every
        problem it holds (:attr:`Document.problems`)."""
        self.problems.append(Diagnostic(
            file=self.filename, line=token.line, column=token.column, message=message,
            help=help, code=code, source_line=source_line(self.text, token.line),
            width=len(str(token))))

    def date(self, token: Token) -> _dt.date:
        try:
            return _dt.date.fromisoformat(str(token))
        except ValueError:
            self.problem(token, f"`{token}` is not a date in the calendar",
                         "write dates as YYYY-MM-DD, e.g. `2023-03-29`", code="bad-date")
            return _nearest_date(str(token))

    def number(self, token: Token) -> m.Amount:
        plain = str(token).replace(",", "")
        whole, _, decimals = plain.partition(".")
        if len(whole) > MAX_DIGITS or len(decimals) > MAX_DECIMALS:
            self.problem(token, "this number is too long to be an amount in an agreement",
                         f"amounts have at most {MAX_DIGITS} digits before the decimal point "
                         f"and {MAX_DECIMALS} after it", code="bad-number")
            return 1  # (a placeholder no other rule finds fault with)
        return Decimal(plain) if "." in plain else int(plain)

    def count(self, token: Token | None) -> int:
        if token is None:
            return 1
        value = self.number(token)
        if not isinstance(value, int) or value <= 0:
            self.problem(token, f"`{token}` is not a whole number of periods",
                         "a window or duration counts whole units, e.g. `15 minutes`",
                         code="bad-number")
            return 1
        return value

    @staticmethod
    def string(token: Token) -> str:
        return unquote(str(token))

    # -- file -----------------------------------------------------------------------------
    def start(self, items):
        return items

    @v_args(meta=True)
    def header(self, meta, children):
        return m.Heading(kind="agreement", title=self.string(children[0]),
                         version=self.string(children[1]) if len(children) > 1 else None,
                         span=self.span(meta))

    @v_args(meta=True)
    def schedule(self, meta, children):
        return m.Heading(kind="schedule", title=self.string(children[0]),
                         schedule_for=self.string(children[1]), span=self.span(meta))

    @v_args(meta=True)
    def party(self, meta, children):
        return m.Party(role=children[0], name=self.string(children[1]), span=self.span(meta))

    def party_word(self, children):
        return str(children[0])

    @v_args(meta=True)
    def effective(self, meta, children):
        return m.Effective(date=self.date(children[0]), span=self.span(meta))

    @v_args(meta=True)
    def terminates(self, meta, children):
        return m.Terminates(date=self.date(children[0]), span=self.span(meta))

    # -- vocabularies ---------------------------------------------------------------------
    def term_kind(self, children):
        return str(children[0])

    @v_args(meta=True)
    def term_def(self, meta, children):
        kind, name, description, *rest = children
        parent = shown_by = None
        for key, token in rest:
            if key == "parent":
                parent = str(token)
            else:
                shown_by = str(token)
                shown_token = token
        if shown_by is not None and kind != "duty":
            self.problem(shown_token, f"only a duty can be `shown by` a fact or an act, not "
                      f"{'an' if kind[0] in 'aeiou' else 'a'} {kind}",
                         f"declare `{name}` as `duty {name} ... shown by {shown_by}.`")
        cls = m.TERM_CLASSES[kind]
        extra = {"shown_by": shown_by} if kind == "duty" else {}
        return cls(name=str(name), description=self.string(description), parent=parent,
                   span=self.span(meta), name_span=self.tspan(name),
                   refs=self.refs.pop(meta[0].start_pos, ()), **extra)

    def parent(self, children):
        return ("parent", children[0])

    def attribute_kind(self, children):
        return str(children[0])

    def subject(self, children):
        return str(children[0])

    def negated(self, children):
        return "not"

    @v_args(meta=True)
    def attribute_def(self, meta, children):
        kind, name, description, party = children
        return m.TERM_CLASSES[kind](name=str(name), description=self.string(description),
                                    party=party, span=self.span(meta),
                                    name_span=self.tspan(name))

    @v_args(meta=True)
    def stated_attribute(self, meta, children):
        name = children[-1]
        return m.AttributeValue(name=str(name), value=len(children) == 1,
                                span=self.span(meta), name_span=self.tspan(name))

    @v_args(meta=True)
    def stated_fact(self, meta, children):
        kind, name, date = children
        if kind != "fact":
            self.problem(name, f"only a fact can be dated, not a {kind}",
                         f"date a fact: `fact {name} on {date}.`")
            return None  # (left out of the file's model)
        return m.DatedFact(name=str(name), date=self.date(date), span=self.span(meta),
                           name_span=self.tspan(name))

    @v_args(meta=True)
    def stated_measure(self, meta, children):
        name, number = children
        return m.AttributeValue(name=str(name), value=self.number(number),
                                span=self.span(meta), name_span=self.tspan(name))

    def shown_by(self, children):
        return ("shown_by", children[0])

    def names(self, children):
        return tuple(str(c) for c in children)

    @v_args(meta=True)
    def unit_def(self, meta, children):
        name, description, *rest = children
        dimension, aliases = None, ()
        for item in rest:
            if isinstance(item, tuple):
                aliases = item
            else:
                dimension = str(item)
        return m.Unit(name=str(name), description=self.string(description), dimension=dimension,
                      aliases=aliases, span=self.span(meta), name_span=self.tspan(name),
                      refs=self.refs.pop(meta[0].start_pos, ()))

    @v_args(meta=True)
    def scope_def(self, meta, children):
        name, description, *holding = children
        return m.Scope(name=str(name), description=self.string(description),
                       holds_apps=bool(holding), span=self.span(meta),
                       name_span=self.tspan(name))

    def holding_apps(self, children):
        return True

    # -- apps and tiers -------------------------------------------------------------------
    def approved_for(self, children):
        return ("approved", children[0])

    def labelled(self, children):
        return ("labels", (str(children[0]),))

    def serving(self, children):
        return ("serving", children[0])

    @v_args(meta=True)
    def app_def(self, meta, children):
        name, title, *props = children
        fields: dict[str, tuple] = {"approved": (), "labels": (), "serving": ()}
        for key, values in props:
            fields[key] = fields[key] + tuple(values)
        return m.App(name=str(name), title=self.string(title), span=self.span(meta),
                     name_span=self.tspan(name), refs=self.refs.pop(meta[0].start_pos, ()),
                     **fields)

    @v_args(meta=True)
    def price(self, meta, children):
        minimum = len(children) == 3
        quantity, window = children[-2], children[-1]
        return m.Price(quantity=quantity, window=window, minimum=minimum, span=self.span(meta))

    @v_args(meta=True)
    def earning(self, meta, children):
        return m.Earning(quantity=children[0], span=self.span(meta))

    @v_args(meta=True)
    def allowance(self, meta, children):
        action, quantity, window, *scope = children
        return m.Allowance(action=str(action), quantity=quantity, window=window,
                           scope=scope[0][1] if scope else None, span=self.span(meta))

    @v_args(meta=True)
    def tier_def(self, meta, children):
        name, title, *rest = children
        fields: dict = {"price": None, "earning": None, "valid_from": None, "valid_until": None}
        allowances, window = [], []
        for item in rest:
            if isinstance(item, m.Price):
                fields["price"] = item
            elif isinstance(item, m.Earning):
                fields["earning"] = item
            elif isinstance(item, m.Allowance):
                allowances.append(item)
            elif item[0] == "survives":
                self.problem(name, "a tier cannot survive termination",
                             "use `from` and `until` for a tier's effective window")
            else:
                fields[item[0]] = item[1]
                window.append(item)
        return m.Tier(name=str(name), title=self.string(title), allowances=tuple(allowances),
                      span=self.span(meta), name_span=self.tspan(name),
                      window_span=self.window_span(window),
                      refs=self.refs.pop(meta[0].start_pos, ()), **fields)

    # -- clauses --------------------------------------------------------------------------
    def valid_from(self, children):
        return ("valid_from", self.date(children[0]), children[0])

    def valid_until(self, children):
        return ("valid_until", self.date(children[0]), children[0])

    @v_args(meta=True)
    def survives(self, meta, children):
        duration = children[0] if children else None
        event = children[1] if len(children) > 1 else None
        return ("survives", m.Survival(duration=duration, event=event, span=self.span(meta)),
                None)

    @v_args(meta=True)
    def clause(self, meta, children):
        ident, *rest = children
        title = None
        if rest and isinstance(rest[0], Token) and rest[0].type == "STRING":
            title = self.string(rest.pop(0))
        rule_cls, fields = rest.pop()
        for key, value, _token in rest:
            fields[key] = value
        return rule_cls(id=str(ident), title=title, span=self.span(meta),
                        name_span=self.tspan(ident), window_span=self.window_span(rest),
                        refs=self.refs.pop(meta[0].start_pos, ()),
                        **fields)

    def _rule(self, cls, children, positional):
        fields: dict = {}
        conditions = {"when": [], "unless": []}
        for name, child in zip(positional, children):
            fields[name] = child
        for child in children[len(positional):]:
            if child is None:
                continue
            key, value = child
            if key in conditions:
                conditions[key].append(value)
            elif key == "provisos":
                fields["provisos"] = fields.get("provisos", ()) + (value,)
            else:
                fields[key] = value
        for key, values in conditions.items():
            if values:
                fields[key] = _combine(values, m.All if key == "when" else m.Any)
        return cls, fields

    def permission(self, children):
        return self._rule(m.Permission, children, ("party", "activity"))

    def prohibition(self, children):
        return self._rule(m.Prohibition, children, ("party", "activity"))

    def limit(self, children):
        party, action, cap, *rest = children
        cls, fields = self._rule(m.Limit, rest, ())
        fields.update(party=party, action=str(action), **cap)
        return cls, fields

    def cap_window(self, children):
        quantity, window = children
        return {"quantity": quantity, "window": window}

    def cap_total(self, children):
        return {"quantity": children[0]}

    def cap_each(self, children):
        quantity, per = children
        return {"quantity": quantity, "per": str(per)}

    @v_args(meta=True)
    def cap_concurrent(self, meta, children):
        number, unit = children
        return {"quantity": m.Quantity(amount=self.number(number), unit=str(unit),
                                       span=self.span(meta)), "concurrent": True}

    def obligation(self, children):
        party, duty, *rest = children
        cls, fields = self._rule(m.Obligation, rest, ())
        fields.update(party=party, duty=str(duty))
        return cls, fields

    def fee(self, children):
        party, price, per, *rest = children
        if isinstance(per, Token):  # `per request`: one of them
            per = m.Quantity(amount=1, unit=str(per), span=self.tspan(per))
        cls, fields = self._rule(m.Fee, rest, ())
        fields.update(party=party, price=price, per=per)
        return cls, fields

    def incorporation(self, children):
        titles, *rest = children
        prevailing = None
        if rest and isinstance(rest[0], str):
            prevailing = rest.pop(0)
        cls, fields = self._rule(m.Incorporation, rest, ())
        fields.update(documents=titles, prevailing=prevailing)
        return cls, fields

    def titles(self, children):
        return tuple(self.string(c) for c in children)

    def subject_to_this(self, children):
        return "incorporating"

    def prevailing_over_this(self, children):
        return "incorporated"

    @v_args(meta=True)
    def beyond(self, meta, children):
        quantity, window = children
        return ("threshold", m.Threshold(quantity=quantity, window=window, beyond=True,
                                         span=self.span(meta)))

    @v_args(meta=True)
    def if_more(self, meta, children):
        quantity, window = children
        return ("threshold", m.Threshold(quantity=quantity, window=window, beyond=False,
                                         span=self.span(meta)))

    def late_charge(self, children):
        party, percent, period, *rest = children  # `or part of one` sets ``part``
        cls, fields = self._rule(m.LateCharge, rest, ())
        fields.update(party=party, percent=self.number(percent), period=period)
        return cls, fields

    def charge_period(self, children):
        return str(children[0])

    def part_of(self, children):
        return ("part", True)

    def liability_cap(self, children):
        party, cap, *rest = children
        cls, fields = self._rule(m.LiabilityCap, rest, ())
        fields.update(party=party, cap=cap)
        return cls, fields

    @v_args(meta=True)
    def amount_paid(self, meta, children):
        return m.AmountPaid(duration=children[0], span=self.span(meta))

    @v_args(meta=True)
    def extreme(self, meta, children):
        word, *operands = children
        return m.Extreme(greater=word == "greater", operands=tuple(operands),
                         span=self.span(meta))

    def extreme_word(self, children):
        return str(children[0])

    @v_args(meta=True)
    def proviso(self, meta, children):
        party, duty, *deadline = children
        return ("provisos", m.Proviso(party=party, duty=str(duty),
                                      deadline=deadline[0][1] if deadline else None,
                                      span=self.span(meta)))

    @v_args(meta=True)
    def activity(self, meta, children):
        action, *rest = children
        fields: dict = {}
        for key, value in rest:
            fields[key] = value
        if "recipients" in fields:
            # the purposes (the only part that may follow the recipients) come after them
            fields["preposition"], fields["recipients"] = fields["recipients"]
            fields["recipients_first"] = rest[-1][0] != "recipients"
        return m.Activity(action=str(action), span=self.span(meta), **fields)

    def data(self, children):
        return ("data", str(children[0]))

    def purposes(self, children):
        (value,) = children
        if value == "approved":
            return ("approved_purpose", True)
        return ("purposes", value)

    def approved_purpose(self, children):
        return "approved"

    @v_args(meta=True)
    def recipients(self, meta, children):
        word = "to" if self.text.startswith("to", meta[0].start_pos) else "with"
        return ("recipients", (word, children[-1]))

    def alternatives(self, children):
        return tuple(str(c) for c in children)

    def scope(self, children):
        keys: list[str] = []
        for token in children:  # `IP address`, `recipient entity`: two words, one key
            if token.type in ("ADDRESS", "ENTITY"):
                keys[-1] += f" {token}"
            else:
                keys.append(str(token))
        return ("scope", " and ".join(keys))

    def at_endpoint(self, children):
        return ("endpoint", str(children[0]))

    def clause_refs(self, children):
        return tuple(str(c) for c in children)

    def notwithstanding(self, children):
        return ("notwithstanding", children[0])

    def exception(self, children):
        return ("exceptions", children[0])

    @v_args(meta=True)
    def within(self, meta, children):
        return ("deadline", m.Within(duration=children[0], event=children[1],
                                     span=self.span(meta)))

    @v_args(meta=True)
    def within_judged(self, meta, children):
        return ("deadline", m.WithinJudged(standard=children[0], event=str(children[1]),
                                           span=self.span(meta)))

    def judged(self, children):
        return str(children[0])

    @v_args(meta=True)
    def upon(self, meta, children):
        return ("deadline", m.Upon(event=children[0], span=self.span(meta)))

    @v_args(meta=True)
    def every(self, meta, children):
        return ("deadline", m.Every(duration=children[0],
                                    event=children[1] if len(children) > 1 else None,
                                    span=self.span(meta)))

    # -- events ---------------------------------------------------------------------------
    @v_args(meta=True)
    def termination(self, meta, children):
        return m.Event(names=(m.TERMINATION,), span=self.span(meta))

    @v_args(meta=True)
    def fact_event(self, meta, children):
        return m.Event(names=(str(children[0]),), span=self.span(meta))

    def pick(self, children):
        return str(children[0])

    @v_args(meta=True)
    def picked_event(self, meta, children):
        pick, *names = children
        return m.Event(names=tuple(str(n) for n in names), pick=str(pick),
                       span=self.span(meta))

    @v_args(meta=True)
    def before(self, meta, children):
        return ("deadline", m.Before(event=str(children[0]), span=self.span(meta)))

    @v_args(meta=True)
    def by_date(self, meta, children):
        return ("deadline", m.By(date=self.date(children[0]), span=self.span(meta)))

    # -- conditions -----------------------------------------------------------------------
    def when(self, children):
        return ("when", children[0])

    def unless(self, children):
        return ("unless", children[0])

    @v_args(meta=True)
    def any_of(self, meta, children):
        return m.Any(operands=_flatten(m.Any, children), span=self.span(meta))

    @v_args(meta=True)
    def all_of(self, meta, children):
        return m.All(operands=_flatten(m.All, children), span=self.span(meta))

    @v_args(meta=True)
    def negation(self, meta, children):
        return m.Not(operand=children[0], span=self.span(meta))

    def _term_is(subject):
        @v_args(meta=True)
        def method(self, meta, children):
            return m.TermIs(subject=subject, name=str(children[0]), span=self.span(meta))

        return method

    purpose_is = _term_is("purpose")
    recipient_is = _term_is("recipient")
    action_is = _term_is("action")
    data_is = _term_is("data")
    app_is = _term_is("app")
    del _term_is

    @v_args(meta=True)
    def approved(self, meta, children):
        return m.PurposeApproved(span=self.span(meta))

    @v_args(meta=True)
    def subscribed(self, meta, children):
        return m.Subscribed(span=self.span(meta))

    @v_args(meta=True)
    def tier_is(self, meta, children):
        return m.TierIs(name=str(children[0]), span=self.span(meta))

    @v_args(meta=True)
    def date_before(self, meta, children):
        return m.DateBefore(date=self.date(children[0]), span=self.span(meta))

    @v_args(meta=True)
    def date_from(self, meta, children):
        return m.DateFrom(date=self.date(children[0]), span=self.span(meta))

    @v_args(meta=True)
    def labelled_is(self, meta, children):
        return m.AppLabelled(label=str(children[0]), span=self.span(meta))

    @v_args(meta=True)
    def serves(self, meta, children):
        return m.AppServes(recipient=str(children[0]), span=self.span(meta))

    @v_args(meta=True)
    def fact(self, meta, children):
        return m.FactHolds(name=str(children[0]), span=self.span(meta))

    @v_args(meta=True)
    def attribute_is(self, meta, children):
        party, *negated, name = children
        holds = m.AttributeIs(party=party, name=str(name), span=self.span(meta))
        return m.Not(operand=holds, span=self.span(meta)) if negated else holds

    @v_args(meta=True)
    def date_gap(self, meta, children):
        first, comparison, duration, second = children
        if duration.unit in HOURLY:
            span = duration.span
            self.problems.append(Diagnostic(
                file=self.filename, line=span.line, column=span.column,
                message="the dates of two facts are compared by the day, not to the hour",
                help="write the gap in days, business days, weeks, months or years",
                code="date-precision", source_line=source_line(self.text, span.line),
                width=max((span.end_column or span.column + 1) - span.column, 1)
                if span.end_line == span.line else 1))
        return m.DateGap(first=str(first), comparison=comparison, duration=duration,
                         second=str(second), span=self.span(meta))

    @v_args(meta=True)
    def same_window(self, meta, children):
        first, unit, second = children
        if str(unit).endswith("s"):
            self.problem(unit, f"`calendar {unit}` is not a window",
                         f"write `calendar {_singular(unit)}`")
        return m.SameWindow(first=str(first), unit=_singular(unit), second=str(second),
                            span=self.span(meta))

    @v_args(meta=True)
    def measure_is(self, meta, children):
        party, name, comparison, number = children
        return m.MeasureIs(party=party, name=str(name), comparison=comparison,
                           amount=self.number(number), span=self.span(meta))

    @v_args(meta=True)
    def apps_for(self, meta, children):
        comparison, number = children
        amount = self.number(number)
        if not isinstance(amount, int):
            self.problem(number, f"`{number}` is not a whole number of apps",
                         "count apps in whole numbers, e.g. `more than 1 apps`",
                         code="bad-number")
            amount = 1
        return m.AppsFor(comparison=comparison, amount=amount, span=self.span(meta))

    def more_than(self, children):
        return "more than"

    def less_than(self, children):
        return "less than"

    def at_least(self, children):
        return "at least"

    def at_most(self, children):
        return "at most"

    # -- quantities -----------------------------------------------------------------------
    @v_args(meta=True)
    def quantity(self, meta, children):
        number, unit = children
        return m.Quantity(amount=self.number(number), unit=str(unit), span=self.span(meta))

    def time_unit(self, children):
        return children[0]

    def calendar_unit(self, children):
        return children[0]

    def business_unit(self, children):
        return "business " + str(children[1])

    @v_args(meta=True)
    def fixed_window(self, meta, children):
        *count, unit = children
        return m.Window(count=self.count(count[0] if count else None), unit=_singular(unit),
                        span=self.span(meta))

    @v_args(meta=True)
    def calendar_window(self, meta, children):
        unit = children[0]
        if str(unit).endswith("s"):
            self.problem(unit, f"`calendar {unit}` is not a window",
                         f"write `calendar {_singular(unit)}`")
        return m.Window(count=1, unit=_singular(unit), calendar=True, span=self.span(meta))

    @v_args(meta=True)
    def duration(self, meta, children):
        number, unit = children
        return m.Duration(count=self.count(number), unit=_singular(unit), span=self.span(meta))


@functools.cache
def _handlers() -> dict:
    """Each rule's method of the builder as a plain function, whether it takes the node's
    place (`v_args(meta=True)`), and what else its node asks of :meth:`_Builder.node`:
    `group` (an `alternatives` or `names`, whose names take the kind of the rule around
    them), `operator` (a level of a condition's nesting), `holder` (a statement that keeps
    the names it uses: :data:`REF_HOLDERS`) or None."""
    found = {}
    for name, value in vars(_Builder).items():
        base = getattr(value, "base_func", None)
        role = "group" if name in ("alternatives", "names") else "operator" \
            if name in OPERATORS else "holder" if name in REF_HOLDERS else None
        if base is not None:
            found[name] = (base, True, role)
        elif callable(value) and not name.startswith("_"):
            found[name] = (value, False, role)
    return found


HOURLY = ("second", "minute", "hour")  # units a day's date cannot count in


def _nearest_date(written: str) -> _dt.date:
    """The day of the calendar nearest a date that is not in it (`2024-02-30`: 2024-02-29),
    to stand in its place while the rest of the file is read."""
    import calendar

    year, month, day = (int(part) for part in written.split("-"))
    year, month = min(max(year, 1), 9999), min(max(month, 1), 12)
    return _dt.date(year, month, min(max(day, 1), calendar.monthrange(year, month)[1]))


def _singular(unit) -> str:
    word = str(unit)
    return word[:-1] if word.endswith("s") else word


def _flatten(cls, operands):
    out = []
    for op in operands:
        if type(op) is cls:
            out.extend(op.operands)
        else:
            out.append(op)
    return tuple(out)


def _combine(conditions: list, kind: type[m.All] | type[m.Any]) -> m.Condition:
    """Several `when` modifiers on one clause read as one `and` (``kind`` m.All): every one
    must hold; several `unless` as one `or` (m.Any): each is an exception of its own, and the
    clause applies where none holds."""
    if len(conditions) == 1:
        return conditions[0]
    return kind(operands=_flatten(kind, conditions), span=conditions[0].span)


HEADER_TYPES = (m.Heading, m.Party, m.Effective, m.Terminates)


def build(tree, comments, text: str, filename: str) -> m.Document:
    """Turn a whole file's parse tree (and its comments) into a :class:`Document`, its nodes
    built in the order the parser reduces them (see :func:`read`)."""
    builder = _Builder(filename, text)
    order, stack = [], [tree]
    while stack:  # each node before those under it, the last of them first
        node = stack.pop()
        order.append(node)
        stack.extend(child for child in node.children if type(child) is Tree)
    done: dict[int, object] = {}
    for node in reversed(order):  # each node after the nodes under it, in the order written
        children = [done.pop(id(child)) if type(child) is Tree else child
                    for child in node.children]
        meta = node.meta
        done[id(node)] = builder.node(node.data, children,
                                      None if meta.empty else (meta, meta))
    return _document(done[id(tree)], comments, text, filename, builder.problems)


def read(text: str, filename: str) -> m.Document:
    """Parse and build a file without making its tree: each node is built as soon as the
    parser reduces it. What cannot stand as written is kept in the document's ``problems``;
    an error that stops the reading is raised, a syntax error as Lark's own: which error a
    file reports first, and in what words, :func:`build` of the whole tree tells."""
    from .parser import parse_tree

    builder = _Builder(filename, text)
    items, comments = parse_tree(text, filename, builder.node)
    return _document(items, comments, text, filename, builder.problems)


def _document(items, comments, text: str, filename: str, problems=()) -> m.Document:
    headers = tuple(item for item in items if isinstance(item, HEADER_TYPES))
    lists: dict[str, list] = {"terms": [], "units": [], "scopes": [], "apps": [], "tiers": [],
                              "clauses": [], "values": [], "dated": []}
    kinds = {m.Term: "terms", m.Unit: "units", m.Scope: "scopes", m.App: "apps",
             m.Tier: "tiers", m.Clause: "clauses", m.AttributeValue: "values",
             m.DatedFact: "dated"}
    for item in items:
        for cls, key in kinds.items():
            if isinstance(item, cls):
                lists[key].append(item)
                break
    # the document's header fields hold the first of each header statement
    fields: dict = {}
    heading = _first(headers, m.Heading)
    if heading is not None:
        fields.update(kind=heading.kind, title=heading.title, version=heading.version,
                      schedule_for=heading.schedule_for)
    for cls, key in ((m.Effective, "effective"), (m.Terminates, "terminates")):
        statement = _first(headers, cls)
        if statement is not None:
            fields[key] = statement.date
    span = m.Span(file=filename, line=1, column=1)
    return m.Document(span=span, source=text, comments=tuple(
        m.Comment(text=str(c), span=m.Span(file=filename, line=c.line, column=c.column))
        for c in comments), headers=headers, problems=tuple(problems),
        parties=tuple(h for h in headers if isinstance(h, m.Party)), **fields,
        **{k: tuple(v) for k, v in lists.items()})


def _first(items, cls):
    return next((item for item in items if isinstance(item, cls)), None)
