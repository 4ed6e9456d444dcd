"""Model to text: prints a :class:`Document` (with its comments) in the one canonical layout.

The layout rules are written in docs/language.md, section "Canonical layout". In short: the
header first (title line, parties, effective, terminates), then vocabulary terms, units, tiers,
apps and clauses, each group in the order written; one statement per line, a clause's rule on
its own line indented two spaces and, when it does not fit in 80 columns, each modifier on its
own line indented four; at most one blank line, and always one between groups and clauses.
Every comment stays with the statement it annotates.
"""

from __future__ import annotations

import os
import re
import tempfile
from decimal import Decimal
from pathlib import Path

import attrs

from . import model as m
from .errors import expect_text

WIDTH = 80
RULE_INDENT = "  "
MODIFIER_INDENT = "    "

# Fields each printer writes, per model class: a test compares these with the model's fields,
# so a field added to the model without a printer fails loudly.
PRINTED_FIELDS: dict[type, set[str]] = {
    m.Comment: {"text"},
    m.Quantity: {"amount", "unit"},
    m.Window: {"count", "unit", "calendar"},
    m.Duration: {"count", "unit"},
    m.Term: {"name", "description", "parent"},
    m.Purpose: {"name", "description", "parent"},
    m.Recipient: {"name", "description", "parent"},
    m.DataKind: {"name", "description", "parent"},
    m.Action: {"name", "description", "parent"},
    m.Act: {"name", "description", "parent"},
    m.Fact: {"name", "description", "parent"},
    m.Standard: {"name", "description", "parent"},
    m.Endpoint: {"name", "description", "parent"},
    m.Duty: {"name", "description", "parent", "shown_by"},
    m.Attribute: {"name", "description", "parent", "party"},
    m.Measure: {"name", "description", "parent", "party"},
    m.AttributeValue: {"name", "value"},
    m.Unit: {"name", "description", "dimension", "aliases"},
    m.Scope: {"name", "description", "holds_apps"},
    m.App: {"name", "title", "approved", "labels", "serving"},
    m.Price: {"quantity", "window", "minimum"},
    m.Allowance: {"action", "quantity", "window", "scope"},
    m.Earning: {"quantity"},
    m.Tier: {"name", "title", "price", "earning", "valid_from", "valid_until", "allowances"},
    m.Condition: set(),
    m.TermIs: {"subject", "name"},
    m.PurposeApproved: set(),
    m.Subscribed: set(),
    m.TierIs: {"name"},
    m.DateBefore: {"date"},
    m.DateFrom: {"date"},
    m.AppLabelled: {"label"},
    m.AppServes: {"recipient"},
    m.FactHolds: {"name"},
    m.AttributeIs: {"party", "name"},
    m.MeasureIs: {"party", "name", "comparison", "amount"},
    m.DateGap: {"first", "comparison", "duration", "second"},
    m.SameWindow: {"first", "unit", "second"},
    m.AppsFor: {"comparison", "amount"},
    m.Not: {"operand"},
    m.All: {"operands"},
    m.Any: {"operands"},
    m.Deadline: set(),
    m.Within: {"duration", "event"},
    m.Upon: {"event"},
    m.Every: {"duration", "event"},
    m.Event: {"names", "pick"},
    m.Survival: {"duration", "event"},
    m.DatedFact: {"name", "date"},
    m.WithinJudged: {"standard", "event"},
    m.Before: {"event"},
    m.By: {"date"},
    m.Activity: {"action", "data", "purposes", "approved_purpose", "recipients", "preposition",
                 "recipients_first"},
    m.Proviso: {"party", "duty", "deadline"},
    m.Clause: {"id", "title", "party", "valid_from", "valid_until", "survives", "when",
               "unless"},
    m.Permission: {"id", "title", "party", "valid_from", "valid_until", "survives", "when",
                   "unless", "activity", "notwithstanding", "provisos"},
    m.Prohibition: {"id", "title", "party", "valid_from", "valid_until", "survives", "when",
                    "unless", "activity", "exceptions"},
    m.Limit: {"id", "title", "party", "valid_from", "valid_until", "survives", "when", "unless",
              "action", "quantity", "window", "per", "concurrent", "scope", "endpoint",
              "exceptions"},
    m.Obligation: {"id", "title", "party", "valid_from", "valid_until", "survives", "when",
                   "unless", "duty", "deadline"},
    m.Fee: {"id", "title", "party", "valid_from", "valid_until", "survives", "when", "unless",
            "price", "per", "threshold"},
    m.Threshold: {"quantity", "window", "beyond"},
    m.LateCharge: {"id", "title", "party", "valid_from", "valid_until", "survives", "when",
                   "unless", "percent", "period", "part"},
    m.AmountPaid: {"duration"},
    m.Extreme: {"greater", "operands"},
    m.LiabilityCap: {"id", "title", "party", "valid_from", "valid_until", "survives", "when",
                     "unless", "cap"},
    # (an incorporation binds no party: its `party` keeps the default and is never written)
    m.Incorporation: {"id", "title", "party", "valid_from", "valid_until", "survives", "when",
                      "unless", "documents", "prevailing"},
    m.Heading: {"kind", "title", "version", "schedule_for"},
    m.Party: {"role", "name"},
    m.Effective: {"date"},
    m.Terminates: {"date"},
    m.Document: {"kind", "title", "version", "schedule_for", "parties", "effective",
                 "terminates", "terms", "units", "scopes", "apps", "tiers", "clauses", "values",
                 "dated", "headers"},
}

# Fields that are bookkeeping rather than content: never printed as such.
# (a document's `problems` are what its text holds that could not be read: such a document,
# its stand-ins in their place, is never printed)
UNPRINTED = {"span", "name_span", "window_span", "refs", "comments", "source", "problems"}


# ---- small pieces -------------------------------------------------------------------------


def string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def number(amount) -> str:
    if isinstance(amount, Decimal):
        whole, _, fraction = format(amount, "f").partition(".")
        return f"{int(whole):,}" + (f".{fraction}" if fraction else "")
    return f"{amount:,}"


def quantity(q: m.Quantity) -> str:
    return f"{number(q.amount)} {q.unit}"


def window(w: m.Window) -> str:
    if w.calendar:
        return f"calendar {w.unit}"
    if w.count == 1:
        return w.unit
    return f"{w.count} {w.unit}s"


def limit_cap(amount: str, unit: str, per_window: m.Window | None, per: str | None = None,
              concurrent: bool = False, scope: str | None = None,
              endpoint: str | None = None) -> str:
    """What a limit caps, in the language's words (which read as plain English): `450
    requests per 15 minutes per app`, `1,000 tokens in total`, `4,096 tokens per request`,
    `100 concurrent requests`; `at recent_search` for the calls of one endpoint."""
    if concurrent:
        text = f"{amount} concurrent {unit}"
    elif per_window is not None:
        text = f"{amount} {unit} per {window(per_window)}"
    elif per is not None:
        text = f"{amount} {unit} per {per}"
    else:
        text = f"{amount} {unit} in total"
    return text + (f" per {scope}" if scope else "") + (f" at {endpoint}" if endpoint else "")


def no_more_than(lim, amount: str, unit: str) -> str:
    """A limit of the IR (a ``LimitRule``) in the language's words, its amount and unit as the
    caller says them: "no more than 450 API requests per 15 minutes per app"."""
    return "no more than " + limit_cap(amount, unit, lim.window, lim.stated_per,
                                       lim.concurrent, lim.scope, lim.endpoint)


def duration(d: m.Duration) -> str:
    return f"{d.count} {d.unit}" + ("" if d.count == 1 else "s")


def threshold(t: m.Threshold) -> str:
    word = "beyond" if t.beyond else "if more than"
    return f"{word} {quantity(t.quantity)} per {window(t.window)}"


def cap(c: m.Cap) -> str:
    """An amount of money a liability is capped at, in the language."""
    if isinstance(c, m.Quantity):
        return quantity(c)
    if isinstance(c, m.AmountPaid):
        return f"the amount paid in the {duration(c.duration)} before the claim"
    operands = [cap(op) for op in c.operands]
    word = "greater" if c.greater else "lesser"
    return f"the {word} of " + ", ".join(operands[:-1]) + " and " + operands[-1]


def refs(ids) -> str:
    ids = list(ids)
    if len(ids) == 1:
        return ids[0]
    return ", ".join(ids[:-1]) + " and " + ids[-1]


def condition(c: m.Condition, parent: type | None = None) -> str:
    """A condition in the language, parenthesised only where the grammar needs it."""
    if isinstance(c, m.Any):
        text = " or ".join(condition(op, m.Any) for op in c.operands)
        return f"({text})" if parent in (m.All, m.Not, m.Any) else text
    if isinstance(c, m.All):
        text = " and ".join(condition(op, m.All) for op in c.operands)
        return f"({text})" if parent in (m.Not, m.All) else text
    if isinstance(c, m.Not):
        if isinstance(c.operand, m.AttributeIs):  # `licensee is not government_entity`
            return f"{c.operand.party} is not {c.operand.name}"
        return "not " + condition(c.operand, m.Not)
    if isinstance(c, m.TermIs):
        return f"{c.subject} is {c.name}"
    if isinstance(c, m.PurposeApproved):
        return "purpose is approved"
    if isinstance(c, m.Subscribed):
        return "a tier is subscribed"
    if isinstance(c, m.TierIs):
        return f"tier is {c.name}"
    if isinstance(c, m.DateBefore):
        return f"date is before {c.date.isoformat()}"
    if isinstance(c, m.DateFrom):
        return f"date is on or after {c.date.isoformat()}"
    if isinstance(c, m.AppLabelled):
        return f"app is labelled {c.label}"
    if isinstance(c, m.AppServes):
        return f"app serves {c.recipient}"
    if isinstance(c, m.FactHolds):
        return c.name
    if isinstance(c, m.AttributeIs):
        return f"{c.party} is {c.name}"
    if isinstance(c, m.MeasureIs):
        return f"{c.party}'s {c.name} is {c.comparison} {number(c.amount)}"
    if isinstance(c, m.DateGap):
        return f"{c.first} is {c.comparison} {duration(c.duration)} before {c.second}"
    if isinstance(c, m.SameWindow):
        return f"{c.first} is in the same calendar {c.unit} as {c.second}"
    if isinstance(c, m.AppsFor):
        return f"licensee has {c.comparison} {number(c.amount)} apps approved for the purpose"
    raise TypeError(f"no printer for condition {type(c).__name__}")


def deadline(d: m.Deadline | None) -> str:
    if d is None:
        return ""
    if isinstance(d, m.Within):
        return f" within {duration(d.duration)} after {d.event}"
    if isinstance(d, m.Upon):
        return f" upon {d.event}"
    if isinstance(d, m.Every):
        return f" every {duration(d.duration)}" + (f" after {d.event}" if d.event else "")
    if isinstance(d, m.WithinJudged):
        return f" within {d.standard} after {d.event}"
    if isinstance(d, m.Before):
        return f" before {d.event}"
    if isinstance(d, m.By):
        return f" by {d.date.isoformat()}"
    raise TypeError(f"no printer for deadline {type(d).__name__}")


def activity(a: m.Activity) -> str:
    """An activity, with the recipients' `to` or `with` and their place as written."""
    words = [a.action] + ([a.data] if a.data else [])
    purposes = ""
    if a.approved_purpose:
        purposes = "for an approved purpose"
    elif a.purposes:
        purposes = "for " + " or ".join(a.purposes)
    recipients = f"{a.preposition} " + " or ".join(a.recipients) if a.recipients else ""
    tail = [recipients, purposes] if a.recipients_first else [purposes, recipients]
    return " ".join(words + [t for t in tail if t])


# ---- statements ---------------------------------------------------------------------------


def heading(h: m.Heading) -> list[str]:
    if h.kind == "schedule":
        return [f"schedule {string(h.title)} for {string(h.schedule_for or '')}."]
    version = f" version {string(h.version)}" if h.version is not None else ""
    return [f"agreement {string(h.title)}{version}."]


def party(p: m.Party) -> list[str]:
    return [f"{p.role} {string(p.name)}."]


def header(h: m.Header) -> list[str]:
    if isinstance(h, m.Heading):
        return heading(h)
    if isinstance(h, m.Party):
        return party(h)
    word = "effective" if isinstance(h, m.Effective) else "terminates"
    return [f"{word} {h.date.isoformat()}."]


def headers_of(doc: m.Document) -> list[m.Header]:
    """The header statements to print, in canonical order: the document's fields, each followed
    by the repeats of that statement its source wrote (so a repeat is never lost)."""
    def written(cls):
        return [h for h in doc.headers if isinstance(h, cls)]

    out: list[m.Header] = []
    if written(m.Heading) or doc.kind == "schedule" or doc.title or doc.version is not None:
        out.append(m.Heading(kind=doc.kind, title=doc.title, version=doc.version,
                             schedule_for=doc.schedule_for))
    out += written(m.Heading)[1:]
    out += doc.parties
    for cls, date in ((m.Effective, doc.effective), (m.Terminates, doc.terminates)):
        if date:
            out.append(cls(date=date))
        out += written(cls)[1:]
    return out


def term(t: m.Term) -> list[str]:
    if isinstance(t, m.Attribute):
        return [f"{t.kind} {t.name} {string(t.description)} of {t.party}."]
    parent = f" under {t.parent}" if t.parent else ""
    shown = f" shown by {t.shown_by}" if isinstance(t, m.Duty) and t.shown_by else ""
    return [f"{t.kind} {t.name} {string(t.description)}{parent}{shown}."]


def stated(v: m.AttributeValue) -> list[str]:
    if v.value is True or v.value is False:
        return [f"licensee is {'' if v.value else 'not '}{v.name}."]
    return [f"licensee's {v.name} is {number(v.value)}."]


def dated(d: m.DatedFact) -> list[str]:
    return [f"fact {d.name} on {d.date.isoformat()}."]


def unit(u: m.Unit) -> list[str]:
    measures = f" measures {u.dimension}" if u.dimension else ""
    aliases = f" alias {', '.join(u.aliases)}" if u.aliases else ""
    return [f"unit {u.name} {string(u.description)}{measures}{aliases}."]


def scope(s: m.Scope) -> list[str]:
    holding = " holding apps" if s.holds_apps else ""
    return [f"scope {s.name} {string(s.description)}{holding}."]


def app(a: m.App) -> list[str]:
    parts = [f"app {a.name} {string(a.title)}"]
    if a.approved:
        parts.append("approved for " + ", ".join(a.approved))
    parts.extend(f"labelled {label}" for label in a.labels)
    if a.serving:
        parts.append("serving " + ", ".join(a.serving))
    return [" ".join(parts) + "."]


def validity(item) -> str:
    parts = []
    if item.valid_from:
        parts.append(f"from {item.valid_from.isoformat()}")
    if item.valid_until:
        parts.append(f"until {item.valid_until.isoformat()}")
    survival = getattr(item, "survives", None)
    if survival is not None:
        parts.append("survives" + (f" {duration(survival.duration)}" if survival.duration
                                   else "") + (f" after {survival.event}" if survival.event
                                               else ""))
    return "".join(" " + p for p in parts)


def tier(t: m.Tier) -> list[str]:
    price = ""
    if t.price:
        minimum = "from " if t.price.minimum else ""
        price = f" costs {minimum}{quantity(t.price.quantity)} per {window(t.price.window)}"
    if t.earning:
        price += f" earned by paying at least {quantity(t.earning.quantity)} in total"
    head = f"tier {t.name} {string(t.title)}{price}{validity(t)}"
    if not t.allowances:
        return [head + "."]
    lines = [head + ":"]
    for i, a in enumerate(t.allowances):
        scope = f" per {a.scope}" if a.scope else ""
        end = "." if i == len(t.allowances) - 1 else ";"
        lines.append(f"{RULE_INDENT}{a.action} no more than {quantity(a.quantity)} per "
                     f"{window(a.window)}{scope}{end}")
    return lines


def rule_parts(c: m.Clause) -> tuple[str, list[str]]:
    """A clause's rule as its first line and its modifiers, in the grammar's order."""
    if isinstance(c, m.Permission):
        head = f"{c.party} may {activity(c.activity)}"
    elif isinstance(c, m.Prohibition):
        head = f"{c.party} must not {activity(c.activity)}"
    elif isinstance(c, m.Limit):
        capped = limit_cap(number(c.quantity.amount), c.quantity.unit, c.window, c.per,
                           c.concurrent, c.scope, c.endpoint)
        head = f"{c.party} must not {c.action} more than {capped}"
    elif isinstance(c, m.Obligation):
        head = f"{c.party} must {c.duty}{deadline(c.deadline)}"
    elif isinstance(c, m.Fee):
        per = c.per.unit if c.per.amount == 1 else quantity(c.per)  # `per request`
        head = f"{c.party} must pay {quantity(c.price)} per {per}"
    elif isinstance(c, m.LateCharge):
        part = " or part of one" if c.part else ""
        head = (f"{c.party} must pay {number(c.percent)} % per {c.period}{part} on late "
                "payments")
    elif isinstance(c, m.LiabilityCap):
        head = f"{c.party}'s liability is at most {cap(c.cap)}"
    elif isinstance(c, m.Incorporation):
        titles = [string(t) for t in c.documents]
        named = titles[0] if len(titles) == 1 else ", ".join(titles[:-1]) + " and " + titles[-1]
        head = f"incorporates {named}" + {
            None: "", "incorporating": " subject to this agreement",
            "incorporated": " prevailing over this agreement"}[c.prevailing]
    else:
        raise TypeError(f"no printer for clause {type(c).__name__}")
    modifiers = []
    if isinstance(c, m.Fee) and c.threshold is not None:
        modifiers.append(threshold(c.threshold))
    if c.when is not None:
        modifiers.append("when " + condition(c.when))
    if c.unless is not None:
        modifiers.append("unless " + condition(c.unless))
    if isinstance(c, m.Permission):
        if c.notwithstanding:
            modifiers.append("notwithstanding " + refs(c.notwithstanding))
        modifiers.extend(f"provided {p.party} must {p.duty}{deadline(p.deadline)}"
                         for p in c.provisos)
    if isinstance(c, (m.Prohibition, m.Limit)) and c.exceptions:
        modifiers.append("except as permitted by " + refs(c.exceptions))
    return head, modifiers


def clause(c: m.Clause) -> list[str]:
    title = f" {string(c.title)}" if c.title is not None else ""
    lines = [f"clause {c.id}{title}{validity(c)}:"]
    head, modifiers = rule_parts(c)
    one_line = RULE_INDENT + " ".join([head] + modifiers) + "."
    if len(one_line) <= WIDTH or not modifiers:
        return lines + [one_line]
    lines.append(RULE_INDENT + head)
    lines.extend(MODIFIER_INDENT + mod for mod in modifiers)
    lines[-1] += "."
    return lines


# ---- layout with comments -----------------------------------------------------------------


@attrs.define
class Statement:
    """One statement to print, with the comments attached to it and the blank line before."""

    group: str  # header, terms, units, scopes, tiers, apps, clauses
    order: int  # position of the header statement in the header block
    lines: list[str]
    kind: str = ""
    leading: list[tuple[bool, str]] = attrs.Factory(list)  # (blank line before, text)
    blank_after_leading: bool = False
    inline: str | None = None
    blank_before: bool = False


GROUPS = ("header", "terms", "units", "scopes", "tiers", "apps", "clauses")
HEADER_ORDER = {m.Heading: 0, m.Party: 1, m.AttributeValue: 2, m.Effective: 3,
                m.Terminates: 4, m.DatedFact: 5}


def statements_of(doc: m.Document) -> list[Statement]:
    """Every statement of a document in canonical order (without comments)."""
    out = [Statement("header", HEADER_ORDER[type(h)], header(h)) for h in headers_of(doc)]
    out += [Statement("header", HEADER_ORDER[m.AttributeValue], stated(v)) for v in doc.values]
    out += [Statement("header", HEADER_ORDER[m.DatedFact], dated(d)) for d in doc.dated]
    out += [Statement("terms", 0, term(t), kind=t.kind) for t in doc.terms]
    out += [Statement("units", 0, unit(u)) for u in doc.units]
    out += [Statement("scopes", 0, scope(s)) for s in doc.scopes]
    out += [Statement("tiers", 0, tier(t)) for t in doc.tiers]
    out += [Statement("apps", 0, app(a)) for a in doc.apps]
    out += [Statement("clauses", 0, clause(c)) for c in doc.clauses]
    return out


def add_blank_line(lines: list[str]) -> None:
    """One empty line, never two in a row and never at the top."""
    if lines and lines[-1] != "":
        lines.append("")


def layout(statements: list[Statement], trailing=(), opening=()) -> str:
    """Join statements in canonical order with their comments and blank lines."""
    ordered = sorted(statements, key=lambda s: (GROUPS.index(s.group), s.order))
    lines: list[str] = []
    for i, (blank, text) in enumerate(opening):
        if blank and i > 0:
            add_blank_line(lines)
        lines.append(text)
    if opening and ordered:
        add_blank_line(lines)
    previous = None
    for s in ordered:
        mandatory = previous is not None and (
            s.group != previous.group or s.group == "clauses"
            or (s.group == "terms" and s.kind != previous.kind))
        if lines and (s.blank_before or mandatory):
            add_blank_line(lines)
        for i, (blank, text) in enumerate(s.leading):
            if blank and i > 0:
                add_blank_line(lines)
            lines.append(text)
        if s.leading and s.blank_after_leading:
            add_blank_line(lines)
        body = list(s.lines)
        if s.inline:
            body[-1] += "  " + s.inline
        lines.extend(body)
        previous = s
    for blank, text in trailing:
        if lines and blank:
            add_blank_line(lines)
        lines.append(text)
    return "\n".join(lines) + "\n" if lines else ""


def format_document(doc: m.Document) -> str:
    """The canonical text of a document.

    A document parsed from a file keeps its comments in place (they are read from its source
    text); a document built or changed in code has no comments to place. A document read
    with problems (``problems``) is refused with them: its stand-ins are not what was written.
    """
    from .errors import AgreementError

    if doc.problems:
        raise AgreementError(f"{len(doc.problems)} error(s) in `{doc.file}`", doc.problems)
    if doc.source is not None:
        from .syntax import parse_document

        try:
            if parse_document(doc.source, doc.file) == doc:
                return format_text(doc.source, doc.file)
        except AgreementError:
            pass
    return layout(statements_of(doc))


# The printed statement each statement of the parse tree becomes: (group, order) as in
# `statements_of`, which prints the statements of one slot in the order they were written.
_TREE_SLOTS = {"header": ("header", 0), "schedule": ("header", 0), "party": ("header", 1),
               "stated_attribute": ("header", 2), "stated_measure": ("header", 2),
               "effective": ("header", 3), "terminates": ("header", 4),
               "stated_fact": ("header", 5),
               "term_def": ("terms", 0), "attribute_def": ("terms", 0), "unit_def": ("units", 0),
               "scope_def": ("scopes", 0), "app_def": ("apps", 0),
               "tier_def": ("tiers", 0), "clause": ("clauses", 0)}


def format_text(text: str, filename: str = "<string>") -> str:
    """The canonical layout of an agreement file's text, every comment kept in place.

    Raises :class:`~contractdsl.errors.AgreementError` when the text does not parse.
    """
    from .syntax.build import build
    from .syntax.parser import parse_tree

    expect_text(text)
    tree, comments = parse_tree(text, filename)
    doc = build(tree, comments, text, filename)
    printed = statements_of(doc)
    # Pair each tree statement with its printed statement: the next one of the same slot.
    slots: dict[tuple[str, int], list[Statement]] = {}
    for s in printed:
        slots.setdefault((s.group, s.order), []).append(s)
    unplaced = {slot: iter(statements) for slot, statements in slots.items()}
    placed: list[tuple[int, int, int, Statement]] = []  # start, end offset, end line
    for child in tree.children:
        s = next(unplaced[_TREE_SLOTS[child.data]])
        s.lines = _as_written(s.lines, child)
        placed.append((child.meta.start_pos, child.meta.end_pos, child.meta.end_line, s))
    opening, trailing = _attach(text, comments, placed)
    formatted = layout(printed, trailing, opening)
    if line_end(text) == "\r\n":  # the first line's end, for every line
        formatted = formatted.replace("\n", "\r\n")
    _same_meaning(doc, formatted, filename)
    return formatted


def line_end(text: str) -> str:
    """The line end a file's layout keeps: its first line's (CRLF, as a file saved on
    Windows ends them, or LF)."""
    first = text.find("\n")
    return "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"


QUOTED = re.compile(r'"(?:[^"\\\n]|\\.)*"')  # a quoted text (the grammar's STRING)


def _as_written(lines: list[str], statement) -> list[str]:
    """A printed statement's lines with each quoted text spelt as the source statement spelt
    it where that reads back the same (`"a\\nb"` stays so, not `"a\\\\nb"`)."""
    from .syntax.build import unquote

    written = [str(t) for t in statement.scan_values(
        lambda token: getattr(token, "type", None) == "STRING")]

    def spelt(match: re.Match) -> str:
        meant = unquote(match.group())
        same = next((i for i, w in enumerate(written) if unquote(w) == meant), None)
        return match.group() if same is None else written.pop(same)

    return [QUOTED.sub(spelt, line) for line in lines]


def _same_meaning(doc: m.Document, formatted: str, filename: str) -> None:
    """Refuse a layout that would not read back as the same document with the same comments,
    so that `fmt` never writes one."""
    from .errors import AgreementError, Diagnostic
    from .syntax import parse_document

    try:
        again = parse_document(formatted, filename)
        # (a comment inside a statement moves above it: the same comments, maybe reordered)
        same = again == doc and sorted(c.text.rstrip() for c in again.comments) == \
            sorted(c.text.rstrip() for c in doc.comments)
    except AgreementError:
        same = False
    if not same:
        message = "the canonical layout of this file would not read back the same"
        raise AgreementError(message, [Diagnostic(
            file=filename, line=1, column=1, message=message, code="syntax",
            help="the file is left as it is; please report this file to the contractdsl "
            "maintainers")])


def _blank_between(text: str, start: int, end: int) -> bool:
    """Whether the source has an empty line between offsets ``start`` and ``end``."""
    gap = text[start:end]
    lines = gap.split("\n")
    return any(not line.strip() for line in lines[1:-1])


def _attach(text: str, comments, placed):
    """Attach every comment to a statement; return the comments opening the file (a block
    set off by a blank line before the first statement) and those after the last statement.

    A comment on the line where a statement ends stays at the end of that line; a comment
    inside a statement moves just above it; any other comment leads the next statement.
    """
    placed = sorted(placed, key=lambda p: p[0])
    before: dict[int, list] = {}
    inside: dict[int, list] = {}
    trailing = []
    for c in sorted(comments, key=lambda c: c.start_pos):
        ends_here = [i for i, p in enumerate(placed) if p[2] == c.line and p[1] <= c.start_pos]
        if ends_here:
            # a comment runs to the end of its line, so a statement has at most one of these
            placed[max(ends_here, key=lambda i: placed[i][1])][3].inline = str(c).rstrip()
            continue
        container = next((i for i, p in enumerate(placed) if p[0] <= c.start_pos < p[1]), None)
        if container is not None:
            inside.setdefault(container, []).append(c)
            continue
        following = next((i for i, p in enumerate(placed) if p[0] > c.start_pos), None)
        if following is None:
            trailing.append(c)
        else:
            before.setdefault(following, []).append(c)
    previous_end = 0
    for i, (start, end, _line, s) in enumerate(placed):
        cursor = previous_end
        for c in before.get(i, []):
            s.leading.append((_blank_between(text, cursor, c.start_pos), str(c).rstrip()))
            cursor = c.end_pos
        s.blank_before = bool(i) and _blank_between(text, previous_end, (
            before[i][0].start_pos if before.get(i) else start))
        if before.get(i):
            s.blank_after_leading = _blank_between(text, cursor, start)
        s.leading.extend((False, str(c).rstrip()) for c in inside.get(i, []))
        previous_end = end
    out, cursor = [], previous_end
    for c in trailing:
        out.append((_blank_between(text, cursor, c.start_pos), str(c).rstrip()))
        cursor = c.end_pos
    opening = []
    if placed and before.get(0) and placed[0][3].blank_after_leading:
        # a comment block at the top of the file, set off by a blank line, stays at the top
        first = placed[0][3]
        count = len(before[0])
        opening, first.leading = first.leading[:count], first.leading[count:]
        first.blank_after_leading, first.blank_before = False, False
    return opening, out


def _mode_for(path: Path) -> int:
    """The permissions a written file gets: those of the file it replaces, else what a new
    file gets under the umask (not the private 0600 of a temporary file)."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomically(path, text: str) -> None:
    """Replace a file's content so that a failure leaves the old content intact.

    The new text goes to a temporary file in the same folder, which then replaces the original
    in one step (``os.replace``); the file's permissions are kept. Through a symbolic link, the
    file it points to is written; a pipe, a device or a folder is refused.
    """
    from .errors import InputError
    from .files import access_help, refuse_nul

    refuse_nul(path)
    given, path = path, Path(os.path.realpath(path))
    if path.is_symlink():  # a link realpath could not follow: a loop
        raise InputError(f"cannot write `{given}`: too many levels of symbolic links",
                         help="make the link point to a file, or write to another path")
    if path.is_dir():
        raise InputError(f"`{given}` is a folder; give a file name to write to",
                         help="name a file in it, e.g. `-o folder/agreement.md`")
    if str(given).endswith(os.sep):  # the system would not create a file by that name
        raise InputError(f"`{given}` ends with `{os.sep}`, which names a folder, not a file to "
                         "write", help=f"write the file's path without the `{os.sep}` at its end")
    if path.exists() and not path.is_file():
        raise InputError(f"`{given}` is not a regular file, so it is not written",
                         help="write to a file; to see the text, leave out the file name")
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as err:
        raise InputError(f"cannot write `{given}`: {(err.strerror or str(err)).lower()}",
                         help=access_help(err, "check that its folder exists and can be "
                                          "written")) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _mode_for(path))
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
