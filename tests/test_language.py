"""Each capability of the language, parsed from text into the model and equal to a hand-built object."""

import datetime as dt
from decimal import Decimal

import attrs
import pytest

import contractdsl
from contractdsl import model as m
from contractdsl.format import format_text

HEADER = 'agreement "T" version "1".\neffective 2024-01-01.\n'


def doc(text: str) -> m.Document:
    (document,) = contractdsl.parse(text, "t.agreement").documents
    return document


def clause(text: str) -> m.Clause:
    return doc(text).clauses[0]


def test_header_parties_dates_and_survival():
    d = doc('agreement "Developer Agreement" version "2022-10-10".\n'
            'licensor "Twitter, Inc.".\nlicensee "Developer".\n'
            'effective 2022-10-10.\nterminates 2023-03-28.\n'
            'clause VII "Audit" survives 1 year: licensee must cooperate.\n')
    assert d == m.Document(
        kind="agreement", title="Developer Agreement", version="2022-10-10",
        parties=(m.Party(role="licensor", name="Twitter, Inc."),
                 m.Party(role="licensee", name="Developer")),
        effective=dt.date(2022, 10, 10), terminates=dt.date(2023, 3, 28),
        clauses=(m.Obligation(id="VII", title="Audit", duty="cooperate",
                              survives=m.Duration(count=1, unit="year")),))
    assert d.party("licensor") == "Twitter, Inc."


def test_vocabularies_with_hierarchies_and_descriptions():
    d = doc('purpose analysis "analysing content".\n'
            'purpose research "research" under analysis.\n'
            'recipient government "a government-related entity".\n'
            'data post_ids "Tweet IDs" under content.\n'
            'action read "retrieve content" under use.\n'
            'fact licensor_notified "the licensor was notified".\n'
            'duty notify "notify the licensor" shown by licensor_notified.\n')
    assert d.terms == (
        m.Purpose(name="analysis", description="analysing content"),
        m.Purpose(name="research", description="research", parent="analysis"),
        m.Recipient(name="government", description="a government-related entity"),
        m.DataKind(name="post_ids", description="Tweet IDs", parent="content"),
        m.Action(name="read", description="retrieve content", parent="use"),
        m.Fact(name="licensor_notified", description="the licensor was notified"),
        m.Duty(name="notify", description="notify the licensor", shown_by="licensor_notified"),
    )


def test_apps_and_approvals_in_a_schedule_combined_with_a_base():
    schedule = doc('schedule "Microsoft apps" for "Developer Agreement".\n'
                   'licensee "Microsoft Corporation".\n'
                   'app bing_pages "Bing Pages" approved for search, display labelled production '
                   'serving government.\n'
                   'app bing_pages_2 "Bing Pages 2".\n')
    assert schedule == m.Document(
        kind="schedule", title="Microsoft apps", schedule_for="Developer Agreement",
        parties=(m.Party(role="licensee", name="Microsoft Corporation"),),
        apps=(m.App(name="bing_pages", title="Bing Pages", approved=("search", "display"),
                    labels=("production",), serving=("government",)),
              m.App(name="bing_pages_2", title="Bing Pages 2")))
    base = doc('agreement "Developer Agreement".\npurpose search "search".\n'
               'purpose display "display".\nrecipient government "government".\n')
    combined = m.Agreement(documents=(base, schedule))
    assert combined.versions == (base,) and combined.schedules == (schedule,)
    assert contractdsl.check(combined) == []


def test_tiers_with_prices_allowances_and_dates():
    d = doc('tier enterprise "Enterprise" costs from 42,000 USD per calendar month '
            'from 2023-03-29 until 2024-12-31:\n'
            '  read no more than 50,000,000 posts per calendar month per app;\n'
            '  write no more than 300 posts per 3 hours.\n')
    month = m.Window(count=1, unit="month", calendar=True)
    assert d.tiers == (m.Tier(
        name="enterprise", title="Enterprise",
        price=m.Price(quantity=m.Quantity(amount=42000, unit="USD"), window=month, minimum=True),
        valid_from=dt.date(2023, 3, 29), valid_until=dt.date(2024, 12, 31),
        allowances=(m.Allowance(action="read", quantity=m.Quantity(amount=50_000_000, unit="posts"),
                                window=month, scope="app"),
                    m.Allowance(action="write", quantity=m.Quantity(amount=300, unit="posts"),
                                window=m.Window(count=3, unit="hour")))),)


def test_the_four_clause_kinds():
    d = doc('clause I.B.1 "Licence": licensee may use content for an approved purpose.\n'
            'clause II.A(i): licensee must not use content for off_platform_ad_targeting.\n'
            'clause III.B: licensee must delete_content within 24 hours after deletion_request.\n'
            'clause DP-3.6: licensee must not share more than 1,500,000 post_ids per 30 days '
            'per recipient.\n'
            'clause XII.C.1: licensee may share content with government or law_enforcement '
            'provided licensee must notify before share.\n'
            'clause X: licensee must report by 2023-06-07.\n')
    assert d.clauses == (
        m.Permission(id="I.B.1", title="Licence",
                     activity=m.Activity(action="use", data="content", approved_purpose=True)),
        m.Prohibition(id="II.A(i)", activity=m.Activity(
            action="use", data="content", purposes=("off_platform_ad_targeting",))),
        m.Obligation(id="III.B", duty="delete_content", deadline=m.Within(
            duration=m.Duration(count=24, unit="hour"), event="deletion_request")),
        m.Limit(id="DP-3.6", action="share",
                quantity=m.Quantity(amount=1_500_000, unit="post_ids"),
                window=m.Window(count=30, unit="day"), scope="recipient"),
        m.Permission(id="XII.C.1", activity=m.Activity(
            action="share", data="content", recipients=("government", "law_enforcement")),
            provisos=(m.Proviso(party="licensee", duty="notify",
                                deadline=m.Before(event="share")),)),
        m.Obligation(id="X", duty="report", deadline=m.By(date=dt.date(2023, 6, 7))),
    )


def test_limits_per_scope_with_conditions_and_exceptions():
    d = doc('clause L1: licensee must not read more than 450 requests per 15 minutes per app.\n'
            'clause L2: licensee must not write more than 1,500 posts per calendar month '
            'per licensee.\n'
            'clause L3: licensee must not share more than 1,500,000 post_ids per 30 days '
            'per recipient unless written_approval except as permitted by DP-3.8.\n'
            'clause L4: licensee must not read more than 50,000 posts per day per user '
            'when app is labelled production.\n'
            'clause L5: licensee must not read more than 10 requests per minute.\n')
    assert d.clauses == (
        m.Limit(id="L1", action="read", quantity=m.Quantity(amount=450, unit="requests"),
                window=m.Window(count=15, unit="minute"), scope="app"),
        m.Limit(id="L2", action="write", quantity=m.Quantity(amount=1500, unit="posts"),
                window=m.Window(count=1, unit="month", calendar=True), scope="licensee"),
        m.Limit(id="L3", action="share", quantity=m.Quantity(amount=1_500_000, unit="post_ids"),
                window=m.Window(count=30, unit="day"), scope="recipient",
                unless=m.FactHolds(name="written_approval"), exceptions=("DP-3.8",)),
        m.Limit(id="L4", action="read", quantity=m.Quantity(amount=50_000, unit="posts"),
                window=m.Window(count=1, unit="day"), scope="user",
                when=m.AppLabelled(label="production")),
        m.Limit(id="L5", action="read", quantity=m.Quantity(amount=10, unit="requests"),
                window=m.Window(count=1, unit="minute")),
    )


def test_obligations_of_either_party_with_each_deadline():
    d = doc('clause N: licensee must notify_licensor before share.\n'
            'clause R: licensor must review_request within 30 days after access_request.\n'
            'clause B: licensee must delete_content by 2023-06-07 when deletion_request.\n'
            'clause C: licensee must cooperate_with_audit.\n')
    assert d.clauses == (
        m.Obligation(id="N", duty="notify_licensor", deadline=m.Before(event="share")),
        m.Obligation(id="R", party="licensor", duty="review_request", deadline=m.Within(
            duration=m.Duration(count=30, unit="day"), event="access_request")),
        m.Obligation(id="B", duty="delete_content", deadline=m.By(date=dt.date(2023, 6, 7)),
                     when=m.FactHolds(name="deletion_request")),
        m.Obligation(id="C", duty="cooperate_with_audit"),
    )


def test_activity_wordings_that_mean_the_same():
    d = doc('clause A: licensee may share posts to end_users or third_party for display.\n'
            'clause B: licensee may share posts for display with end_users or third_party.\n'
            'clause C: licensee may read content for a purpose approved for the app.\n'
            'clause D: licensee may read content for an approved purpose.\n'
            'clause E: licensee may read.\n')
    expected = m.Activity(action="share", data="posts", purposes=("display",),
                          recipients=("end_users", "third_party"))
    assert d.clauses[0].activity == d.clauses[1].activity == expected
    approved = m.Activity(action="read", data="content", approved_purpose=True)
    assert d.clauses[2].activity == d.clauses[3].activity == approved
    assert d.clauses[4] == m.Permission(id="E", activity=m.Activity(action="read"))


def test_conditions_with_and_or_not_and_every_atom():
    c = clause('clause A: licensee may use content when (purpose is research or recipient is '
               'government) and not written_approval and purpose is approved and a tier is '
               'subscribed and tier is pro and date is before 2023-04-29 and date is on or '
               'after 2022-01-01 and app is labelled production and app serves government and '
               'app is bing and action is read and data is posts unless user_consent.\n')
    assert c.when == m.All(operands=(
        m.Any(operands=(m.TermIs(subject="purpose", name="research"),
                        m.TermIs(subject="recipient", name="government"))),
        m.Not(operand=m.FactHolds(name="written_approval")),
        m.PurposeApproved(), m.Subscribed(), m.TierIs(name="pro"),
        m.DateBefore(date=dt.date(2023, 4, 29)), m.DateFrom(date=dt.date(2022, 1, 1)),
        m.AppLabelled(label="production"), m.AppServes(recipient="government"),
        m.TermIs(subject="app", name="bing"), m.TermIs(subject="action", name="read"),
        m.TermIs(subject="data", name="posts")))
    assert c.unless == m.FactHolds(name="user_consent")


def test_and_binds_tighter_than_or():
    c = clause("clause A: licensee may use content when x or y and z.\n")
    assert c.when == m.Any(operands=(m.FactHolds(name="x"), m.All(operands=(
        m.FactHolds(name="y"), m.FactHolds(name="z")))))


def test_precedence_references():
    d = doc('clause P: licensee must not share content with third_party '
            'except as permitted by DP-3.5, DP-3.8 and XII.C.1.\n'
            'clause Q: licensee may share content notwithstanding P.\n')
    assert d.clauses[0].exceptions == ("DP-3.5", "DP-3.8", "XII.C.1")
    assert d.clauses[1].notwithstanding == ("P",)
    both = clause('clause OPEN: licensee may share post_ids with third_party '
                  'notwithstanding II.A(b2) and DP-3.6 provided licensee must notify.\n')
    assert both == m.Permission(
        id="OPEN", activity=m.Activity(action="share", data="post_ids",
                                       recipients=("third_party",)),
        notwithstanding=("II.A(b2)", "DP-3.6"),
        provisos=(m.Proviso(party="licensee", duty="notify"),))


def test_effective_windows_and_versions():
    c = clause("clause TIERS from 2023-04-29 until 2024-11-19: licensee must not use content.\n")
    assert (c.valid_from, c.valid_until) == (dt.date(2023, 4, 29), dt.date(2024, 11, 19))
    old = doc('agreement "A" version "1".\neffective 2022-01-01.\n')
    new = doc('agreement "A" version "2".\neffective 2023-03-29.\n')
    agreement = m.Agreement(documents=(new, old))
    assert agreement.versions == (old, new)
    assert agreement.version_bounds(old) == (dt.date(2022, 1, 1), dt.date(2023, 3, 28))
    assert agreement.version_at(dt.date(2023, 3, 28)) is old
    assert agreement.version_at(dt.date(2023, 3, 29)) is new


def test_quantities_units_aliases_and_windows():
    d = doc('unit posts "posts" alias tweets, tweet.\nunit USD "US dollars" measures money.\n'
            'clause A: licensee must not read more than 1,500,000 tweets per minute.\n'
            'clause B: licensee must not read more than 450 requests per 15 minutes.\n'
            'clause C: licensee must not read more than 1 posts per hour.\n'
            'clause D: licensee must not read more than 2 posts per 24 hours.\n'
            'clause E: licensee must not read more than 3 posts per day.\n'
            'clause F: licensee must not read more than 4 posts per 30 days.\n'
            'clause G: licensee must not read more than 5 posts per calendar month.\n'
            'clause H: licensee must not read more than 6 posts per calendar year.\n'
            'clause I: licensee must not read more than 7 posts per week.\n')
    assert d.units == (m.Unit(name="posts", description="posts", aliases=("tweets", "tweet")),
                       m.Unit(name="USD", description="US dollars", dimension="money"))
    assert d.clauses[0].quantity == m.Quantity(amount=1_500_000, unit="tweets")
    windows = [c.window for c in d.clauses]
    assert windows == [m.Window(count=1, unit="minute"), m.Window(count=15, unit="minute"),
                       m.Window(count=1, unit="hour"), m.Window(count=24, unit="hour"),
                       m.Window(count=1, unit="day"), m.Window(count=30, unit="day"),
                       m.Window(count=1, unit="month", calendar=True),
                       m.Window(count=1, unit="year", calendar=True),
                       m.Window(count=1, unit="week")]
    assert windows[3].seconds == windows[4].seconds == 86_400


def test_decimal_money():
    d = doc('tier t "T" costs 99.50 USD per calendar month.\n'
            'tier u "U" costs 42,000.25 USD per calendar year.\n')
    assert d.tiers[0].price.quantity.amount == Decimal("99.50")
    assert d.tiers[1].price == m.Price(quantity=m.Quantity(amount=Decimal("42000.25"), unit="USD"),
                                       window=m.Window(count=1, unit="year", calendar=True))


def test_a_base_agreement_and_a_schedule_loaded_from_files(tmp_path):
    base_text = ('agreement "Developer Agreement" version "2".\neffective 2023-03-29.\n'
                 'purpose search "search".\n'
                 'clause I.B.1 until 2024-11-19 survives 6 months: '
                 'licensee may use content for an approved purpose.\n')
    schedule_text = 'schedule "Apps" for "Developer Agreement".\napp one "One" approved for search.\n'
    (tmp_path / "base.agreement").write_text(base_text, encoding="utf-8")
    (tmp_path / "apps.agreement").write_text(schedule_text, encoding="utf-8")
    loaded = contractdsl.load(tmp_path / "base.agreement", tmp_path / "apps.agreement",
                              cache=False)
    assert loaded == m.Agreement(documents=(
        m.Document(title="Developer Agreement", version="2", effective=dt.date(2023, 3, 29),
                   terms=(m.Purpose(name="search", description="search"),),
                   clauses=(m.Permission(
                       id="I.B.1", valid_until=dt.date(2024, 11, 19),
                       survives=m.Duration(count=6, unit="month"),
                       activity=m.Activity(action="use", data="content",
                                           approved_purpose=True)),)),
        m.Document(kind="schedule", title="Apps", schedule_for="Developer Agreement",
                   apps=(m.App(name="one", title="One", approved=("search",)),))))
    assert loaded.apps == (m.App(name="one", title="One", approved=("search",)),)
    assert loaded.documents[0].span.file == str(tmp_path / "base.agreement")


def test_comments_are_kept_and_spans_recorded_but_not_compared():
    text = '# heading\nagreement "A". # trailing\nclause A: licensee may use content.\n'
    d = doc(text)
    assert [c.text for c in d.comments] == ["# heading", "# trailing"]
    assert [c.span.line for c in d.comments] == [1, 2]
    assert d.clauses[0].span.line == 3 and d.clauses[0].span.file == "t.agreement"
    moved = doc("\n\n" + text.replace("# heading\n", ""))
    assert moved == d  # positions and comments do not take part in equality


def test_every_example_in_the_language_reference_parses():
    import re
    from pathlib import Path

    text = (Path(__file__).resolve().parent.parent / "docs" / "language.md").read_text()
    fenced = re.findall(r"^```(\w*)\n(.*?)^```", text, flags=re.S | re.M)
    # (a text block after a command is what it prints)
    examples = [b for (kind, b), before in zip(fenced, [("", "")] + fenced)
                if kind == "text" and ": error:" not in b and before[0] not in ("sh", "python")]
    assert len(examples) >= 10
    for block in examples:
        contractdsl.parse(block, "language.md")


def test_every_header_statement_is_kept_in_source_order_and_the_first_counts():
    d = doc('effective 2021-01-01.\nagreement "A" version "1".\nlicensee "D".\n'
            'agreement "B" version "2".\neffective 2020-01-01.\nlicensee "E".\n'
            'terminates 2030-12-31.\nschedule "S" for "A".\nterminates 2031-12-31.\n')
    assert d.headers == (
        m.Effective(date=dt.date(2021, 1, 1)),
        m.Heading(kind="agreement", title="A", version="1"),
        m.Party(role="licensee", name="D"),
        m.Heading(kind="agreement", title="B", version="2"),
        m.Effective(date=dt.date(2020, 1, 1)),
        m.Party(role="licensee", name="E"),
        m.Terminates(date=dt.date(2030, 12, 31)),
        m.Heading(kind="schedule", title="S", schedule_for="A"),
        m.Terminates(date=dt.date(2031, 12, 31)),
    )
    assert [h.span.line for h in d.headers] == list(range(1, 10))
    assert (d.kind, d.title, d.version, d.schedule_for) == ("agreement", "A", "1", None)
    assert (d.effective, d.terminates) == (dt.date(2021, 1, 1), dt.date(2030, 12, 31))
    assert d.parties == (m.Party(role="licensee", name="D"), m.Party(role="licensee", name="E"))
    assert d.party("licensee") == "D"


def refs(c: m.Clause) -> list[tuple]:
    return [(r.kind, r.name, r.span.line, r.span.column, r.span.end_line, r.span.end_column)
            for r in c.refs]


def test_a_clause_keeps_each_name_it_uses_with_where_it_is_written():
    d = doc('clause P: licensee may share content to x or y for p\n'
            '  when tier is t and not told and (app is a or app is labelled prod)\n'
            '  notwithstanding L, L2 provided licensee must tell within 2 days after asked.\n'
            'clause L: licensee must not read more than 5 posts per day\n'
            '  unless app serves gov or purpose is q or recipient is r or data is d or action is w\n'
            '  except as permitted by P.\n'
            'clause O: licensee must notify before share.\n')
    assert refs(d.clauses[0]) == [
        ("action", "share", 1, 24, 1, 29), ("data", "content", 1, 30, 1, 37),
        ("recipient", "x", 1, 41, 1, 42), ("recipient", "y", 1, 46, 1, 47),
        ("purpose", "p", 1, 52, 1, 53), ("tier", "t", 2, 16, 2, 17),
        ("fact", "told", 2, 26, 2, 30), ("app", "a", 2, 43, 2, 44),
        ("label", "prod", 2, 64, 2, 68), ("clause", "L", 3, 19, 3, 20),
        ("clause", "L2", 3, 22, 3, 24), ("duty", "tell", 3, 48, 3, 52),
        ("fact", "asked", 3, 73, 3, 78)]
    assert refs(d.clauses[1]) == [
        ("action", "read", 4, 29, 4, 33), ("unit", "posts", 4, 46, 4, 51),
        ("recipient", "gov", 5, 21, 5, 24), ("purpose", "q", 5, 39, 5, 40),
        ("recipient", "r", 5, 57, 5, 58), ("data", "d", 5, 70, 5, 71),
        ("action", "w", 5, 85, 5, 86), ("clause", "P", 6, 26, 6, 27)]
    assert refs(d.clauses[2]) == [("duty", "notify", 7, 25, 7, 31),
                                  ("event", "share", 7, 39, 7, 44)]
    for r in d.clauses[0].refs + d.clauses[1].refs:  # each range holds the name as written
        line = d.source.splitlines()[r.span.line - 1]
        assert line[r.span.column - 1:r.span.end_column - 1] == r.name
    assert d.clauses[0] == attrs.evolve(d.clauses[0], refs=())  # not part of equality


def test_definitions_know_where_their_name_is_written():
    d = doc('purpose research "r".\nunit posts "posts".\napp  bing "Bing".\n'
            'tier pro "Pro".\nclause   II.A(b2): licensee may use.\n')
    spans = [(x.name_span.line, x.name_span.column, x.name_span.end_column)
             for x in (*d.terms, *d.units, *d.apps, *d.tiers, *d.clauses)]
    assert spans == [(1, 9, 17), (2, 6, 11), (3, 6, 10), (4, 6, 9), (5, 10, 18)]


def test_an_activity_keeps_how_its_recipients_are_written():
    d = doc('clause A: licensee may share posts to x or y for p.\n'
            'clause B: licensee may share posts for p with y or x.\n'
            'clause C: licensee may share posts to x.\n')
    written = [(c.activity.preposition, c.activity.recipients_first, c.activity.recipients)
               for c in d.clauses]
    assert written == [("to", True, ("x", "y")), ("with", False, ("y", "x")),
                       ("to", False, ("x",))]
    assert d.clauses[0].activity == attrs.evolve(d.clauses[1].activity, recipients=("x", "y"))


@pytest.mark.parametrize("written, scope, said", [
    ("per endpoint", "endpoint", "per endpoint"), ("per client", "client", "per client id"),
    ("per token", "token", "per access token"), ("per model", "model", "per model"),
    ("per IP address", "IP address", "per IP address")])
def test_limits_per_endpoint_client_token_model_and_ip_address(written, scope, said):
    text = (HEADER + 'action read "read".\nunit requests "requests".\n'
            f"clause RL: licensee must not read more than 10 requests per minute {written}.\n")
    agreement = contractdsl.parse(text)
    (clause,) = agreement.documents[0].clauses
    assert clause.scope == scope
    assert f"for more than 10 requests per minute {said}." in contractdsl.render(agreement)
    assert f"per minute {written}." in format_text(text)
