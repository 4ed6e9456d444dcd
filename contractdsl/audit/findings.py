"""What an audit found, as records, and said as text, JSON-ready data or Markdown."""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from fractions import Fraction

import attrs

from .. import model as m
from ..decision import DENIED, PERMITTED, SEVERITY
from ..prose.phrase import markdown_escape, units

frozen = attrs.frozen(kw_only=True)


def stable_id(prefix: str, *parts) -> str:
    """An id that stays the same for the same finding in every run and on every engine."""
    text = json.dumps([str(p) for p in parts], ensure_ascii=False)
    return f"{prefix}-{hashlib.sha256(text.encode()).hexdigest()[:10]}"


def key_text(key) -> str:
    """A scope key as the findings show it: `bing_pages`; a compound one `bot`, `123`."""
    values = key if isinstance(key, tuple) else (key,)
    return ", ".join("none" if v is None else f"`{v}`" for v in values)


def number(value: Fraction) -> str:
    """An amount as people write it: 1,500,000 or 2.5 (to nine places)."""
    from decimal import Decimal

    value = Fraction(value)
    if value.denominator == 1:
        return f"{value.numerator:,}"
    text = f"{Decimal(value.numerator) / Decimal(value.denominator):,.9f}"
    return text.rstrip("0").rstrip(".")


def counted(amount: Fraction, unit: str) -> str:
    """An amount of a unit as people write it: `1,500 posts`, `2.5 posts`; exactly one in
    the singular (`1 request`), by the rule the rendered agreement follows."""
    return f"{number(amount)} {units(amount, unit)}"


def over_windows(count: int) -> str:
    """How many windows are over a limit: `1 window over`, `2 windows over`."""
    return f"{count:,} {units(count, 'windows')} over"


def rows(count: int) -> str:
    return f"{count:,} row" + ("" if count == 1 else "s")


def instant(moment: _dt.datetime | None) -> str | None:
    """An instant in UTC as 2022-06-30T14:05:00Z (with microseconds when it has any)."""
    if moment is None:
        return None
    text = moment.strftime("%Y-%m-%dT%H:%M:%S")
    if moment.microsecond:
        text += f".{moment.microsecond:06d}"
    return text + "Z"


@frozen
class Row:
    """A row of the log: its file, its row (the line of a CSV file), its time."""

    file: str
    row: int
    time: _dt.datetime
    amount: Fraction | None = None

    def to_dict(self) -> dict:
        out = {"file": self.file, "row": self.row, "time": instant(self.time)}
        if self.amount is not None:
            out["amount"] = str(self.amount)
        return out

    def __str__(self) -> str:
        amount = f", {number(self.amount)}" if self.amount is not None else ""
        return f"{self.file} row {self.row} ({instant(self.time)}{amount})"


@frozen
class Group:
    """The rows that share their terms in one stretch of time, with the facts in force for
    them, and what ``permits`` decides of the usage built from them."""

    id: str
    app: str | None
    action: str | None
    data: str | None
    purpose: str | None
    recipient: str | None
    tier: str | None
    facts: tuple[tuple[str, str], ...]  # the facts in force, with their dates
    first: _dt.datetime
    last: _dt.datetime
    rows: int
    first_row: Row
    totals: tuple[tuple[str, Fraction], ...]
    outcome: str
    reasons: tuple[dict, ...]
    obligations: tuple[dict, ...]
    # what the group's usage would have to state to be decided (an undetermined one's)
    missing: tuple[str, ...] = ()

    def terms(self) -> str:
        parts = [f"{k} `{v}`" for k, v in (("action", self.action), ("data", self.data),
                                           ("purpose", self.purpose),
                                           ("recipient", self.recipient), ("tier", self.tier))
                 if v is not None]
        return f"app {key_text(self.app)}" + (", " + ", ".join(parts) if parts else "")

    def to_dict(self) -> dict:
        return {"id": self.id, "app": self.app, "action": self.action, "data": self.data,
                "purpose": self.purpose, "recipient": self.recipient, "tier": self.tier,
                "facts": [{"fact": n, "at": w} for n, w in self.facts],
                "first": instant(self.first), "last": instant(self.last), "rows": self.rows,
                "first_row": self.first_row.to_dict(),
                "totals": {u: str(a) for u, a in self.totals}, "outcome": self.outcome,
                "reasons": list(self.reasons), "obligations": list(self.obligations),
                "missing": list(self.missing)}


class _Keyed:
    """Where a window or a chart of a limit counts: its ``scope``, its ``key`` and, for a
    limit per a scope holding apps counted per app, ``held_by``."""

    __slots__ = ()

    def keyed(self) -> tuple[tuple[str, str | None], ...]:
        """Each key of its scope with its value, in the scope's order: `per app and channel`
        is ((`app`, ...), (`channel`, ...)). The licensee, one per log, has no value."""
        names = tuple(k for k in m.scope_keys(self.scope) if k != "licensee")
        values = self.key if len(names) > 1 else (self.key,)
        return tuple(zip(names, values))

    def of_app(self, app: str | None) -> bool:
        """Whether the window is ``app``'s, as its disclosure tells it: its scope counts per
        app, alone or with other keys (`per app and channel`; per app in place of a scope
        holding apps, ``held_by``), and its key names ``app``. A window per licensee, per
        recipient or per a scope of the log's own (`per channel`, `per project` where the log
        has the column) sums the rows of any of the apps: it is none's alone."""
        return ("app", app) in self.keyed()

    def where(self) -> str:
        """Its scope and key in words: `app `search``, `the licensee`, `the project holding app
        `search`` (the key in backticks)."""
        if self.held_by is not None:  # each key with its value: app `search`, channel `c1`
            return f"the {self.held_by} holding " + ", ".join(
                f"{name} {key_text(value)}" for name, value in self.keyed())
        return f"{self.scope} {key_text(self.key)}" if self.keyed() else "the licensee"

    def held(self) -> dict:
        """What its JSON adds where its amounts are a holder's at least (``held_by``)."""
        return {} if self.held_by is None else {"held_by": self.held_by, "at_least": True}


@frozen
class Window(_Keyed):
    """A window in which a limit was exceeded: its scope, when, the amount against the
    allowance, its first and largest rows. A sliding window is the largest of a run of
    overlapping windows over the allowance (``run_from`` to ``run_until``), each starting at a
    call: ``calls`` counts those calls."""

    id: str
    clause: str
    title: str | None
    limit: str
    scope: str | None
    key: str | tuple | None  # a compound scope: a value per key
    start: _dt.datetime
    end: _dt.datetime  # exclusive
    amount: Fraction
    allowance: Fraction
    unit: str
    words: str | None = None  # the agreement's words for the unit (None: its name)
    calls: int | None = None
    run_from: _dt.datetime | None = None
    run_until: _dt.datetime | None = None
    first_row: Row | None = None
    largest_row: Row | None = None
    # a limit per a scope holding apps (`per project`) counted per app, the log lacking the
    # scope's column: the scope; the amount is then the app's own, and its holder's at least
    held_by: str | None = None

    @property
    def excess(self) -> Fraction:
        return self.amount - self.allowance

    def counted(self) -> str:
        """Its amount in the agreement's words: `2 API requests`."""
        return counted(self.amount, self.words or self.unit)

    def at_least(self) -> str:
        """`at least ` before an amount that is a lower bound (a holder's, from one app's)."""
        return "at least " if self.held_by is not None else ""

    def to_dict(self) -> dict:
        return {"id": self.id, "clause": self.clause, "title": self.title, "limit": self.limit,
                "scope": self.scope, "key": self.key, "from": instant(self.start),
                "until": instant(self.end), "amount": str(self.amount),
                "allowance": str(self.allowance), "excess": str(self.excess),
                "unit": self.unit, "calls": self.calls, "run_from": instant(self.run_from),
                "run_until": instant(self.run_until),
                "first_row": self.first_row.to_dict() if self.first_row else None,
                "largest_row": self.largest_row.to_dict() if self.largest_row else None,
                **self.held()}


@frozen
class Peak:
    """The largest amount in any window of a limit for one scope key, exceeded or not."""

    clause: str
    limit: str
    scope: str | None
    key: str | tuple | None  # a compound scope: a value per key
    start: _dt.datetime
    end: _dt.datetime
    amount: Fraction
    allowance: Fraction
    unit: str

    def to_dict(self) -> dict:
        return {"clause": self.clause, "limit": self.limit, "scope": self.scope,
                "key": self.key, "from": instant(self.start), "until": instant(self.end),
                "amount": str(self.amount), "allowance": str(self.allowance), "unit": self.unit,
                "exceeded": self.amount > self.allowance}


@frozen
class Series(_Keyed):
    """A limit's amount per window for one scope key, as charted: each calendar period, or for
    a sliding window the largest window starting on each day."""

    clause: str
    limit: str
    scope: str | None
    key: str | tuple | None  # a compound scope: a value per key
    unit: str
    allowance: Fraction
    period: str
    points: tuple[tuple[str, Fraction], ...]
    held_by: str | None = None  # as a window's: the points are its holder's at least

    def to_dict(self) -> dict:
        return {"clause": self.clause, "limit": self.limit, "scope": self.scope,
                "key": self.key, "unit": self.unit, "allowance": str(self.allowance),
                "period": self.period,
                "points": [{"window": w, "amount": str(a)} for w, a in self.points],
                **self.held()}


@frozen
class Breach:
    """A duty not met for a group's rows: the duty, its clause, when the rows ran."""

    id: str
    clause: str
    title: str | None
    duty: str
    status: str
    group: str
    app: str | None
    terms: str
    first: _dt.datetime
    last: _dt.datetime
    rows: int
    first_row: Row

    def to_dict(self) -> dict:
        return {"id": self.id, "clause": self.clause, "title": self.title, "duty": self.duty,
                "status": self.status, "group": self.group, "app": self.app,
                "first": instant(self.first), "last": instant(self.last), "rows": self.rows,
                "first_row": self.first_row.to_dict()}


@frozen
class App:
    """What the log shows of one app: the disclosure asked for. Amounts are per unit;
    ``retrieved`` counts the rows that read (``read`` or an action under it), ``stored`` those
    that store (``store`` or under it), ``held`` what it retrieved since the last deletion
    stated for it (``deleted``: a stated fact that shows a duty to delete), all it retrieved
    when none is."""

    id: str
    app: str | None
    title: str | None
    rows: int
    first: _dt.datetime
    last: _dt.datetime
    totals: tuple[tuple[str, Fraction], ...]
    monthly: tuple[tuple[str, str | None, str, Fraction], ...]  # (YYYY-MM, action, unit, amount)
    uses: tuple[tuple[str | None, str | None, str | None, str, Fraction], ...]
    # (action, data, recipient, unit, amount)
    retrieved: tuple[tuple[str, Fraction], ...]
    stored: tuple[tuple[str, Fraction], ...]
    held: tuple[tuple[str, Fraction], ...]
    deleted: tuple[str, str] | None  # the last deletion stated: the fact and when
    facts: tuple[tuple[str, str], ...]  # the facts stated for it (or for every app), dated
    purposes: tuple[str, ...]
    approved: tuple[str, ...]
    unapproved: tuple[str, ...]  # purposes seen that no approved use case covers
    recipients: tuple[str, ...]
    outcome: str
    findings: tuple[str, ...]
    # the limits that bind its rows and that the audit does not judge, for want of a column
    unjudged: tuple[str, ...] = ()
    described: tuple[tuple[str, str], ...] = ()  # the agreement's words for each unit it used
    # those of them judged in part: counted on its own rows (per a scope holding apps)
    partly: tuple[str, ...] = ()

    def named(self) -> str:
        """The app as its lines name it: `search`; its rows that name no app, `app none`, as
        a group of them and a window of their rows say it."""
        return f"`{self.app}`" if self.app is not None else f"app {key_text(None)}"

    def to_dict(self) -> dict:
        return {"id": self.id, "app": self.app, "title": self.title, "rows": self.rows,
                "first": instant(self.first), "last": instant(self.last),
                "totals": _amounts(self.totals),
                "monthly": [{"month": m, "action": a, "unit": u, "amount": str(n)}
                            for m, a, u, n in self.monthly],
                "uses": [{"action": a, "data": d, "recipient": r, "unit": u, "amount": str(n)}
                         for a, d, r, u, n in self.uses],
                "retrieved": _amounts(self.retrieved), "stored": _amounts(self.stored),
                "held": _amounts(self.held),
                "deleted": {"fact": self.deleted[0], "at": self.deleted[1]}
                if self.deleted else None,
                "facts": [{"fact": n, "at": w} for n, w in self.facts],
                "purposes": list(self.purposes), "approved": list(self.approved),
                "unapproved": list(self.unapproved), "recipients": list(self.recipients),
                "outcome": self.outcome, "findings": list(self.findings),
                "not_judged": list(self.unjudged), "judged_in_part": list(self.partly)}

    def unjudged_said(self) -> str:
        """The limits on its rows not judged: `tier elevated, clause RL-2`; one judged on
        the app's own rows alone says so."""
        return ", ".join(cited(clause) + (" (in part: on its own rows alone)"
                                           if clause in self.partly else "")
                         for clause in self.unjudged)

    def months(self) -> tuple[list[str], list[tuple[str | None, str]]]:
        """The months with use and the (action, unit) pairs used: a table's rows and
        columns."""
        months = sorted({m for m, _, _, _ in self.monthly})
        columns = sorted({(a, u) for _, a, u, _ in self.monthly},
                         key=lambda c: (c[0] is None, c[0] or "", c[1]))
        return months, columns

    def words(self, unit: str) -> str:
        """The agreement's words for a unit, else its name."""
        return dict(self.described).get(unit, unit)

    def amounts(self, pairs, none: str = "nothing") -> str:
        """Amounts per unit in the agreement's words: `1,500 posts, 3 API requests`."""
        return amounts(pairs, none, self.words)

    def holding(self, code: str = "`") -> str:
        """What it holds, as far as the log and the facts stated show."""
        if not self.retrieved:
            return "nothing retrieved"
        if self.deleted is None:
            return "all it retrieved, no deletion stated"
        return (f"{self.amounts(self.held)} retrieved since the last deletion stated "
                f"({code}{self.deleted[0]}{code} at {self.deleted[1]})")

    def kinds(self) -> list[tuple[tuple[str | None, str | None, str | None], list]]:
        """Its uses per kind (action, data, recipient), each with its amounts per unit."""
        found: dict[tuple, list] = {}
        for action, data, recipient, unit, amount in self.uses:
            found.setdefault((action, data, recipient), []).append((unit, amount))
        return list(found.items())

    def summary(self, windows: tuple[Window, ...], code: str = "`") -> str:
        """Its findings: the ids of groups and breaches (between ``code`` marks), and the
        windows over a limit counted per limit."""
        over: dict[str, int] = {}
        for window in windows:
            if window.id in self.findings:
                over[window.clause] = over.get(window.clause, 0) + 1
        return ", ".join([f"{code}{f}{code}" for f in self.findings if not f.startswith("W-")]
                         + [f"{over_windows(count)} {cited(clause)}"
                            for clause, count in over.items()])

    def amount_in(self, month: str, action: str | None, unit: str) -> Fraction:
        return sum((n for m, a, u, n in self.monthly if (m, a, u) == (month, action, unit)),
                   Fraction(0))


def _amounts(pairs) -> dict:
    return {u: str(a) for u, a in pairs}


def amounts(pairs, none: str = "nothing", words=lambda unit: unit) -> str:
    """Amounts per unit as people write them, each unit in its ``words``: `1,500 posts, 3
    requests`."""
    return ", ".join(counted(a, words(u)) for u, a in pairs if a) or none


# Why the audit lists the money clauses as not judged.
NOT_JUDGED = ("money: the amounts owed and recoverable are computed by `permits` for a usage "
              "that states its volumes, payments and claim; this audit does not sum them from "
              "the log")
# Why it lists the caps per request and at once.
CAPS_NOT_JUDGED = ("caps per request or at once: a row has one time and may be a batch of "
                   "calls, so the log shows neither what one call carried nor how many ran at "
                   "the same moment; `permits` judges them for a usage that states them")
CAPS = ("cap per request", "cap at once")
# Why it lists the limits at an endpoint, or per a scope of the log's own (`user`, `project`,
# `recipient entity`, ...), of a log without the column that says it of each row.
AT_ENDPOINT = "limit at an endpoint"
LACKING = {"endpoint": "limits at an endpoint: the log has no column `endpoint` that says which "
                       "endpoint each row calls",
           "recipient entity": "limits per recipient entity: the log has no column `recipient "
                               "entity` that says which entity each row's recipient is part of"}


def lacking(column: str, per_app: bool = False) -> tuple[str, str]:
    """Why the limits counted by a column the log lacks are not judged, and the help to
    judge them; ``per_app``: those of a scope holding apps, judged in part on each app's
    rows."""
    said = LACKING.get(column, f"limits per {column}: the log has no column `{column}` that "
                               f"says each row's {column}, so their rows cannot be summed per "
                               f"{column}")
    if per_app:
        said += (f"; a {column} holds apps, so each app's own rows are summed against them: "
                 f"a window where one app's rows exceed a limit is found (the {column} "
                 f"holding the app came to at least that much), but windows where the apps "
                 f"of one {column} exceed it only together are not judged")
    mapped = f"`--map {column}=COLUMN`" if " " not in column else \
        f"`--map \"{column}=COLUMN\"`"
    return said, f"add the column `{column}` (or map one with {mapped}) to judge them"


def not_judged(unjudged) -> list[tuple[str, str | None, list]]:
    """Why the audit does not judge the clauses listed: a sentence per kind of them, the help
    to judge them where a column would, and the clauses of that kind."""
    parts: dict = {}
    for item in unjudged:
        if item.column is not None:
            said, help = lacking(item.column, item.per_app)
        else:
            said, help = (CAPS_NOT_JUDGED if item.kind in CAPS else NOT_JUDGED), None
        parts.setdefault((said, help), []).append(item)
    order = [NOT_JUDGED, CAPS_NOT_JUDGED]
    return [(said, help, items) for (said, help), items in sorted(
        parts.items(), key=lambda part: (order.index(part[0][0]) if part[0][0] in order
                                         else len(order), part[0][0]))]


@frozen
class Unjudged:
    """A clause in force over the log's time that the audit does not judge: a money clause
    (a fee, liquidated damages, a late charge, a liability cap), whose amounts `permits`
    computes for a usage that states its volumes, payments and claim; a cap per request or at
    once, which a log cannot show; a limit at an endpoint, or per a scope of the log's own
    (`user`, `project`, `recipient entity`), where the log has no ``column`` that says which
    endpoint its rows call, or their key of that scope."""

    clause: str
    title: str | None
    # fee, late charge, liability cap, cap per request, cap at once, limit at an endpoint,
    # limit per SCOPE (limit per project, limit per recipient entity, ...)
    kind: str
    column: str | None = None  # the column the log lacks
    # a scope holding apps: judged in part, each app's rows summed alone (a lower bound)
    per_app: bool = False

    def to_dict(self) -> dict:
        found = {"clause": self.clause, "title": self.title, "kind": self.kind}
        if self.column is not None:
            found.update(column=self.column, help=lacking(self.column)[1])
        if self.per_app:
            found.update(per_app=True)
        return found


@frozen
class Audit:
    """An agreement checked against a log: per group of terms the outcome with its clauses,
    every window over a limit, every breached duty, each limit's peak per scope, per app what
    the log shows, and the clauses it does not judge (money)."""

    title: str
    logs: tuple[str, ...]
    rows: int
    first: _dt.datetime | None
    last: _dt.datetime | None
    groups: tuple[Group, ...]
    windows: tuple[Window, ...]
    breaches: tuple[Breach, ...]
    peaks: tuple[Peak, ...]
    apps: tuple[App, ...]
    series: tuple[Series, ...] = ()
    unjudged: tuple[Unjudged, ...] = ()

    @property
    def outcome(self) -> str:
        """Denied when any group is denied or any window exceeded; else undetermined when any
        group is; else permitted."""
        if self.windows:
            return DENIED
        found = PERMITTED
        for group in self.groups:
            if SEVERITY[group.outcome] > SEVERITY[found]:
                found = group.outcome
        return found

    def to_dict(self) -> dict:
        return {"agreement": self.title, "logs": list(self.logs), "rows": self.rows,
                "from": instant(self.first), "until": instant(self.last),
                "outcome": self.outcome,
                "groups": [g.to_dict() for g in self.groups],
                "windows": [w.to_dict() for w in self.windows],
                "breaches": [b.to_dict() for b in self.breaches],
                "peaks": [p.to_dict() for p in self.peaks],
                "apps": [a.to_dict() for a in self.apps],
                "series": [s.to_dict() for s in self.series],
                "not_judged": [u.to_dict() for u in self.unjudged]}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"

    def to_text(self, shown: int = 20) -> str:
        """The findings for people: the outcome, the groups not permitted, the windows over a
        limit (the first ``shown`` of each limit), the breached duties, then per app."""
        return "\n".join(_text(self, shown, markdown=False)) + "\n"

    def to_markdown(self, shown: int = 20) -> str:
        return "\n".join(_text(self, shown, markdown=True)) + "\n"


def _plain(text: str) -> str:
    return text


def _markdown(text: str) -> str:
    """Text as Markdown that shows it as written: its `names` in backticks as code, the rest
    escaped, so that no title or description of the agreement (`|`, `*`, `<script>`, a link)
    becomes markup, raw HTML or a cell of a table."""
    parts = str(text).split("`")
    return "".join(f"`{p}`" if i % 2 else markdown_escape(p) for i, p in enumerate(parts))


def _text(audit: Audit, shown: int, markdown: bool) -> list[str]:
    heading = (lambda text: ["", f"## {text}", ""]) if markdown else \
        (lambda text: ["", f"{text}:"])
    item = "- " if markdown else "  - "
    sub = "  - " if markdown else "      "
    say = _markdown if markdown else _plain
    word = markdown_escape if markdown else _plain  # a title: words, no names in backticks
    lines = [f"# Audit of {word(audit.title)}" if markdown else f"audit of {audit.title}"]
    if markdown:
        lines.append("")
    lines.append(f"{rows(audit.rows)} from {instant(audit.first)} to {instant(audit.last)}: "
                 f"{audit.outcome}")
    refused = [g for g in audit.groups if g.outcome != PERMITTED]
    if refused:
        lines += heading("uses not licensed" if not markdown else "Uses not licensed")
        for group in refused:
            lines.append(f"{item}[{group.id}] {say(group.terms())}: {group.outcome}, "
                         f"{rows(group.rows)} "
                         f"from {instant(group.first)} to {instant(group.last)}")
            for reason in group.reasons:
                if reason["effect"] in ("permits", "excepted", "overridden", "within"):
                    continue
                said = f"clause {say(reason['clause'])}" + (f" ({word(reason['title'])})"
                                                            if reason["title"] else "")
                lines.append(f"{sub}{said}: {say(reason['text'])}")
            if group.missing:
                lines.append(f"{sub}to decide it, state: {say('; '.join(group.missing))}")
    if audit.windows:
        lines += heading("limits exceeded" if not markdown else "Limits exceeded")
        by_limit: dict[str, list[Window]] = {}
        for window in audit.windows:
            by_limit.setdefault(window.clause, []).append(window)
        for clause, windows in by_limit.items():
            first = windows[0]
            title = f" ({word(first.title)})" if first.title else ""
            named = say(cited(clause)) + ("" if clause.startswith("tier ") else title)
            lines.append(f"{item}{named}: {say(first.limit)}: {over_windows(len(windows))}")
            for window in windows[:shown]:
                run = f" (the largest of the windows over it from " \
                    f"{instant(window.run_from)} to {instant(window.run_until)}, which " \
                    f"{window.calls:,} calls start)" if (window.calls or 0) > 1 else ""
                least = window.at_least()
                lines.append(f"{sub}[{window.id}] {say(window.where())} from "
                             f"{instant(window.start)} until {instant(window.end)}: "
                             f"{least}{say(window.counted())}, "
                             f"{least}{number(window.excess)} over {number(window.allowance)}"
                             f"{run}; first row {window.first_row}, largest {window.largest_row}")
            if len(windows) > shown:
                lines.append(f"{sub}... and {len(windows) - shown:,} more")
    if audit.breaches:
        lines += heading("duties breached" if not markdown else "Duties breached")
        for breach in audit.breaches:
            title = f" ({word(breach.title)})" if breach.title else ""
            lines.append(f"{item}[{breach.id}] clause {say(breach.clause)}{title}: "
                         f"{say(breach.duty)}: "
                         f"{breach.status} for {say(breach.terms)}, {rows(breach.rows)} from "
                         f"{instant(breach.first)} to {instant(breach.last)}; first row "
                         f"{breach.first_row}")
    if audit.unjudged:
        lines += heading("not judged" if not markdown else "Not judged")
        for said, help, items in not_judged(audit.unjudged):
            lines.append(f"{item}{say(said)}")
            if help:
                lines.append(f"{sub}help: {say(help)}")
            for unjudged in items:
                title = f" ({word(unjudged.title)})" if unjudged.title else ""
                lines.append(f"{sub}{say(cited(unjudged.clause))}{title}: "
                             f"{say(unjudged.kind)}")
    lines += heading("apps" if not markdown else "Apps")
    for app in audit.apps:
        lines += _disclosure(app, audit.windows, item, sub, markdown)
    return lines


def cited(clause: str) -> str:
    """A clause as a report cites it: `clause RL-2`, or a tier's allowances as `tier elevated`."""
    return clause if clause.startswith("tier ") else f"clause {clause}"


def _disclosure(app: App, windows: tuple[Window, ...], item: str, sub: str,
                markdown: bool) -> list[str]:
    """One app's lines: what it did, retrieved, holds, stored, its purposes, recipients,
    facts and findings, and (in Markdown, as a table) its use per month."""
    say = _markdown if markdown else _plain
    word = markdown_escape if markdown else _plain
    title = f" ({word(app.title)})" if app.title else ""
    lines = [f"{item}{say(app.named())}{title} [{app.id}]: {app.outcome}; {rows(app.rows)} "
             f"from {instant(app.first)} to {instant(app.last)}"]
    lines.append(f"{sub}retrieved: {say(app.amounts(app.retrieved))}")
    lines.append(f"{sub}held: {say(app.holding())}")
    if app.stored:
        lines.append(f"{sub}stored: {say(app.amounts(app.stored))}")
    uses = [f"`{action or 'unstated'}`" + (f" `{data}`" if data else "")
            + (f" with `{recipient}`" if recipient else "") + f" {say(app.amounts(found))}"
            for (action, data, recipient), found in app.kinds()]
    lines.append(f"{sub}uses: " + ("; ".join(uses) or "no amounts"))
    approved = ", ".join(f"`{p}`" for p in app.approved) or "none"
    seen = ", ".join(f"`{p}`" for p in app.purposes) or "none stated"
    unapproved = ", ".join(f"`{p}`" for p in app.unapproved) or "none"
    lines.append(f"{sub}purposes seen: {seen}; approved: {approved}; seen but not approved: "
                 f"{unapproved}")
    if app.recipients:
        lines.append(f"{sub}recipients: " + ", ".join(f"`{r}`" for r in app.recipients))
    if app.facts:
        lines.append(f"{sub}facts stated: " + ", ".join(f"`{n}` at {w}" for n, w in app.facts))
    if app.findings:
        lines.append(f"{sub}findings: " + say(app.summary(windows, code="")))
    if app.unjudged:
        lines.append(f"{sub}not judged, for want of a column: {say(app.unjudged_said())}")
    months, columns = app.months()
    if not months:
        return lines
    if markdown:
        head = [say(f"{a or 'unstated'} {app.words(u)}") for a, u in columns]
        lines += ["", "  | month | " + " | ".join(head) + " |",
                  "  |---|" + "---:|" * len(columns)]
        for month in months:
            lines.append(f"  | {month} | " + " | ".join(
                number(app.amount_in(month, a, u)) for a, u in columns) + " |")
        lines.append("")
    else:
        for action, unit in columns:
            lines.append(f"{sub}{action or 'unstated'} per month ({app.words(unit)}): " + ", ".join(
                f"{m} {number(app.amount_in(m, action, unit))}" for m in months
                if app.amount_in(m, action, unit)))
    return lines
