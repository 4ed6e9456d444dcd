"""Each rule of docs/semantics.md, on a small agreement written in the test."""

import pickle
from fractions import Fraction

import attrs
import pytest

import contractdsl
from contractdsl.errors import UsageError
from contractdsl.format import format_text
from contractdsl.evaluation.arithmetic import count_windows, rate_ratio
from contractdsl.model import Window

BASE = """
agreement "Data Licence" version "1".
licensor "Provider". licensee "Developer".
effective 2024-01-01.
action use "use the data".
action read "read the data" under use.
action share "share the data" under use.
data content "the data".
data records "records" under content.
purpose analysis "analysis".
purpose research "research" under analysis.
purpose marketing "marketing".
recipient third_party "a third party".
recipient government "a government body" under third_party.
recipient agency "an intelligence agency" under government.
fact notified "the provider was notified".
fact request "a deletion request".
fact deleted "the data was deleted".
duty notify "notify the provider" shown by notified.
duty delete "delete the data" shown by deleted.
unit records "records" alias rows.
unit requests "requests".
unit USD "US dollars" measures money.
app tool "Tool" approved for analysis labelled production.
app other "Other".
"""


def agreement(clauses: str, extra: str = ""):
    return contractdsl.parse(BASE + extra + clauses, "test.agreement")


def decide(agreement_, **usage):
    usage.setdefault("app", "tool")
    if "period" not in usage:
        usage.setdefault("date", "2024-06-01")
    return contractdsl.permits(agreement_, usage)


LICENCE = 'clause 1 "Licence": licensee may use content for an approved purpose.\n'


# Rule 1: the usage is checked first.
@pytest.mark.parametrize("field, value, message, hint", [
    ("purpose", "reserch", "unknown purpose `reserch`", "did you mean `research`?"),
    ("app", "tol", "unknown app `tol`", "did you mean `tool`?"),
    ("recipients", ["goverment"], "unknown recipient `goverment`", "did you mean `government`?"),
    ("action", "raed", "unknown action `raed`", "did you mean `read`?"),
    ("data", "record", "unknown data `record`", "did you mean `records`?"),
    ("tier", "gold", "unknown tier `gold`", None),
    ("facts", ["notifed"], "unknown fact `notifed`", "did you mean `notified`?"),
])
def test_unknown_names_in_a_usage_are_errors_with_a_suggestion(field, value, message, hint):
    with pytest.raises(UsageError) as err:
        decide(agreement(LICENCE), **{"purpose": "research", field: value})
    first = err.value.diagnostics[0]
    assert first.message == message
    if hint:
        assert first.help == hint


def test_unknown_unit_is_an_error():
    with pytest.raises(UsageError, match="unknown unit `rwos`"):
        decide(agreement(LICENCE), purpose="research",
               volume=[{"amount": 1, "unit": "rwos", "per": "day"}])


@pytest.mark.parametrize("field, value, message", [
    ("recipients", ["goverment"], "unknown recipient `goverment`"),
    ("facts", ["notifed"], "unknown fact `notifed`"),
    ("tier", "gold", "unknown tier `gold`"),
    ("volume", [{"amount": 1, "unit": "rwos", "per": "day"}], "unknown unit `rwos`"),
])
def test_a_usage_its_action_and_purpose_deny_still_has_every_name_checked(field, value,
                                                                           message):
    """What an app does, with which data and for which purpose, may deny a usage whatever
    else it states (no permission covers it); an unknown name among the rest is still an
    error, whether or not a usage doing the same was decided before."""
    a = agreement(LICENCE)
    # marketing is not approved for the app, and no other permission covers it
    unlicensed = {"app": "tool", "purpose": "marketing", "date": "2024-06-01"}
    with pytest.raises(UsageError) as before:
        decide(a, **unlicensed, **{field: value})
    assert decide(a, **unlicensed).outcome == "denied"
    with pytest.raises(UsageError) as after:
        decide(a, **unlicensed, **{field: value})
    assert before.value.diagnostics[0].message == after.value.diagnostics[0].message == message
    assert [d.outcome for d in contractdsl.permits_many(a, [unlicensed] * 3)] == ["denied"] * 3



def test_usages_of_several_apps_are_decided_by_whether_each_app_is_approved_for_the_purpose():
    """Usages that do the same with the same data for the same purpose, by several apps, are
    decided alike where the purpose is approved for each app alike and apart where it is
    approved for some only, in whatever order a batch meets them."""
    a = agreement(LICENCE, 'app lab "Lab" approved for research.\n')
    apps = ["other", "tool", "lab", "other", "lab", "tool"]
    usages = [{"app": app, "purpose": "research", "date": "2024-06-01"} for app in apps]
    assert [d.outcome for d in contractdsl.permits_many(a, usages)] == \
        ["denied", "permitted", "permitted", "denied", "permitted", "permitted"]
    assert [d.outcome for d in contractdsl.permits_many(a, usages[::-1])] == \
        ["permitted", "permitted", "denied", "permitted", "permitted", "denied"]


BARRED = ('clause 1 "Sharing": licensee may share content with government for an approved '
           'purpose.\n'
           'clause 2: licensee must not share content with agency.\n'
           'clause 3: licensee must not share content with government unless notified.\n'
           'clause 4: licensee must not share content with third_party except as permitted by '
           '1.\n')


@pytest.mark.parametrize("recipients, facts, outcome", [
    (["agency"], ["notified"], "denied"),  # clause 2 bars it whatever is stated
    (["third_party"], ["notified"], "denied"),  # no permission covers the recipient
    (["government", "agency"], ["notified"], "denied"),
    (["agency", "government"], [], "denied"),
    (["government"], [], "denied"),  # clause 3 bars it, as nothing says the provider knew
    (["government"], ["notified"], "permitted"),  # clause 4 lifted by 1, clause 3 not met
    ([], ["notified"], "denied"),  # clause 1 covers only a government
])
def test_a_recipient_its_facets_deny_denies_the_usage_whatever_else_it_states(
        recipients, facts, outcome):
    """A recipient that no permission covering the usage's action, data and purpose covers,
    or that a prohibition with no condition bars, denies the usage whatever else it states; a
    prohibition with a condition, or one a permission may lift, is judged on what is stated.
    Each usage is decided after the others with the same action and purpose, as a batch does,
    and alone, with the same outcome, and its reasons say the same."""
    a = agreement(BARRED)
    usage = {"app": "tool", "action": "share", "purpose": "research", "date": "2024-06-01",
             "recipients": recipients, "facts": facts}
    others = [{**usage, "recipients": r, "facts": f} for r in (["agency"], ["government"], [])
              for f in ([], ["notified"])]
    batch = contractdsl.permits_many(a, [*others, usage, usage])
    assert [d.outcome for d in batch[-2:]] == [outcome, outcome]
    assert decide(agreement(BARRED), **usage).outcome == outcome
    assert batch[-1].reasons  # explained again, from the start: the two passes agree


def test_a_usage_without_an_action_is_judged_by_the_action_its_recipients_imply():
    """A usage that names no action shares when it has recipients and uses when it has none,
    whichever was decided before it: no permission covers the use, one covers the sharing."""
    a = agreement(BARRED)
    using = {"app": "tool", "purpose": "research", "date": "2024-06-01", "facts": ["notified"]}
    sharing = {**using, "recipients": ["government"]}
    assert [d.outcome for d in contractdsl.permits_many(a, [using, sharing, using, sharing])] \
        == ["denied", "permitted"] * 2
    assert [d.outcome for d in contractdsl.permits_many(agreement(BARRED), [sharing, using])] \
        == ["permitted", "denied"]


def test_many_decisions_are_made_as_they_are_read():
    """`permits_many` finds every outcome at once and makes each decision when it is read:
    the same object when read again, in the usages' order, equal to `permits` deciding each
    alone; sliced, compared and pickled as a list of them is, and never changed."""
    base = {"app": "tool", "action": "share", "purpose": "research", "date": "2024-06-01"}
    usages = [{**base, "recipients": ["government"], "facts": ["notified"]},
              {**base, "recipients": ["agency"]}, {**base, "recipients": ["government"]}]
    batch = contractdsl.permits_many(agreement(BARRED), usages)
    alone = [contractdsl.permits(agreement(BARRED), usage) for usage in usages]
    assert batch.outcomes == ("permitted", "denied", "denied")
    assert len(batch) == 3 and batch[0] is batch[0] and batch[-1] is batch[2]
    assert batch[2].usage.recipients == ("government",) and batch[2].usage.facts == ()
    assert list(batch) == alone and batch == alone and batch == tuple(alone)
    assert batch != alone[:2] and batch != alone[::-1] and batch != "denied"
    tail = batch[1:]
    assert tail.outcomes == ("denied", "denied") and tail[0] is batch[1] and tail == alone[1:]
    assert batch[:0].outcomes == () and list(batch[:0]) == []
    assert pickle.loads(pickle.dumps(batch)) == alone
    assert repr(batch) == "<Decisions of 3 usages: 1 permitted, 2 denied>"
    with pytest.raises(IndexError):
        batch[3]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        batch.outcomes = ()
    assert contractdsl.permits_many(agreement(BARRED), []).outcomes == ()


NO_DATA = """agreement "No data" version "1".
licensee "Dev".
effective 2024-01-01.
action use "use".
action share "share" under use.
recipient government "a government".
clause A: licensee may use.
clause B: licensee must not share with government.
"""


def test_an_agreement_that_names_no_kind_of_data_decides_a_usage_that_names_none():
    """Where the agreement declares no kind of data there is no data to ask a usage about: it
    is decided, and its reasons name no data."""
    a = contractdsl.parse(NO_DATA)
    usages = [{"action": "use", "date": "2024-06-01"},
              {"action": "share", "recipients": ["government"], "date": "2024-06-01"}]
    assert [d.outcome for d in contractdsl.permits_many(a, usages)] == ["permitted", "denied"]
    alone = [contractdsl.permits(contractdsl.parse(NO_DATA), usage) for usage in usages]
    assert [d.outcome for d in alone] == ["permitted", "denied"]
    assert [[r.text for r in d.reasons if r.clause == "A"] for d in alone] == \
        [["permits `use`"], ["permits `share` with `government`"]]
    for decision in alone:
        for locale in ("en", "nl", "fr"):
            assert "None" not in decision.explain(locale=locale)
    with pytest.raises(UsageError, match="unknown data `posts`"):
        contractdsl.permits(a, {**usages[0], "data": "posts"})


@pytest.mark.parametrize("field, value, message", [
    ("recipients", ["agency", "goverment"], "unknown recipient `goverment`"),
    ("facts", ["notifed"], "unknown fact `notifed`"),
    ("tier", "gold", "unknown tier `gold`"),
])
def test_a_usage_a_recipient_denies_still_has_every_name_checked(field, value, message):
    """A usage that a recipient denies whatever else it states still has its other names
    checked, before and after a usage like it was decided."""
    a = agreement(BARRED)
    barred = {"app": "tool", "action": "share", "purpose": "research", "date": "2024-06-01",
              "recipients": ["agency"]}
    with pytest.raises(UsageError) as before:
        contractdsl.permits_many(a, [{**barred, field: value}])
    assert [d.outcome for d in contractdsl.permits_many(a, [barred] * 2)] == ["denied"] * 2
    with pytest.raises(UsageError) as after:
        contractdsl.permits_many(a, [{**barred, field: value}])
    assert before.value.diagnostics[0].message == after.value.diagnostics[0].message == message

# Rule 2: clauses in force on the date; a period straddling a change is judged on each part.
def test_clause_effective_window():
    a = agreement(LICENCE + 'clause 2 from 2024-07-01: licensee must not use content '
                  'for research.\n')
    assert decide(a, purpose="research", date="2024-06-30").outcome == "permitted"
    assert decide(a, purpose="research", date="2024-07-01").outcome == "denied"
    straddling = decide(a, purpose="research",
                        period={"from": "2024-06-01", "until": "2024-07-31"})
    assert straddling.outcome == "denied"
    assert {str(r.part) for r in straddling.reasons if r.effect == "prohibits"} == {
        "from 2024-07-01 to 2024-07-31"}


def test_a_period_whose_last_day_a_clause_begins_is_bound_by_it_on_that_day():
    a = agreement(LICENCE + 'clause 2 from 2024-06-30: licensee must not use content '
                  'for research.\n')
    last_day = decide(a, purpose="research",
                      period={"from": "2024-06-01", "until": "2024-06-30"})
    assert last_day.outcome == "denied"
    assert [(r.clause, str(r.part)) for r in last_day.reasons if r.effect == "prohibits"] == [
        ("2", "on 2024-06-30")]
    assert decide(a, purpose="research", period={"from": "2024-06-01", "until": "2024-06-29"}
                  ).outcome == "permitted"


def test_a_period_over_more_stretches_is_not_judged_by_the_parts_of_a_shorter_one():
    clauses = LICENCE + ("clause 2 from 2024-03-01: licensee must not use content for "
                         "marketing.\nclause 3 from 2024-06-01: licensee must not use content.\n")
    shorter = {"app": "tool", "purpose": "research",
               "period": {"from": "2024-02-01", "until": "2024-04-01"}}
    longer = {**shorter, "period": {"from": "2024-02-01", "until": "2024-07-01"}}
    # the same terms from the same first stretch, over two stretches and over three, in both
    # orders: what was kept for the first is never read for the second
    for usages, outcomes in (([shorter, longer], ["permitted", "denied"]),
                             ([longer, shorter], ["denied", "permitted"])):
        decided = contractdsl.permits_many(agreement(clauses), usages)
        assert [d.outcome for d in decided] == outcomes


def test_until_is_inclusive():
    a = agreement('clause 1 until 2024-06-30: licensee may use content.\n')
    assert decide(a, date="2024-06-30").outcome == "permitted"
    assert decide(a, date="2024-07-01").outcome == "denied"


def test_no_version_in_force():
    decision = decide(agreement(LICENCE), purpose="research", date="2023-12-31")
    assert decision.outcome == "denied"
    assert "no version of the agreement is in force" in decision.reasons[0].text


def test_surviving_clause_outlives_termination():
    a = agreement(LICENCE + 'clause 2 survives 1 year: licensee must delete within 1 day '
                  'after request.\n', extra="terminates 2024-12-31.\n")
    after = decide(a, purpose="research", date="2025-06-01",
                   facts={"request": "2025-05-01"})
    assert after.outcome == "denied"  # nothing permits use after termination
    assert after.reasons[0].effect == "not-in-force"
    assert [r.clause for r in after.reasons if r.effect == "breached"] == ["2"]
    # Past the year of survival, the deletion duty is gone too.
    later = decide(a, purpose="research", date="2026-06-01", facts={"request": "2026-05-01"})
    assert [r.clause for r in later.reasons if r.effect == "breached"] == []


# Rule 3: default deny.
def test_default_deny():
    decision = decide(agreement(""), purpose="research")
    assert decision.outcome == "denied"
    assert decision.reasons[0].effect == "no-permission"
    assert not decision


# Rule 4: prohibitions override permissions unless declared an exception.
def test_prohibition_overrides_permission():
    a = agreement(LICENCE + 'clause 2: licensee must not share content with government.\n'
                  'clause 3: licensee may share content with government.\n')
    assert decide(a, purpose="research", recipients=["agency"]).outcome == "denied"


def test_exception_by_except_as_permitted_by_and_notwithstanding():
    excepted = agreement('clause 2: licensee must not share content with government '
                         'except as permitted by 3.\n'
                         'clause 3: licensee may share content with government.\n')
    assert decide(excepted, recipients=["agency"]).outcome == "permitted"
    notwithstanding = agreement('clause 2: licensee must not share content with government.\n'
                                'clause 3: licensee may share content with government '
                                'notwithstanding 2.\n')
    assert decide(notwithstanding, recipients=["agency"]).outcome == "permitted"


def test_every_applying_exception_is_cited_whatever_the_order_of_the_clauses():
    rules = ["clause BAN: licensee must not use.\n",
             "clause P2: licensee may use notwithstanding BAN.\n",
             "clause P1: licensee may use notwithstanding BAN.\n",
             "clause P3: licensee may use for marketing notwithstanding BAN.\n"]
    texts = set()
    for order in (rules, rules[::-1]):
        decision = decide(agreement("".join(order)), purpose="research")
        assert decision.outcome == "permitted"
        texts.add(next(r.text for r in decision.reasons if r.clause == "BAN"))
    assert texts == {"prohibits: use the data, but clauses P1 and P2 are exceptions to it"}


def test_hierarchy_covers_descendants_never_ancestors():
    a = agreement('clause 1: licensee may use content for analysis.\n'
                  'clause 2: licensee must not share content with government.\n')
    assert decide(a, purpose="research").outcome == "permitted"  # research is analysis
    assert decide(a, purpose="research", recipients=["agency"]).outcome == "denied"
    assert decide(a, purpose="research", recipients=["third_party"]).outcome == "permitted"
    narrow = agreement('clause 1: licensee may use content for research.\n')
    assert decide(narrow, purpose="analysis").outcome == "denied"


def test_app_approval():
    a = agreement(LICENCE)
    assert decide(a, purpose="research").outcome == "permitted"  # under approved analysis
    denied = decide(a, app="other", purpose="research")
    assert denied.outcome == "denied"
    assert "is not a use case approved for app `other` (approved: none)" in denied.reasons[0].text


def test_conditions():
    a = agreement(LICENCE + 'clause 2: licensee must not use content when (purpose is research '
                  'and not notified) or app is labelled staging.\n')
    assert decide(a, purpose="research").outcome == "denied"
    assert decide(a, purpose="research", facts=["notified"]).outcome == "permitted"
    assert decide(a, purpose="analysis").outcome == "permitted"


def test_an_app_serves_the_recipients_under_those_it_is_registered_serving():
    a = agreement(LICENCE + 'clause 2 "Surveillance": licensee must not use content '
                  'when app serves government.\n', extra="""\
app spy "Intelligence tool" approved for analysis serving agency.
app portal "Government portal" approved for analysis serving government.
app civic "Civic tool" approved for analysis serving third_party.
""")
    for app in ("spy", "portal"):
        denied = decide(a, app=app, purpose="research")
        assert denied.outcome == "denied"
        assert [(r.clause, r.effect) for r in denied.reasons][-1] == ("2", "prohibits")
    # an app serving third parties at large is not said to serve a government
    assert decide(a, app="civic", purpose="research").outcome == "permitted"
    assert decide(a, purpose="research").outcome == "permitted"


# Rule 5: limits.
LIMIT = LICENCE + 'clause 2: licensee must not read more than 1,000 records per day per app.\n'


def read(a, **usage):
    return decide(a, purpose="research", action="read", **usage)


def test_rate_converted_exactly_and_exactly_at_the_limit_is_permitted():
    a = agreement(LIMIT)
    assert read(a, volume=[{"amount": 1000, "unit": "records", "per": "day"}]).outcome == \
        "permitted"
    assert read(a, volume=[{"amount": 1001, "unit": "records", "per": "day"}]).outcome == \
        "denied"
    # 125 per 3 hours is exactly 1,000 a day; one more per 3 hours is over.
    assert read(a, volume=[{"amount": 125, "unit": "rows", "per": "3 hours"}]).outcome == \
        "permitted"
    assert read(a, volume=[{"amount": 126, "unit": "rows", "per": "3 hours"}]).outcome == \
        "denied"


def test_totals_over_a_period():
    a = agreement(LIMIT)
    period = {"from": "2024-06-01", "until": "2024-06-10"}  # 10 days
    assert read(a, period=period,
                volume=[{"amount": 10_001, "unit": "records"}]).outcome == "denied"
    undetermined = read(a, period=period, volume=[{"amount": 10_000, "unit": "records"}])
    assert undetermined.outcome == "undetermined"
    assert undetermined.missing and "largest number of records in any day" in \
        undetermined.missing[0]
    assert read(a, period=period,
                volume=[{"amount": 1_000, "unit": "records"}]).outcome == "permitted"


UNTIL = "clause 2 until 2024-06-04: licensee must not read more than 1,000 records per day " \
    "per app.\n"


@pytest.mark.parametrize("cut", [
    'action audit "audit the records".\nclause 9 from 2024-06-05: licensor may audit.\n',
    "clause 9 from 2024-06-05: licensee must not share content for marketing.\n"])
def test_a_total_is_judged_over_every_day_its_limit_binds(cut):
    """A clause that comes into force inside the period and does not bind this usage cuts the
    period in two; the limit binds on both sides, so the total is judged over all ten days."""
    a = agreement(LIMIT + cut)
    assert contractdsl.check(a) == []
    period = {"from": "2024-06-01", "until": "2024-06-10"}
    denied = read(a, period=period, volume=[{"amount": 10_001, "unit": "records"}])
    assert denied.outcome == "denied"
    assert [(r.clause, r.part.start.isoformat(), r.part.end.isoformat())
            for r in denied.reasons if r.clause == "2"] == [("2", "2024-06-01", "2024-06-10")]
    assert "over 10 days" in str(denied.reasons[-1].text)
    assert read(a, period=period,
                volume=[{"amount": 10_000, "unit": "records"}]).outcome == "undetermined"
    # a total with days that no limit binds (from 06-05) is never over the limits
    assert read(agreement(LICENCE + UNTIL), period=period,
                volume=[{"amount": 10_001, "unit": "records"}]).outcome == "undetermined"


def test_a_limit_without_volume_is_a_duty_but_zero_denies():
    a = agreement(LIMIT)
    decision = read(a)
    assert decision.outcome == "permitted"
    assert [d.text for d in decision.obligations] == [
        "no more than 1,000 records per day per app"]
    zero = agreement(LICENCE + 'clause 2: licensee must not read more than 0 records per day.\n')
    assert read(zero).outcome == "denied"


def test_calendar_windows_are_judged_on_the_longest_month():
    a = agreement(LICENCE + 'clause 2: licensee must not read more than 3,000 records per '
                  'calendar month.\n')
    # 100 a day is 3,100 in a 31-day month: sustained means sustained.
    assert read(a, volume=[{"amount": 100, "unit": "records", "per": "day"}],
                date="2024-06-15").outcome == "permitted"  # June has 30 days
    assert read(a, volume=[{"amount": 100, "unit": "records", "per": "day"}],
                period={"from": "2024-06-01", "until": "2024-07-31"}).outcome == "denied"


def test_a_rate_per_calendar_month_is_taken_in_its_shortest_month():
    a = agreement(LICENCE + 'clause 2: licensee must not read more than 1,000 records per '
                  'day.\n')
    monthly = [{"amount": 30_000, "unit": "records", "per": "calendar month"}]
    # 30,000 in January's 31 days is 968 a day, in February's 29 days 1,035 a day
    assert read(a, volume=monthly, period={"from": "2024-01-01", "until": "2024-01-31"}
                ).outcome == "permitted"
    assert read(a, volume=monthly, period={"from": "2024-01-01", "until": "2024-02-29"}
                ).outcome == "denied"


def test_a_total_over_two_calendar_years_may_fall_in_either():
    a = agreement(LICENCE + 'clause 2: licensee must not read more than 1,000 records per '
                  'calendar year.\n')
    # 1,500 from June 2024 to May 2025 may be 750 in each year, or 1,500 in one of them
    split = read(a, volume=[{"amount": 1_500, "unit": "records"}],
                 period={"from": "2024-06-01", "until": "2025-05-31"})
    assert split.outcome == "undetermined"
    assert read(a, volume=[{"amount": 2_001, "unit": "records"}],
                period={"from": "2024-06-01", "until": "2025-05-31"}).outcome == "denied"
    assert read(a, volume=[{"amount": 1_500, "unit": "records"}],
                period={"from": "2024-01-01", "until": "2024-05-31"}).outcome == "denied"


def convert_rate(amount, per, target, start, end):
    """A sustained rate ``amount`` per ``per``, per ``target``, as the limits convert it."""
    goal, source = rate_ratio(per, target, start, end)
    return Fraction(amount) * goal / source


def test_exact_conversions():
    day, month = Window(count=1, unit="day"), Window(count=1, unit="month", calendar=True)
    quarter = Window(count=15, unit="minute")
    import datetime as dt
    jan = dt.date(2024, 1, 1)
    assert convert_rate(Fraction(450), quarter, day, jan, jan) == 43_200
    assert convert_rate(Fraction(31), month, day, jan, jan) == 1
    assert convert_rate(Fraction(1), day, month, dt.date(2024, 2, 1), dt.date(2024, 2, 1)) == 29
    assert count_windows(month, dt.date(2022, 1, 1), dt.date(2022, 12, 31)) == 12
    assert count_windows(Window(count=30, unit="day"), dt.date(2024, 1, 1),
                         dt.date(2024, 1, 31)) == 2


# Rule 6: obligations.
def test_obligation_attached_to_a_permission():
    a = agreement('clause 1: licensee may share content with government '
                  'provided licensee must notify before share.\n')
    assert decide(a, recipients=["government"]).outcome == "denied"
    ok = decide(a, recipients=["government"], facts=["notified"])
    assert ok.outcome == "permitted"
    assert [(d.clause, d.status) for d in ok.obligations] == [("1", "met")]


def test_a_proviso_conditions_only_the_permission_that_carries_it():
    # (docs/semantics.md, rule 6) clause A licenses sharing with any third party without a
    # proviso; clause B licenses sharing with government provided the licensor is notified
    text = """\
agreement "T" version "1".
effective 2024-01-01.
action use "use".
action share "share" under use.
data content "content".
purpose research "research".
recipient third_party "any third party".
recipient government "a government" under third_party.
fact notified "the licensor was notified".
fact logged "the sharing was logged".
duty notify "notify the licensor" shown by notified.
duty log "log the sharing" shown by logged.
app tool "Tool" approved for research.
clause B: licensee may share content with government for research provided licensee must notify before share.
"""
    usage = {"app": "tool", "action": "share", "purpose": "research",
             "recipients": ["government"], "date": "2024-03-01"}
    assert contractdsl.permits(contractdsl.parse(text), usage).outcome == "denied"
    free = contractdsl.parse(
        text + "clause A: licensee may share content with third_party for research.\n")
    decision = contractdsl.permits(free, usage)
    assert decision.outcome == "permitted" and decision.obligations == ()
    assert ("clause B: its provisos are not owed: clause A permits the usage with `government` "
            "without them") in decision.explain()
    # two permissions, each with its proviso: the usage is licensed when one's is kept
    both = contractdsl.parse(text + "clause A: licensee may share content with third_party for "
                             "research provided licensee must log before share.\n")
    assert contractdsl.permits(both, usage).outcome == "denied"
    for kept in ("notified", "logged"):
        assert contractdsl.permits(both, {**usage, "facts": [kept]}).outcome == "permitted"
    # each recipient must be licensed: a recipient only B covers needs B's proviso kept
    assert contractdsl.permits(free, {**usage, "recipients": ["government", "third_party"]}
                               ).outcome == "permitted"


def test_a_breached_proviso_of_a_permission_not_relied_on_is_not_a_breach():
    # (docs/semantics.md, rule 6) B and A each license sharing with government on a proviso;
    # the usage keeps A's and not B's: it relies on A, and is subject to A's proviso alone
    text = """\
agreement "T" version "1".
effective 2024-01-01.
action use "use".
action share "share" under use.
data content "content".
purpose research "research".
recipient third_party "any third party".
recipient government "a government" under third_party.
fact notified "the licensor was notified".
fact logged "the sharing was logged".
duty notify "notify the licensor" shown by notified.
duty log "log the sharing" shown by logged.
app tool "Tool" approved for research.
clause B: licensee may share content with government for research provided licensee must notify before share.
clause A: licensee may share content with third_party for research provided licensee must log before share.
"""
    usage = {"app": "tool", "action": "share", "purpose": "research",
             "recipients": ["government"], "date": "2024-03-01", "facts": ["logged"]}
    decision = contractdsl.permits(contractdsl.parse(text), usage)
    assert decision.outcome == "permitted"
    assert [(r.clause, r.effect) for r in decision.reasons] == [
        ("B", "permits"), ("A", "permits"), ("B", "permits"), ("A", "met")]
    assert decision.reasons[2].text == ("its provisos are not relied on: the usage may rely on "
                                        "clause A instead")
    assert [(d.clause, d.status) for d in decision.obligations] == [("A", "met")]
    # a recipient only B covers relies on B: its proviso is breached, and denies the usage
    both = contractdsl.permits(contractdsl.parse(text.replace(
        "recipient government", "recipient press \"the press\".\n"
        "recipient government").replace("with government for", "with government or press for")),
        {**usage, "recipients": ["government", "press"]})
    assert both.outcome == "denied"
    assert ("B", "breached") in [(r.clause, r.effect) for r in both.reasons]
    # both breached: each is a breach
    neither = contractdsl.permits(contractdsl.parse(text), {**usage, "facts": []})
    assert neither.outcome == "denied"
    assert [r.clause for r in neither.reasons if r.effect == "breached"] == ["B", "A"]


def test_a_prohibition_lifted_by_several_exceptions_owes_the_provisos_of_none_needed():
    # (docs/semantics.md, rules 4 and 6) a prohibition is lifted by any of its exceptions: the
    # usage relies on one, so the provisos of another are owed only where each has one
    text = """\
agreement "T" version "1".
effective 2024-01-01.
action use "use".
action share "share" under use.
data content "content".
purpose research "research".
recipient third_party "any third party".
recipient government "a government" under third_party.
recipient agency "an agency" under government.
fact notified "the licensor was notified".
fact logged "the sharing was logged".
duty notify "notify the licensor" shown by notified.
duty log "log the sharing" shown by logged.
app tool "Tool" approved for research.
clause 2: licensee must not share content with third_party except as permitted by 3.
clause 3: licensee may share content with government for research provided licensee must notify before share.
clause 6: licensee may share content with agency notwithstanding 2.
"""
    terms = contractdsl.parse(text)
    usage = {"app": "tool", "action": "share", "purpose": "research",
             "recipients": ["agency"], "date": "2024-03-01"}
    free = contractdsl.permits(terms, usage)
    assert free.outcome == "permitted"
    assert [(r.clause, r.effect) for r in free.reasons] == [
        ("3", "permits"), ("6", "permits"), ("2", "excepted"), ("3", "permits")]
    assert free.reasons[3].text == ("its provisos are not owed: clause 6 permits the usage with "
                                    "`agency` without them")
    assert free.obligations == ()
    # a recipient that only clause 3 lifts the prohibition for owes its proviso
    both = contractdsl.permits(terms, {**usage, "recipients": ["agency", "government"]})
    assert both.outcome == "denied"
    assert [(d.clause, d.status) for d in both.obligations] == [("3", "breached")]
    # each exception with a proviso: the usage may rely on either, so one kept is enough
    logged = contractdsl.parse(text.replace(
        "with agency notwithstanding 2.",
        "with agency notwithstanding 2 provided licensee must log before share."))
    kept = contractdsl.permits(logged, {**usage, "facts": ["logged"]})
    assert kept.outcome == "permitted"
    assert [(d.clause, d.status) for d in kept.obligations] == [("6", "met")]
    assert "clause 3: its provisos are not relied on: the usage may rely on clause 6 instead" \
        in kept.explain()
    neither = contractdsl.permits(logged, usage)
    assert neither.outcome == "denied"
    assert [r.clause for r in neither.reasons if r.effect == "breached"] == ["3", "6"]


# a limit that a permission lifts on its proviso (read by tests/test_audit.py too)
LIFTED_ON_A_PROVISO = """\
agreement "T" version "1".
effective 2024-01-01.
action use "use".
action read "read" under use.
data content "content".
purpose research "research".
unit posts "posts".
fact notified "the licensor was notified".
duty notify "notify the licensor" shown by notified.
app tool "Tool" approved for research.
clause 1: licensee may use content for research.
clause 2: licensee may read content for research provided licensee must notify before read.
clause L: licensee must not read more than 100 posts per day except as permitted by 2.
"""


def test_a_limit_lifted_by_a_permission_with_a_proviso_binds_unless_the_proviso_is_kept():
    # (docs/semantics.md, rules 5 and 6) the usage relies on clause 2 to read more than L
    # allows: 2's proviso is owed then, and without it L binds; within L it is not needed
    terms = contractdsl.parse(LIFTED_ON_A_PROVISO)
    usage = {"app": "tool", "action": "read", "purpose": "research", "date": "2024-05-01",
             "volume": [{"amount": 150, "unit": "posts"}]}
    unkept = contractdsl.permits(terms, usage)
    assert unkept.outcome == "denied"
    assert [(r.clause, r.effect) for r in unkept.reasons] == [
        ("1", "permits"), ("2", "permits"), ("L", "exceeds"), ("2", "breached")]
    assert [(d.clause, d.status) for d in unkept.obligations] == [("2", "breached")]
    kept = contractdsl.permits(terms, {**usage, "facts": ["notified"]})
    assert kept.outcome == "permitted"
    assert "clause L: limit no more than 100 posts per day does not apply: clause 2 is an " \
        "exception to it" in kept.explain()
    assert [(d.clause, d.status) for d in kept.obligations] == [("2", "met")]
    within = contractdsl.permits(terms, {**usage, "volume": [{"amount": 50, "unit": "posts"}]})
    assert within.outcome == "permitted"
    assert [(d.clause, d.status) for d in within.obligations] == [("L", "pending")]


def test_the_permissions_a_usage_may_rely_on_instead_are_named_whatever_their_order():
    """Several permissions license the usage without B's proviso, or with their own kept:
    each is named, in the order of their ids, so that the reasons do not turn on the order
    the agreement writes its clauses in (only the first written was named)."""
    head = """\
agreement "T" version "1".
effective 2024-01-01.
action use "use".
action share "share" under use.
data content "content".
purpose research "research".
recipient government "a government".
fact notified "the licensor was notified".
fact logged "the sharing was logged".
duty notify "notify the licensor" shown by notified.
duty log "log the sharing" shown by logged.
app tool "Tool" approved for research.
"""
    clauses = [
        "clause B: licensee may share content with government for research provided licensee "
        "must notify before share.\n",
        "clause A-10: licensee may share content with government for research.\n",
        "clause A-9: licensee may share content with government for research.\n"]
    usage = {"app": "tool", "action": "share", "purpose": "research",
             "recipients": ["government"], "date": "2024-03-01"}
    said = set()
    for order in (clauses, clauses[::-1], [clauses[1], clauses[0], clauses[2]]):
        decision = contractdsl.permits(contractdsl.parse(head + "".join(order)), usage)
        assert decision.outcome == "permitted"
        said.add(next(r.text for r in decision.reasons
                      if r.clause == "B" and "provisos" in r.text))
    assert said == {"its provisos are not owed: clause A-9 or A-10 permits the usage with "
                    "`government` without them"}
    # each with a proviso, the usage keeping A-9's and A-10's: B's are not relied on
    provided = [clauses[0]] + [c.replace("for research.", "for research provided licensee "
                                         "must log before share.") for c in clauses[1:]]
    said = set()
    for order in (provided, provided[::-1]):
        decision = contractdsl.permits(contractdsl.parse(head + "".join(order)),
                                       {**usage, "facts": ["logged"]})
        assert decision.outcome == "permitted"
        said.add(next(r.text for r in decision.reasons
                      if r.clause == "B" and "relied" in r.text))
    assert said == {"its provisos are not relied on: the usage may rely on clause A-9 or A-10 "
                    "instead"}


def test_obligation_deadline_computed_from_the_trigger():
    a = agreement(LICENCE + 'clause 2: licensee must delete within 24 hours after request.\n')
    pending = decide(a, purpose="research", date="2024-06-01", facts={"request": "2024-06-01"})
    assert pending.outcome == "permitted"
    duty = pending.obligations[0]
    # a request on a day, at a time not stated: due on the next day, at that time of day
    assert duty.deadline.isoformat() == "2024-06-02"
    assert "(on 2024-06-02, at the time of day of `request`)" in duty.text
    late = decide(a, purpose="research", date="2024-06-05", facts={"request": "2024-06-01"})
    assert late.outcome == "denied"
    assert [r.clause for r in late.reasons if r.effect == "breached"] == ["2"]
    done = decide(a, purpose="research", date="2024-06-05",
                  facts={"request": "2024-06-01", "deleted": "2024-06-01"})
    assert done.outcome == "permitted"
    too_late = decide(a, purpose="research", date="2024-06-05",
                      facts={"request": "2024-06-01", "deleted": "2024-06-04"})
    assert too_late.outcome == "denied"
    untriggered = decide(a, purpose="research")
    assert untriggered.obligations == ()


HOURS = LICENCE + 'clause 2: licensee must delete within 24 hours after request.\n'


def test_a_deadline_in_hours_is_judged_to_the_hour():
    a = agreement(HOURS)
    # the request at 06:00: due the next day at 06:00, printed as judged
    timed = decide(a, purpose="research", date="2024-06-02T05:00:00Z",
                   facts={"request": "2024-06-01T06:00:00+00:00"})
    assert timed.outcome == "permitted"
    assert timed.obligations[0].deadline.isoformat() == "2024-06-02T06:00:00+00:00"
    assert "(by 2024-06-02 06:00 UTC)" in timed.obligations[0].text
    past = decide(a, purpose="research", date="2024-06-02T07:00:00Z",
                  facts={"request": "2024-06-01T06:00:00Z"})
    assert past.outcome == "denied"
    # an offset is turned into UTC: 08:00+02:00 is 06:00Z
    done = decide(a, purpose="research", date="2024-06-03",
                  facts={"request": "2024-06-01T06:00:00Z", "deleted": "2024-06-02T08:00:00+02:00"})
    assert done.outcome == "permitted"


def test_a_request_and_a_deletion_on_consecutive_days_cannot_decide_24_hours():
    a = agreement(HOURS)
    decision = decide(a, purpose="research", date="2024-06-05",
                      facts={"request": "2024-06-01", "deleted": "2024-06-02"})
    assert decision.outcome == "undetermined"
    assert [r.effect for r in decision.reasons if r.clause == "2"] == ["undetermined"]
    assert decision.missing == ("the time of day, with its zone, of `request` and `deleted` "
                                "(clause 2)",)
    # a request at an instant: only the deletion's time of day is asked for
    timed = decide(a, purpose="research", date="2024-06-05",
                   facts={"request": "2024-06-01T10:00:00Z", "deleted": "2024-06-02"})
    assert timed.outcome == "undetermined"
    assert timed.missing == ("the time of day, with its zone, of `deleted` (clause 2)",)
    # nothing done on the day after the request: due some time that day, and a usage dated
    # by a day runs to its end, so the deadline has passed by then whatever the request's time
    waiting = decide(a, purpose="research", date="2024-06-02", facts={"request": "2024-06-01"})
    assert waiting.outcome == "denied"
    assert waiting.missing == ()
    # as it does when the request's time is known and falls within the usage's day
    assert decide(a, purpose="research", date="2024-06-02",
                  facts={"request": "2024-06-01T10:00Z"}).outcome == "denied"
    # a period that ends on that day, likewise
    assert decide(a, purpose="research", period={"from": "2024-06-01", "until": "2024-06-02"},
                  facts={"request": "2024-06-01"}).outcome == "denied"
    # a usage at an instant of that day: only the request's time of day can tell
    instant = decide(a, purpose="research", date="2024-06-02T09:00Z",
                     facts={"request": "2024-06-01"})
    assert instant.outcome == "undetermined"
    assert instant.missing == ("the time of day, with its zone, of `request` (clause 2)",)
    # the same day, or two days later, the days decide it
    assert decide(a, purpose="research", date="2024-06-01",
                  facts={"request": "2024-06-01"}).outcome == "permitted"
    assert decide(a, purpose="research", date="2024-06-03",
                  facts={"request": "2024-06-01"}).outcome == "denied"


def test_a_deadline_in_days_is_judged_in_days():
    a = agreement(LICENCE + 'clause 2: licensee must delete within 1 day after request.\n')
    decision = decide(a, purpose="research", date="2024-06-05",
                      facts={"request": "2024-06-01", "deleted": "2024-06-02"})
    assert decision.outcome == "permitted"
    assert decision.obligations[0].deadline.isoformat() == "2024-06-02"


def test_a_fact_stated_too_late_is_reported_late():
    a = agreement(HOURS)
    decision = decide(a, purpose="research", date="2024-06-05",
                      facts={"request": "2024-06-01", "deleted": "2024-06-05"})
    assert decision.outcome == "denied"
    (reason,) = [r for r in decision.reasons if r.clause == "2"]
    assert reason.effect == "breached"
    assert reason.text == ("requires: delete the data within 24 hours after `request` (on "
                           "2024-06-02, at the time of day of `request`); the usage states "
                           "`deleted` on 2024-06-05, after it was due")
    assert "does not state" not in reason.text


def test_a_fact_dated_after_the_usage_is_stated_and_came_after_it_was_due():
    # done after the usage's last day: not done by then, so breached; the reason says the
    # usage states it, and when, not that it does not state it
    a = agreement(HOURS + 'clause 3: licensee may share content with government.\n'
                  'clause 4 "Notice": licensee must notify before share.\n')
    late = decide(a, purpose="research", date="2024-06-05",
                  facts={"request": "2024-06-01", "deleted": "2024-06-20"})
    assert late.outcome == "denied" and statuses(late) == {"2": "breached"}
    (reason,) = [r for r in late.reasons if r.clause == "2"]
    assert reason.text == ("requires: delete the data within 24 hours after `request` (on "
                           "2024-06-02, at the time of day of `request`); the usage states "
                           "`deleted` on 2024-06-20, after it was due")
    shared = decide(a, purpose="research", action="share", recipients=["government"],
                    date="2024-06-05", facts={"notified": "2024-06-10"})
    assert shared.outcome == "denied" and statuses(shared) == {"4": "breached"}
    (reason,) = [r for r in shared.reasons if r.clause == "4"]
    assert reason.text == ("requires: notify the provider before `share` (on 2024-06-05); the "
                           "usage states `notified` on 2024-06-10, after it was due")
    # a period: the fact after its last day, every part that owes the duty says so
    period = decide(a, purpose="research", period={"from": "2024-06-03", "until": "2024-06-05"},
                    facts={"request": "2024-06-01", "deleted": "2024-07-01"})
    assert period.outcome == "denied"
    texts = [r.text for r in period.reasons if r.clause == "2"]
    assert texts and all(t.endswith("the usage states `deleted` on 2024-07-01, after it was due")
                         for t in texts)
    # a time left to judgement, found past: the fact still comes after the usage's last day
    judged = agreement(LICENCE + 'clause 2: licensee must notify within prompt after incident.\n',
                       extra='fact incident "an incident".\n'
                             'standard prompt "the notice was prompt".\n')
    told = decide(judged, purpose="research", date="2024-06-20",
                  facts={"incident": "2024-06-01", "notified": "2024-07-15"},
                  findings={"prompt": False})
    assert told.outcome == "denied"
    (reason,) = [r for r in told.reasons if r.clause == "2"]
    assert reason.text.endswith("the usage states `notified` on 2024-07-15, after its last day, "
                                "and the time for it is found past (`prompt`)")


def test_a_date_time_without_a_zone_is_refused():
    a = agreement(HOURS)
    with pytest.raises(UsageError, match="has a time of day but no time zone"):
        decide(a, purpose="research", date="2024-06-05T10:00:00")
    import datetime as dt
    with pytest.raises(UsageError, match="no time zone"):
        decide(a, purpose="research", date=dt.datetime(2024, 6, 5, 10))
    kept = decide(a, purpose="research", facts={"request": dt.datetime(
        2024, 6, 1, 6, tzinfo=dt.timezone.utc)}, date="2024-06-02T07:00:00Z")
    assert kept.outcome == "denied"  # a Python datetime keeps its time


def test_obligation_by_a_date():
    a = agreement(LICENCE + 'clause 2: licensee must notify by 2024-06-30.\n')
    assert decide(a, purpose="research", date="2024-06-01").outcome == "permitted"
    assert decide(a, purpose="research", date="2024-07-01").outcome == "denied"


def statuses(decision) -> dict:
    return {o.clause: o.status for o in decision.obligations}


def test_a_duty_no_fact_shows_done_is_returned_and_never_breached():
    a = agreement(LICENCE + 'clause 2: licensee must review within 1 day after request.\n'
                  'clause 3: licensee must review by 2024-06-30.\n',
                  extra='duty review "review the data".\n')
    for date in ("2024-06-01", "2024-07-15"):
        decision = decide(a, purpose="research", date=date, facts={"request": "2024-06-01"})
        assert decision.outcome == "permitted"
        assert statuses(decision) == {"2": "pending", "3": "pending"}
        assert not [r for r in decision.reasons if r.effect == "breached"]


def test_a_refusal_decides_alike_whatever_was_decided_before_it():
    # the same terms with and without a refusal of a duty without a deadline, one compiled
    # agreement: what the first decided is not reused for the second
    a = agreement(LICENCE + 'clause 2 "Notice": licensee must notify.\n')
    usage = {"app": "tool", "purpose": "research", "date": "2024-06-01"}
    refusing = {**usage, "refuses": ["notify"]}
    decisions = contractdsl.permits_many(a, [usage, refusing, usage, refusing])
    assert [d.outcome for d in decisions] == ["permitted", "denied"] * 2
    assert [r.clause for r in decisions[1].reasons if r.effect == "breached"] == ["2"]


BEFORE = LICENCE + """\
clause 2 "Notice": licensee must notify before request.
clause 3 "Sharing": licensee may share content with government provided licensee must notify before share.
"""


def test_a_duty_before_a_fact_is_due_on_the_facts_day():
    a = agreement(BEFORE)
    # the request's day has come and nothing says the provider was notified: breached then
    breached = decide(a, purpose="research", date="2024-06-01", facts={"request": "2024-06-01"})
    assert breached.outcome == "denied"
    assert statuses(breached) == {"2": "breached"}
    (reason,) = [r for r in breached.reasons if r.clause == "2"]
    assert reason.text == ("requires: notify the provider before `request` (on 2024-06-01); "
                           "the usage does not state `notified`")
    # a request after the usage's last day is not due yet
    pending = decide(a, purpose="research", date="2024-05-31", facts={"request": "2024-06-01"})
    assert pending.outcome == "permitted" and statuses(pending) == {"2": "pending"}
    # judged in days: notified on the request's day is in time, the day after is late
    same_day = decide(a, purpose="research", date="2024-06-03",
                      facts={"request": "2024-06-01", "notified": "2024-06-01"})
    assert same_day.outcome == "permitted" and statuses(same_day) == {"2": "met"}
    late = decide(a, purpose="research", date="2024-06-03",
                  facts={"request": "2024-06-01", "notified": "2024-06-02"})
    assert late.outcome == "denied" and statuses(late) == {"2": "breached"}
    # judged to the instant when both are instants: a minute after the request is late
    instants = {"request": "2024-06-01T08:00:00Z"}
    assert decide(a, purpose="research", date="2024-06-01T09:00:00Z",
                  facts={**instants, "notified": "2024-06-01T07:59:00Z"}).outcome == "permitted"
    assert decide(a, purpose="research", date="2024-06-01T09:00:00Z",
                  facts={**instants, "notified": "2024-06-01T08:01:00Z"}).outcome == "denied"
    assert decide(a, purpose="research", date="2024-06-01T07:00:00Z",
                  facts=instants).outcome == "permitted"


def test_a_duty_before_an_action_is_done_in_time_on_the_day_the_usage_starts():
    a = agreement(BEFORE)
    # (for marketing, which clause 1 does not license, the usage relies on clause 3)
    share = {"purpose": "marketing", "action": "share", "recipients": ["government"]}
    same_day = decide(a, date="2024-06-01", facts={"notified": "2024-06-01"}, **share)
    assert same_day.outcome == "permitted"
    assert statuses(same_day)["3"] == "met"
    day_after = decide(a, date="2024-06-01", facts={"notified": "2024-06-02"}, **share)
    assert day_after.outcome == "denied"
    assert [r.clause for r in day_after.reasons if r.effect == "breached"] == ["3"]
    # a share at 09:00 and a notice at 10:00 the same day: both instants, so late
    assert decide(a, date="2024-06-01T09:00:00Z", facts={"notified": "2024-06-01T10:00:00Z"},
                  **share).outcome == "denied"
    # a notice stated as a day stands for the day, on which the share began: in time
    assert decide(a, date="2024-06-01T09:00:00Z", facts={"notified": "2024-06-01"},
                  **share).outcome == "permitted"


def test_a_duty_upon_a_fact_is_due_when_the_fact_happens():
    a = agreement(LICENCE + 'clause 2 "Deletion": licensee must delete upon request.\n')
    request = {"request": "2024-06-01"}
    # judged in days: due on the request's day, breached the day after
    on_the_day = decide(a, purpose="research", date="2024-06-01", facts=request)
    assert on_the_day.outcome == "permitted" and statuses(on_the_day) == {"2": "pending"}
    assert decide(a, purpose="research", date="2024-06-02", facts=request).outcome == "denied"
    assert decide(a, purpose="research", date="2024-06-02",
                  facts={**request, "deleted": "2024-06-01"}).outcome == "permitted"
    late = decide(a, purpose="research", date="2024-06-02",
                  facts={**request, "deleted": "2024-06-02"})
    assert late.outcome == "denied"
    assert [r.text for r in late.reasons if r.clause == "2"] == [
        "requires: delete the data upon `request` (on 2024-06-01); the usage states `deleted` "
        "on 2024-06-02, after it was due"]
    # a request at a time of day is due at that instant
    at_ten = {"request": "2024-06-01T10:00:00Z"}
    assert decide(a, purpose="research", date="2024-06-01T09:00:00Z",
                  facts=at_ten).outcome == "permitted"
    assert decide(a, purpose="research", date="2024-06-01T12:00:00Z",
                  facts={**at_ten, "deleted": "2024-06-01T10:00:00Z"}).outcome == "permitted"
    an_hour_late = decide(a, purpose="research", date="2024-06-01T12:00:00Z",
                          facts={**at_ten, "deleted": "2024-06-01T11:00:00Z"})
    assert an_hour_late.outcome == "denied"
    assert [r.text for r in an_hour_late.reasons if r.clause == "2"] == [
        "requires: delete the data upon `request` (by 2024-06-01 10:00 UTC); the usage states "
        "`deleted` on 2024-06-01 11:00 UTC, after it was due"]
    assert decide(a, purpose="research", date="2024-06-01T12:00:00Z",
                  facts=at_ten).outcome == "denied"


def test_a_duty_before_an_action_is_owed_before_every_action_under_it_and_none_above():
    a = agreement(LICENCE + 'clause 2 "Notice": licensee must notify before share.\n'
                  'clause 3: licensee may share content with government.\n',
                  extra='action publish "publish the data" under share.\n')
    publish = {"purpose": "research", "action": "publish", "recipients": ["government"]}
    undone = decide(a, **publish)
    assert undone.outcome == "denied"
    (reason,) = [r for r in undone.reasons if r.effect == "breached"]
    assert reason.clause == "2"
    assert reason.text == ("requires: notify the provider before `publish`, a kind of `share` "
                           "(on 2024-06-01); the usage does not state `notified`")
    assert decide(a, facts=["notified"], **publish).outcome == "permitted"
    # reading is under `use`, above `share` in no way: no notice is owed before it
    read = decide(a, purpose="research", action="read")
    assert read.outcome == "permitted" and read.obligations == ()



def test_clauses_binding_the_licensor_do_not_decide_a_usage():
    a = agreement(LICENCE + 'clause 2: licensor must notify by 2024-03-01.\n'
                  'clause 3: licensor may share content with government '
                  'provided licensor must delete before share.\n'
                  'clause 4: licensee may read content provided licensor must notify.\n')
    late = decide(a, purpose="research", date="2024-06-01")
    assert late.outcome == "permitted"  # the licensor's missed deadline is not the licensee's
    assert late.obligations == ()
    assert decide(a, recipients=["government"], action="share").outcome == "denied"
    reading = decide(a, action="read", purpose="marketing")
    assert reading.outcome == "permitted" and reading.obligations == ()


def test_a_usage_must_name_its_data_when_the_agreement_has_several_kinds():
    several = contractdsl.parse('agreement "Two".\neffective 2024-01-01.\naction use "use".\n'
                                'data a "a".\ndata b "b".\nclause 1: licensee may use.\n')
    with pytest.raises(UsageError) as err:
        contractdsl.permits(several, {"date": "2024-06-01"})
    (diagnostic,) = err.value.diagnostics
    assert diagnostic.message == ("the usage does not say which data it uses, and the agreement "
                                  "has several kinds")
    assert diagnostic.help == "add `data:` with one of `a`, `b`"
    assert contractdsl.permits(several, {"date": "2024-06-01", "data": "b"}).outcome == "permitted"

# Rules 7 and 8: outcome and reasons.
def test_denied_beats_undetermined_and_reasons_name_every_deciding_clause():
    a = agreement(LIMIT + 'clause 3: licensee must not use content for research when notified.\n')
    decision = read(a, period={"from": "2024-06-01", "until": "2024-06-10"},
                    volume=[{"amount": 10_000, "unit": "records"}], facts=["notified"])
    assert decision.outcome == "denied"
    assert {r.clause for r in decision.reasons} >= {"1", "2", "3"}
    assert set(decision.clauses) >= {"1", "2", "3"}
    text = decision.explain()
    for clause in decision.clauses:
        assert f"clause {clause}" in text


def test_decision_is_pure_and_deterministic():
    a = agreement(LIMIT)
    usage = dict(purpose="research", action="read",
                 volume=[{"amount": 5, "unit": "records", "per": "hour"}])
    assert decide(a, **usage) == decide(a, **usage)
    assert decide(a, **usage).to_dict() == decide(a, **usage).to_dict()


def test_a_volume_built_with_an_int_amount_is_exact():
    # Regression: a Volume built in code with an int amount averaged to a float.
    from contractdsl.usage import Usage, Volume
    import datetime as dt

    a = agreement(LIMIT)
    day = dt.date(2024, 6, 1)
    usage = Usage(app="tool", purpose="research", action="read", start=day,
                  end=day + dt.timedelta(days=9),
                  volume=(Volume(amount=10_001, unit="records", start=day,
                                 end=day + dt.timedelta(days=9)),))
    decision = contractdsl.permits(a, usage)
    assert decision.outcome == "denied"
    assert "averages 1,000.10 per day" in " ".join(r.text for r in decision.reasons)


def test_a_decision_is_an_immutable_value():
    import copy
    import pickle

    import attrs

    a = agreement(LICENCE)
    decision = decide(a, purpose="research")
    same = decide(a, purpose="research")
    assert decision == same and hash(decision) == hash(same)
    assert decision != decide(a, purpose="marketing")
    assert pickle.loads(pickle.dumps(decision)) == decision == copy.deepcopy(decision)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        decision.outcome = "denied"
    assert decision.outcome == "permitted"


# ---- several recipients, one by one -------------------------------------------------------

SHARING = LICENCE + """\
clause 2 "Sharing": licensee may share content with government provided licensee must notify before share.
clause 3: licensee may share content with agency.
clause 4 "Redistribution": licensee must not share content with third_party except as permitted by 2.
"""


def test_several_recipients_are_judged_one_by_one():
    a = agreement(SHARING + 'recipient public "the public".\n')
    each = {r: decide(a, purpose="research", recipients=[r], facts=["notified"]).outcome
            for r in ("public", "government")}
    assert each == {"public": "permitted", "government": "permitted"}
    both = decide(a, purpose="research", recipients=["public", "government"],
                  facts=["notified"])
    assert both.outcome == "permitted"
    # the exception lifts the prohibition for the recipient it covers, and says so
    assert ("4", "excepted") in {(r.clause, r.effect) for r in both.reasons}
    assert both.obligations[0].clause == "2"


def test_an_exception_does_not_lift_a_prohibition_for_another_recipient():
    a = agreement(SHARING + 'recipient broker "a data broker" under third_party.\n')
    decision = decide(a, purpose="research", recipients=["government", "broker"],
                      facts=["notified"])
    assert decision.outcome == "denied"
    (prohibits,) = [r for r in decision.reasons if r.effect == "prohibits"]
    assert prohibits.clause == "4" and "(recipient `broker`)" in prohibits.text


# ---- clauses of a schedule ----------------------------------------------------------------

SCHEDULE = """
schedule "Apps of one licensee" for "Data Licence".
licensee "Example B.V.".
app newsletter "Newsletter" approved for research.
clause S.1 "Newsletter": licensee must not read records unless notified.
"""


def scheduled():
    from contractdsl.syntax import parse_document

    return contractdsl.Agreement(documents=(
        parse_document(BASE + LICENCE, "licence.agreement"),
        parse_document(SCHEDULE, "apps.agreement")))


def test_a_clause_of_a_schedule_binds_the_apps_of_that_schedule():
    a = scheduled()
    refused = decide(a, app="newsletter", action="read", data="records", purpose="research")
    assert refused.outcome == "denied"
    assert [(r.clause, r.effect) for r in refused.reasons][-1] == ("S.1", "prohibits")
    assert decide(a, app="newsletter", action="read", data="records", purpose="research",
                  facts=["notified"]).outcome == "permitted"
    # another licensee's app is not bound by it
    assert decide(a, app="tool", action="read", data="records",
                  purpose="research").outcome == "permitted"


def test_a_name_unknown_in_a_later_part_is_an_error_even_when_an_earlier_part_is_denied():
    """The outcome and the explanation check the same names: a period that starts before the
    agreement is in force (denied there) and names a purpose the text in force later does not
    define is bad input, whether or not the reasons are read."""
    a = agreement(LICENCE)
    usage = {"app": "tool", "purpose": "serch", "period": {"from": "2023-12-01",
                                                           "until": "2024-02-01"}}
    with pytest.raises(UsageError, match="unknown purpose `serch`"):
        decide(a, **usage)


VERSIONED = """\
agreement "T" version "{v}".
effective {day}.
action use "use".
action read "read" under use.
data content "content".
purpose research "research".
unit posts "posts".
app tool "Tool" approved for research.
clause 1: licensee may use content for research.
clause L: licensee must not read more than {most} posts per {window}.
"""


def versions(second_most, window="calendar month"):
    """Two versions of clause L: 1,000 posts per window from 2024-01-01, ``second_most`` from
    2024-07-01."""
    return contractdsl.Agreement(documents=(
        *contractdsl.parse(VERSIONED.format(v=1, day="2024-01-01", most="1,000",
                                            window=window)).documents,
        *contractdsl.parse(VERSIONED.format(v=2, day="2024-07-01", most=second_most,
                                            window=window)).documents))


def reading(agreement_, start, end, *volume):
    return contractdsl.permits(agreement_, {
        "app": "tool", "action": "read", "purpose": "research",
        "period": {"from": start, "until": end}, "volume": list(volume)})


def test_a_limit_carried_over_unchanged_into_a_new_version_is_one_limit_across_the_change():
    # (docs/semantics.md, rule 5: the same clause, meaning the same, on both sides of a cut)
    usage = {"app": "tool", "action": "read", "purpose": "research",
             "period": {"from": "2024-06-15", "until": "2024-07-15"}}
    carried = versions("1,000")
    over = contractdsl.permits(carried, {**usage, "volume": [{"amount": 2_500, "unit": "posts"}]})
    assert over.outcome == "denied"
    assert "over 2 calendar months" in over.explain()
    within = {**usage, "volume": [{"amount": 900, "unit": "posts"}]}
    assert contractdsl.permits(carried, within).outcome == "permitted"
    # changed by the new version, the share of each side is unknown: 2,500 posts may be 1,000
    # in June and 1,500 in July, within both
    changed = contractdsl.permits(versions("2,000"),
                                  {**usage, "volume": [{"amount": 2_500, "unit": "posts"}]})
    assert changed.outcome == "undetermined"


def test_a_limit_carried_over_in_new_words_meaning_the_same_is_one_limit_across_the_change():
    # version 2 gives clause L a title and writes its unit by an alias and its window in hours:
    # it means what version 1 says, so 600 posts on 06-28 and 600 on 07-02 lie in one 30 days
    # of one limit, as with the text unchanged
    first = VERSIONED.format(v=1, day="2024-01-01", most="1,000", window="30 days")
    second = VERSIONED.format(v=2, day="2024-07-01", most="1,000", window="720 hours").replace(
        'unit posts "posts".', 'unit posts "posts" alias tweets.').replace(
        "clause L:", 'clause L "Volume":').replace("1,000 posts", "1,000 tweets")
    carried = contractdsl.Agreement(documents=(*contractdsl.parse(first).documents,
                                               *contractdsl.parse(second).documents))
    side_by_side = reading(carried, "2024-06-15", "2024-07-14", posts(600, "2024-06-28",
                                                                      "2024-06-28"),
                           posts(600, "2024-07-02", "2024-07-02"))
    assert side_by_side.outcome == "denied"
    assert [r.text for r in side_by_side.reasons if r.clause == "L"][0] == (
        "allows no more than 1,000 posts per 30 days; 600 posts on 2024-06-28 and 600 posts on "
        "2024-07-02, stated side by side, lie within one window of 30 days and come to 1,200 "
        "posts together, more than that")
    one_window = reading(carried, "2024-06-15", "2024-07-14", posts(1_001))
    assert one_window.outcome == "denied"
    assert reading(carried, "2024-06-15", "2024-07-14", posts(1_000)).outcome == "permitted"
    # a new amount is a new limit: each side's allowance is its own
    changed = contractdsl.Agreement(documents=(
        *contractdsl.parse(first).documents,
        *contractdsl.parse(second.replace("1,000 tweets", "1,001 tweets")).documents))
    assert reading(changed, "2024-06-15", "2024-07-14", posts(600, "2024-06-28", "2024-06-28"),
                   posts(600, "2024-07-02", "2024-07-02")).outcome == "permitted"


@pytest.mark.parametrize("order", ["app and user", "user and app"])
def test_a_limit_per_two_scopes_is_one_limit_whichever_order_a_new_version_writes_them(order):
    # `per app and user` counts what `per user and app` counts: written either way in version
    # 2, 600 posts on 06-28 and 600 on 07-02 lie in one 30 days of one limit, over 1,000
    def text(v, day, scope):
        return VERSIONED.format(v=v, day=day, most="1,000", window="30 days").replace(
            "per 30 days.", f"per 30 days per {scope}.")
    carried = contractdsl.Agreement(documents=(
        *contractdsl.parse(text(1, "2024-01-01", "app and user")).documents,
        *contractdsl.parse(text(2, "2024-07-01", order)).documents))
    side_by_side = reading(carried, "2024-06-15", "2024-07-14", posts(600, "2024-06-28",
                                                                      "2024-06-28"),
                           posts(600, "2024-07-02", "2024-07-02"))
    assert side_by_side.outcome == "denied"
    assert "come to 1,200 posts together" in side_by_side.explain()


def posts(amount, start=None, end=None):
    return {"amount": amount, "unit": "posts",
            **({"from": start, "until": end} if start else {})}


def test_a_total_across_a_change_of_its_limit_is_bounded_by_what_each_side_allows():
    # (docs/semantics.md, rule 5) 1,000 posts a calendar month to 2024-06-30, then 2,000: of a
    # total from 06-15 to 07-15, June's share may be up to 1,000 and July's up to 2,000, so no
    # more than 3,000 can be within both
    changed = versions("2,000")
    over = reading(changed, "2024-06-15", "2024-07-15", posts(3_500))
    assert over.outcome == "denied" and over.missing == ()
    assert [(r.clause, r.effect, r.part.start.isoformat()) for r in over.reasons
            if r.clause == "L"] == [("L", "exceeds", "2024-06-15"), ("L", "exceeds", "2024-07-01")]
    assert ("clause L: allows no more than 1,000 posts per calendar month; 3,500 posts from "
            "2024-06-15 to 2024-07-15 is more than the limits that bind the usage on those days "
            "allow together, at most 3,000 posts: 1,000 from 2024-06-15 to 2024-06-30 (clause L) "
            "and 2,000 from 2024-07-01 to 2024-07-15 (clause L)") in over.explain()
    assert "au plus 3 000 posts : 1 000 du 15 juin 2024 au 30 juin 2024" in \
        over.explain(locale="fr").replace("\u202f", " ").replace("\xa0", " ")
    assert reading(changed, "2024-06-15", "2024-07-15", posts(3_001)).outcome == "denied"
    # within both sides whichever way it falls: each could take all of it
    for within in (900, 1_000):
        assert reading(changed, "2024-06-15", "2024-07-15", posts(within)).outcome == \
            "permitted"
    # 2,500 may be 1,000 and 1,500, or 2,000 and 500: the split decides
    for open_ in (2_500, 3_000):
        split = reading(changed, "2024-06-15", "2024-07-15", posts(open_))
        assert split.outcome == "undetermined"
        assert split.missing == ("the number of posts from 2024-06-15 to 2024-06-30 (clause L)",
                                 "the number of posts from 2024-07-01 to 2024-07-15 (clause L)")
    # stated so, each share is judged by the limit of its own days alone
    assert reading(changed, "2024-06-15", "2024-07-15", posts(1_000, "2024-06-15", "2024-06-30"),
                   posts(1_500, "2024-07-01", "2024-07-15")).outcome == "permitted"
    late = reading(changed, "2024-06-15", "2024-07-15", posts(1_100, "2024-06-15", "2024-06-30"),
                   posts(1_400, "2024-07-01", "2024-07-15"))
    assert late.outcome == "denied"
    assert [(r.effect, r.part.start.isoformat()) for r in late.reasons if r.clause == "L"] == [
        ("exceeds", "2024-06-15"), ("within", "2024-07-01")]


def test_a_total_stated_wholly_outside_the_usages_period_is_none_of_a_limits_per_window():
    # (docs/semantics.md, rule 5) a share is counted by the limits of its days alone: one
    # stated before or after the usage's day says nothing of it (it asked, undetermined, for
    # "the number of requests from 2024-06-05 to 2024-06-01", days running backwards)
    text = """\
agreement "T" version "1".
effective 2024-01-01.
action use "use".
action read "read" under use.
data content "content".
unit requests "requests".
clause 1: licensee may use content.
clause 2: licensee must not read more than {most} requests per day.
"""
    terms = contractdsl.parse(text.format(most=100))

    def requests(amount, start, end):
        return contractdsl.permits(terms, {"action": "read", "date": "2024-06-01", "volume": [
            {"amount": amount, "unit": "requests", "from": start, "until": end}]})

    for start, end in (("2024-06-05", "2024-06-06"), ("2024-05-01", "2024-05-31"),
                       ("2024-06-01T23:00:00-02:00", "2024-06-02T01:00:00Z")):
        after = requests(1_000, start, end)
        assert (after.outcome, after.missing) == ("permitted", ())
        assert [(r.clause, r.effect) for r in after.reasons] == [("1", "permits")]
        assert [(d.clause, d.text, d.status) for d in after.obligations] == [
            ("2", "no more than 100 requests per day", "pending")]
    # one running into the usage's day still asks for its share of it, and one over the days
    # of the usage's period is judged by them
    into = requests(150, "2024-05-31", "2024-06-01")
    assert (into.outcome, into.missing) == (
        "undetermined", ("the number of requests from 2024-06-01 to 2024-06-01 (clause 2)",))
    assert contractdsl.permits(terms, {"action": "read", "period": {
        "from": "2024-06-01", "until": "2024-06-10"}, "volume": [
        {"amount": 1_000, "unit": "requests", "from": "2024-06-05", "until": "2024-06-06"}],
    }).outcome == "denied"
    # an allowance of zero denies the usage of the action whatever it states of other days
    # (it was undetermined, or permitted where the zero binds from a day within the period
    # and the total is stated on days before it)
    zero = contractdsl.parse(text.format(most=0))
    assert contractdsl.permits(zero, {"action": "read", "date": "2024-06-01", "volume": [
        {"amount": 5, "unit": "requests", "from": "2024-06-05", "until": "2024-06-06"}],
    }).outcome == "denied"
    later = contractdsl.parse(text.format(most=0).replace("2:", "2 from 2024-06-05:"))
    before = contractdsl.permits(later, {"action": "read", "period": {
        "from": "2024-06-01", "until": "2024-06-10"}, "volume": [
        {"amount": 5, "unit": "requests", "from": "2024-06-01", "until": "2024-06-02"}]})
    assert before.outcome == "denied"
    assert [(r.clause, r.effect, str(r.part)) for r in before.reasons if r.clause == "2"] == [
        ("2", "exceeds", "from 2024-06-05 to 2024-06-10")]


def test_a_total_whose_days_the_limit_binds_are_stated_in_shares_is_judged_by_them():
    # (docs/semantics.md, rule 5) stating the share `missing` asks for decides the usage: the
    # total says nothing of the days the limit binds that its shares within it do not
    text = """\
agreement "T" version "1".
effective 2024-01-01.
action use "use".
action read "read" under use.
data content "content".
purpose research "research".
unit posts "posts".
app tool "Tool" approved for research.
clause 1: licensee may use content for research.
clause L from {start}: licensee must not read more than 100 posts per calendar month.
"""
    late = contractdsl.parse(text.format(start="2024-03-10"))
    alone = reading(late, "2024-03-01", "2024-03-31", posts(150))
    assert alone.outcome == "undetermined"
    assert alone.missing == ("the number of posts from 2024-03-10 to 2024-03-31 (clause L)",)
    told = reading(late, "2024-03-01", "2024-03-31", posts(150),
                   posts(80, "2024-03-10", "2024-03-31"))
    assert told.outcome == "permitted" and told.missing == ()
    assert ("clause L: allows no more than 100 posts per calendar month; 150 posts from "
            "2024-03-01 to 2024-03-31 is judged by its shares stated within it, 80 posts from "
            "2024-03-10 to 2024-03-31, which count every day of it the limit binds"
            ) in told.explain()
    assert reading(late, "2024-03-01", "2024-03-31", posts(150),
                   posts(120, "2024-03-10", "2024-03-31")).outcome == "denied"
    # a share that leaves a day the limit binds uncounted decides nothing
    assert reading(late, "2024-03-01", "2024-03-31", posts(150),
                   posts(80, "2024-03-11", "2024-03-31")).outcome == "undetermined"
    # each calendar month's count stated beside the total over both
    always = contractdsl.parse(text.format(start="2024-01-01"))
    months = [posts(150), posts(90, "2024-03-01", "2024-03-31"),
              posts(60, "2024-04-01", "2024-04-30")]
    assert reading(always, "2024-03-01", "2024-04-30", posts(150)).outcome == "undetermined"
    assert reading(always, "2024-03-01", "2024-04-30", *months).outcome == "permitted"
    months[1] = posts(110, "2024-03-01", "2024-03-31")
    assert reading(always, "2024-03-01", "2024-04-30", *months).outcome == "denied"
    # the total still denies what it shows alone, whatever its shares say
    assert reading(always, "2024-03-01", "2024-04-30", posts(250),
                   posts(90, "2024-03-01", "2024-03-31"),
                   posts(60, "2024-04-01", "2024-04-30")).outcome == "denied"


# An agreement with one limit L on reading posts, for totals stated side by side.
SIDE_BY_SIDE = """\
agreement "T" version "1".
effective 2024-01-01.
action use "use".
action read "read" under use.
data content "content".
purpose research "research".
unit posts "posts".
app tool "Tool" approved for research.
clause 1: licensee may use content for research.
clause L: licensee must not read more than {limit}.
"""


def test_totals_side_by_side_that_one_window_holds_count_together():
    # (docs/semantics.md, rule 5) disjoint totals that one window of a limit holds wholly are
    # all in that window: their sum is counted there, and more than the limit denies; totals
    # that share some of their time may count it twice, so their sum is not known
    text = SIDE_BY_SIDE.format(limit="200 posts per {window}")
    sixty = contractdsl.parse(text.format(window="60 days"))
    first, tenth = posts(120, "2024-03-01", "2024-03-01"), posts(120, "2024-03-10", "2024-03-10")
    over = reading(sixty, "2024-03-01", "2024-03-31", first, tenth)
    assert over.outcome == "denied"
    assert ("clause L: allows no more than 200 posts per 60 days; 120 posts on 2024-03-01 "
            "and 120 posts on 2024-03-10, stated side by side, lie "
            "within one window of 60 days and come to 240 posts together, more than that") in \
        over.explain()
    # no window of 7 days holds both, nor meets them (they lie more than 7 days apart)
    week = contractdsl.parse(text.format(window="7 days"))
    assert reading(week, "2024-03-01", "2024-03-31", first, tenth).outcome == "permitted"
    month = contractdsl.parse(text.format(window="calendar month"))
    assert reading(month, "2024-03-01", "2024-04-30", first, tenth).outcome == "denied"
    # no calendar month holds a share that runs into April, but March meets it: all of it
    # may fall on 2024-03-31, so March may hold 240 posts (see the test below)
    assert reading(month, "2024-03-01", "2024-04-30", first,
                   posts(120, "2024-03-31", "2024-04-01")).outcome == "undetermined"
    # sharing a day, their sum is at least 120 and at most 240
    both = reading(sixty, "2024-03-01", "2024-03-31", posts(120, "2024-03-01", "2024-03-05"),
                   posts(120, "2024-03-05", "2024-03-10"))
    assert both.outcome == "undetermined"
    assert both.missing == ("the number of posts from 2024-03-01 to 2024-03-10 (clause L)",)
    # a total counted by its shares, all in that window, is said with them, once
    around = reading(sixty, "2024-03-01", "2024-03-31", posts(150, "2024-03-01", "2024-03-10"),
                     posts(90, "2024-03-01", "2024-03-05"), posts(60, "2024-03-06", "2024-03-10"),
                     posts(100, "2024-03-20", "2024-03-20"))
    assert around.outcome == "denied"
    assert [r.text for r in around.reasons if r.clause == "L"] == [
        "allows no more than 200 posts per 60 days; 90 posts from 2024-03-01 to 2024-03-05 and "
        "60 posts from 2024-03-06 to 2024-03-10 (stated within 150 posts from 2024-03-01 to "
        "2024-03-10 as its count on the days from 2024-03-01 to 2024-03-10 it binds the usage) "
        "and 100 posts on 2024-03-20, stated side by side, lie within one window of 60 "
        "days and come to 250 posts together, more than that"]


def test_totals_side_by_side_that_one_window_meets_may_all_fall_in_it():
    # (docs/semantics.md, rule 5) how a total spreads over its days is unknown: totals that
    # one window of a limit meets, though none holds them all, may all fall in it, so where
    # they come to more than the limit the usage is undetermined
    day = contractdsl.parse(SIDE_BY_SIDE.format(limit="100 posts per day"))
    meeting = reading(day, "2024-01-01", "2024-01-03", posts(100, "2024-01-02", "2024-01-03"),
                      posts(100, "2024-01-01", "2024-01-02"))
    assert meeting.outcome == "undetermined"
    assert [r.text for r in meeting.reasons if r.clause == "L"] == [
        "allows no more than 100 posts per day; 100 posts from 2024-01-01 to 2024-01-02 and "
        "100 posts from 2024-01-02 to 2024-01-03, stated side by side, may all fall within one "
        "day, so together they come to at most 200 posts in it"]
    assert meeting.missing == (
        "the largest number of posts in any day from 2024-01-01 to 2024-01-03 (clause L)",)
    assert ("100 posts van 1 januari 2024 tot en met 2 januari 2024 en 100 posts van 2 "
            "januari 2024 tot en met 3 januari 2024, naast elkaar vermeld, kunnen allemaal "
            "binnen één dag vallen, dus zijn ze daarin samen ten hoogste 200 posts") in \
        meeting.explain(locale="nl")
    assert ("indiqués côte à côte, peuvent tous tomber dans une seule période (jour), et font "
            "donc ensemble au plus 200 posts dans celle-ci") in meeting.explain(locale="fr")
    # the same two days stated twice
    twice = reading(day, "2024-01-01", "2024-01-03", posts(100, "2024-01-01", "2024-01-02"),
                    posts(100, "2024-01-01", "2024-01-02"))
    assert twice.outcome == "undetermined"
    assert twice.missing == (
        "the largest number of posts in any day from 2024-01-01 to 2024-01-02 (clause L)",)
    # a calendar month: March meets both, though April holds the last day of one
    month = contractdsl.parse(SIDE_BY_SIDE.format(limit="200 posts per calendar month"))
    march = reading(month, "2024-03-01", "2024-04-30", posts(120, "2024-03-01", "2024-03-01"),
                    posts(120, "2024-03-31", "2024-04-01"))
    assert march.outcome == "undetermined"
    assert march.missing == ("the largest number of posts in any calendar month from "
                             "2024-03-01 to 2024-04-01 (clause L)",)
    # within the limit together, they decide nothing together
    assert reading(day, "2024-01-01", "2024-01-03", posts(50, "2024-01-01", "2024-01-02"),
                   posts(50, "2024-01-02", "2024-01-03")).outcome == "permitted"
    # totals that no window meets together (a day apart) are judged one by one
    apart = reading(day, "2024-01-01", "2024-01-05", posts(100, "2024-01-01", "2024-01-02"),
                    posts(100, "2024-01-04", "2024-01-05"))
    assert apart.outcome == "permitted"
    assert "the whole of 100 posts from 2024-01-04 to 2024-01-05 fits in one day" in \
        apart.explain()
    # where one window holds some of them wholly, what that window decides stands: 60 and 60
    # on one day deny, whatever the total that runs on into the next day may add
    two_days = contractdsl.parse(SIDE_BY_SIDE.format(limit="100 posts per 2 days"))
    held = reading(two_days, "2024-01-01", "2024-01-05", posts(60, "2024-01-01", "2024-01-01"),
                   posts(60, "2024-01-02", "2024-01-02"), posts(30, "2024-01-02", "2024-01-04"))
    assert held.outcome == "denied"
    assert [r.text for r in held.reasons if r.clause == "L"][0] == (
        "allows no more than 100 posts per 2 days; 60 posts on 2024-01-01 and 60 posts on "
        "2024-01-02, stated side by side, lie within one window of 2 days and come to 120 "
        "posts together, more than that")


def test_a_total_without_days_of_its_own_is_explained_over_the_usages_days():
    """A Usage made in Python may state a total without days: it runs over the usage's, and
    its decision is explained as that of the same usage read from a file, where a total's
    days are the usage's when it names none."""
    import datetime as dt
    from contractdsl.usage import Usage, Volume

    two_days = contractdsl.parse(SIDE_BY_SIDE.format(limit="1 posts per 2 days"))
    made = Usage(app="tool", action="read", purpose="research",
                 start=dt.date(2024, 1, 1), end=dt.date(2024, 1, 2),
                 volume=(Volume(amount=Fraction(1), unit="posts"),
                         Volume(amount=Fraction(1), unit="posts", start=dt.date(2024, 1, 1),
                                end=dt.date(2024, 1, 2))))
    decision = contractdsl.permits(two_days, made)
    assert decision.outcome == "undetermined"
    assert decision.missing == ("the number of posts from 2024-01-01 to 2024-01-02 (clause L)",)
    read_ = reading(two_days, "2024-01-01", "2024-01-02", {"amount": 1, "unit": "posts"},
                    posts(1, "2024-01-01", "2024-01-02"))
    assert decision.explain() == read_.explain()


def test_totals_side_by_side_over_several_windows_deny_as_their_sum_over_that_time_would():
    # (docs/semantics.md, rule 5) disjoint totals side by side that no one window holds span
    # the windows from the first instant of the first to the last of the last: more than the
    # limit times those windows denies, as one total over that time does
    month = contractdsl.parse(SIDE_BY_SIDE.format(limit="100 posts per calendar month"))
    assert reading(month, "2024-03-01", "2024-04-30", posts(250, "2024-03-16", "2024-04-30")) \
        .outcome == "denied"
    split = reading(month, "2024-03-01", "2024-04-30", posts(150, "2024-03-16", "2024-04-15"),
                    posts(100, "2024-04-16", "2024-04-30"))
    assert split.outcome == "denied" and split.missing == ()
    assert [r.text for r in split.reasons if r.clause == "L"] == [
        "allows no more than 100 posts per calendar month; 150 posts from 2024-03-16 to "
        "2024-04-15 and 100 posts from 2024-04-16 to 2024-04-30, stated side by side, come to "
        "250 posts together, which averages 125 per calendar month over 2 calendar months"]
    assert "gemiddeld 125 per kalendermaand over 2 kalendermaanden" in split.explain(locale="nl")
    # no more than the limit times the windows they span: what each window holds is not known
    assert reading(month, "2024-03-01", "2024-04-30", posts(150, "2024-03-16", "2024-04-15"),
                   posts(50, "2024-04-16", "2024-04-30")).outcome == "undetermined"
    # shares within a total that they do not count (it runs on into April) are stated too:
    # those in March come to at least 120 posts there
    shares = reading(month, "2024-03-01", "2024-04-30", posts(150, "2024-03-01", "2024-04-30"),
                     posts(60, "2024-03-01", "2024-03-10"), posts(60, "2024-03-11", "2024-03-20"))
    assert shares.outcome == "denied"
    assert [r.text for r in shares.reasons if r.effect == "exceeds"] == [
        "allows no more than 100 posts per calendar month; 60 posts from 2024-03-01 to "
        "2024-03-10 and 60 posts from 2024-03-11 to 2024-03-20, stated side by side, lie within "
        "one calendar month and come to 120 posts together, more than that"]


def test_totals_side_by_side_are_said_in_order_of_time_however_they_are_listed():
    # (docs/semantics.md, rule 5) the order in which a usage lists its volumes changes nothing
    capped = contractdsl.parse(SIDE_BY_SIDE.format(limit="100 posts in total"))
    early, late = posts(30, "2024-03-01", "2024-03-10"), posts(40, "2024-03-11", "2024-03-20")
    listed = [[r.text for r in reading(capped, "2024-03-01", "2024-03-31", *order).reasons
               if r.clause == "L"] for order in ((early, late), (late, early))]
    assert listed[0] == listed[1] == [
        "allows no more than 100 posts in total; 30 posts from 2024-03-01 to 2024-03-10 and 40 "
        "posts from 2024-03-11 to 2024-03-20, stated side by side, come to 70 posts together, "
        "within it"]


@pytest.mark.parametrize("window, start, end, most", [
    # May, June (1,000 each) and July's first half (2,000)
    ("calendar month", "2024-05-15", "2024-07-15", 4_000),
    # June's second half (1,000), July and August's first half (2,000 each)
    ("calendar month", "2024-06-15", "2024-08-15", 5_000),
    # two days at 1,000 and two at 2,000
    ("day", "2024-06-29", "2024-07-02", 6_000),
])
def test_a_total_across_a_change_is_bounded_by_every_window_on_each_side(window, start, end,
                                                                          most):
    changed = versions("2,000", window)
    assert reading(changed, start, end, posts(most + 1)).outcome == "denied"
    assert reading(changed, start, end, posts(most)).outcome == "undetermined"
    assert reading(changed, start, end, posts(1_000)).outcome == "permitted"


def test_a_total_over_two_limits_one_after_the_other_is_bounded_by_both():
    # a limit to 06-04 and another from 06-05 bind every day: 4 days at 1,000, then 6 at 500
    # (without the second, see test_a_total_is_judged_over_every_day_its_limit_binds)
    both = agreement(LICENCE + UNTIL + "clause 3 from 2024-06-05: licensee must not read more "
                     "than 500 records per day per app.\n")
    totals = {amount: read(both, period={"from": "2024-06-01", "until": "2024-06-10"},
                           volume=[{"amount": amount, "unit": "records"}])
              for amount in (7_001, 7_000, 500)}
    assert {amount: d.outcome for amount, d in totals.items()} == {
        7_001: "denied", 7_000: "undetermined", 500: "permitted"}
    assert {r.clause for r in totals[7_001].reasons if r.effect == "exceeds"} == {"2", "3"}


def test_a_denied_usage_asks_nothing_more_to_decide_it():
    # (a limit at an endpoint the usage does not say it calls asked for the endpoint "to
    # decide", though a limit on every endpoint denied the usage whichever it calls)
    terms = contractdsl.parse("""\
agreement "T" version "1".
effective 2024-01-01.
action use "use".
action read "read" under use.
data content "content".
purpose research "research".
unit requests "requests".
endpoint search "search".
app tool "Tool" approved for research.
clause 1: licensee may use content for research.
clause RL: licensee must not read more than 450 requests per 15 minutes per app at search.
clause RG: licensee must not read more than 1,000 requests per 15 minutes per app.
""")
    usage = {"app": "tool", "purpose": "research", "action": "read", "date": "2024-06-01"}
    denied = contractdsl.permits(terms, {**usage, "volume": [
        {"amount": 1_200, "unit": "requests", "per": "15 minutes"}]})
    assert denied.outcome == "denied" and denied.missing == ()
    assert "to decide, state" not in denied.explain()
    assert [r.clause for r in denied.reasons] == ["1", "RL", "RG"]  # (RL still said)
    open_ = contractdsl.permits(terms, {**usage, "volume": [
        {"amount": 600, "unit": "requests", "per": "15 minutes"}]})
    assert open_.outcome == "undetermined"
    assert open_.missing == ("the endpoint the usage calls, under `endpoint:` (the limits at an "
                             "endpoint above)",)


def test_a_reason_about_part_of_the_period_names_its_part_alone():
    # (the one reason of an undetermined usage, about the days of a later version, was printed
    # as if about the whole period)
    text = """\
agreement "T" version "{v}".
effective {day}.
action use "use".
action read "read" under use.
data content "content".
purpose research "research".
app tool "Tool" approved for research.
clause 1: licensee may use content for research.
"""
    later = 'standard reasonable "the volume is reasonable".\n' \
        "clause 2: licensee must not read content unless reasonable.\n"
    terms = contractdsl.Agreement(documents=(
        *contractdsl.parse(text.format(v=1, day="2024-01-01")).documents,
        *contractdsl.parse(text.format(v=2, day="2024-07-01") + later).documents))
    decision = contractdsl.permits(terms, {"app": "tool", "action": "read", "purpose": "research",
                                           "period": {"from": "2024-06-15",
                                                      "until": "2024-07-15"}})
    assert decision.outcome == "undetermined"
    assert "  - from 2024-07-01 to 2024-07-15: clause 2: leaves to judgement" in \
        decision.explain()
    assert "du 1er juillet 2024 au 15 juillet 2024" in decision.explain(locale="fr")


def test_a_reason_alike_in_neighbouring_parts_is_said_once_over_them():
    # (clause 1, the same in both versions, was said once per part, each naming its part)
    text = """\
agreement "T" version "{v}".
effective {day}.
action use "use".
action read "read" under use.
data content "content".
purpose research "research".
fact notified "the licensor was notified".
fact consent "the user consented".
app tool "Tool" approved for research.
clause 1: licensee may use content for research{unless}.
"""
    later = "clause 2: licensee must not read content unless notified.\n"

    def decide(second: str, unless: str = "") -> contractdsl.Decision:
        terms = contractdsl.Agreement(documents=(
            *contractdsl.parse(text.format(v=1, day="2024-01-01", unless="")).documents,
            *contractdsl.parse(text.format(v=2, day="2024-07-01", unless=unless)
                               + second).documents))
        return contractdsl.permits(terms, {"app": "tool", "action": "read",
                                           "purpose": "research",
                                           "period": {"from": "2024-06-15",
                                                      "until": "2024-07-15"}})

    alike = decide("")
    assert alike.outcome == "permitted"
    assert [(r.clause, str(r.part)) for r in alike.reasons] == [
        ("1", "from 2024-06-15 to 2024-07-15")]
    assert alike.explain().splitlines()[1] == \
        "  - clause 1: permits `read` of `content` for purpose `research`"
    assert [r["part"] for r in alike.to_dict()["reasons"]] == ["from 2024-06-15 to 2024-07-15"]
    # beside a reason about the later part alone, each names its own days
    denied = decide(later)
    assert denied.outcome == "denied"
    assert [(r.clause, str(r.part)) for r in denied.reasons] == [
        ("1", "from 2024-06-15 to 2024-07-15"), ("2", "from 2024-07-01 to 2024-07-15")]
    assert denied.explain().splitlines()[1] == "  - from 2024-06-15 to 2024-07-15: clause 1: " \
        "permits `read` of `content` for purpose `research`"
    assert "  - 15 juni 2024 tot en met 15 juli 2024: 1: staat toe: `read` van `content` voor " \
        "doel `research`" in denied.explain(locale="nl")
    assert "  - du 15 juin 2024 au 15 juillet 2024\u00a0: 1\u00a0: autorise" in \
        denied.explain(locale="fr")
    # a clause that means something else in the later version is said in each part, though
    # its words for this usage are the same
    changed = decide("", unless=" unless consent")
    assert [(r.clause, str(r.part)) for r in changed.reasons] == [
        ("1", "from 2024-06-15 to 2024-06-30"), ("1", "from 2024-07-01 to 2024-07-15")]


SEVERAL_UNLESS = """\
agreement "Exceptions" version "1".
effective 2024-01-01.
action read "read".
data content "content".
fact consent "the person has consented".
fact required_by_law "the law requires it".
clause 1: licensee may read content.
clause 2: licensee must not read content unless consent unless required_by_law.
"""


@pytest.mark.parametrize("facts, outcome", [
    ({}, "denied"), ({"consent": "2024-01-02"}, "permitted"),
    ({"required_by_law": "2024-01-02"}, "permitted"),
    ({"consent": "2024-01-02", "required_by_law": "2024-01-02"}, "permitted")])
def test_each_unless_of_a_clause_is_an_exception_of_its_own(facts, outcome):
    """`unless CONDITION` excludes the usages where it holds, each `unless` of a clause alike
    (docs/language.md): with consent alone the prohibition does not apply. The modifiers were
    read as one `unless consent and required_by_law`, so either alone was denied."""
    agreement = contractdsl.parse(SEVERAL_UNLESS)
    decision = contractdsl.permits(agreement, {"action": "read", "data": "content",
                                               "date": "2024-03-01", "facts": facts})
    assert decision.outcome == outcome
    assert format_text(SEVERAL_UNLESS).endswith(
        "clause 2:\n  licensee must not read content unless consent or required_by_law.\n")
