"""An agreement that ended early for the licensee: a usage says `terminated:`, the last day the
agreement was in force for it; after that day only surviving clauses bind, counted from it
(docs/semantics.md, section 2)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

import contractdsl
from contractdsl.errors import UsageError
from contractdsl.usage import read_usages
from contractdsl.semantics.lower import ended as ended_program
from contractdsl.semantics.lower import DAY, ending, lower

TEXT = """\
agreement "Data API Terms" version "1".
effective 2024-01-01.
action use "use the content".
action audit "audit the licensee's records".
data content "content".
purpose research "research".
fact ended "the agreement ended".
fact deleted "the content was deleted".
duty delete "delete the content" shown by deleted.
clause 1 "Licence": licensee may use content for research.
clause 2 "Audit" survives 1 year: licensor may audit.
clause 3 "Deletion" survives 60 days: licensee must delete within 30 days after ended.
"""

SECOND = """\
agreement "Data API Terms" version "2".
effective 2024-07-01.
action use "use the content".
data content "content".
purpose research "research".
clause 1 "Licence": licensee may use content for research.
"""

# a prohibition that survives the end, lifted before it by a permission that does not
LIFTED = TEXT + """\
action share "share the content".
recipient partners "the licensee's partners".
clause 4 "No sharing" survives 1 year: licensee must not share content with partners
  except as permitted by 5.
clause 5 "Sharing for research": licensee may share content with partners for research.
"""


@pytest.fixture(scope="module")
def terms():
    agreement = contractdsl.parse(TEXT, "terms.agreement")
    assert contractdsl.check(agreement) == []
    return agreement


def test_a_usage_after_the_end_is_denied_and_says_when_it_ended(terms):
    decision = contractdsl.permits(terms, {"purpose": "research", "date": "2024-05-01",
                                           "terminated": "2024-04-30"})
    assert decision.outcome == "denied"
    assert [str(r.text) for r in decision.reasons][0] == (
        "the agreement terminated on 2024-04-30; only the clauses that survive termination "
        "still apply")
    # the same usage before the end, or with an end after it, is licensed
    for ending in ("2024-05-01", "2025-01-01"):
        assert contractdsl.permits(terms, {"purpose": "research", "date": "2024-05-01",
                                           "terminated": ending}).outcome == "permitted"


def test_a_permission_that_survives_the_end_says_it_permits_no_use_after_it():
    # (docs/semantics.md, section 2) no use of content is permitted after the end, whatever
    # survives: the surviving permission is not cited as permitting a usage it does not
    # license (it said "permits `use` of `content`" under a denied outcome)
    agreement = contractdsl.parse(TEXT.replace('clause 1 "Licence":',
                                               'clause 1 "Licence" survives 1 year:'))
    usage = {"purpose": "research", "period": {"from": "2024-04-01", "until": "2024-05-31"},
             "terminated": "2024-04-30"}
    decision = contractdsl.permits(agreement, usage)
    assert decision.outcome == "denied"
    assert [(r.clause, r.effect, str(r.part), str(r.text)) for r in decision.reasons] == [
        ("1", "permits", "from 2024-04-01 to 2024-04-30", "permits `use` of `content` for "
         "purpose `research`"),
        ("", "not-in-force", "from 2024-05-01 to 2024-05-31", "the agreement terminated on "
         "2024-04-30; only the clauses that survive termination still apply"),
        ("1", "no-permission", "from 2024-05-01 to 2024-05-31", "does not permit the usage: "
         "the agreement terminated on 2024-04-30, and no use is permitted after it, though the "
         "clause survives")]
    assert "bien que la clause survive" in decision.explain(locale="fr")
    assert "ook al overleeft de bepaling" in decision.explain(locale="nl")


def test_a_period_is_cut_at_the_end(terms):
    decision = contractdsl.permits(terms, {
        "purpose": "research", "period": {"from": "2024-04-01", "until": "2024-05-31"},
        "terminated": "2024-04-30"})
    assert decision.outcome == "denied"
    assert [(r.clause, r.part.start.isoformat(), r.part.end.isoformat())
            for r in decision.reasons] == [
        ("1", "2024-04-01", "2024-04-30"), ("", "2024-05-01", "2024-05-31"),
        ("", "2024-05-01", "2024-05-31")]


def test_survival_and_deadlines_are_counted_from_the_end(terms):
    facts = {"ended": "2024-04-30"}
    usage = {"purpose": "research", "date": "2024-06-15", "terminated": "2024-04-30",
             "facts": facts}
    # 30 days after 2024-04-30 is 2024-05-30: undone by 2024-06-15, the duty is breached
    decision = contractdsl.permits(terms, usage)
    assert [(d.clause, d.status) for d in decision.obligations] == [("3", "breached")]
    # the audit right survives a year from the end, the duty 60 days
    assert [d.clause for d in decision.licensor] == ["2"]
    later = contractdsl.permits(terms, {**usage, "date": "2024-07-15"})
    assert later.obligations == () and [d.clause for d in later.licensor] == ["2"]
    assert contractdsl.permits(terms, {**usage, "date": "2025-05-01"}).licensor == ()


def test_an_end_on_the_usages_last_day_owes_what_termination_triggers():
    """An end after the usage's last day changes nothing; one on its last day changes only the
    duties termination triggers, owed from that day."""
    agreement = contractdsl.parse(
        TEXT + 'duty revoke "revoke the keys".\n'
        'clause 4 "Keys" survives 30 days: licensee must revoke upon termination.\n',
        "terms.agreement")
    usage = {"purpose": "research", "date": "2024-05-01"}
    alone = contractdsl.permits(agreement, usage)
    later = contractdsl.permits(agreement, {**usage, "terminated": "2024-05-02"})
    assert (later.outcome, later.reasons, later.obligations) == \
        (alone.outcome, alone.reasons, alone.obligations) == ("permitted", alone.reasons, ())
    that_day = contractdsl.permits(agreement, {**usage, "terminated": "2024-05-01"})
    assert that_day.outcome == "permitted" and that_day.reasons == alone.reasons
    assert [(d.clause, d.status, d.deadline.isoformat()) for d in that_day.obligations] == \
        [("4", "pending", "2024-05-01")]


def test_a_later_version_never_binds_a_licensee_whose_agreement_ended():
    agreement = contractdsl.parse(TEXT, "v1.agreement")
    agreement = contractdsl.Agreement(documents=agreement.documents + contractdsl.parse(
        SECOND, "v2.agreement").documents)
    assert contractdsl.check(agreement) == []
    usage = {"purpose": "research", "date": "2024-08-01"}
    assert contractdsl.permits(agreement, usage).outcome == "permitted"
    ended = contractdsl.permits(agreement, {**usage, "terminated": "2024-04-30"})
    assert ended.outcome == "denied"
    assert "terminated on 2024-04-30" in str(ended.reasons[0].text)
    # what survives is what survives the first version, which was in force when it ended
    after = contractdsl.permits(agreement, {**usage, "date": "2024-05-15",
                                            "terminated": "2024-04-30"})
    assert [d.clause for d in after.licensor] == ["2"]


def test_the_end_must_be_a_day(terms):
    with pytest.raises(UsageError) as err:
        contractdsl.permits(terms, {"purpose": "research", "date": "2024-05-01",
                                    "terminated": "last spring"})
    assert "`last spring` is not a date" in str(err.value)


@pytest.mark.parametrize("end", ["2024-04-30T12:00:00Z", "2024-04-30T23:00:00-05:00"])
def test_the_end_is_a_day_not_an_instant(terms, tmp_path, end):
    # (docs/semantics.md, sections 2 and 18) the end is the last day the agreement was in
    # force: an instant would have been read as its day in UTC (05-01 for 23:00 at -05:00)
    (tmp_path / "usage.yaml").write_text(
        f"purpose: research\ndate: 2024-05-01\nterminated: {end}\n")
    message = (f"`terminated` is the last day the agreement was in force, not an instant "
               f"(`{end}`)")
    with pytest.raises(UsageError) as err:
        read_usages(tmp_path / "usage.yaml")
    (problem,) = err.value.diagnostics
    assert (problem.line, problem.column, problem.message) == (3, 13, message)
    assert problem.help == "write the day alone, e.g. `terminated: 2024-04-30`"
    with pytest.raises(UsageError, match="not an instant"):
        contractdsl.permits(terms, {"purpose": "research", "date": "2024-05-01",
                                    "terminated": end})


def test_the_command_line_reads_the_end_from_a_usage_file(tmp_path):
    (tmp_path / "terms.agreement").write_text(TEXT)
    (tmp_path / "usage.yaml").write_text(
        "purpose: research\ndate: 2024-05-01\nterminated: 2024-04-30\n")
    (tmp_path / "bad.yaml").write_text(
        "purpose: research\ndate: 2024-05-01\nterminated: 2024-13-01\n")
    run = [sys.executable, "-m", "contractdsl", "permits", str(tmp_path / "terms.agreement"),
           "--usage"]
    done = subprocess.run(run + [str(tmp_path / "usage.yaml")], capture_output=True, text=True)
    assert done.returncode == 1, done.stderr
    assert "the agreement terminated on 2024-04-30" in done.stdout
    bad = subprocess.run(run + [str(tmp_path / "bad.yaml")], capture_output=True, text=True)
    assert bad.returncode == 2
    assert "bad.yaml:3:13: error: `2024-13-01` is not a date" in bad.stderr
    assert "Traceback" not in bad.stderr



def _alike(one, other) -> bool:
    """Whether two programs say the same: their stretches equal but for the index of their
    symbol table, and the tables they read defining the same names."""
    if one.changes != other.changes or len(one.stretches) != len(other.stretches):
        return False
    for a, b in zip(one.stretches, other.stretches):
        if attrs.evolve(a, version_index=None) != attrs.evolve(b, version_index=None):
            return False
        if a.version_index is not None:
            mine, theirs = one.symbols[a.version_index], other.symbols[b.version_index]
            if (mine.terms, set(mine.apps), set(mine.tiers)) != \
                    (theirs.terms, set(theirs.apps), set(theirs.tiers)):
                return False
    return True


def test_an_early_end_is_lowered_as_the_agreement_so_ended_would_be_alone():
    # The program of a licensee's early end reuses the clauses the whole agreement's program
    # lowered, and its symbol tables: it says what lowering the agreement as it ended says
    # alone, whatever the last day, whichever endings were lowered before it.
    twitter = Path(__file__).resolve().parent.parent / "agreements" / "twitter"
    versions = contractdsl.Agreement(documents=contractdsl.parse(TEXT, "v1.agreement").documents
                                     + contractdsl.parse(SECOND, "v2.agreement").documents)
    lifted = contractdsl.parse(LIFTED, "lifted.agreement")
    cases = [(lifted, ["2024-03-01"]),
             (contractdsl.load(*sorted(twitter.glob("*.agreement"))),
              ["2020-03-09", "2020-03-10", "2022-06-30", "2023-03-28", "2023-03-29",
               "2023-04-28", "2023-04-29", "2024-11-14", "2026-01-01"]),
             (versions, ["2023-12-31", "2024-01-01", "2024-04-30", "2024-06-30", "2024-07-01",
                         "2025-02-01"])]
    for agreement, days in cases:
        assert contractdsl.check(agreement) == []
        program = contractdsl.compile(agreement)
        whole = program.runtime["agreement"]
        for day in map(dt.date.fromisoformat, days + days[::-1]):
            shared = ended_program(program, day)
            assert shared is not program and shared.stretches[-1].state != "in-force"
            assert _alike(shared, lower(ending(whole, day)[0])), day
    # (an end a day later says something else)
    day = dt.date(2024, 4, 30)
    assert not _alike(ended_program(program, day), lower(ending(whole, day + DAY)[0]))


def test_an_early_end_decides_as_the_agreement_so_ended_decides_alone():
    # What is built of the rules for deciding (their indexes, the questions they ask, the
    # limits on each action) is shared by an early end with the whole program where their
    # stretches hold the same rules: each stretch reads what is built of its own rules, and a
    # usage is decided as the agreement so ended, compiled alone, decides it.
    from contractdsl.evaluation.decide import _limits_by_action, _questions

    twitter = Path(__file__).resolve().parent.parent / "agreements" / "twitter"
    lifted = contractdsl.parse(LIFTED, "lifted.agreement")
    read = {"action": "read", "purpose": "search_results_display", "app": "bing_pages",
            "tier": "enterprise", "findings": {"reasonable_request_volume": True},
            "volume": [{"amount": 40_000_000, "unit": "posts", "per": "calendar month"}]}
    write = {"app": "xbox_one_social", "action": "write", "tier": "basic",
             "purpose": "posting_on_behalf_of_users",
             "volume": [{"amount": 90, "unit": "posts", "per": "day"}]}
    cases = [(lifted, ["2024-03-01", "2024-09-30"],
              [{"purpose": "research"}, {"action": "share", "purpose": "research",
                                          "recipients": ["partners"]}]),
             (contractdsl.load(*sorted(twitter.glob("*.agreement"))),
              ["2022-06-30", "2023-04-28", "2024-11-14"], [read, write])]
    for agreement, days, usages in cases:
        for day in map(dt.date.fromisoformat, days):
            alone = contractdsl.compile(ending(agreement, day)[0])
            for fields in usages:
                for offset in (-40, 0, 1, 200):
                    usage = {**fields, "date": str(day + offset * DAY), "terminated": str(day)}
                    assert _decided(agreement, usage) == _decided(alone, usage), usage
            shared = ended_program(contractdsl.compile(agreement), day)
            assert shared.runtime["prepared"] is contractdsl.compile(agreement).runtime["prepared"]
            for index, stretch in enumerate(shared.stretches):
                permits, forbids = shared.runtime["indexes"][index]
                assert (permits.rules, forbids.rules) == (stretch.permits, stretch.forbids)
                assert shared.runtime["questions"][index] == _questions(stretch)
                assert shared.runtime["limits"][index] == _limits_by_action(stretch)


def _decided(agreement, usage) -> tuple[str, str]:
    """The outcome of a usage and its explanation, or the error that refuses it."""
    try:
        decision = contractdsl.permits(agreement, usage)
    except UsageError as err:
        return "refused", str(err)
    return decision.outcome, decision.explain()


def test_a_document_incorporated_only_by_versions_that_never_bound_the_licensee_is_not_read():
    # (an incorporated policy was taken for the agreement itself once the versions that
    # incorporate it were left out: the usage's names were then checked against the policy's)
    terms = """\
agreement "T" version "{v}".
effective {day}.
action use "use".
data content "content".
purpose research "research".
app tool "Tool".
clause 1: licensee may use content for research.
"""
    policy = """\
agreement "P" version "1".
effective 2024-01-01.
purpose other "other" under research.
clause P1: licensee must not use content for other.
"""
    incorporates = 'clause 2 "Policy": incorporates "P" subject to this agreement.\n'
    usage = {"app": "tool", "purpose": "research", "date": "2024-05-01"}
    alone = contractdsl.Agreement(documents=(
        *contractdsl.parse(terms.format(v=1, day="2024-01-01") + incorporates).documents,
        *contractdsl.parse(policy).documents))
    assert contractdsl.check(alone) == []
    before = contractdsl.permits(alone, {**usage, "terminated": "2023-12-31"})
    assert before.outcome == "denied"
    assert [str(r.text) for r in before.reasons] == ["no version of the agreement is in force"]
    # a later version incorporates the policy; the licensee's agreement ended before it
    later = contractdsl.Agreement(documents=(
        *contractdsl.parse(terms.format(v=1, day="2024-01-01")).documents,
        *contractdsl.parse(terms.format(v=2, day="2024-06-01") + incorporates).documents,
        *contractdsl.parse(policy).documents))
    assert contractdsl.check(later) == []
    for end in ("2024-05-01", "2024-05-31"):
        assert contractdsl.permits(later, {**usage, "terminated": end}).outcome == "permitted"
    after = contractdsl.permits(later, {**usage, "date": "2024-06-10", "terminated": "2024-05-31"})
    assert after.outcome == "denied"
