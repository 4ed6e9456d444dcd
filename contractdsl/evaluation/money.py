"""What a usage owes in money, and what it may recover: the fees (liquidated damages among
them) and late charges it owes, and what the licensor's liability caps leave of its claim,
computed exactly from the IR (docs/semantics.md, sections 11 and 13). Money never decides an
outcome; :mod:`.explain` puts these figures into words."""

from __future__ import annotations

from fractions import Fraction
from itertools import groupby

import attrs

from ..semantics import ir
from ..usage import Usage
from .arithmetic import rate_ratio, windows_between
from .decide import (DAY, counted_once, in_one_window, judged_as, met_by_one_window, overlap,
                     paid, span, stands, stated_days)

Item = ir.FeeRule | ir.ChargeRule | ir.CapRule | ir.PriceRule


@attrs.frozen
class Figure:
    """One amount a clause makes owed (``item`` a fee or a late charge) or leaves recoverable
    (a liability cap) for a usage: ``value`` exact, in ``currency`` (None where the usage does
    not show it); ``basis`` what it is computed from, its first element naming the case:

    - a fee: ``("price",)`` (no volume in its unit), ``("total", volume, start, end)``,
      ``("rate", volume, window, count)`` (``count`` the things of one ``window``),
      ``("share", volume, start, end)`` (the fee does not apply on every day of the total),
      ``("overlap", volume, start, end)`` (the total shares time with another counted, so
      what the two come to is unknown),
      ``("peak", volume, start, end)`` (the total spans several windows of its threshold),
      ``("together", totals, counted)`` (``totals``, each as (volume, start, end), lie in one
      window of its threshold, with no other, and come to ``counted`` there),
      ``("windows", totals)`` (one window of its threshold holds some of ``totals`` together,
      which of them is unknown);
    - a late charge: ``("late", payment, end, periods)``;
    - a cap: ``("claim", claim, payments)``;
    - a tier's price: ``("tier",)`` (``value`` None where the tier costs at least it)."""

    item: Item
    stretch: ir.Stretch = attrs.field(eq=False)  # where its clause is, to locate it
    value: Fraction | None
    currency: str
    basis: tuple
    # the days its clause applies over (first day, last day, edges: see `~.decide.parts`),
    # where they are one run; else None
    days: tuple | None = attrs.field(default=None, eq=False)
    # the stretches of the parts its clause applies over, in order (the first is ``stretch``)
    stretches: tuple = attrs.field(default=(), eq=False)


def figures(usage: Usage, parts) -> list[Figure]:
    """The figures of the money clauses in force over the usage's period whose conditions it
    meets (with any one of its recipients and groups of users), each clause once, in the
    agreement's order; ``parts`` are (first day, last day, what the usage's terms decide, its
    edges: see :func:`~.decide.parts`) of each part of its period. A part meets them as the
    usage stands from its start: a fact dated after that has not happened in it (see
    :meth:`~contractdsl.usage.Usage.as_of`). An answer given to an open question counts (see
    :func:`~.decide.with_answers`)."""
    applying: dict[Item, list] = {}
    before: set[int] = set()  # the items applying in the part before
    for at, (first, last, row, edges) in enumerate(parts):
        money, here = row.stretch.money, set()
        if not money:
            before = here
            continue
        begins = usage.start if at == 0 else edges[0] or first
        facts = judged_as(row.symbols, usage.as_of(begins), row.action, row.data)
        caps = {cap.clause: cap for cap in row.stretch.caps}
        for item in money:
            if any(stands(item, caps, f) for f in facts):
                found = applying.setdefault(item, [])
                if id(item) in before and edges[0] is not None:
                    # the parts a fact's instant within a day cuts share that day: one run
                    row_, start, _, (begins, _) = found[-1]
                    found[-1] = (row_, start, last, (begins, edges[1]))
                else:
                    found.append((row, first, last, edges))
                here.add(id(item))
        before = here
    out: list[Figure] = []
    for item, found in applying.items():
        made = _fee if isinstance(item, ir.FeeRule) else \
            _charges if isinstance(item, ir.ChargeRule) else \
            _price if isinstance(item, ir.PriceRule) else _cap
        days, stretches = _run(found), tuple(row.stretch for row, *_ in found)
        out.extend(attrs.evolve(figure, days=days, stretches=stretches)
                   for figure in made(item, found, usage))
    return out


def _run(found) -> tuple | None:
    """The first and last day of the parts ``found`` (row, first, last, edges) and their
    outer edges, where each part begins where the one before ends; else None."""
    for (_, _, last, (_, ends)), (_, first, _, (begins, _)) in zip(found, found[1:]):
        if (first, begins) != ((last, ends) if ends is not None else (last + DAY, None)):
            return None
    return found[0][1], found[-1][2], (found[0][3][0], found[-1][3][1])


def _fee(fee: ir.FeeRule, found, usage: Usage):
    """What a fee makes owed: per total in its unit (when the same fee applies on every day of
    it and, with a threshold, the total lies in one window of it, with the totals that window
    holds beside it; each day counted once, see :func:`~.decide.counted_once`), per window of
    a rate, or its price."""
    row = found[0][0]
    stretch, unit_of = row.stretch, row.symbols.unit_of
    # what is counted, not a peak; a total on none of the days the fee applies is none of its
    # (the usage states it apart, as a share of other days)
    volumes = [v for v in usage.volume if unit_of(v.unit) == fee.unit and (
        v.kind == "rate" or v.kind == "total" and _on(v, usage, found))]
    if not volumes:
        yield Figure(fee, stretch, None, fee.currency, ("price",))
    # each day once, read over the days the fee applies, as a limit's over the days it binds
    once = counted_once(volumes, usage, min(first for _, first, _, _ in found),
                        max(last for _, _, last, _ in found))
    counted = {id(volume) for volume in once}
    # totals counted that share time count it twice: what they come to is unknown
    spans = [span(volume, usage) for volume in once] if len(once) > 1 else ()
    twice = {id(volume) for i, (volume, spanned) in enumerate(zip(once, spans))
             if any(overlap(spanned, other) for other in spans[:i] + spans[i + 1:])}
    days = {id(volume): stated_days(volume, usage) for volume in once}
    # its share of days the fee applies is unknown
    partly = {key for key, (start, end) in days.items() if sum(
        (min(last, end) - max(first, start)).days + 1
        for _, first, last, _ in found if first <= end and start <= last) != (end - start).days + 1}
    # and of a total whose time runs across an instant at which a fact makes the fee apply,
    # or stop applying, within a day
    partly.update(id(volume) for volume in once if _across(span(volume, usage), found))
    at = dict(zip(map(id, once), spans))
    held = _held(fee.window, once, at) if fee.threshold is not None and spans else {}
    said: set[int] = set()  # the totals counted together, said once
    for volume in volumes:
        if volume.is_rate:
            window = fee.window or volume.per
            goal, source = rate_ratio(volume.per, window, usage.first_day, usage.last_day)
            count = volume.amount * goal / source
            yield Figure(fee, stretch, fee.owed(count), fee.currency,
                         ("rate", volume, window, count))
            continue
        if id(volume) not in counted:
            continue  # its days are counted by its shares, or by a total it is a share of
        start, end = days[id(volume)]
        members, shown = held.get(id(volume), ((), True))
        if id(volume) in partly:
            yield Figure(fee, stretch, None, fee.currency, ("share", volume, start, end))
        elif id(volume) in twice:
            yield Figure(fee, stretch, None, fee.currency, ("overlap", volume, start, end))
        elif any(id(member) in twice or id(member) in partly for member in members):
            # in one window with totals whose count there is unknown
            yield Figure(fee, stretch, None, fee.currency, ("overlap", volume, start, end))
        elif members:
            if id(members) in said:
                continue
            said.add(id(members))
            totals = tuple((member, *days[id(member)]) for member in members)
            together = sum(member.amount for member in members)
            if shown:
                yield Figure(fee, stretch, fee.owed(together), fee.currency,
                             ("together", totals, together))
            elif _unknown(fee.owed_over(together, windows_between(
                    fee.window, at[id(members[0])][0], max(at[id(m)][1] for m in members)))):
                yield Figure(fee, stretch, None, fee.currency, ("windows", totals))
            else:  # owed alike however the windows hold them: each total owes its own
                for member, first, last in totals:
                    yield Figure(fee, stretch, fee.owed(member.amount), fee.currency,
                                 ("total", member, first, last))
        elif fee.threshold is not None and _unknown(fee.owed_over(
                volume.amount, windows_between(fee.window, *span(volume, usage)))):
            # over several windows, what lies in each is unknown, and so what is owed
            yield Figure(fee, stretch, None, fee.currency, ("peak", volume, start, end))
        else:
            yield Figure(fee, stretch, fee.owed(volume.amount), fee.currency,
                         ("total", volume, start, end))


def _held(window, once: list, spans: dict) -> dict[int, tuple[tuple, bool]]:
    """Totals side by side in one window of a threshold count together (as under a limit, see
    :func:`~.decide.in_one_window`): id(total) -> (the totals a window holds with it, in order
    of time; whether that window is shown). It is shown where the largest group of totals one
    window holds that it is among is the only one: no window holds any of them with another
    total, nor meets them and another (see :func:`~.decide.met_by_one_window`: how a total
    spreads over its days is unknown, so a window that meets it may hold all of it). Where two
    such groups share a total, which window holds which is unknown: each total of either is
    given with all of them, not shown."""
    clusters: list[tuple[set, list, int]] = []  # (ids, totals, groups) of groups sharing totals
    held = in_one_window(window, once, spans)
    # (a group one window meets but none holds counts as a second group: it is not shown)
    groups = held + [group for group in met_by_one_window(window, once, spans) if windows_between(
        window, min(spans[id(v)][0] for v in group), max(spans[id(v)][1] for v in group)) > 1]
    sets = [frozenset(map(id, group)) for group in groups]
    seen: set[frozenset] = set()
    for k, (group, ids) in enumerate(zip(groups, sets)):
        if ids in seen or k < len(held) and any(ids < other for other in sets[:len(held)]):
            continue  # a group within a larger one: held by the window holding that one
        seen.add(ids)
        joined = [cluster for cluster in clusters if cluster[0] & ids]
        clusters = [cluster for cluster in clusters if not cluster[0] & ids]
        members = {id(volume): volume for cluster in joined for volume in cluster[1]}
        members.update((id(volume), volume) for volume in group)
        clusters.append((ids.union(*(cluster[0] for cluster in joined)), list(members.values()),
                         (1 if k < len(held) else 2) + sum(cluster[2] for cluster in joined)))
    out = {}
    for _, members, count in clusters:
        ordered = tuple(sorted(members, key=lambda volume: spans[id(volume)]))
        out.update((id(volume), (ordered, count == 1)) for volume in ordered)
    return out


def _unknown(bounds: tuple[Fraction, Fraction]) -> bool:
    """Whether the least and the most a fee may make owed differ (see
    :meth:`~contractdsl.semantics.ir.FeeRule.owed_over`)."""
    return bounds[0] != bounds[1]


def _on(volume, usage: Usage, found) -> bool:
    """Whether some of the time of a total is among that of ``found`` (row, first, last,
    edges): its days, and on a day a fact's instant cuts, its instants."""
    start, end = stated_days(volume, usage)
    begins, ends = span(volume, usage)
    return any(first <= end and start <= last and (lo is None or ends > lo) and
               (hi is None or begins < hi) for _, first, last, (lo, hi) in found)


def _across(spanned: tuple, found) -> bool:
    """Whether a total's time (``spanned``: its first and last instant) runs across an instant
    within a day at which ``found`` (row, first, last, edges) begins or ends."""
    return any(edge is not None and spanned[0] < edge < spanned[1]
               for *_, edges in found for edge in edges)


def _charges(charge: ir.ChargeRule, found, usage: Usage):
    """The charge on each amount the usage says was paid after it was due, or still unpaid
    after it was due on its last day, for the periods it charges (a usage that pays nothing
    late, or an amount late by less than one whole period where only whole periods count,
    owes no charge): those that begin on the days the clause binds the usage (``found``: row,
    first, last, edges), a period that begins before the usage's first day (or after its
    last) counted as beginning on it, so that where another text's late charge binds the
    later days of its period, each charges the periods begun under it, not both the whole. A
    run of periods counted from a day after the first is said with that day."""
    row = found[0][0]
    first, last = usage.first_day, usage.last_day
    for payment in usage.payments:
        if payment.due is None:
            continue
        # (unpaid, it is late by the usage's last day as written, as `due` and `paid` are)
        end = payment.paid or usage.written_last or last
        starts = charge.starts(payment.due, end)
        mine = [any(lo <= min(max(day, first), last) <= hi for _, lo, hi, _ in found)
                for day in starts]
        at = 0
        for charged, run in groupby(mine):
            periods = len(list(run))
            if charged:
                basis = ("late", payment, end, periods) if periods == len(starts) else \
                    ("late", payment, end, periods, starts[at])
                yield Figure(charge, row.stretch, charge.charge(payment.amount, periods),
                             payment.unit, basis)
            at += periods


def _price(price: ir.PriceRule, found, usage: Usage):
    """What a tier the usage states costs, per the tier's window: owed, where the tier costs
    that amount, not at least it (a tier that costs nothing owes nothing, not 0 USD)."""
    if price.amount == 0:
        return
    yield Figure(price, found[0][0].stretch, None if price.minimum else price.amount,
                 price.currency, ("tier",))


def _cap(cap: ir.CapRule, found, usage: Usage):
    """What of the usage's claim against the cap's party may be recovered, when the cap
    applies on the claim's day (a cap without such a claim bounds nothing the usage asks)."""
    claim = usage.claim
    # (the claim's day is the usage's as it writes it, which may be its first or last day in
    # UTC plus or minus one: the cap in force at the usage's own start or end binds then)
    day = claim and min(max(claim.date, usage.first_day), usage.last_day)
    row = next((row for row, first, last, _ in found
                if claim is not None and first <= day <= last), None)
    if row is None or claim.against != cap.party:
        return
    unit_of = row.symbols.unit_of
    payments = paid(usage, unit_of)
    recovered = cap.recoverable((claim.amount, unit_of(claim.unit)), payments, claim.date)
    yield Figure(cap, row.stretch, None if recovered is None else recovered[0], claim.unit,
                 ("claim", claim, payments))

