"""The Twitter agreements by hand, and the usages they are measured on.

``floor`` is the 2022 and 2023 texts of the Twitter Developer Agreement and Microsoft's app
schedule, as the condensed Twitter amendment (docs/examples/amendment) models them, written as a
plain Python if/elif with whole-number arithmetic:
the fastest a Python decision on them can be. ``mix`` is the published usages and generated
variants of them; ``batch`` draws every field of a usage independently.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
from fractions import Fraction
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
TWITTER = ROOT / "agreements" / "twitter"
AGREEMENTS = sorted((ROOT / "docs" / "examples" / "amendment").glob("*.agreement"))
# The published usages of the 2022 and 2023 texts that these rules are written for (standards,
# the 2025 text and refusals are not among them).
USAGE_FILES = [TWITTER / "usages" / name
               for name in ("bing-pages-2.yaml", "microsoft-2022.yaml", "microsoft-2023.yaml")]

DAY = dt.timedelta(days=1)
FIRST_TEXT = dt.date(2020, 3, 10)      # the 2022 text takes effect
TEXT_2023 = dt.date(2023, 3, 29)       # the 2023 text replaces it
TIERS_REQUIRED = dt.date(2023, 4, 29)  # clause TIERS: no use without a subscription
CHANGES = (TEXT_2023, TIERS_REQUIRED)
FIRST_DAY, LAST_DAY = dt.date(2022, 1, 1), dt.date(2024, 12, 31)

PERMITTED, UNDETERMINED, DENIED = "permitted", "undetermined", "denied"

# ---- the vocabulary --------------------------------------------------------------------------

APPS = ("xbox_one_social", "bing_pages", "bing_pages_2", "microsoft_azure",
        "microsoft_power_platform", "microsoft_ads", "microsoft_global_ads",
        "azure_logic_apps_for_fairfax")
APPROVED = {"xbox_one_social": "posting_on_behalf_of_users", "bing_pages": "search_results_display"}
ACTIONS = ("use", "read", "write", "store", "display", "share", "register")
DATA = ("content", "posts", "post_ids", "user_ids", "direct_messages", "location_data")
PURPOSES_2022 = ("display", "search_results_display", "posting_on_behalf_of_users", "analysis",
                 "research", "academic_research", "benchmarking", "sensitive_profiling",
                 "advertising", "off_platform_ad_targeting", "surveillance",
                 "sensitive_event_monitoring", "model_training")
PURPOSES_2023 = PURPOSES_2022 + ("substitute_service",)
GOVERNMENT = frozenset({"government", "intelligence_agency", "law_enforcement"})
THIRD_PARTY = GOVERNMENT | {"third_party", "academic_institution", "ad_network", "data_broker"}
RECIPIENT_SETS = ((), ("end_users",), ("third_party",), ("government",), ("law_enforcement",),
                  ("intelligence_agency",), ("academic_institution",), ("ad_network",),
                  ("data_broker",), ("end_users", "government"), ("government", "law_enforcement"),
                  ("academic_institution", "third_party"))
FACTS = ("licensor_notified", "written_approval", "user_consent", "deletion_request",
         "content_deleted", "audit_notice", "audit_cooperation", "breach_suspected",
         "breach_reported")
TIERS_2022 = ("essential", "elevated", "academic")
TIERS_2023 = ("free", "basic", "pro", "enterprise")
UNITS = {"posts": "posts", "tweets": "posts", "post_ids": "post_ids", "tweet_ids": "post_ids",
         "requests": "requests", "calls": "requests", "apps": "apps", "USD": "USD"}
SECONDS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400, "week": 604800}

# The prohibitions by purpose (II.A(i), DP-3.2; III.A(c) in 2023) and those lifted by written
# approval (XII.B, XV.B).
FORBIDDEN_PURPOSES = frozenset({"off_platform_ad_targeting", "benchmarking", "substitute_service"})
SURVEILLANCE = frozenset({"surveillance", "sensitive_event_monitoring", "sensitive_profiling"})
# The allowances of the tiers, in posts per calendar month: (read, write).
READ_2022 = {"essential": 500_000, "elevated": 2_000_000, "academic": 10_000_000}
ALLOWANCES_2023 = {"free": (0, 1_500), "basic": (10_000, 50_000), "pro": (1_000_000, 300_000),
                   "enterprise": (50_000_000, None)}
MONTH = "month"  # a calendar month, as a window
ABSENT = object()


# ---- the floor -------------------------------------------------------------------------------


def floor(usage) -> str:
    """The outcome of a usage (in the form :func:`floor_form` gives) under the Twitter texts."""
    start, end = usage[8], usage[9]
    if start < FIRST_TEXT:
        return DENIED
    if end < TEXT_2023 or start >= TIERS_REQUIRED or (start >= TEXT_2023 and
                                                      end < TIERS_REQUIRED):
        return _part(usage, start, end, (start, end))
    # the period straddles a change: each part on its own, the worst outcome wins; a limit is
    # judged over every day its text binds the usage (the change of clauses on 2023-04-29
    # leaves the 2023 text's limits as they were)
    worst = PERMITTED
    whole = start, end
    for change in CHANGES:
        if start < change <= end:
            outcome = _part(usage, start, change - DAY, _text_span(whole, start))
            if outcome == DENIED:
                return DENIED
            if outcome == UNDETERMINED:
                worst = UNDETERMINED
            start = change
    return _worse(worst, _part(usage, start, end, _text_span(whole, start)))


def _text_span(whole, day) -> tuple[dt.date, dt.date]:
    """The days of the period ``whole`` under the text in force on ``day``."""
    if day < TEXT_2023:
        return whole[0], min(whole[1], TEXT_2023 - DAY)
    return max(whole[0], TEXT_2023), whole[1]


def _part(usage, start, end, span) -> str:
    """Several recipients are judged one by one; the worst wins. ``span``: the days the
    limits are judged over."""
    recipients = usage[4]
    if len(recipients) <= 1:
        return _one(usage, start, end, span)
    worst = PERMITTED
    for recipient in recipients:
        outcome = _one(usage[:4] + ((recipient,),) + usage[5:], start, end, span)
        if outcome == DENIED:
            return DENIED
        worst = _worse(worst, outcome)
    return worst


def _one(usage, start, end, span) -> str:
    app, action, data, purpose, recipients, tier, facts, volumes, first, _ = usage
    new = start >= TEXT_2023
    if action is None:
        action = "share" if recipients else "use"
    if data is None:
        data = "content"
    approved = purpose is not None and APPROVED.get(app) == purpose
    ids = academic = False
    if action == "share" and recipients and data == "post_ids":
        ids = approved and all(r in THIRD_PARTY for r in recipients)            # DP-3.5
        academic = purpose == "academic_research" and all(                      # DP-3.8
            r == "academic_institution" for r in recipients)
    # I.B.1, I.B.2 and XII.C.1-users need an approved purpose; DP-3.8 alone does not
    if not (approved or academic):
        return DENIED
    # prohibitions
    if action == "share" and not (ids or academic):
        for r in recipients:
            if r in THIRD_PARTY and not (approved and r in GOVERNMENT):         # II.A(b2),
                return DENIED                                                   # XII.C.1-users
    if purpose in FORBIDDEN_PURPOSES:
        return DENIED
    if purpose in SURVEILLANCE and "written_approval" not in facts:
        return DENIED
    if "intelligence_agency" in recipients:                                     # XII.C.2
        return DENIED
    if data == "direct_messages" and "user_consent" not in facts and (
            not new or action == "store"):                                      # II.A(f), DP-2.1
        return DENIED
    if start >= TIERS_REQUIRED and tier is None:                                # TIERS
        return DENIED
    # duties whose deadline has passed
    # within 24 hours after a request: judged to the hour, so days stated may not tell
    found = PERMITTED
    asked = facts.get("deletion_request", ABSENT)                               # III.B
    if asked is None:  # a request without its date: due, or done in time, or not?
        deleted = facts.get("content_deleted", ABSENT)  # (undated: done, as it says)
        if deleted is ABSENT or deleted is not None and deleted > FIRST_TEXT:
            found = UNDETERMINED
    elif asked is not ABSENT:
        deleted = facts.get("content_deleted", ABSENT)
        done = end if deleted is ABSENT else deleted
        if done is not None and done >= asked + 2 * DAY:
            return DENIED
        if done is not None and done == asked + DAY:
            found = UNDETERMINED
    # XII.C.1: notice before any use that serves a government entity (the schedule identifies
    # no app's government end users, which would need none)
    if any(r in GOVERNMENT for r in recipients):
        notified = facts.get("licensor_notified", ABSENT)
        if notified is ABSENT or (notified is not None and notified > first):
            return DENIED
    # limits
    if action == "read":
        outcome = _limit(450, 900, "requests", volumes, *span)             # RL-v2
        if tier is not None:
            allowed = ALLOWANCES_2023[tier][0] if new else READ_2022[tier]
            outcome = _worse(outcome, _limit(allowed, MONTH, "posts", volumes, *span))
        return _worse(found, outcome)
    if action == "write":
        if new and tier is not None and ALLOWANCES_2023[tier][1] is not None:
            return _worse(found, _limit(ALLOWANCES_2023[tier][1], MONTH, "posts", volumes,
                                        *span))
        return found
    if action == "share":
        # (both texts hold DP-3.7 and DP-3.6 as they are: each is one limit over the period)
        whole = first, usage[9]
        outcome = _limit(50_000, 86400, "posts", volumes, *whole)          # DP-3.7
        if "written_approval" not in facts and not academic:                    # DP-3.6
            outcome = _worse(outcome, _limit(1_500_000, 2_592_000, "post_ids", volumes,
                                             *whole))
        return _worse(found, outcome)
    return found


def _worse(a: str, b: str) -> str:
    if a == DENIED or b == DENIED:
        return DENIED
    return UNDETERMINED if UNDETERMINED in (a, b) else PERMITTED


def _limit(allowed: int, window, unit: str, volumes, start, end) -> str:
    """A limit of ``allowed`` per ``window`` (seconds, or a calendar month) on the volumes."""
    outcome = PERMITTED
    stated = False
    for v_unit, rate, num, den, a, b in volumes:
        if v_unit != unit:
            continue
        stated = True
        if rate:  # a rate per ``a``: seconds, or a calendar month or year
            if a == window:
                goal = source = 1
            else:
                source = a if type(a) is int else _calendar(a, start, end, min) * 86400
                goal = window if type(window) is int else _calendar(MONTH, start, end, max) * 86400
            if num * goal > allowed * source * den:
                return DENIED
        else:  # a total from ``a`` to ``b``
            if a >= start and b <= end:
                if window == MONTH:
                    windows = (b.year * 12 + b.month) - (a.year * 12 + a.month) + 1
                else:
                    windows = max(1, -(-((b - a).days + 1) * 86400 // window))
                if num > allowed * windows * den:
                    return DENIED
            if num > allowed * den:
                outcome = UNDETERMINED
    # the same days stated twice: the totals may count the same things or not, and some window
    # meets them both, so together they come to at least the larger and at most their sum
    # (the floor knows no other totals side by side: the mix states none)
    same_days: dict = {}
    for v_unit, rate, num, den, a, b in volumes:
        if v_unit == unit and not rate:
            same_days.setdefault((a, b), []).append(Fraction(num, den))
    if any(len(amounts) > 1 and sum(amounts) > allowed for amounts in same_days.values()):
        outcome = _worse(outcome, UNDETERMINED)
    if not stated and allowed == 0:
        return DENIED
    return outcome



def _calendar(window: str, start: dt.date, end: dt.date, pick) -> int:
    """The length in days of the longest or shortest calendar month or year the dates touch."""
    if window == "year":
        return pick(366 if calendar.isleap(y) else 365 for y in range(start.year, end.year + 1))
    lengths = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        lengths.append(calendar.monthrange(year, month)[1])
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return pick(lengths)


def floor_form(fields: dict) -> tuple:
    """A usage mapping as the floor takes it: plain values, windows in seconds."""
    if "date" in fields:
        start = end = _day(fields["date"])
    else:
        start, end = _day(fields["period"]["from"]), _day(fields["period"]["until"])
    facts = fields.get("facts") or {}
    facts = {name: None if day is None else _day(day) for name, day in facts.items()} \
        if isinstance(facts, dict) else dict.fromkeys(facts)
    volumes = []
    for volume in fields.get("volume") or ():
        amount = Fraction(volume["amount"])
        unit = UNITS[volume["unit"]]
        if "per" in volume:
            volumes.append((unit, True, amount.numerator, amount.denominator,
                            _window(volume["per"]), None))
        else:
            volumes.append((unit, False, amount.numerator, amount.denominator,
                            _day(volume.get("from", start)), _day(volume.get("until", end))))
    return (fields.get("app"), fields.get("action"), fields.get("data"), fields.get("purpose"),
            tuple(fields.get("recipients") or ()), fields.get("tier"), facts, tuple(volumes),
            start, end)


def _day(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _window(text: str):
    words = text.split()
    count = int(words[0]) if words[0].isdigit() else 1
    unit = words[-1].rstrip("s")
    return unit if words[0] == "calendar" else count * SECONDS[unit]


def straddled(fields: dict) -> tuple[dt.date, ...]:
    """The changes (of text, or of the clauses in force) that a usage's period straddles."""
    _, _, _, _, _, _, _, _, start, end = floor_form(fields)
    return tuple(change for change in CHANGES if start < change <= end)


# ---- the usages ------------------------------------------------------------------------------


def published() -> list[dict]:
    """The published usages (agreements/twitter/usages/*.yaml), as mappings, in file order,
    without the facts and findings the condensed texts do not read (the request volume and the
    recipients' agreement to the terms, which they leave out)."""
    import contractdsl

    terms = [t for d in contractdsl.load(*AGREEMENTS).documents for t in d.terms]
    defined = {kind: {t.name for t in terms if t.kind == kind} for kind in ("fact", "standard")}
    out = []
    for path in USAGE_FILES:
        data = yaml.safe_load(path.read_text())
        for fields in data if isinstance(data, list) else [data]:
            for key, kind in (("facts", "fact"), ("findings", "standard")):
                stated = fields.get(key)
                if isinstance(stated, dict):
                    stated = {n: v for n, v in stated.items() if n in defined[kind]}
                elif stated:
                    stated = [n for n in stated if n in defined[kind]]
                if stated:
                    fields[key] = stated
                else:
                    fields.pop(key, None)
            out.append(fields)
    return out


def mix(count: int, seed: int = 2023) -> list[dict]:
    """``count`` distinct variants of the published usages: apps from the schedule, purposes,
    recipients, actions, tiers, facts, dates and periods from 2022 to 2024, rates and totals;
    about a third of them over a period that straddles a change, most of them the change of
    text."""
    rng = random.Random(seed)
    seen, out = set(), []
    while len(out) < count:
        fields = _variant(rng)
        key = repr(sorted(fields.items()))
        if key not in seen:
            seen.add(key)
            out.append(fields)
    return out


def _variant(rng: random.Random) -> dict:
    start, end = _when(rng)
    old, new = start < TEXT_2023, end >= TEXT_2023
    app = rng.choices(APPS + (None,), weights=(25, 45, 5, 5, 4, 5, 4, 5, 2))[0]
    if app in APPROVED and rng.random() < 0.8:
        purpose = APPROVED[app]
    else:
        purpose = rng.choice(PURPOSES_2022 if old else PURPOSES_2023) \
            if rng.random() > 0.03 else None
    action = rng.choices((None, "read", "write", "share", "display", "store", "use", "register"),
                         weights=(15, 35, 10, 15, 8, 7, 7, 3))[0]
    data = rng.choices((None, "posts", "post_ids", "direct_messages", "user_ids",
                        "location_data", "content"), weights=(45, 25, 12, 8, 4, 3, 3))[0]
    recipients = rng.choice(RECIPIENT_SETS) if action in (None, "share", "display") or \
        rng.random() < 0.1 else ()
    if old and new:
        tier = None  # no tier is defined by both texts
    else:
        tier = rng.choice((None,) + (TIERS_2022 if old else TIERS_2023 + ("pro", "enterprise")))
    fields = {"app": app, "action": action, "data": data, "purpose": purpose,
              "recipients": list(recipients), "tier": tier}
    fields = {k: v for k, v in fields.items() if v is not None and v != []}
    if start == end:
        fields["date"] = start
    else:
        fields["period"] = {"from": start, "until": end}
    facts = [f for f in FACTS if rng.random() < 0.12]
    if facts and rng.random() < 0.4:  # dated facts: deadlines met or missed
        asked = start + rng.randint(-5, 10) * DAY
        dates = {"deletion_request": asked, "content_deleted": asked + rng.randint(0, 3) * DAY,
                 "licensor_notified": start + rng.randint(-10, 3) * DAY}
        fields["facts"] = {f: dates.get(f) for f in facts}
    elif facts:
        fields["facts"] = facts
    volume = [rng.choice(VOLUMES)(rng, start, end) for _ in range(rng.choice((0, 1, 1, 2)))]
    if tier is not None and rng.random() < 0.4:  # a total near the tier's monthly allowance
        allowed = READ_2022[tier] if old else ALLOWANCES_2023[tier][0]
        months = (end.year * 12 + end.month) - (start.year * 12 + start.month) + 1
        volume.append({"amount": allowed * rng.choice((1, 2, months, months + 1)) +
                       rng.choice((0, 1)), "unit": "posts"})
    if volume:
        fields["volume"] = volume
    return fields


def _when(rng: random.Random) -> tuple[dt.date, dt.date]:
    kind = rng.choices(("date", "period", "cross", "calendar"), weights=(28, 27, 35, 10))[0]
    if kind == "date":
        return (day := _between(rng, FIRST_DAY, LAST_DAY)), day
    if kind == "period":  # within one stretch between changes
        start = _between(rng, FIRST_DAY, LAST_DAY)
        end = min(start + rng.choice((1, 6, 29, 30, 89, 180, 364)) * DAY, LAST_DAY)
        for change in CHANGES:
            if start < change <= end:
                end = change - DAY
        return start, end
    if kind == "cross":
        which = rng.choice(("2023 text", "2023 text", "tiers", "both"))
        if which == "tiers":
            return (_between(rng, TEXT_2023, TIERS_REQUIRED - DAY),
                    _between(rng, TIERS_REQUIRED, dt.date(2024, 6, 30)))
        start = _between(rng, FIRST_DAY, TEXT_2023 - DAY)
        if which == "both":
            return start, _between(rng, TIERS_REQUIRED, LAST_DAY)
        return start, _between(rng, TEXT_2023, TIERS_REQUIRED - DAY)
    return rng.choice(((dt.date(2022, 1, 1), dt.date(2022, 12, 31)),
                       (dt.date(2022, 2, 1), dt.date(2022, 2, 28)),
                       (dt.date(2023, 5, 1), dt.date(2023, 5, 31)),
                       (dt.date(2023, 5, 1), dt.date(2024, 4, 30)),
                       (dt.date(2024, 1, 1), dt.date(2024, 12, 31))))


def _between(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + rng.randint(0, (last - first).days) * DAY


def _requests(rng, start, end):
    return {"amount": rng.choice((300, 450, 451, 1800)), "unit": rng.choice(("requests", "calls")),
            "per": rng.choice(("15 minutes", "minute", "hour"))}


def _post_rate(rng, start, end):
    return {"amount": rng.choice((1_000, 16_000, 50_000, 50_001, 66_000, 300_000)),
            "unit": rng.choice(("posts", "posts", "tweets")),
            "per": rng.choice(("day", "week", "calendar month"))}


def _post_id_rate(rng, start, end):
    return {"amount": rng.choice((50_000, 1_000_000, 1_500_000, 1_500_001)), "unit": "post_ids",
            "per": rng.choice(("30 days", "day"))}


def _post_total(rng, start, end):
    total = {"amount": rng.choice((5_000, 400_000, 2_000_000, 40_000_000, 400_000_000,
                                   26_000_000_000)), "unit": "posts"}
    if end > start and rng.random() < 0.3:  # over a part of the usage's period
        total["from"], total["until"] = start, _between(rng, start, end)
    return total


VOLUMES = (_requests, _post_rate, _post_id_rate, _post_total, _post_total)


# ---- a high-cardinality batch ----------------------------------------------------------------

_FACT_SETS = [()] + [(f,) for f in FACTS] + [(f, g) for i, f in enumerate(FACTS)
                                              for g in FACTS[i + 1:]]
_BATCH_VOLUMES = ([], [{"amount": 450, "unit": "requests", "per": "15 minutes"}],
                  [{"amount": 451, "unit": "requests", "per": "15 minutes"}],
                  [{"amount": 50_000, "unit": "posts", "per": "day"}],
                  [{"amount": 2_000_000, "unit": "posts", "per": "calendar month"}],
                  [{"amount": 1_500_001, "unit": "post_ids", "per": "30 days"}],
                  [{"amount": 400_000, "unit": "posts"}])


def batch(count: int, seed: int = 2024) -> list[dict]:
    """``count`` usages on single days from 2022 to 2024 whose every field (app, action, data,
    purpose, recipients, tier, facts, date, volume) is drawn independently, among the names the
    text in force that day defines."""
    rng = random.Random(seed)
    days = [FIRST_DAY + i * DAY for i in range((LAST_DAY - FIRST_DAY).days + 1)]
    columns = [rng.choices(values, k=count) for values in (
        APPS, (None,) + ACTIONS, (None,) + DATA, RECIPIENT_SETS, _FACT_SETS, _BATCH_VOLUMES,
        days)]
    picks = [rng.random() for _ in range(2 * count)]
    out = []
    for i, (app, action, data, recipients, facts, volume, day) in enumerate(zip(*columns)):
        purposes, tiers = (PURPOSES_2023, TIERS_2023) if day >= TEXT_2023 else \
            (PURPOSES_2022, TIERS_2022)
        tier = int(picks[2 * i + 1] * (len(tiers) + 1))
        fields = {"app": app, "purpose": purposes[int(picks[2 * i] * len(purposes))],
                  "date": day, "recipients": recipients, "facts": facts, "volume": volume}
        if action is not None:
            fields["action"] = action
        if data is not None:
            fields["data"] = data
        if tier < len(tiers):
            fields["tier"] = tiers[tier]
        out.append(fields)
    return out


def terms(fields: dict) -> tuple:
    """What a usage names, all but its dates and amounts: its combination of terms."""
    facts = fields.get("facts") or ()
    return (fields.get("app"), fields.get("action"), fields.get("data"), fields.get("purpose"),
            tuple(fields.get("recipients") or ()), fields.get("tier"), frozenset(facts),
            tuple(v["unit"] for v in fields.get("volume") or ()))
