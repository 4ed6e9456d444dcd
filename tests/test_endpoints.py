"""Limits at an endpoint and limits per recipient entity (docs/semantics.md, section 5): in the
language, in a decision, in each locale's words and in an audit."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings

import contractdsl
from contractdsl.format import format_text
from contractdsl.strategies import agreements_with_usages
from contractdsl.prose.render import render_decision
from conftest import examples

TEXT = """\
agreement "Search Terms" version "1".
effective 2022-01-01.
action use "use the API".
action read "read content" under use.
action share "share content" under use.
data content "content".
recipient third_party "a third party".
endpoint recent_search "GET /search/recent".
endpoint archive "GET /search/all".
endpoint timelines "the timelines".
endpoint user_timeline "GET /user_timeline" under timelines.
endpoint mentions "GET /mentions" under timelines.
unit requests "requests".
unit ids "IDs".
clause 1 "Licence": licensee may use content.
clause 2 "Recent search":
  licensee must not read more than 450 requests per 15 minutes per app at recent_search.
clause 3 "Full archive":
  licensee must not read more than 300 requests per 15 minutes per app at archive.
clause 4 "Timelines":
  licensee must not read more than 100,000 requests per day per app at timelines.
clause 5 "Every read":
  licensee must not read more than 1,000 requests per 15 minutes per app.
clause 6 "IDs to one entity":
  licensee must not share more than 1,500,000 ids per 30 days per recipient entity.
"""
APPS = 'schedule "Apps" for "Search Terms".\napp finder "Finder".\n'


@pytest.fixture(scope="module")
def terms():
    from contractdsl.syntax import parse_document

    agreement = contractdsl.Agreement(documents=(
        parse_document(TEXT, "terms.agreement"), parse_document(APPS, "apps.agreement")))
    assert contractdsl.check(agreement) == []
    return agreement


def decide(terms, amount, per="15 minutes", **usage):
    return contractdsl.permits(terms, {
        "date": "2022-06-30", "app": "finder", "action": "read", **usage,
        "volume": [{"amount": amount, "unit": "requests", "per": per}]})


def effects(decision):
    return {(r.clause, r.effect) for r in decision.reasons if r.clause}


# ---- the language --------------------------------------------------------------------------


def test_a_limit_names_its_endpoint_and_the_text_reads_back_the_same():
    document = contractdsl.parse(TEXT).documents[0]
    limits = {c.id: c for c in document.clauses if isinstance(c, contractdsl.model.Limit)}
    assert limits["2"].endpoint == "recent_search" and limits["2"].scope == "app"
    assert limits["5"].endpoint is None
    assert limits["6"].scope == "recipient entity"
    assert [t.name for t in document.terms if t.kind == "endpoint"] == [
        "recent_search", "archive", "timelines", "user_timeline", "mentions"]
    formatted = format_text(TEXT)
    assert "per app at recent_search." in formatted and "per recipient entity." in formatted
    assert contractdsl.parse(formatted) == contractdsl.parse(TEXT)


def test_an_endpoint_not_declared_is_reported_where_it_is_written():
    text = TEXT.replace("at archive.", "at archiv.")
    (problem,) = contractdsl.check(contractdsl.parse(text, "terms.agreement"))
    assert problem.message == "unknown endpoint `archiv`"
    assert problem.help == "did you mean `archive`?"
    line = text.splitlines()[problem.line - 1]
    assert line[problem.column - 1:].startswith("archiv.")


def test_the_rendered_clause_and_the_reason_say_the_endpoint_in_each_locale(terms):
    rendered = contractdsl.render(terms)
    assert "per app at the endpoint GET /search/recent." in rendered
    assert "per recipient entity (its people together)." in rendered
    decision = decide(terms, 600)
    said = {locale: render_decision(decision, locale=locale) for locale in ("nl", "fr")}
    assert "op het endpoint GET /search/recent" in said["nl"]
    assert "het endpoint dat het gebruik aanroept, onder `endpoint:`" in said["nl"]
    assert "sur le point d’accès GET /search/recent" in said["fr"]
    assert "le point d’accès que l’usage appelle, sous `endpoint:`" in said["fr"]


# ---- a decision ----------------------------------------------------------------------------


def test_a_usage_at_an_endpoint_is_bound_by_its_limits_and_those_at_none(terms):
    assert decide(terms, 600, endpoint="recent_search").outcome == "denied"
    assert ("2", "exceeds") in effects(decide(terms, 600, endpoint="recent_search"))
    at_archive = decide(terms, 400, endpoint="archive")
    assert at_archive.outcome == "denied" and ("3", "exceeds") in effects(at_archive)
    # 400 in 15 minutes is within recent search's 450: the archive's limit does not bind it
    searching = decide(terms, 400, endpoint="recent_search")
    assert searching.outcome == "permitted"
    assert [d.clause for d in searching.obligations] == ["2", "5"]
    # the limit without an endpoint binds every call
    assert decide(terms, 1200, endpoint="user_timeline").outcome == "denied"


def test_a_limit_at_an_endpoint_binds_the_endpoints_under_it(terms):
    for endpoint in ("timelines", "user_timeline", "mentions"):
        over = decide(terms, 120_000, per="day", endpoint=endpoint)
        assert over.outcome == "denied" and ("4", "exceeds") in effects(over)
    assert decide(terms, 90_000, per="day", endpoint="mentions").outcome == "permitted"


def test_a_usage_that_does_not_say_its_endpoint_is_undetermined_where_a_limit_would_deny(terms):
    open_ = decide(terms, 400)
    assert open_.outcome == "undetermined"
    assert effects(open_) >= {("3", "undetermined"), ("2", "within")}
    assert [str(m) for m in open_.missing] == [
        "the endpoint the usage calls, under `endpoint:` (the limits at an endpoint above)"]
    # within every limit: permitted, each limit a duty with its endpoint
    within = decide(terms, 200)
    assert within.outcome == "permitted"
    assert "no more than 450 requests per 15 minutes per app at the endpoint GET " \
        "/search/recent" in [d.text for d in within.obligations]
    # over a limit of every endpoint: denied, whichever it calls
    assert decide(terms, 1200).outcome == "denied"


def test_a_total_a_limit_at_an_endpoint_leaves_undetermined_asks_for_the_endpoint_too():
    # (docs/semantics.md, rule 5, endpoints) 250 requests over three days may or may not
    # exceed 100 a day at `search`; stating another endpoint decides it alone
    agreement = contractdsl.parse("""\
agreement "T" version "1".
effective 2024-01-01.
action use "use".
action read "read" under use.
data content "content".
purpose research "research".
unit requests "requests".
endpoint search "GET /search".
endpoint lookup "GET /lookup".
app tool "Tool" approved for research.
clause 1: licensee may use content for research.
clause L: licensee must not read more than 100 requests per day at search.
""")
    usage = {"app": "tool", "action": "read", "purpose": "research",
             "period": {"from": "2024-03-01", "until": "2024-03-03"},
             "volume": [{"amount": 250, "unit": "requests"}]}
    open_ = contractdsl.permits(agreement, usage)
    assert open_.outcome == "undetermined"
    assert [str(m) for m in open_.missing] == [
        "the largest number of requests in any day from 2024-03-01 to 2024-03-03 (clause L)",
        "the endpoint the usage calls, under `endpoint:` (the limits at an endpoint above)"]
    assert contractdsl.permits(agreement, {**usage, "endpoint": "lookup"}).outcome == \
        "permitted"
    assert contractdsl.permits(agreement, {**usage, "endpoint": "search"}).missing == (
        "the largest number of requests in any day from 2024-03-01 to 2024-03-03 (clause L)",)


def test_an_endpoint_the_agreement_does_not_declare_is_a_usage_error(terms):
    with pytest.raises(contractdsl.UsageError) as caught:
        decide(terms, 10, endpoint="recent_serch")
    (problem,) = caught.value.diagnostics
    assert problem.message == "unknown endpoint `recent_serch`"
    assert problem.help == "did you mean `recent_search`?"


def test_a_share_per_recipient_entity_is_read_as_what_one_entity_receives(terms):
    def share(amount):
        return contractdsl.permits(terms, {
            "date": "2022-06-30", "app": "finder", "action": "share",
            "recipients": ["third_party"],
            "volume": [{"amount": amount, "unit": "ids", "per": "30 days"}]})

    assert share(1_500_000).outcome == "permitted"
    over = share(1_600_000)
    assert over.outcome == "denied"
    assert "per recipient entity (its people together)" in over.reasons[-1].text


# ---- an audit ------------------------------------------------------------------------------


def _audit(terms, tmp_path, lines):
    pytest.importorskip("duckdb")
    log = tmp_path / "log.csv"
    log.write_text("\n".join(lines) + "\n")
    return contractdsl.audit(terms, log)


def test_an_audit_counts_against_a_limit_at_an_endpoint_the_rows_of_its_calls(terms, tmp_path):
    found = _audit(terms, tmp_path, [
        "time,app,action,requests,endpoint",
        "2022-06-30T10:00:00Z,finder,read,300,recent_search",
        "2022-06-30T10:01:00Z,finder,read,300,recent_search",
        "2022-06-30T10:02:00Z,finder,read,250,archive",
        "2022-06-30T10:03:00Z,finder,read,90000,user_timeline",
        "2022-06-30T11:00:00Z,finder,read,20000,mentions"])
    over = sorted((w.clause, w.amount) for w in found.windows)
    assert over == [("2", 600), ("4", 110_000), ("5", 20_000), ("5", 90_850)]
    assert {p.clause: p.amount for p in found.peaks if p.clause == "3"} == {"3": 250}
    # (the log has no entities, but no share either: the limit per recipient entity binds
    # none of its rows, and is not listed as not judged)
    assert [u.clause for u in found.unjudged] == []


def test_an_audit_stops_at_a_row_without_an_endpoint_or_with_an_unknown_one(terms, tmp_path):
    for value, message in (
            ("", "row 3, column `endpoint`: the row does not say which endpoint it calls, and "
                 "clause 2 binds the calls of `recent_search` alone"),
            ("recent_serch", "row 3, column `endpoint`: unknown endpoint `recent_serch`")):
        with pytest.raises(contractdsl.ContractError) as caught:
            _audit(terms, tmp_path, ["time,app,action,requests,endpoint",
                                     "2022-06-30T10:00:00Z,finder,read,1,recent_search",
                                     f"2022-06-30T10:01:00Z,finder,read,1,{value}"])
        (problem,) = caught.value.diagnostics
        assert problem.message == message and problem.line == 3


def test_an_audit_of_a_log_without_endpoints_or_entities_does_not_judge_their_limits(
        terms, tmp_path):
    found = _audit(terms, tmp_path, ["time,app,action,recipient,requests,ids",
                                     "2022-06-30T10:00:00Z,finder,read,,600,",
                                     "2022-06-30T10:00:00Z,finder,share,third_party,,9"])
    assert sorted((u.clause, u.kind) for u in found.unjudged) == [
        ("2", "limit at an endpoint"), ("3", "limit at an endpoint"),
        ("4", "limit at an endpoint"), ("6", "limit per recipient entity")]
    assert [p.clause for p in found.peaks] == ["5"]  # the limit of every call is judged


def test_an_audit_counts_the_recipients_of_one_entity_together(terms, tmp_path):
    found = _audit(terms, tmp_path, [
        "time,app,action,recipient,ids,recipient entity",
        "2022-06-30T10:00:00Z,finder,share,third_party,900000,acme",
        "2022-07-02T10:00:00Z,finder,share,third_party,900000,acme",
        "2022-07-03T10:00:00Z,finder,share,third_party,900000,globex"])
    assert [(w.clause, w.key, w.amount) for w in found.windows] == [("6", "acme", 1_800_000)]


# ---- the law ---------------------------------------------------------------------------------


def _with_elsewhere(agreement):
    """The agreement with one more endpoint, which no limit names, in each of its texts."""
    import attrs

    elsewhere = contractdsl.model.Endpoint(name="elsewhere", description="an endpoint no "
                                           "limit names")
    return attrs.evolve(agreement, documents=tuple(
        attrs.evolve(d, terms=(*d.terms, elsewhere)) if d.kind == "agreement" else d
        for d in agreement.documents))


def _example(amount, per):
    from contractdsl.syntax import parse_document
    from contractdsl.usage import Usage

    agreement = contractdsl.Agreement(documents=(
        parse_document(TEXT, "terms.agreement"), parse_document(APPS, "apps.agreement")))
    return agreement, Usage.from_dict({"date": "2022-06-30", "app": "finder", "action": "read",
                                       "volume": [{"amount": amount, "unit": "requests",
                                                   "per": per}]})


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(agreements_with_usages(kinds=("permission", "prohibition", "limit")))
@example(_example(400, "15 minutes"))  # over the archive's limit alone: undetermined
@example(_example(200, "15 minutes"))  # within every limit
@example(_example(1200, "15 minutes"))  # over the limit of every call: denied
@example(_example(150_000, "day"))  # over the timelines' limit, and the others
def test_a_usage_that_does_not_say_its_endpoint_is_decided_as_every_endpoint_would(case):
    """Without `endpoint:`, the outcome is what every endpoint the usage may call would give,
    each declared endpoint and one that no limit names, or undetermined where they differ."""
    import attrs

    agreement, usage = case
    endpoints = [t.name for d in agreement.documents for t in d.terms if t.kind == "endpoint"]
    if not any(getattr(c, "endpoint", None) for d in agreement.documents for c in d.clauses):
        return  # no limit at an endpoint: the endpoint changes nothing
    usage = attrs.evolve(usage, endpoint=None)
    try:
        outcome = contractdsl.permits(agreement, usage).outcome
    except contractdsl.UsageError:
        return  # a usage the agreement refuses is refused whatever its endpoint
    outcomes = {contractdsl.permits(agreement, attrs.evolve(usage, endpoint=e)).outcome
                for e in endpoints}
    outcomes.add(contractdsl.permits(_with_elsewhere(agreement),
                                     attrs.evolve(usage, endpoint="elsewhere")).outcome)
    assert outcome == (outcomes.pop() if len(outcomes) == 1 else "undetermined")
