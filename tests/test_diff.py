"""The semantic diff: the Twitter amendment of 2023, the laws of soundness (every counterexample
really differs) and completeness (every usage decided differently falls in a reported region),
the redline in three languages, and the command line. The Twitter amendment is the condensed one
of docs/examples/amendment: the texts in full are beyond the diff's exhaustive enumeration."""

import datetime as dt
import json

import attrs
import pytest
from hypothesis import assume, given, strategies as st

import contractdsl
from contractdsl import model as m
from contractdsl.analysis.diff import Side, diff, differs, succession, usage_data, version
from contractdsl.analysis.space import FACETS, space
from contractdsl.analysis.space import judgement as space_judgement
from contractdsl.cli import main
from contractdsl.errors import InputError, UsageError
from contractdsl.usage import Usage
from contractdsl.strategies import DEFAULT_START, agreements, aimed_usages
from conftest import AMENDMENT as TWITTER, AMENDMENT_FILES as TWITTER_FILES, ROOT

OLD, NEW = "2022-10-10", "2023-03-29"
READING = {"app": "bing_pages", "action": "read", "data": "posts",
           "purpose": "search_results_display"}


@pytest.fixture(scope="module")
def twitter():
    return contractdsl.load(*TWITTER_FILES)


@pytest.fixture(scope="module")
def twitter_diff(twitter):
    return diff(version(twitter, OLD), version(twitter, NEW))


def decided(agreement, usage) -> Side:
    """How an agreement decides a usage, as the diff compares it (compiled afresh once: the
    diff's own program keeps the terms it judged)."""
    from contractdsl.analysis.diff import _side

    fresh = _fresh.get(id(agreement))
    if fresh is None or fresh[0] is not agreement:
        fresh = _fresh[id(agreement)] = (agreement, m.Agreement(documents=agreement.documents))
    return _side(contractdsl.permits(fresh[1], usage))


_fresh: dict = {}


# ---- the Twitter amendment ------------------------------------------------------------------


def test_reading_posts_without_a_tier_is_denied_from_2023_04_29(twitter, twitter_diff):
    reading = contractdsl.Usage(**READING, start=dt.date(2023, 5, 2), end=dt.date(2023, 5, 2))
    found = [c for c in twitter_diff.changes if c.covers(reading)]
    assert [(c.kind, c.start, c.end, c.narrows) for c in found] == \
        [("permitted-to-denied", dt.date(2023, 4, 29), None, True)]
    change = found[0]
    assert [c for c, *_ in change.old.clauses] == ["I.B.1"]
    assert [c for c, *_ in change.new.clauses] == ["TIERS"]
    assert None in change.names("tier") and "read" in change.names("action")
    # the counterexample is confirmed under both texts, on the day the change applies
    example = change.example
    assert example.start == dt.date(2023, 4, 29) and example.tier is None
    assert contractdsl.permits(version(twitter, OLD), example).outcome == "permitted"
    assert contractdsl.permits(version(twitter, NEW), example).outcome == "denied"
    # before 2023-04-29, the same reading is judged alike by both texts
    earlier = attrs.evolve(reading, start=dt.date(2023, 4, 1), end=dt.date(2023, 4, 1))
    assert not twitter_diff.covers(earlier)
    assert contractdsl.permits(version(twitter, OLD), earlier).outcome == \
        contractdsl.permits(version(twitter, NEW), earlier).outcome == "permitted"
    # a paid tier is not a name of the 2022 text: the vocabulary says so
    assert "basic" in twitter_diff.vocabulary["tier"][0]
    assert twitter_diff.narrows


def test_direct_messages_without_consent_are_no_longer_forbidden(twitter, twitter_diff):
    usage = contractdsl.Usage(**{**READING, "data": "direct_messages"},
                              start=dt.date(2023, 4, 1), end=dt.date(2023, 4, 1))
    found = [c for c in twitter_diff.changes if c.covers(usage)]
    assert [(c.kind, c.end) for c in found] == [("denied-to-permitted", dt.date(2023, 4, 28))]
    assert found[0].old.clauses[0][0] == "II.A(f)" and "user_consent" in found[0].without
    consenting = attrs.evolve(usage, facts=(("user_consent", None),))
    assert not twitter_diff.covers(consenting)


def test_a_removed_duty_is_a_region_of_its_own(twitter_diff):
    removed = [c for c in twitter_diff.changes if c.kind == "duties"]
    assert removed
    for change in removed:
        assert [d.split(" (")[0] for d in change.removed_duties] == \
            ["notify the licensor of the suspected breach"]
        assert change.added_duties == () and "breach_suspected" not in change.without


def test_the_twitter_breach_notice_dropped_is_one_region(twitter_diff):
    """The 2023 text drops the duty to notify of a suspected breach: one region from its first
    day to the day before `TIERS`, for each set of clauses that permits. (Each text read alone,
    time would be cut on 2023-03-31, past the duty to delete counted from the new text's first
    day, and each region listed twice: before that day the texts owe the duty to delete from
    different days, so the counterexample states a request to delete and shows every duty
    done, the dropped one among them, and its region is not the one that does not.)"""
    dropped = [c for c in twitter_diff.changes if c.kind == "duties"]
    assert dropped and {(c.start, c.end) for c in dropped} == {
        (dt.date(2023, 3, 29), dt.date(2023, 4, 28))}
    assert len({(c.old.clauses, c.new.clauses) for c in dropped}) == len(dropped)


def test_every_twitter_counterexample_is_confirmed(twitter, twitter_diff):
    """Each counterexample as `permits` decides it under the old text and under the new one
    as its successor: the two read together."""
    together = succession(version(twitter, OLD), version(twitter, NEW))
    assert twitter_diff.successor and together is not None
    for change in twitter_diff.changes:
        before = decided(version(twitter, OLD), change.example)
        after = decided(together, change.example)
        assert differs(before, after), change
        assert (before.outcome, after.outcome) == (change.old.outcome, change.new.outcome)
    assert twitter_diff.unshown == ()


def test_every_twitter_counterexample_read_alone_is_confirmed(twitter):
    """Each text read alone (`successor=False`): the duty to delete, held by both from
    different days, is a change up to 2023-03-30, and each region is shown by a usage
    `permits` decides so under each text alone (some with every other duty shown done: a
    notice before sharing with government is breached under both otherwise)."""
    old, new = version(twitter, OLD), version(twitter, NEW)
    alone = diff(old, new, successor=False)
    assert not alone.successor and alone.unshown == ()
    assert any(c.end == dt.date(2023, 3, 30) for c in alone.changes)
    for change in alone.changes:
        before, after = decided(old, change.example), decided(new, change.example)
        assert differs(before, after), change
        assert (before.outcome, after.outcome) == (change.old.outcome, change.new.outcome)


def test_the_same_text_has_no_change(twitter):
    same = diff(version(twitter, NEW), version(twitter, NEW))
    assert same.changes == () and same.redline == () and not same.narrows


def test_since_is_a_date_or_its_text_and_anything_else_an_input_error(twitter):
    old, new = version(twitter, OLD), version(twitter, NEW)
    assert diff(old, new, since="2023-06-01") == diff(old, new, since=dt.date(2023, 6, 1))
    for wrong in ("June 2023", 20230601, dt.datetime(2023, 6, 1)):
        with pytest.raises(InputError) as raised:
            diff(old, new, since=wrong)
        assert str(raised.value) == (f"`{wrong}` is not a date\n"
                                     "help: write it as YYYY-MM-DD, e.g. 2023-04-29")


def test_a_fee_alone_is_a_change_with_the_facts_its_conditions_read():
    text = ('agreement "A" version "{}". effective {}.\n'
            'action use "use". data content "content". fact notified "notified".\n'
            'unit records "records". unit USD "US dollars" measures money.\n'
            "clause 1: licensee may use content.\n")
    old = contractdsl.parse(text.format("1", "2024-01-01"))
    new = contractdsl.parse(text.format("2", "2025-01-01") +
                            "clause F: licensee must pay 1 USD per 1,000 records when notified.\n")
    (change,) = diff(old, new).changes
    assert change.kind == "duties" and change.example.fact_names() == {"notified"}
    assert change.new.duties == ("pay 1 USD per 1,000 records",)
    assert not diff(old, new).covers(Usage.from_dict({"date": "2025-02-01"}))


_BLANKET = ('agreement "A" version "{}". effective {}.\n'
            'action use "use". action read "read" under use. action share "share" under use.\n'
            'data content "content". data posts "posts" under content.\n'
            'purpose research "research". purpose ads "ads". recipient partner "partner".\n'
            'fact notified "notified". fact consented "consented". unit posts "posts".\n'
            'tier pro "Pro": read no more than 10 posts per day.\n'
            'app tool "Tool" approved for research. app other "Other" approved for ads.\n'
            "clause 1: licensee may use content for an approved purpose.\n"
            "clause 2: licensee may share posts with partner when consented.\n"
            "clause 3: licensee must not read posts for ads when notified.\n"
            "clause 4: licensee must not share content for research.\n")


_SHARING = ('agreement "S" version "1". effective 2024-01-01.\n'
            'action use "use". action read "read" under use. action share "share" under use.\n'
            'data content "content". data posts "posts" under content.\n'
            'purpose research "research". purpose ads "ads". purpose news "news".\n'
            'recipient partner "partner". recipient broker "broker".\n'
            'fact notified "notified". fact reported "reported". unit posts "posts".\n'
            'duty report "report" shown by reported.\n'
            "clause 1: licensee may use content for research.\n"
            "clause 2: licensee may use content for ads.\n"
            "clause 3: licensee may use content for news.\n"
            "clause 4: licensee must not share content with broker unless purpose is {}.\n"
            "clause 5: licensee must not read more than {} posts per day.\n"
            "clause 6: licensee must report within 1 day after notified.\n")


def test_the_diff_judges_only_the_cells_whose_rules_differ_and_leaves_out_none_that_differ():
    """Texts that differ only in which purposes lift a prohibition: the diff leaves out the
    cells whose terms meet the same permissions and prohibitions in both (every one of them
    judged alike by both), and finds the change. Texts that also differ in a limit leave out
    none: a limit may bind any cell."""
    old = contractdsl.parse(_SHARING.format("research", "10"))
    new = contractdsl.parse(_SHARING.format("news", "10"))
    found = diff(old, new)
    assert [(c.kind, c.names("purpose"), c.names("recipient")) for c in found.changes] == [
        ("permitted-to-denied", ("research",), ("broker",)),
        ("denied-to-permitted", ("news",), ("broker",))]
    programs = contractdsl.compile(old), contractdsl.compile(new)
    universe = space(*programs, since=found.since)
    (period,) = universe.periods
    every = list(universe.cells(period))
    judged = list(universe.cells(period, differing=True))
    left_out = set(every) - set(judged)
    assert judged and len(left_out) > len(judged)
    assert all(c.names("recipient") == ("broker",) for c in judged)
    for cell in left_out:
        for variant in (cell, *universe.variants(cell)):
            usage = variant.example()
            before, after = (space_judgement(program, index, usage)
                             for program, index in zip(programs, period.stretches))
            assert before == after, variant
    limited = contractdsl.parse(_SHARING.format("news", "20"))
    universe = space(contractdsl.compile(old), contractdsl.compile(limited), since=found.since)
    (period,) = universe.periods
    assert list(universe.cells(period, differing=True)) == list(universe.cells(period))


def test_cells_both_texts_deny_whatever_they_state_are_left_out_and_change_nothing(
        monkeypatch):
    """A blanket prohibition added to a text denies every usage under it: the cells the other
    text denies too by their terms alone (no permission for the app, or a prohibition with no
    condition) are not judged, and the diff is the one judging every cell gives."""
    old = contractdsl.parse(_BLANKET.format("1", "2024-01-01"))
    new = contractdsl.parse(_BLANKET.format("2", "2025-01-01") +
                            "clause Z: licensee must not use content.\n")
    found = diff(old, new)
    assert found.changes and all(c.kind == "permitted-to-denied" for c in found.changes)
    assert all([c for c, *_ in change.new.clauses] == ["Z"] for change in found.changes)
    programs = contractdsl.compile(old), contractdsl.compile(new)
    universe = space(*programs, since=found.since)
    (period,) = universe.periods
    judged = list(universe.cells(period))
    monkeypatch.setattr(type(universe), "_denied", lambda self, period, classes: False)
    every = list(space(*programs, since=found.since).cells(period))
    assert len(judged) < len(every) // 2
    for cell in set(every) - set(judged):
        usage = cell.example()
        for program, index in zip(programs, period.stretches):
            judgement = space_judgement(program, index, usage)
            assert judgement is None or judgement.outcome == "denied", cell
    assert diff(old, new).to_dict() == found.to_dict()


def test_a_new_prohibition_of_an_act_is_a_change_its_counterexample_shows():
    text = ('agreement "A" version "{}". effective {}.\n'
            'action use "use". data content "content". act register "register an app".\n'
            'purpose p "p".\n'
            "clause 1: licensee may use content.\n")
    apps = ('schedule "Apps" for "A".\n'
            'app one "One" approved for p.\napp two "Two" approved for p.\n')
    from contractdsl.syntax import parse_document

    def agreement(version, day, extra=""):
        return m.Agreement(documents=(parse_document(text.format(version, day) + extra, "a"),
                                      parse_document(apps, "s")))

    old = agreement("1", "2024-01-01")
    new = agreement("2", "2025-01-01", "clause 2: licensee must not register when licensee "
                                       "has more than 1 apps approved for the purpose.\n")
    changes = [c for c in diff(old, new).changes if c.kind == "permitted-to-denied"]
    (change,) = changes
    example = change.example
    assert (example.act, example.action, example.data, example.purpose) == \
        ("register", None, None, "p")
    assert [c for c, *_ in change.new.clauses] == ["2"]
    assert contractdsl.permits(new, example).outcome == "denied"


def test_a_new_duty_before_an_act_is_a_change_for_that_act_among_others_it_is_owed_by():
    # the new duty is owed whatever is done, and breached by `zap` done before it: the cells
    # of `ask` (owed, not breached) come first and must not hide those of `zap`
    text = ('agreement "A" version "{}". effective {}.\n'
            'action use "use". data content "content".\n'
            'act ask "ask for access". act zap "delete an account".\n'
            'purpose p "p". purpose q "q". recipient r "r". recipient s "s".\n'
            'fact notified "the licensor was notified".\n'
            'duty notify "notify the licensor" shown by notified.\n'
            'unit USD "US dollars" measures money.\n'
            'tier free "Free" costs 0 USD per calendar month:\n'
            '  use no more than 1 USD per day.\n'
            "clause 1: licensee may use content.\n"
            "clause 3: licensee must not use content for p with r.\n")
    old = contractdsl.parse(text.format("1", "2024-01-01"))
    new = contractdsl.parse(text.format("2", "2025-01-01") +
                            "clause 2: licensee must notify before zap.\n")
    found = diff(old, new)
    zap = Usage.from_dict({"act": "zap", "date": "2025-02-01"})
    assert (contractdsl.permits(old, zap).outcome, contractdsl.permits(new, zap).outcome) == \
        ("permitted", "denied")
    assert found.covers(zap)
    (change,) = [c for c in found.changes if c.kind == "permitted-to-denied"]
    assert change.example.act == "zap" and [c for c, *_ in change.new.clauses] == ["2"]


def test_a_new_duty_every_day_after_a_fact_is_a_change_a_usage_stating_the_fact_shows():
    # no fact shows the duty done, and it is owed only once `started` happened: the usage
    # that stands for a cell states neither, so it takes `started` stated (here with the
    # duty overdue, which a duty no fact shows done never is) to show the change
    text = ('agreement "A" version "{}". effective {}.\n'
            'action use "use". data content "content". act register "register an app".\n'
            'purpose p "p".\n'
            'fact started "the service started".\n'
            'duty report "report the service\'s uptime".\n'
            "clause 1: licensee may use content.\n")
    old = contractdsl.parse(text.format("1", "2024-01-01"))
    new = contractdsl.parse(text.format("2", "2025-01-01") +
                            "clause 2: licensee must report every 1 day after started.\n")
    found = diff(old, new)
    assert found.unshown == ()
    for doing in ({"act": "register", "purpose": "p"}, {"action": "use"}):
        usage = Usage.from_dict({**doing, "date": "2025-02-10",
                                 "facts": {"started": "2025-02-01"}})
        before, after = decided(old, usage), decided(new, usage)
        assert before.duties == () and \
            after.duties == ("report the service's uptime every 1 day after `started` "
                             "(by 2025-02-02)",)
        assert found.covers(usage)
        (change,) = [c for c in found.changes if c.covers(usage)]
        assert change.kind == "duties" and change.example.fact_names() == {"started"}
    # without the fact, the duty is not owed: the usage is decided alike
    quiet = Usage.from_dict({"act": "register", "date": "2025-02-10"})
    assert decided(old, quiet) == decided(new, quiet)


def test_a_duty_every_week_after_a_fact_said_anew_is_shown_by_a_usage_stating_the_fact():
    # the weekly report must now tell the incidents too: owed only once `started` happened,
    # and overdue under both texts alike (each denies the usage), so only a usage that states
    # `started` without the report overdue shows the duty changed
    text = ('agreement "A" version "{}". effective {}.\n'
            'action use "use". data content "content".\n'
            'fact started "the service started". fact reported "the uptime was reported".\n'
            'duty report "{}" shown by reported.\n'
            "clause 1: licensee may use content.\n"
            "clause 2: licensee must report every 7 days after started.\n")
    old = contractdsl.parse(text.format("1", "2024-01-01", "report the service's uptime"))
    new = contractdsl.parse(text.format("2", "2025-01-01",
                                        "report the service's uptime and incidents"))
    found = diff(old, new)
    assert found.unshown == ()
    late = Usage.from_dict({"action": "use", "date": "2025-02-10",
                            "facts": {"started": "2025-02-01"}})
    assert (decided(old, late).outcome, decided(new, late).outcome) == ("denied", "denied")
    due = Usage.from_dict({"action": "use", "date": "2025-02-10",
                           "facts": {"started": "2025-02-08"}})
    before, after = decided(old, due), decided(new, due)
    assert (before.outcome, after.outcome) == ("permitted", "permitted")
    assert (before.duties, after.duties) == (
        ("report the service's uptime every 7 days after `started` (by 2025-02-15)",),
        ("report the service's uptime and incidents every 7 days after `started` "
         "(by 2025-02-15)",))
    # the new version carries clause 2 over (its duty's words alone differ), so it binds from
    # the old one's day: from the new one's first day, the duty's words alone differ
    assert found.successor and {(c.kind, c.start, c.end) for c in found.changes} == {
        ("duties", dt.date(2025, 1, 1), None)}
    assert found.covers(due) and all("started" in c.example.fact_names() for c in found.changes)
    # (each text read alone owes a start before its first day from that day: up to the new
    # text's first deadline, 2025-01-08, a start before 2025-01-01 is overdue, or may be, under
    # the old text only; from the day after, the duty's words alone differ)
    alone = diff(old, new, successor=False)
    assert alone.unshown == ()
    first_week = [c for c in alone.changes if c.end == dt.date(2025, 1, 8)]
    assert {(c.kind, c.start) for c in first_week} == {
        (kind, dt.date(2025, 1, 1)) for kind in ("denied-to-permitted", "duties",
                                                 "undetermined-to-permitted")}
    assert alone.covers(due) and {(c.kind, c.start) for c in alone.changes
                                  if c not in first_week} == {("duties", dt.date(2025, 1, 9))}
    assert all("started" in c.example.fact_names() for c in alone.changes)


def test_a_new_duty_after_a_fact_a_rule_reads_is_a_change_where_the_fact_is_stated():
    # `started` is read by clause 3, which denies it but in tier t17: the duty is owed only
    # where `started` is stated, in t17, and the cells of every tier that leave it out (where
    # no usage owes it) must neither be a region nor hide the cell of t17 among them
    tiers = "".join(f'tier t{i} "Tier {i}".\n' for i in range(18))
    text = ('agreement "A" version "{}". effective {}.\n'
            'action use "use". data content "content".\n'
            'fact started "the service started". fact reported "the uptime was reported".\n'
            'duty report "report the service\'s uptime" shown by reported.\n' + tiers +
            "clause 1: licensee may use content.\n"
            "clause 3: licensee must not use content when started unless tier is t17.\n")
    old = contractdsl.parse(text.format("1", "2024-01-01"))
    new = contractdsl.parse(text.format("2", "2025-01-01") +
                            "clause 2: licensee must report within 2 days after started.\n")
    found = diff(old, new)
    late = Usage.from_dict({"action": "use", "data": "content", "tier": "t17",
                            "date": "2025-02-10", "facts": {"started": "2025-02-01"}})
    assert (decided(old, late).outcome, decided(new, late).outcome) == ("permitted", "denied")
    assert found.covers(late) and found.unshown == ()
    (change,) = found.changes
    assert change.names("tier") == ("t17",) and all("started" in c.facts for c in change.cells)
    # without `started` the duty is owed by no usage: decided alike, in no region
    quiet = Usage.from_dict({"action": "use", "data": "content", "tier": "t17",
                             "date": "2025-02-10"})
    assert decided(old, quiet) == decided(new, quiet) and not found.covers(quiet)


def test_a_new_prohibition_of_an_act_is_shown_with_the_duties_shown_done_but_by_facts():
    # the old text's daily duty is overdue on the first day of the comparison, so the act is
    # denied by both unless `notified` is stated; `enrol` is done by an act, not shown by a
    # fact: stating it as one made the usage an error and the change went unshown
    text = ('agreement "A" version "{}". effective {}.\n'
            'action use "use". data content "content". act register "register an app".\n'
            'fact notified "the licensor was notified".\n'
            'duty notify "notify the licensor" shown by notified.\n'
            'duty enrol "enrol the app" shown by register.\n'
            "clause 1: licensee may use content.\n"
            "clause 2: licensee must notify every 1 day.\n"
            "clause 3: licensee must enrol.\n")
    old = contractdsl.parse(text.format("1", "2024-01-01"))
    new = contractdsl.parse(text.format("2", "2025-01-01") +
                            "clause 4: licensee must not register.\n")
    found = diff(old, new)
    registering = Usage.from_dict({"act": "register", "date": "2025-02-01",
                                   "facts": ["notified"]})
    assert (decided(old, registering).outcome, decided(new, registering).outcome) == \
        ("permitted", "denied")
    assert found.covers(registering) and found.unshown == ()
    (change,) = [c for c in found.changes if c.covers(registering)]
    assert change.kind == "permitted-to-denied" and [c for c, *_ in change.new.clauses] == ["4"]
    assert change.example.act == "register" and change.example.fact_names() == {"notified"}
    # read alone, the new text counts its daily duty from its own first day: past the first
    # deadline of each, the two duties are alike, and the change is shown the same way
    alone = diff(old, new, successor=False)
    assert alone.covers(registering) and alone.unshown == ()
    assert {(c.kind, c.example.fact_names()) for c in alone.changes
            if c.covers(registering)} == {("permitted-to-denied", frozenset({"notified"}))}


def test_a_duty_owed_under_two_clauses_is_the_duty_owed_under_one():
    # the old text owes `notify` for posts under clauses 1 and 2, the new under 1 alone: the
    # same duty, so the usage is decided alike (the cells were judged alike, by meaning)
    text = ('agreement "A" version "{}". effective {}.\n'
            'action use "use". data content "content". data posts "posts" under content.\n'
            'fact notified "the licensor was notified".\n'
            'duty notify "notify the licensor" shown by notified.\n'
            "clause 1: licensee may use posts provided licensee must notify.\n")
    old = contractdsl.parse(text.format("1", "2024-01-01") +
                            "clause 2: licensee may use content provided licensee must notify.\n")
    new = contractdsl.parse(text.format("2", "2025-01-01"))
    posts = Usage.from_dict({"action": "use", "data": "posts", "date": "2025-02-01",
                             "facts": ["notified"]})
    assert [o.clause for o in contractdsl.permits(old, posts).obligations] == ["1", "2"]
    before, after = decided(old, posts), decided(new, posts)
    assert before.duties == after.duties == ("notify the licensor (met)",)
    assert not differs(before, after)
    found = diff(old, new)
    assert not found.covers(posts)
    (change,) = found.changes  # the other content, no longer permitted
    assert change.kind == "permitted-to-denied" and change.example.data == "content"


def test_apps_whose_schedules_state_the_licensee_otherwise_are_told_apart():
    # `two`'s schedule states its licensee a public body, `one`'s states nothing: a usage by
    # `one` may state either, and is decided by it; a usage by `two` states nothing else
    text = ('agreement "A" version "{}". effective {}.\n'
            'action use "use". data content "content".\n'
            'attribute public "a public body" of licensee.\n'
            "clause 1: licensee may use content{}.\n")
    schedules = ('schedule "Apps 2" for "A".\nlicensee "Two".\nlicensee is public.\n'
                 'app two "Two".\n', 'schedule "Apps 1" for "A".\nlicensee "One".\n'
                 'app one "One".\n')
    from contractdsl.syntax import parse_document

    def agreement(*args):
        return m.Agreement(documents=(parse_document(text.format(*args), "a"), *(
            parse_document(s, f"s{n}") for n, s in enumerate(schedules))))

    old = agreement("1", "2024-01-01", " when licensee is public")
    new = agreement("2", "2025-01-01", "")
    programs = [contractdsl.compile(old), contractdsl.compile(new)]
    universe = space(*programs, since=dt.date(2025, 1, 1))
    (period,) = universe.periods
    assert ("two",) in universe.classes(period)["app"]
    for cell in universe.cells(period):  # each name of a class stands for the others
        for app in cell.names("app"):
            for program in programs:
                assert contractdsl.permits(program, cell.example(names={"app": app})).outcome \
                    == contractdsl.permits(program, cell.example()).outcome
    private = Usage.from_dict({"app": "one", "date": "2025-02-01",
                               "licensee": {"public": False}})
    assert (decided(old, private).outcome, decided(new, private).outcome) == \
        ("denied", "permitted")
    found = diff(old, new)
    assert found.covers(private)
    public = attrs.evolve(private, app="two", licensee=())
    assert decided(old, public) == decided(new, public) and not found.covers(public)


@pytest.mark.parametrize("locale, words", [
    ("en", ["Redline", "added: TIERS", "removed: II.A(f)", "renumbered: I.B.1 → II.A.1",
            "The licensee must not use Twitter content in any way, unless the licensee "
            "subscribes to a tier. In force from 29 April 2023."]),
    ("nl", ["Wijzigingen", "toegevoegd: TIERS", "geschrapt: II.A(f)", "29 april 2023"]),
    ("fr", ["Modifications", "ajoutée\u00a0: TIERS", "supprimée\u00a0: II.A(f)", "29 avril 2023",
            "Le licencié ne doit pas"]),
])
def test_the_redline_is_said_in_each_language(twitter_diff, locale, words):
    text = twitter_diff.render_redline(locale)
    for word in words:
        assert word in text, (locale, word)
    changed = [a for a in twitter_diff.redline if a.kind == "changed"]
    assert [(a.old.id, a.new.id) for a in changed] == [("II.A(b2)", "III.A(d)")]


def test_an_unknown_version_is_a_located_error(twitter):
    with pytest.raises(InputError) as caught:
        version(twitter, "2021")
    assert "unknown version `2021`" in str(caught.value)
    assert "`2022-10-10`, `2023-03-29`" in str(caught.value)


# ---- the laws -------------------------------------------------------------------------------

pair = agreements(min_versions=2, max_versions=2)


def versions_of(agreement):
    first, second = (v.version for v in agreement.versions)
    return version(agreement, first), version(agreement, second)


def judged_new(old, new):
    """The new text as the diff judges it: as the old one's successor, the two read together,
    where it is a later version of the old one's agreement (see `succession`)."""
    return succession(old, new) or new


def straddles(usage, *agreements) -> bool:
    """Whether the usage's period runs across a date where either text changes."""
    cuts = {d for a in agreements for d in contractdsl.compile(a).changes}
    return any(usage.first_day < d <= usage.last_day for d in cuts)


def test_a_usage_whose_facts_leave_a_comparison_open_falls_in_its_region():
    """A comparison of two facts' dates that a usage's undated facts leave open: the old text
    leaves the usage undetermined, the new one denies it, and the region of that change holds
    the usage (the cells where the comparison holds state no date of either fact)."""
    head = """\
agreement "T" version "VERSION".
effective 2024-01-01.
action use "use".
data content "content".
fact first "the first fact".
fact second "the second fact".
app tool "Tool".
"""
    old = contractdsl.parse(head.replace("VERSION", "1") +
                            "clause 1: licensee may use content "
                            "when first is more than 11 years before second.\n")
    new = contractdsl.parse(head.replace("VERSION", "2"))
    usage = Usage.from_dict({"app": "tool", "action": "use", "data": "content",
                             "date": "2024-06-01", "facts": {"first": None, "second": None}})
    assert (decided(old, usage).outcome, decided(new, usage).outcome) == \
        ("undetermined", "denied")
    assert diff(old, new, since=dt.date(2024, 1, 1)).covers(usage)


@given(pair)
def test_law_every_counterexample_really_differs(agreement):
    old, new = versions_of(agreement)
    found = diff(old, new, since=DEFAULT_START)
    new = judged_new(old, new)
    for change in found.changes:
        before, after = decided(old, change.example), decided(new, change.example)
        assert differs(before, after)
        assert before.outcome == change.old.outcome and after.outcome == change.new.outcome


@given(st.data())
def test_law_every_usage_decided_differently_falls_in_a_region(data):
    agreement = data.draw(pair)
    old, new = versions_of(agreement)
    found = diff(old, new, since=DEFAULT_START)
    new = judged_new(old, new)
    for _ in range(20):
        usage = data.draw(aimed_usages(agreement))
        if straddles(usage, old, new):
            continue
        try:
            before, after = decided(old, usage), decided(new, usage)
        except UsageError:
            continue  # a name one text does not define: judged by the other only
        if differs(before, after):
            assert found.covers(usage), (usage, before, after)


@given(st.data())
def test_law_every_twitter_usage_decided_differently_falls_in_a_region(data):
    """The same law over the real texts, with usages of their own vocabulary."""
    if not _twitter:
        twitter = contractdsl.load(*TWITTER_FILES)
        old, new = version(twitter, OLD), version(twitter, NEW)
        _twitter.update(twitter=twitter, old=old, new=judged_new(old, new),
                        found=diff(old, new))
    twitter, old, new, found = (_twitter[k] for k in ("twitter", "old", "new", "found"))
    usage = data.draw(aimed_usages(twitter, start=dt.date(2023, 3, 29),
                                   end=dt.date(2023, 5, 31), volumes=False))
    # one day of it, with no tier of the 2023 text only (those the 2022 text cannot judge),
    # and more of the facts that conditions and duties read than blind drawing gives
    facts = data.draw(st.lists(st.sampled_from(TWITTER_FACTS), unique=True, max_size=5))
    usage = attrs.evolve(usage, start=usage.first_day, end=usage.first_day, tier=None,
                         facts=tuple((f, None) for f in facts))
    try:
        before, after = decided(old, usage), decided(new, usage)
    except UsageError:
        return  # a purpose of the 2023 text only
    if differs(before, after):
        assert found.covers(usage), (usage, before, after)


_twitter: dict = {}
TWITTER_FACTS = ("licensor_notified", "written_approval", "user_consent", "deletion_request",
                 "content_deleted", "audit_notice", "audit_cooperation", "breach_suspected",
                 "breach_reported")


def test_every_name_of_a_twitter_class_stands_for_the_others(twitter):
    """Each cell of the Twitter texts' space, with every facet's last name instead of its
    first: each text decides it as it decides the cell's example."""
    programs = [contractdsl.compile(version(twitter, v)) for v in (OLD, NEW)]
    universe = space(*programs, since=dt.date(2023, 3, 29))
    checked = 0
    for period in universe.periods:
        for cell in universe.cells(period):
            usage = cell.example()
            last = {f: cell.names(f)[-1] for f in FACETS}
            other = attrs.evolve(usage, app=last["app"], action=last["action"],
                                 data=last["data"], purpose=last["purpose"], tier=last["tier"],
                                 recipients=() if last["recipient"] is None
                                 else (last["recipient"],))
            for program in programs:
                assert contractdsl.permits(program, other).outcome == \
                    contractdsl.permits(program, usage).outcome, (cell, other)
            checked += 1
    assert checked > 700


@given(pair, st.data())
def test_law_a_cell_decides_alike_whatever_name_of_its_classes(agreement, data):
    """Every name of a class stands for the others: swapping one for another never changes
    what either text decides."""
    old, new = versions_of(agreement)
    programs = (contractdsl.compile(old), contractdsl.compile(new))
    universe = space(*programs, since=DEFAULT_START)
    cells = [c for p in universe.periods for c in universe.cells(p)]
    assume(cells)
    cell = data.draw(st.sampled_from(cells))
    names = {f: data.draw(st.sampled_from(cell.names(f))) for f in FACETS}
    usage, other = cell.example(), cell.example(names=names)
    for program in programs:
        try:
            expected = contractdsl.permits(program, usage).outcome
        except UsageError:
            continue
        assert contractdsl.permits(program, other).outcome == expected


# ---- the command line -----------------------------------------------------------------------

VERSIONS = [*map(str, TWITTER_FILES), "--versions", OLD, NEW]


def test_cli_text_names_the_change_and_exits_1(capsys):
    assert main(["diff", *VERSIONS]) == 1
    out = capsys.readouterr().out
    assert "permitted -> denied from 2023-04-29" in out
    assert "new: denied by TIERS (Access requires a subscription) at " in out
    assert "added: TIERS" in out


def test_cli_json_and_sarif(capsys):
    assert main(["diff", *VERSIONS, "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(data, json.loads((ROOT / "docs" / "report.schema.json").read_text()))
    assert data["command"] == "diff" and data["diff"]["narrows"] is True
    kinds = {c["kind"] for c in data["diff"]["changes"]}
    assert {"permitted-to-denied", "denied-to-permitted", "duties"} <= kinds
    assert main(["diff", *VERSIONS, "--format", "sarif"]) == 1
    log = json.loads(capsys.readouterr().out)
    results = log["runs"][0]["results"]
    narrowing = [r for r in results if r["ruleId"] == "permitted-to-denied"]
    assert narrowing and all(r["level"] == "error" for r in narrowing)
    assert narrowing[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] \
        .endswith("developer-agreement-2023.agreement")
    # (its counterexample as a usage file writes it, as the text and lint say one)
    assert "\ne.g. {date: 20" in narrowing[0]["message"]["text"]


def test_cli_two_files_and_two_sets(capsys):
    schedule = str(TWITTER / "microsoft-apps.agreement")
    old, new = (str(TWITTER / f"developer-agreement-{y}.agreement") for y in (2022, 2023))
    assert main(["diff", old, new]) == 1
    assert "from 2023-03-29" in capsys.readouterr().out
    assert main(["diff", "--old", old, schedule, "--new", new, schedule, "-q"]) == 1
    out = capsys.readouterr().out
    assert "permitted -> denied" in out and "denied -> permitted" not in out


def test_cli_exit_0_when_nothing_is_forbidden_anew(capsys):
    new = str(TWITTER / "developer-agreement-2023.agreement")
    old = str(TWITTER / "developer-agreement-2022.agreement")
    assert main(["diff", new, new]) == 0
    assert "0 region(s) of change, 0 narrowing" in capsys.readouterr().out
    # read backwards, the 2022 text narrows only where it forbids direct messages (which only
    # the schedule's approved use cases license)
    schedule = str(TWITTER / "microsoft-apps.agreement")
    assert main(["diff", "--old", new, schedule, "--new", old, schedule, "--quiet"]) == 1
    out = capsys.readouterr().out
    assert "permitted -> denied from 2023-03-29" in out and "by II.A(f)" in out
    assert "by TIERS" not in out


def test_cli_text_shows_a_line_feed_or_an_escape_in_a_file_name_on_its_line(tmp_path, capsys):
    text = ('agreement "Terms" version "1".\neffective 2024-01-01.\naction use "use".\n'
            'data d "data".\nclause P1: licensee may use d.\n')
    old, new = tmp_path / "ol\nd.agreement", tmp_path / "ne\x1bw.agreement"
    old.write_text(text)
    new.write_text(text.replace('"1"', '"2"').replace("may use", "must not use"))
    assert main(["diff", str(old), str(new)]) == 1
    out = capsys.readouterr().out
    assert f"  old: permitted by P1 at {tmp_path}/ol␊d.agreement:5\n" \
        f"  new: denied by P1 at {tmp_path}/ne␛w.agreement:5\n" in out
    assert out.endswith("Redline\n  changed: P1\n    was: The licensee may use data.\n"
                        "    now: The licensee must not use data.\n")


@pytest.mark.parametrize("argv, message", [
    (["diff", "a.agreement"], "`diff` compares two files, not 1"),
    (["diff", *VERSIONS[:-3], "--versions", OLD, "1999"], "unknown version `1999`"),
    (["diff", "--old", "x.agreement"], "`--old` and `--new` go together"),
    (["diff", *VERSIONS, "--since", "2023-13-01"], "`2023-13-01` is not a date"),
])
def test_cli_bad_input_is_a_one_line_error(capsys, argv, message):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and "help:" in err and "Traceback" not in err


def _many_conditions(version: str, extra: str = "", distinct: int = 22) -> str:
    """A text of 22 permissions, each when one of ``distinct`` facts, and ``extra``."""
    facts = "".join(f'fact f{i} "fact {i}".\n' for i in range(22))
    clauses = "".join(f"clause P{i}: licensee may use d when f{i % distinct}.\n"
                      for i in range(22))
    return (f'agreement "Terms" version "{version}".\neffective 2024-01-01.\n'
            f'action use "use".\ndata d "data".\n{facts}{clauses}{extra}')


def test_texts_too_large_to_compare_are_refused_before_any_work(tmp_path, capsys):
    # 22 facts read together by the permissions of one combination of terms: 4,194,304 cells
    forbid = "clause X: licensee must not use d when f0.\n"
    with pytest.raises(InputError, match="too large to compare usage by usage") as raised:
        diff(contractdsl.parse(_many_conditions("1")),
             contractdsl.parse(_many_conditions("2", forbid)))
    assert "1,000,000 cells" in str(raised.value) and "help: compare the clauses" in \
        str(raised.value)
    old_file, new_file = tmp_path / "old.agreement", tmp_path / "new.agreement"
    old_file.write_text(_many_conditions("1"))
    new_file.write_text(_many_conditions("2", forbid))
    assert main(["diff", str(old_file), str(new_file)]) == 2
    assert capsys.readouterr().err.startswith(
        "error: the two texts are too large to compare usage by usage")
    # with fewer facts read together, the same change is found
    found = diff(contractdsl.parse(_many_conditions("1", distinct=4)),
                 contractdsl.parse(_many_conditions("2", forbid, distinct=4)))
    assert [c.kind for c in found.changes]


# The first lines of the texts of the tests on money clauses: a version and its start day to fill.
_MONEY_HEAD = ('agreement "Terms" version "{v}".\neffective {d}.\naction use "use".\n'
               'data d "data".\nunit USD "US dollars" measures money.\n'
               'clause 1: licensee may use d.\n')


@pytest.mark.parametrize("charged", ["research", "marketing"])
def test_a_fee_for_one_purpose_is_a_change_for_that_purpose_alone(charged):
    """A fee whose condition names a purpose no other clause tells apart from the rest is a
    change for usages with that purpose, and for no other."""
    head = _MONEY_HEAD + 'purpose marketing "marketing".\npurpose research "research".\n' \
        'unit calls "calls".\n'
    old = contractdsl.parse(head.format(v="1", d="2024-01-01"))
    new = contractdsl.parse(head.format(v="2", d="2024-02-01") + "clause 2: licensee must pay "
                            f"1 USD per 100 calls when purpose is {charged}.\n")
    found = diff(old, new, since=dt.date(2024, 2, 1))
    for purpose in ("research", "marketing"):
        usage = Usage.from_dict({"action": "use", "purpose": purpose, "date": "2024-06-01",
                                 "volume": [{"amount": 500, "unit": "calls", "per": "day"}]})
        shown = [c for c in found.changes if c.covers(usage)]
        assert differs(decided(old, usage), decided(new, usage)) == (purpose == charged)
        assert [c.kind for c in shown] == (["duties"] if purpose == charged else [])
    assert not found.unshown


def test_a_late_charge_dropped_is_a_change_a_late_payment_shows():
    head = _MONEY_HEAD
    old = contractdsl.parse(head.format(v="1", d="2024-01-01")
                            + "clause 2: licensee must pay 1.5 % per month on late payments.\n")
    new = contractdsl.parse(head.format(v="2", d="2024-02-01"))
    found = diff(old, new, since=dt.date(2024, 2, 1))
    assert found.changes and not found.unshown
    late = Usage.from_dict({"action": "use", "date": "2024-06-01", "payments": [
        {"amount": 100, "unit": "USD", "due": "2024-03-01", "paid": "2024-05-15"}]})
    assert found.covers(late)
    (change,) = [c for c in found.changes if c.covers(late)]
    assert change.kind == "duties" and change.example.payments
    assert any("late payments" in duty for duty in change.old.duties) and not change.new.duties


def test_a_cap_on_the_licensees_liability_dropped_is_a_change_a_claim_against_it_shows():
    head = _MONEY_HEAD
    old = contractdsl.parse(head.format(v="1", d="2024-01-01")
                            + "clause 2: licensee's liability is at most 100 USD.\n")
    new = contractdsl.parse(head.format(v="2", d="2024-02-01"))
    change = _the_change_a_claim_against_the_licensee_shows(old, new)
    assert change.example.claim.against == "licensee"


def _the_change_a_claim_against_the_licensee_shows(old, new):
    """The change the diff of two texts reports that covers a claim of 500 USD against the
    licensee, which the two decide differently; the diff shows every change it finds."""
    found = diff(old, new, since=dt.date(2024, 2, 1))
    assert found.changes and not found.unshown
    claimed = Usage.from_dict({"action": "use", "date": "2024-06-01", "claim": {
        "amount": 500, "unit": "USD", "against": "licensee"}})
    assert differs(decided(old, claimed), decided(new, claimed))
    (change,) = [c for c in found.changes if c.covers(claimed)]
    assert change.kind == "duties"
    # the example as the diff prints it, its payment and claim included, shows the change
    printed = usage_data(change.example)
    assert printed["claim"]["against"] == "licensee" and printed["payments"]
    assert differs(decided(old, Usage.from_dict(printed)), decided(new, Usage.from_dict(printed)))
    return change


def test_a_tier_earned_anew_is_a_change_its_unpaid_usage_shows():
    head = _MONEY_HEAD
    old = contractdsl.parse(head.format(v="1", d="2024-01-01") + 'tier t1 "Tier 1".\n')
    new = contractdsl.parse(head.format(v="2", d="2024-02-01")
                            + 'tier t1 "Tier 1" earned by paying at least 5 USD in total.\n')
    found = diff(old, new, since=dt.date(2024, 2, 1))
    assert found.changes and not found.unshown
    unpaid = Usage.from_dict({"action": "use", "tier": "t1", "date": "2024-06-01"})
    (change,) = [c for c in found.changes if c.covers(unpaid)]
    assert change.kind == "permitted-to-denied"
    assert [c[0] for c in change.new.clauses] == ["tier t1"]


def test_a_tier_earned_by_more_is_a_change_a_payment_shows():
    head = _MONEY_HEAD + 'tier t1 "Tier 1" earned by paying at least {amount} USD in total.\n'
    old = contractdsl.parse(head.format(v="1", d="2024-01-01", amount=5))
    new = contractdsl.parse(head.format(v="2", d="2024-02-01", amount=50))
    found = diff(old, new, since=dt.date(2024, 2, 1))
    assert found.changes and not found.unshown
    (change,) = found.changes
    assert change.kind == "permitted-to-denied"
    assert [(p.amount, p.unit) for p in change.example.payments] == [(5, "USD")]


def test_a_cap_in_a_second_currency_changed_is_a_change_a_claim_in_it_shows():
    """A cap in one of several currencies is tried with a claim in that currency: a claim in
    another is not capped by it (the two amounts do not compare)."""
    head = _MONEY_HEAD + 'unit EUR "euros" measures money.\n'
    old = contractdsl.parse(head.format(v="1", d="2024-01-01")
                            + "clause 2: licensee's liability is at most 100 USD.\n")
    new = contractdsl.parse(head.format(v="2", d="2024-02-01")
                            + "clause 2: licensee's liability is at most 200 USD.\n")
    change = _the_change_a_claim_against_the_licensee_shows(old, new)
    assert change.example.claim.unit == "USD"


# ---- what a usage's volume, its day or the dates of its facts alone take away -----------------

_OVERDUE = ('agreement "A" version "{}". effective {}.\n'
            'action use "use". action read "read" under use. data content "content".\n'
            'fact approval "the licensor approved the app". fact notified "the licensor was '
            'notified".\nduty notify "notify the licensor" shown by notified.\n'
            'unit posts "posts".\n'
            "clause 1: licensee may use content.\n")


def _a_limit_and_a_duty_added(before: int, after: int):
    """Two texts with a daily limit of posts read (``before``, then ``after``), the second
    adding a duty due within 5 days after approval."""
    old = contractdsl.parse(_OVERDUE.format("1", "2024-01-01") +
                            f"clause 2: licensee must not read more than {before} posts per day.\n")
    new = contractdsl.parse(_OVERDUE.format("2", "2025-01-01") +
                            f"clause 2: licensee must not read more than {after} posts per day.\n"
                            "clause 3: licensee must notify within 5 days after approval.\n")
    return old, new


def test_a_duty_whose_deadline_a_usage_can_pass_narrows_beside_a_limit_that_widens():
    """The new text raises a limit and adds a duty due within 5 days after an event: a usage
    past the deadline that does not show the duty done is denied by it and permitted by the
    old text, which the diff reports as a narrowing, the limit's widening besides."""
    old, new = _a_limit_and_a_duty_added(10, 20)
    found = diff(old, new)
    late = Usage.from_dict({"action": "read", "data": "content", "date": "2025-02-10",
                            "facts": {"approval": "2025-02-01"}})
    assert (decided(old, late).outcome, decided(new, late).outcome) == ("permitted", "denied")
    assert found.narrows
    narrowing = [c for c in found.changes if c.narrows and c.covers(late)]
    assert [c for c, *_ in narrowing[0].new.clauses] == ["3"]
    example = narrowing[0].example
    assert example.fact_names() == {"approval"} and example.fact_date("approval") < example.start
    assert "denied-to-permitted" in [c.kind for c in found.changes if c.covers(late)]


def test_a_duty_both_texts_owe_differs_only_until_its_first_deadline_from_the_new_start():
    """The same duty in both texts, each read alone and so owed from its own first day: an
    event before the new text begins is owed from that day under it, so up to the deadline
    counted from that day the texts decide such a usage differently (the old one breached, or
    unable to tell without the event's date), and past it alike: the region ends there. Read
    as the versions of one agreement, the new one the old one's successor, the duty binds
    from the old one's day under both: no change."""
    duty = "clause 3: licensee must notify within 5 days after approval.\n"
    old = contractdsl.parse(_OVERDUE.format("1", "2024-01-01") + duty)
    new = contractdsl.parse(_OVERDUE.format("2", "2025-01-01") + duty)
    assert diff(old, new).successor and diff(old, new).changes == ()
    found = diff(old, new, successor=False)  # (each read alone)
    assert found.unshown == () and found.changes
    assert {(c.start, c.end) for c in found.changes} == {(dt.date(2025, 1, 1),
                                                          dt.date(2025, 1, 6))}
    assert {(c.old.outcome, c.new.outcome) for c in found.changes} >= {
        ("denied", "permitted"), ("undetermined", "permitted")}
    for day, approval, outcomes, covered in (
            ("2025-01-03", "2024-12-20", ("denied", "permitted"), True),
            ("2025-01-06", None, ("undetermined", "permitted"), True),
            ("2025-01-07", "2024-12-20", ("denied", "denied"), False),
            ("2025-01-07", None, ("undetermined", "undetermined"), False)):
        usage = Usage.from_dict({"action": "read", "data": "content", "date": day,
                                 "facts": {"approval": approval}})
        assert (decided(old, usage).outcome, decided(new, usage).outcome) == outcomes
        assert found.covers(usage) == covered, (day, approval)


_SUCCESSION = ('agreement "Terms" version "{}". effective {}.\n'
               'action read "read". data content "content".\n'
               'data posts "posts" under content.\n'
               'fact deletion_request "the user asked for the content to be deleted".\n'
               'fact content_deleted "the content was deleted".\n'
               'fact approval "the licensor approved the app".\n'
               'fact notified "the licensor was notified".\n'
               'duty delete "delete the content" shown by content_deleted.\n'
               'duty notify "notify the licensor" shown by notified.\n'
               "clause 1: licensee may read content.\n")
_DELETION = "licensee must delete within 24 hours after deletion_request.\n"


def _succession():
    """Two versions of one agreement: the duty to delete carried over under another number
    (3, then 4), the duty to notify of a reading of posts changed (within 10 days, then
    within 2)."""
    notify = "clause 5: licensee must notify within {} days after approval when data is posts.\n"
    texts = (_SUCCESSION.format("1", "2024-01-01") + "clause 3: " + _DELETION + notify.format(10),
             _SUCCESSION.format("2", "2025-01-01") + "clause 4: " + _DELETION + notify.format(2))
    return m.Agreement(documents=tuple(contractdsl.parse(t).documents[0] for t in texts))


def test_a_duty_the_new_version_carries_over_is_no_change():
    """Two versions of one agreement: the new one is read as the old one's successor, so a
    duty it carries over (renumbered) binds from the old one's day, as `permits` reads the two
    together, and a request to delete made before the new version is no change; the duty
    whose time changed still is."""
    agreement = _succession()
    old, new = version(agreement, "1"), version(agreement, "2")
    found = diff(old, new)
    assert found.successor and found.unshown == ()
    assert found.changes
    for change in found.changes:
        assert "deletion_request" not in change.example.fact_names(), change
        assert "approval" in change.example.fact_names(), change
    for day, request in (("2025-01-01", "2024-12-20"), ("2025-01-01", None),
                         ("2025-03-03", "2024-12-31")):
        usage = Usage.from_dict({"action": "read", "data": "content", "date": day,
                                 "facts": {"deletion_request": request}})
        assert decided(agreement, usage).outcome == decided(old, usage).outcome
        assert not found.covers(usage), (day, request)
    late = Usage.from_dict({"action": "read", "data": "posts", "date": "2025-03-03",
                            "facts": {"approval": "2025-02-27"}})
    assert (decided(old, late).outcome, decided(agreement, late).outcome) == \
        ("permitted", "denied")
    assert found.covers(late) and found.narrows
    # read alone, the new version binds the duty to delete from its own first day
    alone = diff(old, new, successor=False)
    assert not alone.successor
    assert any("deletion_request" in c.example.fact_names() for c in alone.changes)


def test_texts_of_two_agreements_or_read_backwards_are_each_read_alone():
    agreement = _succession()
    old, new = version(agreement, "1"), version(agreement, "2")
    assert not diff(new, old).successor and not diff(new, new).successor
    other = contractdsl.parse(_SUCCESSION.replace('"Terms"', '"Other terms"').format(
        "2", "2025-01-01") + "clause 4: " + _DELETION)
    assert not diff(old, other).successor
    with pytest.raises(InputError) as raised:
        diff(new, old, successor=True)
    assert str(raised.value).startswith("the new text is not a later version of the old one")


def test_cli_reads_a_later_version_of_one_agreement_as_the_old_ones_successor(tmp_path, capsys):
    old_file, new_file = tmp_path / "terms-1.agreement", tmp_path / "terms-2.agreement"
    old_file.write_text(_SUCCESSION.format("1", "2024-01-01") + "clause 3: " + _DELETION)
    new_file.write_text(_SUCCESSION.format("2", "2025-01-01") + "clause 4: " + _DELETION)
    for argv in ([str(old_file), str(new_file)], ["--old", str(old_file), "--new", str(new_file)],
                 [str(old_file), str(new_file), "--versions", "1", "2"]):
        assert main(["diff", *argv, "--format", "json"]) == 0
        data = json.loads(capsys.readouterr().out)["diff"]
        assert data["successor"] is True and data["changes"] == [], argv


def test_a_duty_before_an_event_both_texts_owe_differs_for_an_event_before_the_new_start():
    """A duty before an event that came before its clause binds is not owed: the same duty in
    both texts, each read alone and so owed from its own first day, is a change for every
    usage whose event came between the two, which the diff shows by one of the day before the
    new text begins. Read as the versions of one agreement, it is no change."""
    duty = "clause 3: licensee must notify before approval.\n"
    old = contractdsl.parse(_OVERDUE.format("1", "2024-01-01") + duty)
    new = contractdsl.parse(_OVERDUE.format("2", "2025-01-01") + duty)
    assert diff(old, new).successor and diff(old, new).changes == ()
    found = diff(old, new, successor=False)  # (each read alone)
    assert found.unshown == ()
    assert [(c.kind, c.start, c.end, c.example.fact_date("approval")) for c in found.changes] \
        == [("denied-to-permitted", dt.date(2025, 1, 1), None, dt.date(2024, 12, 31))]
    for approval, outcomes in (("2024-12-31", ("denied", "permitted")),
                               ("2025-01-01", ("denied", "denied"))):
        usage = Usage.from_dict({"action": "read", "data": "content", "date": "2025-03-03",
                                 "facts": {"approval": approval}})
        assert (decided(old, usage).outcome, decided(new, usage).outcome) == outcomes
        assert found.covers(usage)


def test_a_duty_left_to_judgement_is_shown_by_a_finding_that_it_was_late():
    """A duty upon an event said anew as one within a time left to a standard: with the
    event stated without its date, the old text cannot tell whether it fell due and the new
    one cannot tell whether it was done in time, alike; a finding that it was not in time
    shows the change, and the usage printed states it."""
    head = _OVERDUE.replace("unit posts", 'standard prompt "notified without undue delay".\n'
                                          "unit posts")
    old = contractdsl.parse(head.format("1", "2024-01-01") +
                            "clause 3: licensee must notify upon approval.\n")
    new = contractdsl.parse(head.format("2", "2025-01-01") +
                            "clause 3: licensee must notify within prompt after approval.\n")
    found = diff(old, new)
    assert found.unshown == ()
    late = Usage.from_dict({"action": "read", "data": "content", "date": "2025-06-01",
                            "facts": {"approval": None}, "findings": {"prompt": False}})
    assert (decided(old, late).outcome, decided(new, late).outcome) == \
        ("undetermined", "denied")
    (change,) = [c for c in found.changes if c.kind == "undetermined-to-denied"]
    assert change.covers(late)
    printed = usage_data(change.example)
    assert printed["findings"] == {"prompt": False}
    again = Usage.from_dict(printed)
    assert (decided(old, again).outcome, decided(new, again).outcome) == \
        ("undetermined", "denied")


def test_a_limit_per_a_shorter_window_narrows_by_a_total_within_one_of_its_windows():
    """200 posts a day become 10 an hour: a sustained rate may go up (201 a day), but 150
    posts read within one hour, which the old text holds in one day, the new one denies."""
    old = contractdsl.parse(_OVERDUE.format("1", "2024-01-01") +
                            "clause 2: licensee must not read more than 200 posts per day.\n")
    new = contractdsl.parse(_OVERDUE.format("2", "2025-01-01") +
                            "clause 2: licensee must not read more than 10 posts per hour.\n")
    found = diff(old, new)
    burst = Usage.from_dict({"action": "read", "date": "2025-02-01", "volume": [
        {"amount": 150, "unit": "posts", "from": "2025-02-01T10:00:00Z",
         "until": "2025-02-01T10:59:59Z"}]})
    assert (decided(old, burst).outcome, decided(new, burst).outcome) == ("permitted", "denied")
    assert found.narrows
    (change,) = [c for c in found.changes if c.narrows and c.covers(burst)]
    printed = usage_data(change.example)
    assert printed["volume"] == [{"amount": "11", "unit": "posts", "from": "2025-01-01T00:00Z",
                                  "until": "2025-01-01T00:59:59Z"}]
    again = Usage.from_dict(printed)
    assert (decided(old, again).outcome, decided(new, again).outcome) == ("permitted", "denied")


def test_the_day_after_a_deadline_by_a_date_and_the_day_an_agreement_ends_are_boundaries():
    """A duty due by a date is owed, not yet breached, up to that day, and breached after it:
    the region changes there. A duty counted from termination binds a usage from the
    agreement's last day on, which is a region of its own."""
    old = contractdsl.parse(_OVERDUE.format("1", "2024-01-01"))
    new = contractdsl.parse(_OVERDUE.format("2", "2025-01-01") +
                            "clause 3: licensee must notify by 2025-06-01.\n")
    found = diff(old, new)
    assert [(c.kind, c.start, c.end) for c in found.changes] == [
        ("duties", dt.date(2025, 1, 1), dt.date(2025, 6, 1)),
        ("permitted-to-denied", dt.date(2025, 6, 2), None),
        ("duties", dt.date(2025, 6, 2), None)]
    june = Usage.from_dict({"action": "use", "date": "2025-06-02"})
    assert (decided(old, june).outcome, decided(new, june).outcome) == ("permitted", "denied")
    ending = _OVERDUE.replace("effective {}.", "effective {}. terminates 2025-06-30.") + \
        "clause 4 survives 1 year: licensee must notify within {} days after termination.\n"
    old = contractdsl.parse(ending.format("1", "2024-01-01", 30))
    new = contractdsl.parse(ending.format("2", "2025-01-01", 60))
    found = diff(old, new)
    last = Usage.from_dict({"action": "use", "date": "2025-06-30"})
    assert decided(old, last).duties == \
        ("notify the licensor within 30 days after termination (by 2025-07-30)",)
    assert differs(decided(old, last), decided(new, last))
    (change,) = [c for c in found.changes if c.covers(last)]
    assert (change.kind, change.start, change.end) == \
        ("duties", dt.date(2025, 6, 30), dt.date(2025, 6, 30))


def test_every_kind_of_change_of_a_region_is_reported_beside_its_narrowing():
    """A lowered limit narrows; the duty added beside it is a change of duties of the same
    cells, reported too, each confirmed by `permits`."""
    old, new = _a_limit_and_a_duty_added(20, 10)
    found = diff(old, new)
    kinds = {c.kind for c in found.changes}
    assert kinds == {"permitted-to-denied", "duties"}
    for change in found.changes:
        assert (decided(old, change.example).outcome, decided(new, change.example).outcome) \
            == (change.old.outcome, change.new.outcome)
    (duties,) = [c for c in found.changes if c.kind == "duties" and c.names("action") ==
                 ("read",)]
    assert decided(new, duties.example).duties == \
        ("no more than 10 posts per day", "notify the licensor within 5 days after `approval`")


def test_a_duty_due_every_year_from_the_day_its_clause_binds_narrows_from_its_first_deadline():
    old = contractdsl.parse(_OVERDUE.format("1", "2024-01-01"))
    new = contractdsl.parse(_OVERDUE.format("2", "2025-01-01") +
                            "clause 3: licensee must notify every 12 months.\n")
    found = diff(old, new)
    assert [(c.kind, c.start, c.end) for c in found.changes if c.kind != "duties" or
            c.start == dt.date(2025, 1, 1)] == [
        ("duties", dt.date(2025, 1, 1), dt.date(2026, 1, 1)),
        ("permitted-to-denied", dt.date(2026, 1, 2), None)]
    for day, outcomes in (("2025-06-01", ("permitted", "permitted")),
                          ("2026-01-01", ("permitted", "permitted")),
                          ("2026-01-02", ("permitted", "denied"))):
        usage = Usage.from_dict({"action": "use", "date": day})
        assert (decided(old, usage).outcome, decided(new, usage).outcome) == outcomes
    for change in found.changes:
        assert change.start <= change.example.first_day
        assert (decided(old, change.example).outcome, decided(new, change.example).outcome) \
            == (change.old.outcome, change.new.outcome)


def test_a_duty_counted_from_termination_is_shown_by_a_usage_whose_agreement_ended():
    old = contractdsl.parse(_OVERDUE.format("1", "2024-01-01"))
    new = contractdsl.parse(_OVERDUE.format("2", "2025-01-01") + "clause 4 survives 1 year: "
                            "licensee must notify within 30 days after termination.\n")
    found = diff(old, new)
    assert found.unshown == () and [c.kind for c in found.changes] == ["duties"]
    printed = usage_data(found.changes[0].example)
    assert printed == {"date": "2025-01-01", "terminated": "2025-01-01", "action": "use",
                       "data": "content"}
    again = Usage.from_dict(printed)
    assert decided(old, again).duties == () and decided(new, again).duties == \
        ("notify the licensor within 30 days after termination (by 2025-01-31)",)


def test_the_day_a_schedule_ends_its_licensees_agreement_and_the_day_after_are_boundaries():
    schedule = contractdsl.parse('schedule "S" for "A".\nterminates 2025-06-30.\napp x "X".\n')
    old = contractdsl.parse(_OVERDUE.format("1", "2024-01-01") + 'app y "Y".\n')
    new = contractdsl.parse(_OVERDUE.format("2", "2025-01-01") + 'app y "Y".\n'
                            "clause 4 survives 1 year: licensee must notify within 30 days "
                            "after termination.\n")
    old, new = (m.Agreement(documents=(*a.documents, *schedule.documents)) for a in (old, new))
    found = diff(old, new)
    assert found.unshown == ()
    assert [(c.start, c.end) for c in found.changes] == [
        (dt.date(2025, 1, 1), dt.date(2025, 6, 29)), (dt.date(2025, 6, 30), dt.date(2025, 6, 30)),
        (dt.date(2025, 7, 1), None)]
    last = Usage.from_dict({"app": "x", "action": "use", "date": "2025-06-30"})
    assert differs(decided(old, last), decided(new, last)) and found.covers(last)


def test_the_day_a_fact_a_schedule_dates_comes_about_is_a_boundary():
    """The new text bars using content until approval; the schedule of app x dates approval
    2025-03-01: x's usages are a change up to the day before, and from that day none."""
    schedule = contractdsl.parse('schedule "S" for "A".\nfact approval on 2025-03-01.\n'
                                 'app x "X".\n')
    old = contractdsl.parse(_OVERDUE.format("1", "2024-01-01"))
    new = contractdsl.parse(_OVERDUE.format("2", "2025-01-01") +
                            "clause 2: licensee must not use content unless approval.\n")
    old, new = (m.Agreement(documents=(*a.documents, *schedule.documents)) for a in (old, new))
    found = diff(old, new)
    assert found.unshown == ()
    assert [(c.kind, c.start, c.end) for c in found.changes if "x" in c.names("app")] == \
        [("permitted-to-denied", dt.date(2025, 1, 1), dt.date(2025, 2, 28))]
    for day, outcomes, covered in (("2025-02-28", ("permitted", "denied"), True),
                                   ("2025-03-01", ("permitted", "permitted"), False)):
        usage = Usage.from_dict({"app": "x", "action": "use", "date": day})
        assert (decided(old, usage).outcome, decided(new, usage).outcome) == outcomes
        assert found.covers(usage) is covered
    for change in found.changes:
        assert (decided(old, change.example).outcome, decided(new, change.example).outcome) \
            == (change.old.outcome, change.new.outcome)


@pytest.mark.parametrize("first", ["early", "late"])
def test_apps_whose_schedules_date_a_fact_otherwise_are_told_apart(first):
    """The new text bars using content until approval, which the schedule of `early` dates
    2025-03-01 and that of `late` 2025-06-01: from March to May a usage by `late` is a change
    and one by `early` is not, whichever app a class would have stood for the other."""
    schedules = {"early": 'schedule "Early" for "A".\nlicensee "Early Ltd".\n'
                          'fact approval on 2025-03-01.\napp early "Early".\n',
                 "late": 'schedule "Late" for "A".\nlicensee "Late Ltd".\n'
                         'fact approval on 2025-06-01.\napp late "Late".\n'}
    text = ('agreement "A" version "{}". effective {}.\n'
            'action use "use". data content "content".\n'
            'fact approval "the licensor approved the app".\n'
            "clause 1: licensee may use content.\n")
    apps = [contractdsl.parse(schedules[name]) for name in sorted(schedules, key=first.__ne__)]
    old, new = (m.Agreement(documents=(*contractdsl.parse(t).documents, *apps[0].documents,
                                       *apps[1].documents)) for t in (
        text.format("1", "2024-01-01"),
        text.format("2", "2025-01-01") +
        "clause 2: licensee must not use content unless approval.\n"))
    found = diff(old, new)
    assert found.unshown == ()
    assert [(c.start, c.end) for c in found.changes if "late" in c.names("app")] == [
        (dt.date(2025, 1, 1), dt.date(2025, 2, 28)), (dt.date(2025, 3, 1), dt.date(2025, 5, 31))]
    _covered_where_decided_otherwise(old, new, found, {"action": "use"}, (
        ("early", "2025-02-28", ("permitted", "denied")),
        ("early", "2025-03-01", ("permitted", "permitted")),
        ("late", "2025-03-01", ("permitted", "denied")),
        ("late", "2025-05-31", ("permitted", "denied")),
        ("late", "2025-06-01", ("permitted", "permitted"))))


def _covered_where_decided_otherwise(old, new, found, doing: dict, cases) -> None:
    """Each usage (``doing`` by an app on a day) is decided by the two texts as said, and
    falls in a region of ``found`` exactly when they decide it otherwise."""
    for app, day, outcomes in cases:
        usage = Usage.from_dict({"app": app, **doing, "date": day})
        assert (decided(old, usage).outcome, decided(new, usage).outcome) == outcomes
        assert found.covers(usage) is (outcomes[0] != outcomes[1]), (app, day)


def test_an_app_whose_schedule_ended_its_agreement_is_judged_by_the_clauses_that_survive():
    """Only the old text's bar on registering survives the agreement's end, which the schedule
    of `gone` states on 2025-03-31 and that of `going` does not: from 2025-04-01 a usage by
    `gone` that says nothing of the end is a change, though both texts bar the act in force."""
    text = ('agreement "A" version "{}". effective {}.\n'
            'action use "use". data content "content". act register "register an app".\n'
            "clause 1: licensee may use content.\n"
            "clause 5{}: licensee must not register.\n")
    schedules = contractdsl.parse('schedule "Going" for "A".\nlicensee "Going Ltd".\n'
                                  'app going "Going".\n'), contractdsl.parse(
        'schedule "Gone" for "A".\nlicensee "Gone Ltd".\nterminates 2025-03-31.\n'
        'app gone "Gone".\n')
    old, new = (m.Agreement(documents=(*contractdsl.parse(text.format(*args)).documents,
                                       *schedules[0].documents, *schedules[1].documents))
                for args in (("1", "2024-01-01", " survives"), ("2", "2025-01-01", "")))
    found = diff(old, new)
    assert found.unshown == ()
    _covered_where_decided_otherwise(old, new, found, {"act": "register"}, (
        ("gone", "2025-03-31", ("denied", "denied")),
        ("gone", "2025-04-01", ("denied", "permitted")),
        ("gone", "2025-05-01", ("denied", "permitted")),
        ("going", "2025-05-01", ("denied", "denied"))))


def test_a_prohibition_that_survives_in_the_old_text_only_is_a_change_once_the_agreement_ended():
    """Both texts bar registering an app while they are in force; only the old one's bar
    survives the agreement's end, so a usage the day after it ended is denied by the old text
    and permitted by the new one (an act needs no licence)."""
    terms = ('agreement "A" version "{}". effective {}.\n'
             'action use "use". data content "content". act register "register an app".\n'
             "clause 1: licensee may use content.\n")
    old = contractdsl.parse(terms.format("1", "2024-01-01") +
                            "clause 5 survives: licensee must not register.\n")
    new = contractdsl.parse(terms.format("2", "2025-01-01") +
                            "clause 5: licensee must not register.\n")
    ended = Usage.from_dict({"act": "register", "date": "2025-02-01", "terminated": "2025-01-31"})
    assert (decided(old, ended).outcome, decided(new, ended).outcome) == ("denied", "permitted")
    found = diff(old, new)
    assert found.unshown == ()
    (change,) = found.changes
    assert (change.kind, change.start, change.end) == \
        ("denied-to-permitted", dt.date(2025, 1, 1), None)
    assert change.covers(ended) and not found.covers(attrs.evolve(ended, terminated=None))
    assert usage_data(change.example) == \
        {"date": "2025-01-02", "terminated": "2025-01-01", "act": "register"}
    assert [c for c, *_ in change.old.clauses] == ["5"]
    assert (decided(old, change.example).outcome, decided(new, change.example).outcome) == \
        ("denied", "permitted")
    # read alone too (the new text's combinations of terms then meet the same rules in force
    # as the old one's, and only the end tells them apart)
    alone = diff(old, new, successor=False)
    assert [(c.kind, c.start, c.end) for c in alone.changes] == \
        [("denied-to-permitted", dt.date(2025, 1, 1), None)]
    assert alone.unshown == () and alone.changes[0].covers(ended)



def test_a_region_of_acts_names_them_as_acts_in_text_and_json(tmp_path, capsys):
    """The acts of a region are said as acts (`acts: register`, `"act": ["register"]`), not
    by the name the diff marks them with among the actions (`act:register`), and no data is
    said of them, since an act uses no content."""
    terms = ('agreement "A" version "{}". effective {}.\n'
             'action use "use". data content "content". act register "register an app".\n'
             "clause 1: licensee may use content.\n")
    old, new = tmp_path / "old.agreement", tmp_path / "new.agreement"
    old.write_text(terms.format("1", "2024-01-01") +
                   "clause 5 survives: licensee must not register.\n")
    new.write_text(terms.format("2", "2025-01-01") + "clause 5: licensee must not register.\n")
    assert main(["diff", str(old), str(new)]) == 0
    out = capsys.readouterr().out
    assert "  acts: register\n  purposes:" in out and "act:register" not in out
    assert "actions:" not in out and "data:" not in out
    assert main(["diff", str(old), str(new), "--format", "json"]) == 0
    (change,) = json.loads(capsys.readouterr().out)["diff"]["changes"]
    assert (change["names"]["act"], change["names"]["action"], change["names"]["data"]) == (
        ["register"], [], [])

def test_a_duty_counted_from_termination_beside_a_lowered_limit_is_reported_too():
    """The new text lowers a limit and adds a duty counted from termination: a usage whose
    agreement ended that day shows the duty added, beside the limit's change that the usages
    whose agreement did not end show."""
    old = contractdsl.parse(_OVERDUE.format("1", "2024-01-01") +
                            "clause 2: licensee must not read more than 20 posts per day.\n")
    new = contractdsl.parse(_OVERDUE.format("2", "2025-01-01") +
                            "clause 2: licensee must not read more than 10 posts per day.\n"
                            "clause 3 survives 1 year: licensee must notify within 30 days "
                            "after termination.\n")
    found = diff(old, new)
    assert found.unshown == ()
    reading = [c for c in found.changes if c.names("action") == ("read",)]
    assert [(c.kind, c.example.terminated, c.added_duties) for c in reading] == [
        ("permitted-to-denied", None, ()),
        ("duties", None, ("no more than 10 posts per day",)),
        ("duties", dt.date(2025, 1, 1),
         ("no more than 10 posts per day",
          "notify the licensor within 30 days after termination (by 2025-01-31)"))]
    for change in reading:
        old_side, new_side = decided(old, change.example), decided(new, change.example)
        assert (old_side.outcome, new_side.outcome) == (change.old.outcome, change.new.outcome)
        assert new_side.duties == change.new.duties and differs(old_side, new_side)


CAP_IN_TOTAL = """\
agreement "T" version "{v}".
effective 2024-01-01.
action use "use".
data content "content".
unit tokens "tokens".
unit requests "requests".
clause 1: licensee may use content.
clause 2: licensee must not use more than {cap} tokens in total.
"""


def test_a_cap_in_total_lowered_is_shown_by_a_total_over_the_usages_period():
    old, new = (contractdsl.parse(CAP_IN_TOTAL.format(v=v, cap=cap), f"{v}.agreement")
                for v, cap in (("1", "1,000"), ("2", "500")))
    found = diff(old, new)
    narrowed = [c for c in found.changes if c.kind == "permitted-to-denied"]
    assert narrowed, found.changes
    printed = usage_data(narrowed[0].example)
    assert printed["volume"] == [{"amount": "501", "unit": "tokens"}]
    read = Usage.from_dict(printed)
    assert (contractdsl.permits(old, read).outcome, contractdsl.permits(new, read).outcome) == \
        ("permitted", "denied")


@pytest.mark.parametrize("volume", [
    {"amount": "600", "unit": "tokens", "per": "day"},
    # (a total with no days of its own is over the usage's period, which it states)
    ({"amount": "600", "unit": "tokens"},
     {"amount": "600", "unit": "tokens", "from": "2024-01-01", "until": "2024-01-05"}),
    {"amount": "600", "unit": "tokens", "from": "2024-01-02", "until": "2024-01-03"},
    {"amount": "600", "unit": "tokens", "from": "2024-01-02T10:00Z",
     "until": "2024-01-02T11:00Z"},
    {"amount": "600", "unit": "tokens", "per": "request"},
    {"amount": "3", "unit": "requests", "concurrent": True},
])
def test_a_usage_printed_reads_back_as_itself_whatever_its_volume(volume):
    volume, printed = volume if isinstance(volume, tuple) else (volume, volume)
    usage = Usage.from_dict({"period": {"from": "2024-01-01", "until": "2024-01-05"},
                             "action": "use", "data": "content", "volume": [volume]})
    assert usage_data(usage)["volume"] == [printed]
    assert usage_data(usage)["period"] == {"from": "2024-01-01", "until": "2024-01-05"}
    assert Usage.from_dict(usage_data(usage)) == usage
