"""CD108: a limit that a stricter limit makes unreachable."""

from __future__ import annotations

import functools
import math
from fractions import Fraction

from ...format import no_more_than, window as _window
from ...semantics import ir
from ...prose.phrase import units
from .atoms import applies, unscheduled
from .finding import Rule

RULE = Rule("CD108", "unreachable-limit", "a limit that a narrower limit makes unreachable")

# The longest a calendar window can be, in seconds.
_LONGEST = {"month": 31 * 86400, "year": 366 * 86400}


def most(strict: ir.LimitRule, wide: ir.LimitRule) -> Fraction | None:
    """The most that ``strict`` lets through in one window of ``wide`` (None: not bounded by
    it in a way that can be compared)."""
    windows = _windows(wide.window, strict.window)
    return None if windows is None else strict.amount * windows


@functools.lru_cache(maxsize=256)
def _windows(w1, w2) -> int | None:
    """The most windows ``w2`` of a limit one window ``w1`` of another can hold, whole or in
    part (None: a calendar window against one that is not)."""
    if w2.calendar:
        if not w1.calendar:
            return None
        months = {"month": 1, "year": 12}
        if months[w1.unit] * w1.count % (months[w2.unit] * w2.count):
            return None
        return months[w1.unit] * w1.count // (months[w2.unit] * w2.count)
    length = _LONGEST[w1.unit] * w1.count if w1.calendar else w1.seconds
    return math.ceil(Fraction(length, w2.seconds))


def _within(wide: ir.LimitRule, strict: ir.LimitRule) -> bool:
    """Whether each count ``wide`` keeps is part of one that ``strict`` keeps: ``strict``
    counts per the same keys or fewer (`per licensee` counts all the licensee's usages as
    one, as no scope does), or per a scope holding apps where ``wide`` counts per app (each
    app belongs to one of its values). 60 requests a day per licensee let no app read more
    than 60; 60 a day per app still let the licensee read more with two apps."""
    keys = set(wide.keys) - {"licensee"}
    return all(key in keys or key in strict.holders and "app" in keys
               for key in strict.keys if key != "licensee")


def shadows(linted, index: int, strict: ir.LimitRule, wide: ir.LimitRule) -> Fraction | None:
    """The most ``strict`` lets through in a window of ``wide`` when that is no more than
    ``wide`` allows and ``strict`` binds every usage ``wide`` binds; else None."""
    if strict is wide:
        return None
    # (a usage of a class ``wide`` alone tells apart, that it binds and ``strict`` does not,
    # says so at once: most pairs of limits are told apart so, without the classes of both)
    own = linted.applying(index, wide)
    if own is not None and any(not applies(strict, f) for f in own):
        return None
    if strict.unit != wide.unit or \
            strict.scope != wide.scope and not _within(wide, strict) or \
            strict.basis != "window" or wide.basis != "window" or \
            any(c.other == wide.clause for c in strict.conflicts) or \
            not set(strict.lifted_by) <= set(wide.lifted_by) or \
            strict.endpoints is not None and (wide.endpoints is None
                                              or not wide.endpoints <= strict.endpoints) or \
            not all(a in strict.actions for a in wide.actions):
        return None
    bound = most(strict, wide)
    if bound is None or bound > wide.amount:
        return None
    # the limits of other documents that ``strict`` may yield to (see `_gives_way`)
    ids = {c.other for c in strict.conflicts}
    rivals = [lim for lim in linted.program.stretches[index].limits if lim.clause in ids]
    for s, w, r in ((strict, wide, rivals),
                    (unscheduled(strict), unscheduled(wide), [unscheduled(x) for x in rivals])):
        found = linted.points(index, (s, w, *r))
        if found is None or any(applies(w, f) and (not applies(s, f) or _gives_way(s, r, f))
                                for f in found):
            return None
    return bound


def _gives_way(lim: ir.LimitRule, rivals, f) -> bool:
    """Whether a limit may yield, for a usage's facts, to a limit on the same thing of a
    document that prevails over it, which then binds in its place (as the evaluator has it:
    the other applies, and the precedence between their documents favours it); a precedence
    that holds under conditions is taken to favour the other."""
    applying = {rival.clause for rival in rivals if applies(rival, f)}
    return any(c.other in applying and (c.precedence.guard is not None or c.yields(f))
               for c in lim.conflicts)


def _amount(value: Fraction) -> str:
    return f"{value.numerator:,}" if value.denominator == 1 else f"{float(value):,}"


def _text(lim: ir.LimitRule, symbols) -> str:
    """A limit in words, its unit in the agreement's: "no more than 450 API requests per 15
    minutes per app"."""
    return no_more_than(lim, _amount(lim.amount), _units(lim.amount, lim, symbols))


def _units(amount: Fraction, lim: ir.LimitRule, symbols) -> str:
    """A limit's unit after ``amount``, in the agreement's words ("1 API request")."""
    return units(amount, symbols.unit_words(lim.stated_unit))


def _name(lim: ir.LimitRule) -> str:
    return lim.clause if lim.tier else f"clause {lim.clause}"


def check(linted):
    by: dict[tuple, dict] = {}
    free: set[tuple] = set()
    for index, stretch in enumerate(linted.program.stretches):
        for at, wide in enumerate(stretch.limits):
            key = linted.key(index, wide)
            # of two limits that each make the other unreachable (they allow the same), the
            # later is the one found: removing both would leave neither
            found = [(strict, bound) for n, strict in enumerate(stretch.limits)
                     if (bound := shadows(linted, index, strict, wide)) is not None
                     and not (n > at and shadows(linted, index, wide, strict) is not None)]
            if found:
                by.setdefault(key, {"wide": wide, "index": index}).setdefault("strict",
                                                                              found[0])
            else:
                free.add(key)
    for key, seen in by.items():
        if key in free or key in linted.never_apply:
            continue
        wide, (strict, bound) = seen["wide"], seen["strict"]
        stretch = linted.program.stretches[seen["index"]]
        symbols = linted.program.symbols[stretch.version_index]
        clause = linted.clause_of.get(key)
        yield linted.finding(
            RULE, f"the limit of {_name(wide)} ({_text(wide, symbols)}) can never be reached: "
            f"{_name(strict)} ({_text(strict, symbols)}) binds every usage it binds and lets "
            f"through at most {_amount(bound)} {_units(bound, wide, symbols)} per "
            f"{_window(wide.window)}",
            (clause.name_span if clause else None) or wide.span,
            tuple(lim.clause for lim in (wide, strict) if lim.tier is None),  # (a tier: none)
            f"remove the limit of {_name(wide)}, or lower it below what {_name(strict)} allows")
