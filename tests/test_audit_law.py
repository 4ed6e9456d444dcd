"""The audit's law: over generated agreements and small generated logs, the outcome of each
group of rows equals `permits` on the usage built from the group, and every window reported
over a limit (and each limit's peak per scope) is what summing the rows by brute force gives."""

from __future__ import annotations

import bisect
import csv
import datetime as _dt
import random
import re
import tempfile
from fractions import Fraction
from pathlib import Path
from unittest import mock

import attrs

import pytest

pytest.importorskip("duckdb")
pytest.importorskip("sqlglot")

from hypothesis import HealthCheck, Phase, given, reject, settings, strategies as st  # noqa: E402
from conftest import examples  # noqa: E402

import contractdsl  # noqa: E402
from contractdsl.audit.run import Auditor  # noqa: E402
from contractdsl.audit.source import FactEntry  # noqa: E402
from contractdsl.errors import UsageError  # noqa: E402
from contractdsl.evaluation.decide import judge, lifted_on_provisos  # noqa: E402
from contractdsl import model  # noqa: E402
from contractdsl.model import scope_keys  # noqa: E402
from contractdsl.strategies import (DECLARED_SCOPE, HOLDING_SCOPE, SCOPES, agreements,  # noqa: E402
                                    usages)
from contractdsl.usage import Usage, Volume  # noqa: E402

UTC = _dt.timezone.utc
# The log's columns for the scopes a limit may count per, besides the app and the recipient (a
# row's own) and the licensee (the whole log): the language's and those the agreement declares
# (the Project, a scope holding apps, now and then left out of the log: see `_write`).
KEYS = tuple(s for s in SCOPES if s not in ("app", "recipient", "licensee")) + \
    (DECLARED_SCOPE.name, HOLDING_SCOPE.name)


def _micros(moment: _dt.datetime) -> int:
    return (moment - _dt.datetime(1970, 1, 1, tzinfo=UTC)) // _dt.timedelta(microseconds=1)


def _log(data, agreement, program):
    """Rows drawn around generated usages: a few per usage, close in time, with an amount in
    every unit of the agreement; and some dated facts."""
    rng = random.Random(data.draw(st.integers(0, 2 ** 32)))
    units = sorted({u.name for s in program.symbols for u in s.units.values()})
    # the endpoint each row calls: one the agreement declares (a limit at one needs it)
    endpoints = sorted(set().union(*(s.terms["endpoint"] for s in program.symbols))) or ["s1"]
    rows = []
    for _ in range(data.draw(st.integers(1, 4))):
        usage = data.draw(usages(agreement))
        start = _dt.datetime.combine(usage.first_day, _dt.time(), UTC)
        days = (usage.last_day - usage.first_day).days
        anchor = start + _dt.timedelta(days=rng.randint(0, days), seconds=rng.randint(0, 86399))
        for _ in range(rng.randint(1, 6)):
            time = anchor + _dt.timedelta(seconds=rng.choice((0, 1, 59, 600, 3599, 86400,
                                                              rng.randint(0, 10 ** 6))))
            if time.date() > usage.last_day:
                time = anchor
            rows.append({"time": time, "app": usage.app, "action": usage.action,
                         "data": usage.data, "purpose": usage.purpose,
                         "recipient": usage.recipients[0] if usage.recipients else None,
                         "tier": usage.tier,
                         **{scope: rng.choice(("s1", "s2")) for scope in KEYS},
                         "endpoint": rng.choice(endpoints),
                         **{u: rng.choice((0, 1, 7, 450, 10 ** 3, 10 ** 6, 10 ** 9))
                            for u in units}})
    facts_known = sorted(set().union(*(s.terms["fact"] for s in program.symbols)))
    apps = sorted(set().union(*(s.apps for s in program.symbols)))
    facts = []
    first = min(r["time"] for r in rows)
    if facts_known:
        for _ in range(rng.randint(0, 3)):
            # a day, or an instant: among the rows of a day, or between two of them
            when = first + _dt.timedelta(days=rng.randint(-2, 12), seconds=rng.choice(
                (0, rng.randint(0, 86399))))
            facts.append(FactEntry(name=rng.choice(facts_known), app=rng.choice([None, *apps]),
                                   when=when.date() if rng.random() < 0.5 else when))
    return rows, units, facts


def _dated_near(agreement, rows, rng):
    """The agreement with the facts its schedules date (and the end some state) moved among
    the rows' days, so that they come about within the span of the rows of an app."""
    first = min(r["time"] for r in rows).date()

    def near():
        return first + _dt.timedelta(days=rng.randint(-2, 12))
    return model.Agreement(documents=tuple(
        attrs.evolve(d, dated=tuple(attrs.evolve(f, date=near()) for f in d.dated),
                     terminates=d.terminates and near())
        if d.kind == "schedule" else d for d in agreement.documents))


def _scheduled(agreement):
    """What the schedules say happened, for each app they register, as the facts file says
    it: each fact dated, and the day after the licensee's agreement ended (stated by no
    usage, but the rows after it are not those before it)."""
    out = []
    for schedule in agreement.schedules:
        for app in schedule.apps:
            out += [FactEntry(name=d.name, when=d.date, app=app.name) for d in schedule.dated]
            if schedule.terminates is not None:
                out.append(FactEntry(name=model.TERMINATION, app=app.name,
                                     when=schedule.terminates + _dt.timedelta(days=1)))
    return out


def _write(rows, units, folder: Path, projects: bool = True) -> Path:
    """The rows as a log; without ``projects``, without the column of the Project."""
    path = folder / "log.csv"
    fields = ["time", "app", "action", "data", "purpose", "recipient", "tier",
              *(k for k in KEYS if projects or k != HOLDING_SCOPE.name), *units]
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fields, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "time": row["time"].isoformat().replace("+00:00", "Z")})
    return path


def _held(facts, app, time):
    """The facts in force for a row: for its app or every app, from their time; the latest
    (the end of the licensee's agreement with them, though no usage states it)."""
    latest = {}
    for entry in facts:
        if entry.app in (None, app) and entry.micros <= _micros(time):
            if entry.name not in latest or entry.micros >= latest[entry.name].micros:
                latest[entry.name] = entry
    return tuple(sorted((f.name, f.when) for f in latest.values()))


def _stated(held):
    """The facts a usage of a group states: those in force but the licensee's end."""
    return tuple((name, when) for name, when in held if name != model.TERMINATION)


def _key(program, row, facts):
    stretch = bisect.bisect_right(program.changes, row["time"].date())
    return (stretch, row["app"], row["action"], row["data"], row["purpose"], row["recipient"],
            row["tier"], _held(facts, row["app"], row["time"]))


def _usage(key, first, last, spent=()):
    _, app, action, data, purpose, recipient, tier, held = key
    return Usage(app=app, action=action, data=data, purpose=purpose,
                 recipients=(recipient,) if recipient else (), tier=tier, start=first, end=last,
                 facts=_stated(held), volume=spent)


def _bucketed(per):
    """The grid a sliding limit's rows are bucketed by, with ``per`` buckets per window (or
    the most below it that divide the window), its rows never summed all exactly."""
    chosen = Auditor.grid

    def grid(self, lim, keys, cells):
        found, _ = chosen(self, lim, keys, cells)
        return attrs.evolve(found, per=next(n for n in range(per, 1, -1)
                                            if found.window % n == 0)), False
    return grid


def _scope(row, scope):
    """A row's key for a limit's scope: the value of its key; for several (`app and channel`)
    the values of each, the licensee's (the whole log) left out."""
    values = tuple(row[key] for key in scope_keys(scope) if key != "licensee")
    return None if not values else values[0] if len(values) == 1 else values


def _per_app(lim) -> str:
    """A limit's scope with each key of a scope holding apps counted per app in its stead."""
    return " and ".join(dict.fromkeys("app" if k in lim.holders else k for k in lim.keys))


def _counted(lim, finding) -> str | None:
    """The scope a finding of a limit counts per: the limit's, or per app, for a finding of a
    scope holding apps whose column the log lacks (a window `held_by` it; such a limit shows
    no peak)."""
    return _per_app(lim) if getattr(finding, "held_by", None) else lim.scope


def in_euros(agreement: model.Agreement, spending: bool = True,
             licensed: bool = False) -> model.Agreement:
    """The agreement with a second currency, `EUR`, which no allowance counts: the log's rows
    spend in it beside the dollars a tier's allowance in money counts; with ``spending``,
    every tier allows `use no more than 100 USD per calendar month` besides its own (the
    first text offers a tier `spender` where none does); with ``licensed``, every text
    permits `licensee may use content` besides its own clauses (so that many groups are
    permitted but for what they spend)."""
    first, *rest = agreement.documents
    dollars = model.Allowance(action="use", quantity=model.Quantity(amount=100, unit="USD"),
                              window=model.Window(count=1, unit="month", calendar=True))
    anything = model.Permission(id="EUR-1", activity=model.Activity(action="use"))
    tiers = first.tiers or (() if not spending or any(d.tiers for d in rest) else (
        model.Tier(name="spender", title="Spender"),))
    euros = model.Unit(name="EUR", description="euros", dimension="money")
    documents = [attrs.evolve(d, units=(*d.units, euros)) if d.kind == "agreement" else d
                 for d in (attrs.evolve(first, tiers=tiers), *rest)]
    return model.Agreement(documents=tuple(attrs.evolve(
        d, tiers=tuple(attrs.evolve(t, allowances=(*t.allowances, dollars)) for t in d.tiers)
        if spending else d.tiers,
        clauses=(*d.clauses, anything) if licensed and d.kind == "agreement" else d.clauses)
        for d in documents))


def _spent(program, key, members, first, last):
    """What the rows of a group spent in a currency that no limit binding it counts, where an
    allowance in money binds it: the usage built from the group states it as a total over its
    time (docs/audit.md), and `permits` judges it (no rate of exchange: undetermined)."""
    usage = _usage(key, first, last)
    judged = judge(program, key[0], usage, trace=True)
    lifted = lifted_on_provisos(judged, usage) if judged.provided else ()
    counted = {lim.unit for lim in judged.limits if id(lim) not in lifted}
    index = program.stretches[key[0]].version_index
    names = program.symbols[-1 if index is None else index].unit_names
    money = {unit.name for unit in names.values() if unit.dimension == "money"}
    if not counted & money:
        return ()
    return tuple(Volume(amount=total, unit=unit) for unit in sorted(money - counted)
                 if (total := sum((Fraction(r.get(unit) or 0) for r in members), Fraction(0))))


def _tiered(rows, program, rng) -> None:
    """Half the rows put under a tier the text in force on their day defines (where it
    defines one), so that its allowances, in money among them, bind many groups."""
    for row in rows:
        stretch = program.stretches[bisect.bisect_right(program.changes, row["time"].date())]
        index = stretch.version_index
        tiers = sorted(program.symbols[-1 if index is None else index].tiers)
        if tiers and rng.random() < 0.5:
            row["tier"] = rng.choice(tiers)


def held(agreement: model.Agreement) -> model.Agreement:
    """The agreement with its tiers held, none earned by what was paid: a log states no
    payments, so the audit refuses a row of an earned tier (tests/test_tiers_earned.py)."""
    return model.Agreement(documents=tuple(attrs.evolve(d, tiers=tuple(
        attrs.evolve(t, earning=None) for t in d.tiers)) for d in agreement.documents))


@settings(max_examples=examples(20), deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_each_group_is_decided_as_permits_decides_it_and_each_window_really_exceeds(data):
    # with events, schedules that date facts and end the agreement for their licensee: moved
    # among the rows' days, they cut the rows of their apps as the facts file's do
    events = data.draw(st.booleans(), label="events")
    # in two currencies: a tier's allowance in money counts the dollars, and the rows spend
    # euros too, which `permits` cannot tell within it
    agreement = in_euros(held(data.draw(agreements(kinds=("permission", "prohibition", "limit",
                                                          "obligation"), events=events))),
                         licensed=data.draw(st.booleans(), label="licensed"))
    program = contractdsl.compile(agreement)
    rows, units, facts = _log(data, agreement, program)
    _tiered(rows, program, random.Random(data.draw(st.integers(0, 99))))
    if events:
        agreement = _dated_near(agreement, rows, random.Random(data.draw(st.integers(0, 99))))
        assert contractdsl.check(agreement) == []
        program = contractdsl.compile(agreement)
    # a fact the facts file states for an app whose schedule dates it otherwise would state
    # it otherwise than the schedule, which a usage may not do: left out here
    dated = {(d.name, app.name) for s in agreement.schedules for d in s.dated for app in s.apps}
    facts = [f for f in facts if f.app is not None and (f.name, f.app) not in dated
             or f.app is None and not any(name == f.name for name, _ in dated)]
    every = facts + _scheduled(agreement)
    per = data.draw(st.integers(2, 12), label="buckets per window")
    # the log says which Project each row is of, or (half the time) not: the limits per a
    # Project are then counted per app, a lower bound of the Project holding it
    projects = data.draw(st.booleans(), label="projects")
    with tempfile.TemporaryDirectory() as folder:
        log = _write(rows, units, Path(folder), projects)
        try:
            found = contractdsl.audit(agreement, log, facts=facts)
        except UsageError as error:
            # a row that names a term only a text after its licensee's end defines (a text
            # that never binds it) is refused at that row, as permits refuses its usage
            (where,) = error.diagnostics
            row = rows[where.line - 2]  # (the header is line 1)
            with pytest.raises(UsageError, match=re.escape(where.message.split(": ", 1)[1])):
                contractdsl.permits(program, _usage(_key(program, row, every), row["time"],
                                                    row["time"]))
            reject()
        with mock.patch.object(Auditor, "grid", _bucketed(per)):
            bucketed = contractdsl.audit(agreement, log, facts=facts)
    # the bounds of the buckets decide what they can and leave the rest to the exact sums:
    # the same findings as summing every window exactly
    assert bucketed.to_json() == found.to_json()
    # groups, by brute force
    groups: dict[tuple, list] = {}
    for row in rows:
        groups.setdefault(_key(program, row, every), []).append(row)
    assert found.rows == len(rows)
    assert len(found.groups) == len(groups)
    expected = {}
    for key, members in groups.items():
        first, last = min(r["time"] for r in members), max(r["time"] for r in members)
        expected[key[1:7] + (first, last, len(members))] = contractdsl.permits(
            program, _usage(key, first, last, _spent(program, key, members, first, last))).outcome
    got = {(g.app, g.action, g.data, g.purpose, g.recipient, g.tier, g.first, g.last, g.rows):
           g.outcome for g in found.groups}
    assert got == expected
    # the rows each limit applies to, asked of the evaluator row by row; a clause whose terms
    # resolve otherwise in another text (a later version defines more actions under its
    # action) is another limit there, found apart, as the evaluator judges it
    applies: dict = {}
    for row in rows:
        key = _key(program, row, every)
        usage = _usage(key, row["time"], row["time"])
        if any(row["endpoint"] in s.terms["endpoint"] for s in program.symbols):
            usage = attrs.evolve(usage, endpoint=row["endpoint"])  # the limits at it alone
        judged = judge(program, key[0], usage, trace=True)
        lifted = lifted_on_provisos(judged, usage) if judged.provided else ()
        for lim in judged.limits:
            if id(lim) not in lifted:  # (a limit lifted on provisos the row keeps)
                applies.setdefault(lim, []).append(row)

    def total(lim_rows, unit, scope, key, start, end):
        return sum((Fraction(r[unit]) for r in lim_rows if _scope(r, scope) == key
                    and start <= r["time"] < end), Fraction(0))

    def unit_of(window):
        return next(u for u in units if program.symbols[0].unit_of(window.unit) == u) \
            if window.unit in units else program.symbols[-1].unit_of(window.unit)

    def said(window):
        """A limit's window as a finding words it after `per` (None: a cap in total)."""
        if window is None:
            return None
        return ("calendar " if window.calendar else "") + (
            window.unit if window.count == 1 else f"{window.count} {window.unit}s")

    def of(finding):
        """The limits a finding may be of (its words name it), each with the rows it applies
        to: a clause (a tier) may have several limits of one allowance and scope, told apart
        by their windows (a cap in total has none), and may be another limit in another
        text."""
        text, at = finding.limit.partition(" at ")[::2]  # a limit at an endpoint ends so
        words = text.split(" per ")
        return [(lim, v) for lim, v in applies.items()
                if lim.clause == finding.clause and lim.amount == finding.allowance
                and _counted(lim, finding) == finding.scope and (lim.endpoint or "") == at and (
                    said(lim.window) is None and " in total" in text
                    or said(lim.window) is not None and len(words) > 1
                    and words[1] == said(lim.window))]

    for window in found.windows:
        unit = program.symbols[-1].unit_of(window.unit)
        assert window.amount > window.allowance
        assert window.amount in {total(lim_rows, unit, window.scope, window.key, window.start,
                                       window.end) for _, lim_rows in of(window)}

    def best(lim, lim_rows, unit, key):
        """The largest sum of a limit's rows of one scope key over its windows, by brute
        force (None: no row of that key)."""
        mine = [r for r in lim_rows if _scope(r, lim.scope) == key]
        span = lim.window
        if not mine:
            return None
        if span is None:  # a cap in total: the sum of all its rows
            return sum((Fraction(r[unit]) for r in mine), Fraction(0))
        if span.calendar:
            def period(t):
                return (t.year, t.month if span.unit == "month" else 1)
            sums: dict = {}
            for r in mine:
                sums[period(r["time"])] = sums.get(period(r["time"]), 0) + Fraction(r[unit])
            return max(sums.values())
        width = _dt.timedelta(seconds=span.seconds)
        return max(total(mine, unit, lim.scope, key, r["time"], r["time"] + width)
                   for r in mine)

    # every limit's peak per scope key is the largest sum over its windows, found by brute
    # force: one peak for each limit the words name that has rows of the key
    named: dict = {}
    for peak in found.peaks:
        named.setdefault((peak.clause, peak.limit, peak.key, peak.unit), []).append(peak)
    for (clause, limit, key, unit_name), peaks in named.items():
        unit = program.symbols[-1].unit_of(unit_name)
        limits = of(peaks[0])
        expected = [b for b in (best(lim, lim_rows, unit, key) for lim, lim_rows in limits)
                    if b is not None]
        assert sorted(p.amount for p in peaks) == sorted(expected)
        exceeded = [w for w in found.windows if w.clause == clause and w.key == key
                    and w.limit == limit]
        assert bool(exceeded) == any(p.amount > p.allowance for p in peaks)

    # without the column of the Project, a limit per a Project is counted per app (and shows
    # no peak): where an app's own rows exceed it, by brute force, a window of the Project
    # holding the app is found
    for lim, lim_rows in applies.items():
        if projects or not lim.holders or lim.basis not in ("window", "total"):
            continue
        counted = attrs.evolve(lim, scope=_per_app(lim))
        for key in {_scope(r, counted.scope) for r in lim_rows}:
            if key is None or isinstance(key, tuple) and None in key:
                continue
            if best(counted, lim_rows, lim.unit, key) > lim.amount:
                assert any(w.clause == lim.clause and w.held_by in lim.holders and w.key == key
                           and w.allowance == lim.amount for w in found.windows), (lim, key)


TWITTER = sorted((Path(__file__).resolve().parent.parent / "agreements" / "twitter")
                 .glob("*.agreement"))


@settings(max_examples=examples(12), deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_on_a_busy_log_the_buckets_find_every_window_and_peak_that_summing_each_window_finds(
        data):
    """Many calls close together, some at the same instant, against the Twitter agreement's
    rate limit (450 requests per 15 minutes per app, at recent search) and per-user share
    limit: the bounds of the buckets decide many buckets either way and leave others to be
    summed window by window; the findings are those of summing every window, and each peak and window over
    is the sum of its rows."""
    rng = random.Random(data.draw(st.integers(0, 2 ** 32)))
    rows, hours = data.draw(st.integers(50, 600)), data.draw(st.sampled_from([1, 4, 30]))
    start = _dt.datetime(2022, 3, 1, tzinfo=UTC)
    lines = ["time,app,action,purpose,recipient,user,posts,requests,endpoint"]
    calls = []
    for _ in range(rows):
        moment = start + _dt.timedelta(microseconds=rng.randrange(hours * 3600 * 10 ** 6))
        if rng.random() < 0.2:  # calls on the same second
            moment = moment.replace(microsecond=0)
        app = rng.choice(["bing_pages", "microsoft_azure", "microsoft_ads"])
        share = rng.random() < 0.2
        posts, requests = rng.choice([1, 10, 1000, 20000]), rng.choice([1, 2, 5, 30])
        calls.append((moment, app, share, requests))
        lines.append(f"{moment.isoformat().replace('+00:00', 'Z')},{app},"
                     f"{'share' if share else 'read'},analysis,"
                     f"{'law_enforcement' if share else ''},"
                     f"{'u' + str(rng.randrange(3)) if share else ''},{posts},{requests},"
                     f"{'' if share else 'recent_search'}")
    per = data.draw(st.integers(2, 40), label="buckets per window")
    agreement = contractdsl.load(*TWITTER)
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "log.csv"
        log.write_text("\n".join(lines) + "\n", encoding="utf-8")
        found = contractdsl.audit(agreement, log)
        with mock.patch.object(Auditor, "grid", _bucketed(per)):
            bucketed = contractdsl.audit(agreement, log)
    assert bucketed.to_json() == found.to_json()
    width = _dt.timedelta(minutes=15)

    def requests(app, since):
        return sum(r for t, a, share, r in calls
                   if a == app and not share and since <= t < since + width)

    for peak in (p for p in found.peaks if p.clause == "RL-v2"):
        assert peak.amount == requests(peak.key, peak.start) == max(
            requests(peak.key, t) for t, a, share, _ in calls if a == peak.key and not share)
    for window in (w for w in found.windows if w.clause == "RL-v2"):
        assert window.amount == requests(window.key, window.start) > 450
        assert window.calls == sum(1 for t, a, share, _ in calls if a == window.key
                                   and not share and window.run_from <= t < window.run_until
                                   - width + _dt.timedelta(microseconds=1)
                                   and requests(a, t) > 450)
