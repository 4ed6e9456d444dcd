"""Exact time arithmetic for limits: windows counted and rates converted, in whole numbers."""

from __future__ import annotations

import calendar
import datetime as _dt
from fractions import Fraction

from .. import model as m
from ..usage import day_of


def _month_length(year: int, month: int) -> int:
    """The days of a month (as ``calendar.monthrange`` gives them, without its weekday)."""
    return 29 if month == 2 and calendar.isleap(year) else calendar.mdays[month]


def _month_lengths(start: _dt.date, end: _dt.date) -> list[int]:
    out, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        out.append(_month_length(year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _year_lengths(start: _dt.date, end: _dt.date) -> list[int]:
    return [366 if calendar.isleap(y) else 365 for y in range(start.year, end.year + 1)]


def calendar_seconds(window: m.Window, start: _dt.date, end: _dt.date, longest: bool) -> int:
    """Length in seconds of the longest (or shortest) calendar window the dates touch."""
    lengths = _month_lengths(start, end) if window.unit == "month" else _year_lengths(start, end)
    return (max(lengths) if longest else min(lengths)) * 86400


def rate_ratio(per: m.Window, target: m.Window, start: _dt.date,
               end: _dt.date) -> tuple[int, int]:
    """The whole numbers (goal, source) such that a rate per ``per`` is ``goal / source`` times
    that rate per ``target``.

    A rate per a calendar window is taken at its highest (the shortest such window the usage
    touches); converted to a calendar window it is judged on the longest such window. A
    calendar year is twelve calendar months exactly, whatever their days, so a rate per
    calendar month is twelve times that per calendar year.
    """
    if per.calendar and target.calendar:
        if per.unit == target.unit:
            return 1, 1
        if per.unit == "month":
            return 12, 1
    source = calendar_seconds(per, start, end, longest=False) if per.calendar else per.seconds
    goal = calendar_seconds(target, start, end, longest=True) if target.calendar else target.seconds
    return goal, source


def count_windows(window: m.Window, start: _dt.date, end: _dt.date) -> int:
    """How many limit windows a period spans: calendar windows touched, or fixed windows needed."""
    if window.calendar:
        if window.unit == "month":
            return (end.year * 12 + end.month) - (start.year * 12 + start.month) + 1
        return end.year - start.year + 1
    seconds = ((end - start).days + 1) * 86400
    return max(1, -(-seconds // window.seconds))


def windows_between(window: m.Window, first: _dt.datetime, last: _dt.datetime) -> int:
    """How many limit windows the time from instant ``first`` to instant ``last`` (UTC), both
    in it, spans, as :func:`count_windows` counts the days from the first instant of one to
    the last of another: one fixed window holds the time when they lie less than its length
    apart."""
    if window.calendar:
        return count_windows(window, first, last)
    return (last - first) // _dt.timedelta(seconds=window.seconds) + 1


def _micro(moment: _dt.date | _dt.datetime, after: bool = False) -> int:
    """An instant (UTC) as microseconds from the start of day 1; a day as its first instant,
    or (``after``) the first instant of the day after it, which may be past the last day."""
    if not isinstance(moment, _dt.datetime):
        return (moment.toordinal() + after) * _DAY
    return moment.toordinal() * _DAY + (moment.hour * 3600 + moment.minute * 60 +
                                        moment.second) * 1_000_000 + moment.microsecond


_DAY = 86400 * 1_000_000  # microseconds


def rate_over(amount: Fraction, per: m.Window, start: _dt.date | _dt.datetime,
              end: _dt.date | _dt.datetime) -> Fraction:
    """The total of a sustained rate `amount per per` over the time from ``start`` to ``end``
    (UTC instants, or days: from the first instant of the one to the end of the other),
    exactly: per a calendar window, each month (or year) it touches counts in the share of its
    time the period covers."""
    begin, stop = _micro(start), _micro(end, after=True)
    if not per.calendar:
        return Fraction(amount) * (stop - begin) / (per.seconds * 1_000_000)
    total, year, month = Fraction(0), day_of(start).year, day_of(start).month
    while True:
        if per.unit == "month":
            opens = _dt.date(year, month, 1).toordinal() * _DAY
            closes = opens + _month_length(year, month) * _DAY
        else:
            opens = _dt.date(year, 1, 1).toordinal() * _DAY
            closes = opens + (366 if calendar.isleap(year) else 365) * _DAY
        total += Fraction(amount) * (min(closes, stop) - max(opens, begin)) / (closes - opens)
        if closes >= stop:
            return total
        year, month = (year + 1, 1) if per.unit == "year" or month == 12 else (year, month + 1)
