"""Rendering agreements to prose: templates for every model class, locales, formats, escaping."""

from __future__ import annotations

import datetime as dt
import html.parser
import json
import re
from pathlib import Path

from decimal import Decimal

import attrs
import pytest

import contractdsl
from contractdsl import model as m
from contractdsl.cli import main
from contractdsl.prose.phrase import markdown_escape, messages, singular
from contractdsl.prose.render import (FORMATS, LOCALES, NOT_RENDERED, Speaker, clause_context,
                                      environment, render, render_clause, render_condition,
                                      template_name)

ROOT = Path(__file__).resolve().parent.parent
TWITTER = ROOT / "agreements" / "twitter"
Y2022 = TWITTER / "developer-agreement-2022.agreement"
Y2023 = TWITTER / "developer-agreement-2023.agreement"
SCHEDULE = TWITTER / "microsoft-apps.agreement"

D = dt.date(2023, 6, 7)


def q(amount=1500, unit="posts"):
    return m.Quantity(amount=amount, unit=unit)


def w(count=15, unit="minute", calendar=False):
    return m.Window(count=count, unit=unit, calendar=calendar)


# Samples with every field set to something other than its default. Several samples for a
# class where one field hides another (an approved purpose hides the listed purposes).
SAMPLES = {
    m.Quantity: [q()],
    m.Window: [w(), w(1, "month", True)],
    m.Duration: [m.Duration(count=24, unit="hour")],
    m.Term: [m.Term(name="ads", description="advertising", parent="p")],
    m.Purpose: [m.Purpose(name="ads", description="advertising", parent="p")],
    m.Recipient: [m.Recipient(name="gov", description="a government", parent="p")],
    m.DataKind: [m.DataKind(name="posts", description="Tweets", parent="p")],
    m.Action: [m.Action(name="read", description="retrieve content", parent="p")],
    m.Act: [m.Act(name="register", description="register an app", parent="p")],
    m.Fact: [m.Fact(name="told", description="the licensor was told", parent="p")],
    m.Endpoint: [m.Endpoint(name="search", description="GET /search", parent="p")],
    m.Standard: [m.Standard(name="reasonable", description="the volume is reasonable",
                            parent="p")],
    m.Duty: [m.Duty(name="tell", description="tell the licensor", parent="p",
                    shown_by="told")],
    m.Attribute: [m.Attribute(name="opted_in", description="opted in", parent="p",
                              party="user")],
    m.Measure: [m.Measure(name="age", description="age in years", parent="p", party="user")],
    m.AttributeValue: [m.AttributeValue(name="gov", value=True),
                       m.AttributeValue(name="mau", value=800_000_000)],
    m.Unit: [m.Unit(name="posts", description="posts", dimension="length",
                    aliases=("tweets",))],
    m.Scope: [m.Scope(name="channel", description="channel of a server"),
              m.Scope(name="project", description="project of the account", holds_apps=True)],
    m.App: [m.App(name="bing", title="Bing", approved=("ads",), labels=("production",),
                  serving=("gov",))],
    m.Price: [m.Price(quantity=q(100, "USD"), window=w(1, "month", True), minimum=True)],
    m.Allowance: [m.Allowance(action="read", quantity=q(), window=w(), scope="app")],
    m.Earning: [m.Earning(quantity=q(5, "USD"))],
    m.Tier: [m.Tier(name="basic", title="Basic", price=m.Price(
        quantity=q(100, "USD"), window=w(1, "month", True)), earning=m.Earning(
        quantity=q(5, "USD")), valid_from=D, valid_until=D + dt.timedelta(days=30),
        allowances=(m.Allowance(action="read", quantity=q(), window=w()),))],
    m.Condition: [m.Condition()],
    m.TermIs: [m.TermIs(subject="purpose", name="ads"), m.TermIs(subject="app", name="bing")],
    m.PurposeApproved: [m.PurposeApproved()],
    m.Subscribed: [m.Subscribed()],
    m.TierIs: [m.TierIs(name="basic")],
    m.DateBefore: [m.DateBefore(date=D)],
    m.DateFrom: [m.DateFrom(date=D)],
    m.AppLabelled: [m.AppLabelled(label="staging")],
    m.AppServes: [m.AppServes(recipient="gov")],
    m.FactHolds: [m.FactHolds(name="told")],
    m.AttributeIs: [m.AttributeIs(party="licensee", name="gov")],
    m.MeasureIs: [m.MeasureIs(party="user", name="age", comparison="at most", amount=12)],
    m.AppsFor: [m.AppsFor(comparison="more than", amount=1)],
    m.Not: [m.Not(operand=m.FactHolds(name="told"))],
    m.All: [m.All(operands=(m.FactHolds(name="told"), m.Any(operands=(
        m.TierIs(name="basic"), m.Subscribed()))))],
    m.Any: [m.Any(operands=(m.FactHolds(name="told"), m.TierIs(name="basic")))],
    m.Deadline: [m.Deadline()],
    m.Within: [m.Within(duration=m.Duration(count=24, unit="hour"), event="told")],
    m.Upon: [m.Upon(event=m.TERMINATION)],
    m.Every: [m.Every(duration=m.Duration(count=12, unit="month"), event="told")],
    m.Event: [m.Event(names=("told", m.TERMINATION), pick="later")],
    m.Survival: [m.Survival(duration=m.Duration(count=1, unit="year"), event="told")],
    m.DateGap: [m.DateGap(first="told", comparison="at least",
                          duration=m.Duration(count=10, unit=m.BUSINESS_DAY), second="told")],
    m.SameWindow: [m.SameWindow(first="told", unit="year", second="told")],
    m.DatedFact: [m.DatedFact(name="told", date=D)],
    m.WithinJudged: [m.WithinJudged(standard="reasonable", event="told")],
    m.Before: [m.Before(event="read")],
    m.By: [m.By(date=D)],
    m.Activity: [m.Activity(action="read", data="posts", purposes=("ads",),
                            recipients=("gov",)),
                 m.Activity(action="read", approved_purpose=True)],
    m.Proviso: [m.Proviso(party="licensor", duty="tell", deadline=m.By(date=D))],
}
COMMON = dict(title="A title", party="licensor", valid_from=D, valid_until=D,
              survives=m.Duration(count=1, unit="year"), when=m.FactHolds(name="told"),
              unless=m.Subscribed())
SAMPLES.update({
    m.Clause: [m.Clause(id="C.1", **COMMON)],
    m.Permission: [m.Permission(id="C.1", activity=m.Activity(action="read"),
                                notwithstanding=("X",), provisos=SAMPLES[m.Proviso], **COMMON)],
    m.Prohibition: [m.Prohibition(id="C.1", activity=m.Activity(action="read"),
                                  exceptions=("X",), **COMMON)],
    m.Limit: [m.Limit(id="C.1", action="read", quantity=q(), window=w(), scope="app and channel",
                      endpoint="search", exceptions=("X",), **COMMON),
              m.Limit(id="C.2", action="read", quantity=q(), per="request", **COMMON),
              m.Limit(id="C.3", action="read", quantity=q(), concurrent=True, **COMMON)],
    m.Obligation: [m.Obligation(id="C.1", duty="tell", deadline=m.By(date=D), **COMMON)],
    m.Fee: [m.Fee(id="C.1", price=m.Quantity(amount=Decimal("0.24"), unit="USD"),
                  per=m.Quantity(amount=1000, unit="posts"), **COMMON)],
    m.LateCharge: [m.LateCharge(id="C.1", percent=Decimal("1.5"), period="month", part=True,
                                **COMMON)],
    m.LiabilityCap: [m.LiabilityCap(id="C.1", cap=q(100, "USD"), **COMMON),
                     m.LiabilityCap(id="C.2", cap=m.Extreme(greater=True, operands=(
                         m.AmountPaid(duration=m.Duration(count=12, unit="month")),
                         q(100, "USD"))), **COMMON)],
    m.Party: [m.Party(role="licensor", name="Twitter")],
    m.Incorporation: [m.Incorporation(id="C.1", documents=("Policy", "Rules"),
                                      prevailing="incorporated", **COMMON),
                      m.Incorporation(id="C.2", documents=("Policy",),
                                      prevailing="incorporating")],
})
SAMPLES[m.Threshold] = [m.Threshold(quantity=q(), window=w(), beyond=False)]
SAMPLES[m.Fee].append(attrs.evolve(SAMPLES[m.Fee][0], threshold=SAMPLES[m.Threshold][0]))
SAMPLES[m.AmountPaid] = [m.AmountPaid(duration=m.Duration(count=6, unit="month"))]
SAMPLES[m.Extreme] = [m.Extreme(greater=False, operands=(q(5, "USD"), q(100, "USD")))]
SAMPLES[m.Document] = [m.Document(
    kind="schedule", title="Doc", version="2", schedule_for="Main",
    parties=SAMPLES[m.Party], effective=D, terminates=D + dt.timedelta(days=1),
    terms=(SAMPLES[m.Purpose][0],), units=SAMPLES[m.Unit], scopes=SAMPLES[m.Scope],
    apps=SAMPLES[m.App],
    tiers=SAMPLES[m.Tier], clauses=SAMPLES[m.Limit], values=SAMPLES[m.AttributeValue],
    dated=SAMPLES[m.DatedFact])]
SAMPLES[m.Agreement] = [m.Agreement(documents=tuple(SAMPLES[m.Document]))]

# Fields shown other than by the class's own template: a term's name is replaced by its
# description and its parent by nesting; a clause's heading and validity by the page.
SAID_ELSEWHERE = {m.Term: {"name", "parent"},
                  m.Incorporation: {"party"}}  # an incorporation binds no party
# The base clause (never written as such) says only its heading; each kind says the rest.
BASE_CLAUSE_SAYS_HEADING_ONLY = {"party", "when", "unless"}
# Positions and comments hold no content to say; nor do the header statements as written (said
# through the document's fields) and the names a clause uses where they are written.
NO_CONTENT = NOT_RENDERED + (m.Heading, m.Effective, m.Terminates, m.Ref)


def model_classes():
    return [c for c in vars(m).values()
            if isinstance(c, type) and attrs.has(c) and c.__module__ == m.__name__
            and c not in NO_CONTENT]


def speaker(locale="en"):
    vocabulary = m.Document(terms=(
        m.Purpose(name="ads", description="advertising"),
        m.Recipient(name="gov", description="a government"),
        m.Action(name="read", description="retrieve content"),
        m.DataKind(name="posts", description="Tweets"),
        m.Fact(name="told", description="the licensor was told"),
        m.Duty(name="tell", description="tell the licensor")),
        units=(m.Unit(name="USD", description="US dollars", dimension="money"),),
        apps=(m.App(name="bing", title="Bing"),),
        tiers=(m.Tier(name="basic", title="Basic"),))
    return Speaker(locale, (vocabulary,))


def full_text(s: Speaker, obj) -> str:
    """Everything the prose says about an object, the page's part included."""
    if isinstance(obj, m.Clause):
        return json.dumps(clause_context(s, obj), ensure_ascii=False)
    if isinstance(obj, (m.Document, m.Agreement)):
        return render(obj, locale=s.locale)
    return s.say(obj)


def test_every_model_class_has_a_sample():
    assert set(model_classes()) == set(SAMPLES)


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("cls", model_classes(), ids=lambda c: c.__name__)
def test_every_model_class_has_a_template_that_renders(cls, locale):
    environment().get_template(template_name(cls))  # raises if missing
    s = speaker(locale)
    for sample in SAMPLES[cls]:
        text = s.say(sample)  # StrictUndefined: any undefined name raises
        if cls not in (m.Condition, m.Deadline):
            assert text.strip(), cls


@pytest.mark.parametrize("cls", model_classes(), ids=lambda c: c.__name__)
def test_every_field_shows_in_the_prose(cls):
    """Resetting any field to its default changes what is said: no field is silently dropped."""
    s = speaker()
    # a field outside equality holds what the source says, not what the agreement means
    skip = {f.name for f in attrs.fields(cls) if not f.eq} | next(
        (v for k, v in SAID_ELSEWHERE.items() if issubclass(cls, k)), set())
    if cls is m.Clause:
        skip |= BASE_CLAUSE_SAYS_HEADING_ONLY
    for field in attrs.fields(cls):
        if field.name in skip:
            continue
        changed = False
        for sample in SAMPLES[cls]:
            value = getattr(sample, field.name)
            if field.default is attrs.NOTHING:
                continue
            default = field.default.factory() if isinstance(
                field.default, attrs.Factory) else field.default
            if value == default:
                continue
            changed |= full_text(s, sample) != full_text(s, attrs.evolve(sample, **{
                field.name: default}))
        required = field.default is attrs.NOTHING
        assert changed or required, f"{cls.__name__}.{field.name} does not show in the prose"


def test_message_catalogue_is_complete_in_every_locale():
    catalogue = messages()
    keys = set(catalogue["en"])
    for locale in LOCALES:
        assert set(catalogue[locale]) == keys, locale
        for key, text in catalogue[locale].items():
            assert text.strip(), (locale, key)
            assert set(re.findall(r"{(\w+)}", text)) == set(
                re.findall(r"{(\w+)}", catalogue["en"][key])), (locale, key)


@pytest.mark.parametrize("locale,number,day", [
    ("en", "1,500,000", "7 June 2023"),
    ("nl", "1.500.000", "7 juni 2023"),
    ("fr", "1\u202f500\u202f000", "7 juin 2023"),  # Babel's French uses a narrow no-break space
])
def test_babel_numbers_and_dates_per_locale(locale, number, day):
    s = Speaker(locale)
    assert s.number(1500000) == number
    assert s.date(D) == day


@pytest.mark.parametrize("locale,day,moment", [
    ("en", "1 March 2024", "1 March 2024 09:30"),
    ("nl", "1 maart 2024", "1 maart 2024 09:30"),
    ("fr", "1er mars 2024", "1er mars 2024 09:30"),  # French writes the first as an ordinal
])
def test_the_first_of_the_month(locale, day, moment):
    s = Speaker(locale)
    assert s.date(dt.date(2024, 3, 1)) == day
    assert s.date(dt.datetime(2024, 3, 1, 9, 30)) == moment
    assert s.date(dt.date(2024, 3, 11)).startswith("11 ")


@pytest.mark.parametrize("locale,expected", [
    ("en", "US$100"), ("nl", "US$\u00a0100"), ("fr", "100\u00a0$US")])
def test_money_per_locale(locale, expected):
    s = speaker(locale)
    assert s.quantity(q(100, "USD")) == expected


@pytest.mark.parametrize("locale,words", [
    ("en", ("15 minutes", "day", "calendar month", "24 hours", "a, b and c", "a or b")),
    ("nl", ("15 minuten", "dag", "kalendermaand", "24 uur", "a, b en c", "a of b")),
    ("fr", ("15 minutes", "jour", "mois civil", "24 heures", "a, b et c", "a ou b")),
])
def test_windows_durations_and_lists(locale, words):
    s = Speaker(locale)
    said = (s.window(w()), s.window(w(1, "day")), s.window(w(1, "month", True)),
            s.duration(m.Duration(count=24, unit="hour")), s.join(["a", "b", "c"]),
            s.join(["a", "b"], "or"))
    assert said == words


@pytest.fixture(scope="module")
def twitter():
    return contractdsl.load(Y2022, Y2023, SCHEDULE)


def snake_names(agreement):
    """Names of terms and units that have a description and could never be prose."""
    names = set()
    for doc in agreement.documents:
        names |= {t.name for t in doc.terms if "_" in t.name}
        names |= {u.name for u in doc.units if "_" in u.name}
    return names


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("locale", LOCALES)
def test_rendering_mentions_every_clause_and_no_raw_term_name(twitter, locale, fmt):
    text = render(twitter, locale=locale, format=fmt)
    if fmt == "markdown":
        text = text.replace("\\", "")
    for doc in twitter.documents:
        for clause in doc.clauses:
            assert clause.id in text, clause.id
            if clause.title:
                assert clause.title.replace("'", "&#39;" if fmt == "html" else "'") in text
    names = snake_names(twitter)
    assert names  # the Twitter agreement has many snake_case names
    for name in names:
        assert not re.search(rf"(?<![\w`]){re.escape(name)}(?!\w)", text), name


def test_prose_uses_descriptions(twitter):
    text = render(twitter)
    assert ("must not use Twitter content in any way for targeting users "
            "with advertising outside Twitter") in text
    assert "off_platform_ad_targeting" not in text
    assert "In force from 10 March 2020 to 28 March 2023." in text
    assert "In force from 29 April 2023." in text  # the TIERS clause's own window
    assert "Survives termination for 1 year." in text
    assert "except as permitted by clauses DP-3.5, DP-3.8, DP-3.8-users and XII.C.1-users" in text
    assert "Enterprise: from US$42,000 per calendar month" in text


def test_markdown_structure(twitter):
    text = render(contractdsl.load(Y2022))
    assert text.startswith("# Twitter Developer Agreement\n")
    for heading in ("## Parties", "## Definitions", "### Purposes", "## Access tiers",
                    "## Clauses", "### DP-3.6 Volume of redistributed IDs"):
        assert f"\n{heading}\n" in text
    # hierarchy: academic research is nested two levels under analysis
    assert "\n- analysing Twitter content\n  - research\n    - non-commercial research" in text


@pytest.mark.parametrize("locale", LOCALES)
def test_every_markdown_heading_stands_after_a_blank_line(twitter, locale):
    """A schedule has a subtitle but no dates of its own: its title block still ends with a
    blank line before the next heading."""
    schedule = render(contractdsl.load(SCHEDULE), locale=locale)
    assert "**\n\n## " in schedule
    for text in (schedule, render(twitter, locale=locale)):
        lines = text.splitlines()
        for number, line in enumerate(lines[1:], start=1):
            if line.startswith("#"):
                assert lines[number - 1] == "", (locale, line)


def test_text_format_has_no_markup():
    text = render(contractdsl.load(Y2022), format="text")
    assert text.startswith("TWITTER DEVELOPER AGREEMENT\n===========================\n")
    assert "**" not in text and "<" not in text and "\\" not in text
    clauses = text.split("\nClauses\n-------\n")[1]
    assert all(len(line) <= 80 for line in clauses.splitlines())  # clause text is wrapped


def test_plain_text_puts_one_blank_line_under_each_heading_and_between_items():
    text = render(contractdsl.parse(
        'agreement "T" version "1".\neffective 2024-01-01.\naction use "use".\n'
        'data content "content".\npurpose research "research".\n'
        "clause 1: licensee may use content.\nclause 2: licensee must not use content.\n"),
        format="text")
    assert "\n\n\n" not in text
    assert "Definitions\n-----------\n\nActions\n- use\n\nData\n- content\n" in text
    assert "Clauses\n-------\n\n1\n\n    The licensee may" in text
    assert ".\n\n2\n\n    The licensee must not" in text


SHIPPED = sorted((Path(__file__).resolve().parent.parent / "agreements").rglob("*.agreement"))


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_every_line_of_plain_text_fits_in_80_columns(path):
    """Every line of every shipped agreement as plain text, in every locale, fits in 80 columns,
    unless it holds a single word (after its indent and dash) longer than that."""
    agreement = contractdsl.load(path, cache=False)
    for locale in LOCALES:
        for line in render(agreement, locale=locale, format="text").splitlines():
            words = line.strip().removeprefix("- ").split(" ")
            assert len(line) <= 80 or len(words) == 1, (locale, line)


def test_a_long_survival_line_is_wrapped():
    text = render(contractdsl.parse(
        'agreement "T" version "1".\neffective 2024-01-01.\naction use "use".\n'
        'data content "content".\nfact ceased "the licensee has stopped using the data".\n'
        'fact deleted "every stored record has been deleted".\n'
        "clause 1 survives 1 year after the later of ceased and deleted:\n"
        "  licensee may use content.\n"), format="text")
    clause = text.split("\nClauses\n-------\n")[1]
    notes = [line for line in clause.splitlines() if line.startswith("    ")]
    assert notes[0] == "    Survives termination until 1 year after the licensee has stopped using the"
    assert all(len(line) <= 80 for line in clause.splitlines()), clause


def test_french_guillemets_keep_their_words_on_the_line():
    text = render(contractdsl.parse(
        'agreement "T" version "1".\neffective 2024-01-01.\naction use "use".\n'
        'action share "make content available to another party of the licensee\'s choosing" '
        "under use.\ndata content \"content\".\n"
        "clause 1: licensee must not use content when action is share.\n"),
        locale="fr", format="text")
    lines = text.split("\nClauses\n-------\n")[1].splitlines()
    assert not any(line.strip() in ("»", "».") or line.rstrip().endswith("«") for line in lines)
    assert "« " not in text and " »" not in text  # a no-break space inside them


def test_render_single_clause_and_condition(twitter):
    doc = twitter.versions[0]
    clause = next(c for c in doc.clauses if c.id == "DP-1.4")
    assert render_condition(clause.when, twitter) == (
        "the app is labelled development or the app is labelled staging")
    assert render_condition(clause.when, twitter, locale="fr").startswith(
        "l’application porte l’étiquette development ou")
    sentence = render_clause(next(c for c in doc.clauses if c.id == "II.A(i)"), twitter)
    assert sentence.startswith("The licensee must not use Twitter content")
    assert sentence.endswith("for targeting users with advertising outside Twitter.")


def test_nested_conditions_are_bracketed():
    s = speaker()
    text = s.say(SAMPLES[m.All][0])
    assert text == ("the licensor was told and (the licensee subscribes to the Basic tier or "
                    "the licensee subscribes to a tier)")
    assert s.say(m.Not(operand=SAMPLES[m.Any][0])).startswith(
        "it is not the case that (the licensor was told or")


NEGATION_HEAD = """\
agreement "T" version "1".
effective 2024-01-01.
action use "use".
data content "content".
purpose research "research".
fact approval "the licensor approved it".
fact notified "the licensor was notified".
"""


def test_a_negation_reads_with_its_own_scope():
    """`not` binds tighter than `and` and `or`: a negated atom says its own negative, which ends
    where the atom ends, and a negated compound keeps its brackets, so the four read apart."""
    conditions = ["not approval and notified", "not (approval and notified)",
                  "not approval or notified", "not (approval or notified)",
                  "not (purpose is research) and notified",
                  "not (approval and notified) and purpose is research"]
    for locale in LOCALES:
        said = []
        for condition in conditions:
            terms = contractdsl.parse(
                NEGATION_HEAD + f"clause 2: licensee must not use content when {condition}.\n")
            said.append(render_condition(terms.documents[0].clauses[0].when, terms, locale))
        assert len(set(said)) == len(said), said
        if locale == "en":
            assert said == [
                "“the licensor approved it” does not hold and the licensor was notified",
                "it is not the case that (the licensor approved it and the licensor was notified)",
                "“the licensor approved it” does not hold or the licensor was notified",
                "it is not the case that (the licensor approved it or the licensor was notified)",
                "the purpose is not research and the licensor was notified",
                "(it is not the case that (the licensor approved it and the licensor was notified))"
                " and the purpose is research"]


def test_french_elides_de_before_au():
    terms = contractdsl.parse(NEGATION_HEAD + 'measure mau "monthly active users" of licensee.\n'
                              "clause 2: licensee must not use content when licensee's mau is "
                              "at least 1,000 or not (licensee's mau is at most 10).\n")
    said = render_condition(terms.documents[0].clauses[0].when, terms, "fr")
    assert "est d’au moins 1" in said and "n’est pas d’au plus 10" in said
    assert "de au" not in said


def test_deadlines_in_words():
    s = speaker()
    assert s.say(SAMPLES[m.Obligation][0]).startswith(
        "The licensor must tell the licensor by 7 June 2023, when the licensor was told")
    assert s.say(m.Before(event="read")) == "before proceeding to retrieve content"
    assert s.say(m.Before(event="told")) == "before the licensor was told"


# ---- HTML -----------------------------------------------------------------------------------


class _Collector(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.hrefs, self.tags, self.scripts = [], [], [], 0

    def handle_starttag(self, tag, attrs_):
        self.tags.append(tag)
        values = dict(attrs_)
        if "id" in values:
            self.ids.append(values["id"])
        if tag == "a" and "href" in values:
            self.hrefs.append(values["href"])
        if tag == "script":
            self.scripts += 1


def test_html_is_a_standalone_page_with_anchors_and_contents():
    agreement = contractdsl.load(Y2022)
    page = render(agreement, format="html")
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="en">' in page and "@media print" in page and "<nav" in page
    assert page.index("<h1>") < page.index("<nav") < page.index("<h2>")  # title, contents, body
    parsed = _Collector()
    parsed.feed(page)
    ids = set(parsed.ids)
    for clause in agreement.documents[0].clauses:
        assert f"clause-{clause.id}" in ids
        assert f"#clause-{clause.id}" in parsed.hrefs  # table of contents links
    assert all(h.lstrip("#") in ids for h in parsed.hrefs)
    assert len(parsed.ids) == len(ids)  # anchors are unique


def test_html_anchors_stay_unique_across_versions(twitter):
    parsed = _Collector()
    parsed.feed(render(twitter, format="html"))
    assert len(parsed.ids) == len(set(parsed.ids))
    assert "d1-clause-DP-1.4" in parsed.ids and "d2-clause-DP-1.4" in parsed.ids


EVIL = '''agreement "Terms <b>bold</b>" version "1".
licensor "A & B <i>".
purpose evil "<script>alert('x')</script> profiling".
clause X.1 "<img src=x onerror=alert(1)>": licensee must not use content for evil.
'''


def test_html_escapes_every_value():
    page = render(contractdsl.parse(EVIL), format="html")
    parsed = _Collector()
    parsed.feed(page)
    assert parsed.scripts == 0 and "img" not in parsed.tags and "b" not in parsed.tags
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; profiling" in page
    assert "A &amp; B &lt;i&gt;" in page
    assert "<script>" not in page


def test_markdown_escapes_markup():
    text = render(contractdsl.parse(EVIL))
    assert "<script>" not in text and "\\<script\\>" in text


@pytest.mark.parametrize("locale,word", [("en", "Clauses"), ("nl", "Bepalingen"),
                                         ("fr", "Clauses")])
def test_cli_render(tmp_path, capsys, locale, word):
    out = tmp_path / "out.html"
    assert main(["render", str(Y2022), "--locale", locale, "--format", "html",
                 "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert f'<html lang="{locale}">' in page and word in page
    assert main(["render", str(Y2022), "--format", "text"]) == 0
    assert capsys.readouterr().out.startswith("TWITTER DEVELOPER AGREEMENT")


def test_a_choice_lists_its_options_however_many():
    from contractdsl.cli import choice
    from contractdsl.errors import InputError

    for choices, listed in ((["duckdb"], "`duckdb`"), (["duckdb", "spark"], "`duckdb` or `spark`"),
                            (["en", "nl", "fr"], "`en`, `nl` or `fr`")):
        with pytest.raises(InputError) as err:
            choice("engine", choices)("zzzzzzzz")
        assert str(err.value).endswith(f"\nhelp: choose {listed}")


V1 = 'agreement "T" version "1".\neffective 2024-06-01.\naction use "use".\n' \
    'clause 1: licensee may use.\n'
V2 = 'agreement "T" version "2".\neffective 2024-06-01.\naction use "use".\n' \
    'purpose research "research".\nclause 1: licensee may use for nope.\n'


@pytest.mark.parametrize("texts, messages", [
    ([""], ["the file has no `agreement` line"]),
    ([V1, V2], ["version `2` of `T` overlaps version `1` (in force from 2024-06-01)",
                "unknown purpose `nope`"]),
], ids=["empty", "overlapping-and-unknown"])
def test_an_agreement_that_does_not_check_is_not_rendered(tmp_path, capsys, texts, messages):
    from contractdsl.errors import AgreementError

    paths = []
    for index, text in enumerate(texts):
        paths.append(tmp_path / f"v{index + 1}.agreement")
        paths[-1].write_text(text)
    with pytest.raises(AgreementError) as err:
        contractdsl.render(contractdsl.load(*paths))
    assert [d.message for d in err.value.diagnostics] == messages
    out = tmp_path / "out.md"
    assert main(["render", *map(str, paths), "-o", str(out)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and not out.exists()
    for message in messages:
        assert f": error: {message}\n" in captured.err
    with pytest.raises(AgreementError):
        contractdsl.render(contractdsl.parse(""))


def test_cli_render_bad_input(tmp_path, capsys):
    assert main(["render", str(tmp_path / "missing.agreement")]) == 2
    assert "no such file" in capsys.readouterr().err
    assert main(["render", str(Y2022), "--locale", "de"]) == 2
    err = capsys.readouterr().err
    assert "error: unknown locale `de`\nhelp: choose `en`, `nl` or `fr`\n" in err
    assert main(["render", str(Y2022), "--format", "pdf"]) == 2
    assert "error: unknown format `pdf`\nhelp: choose `markdown`, `html` or `text`\n" in \
        capsys.readouterr().err
    assert main(["render", str(Y2022), "-o", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert f"error: `{tmp_path}` is a folder; give a file name to write to" in err
    assert main(["render", ""]) == 2
    assert "error: a file name is empty" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == []  # nothing written anywhere


def test_python_api_rejects_unknown_locale_and_format(twitter):
    with pytest.raises(contractdsl.InputError, match="unknown locale `de`"):
        contractdsl.render(twitter, locale="de")
    with pytest.raises(contractdsl.InputError, match="did you mean `html`"):
        contractdsl.render(twitter, format="htm")


def test_render_is_the_package_function_even_after_the_module_is_imported(twitter):
    import contractdsl.prose.render  # noqa: F401  (binds a module on a package)

    assert contractdsl.render(twitter).startswith("# Twitter Developer Agreement")
    assert contractdsl.prose.render(twitter) == contractdsl.render(twitter)


# ---- decisions ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bing_decision(twitter):
    from contractdsl.usage import read_usages

    usage = read_usages(TWITTER / "usages" / "bing-pages-2.yaml")[0]
    return contractdsl.permits(twitter, usage)


@pytest.mark.parametrize("locale,heading,rule", [
    ("en", "bing_pages_2 from 1 January 2022 to 31 December 2022: Denied",
     "The licensee may use Twitter content in any way"),
    ("nl", "bing_pages_2 van 1 januari 2022 tot en met 31 december 2022: Geweigerd",
     "De licentienemer mag use Twitter content in any way"),
    ("fr", "bing_pages_2 du 1er janvier 2022 au 31 décembre 2022\u00a0: Refusé",
     "Le licencié peut use Twitter content in any way"),
])
def test_decision_explained_in_each_locale(twitter, bing_decision, locale, heading, rule):
    assert bing_decision.outcome == "denied"
    text = bing_decision.explain(locale=locale, agreement=twitter)
    assert text.startswith(heading)
    assert "I.B.1 (Licence to use content)" in text
    assert rule in text


def test_decision_explained_without_the_agreement(bing_decision):
    text = bing_decision.explain(locale="nl")
    assert "Geweigerd" in text and "I.B.1" in text


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_decision_formats(twitter, bing_decision, fmt):
    text = bing_decision.explain(locale="en", format=fmt, agreement=twitter)
    if fmt == "html":
        assert text.startswith('<section class="decision decision-denied">')
        assert "<q>The licensee may use Twitter content" in text
        assert "`search_results_display`" in text  # evaluator text, escaped as text
    else:
        assert text.startswith("**bing\\_pages\\_2")


def test_cli_permits_in_dutch(capsys):
    code = main(["permits", str(Y2022), str(Y2023), str(SCHEDULE), "--usage",
                 str(TWITTER / "usages" / "bing-pages-2.yaml"), "--locale", "nl"])
    assert code == 1
    out = capsys.readouterr().out
    assert "Geweigerd" in out and "De licentienemer mag" in out


EXAMPLES = sorted(p for p in (ROOT / "agreements").rglob("*.agreement")
                  if not p.name.endswith("_bad.agreement"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_example_renders_in_every_locale_and_format(path):
    agreement = contractdsl.load(path)
    for locale in LOCALES:
        for fmt in FORMATS:
            text = render(agreement, locale=locale, format=fmt)
            if fmt == "markdown":
                text = text.replace("\\", "")
            for doc in agreement.documents:
                for clause in doc.clauses:
                    assert clause.id in text, (locale, fmt, clause.id)
            for name in snake_names(agreement):
                assert not re.search(rf"(?<![\w`]){re.escape(name)}(?!\w)", text), name


def test_french_no_break_spaces_survive_in_the_prose():
    s = speaker("fr")
    text = s.say(m.Allowance(action="read", quantity=q(1500000), window=w()))
    assert "1\u202f500\u202f000" in text and "\u00a0: au plus" in text


@pytest.mark.parametrize("locale", LOCALES)
def test_every_effect_of_a_reason_has_words_in_every_locale(locale):
    from contractdsl.decision import EFFECTS, Reason

    catalogue = Speaker(locale).catalogue
    assert [e for e in EFFECTS if f"effect.{e}" not in catalogue] == []
    with pytest.raises(ValueError):  # a reason cannot carry an effect without words
        Reason(clause="1", title=None, effect="allowed", text="")


def test_a_data_kind_and_a_purpose_of_the_same_name_are_said_each_in_its_own_words():
    agreement = contractdsl.parse(
        'agreement "Licence" version "1".\nlicensee "Developer".\neffective 2024-01-01.\n'
        'action use "use".\ndata research "research data sets".\n'
        'purpose research "scientific study".\n'
        'clause 1: licensee may use research for research.\n')
    text = contractdsl.render(agreement, format="text")
    assert "may use research data sets for scientific study" in text
    assert "for research data sets" not in text


def _bare_colons(text: str) -> list[str]:
    """The colons and semicolons of French text that no no-break space (U+00A0 or U+202F)
    precedes, each with what comes before it: code in backticks, URLs, times and the fields of
    a message are left out."""
    text = re.sub(r"`[^`\n]*`|\{[^{}]*\}|\b[a-z][a-z0-9+.-]*://[^\s)\]>\"]+|\d:\d", " ", text)
    return [text[max(m.start() - 30, 0):m.end()]
            for m in re.finditer(r"(?<![\u00a0\u202f])[:;]", text)]


def test_french_puts_a_no_break_space_before_every_colon_and_semicolon(tmp_path):
    said = {f"message {key}": value for key, value in messages()["fr"].items()}
    old = contractdsl.parse('agreement "T" version "1".\neffective 2024-06-01.\n'
                            'action read "read".\nclause 1: licensee may read.\n'
                            'clause 2 "No sale": licensee must not read.\n')
    new = contractdsl.parse('agreement "T" version "2".\neffective 2024-07-01.\n'
                            'action read "read".\nclause R1: licensee may read.\n'
                            'clause 3: licensee may read.\n')
    said["redline"] = contractdsl.diff(old, new).render_redline("fr")
    assert "\u00a0: 1 → R1" in said["redline"] and "supprimée\u00a0: 2" in said["redline"]
    # the prose around the agreement's own words (its descriptions and titles, here without a
    # colon), and a decision explained
    said["render"] = contractdsl.render(new, locale="fr", format="text")
    said["decision"] = contractdsl.permits(new, {"action": "read", "date": "2024-07-02"}) \
        .explain(locale="fr", agreement=new)
    found = {where: bare for where, text in said.items() if (bare := _bare_colons(text))}
    assert not found, found


# ---- wording: a unit after one, a period from an instant to a day, an action's data ----------

WORDING = """\
agreement "Posting Terms" version "1".
licensee "Developer".
effective 2024-01-01.
action use "use".
action post "post" under use.
action share "make content available to another party" under use.
data content "content".
data posts "posts" under content.
purpose research "research".
recipient partners "partners".
unit posts "posts".
unit cpu_seconds "seconds of CPU time".
clause 1 "Licence": licensee may use content.
clause 2 "Research": licensee may use posts for research.
clause 3 "Sharing": licensee may share posts with partners.
clause 4 "No research for partners": licensee must not use posts for research with partners.
clause 5 "Posting": licensee must not post more than 1 posts per day.
clause 6 "Computing": licensee must not use more than 1 cpu_seconds in total.
"""


def _wording(usage, locale, text=WORDING):
    """The reasons of a decision on the agreement ``text`` (by default the one above), said
    in ``locale``: in English, its reasons' and its duties' texts."""
    agreement = contractdsl.parse(text, "terms.agreement")
    decision = contractdsl.permits(agreement, usage)
    if locale == "en":
        return "\n".join([r.text for r in decision.reasons]
                         + [o.text for o in decision.obligations])
    from contractdsl.prose.render import render_decision

    return render_decision(decision, locale=locale, format="text", agreement=agreement)


@pytest.mark.parametrize("locale, limit, total", [
    ("en", "The licensee must not post for more than 1 post per day.",
     "The licensee must not use for more than 1 second of CPU time in total."),
    ("nl", "De licentienemer mag niet post voor meer dan 1 post per dag.",
     "De licentienemer mag niet use voor meer dan 1 second of CPU time in totaal."),
    ("fr", "Le licencié ne doit pas post pour plus d’un post par jour.",
     "Le licencié ne doit pas use pour plus d’un second of CPU time au total."),
])
def test_a_quantity_of_one_says_its_unit_in_the_singular(locale, limit, total):
    text = render(contractdsl.parse(WORDING, "posting.agreement"), locale=locale,
                  format="text")
    assert limit in text and total in text


def test_a_unit_whose_plural_takes_no_ending_says_its_own_singular():
    """A unit written in an irregular plural ("people", "statuses") takes its singular for
    one in the rendered agreement and in a decision's reasons, as a regular one does."""
    text = WORDING.replace('unit posts "posts".', 'unit posts "people".').replace(
        'unit cpu_seconds "seconds of CPU time".', 'unit cpu_seconds "statuses".')
    rendered = render(contractdsl.parse(text, "posting.agreement"), locale="en", format="text")
    assert "more than 1 person per day" in rendered
    assert "more than 1 status in total" in rendered
    assert "allows no more than 1 status in total; 2 statuses on 2024-03-01 is more" in \
        _wording({"action": "use", "data": "content", "date": "2024-03-01",
                  "volume": [{"amount": 2, "unit": "cpu_seconds"}]}, "en", text)


@pytest.mark.parametrize("locale, cap", [
    ("en", "allows no more than 1 second of CPU time in total; 2 seconds of CPU time on "
           "2024-03-01 is more"),
    ("nl", "staat niet meer dan 1 second of CPU time in totaal toe; 2 seconds of CPU time op "
           "1 maart 2024 is meer"),
    ("fr", "permet au plus 1 second of CPU time au total\u00a0; 2 seconds of CPU time le 1er "
           "mars 2024 dépasse cette limite"),
])
def test_a_total_of_one_day_under_a_cap_in_total_is_said_on_that_day(locale, cap):
    # (a total of one day under a limit per window: see the test of a total in one window)
    assert cap in _wording({"action": "use", "data": "content", "date": "2024-03-01",
                            "volume": [{"amount": 2, "unit": "cpu_seconds"}]}, locale)


RATES = """\
agreement "Rate Terms" version "1".
licensee "Developer".
effective 2024-01-01.
action use "use".
action read "read" under use.
data content "content".
unit requests "API requests" alias calls.
unit post_ids "post IDs" alias tweet_ids.
unit USD "US dollars" measures money.
clause 1 "Licence": licensee may use content.
clause 2 "Rate limit": licensee must not read more than 450 requests per 15 minutes.
clause 3 "Per second": licensee must not read more than 1 calls per second.
clause 4 "IDs": licensee must not use more than 1,500,000 tweet_ids per 30 days.
clause 5 "Fee": licensee must pay 0.24 USD per 1,000 requests.
"""


@pytest.mark.parametrize("locale, said", [
    ("en", [
        "allows no more than 450 API requests per 15 minutes; the usage's 900 API requests per "
        "15 minutes comes to 900 per 15 minutes",
        "allows no more than 1 API request per second; the usage's 900 API requests per 15 "
        "minutes comes to 1 per second",
        "allows no more than 1,500,000 post IDs per 30 days; the usage's 1,500,001 post IDs per "
        "30 days comes to 1,500,001 per 30 days",
        "no more than 1 API request per second",
        "pay 0.22 USD per 15 minutes at 900 API requests per 15 minutes (pay 0.24 USD per 1,000 "
        "API requests)"]),
    ("nl", [
        "staat niet meer dan 450 API requests per 15 minuten toe; het gebruik van 900 API "
        "requests per 15 minuten komt neer op 900 per 15 minuten",
        "staat niet meer dan 1 API request per seconde toe; het gebruik van 900 API requests per "
        "15 minuten komt neer op 1 per seconde",
        "staat niet meer dan 1.500.000 post IDs per 30 dagen toe; het gebruik van 1.500.001 post "
        "IDs per 30 dagen komt neer op 1.500.001 per 30 dagen",
        "  - niet meer dan 1 API request per seconde (3; te doen)",
        "  - 0,22 USD betalen per 15 minuten bij 900 API requests per 15 minuten (0,24 USD "
        "betalen per 1.000 API requests) (5; te doen)"]),
    ("fr", [
        "permet au plus 450 API requests par 15 minutes\u00a0; l’usage de 900 API requests par "
        "15 minutes revient à 900 par 15 minutes",
        "permet au plus 1 API request par seconde\u00a0; l’usage de 900 API requests par 15 "
        "minutes revient à 1 par seconde",
        "permet au plus 1\u202f500\u202f000 post IDs par 30 jours\u00a0; l’usage de "
        "1\u202f500\u202f001 post IDs par 30 jours revient à 1\u202f500\u202f001 par 30 jours",
        "  - au plus 1 API request par seconde (3\u00a0; à faire)",
        "  - payer 0,22 USD par 15 minutes pour 900 API requests par 15 minutes (payer 0,24 USD "
        "par 1\u202f000 API requests) (5\u00a0; à faire)"]),
])
def test_reasons_and_duties_say_a_unit_in_the_agreement_s_words(locale, said):
    # as the rendered clause says it ("1 API request" after one), whatever name or alias the
    # agreement or the usage gives the unit (`calls`, `tweet_ids`); money by its code
    wording = _wording({"action": "read", "data": "content", "date": "2024-03-01", "volume": [
        {"amount": 900, "unit": "calls", "per": "15 minutes"},
        {"amount": 1_500_001, "unit": "tweet_ids", "per": "30 days"}]}, locale, RATES)
    for words in said:
        assert words in wording, (words, wording)
    for name in ("call", "tweet_ids", "post_ids"):
        assert name not in wording, (name, wording)


@pytest.mark.parametrize("locale, one, two", [
    ("en", "allows no more than 1 post per day; the usage's 1 post per day comes to 1 per day",
     "allows no more than 1 post per day; the usage's 2 posts per day comes to 2 per day"),
    ("nl", "staat niet meer dan 1 post per dag toe; het gebruik van 1 post per dag komt neer "
           "op 1 per dag",
     "staat niet meer dan 1 post per dag toe; het gebruik van 2 posts per dag komt neer "
     "op 2 per dag"),
    ("fr", "permet au plus 1 post par jour\u00a0; l’usage d’un post par jour revient à 1 par "
           "jour",
     "permet au plus 1 post par jour\u00a0; l’usage de 2 posts par jour revient à 2 par "
     "jour"),
])
def test_a_reason_says_a_rate_of_one_in_the_singular_and_any_other_in_the_plural(
        locale, one, two):
    def rate(amount):
        return _wording({"action": "post", "data": "posts", "date": "2024-03-01", "volume": [
            {"amount": amount, "unit": "posts", "per": "day"}]}, locale)

    assert one in rate(1)
    assert two in rate(2)


@pytest.mark.parametrize("locale, to_day_end, from_day_start", [
    ("en", "the whole of 1 post from 2024-03-01 12:00 UTC to 2024-03-01 24:00 UTC fits in "
           "one day",
     "the whole of 3 posts from 2024-03-01 00:00 UTC to 2024-03-01 18:00 UTC falls in one day, "
     "more than that"),
    # (24:00 is the next day's first instant: the total runs up to it, "tot", not through it;
    # the usage's own 18:00 below it holds, "tot en met")
    ("nl", "het geheel van 1 post van 1 maart 2024 12:00 UTC tot 1 maart 2024 24:00 UTC "
           "past in één dag",
     "het geheel van 3 posts van 1 maart 2024 00:00 UTC tot en met 1 maart 2024 18:00 UTC valt "
     "in één dag, meer dan dat"),
    ("fr", "la totalité d’un post du 1er mars 2024 12:00 UTC au 1er mars 2024 24:00 UTC tient "
           "dans une seule période (jour)",
     "la totalité de 3 posts du 1er mars 2024 00:00 UTC au 1er mars 2024 18:00 UTC tient dans "
     "une seule période (jour), ce qui la dépasse"),
])
def test_a_period_from_an_instant_to_a_day_says_the_day_as_an_instant(
        locale, to_day_end, from_day_start):
    def total(amount, start, until):
        return _wording({"action": "post", "data": "posts", "period": {
            "from": start, "until": until}, "volume": [
            {"amount": amount, "unit": "posts", "from": start, "until": until}]}, locale)

    assert to_day_end in total(1, "2024-03-01T12:00:00Z", "2024-03-01")
    assert from_day_start in total(3, "2024-03-01", "2024-03-01T18:00:00Z")


@pytest.mark.parametrize("locale, header", [
    ("en", "usage from 2024-03-01T12:00Z to 2024-03-01T24:00Z: permitted"),
    ("nl", "het gebruik van 1 maart 2024 12:00 UTC tot 1 maart 2024 24:00 UTC: "
           "Toegestaan"),
    ("fr", "l’usage du 1er mars 2024 12:00 UTC au 1er mars 2024 24:00 UTC\u00a0: Autorisé"),
])
def test_the_usage_named_by_its_period_says_the_day_as_an_instant(tmp_path, capsys, locale,
                                                                   header):
    agreement = tmp_path / "posting.agreement"
    agreement.write_text(WORDING, encoding="utf-8")
    usage = tmp_path / "usage.yaml"
    usage.write_text("action: post\ndata: posts\nperiod: {from: 2024-03-01T12:00:00Z, "
                     "until: 2024-03-01}\n", encoding="utf-8")
    main(["permits", str(agreement), "--usage", str(usage), "--locale", locale])
    assert header in capsys.readouterr().out


@pytest.mark.parametrize("locale, rules, prohibits", [
    ("en", ["The licensee may use content.", "The licensee may use posts for research.",
            "The licensee may make content available to another party (posts) with partners."],
     "prohibits: use posts for research (purpose `research`) with partners"),
    ("nl", ["De licentienemer mag use content.", "De licentienemer mag use posts voor research.",
            "De licentienemer mag make content available to another party (posts) met "
            "partners."],
     "verbiedt: use posts voor research (doel `research`) met partners"),
    ("fr", ["Le licencié peut use content.", "Le licencié peut use posts pour research.",
            "Le licencié peut make content available to another party (posts) avec partners."],
     "interdit\u00a0: use posts pour research (finalité `research`) avec partners"),
])
def test_an_action_said_in_one_word_takes_its_data_as_its_object(locale, rules, prohibits):
    text = render(contractdsl.parse(WORDING, "posting.agreement"), locale=locale,
                  format="text")
    text = re.sub(r"\s+", " ", text)
    for rule in rules:
        assert rule in text
    assert "(content)" not in text and "use (posts)" not in text
    assert prohibits in _wording({"action": "use", "data": "posts", "purpose": "research",
                                  "recipients": ["partners"], "date": "2024-03-01"}, locale)


# ---- agreement with counts of one: French elision, a verb after one, a total in one window,
# a duty before an action the usage does a kind of --------------------------------------------

ONE = """\
agreement "Sharing Terms" version "1".
licensee "Developer".
effective 2024-01-01.
action use "use content in any way".
action share "make content available to another party" under use.
action post "post" under use.
data content "content".
recipient agency "a government-related entity".
fact notified "the licensor was notified".
duty notify "notify the licensor in writing" shown by notified.
unit posts "posts".
unit USD "US dollars" measures money.
clause 1 "Licence": licensee may use content.
clause 2 "Notice": licensee must notify before use when recipient is agency.
clause 3 "Posting": licensee must not post more than 1 posts per day.
clause 4 "Fee": licensee must pay 1 USD per 1 posts beyond 0 posts per 24 hours
  when action is post.
clause 5 "Reply": licensee must notify within 1 hour after notified when action is post.
"""


def _one(usage, locale):
    """The decision on a usage of the agreement above, said in ``locale``."""
    return _wording(usage, locale, ONE)


@pytest.mark.parametrize("locale, limit, within", [
    ("en", "The licensee must not post for more than 1 post per day.",
     "within 1 hour after the licensor was notified"),
    ("nl", "De licentienemer mag niet post voor meer dan 1 post per dag.",
     "binnen 1 uur na the licensor was notified"),
    ("fr", "Le licencié ne doit pas post pour plus d’un post par jour.",
     "dans un délai d’une heure après the licensor was notified"),
])
def test_french_elides_de_before_the_number_one(locale, limit, within):
    text = re.sub(r"\s+", " ", render(contractdsl.parse(ONE, "one.agreement"), locale=locale,
                                      format="text"))
    assert limit in text and within in text
    assert "de 1 " not in text and "de un" not in text


@pytest.mark.parametrize("locale, owed", [
    ("en", "pay 1 USD for 1 post from 2024-03-01 to 2024-03-02 (pay 1 USD per post beyond 0 "
           "posts per 24 hours)"),
    ("nl", "1 USD betalen voor 1 post van 1 maart 2024 tot en met 2 maart 2024 (1 USD betalen per "
           "post boven 0 posts per 24 uur)"),
    ("fr", "payer 1 USD pour 1 post du 1er mars 2024 au 2 mars 2024 (payer 1 USD par post "
           "au-delà de 0 posts par 24 heures)"),
])
def test_a_fee_beyond_0_prices_a_total_over_several_windows_wherever_it_lies(locale, owed):
    said = re.sub(r"[ \t]*\n\s*", " ", _one({"action": "post", "period": {
        "from": "2024-03-01", "until": "2024-03-02"}, "volume": [
        {"amount": 1, "unit": "posts"}]}, locale))
    assert owed in said
    assert "show" not in said and "tonen" not in said and "montre" not in said


@pytest.mark.parametrize("locale, within_one, over_two", [
    ("en", "allows no more than 1 post per day; the whole of 3 posts on 2024-03-01 falls in "
           "one day, more than that",
     "5 posts from 2024-03-01 to 2024-03-02 averages 2.50 per day over 2 days"),
    ("nl", "staat niet meer dan 1 post per dag toe; het geheel van 3 posts op 1 maart 2024 valt "
           "in één dag, meer dan dat",
     "5 posts van 1 maart 2024 tot en met 2 maart 2024 is gemiddeld 2,50 per dag over 2 dagen"),
    ("fr", "permet au plus 1 post par jour\u00a0; la totalité de 3 posts le 1er mars 2024 "
           "tient dans une seule période (jour), ce qui la dépasse",
     "5 posts du 1er mars 2024 au 2 mars 2024 font en moyenne 2,50 par jour sur 2 jours"),
])
def test_a_total_in_one_window_over_its_limit_is_not_averaged_over_one_window(
        locale, within_one, over_two):
    def total(amount, until):
        return _one({"action": "post", "period": {"from": "2024-03-01", "until": until},
                     "volume": [{"amount": amount, "unit": "posts"}]}, locale)

    one = total(3, "2024-03-01")
    assert within_one in one
    assert "over 1 day" not in one and "over 1 dag" not in one and "sur 1 jour" not in one
    assert over_two in total(5, "2024-03-02")


@pytest.mark.parametrize("locale, rule, reason", [
    ("en", "The licensee must notify the licensor in writing before proceeding to use content "
           "in any way, when the recipient is a government-related entity.",
     "requires: notify the licensor in writing before `share`, a kind of `use` (on "
     "2024-06-28); the usage does not state `notified`"),
    ("nl", "De licentienemer moet notify the licensor in writing alvorens over te gaan tot "
           "“use content in any way”, wanneer de ontvanger a government-related entity is.",
     "vereist: notify the licensor in writing vóór `share`, een vorm van `use` (op 28 juni "
     "2024); het gebruik vermeldt `notified` niet"),
    ("fr", "Le licencié doit notify the licensor in writing avant de procéder à « use content "
           "in any way », lorsque le destinataire est a government-related entity.",
     "exige\u00a0: notify the licensor in writing avant `share`, une forme de `use` (le 28 juin "
     "2024)\u00a0; l’usage ne déclare pas `notified`"),
])
def test_a_duty_before_an_action_reads_as_what_the_party_goes_on_to_do(locale, rule, reason):
    text = re.sub(r"\s+", " ", render(contractdsl.parse(ONE, "one.agreement"), locale=locale,
                                      format="text"))
    assert rule in text
    assert not re.search("before the action|vóór de handeling|avant l’action", text)
    shared = _one({"action": "share", "recipients": ["agency"], "date": "2024-06-28"}, locale)
    assert reason in re.sub(r"[ \t]*\n\s*", " ", shared)
    # a usage of the very action the duty names is said as before
    used = _one({"action": "use", "recipients": ["agency"], "date": "2024-06-28"}, "en")
    assert "notify the licensor in writing before `use` (on 2024-06-28)" in used


APPS = """\
agreement "App Terms" version "1".
licensee "Developer".
effective 2024-01-01.
action register "register an app".
purpose research "research".
app tool "Tool" approved for research.
clause 1: licensee may register.
clause 2: licensee must not register when licensee has more than 1 apps approved for the purpose.
clause 3: licensee must not register when licensee has at least 1 apps approved for the purpose
  unless licensee has more than 5 apps approved for the purpose.
"""


@pytest.mark.parametrize("locale, rule, reason", [
    ("en", "The licensee must not register an app, when the licensee has more than 1 app approved "
           "for the purpose.",
     "the licensee has 1 app approved for purpose `research`, at least 1"),
    ("nl", "De licentienemer mag niet register an app, wanneer de licentienemer heeft meer dan 1 "
           "app die is goedgekeurd voor het doel.",
     "de licentienemer heeft 1 app die is goedgekeurd voor doel `research`, ten minste 1"),
    ("fr", "Le licencié ne doit pas register an app, lorsque le licencié a plus d’une "
           "application approuvée pour la finalité.",
     "le licencié a 1 application approuvée pour la finalité `research`, au moins 1"),
])
def test_a_count_of_one_app_takes_the_singular(locale, rule, reason):
    text = re.sub(r"\s+", " ", render(contractdsl.parse(APPS, "apps.agreement"), locale=locale,
                                      format="text"))
    assert rule in text
    assert "5 apps" in text or "5 applications" in text  # and more than one the plural
    assert reason in _wording({"app": "tool", "action": "register", "purpose": "research",
                               "date": "2024-03-01"}, locale, APPS)


AMOUNTS = """\
agreement "Metered Terms" version "1".
effective 2024-01-01.
action use "use the API".
action read "retrieve content" under use.
data content "content".
unit requests "API requests" alias request.
unit USD "US dollars" measures money.
tier micro "Micro" costs 0.0005 USD per day.
tier earned "Earned" earned by paying at least 4.995 USD in total:
  read no more than 100 requests per day.
clause 1 "Licence": licensee may use content.
clause 2 "Metered": licensee must pay 0.0005 USD per request.
clause 3 "Rate": licensee must not read more than 1 requests per second.
clause 4 "Cap":
  licensor's liability is at most the greater of 99.999 USD and the amount paid in the 12 months
    before the claim.
"""


@pytest.mark.parametrize("locale, price, fee, cap", [
    ("en", "Micro: US$0.0005 per day", "must pay US$0.0005 per API request",
     "at least US$4.995 in total"),
    ("nl", "Micro: US$\u00a00,0005 per dag", "moet US$\u00a00,0005 betalen per API request",
     "ten minste US$\u00a04,995 te betalen"),
    ("fr", "Micro\u00a0: 0,0005\u00a0$US par jour", "doit payer 0,0005\u00a0$US par API request",
     "au moins 4,995\u00a0$US au total"),
])
def test_an_amount_the_agreement_writes_is_rendered_with_every_decimal_it_has(locale, price,
                                                                            fee, cap):
    text = re.sub(r"[ \t]*\n\s*", " ", render(contractdsl.parse(AMOUNTS, "metered.agreement"),
                                              locale=locale, format="text"))
    assert price in text and fee in text and cap in text
    assert not re.search(r"\b0[.,]00\b", text)  # a price of 0.0005 is not free


@pytest.mark.parametrize("locale, said", [
    ("en", ["pay 0.0005 USD per API request", "the usage's 1.004 API requests per second",
            "at least 4.995 USD in total, but the usage states 4.99 USD paid",
            "at most 99.999 USD of the 100.004 USD claimed", "the greater of 99.999 USD"]),
    ("nl", ["0,0005 USD betalen per API request", "1,004 API requests per seconde",
            "ten minste 4,995 USD", "ten hoogste 99,999 USD", "100,004 USD"]),
    ("fr", ["payer 0,0005 USD par API request", "1,004 API requests par seconde",
            "au moins 4,995 USD", "99,999 USD au plus sur les 100,004 USD"]),
])
def test_a_decision_says_an_amount_written_as_it_is_written(locale, said):
    from contractdsl.prose.render import render_decision

    agreement = contractdsl.parse(AMOUNTS, "metered.agreement")
    decision = contractdsl.permits(agreement, {
        "action": "read", "date": "2024-03-03", "tier": "earned",
        "payments": [{"amount": "4.99", "unit": "USD", "paid": "2024-01-05"}],
        "claim": {"amount": "100.004", "unit": "USD"},
        "volume": [{"amount": "1.004", "unit": "requests", "per": "second"}]})
    text = re.sub(r"[ \t]*\n\s*", " ", render_decision(decision, locale=locale, format="text",
                                                        agreement=agreement))
    if locale == "en":
        text += "\n".join(str(x.text) for x in (*decision.reasons, *decision.obligations,
                                                *decision.licensor))
    for words in said:
        assert words in text


SURVIVING = """\
agreement "Ending Terms" version "1".
effective 2024-01-01.
terminates 2024-06-30.
action use "use the data in any way".
data content "content".
act report "report to the press".
fact ceased "the licensee stopped using the data".
clause 1 "Licence": licensee may use content.
clause 2 "Silence" survives 1 year after ceased:
  licensee must not report.
"""


@pytest.mark.parametrize("locale, survives", [
    ("en", "Survives termination until 1 year after the licensee stopped using the data."),
    # the day a year after is held: "tot en met", not "tot" (up to it without holding it)
    ("nl", "Blijft na beëindiging van kracht tot en met 1 jaar na the licensee stopped using "
           "the data."),
    ("fr", "Survit à la résiliation jusqu’à 1 an après the licensee stopped using the data."),
])
def test_a_clause_surviving_a_year_after_an_event_binds_on_the_day_a_year_after(locale,
                                                                                 survives):
    agreement = contractdsl.parse(SURVIVING, "ending.agreement")
    text = re.sub(r"[ \t]*\n\s*", " ", render(agreement, locale=locale, format="text"))
    assert survives in text
    for day, outcome in (("2025-07-10", "denied"), ("2025-07-11", "permitted")):
        decision = contractdsl.permits(agreement, {"act": "report", "date": day,
                                                   "facts": {"ceased": "2024-07-10"}})
        assert decision.outcome == outcome
        assert ("2" in {r.clause for r in decision.reasons}) == (outcome == "denied")


CAPPED = """\
agreement "Capped" version "1".
effective 2024-01-01.
action read "read".
data posts "posts".
unit USD "US dollars" measures money.
clause 1 "Licence": licensee may read posts.
clause 7 "Limitation of liability":
  licensor's liability is at most the greater of the amount paid in the 12 months before the claim and 100 USD.
clause 8 "Cap": licensor's liability is at most the amount paid in the 6 months before the claim.
"""


def test_french_contracts_a_and_de_with_the_article_of_what_follows():
    """"limitée à le plus élevé de le montant payé" is not French: "au plus élevé du montant
    payé", in the rendered clause and in the decision alike."""
    agreement = contractdsl.parse(CAPPED)
    rendered = " ".join(contractdsl.render(agreement, locale="fr", format="text").split())
    assert "est limitée au plus élevé du montant payé dans les 12 mois précédant la " \
           "réclamation et 100 $US" in rendered
    assert "est limitée au montant payé dans les 6 mois" in rendered
    assert not re.search(r"\b(à|de) les?\b", rendered)
    euros = contractdsl.parse(CAPPED.replace(
        'measures money.\n', 'measures money.\nunit EUR "euros" measures money.\n'))
    decision = contractdsl.permits(euros, {  # (paid in two currencies: the cap said in words)
        "action": "read", "date": "2024-06-01", "claim": {"amount": 500, "unit": "USD"},
        "payments": [{"amount": 300, "unit": "USD", "paid": "2024-03-01"},
                     {"amount": 300, "unit": "EUR", "paid": "2024-03-01"}]})
    said = decision.explain(locale="fr")
    assert "qu’à hauteur du plus élevé du montant payé dans les 12 mois" in said, said
    assert ": le plus élevé des montants payés en plusieurs monnaies" in said, said
    assert not re.search(r"\b(à|de) les?\b", said), said


UNIT_WORDS = """\
agreement "Unit Terms" version "1".
licensee "Developer".
effective 2024-01-01.
action use "use".
action read "read" under use.
action send "send" under use.
data content "content".
unit requests "API requests | calls" alias request.
unit lookups "requests made to the API".
unit items "posts and replies".
unit tokens "tokens".
unit notes "R&D notes &copy; &#169;".
unit USD "US dollars" measures money.
clause 1 "Licence": licensee may use content.
clause 2: licensee must not read more than 1 requests per day.
clause 3: licensee must not read more than 1 lookups per day.
clause 4: licensee must not read more than 1 items per day.
clause 5: licensee must not send more than 4,096 tokens per request.
clause 6: licensee must pay 0.0005 USD per request.
clause 7: licensee must pay 0.001 USD per 3 lookups.
clause 8: licensee must not use more than 10 notes per day.
"""


@pytest.mark.parametrize("locale, owed", [
    ("en", ["pay 0.0015 USD for 3 API requests | calls on 2024-03-01",
            "pay 0.0003 USD for 1 request made to the API on 2024-03-01"]),
    ("nl", ["0,0015 USD betalen voor 3 API requests | calls op 1 maart 2024",
            "0,0003 USD betalen voor 1 request made to the API op 1 maart 2024"]),
    ("fr", ["payer 0,0015 USD pour 3 API requests | calls le 1er mars 2024",
            "payer 0,0003 USD pour 1 request made to the API le 1er mars 2024"]),
])
def test_an_amount_owed_under_a_cent_is_not_said_as_nothing(locale, owed):
    # 3 × 0.0005 USD, exactly; a third of 0.001 USD, to the first place that is not zero
    wording = _wording({"action": "read", "data": "content", "date": "2024-03-01", "volume": [
        {"amount": 3, "unit": "requests"}, {"amount": 1, "unit": "lookups"}]}, locale,
        UNIT_WORDS)
    for words in owed:
        assert words in wording, (words, wording)
    assert not re.search(r"\b0[.,]00\b", wording), wording


@pytest.mark.parametrize("locale, said", [
    ("en", ["more than 1 API request | call per day", "more than 1 request made to the API per "
            "day", "more than 1 post and reply per day", "4,096 tokens per API request | call",
            "pay US$0.0005 per API request | call", "US$0.001 per 3 requests made to the API"]),
    ("nl", ["meer dan 1 API request | call per dag", "meer dan 1 request made to the API per "
            "dag", "meer dan 1 post and reply per dag", "4.096 tokens per API request | call",
            "US$\u00a00,0005 betalen per API request | call"]),
    ("fr", ["plus d’un API request | call par jour", "plus d’un request made to the API par "
            "jour", "plus d’un post and reply par jour", "4\u202f096 tokens par API request | call",
            "payer 0,0005\u00a0$US par API request | call"]),
])
def test_a_unit_of_several_words_says_each_noun_in_the_singular_and_per_one_by_its_words(
        locale, said):
    text = re.sub(r"[ \t]*\n\s*", " ", render(contractdsl.parse(UNIT_WORDS, "units.agreement"),
                                              locale=locale, format="text"))
    for words in said:
        assert words in text, (words, text)
    assert "per request" not in text and "par request" not in text


@pytest.mark.parametrize("locale, said", [
    ("en", "allows no more than 4,096 tokens per API request | call; the usage states up to "
           "5,000 tokens per API request | call"),
    ("nl", "staat niet meer dan 4.096 tokens per API request | call toe; het gebruik vermeldt "
           "tot 5.000 tokens per API request | call"),
    ("fr", "permet au plus 4\u202f096 tokens par API request | call\u00a0; l’usage déclare "
           "jusqu’à 5\u202f000 tokens par API request | call"),
])
def test_a_cap_per_one_of_a_unit_is_said_by_the_unit_s_words(locale, said):
    # whatever name the usage gives the unit it counts per (`request`)
    wording = _wording({"action": "send", "data": "content", "date": "2024-03-01", "volume": [
        {"amount": 5000, "unit": "tokens", "per": "request"}]}, locale, UNIT_WORDS)
    assert said in wording, wording


RELATIVE_UNITS = """\
agreement "Mentions" version "1".
effective 2024-01-01.
action read "read".
data content "content".
unit mentions "posts that mention or quote a user".
unit deleted "posts which are deleted".
unit liked "posts that the user likes".
unit kept "posts that can be kept".
unit tokens "tokens".
unit reviewed "requests that staff review".
unit approved "requests that team leads approve".
unit checked "requests that staff often review".
unit mentioning "posts that mention users".
unit applying "requests that apply to the API".
unit exceeding "requests that exceed the quota".
clause 1: licensee may read content.
clause 2: licensee must not read more than 1 mentions per day.
clause 3: licensee must not read more than 1 deleted per day.
clause 4: licensee must not read more than 1 liked per day.
clause 5: licensee must not read more than 1 kept per day.
clause 6: licensee must not read more than 50 tokens per mentions.
clause 7: licensee must not read more than 1 reviewed per day.
clause 8: licensee must not read more than 1 approved per day.
clause 9: licensee must not read more than 1 checked per day.
clause 10: licensee must not read more than 1 mentioning per day.
clause 11: licensee must not read more than 1 applying per day.
clause 12: licensee must not read more than 1 exceeding per day.
"""


@pytest.mark.parametrize("locale", ["en", "nl", "fr"])
def test_the_verb_of_a_unit_s_relative_clause_agrees_with_one(locale):
    text = re.sub(r"[ \t]*\n\s*", " ", render(
        contractdsl.parse(RELATIVE_UNITS, "mentions.agreement"), locale=locale, format="text"))
    one, per = ("d’un", "par") if locale == "fr" else ("1", "per")
    one_of = {"en": "1 of the", "nl": "1 van de", "fr": "de 1 des"}[locale]
    for words in (f"{one} post that mentions or quotes a user", f"{one} post which is deleted",
                  f"{one} post that the user likes", f"{one} post that can be kept",
                  f"tokens {per} post that mentions or quotes a user",
                  # (a clause with a subject of its own, "staff", keeps its verb; "mention",
                  # "apply" and "exceed" are verbs that agree; "team leads approve" may be
                  # either, and is said as one of many, as written)
                  f"{one} request that staff review ",
                  f"{one_of} requests that team leads approve ",
                  f"{one} request that staff often review ", f"{one} post that mentions users ",
                  f"{one} request that applies to the API ",
                  f"{one} request that exceeds the quota "):
        assert words in text, (words, text)
    for wrong in ("staffs", "teams", "leads approves", "request that apply ", "toes",
                  "request that exceed "):
        assert wrong not in text, (wrong, text)
    # (many of them as written)
    decision = contractdsl.permits(contractdsl.parse(RELATIVE_UNITS), {
        "action": "read", "date": "2024-03-01", "volume": [
            {"amount": 2, "unit": "mentions"}, {"amount": 1, "unit": "reviewed"},
            {"amount": 2, "unit": "exceeding"}]})
    assert "2 posts that mention or quote a user" in decision.explain()
    said = re.sub(r"\s+", " ", decision.explain(locale=locale))
    assert "1 request that staff review" in said and "2 requests that exceed the quota" in said


FOREIGN_UNITS = """\
agreement "Voorwaarden" version "1".
effective 2024-01-01.
action read "read".
data content "content".
unit verzoeken "verzoeken".
unit berichten "berichten van gebruikers".
unit euros "euro's".
unit requetes "requêtes API".
unit jeux "jeux de données".
unit vermeldingen "verzoeken die een gebruiker noemen".
unit mentions "publications qui mentionnent un utilisateur".
unit ongeldig "ongeldige verzoeken".
unit tokens "tokens".
unit USD "US dollars" measures money.
clause 1: licensee may read content.
clause 10: licensee must not read more than 4,096 tokens per vermeldingen.
clause 11: licensee must pay 0.0005 USD per mentions.
""" + "".join(f"clause {n}: licensee must not read more than 1 {unit} per day.\n"
              for n, unit in enumerate(("verzoeken", "berichten", "euros", "requetes", "jeux",
                                        "vermeldingen", "mentions", "ongeldig"), start=2))


@pytest.mark.parametrize("locale, said", [
    ("en", ["more than 1 verzoek per day", "more than 1 bericht van gebruikers per day",
            "more than 1 euro per day", "more than 1 requête API per day",
            "more than 1 jeu de données per day",
            "more than 1 of the verzoeken die een gebruiker noemen per day",
            "more than 1 of the publications qui mentionnent un utilisateur per day",
            "more than 1 of the ongeldige verzoeken per day",
            "4,096 tokens per one of the verzoeken die een gebruiker noemen",
            "pay US$0.0005 per one of the publications qui mentionnent un utilisateur"]),
    ("nl", ["meer dan 1 verzoek per dag", "meer dan 1 bericht van gebruikers per dag",
            "meer dan 1 euro per dag", "meer dan 1 requête API per dag",
            "meer dan 1 jeu de données per dag",
            "meer dan 1 van de verzoeken die een gebruiker noemen per dag",
            "meer dan 1 van de publications qui mentionnent un utilisateur per dag",
            "meer dan 1 van de ongeldige verzoeken per dag",
            "4.096 tokens per één van de verzoeken die een gebruiker noemen",
            "US$\u00a00,0005 betalen per één van de publications qui mentionnent un "
            "utilisateur"]),
    ("fr", ["plus d’un verzoek par jour", "plus d’un bericht van gebruikers par jour",
            "plus d’un euro par jour", "plus d’une requête API par jour",
            "plus d’un jeu de données par jour",
            "plus de 1 des verzoeken die een gebruiker noemen par jour",
            "plus de 1 des publications qui mentionnent un utilisateur par jour",
            "plus de 1 des ongeldige verzoeken par jour",
            "4\u202f096 tokens par élément des verzoeken die een gebruiker noemen",
            "payer 0,0005\u00a0$US par élément des publications qui mentionnent un "
            "utilisateur"]),
])
def test_a_unit_in_dutch_or_french_words_says_one_by_their_singular_or_as_one_of_them(
        locale, said):
    # the singular of the Dutch and French words where it is known; where it is not (a
    # relative clause or a word before the noun that would have to agree), the words as
    # written, as one of many: never "1 verzoeken", "1 berichten van gebruiker" or "1 ongeldige
    # verzoek"
    text = re.sub(r"[ \t]*\n\s*", " ", render(
        contractdsl.parse(FOREIGN_UNITS, "voorwaarden.agreement"), locale=locale,
        format="text"))
    for words in said:
        assert words in text, (words, text)
    for wrong in ("1 verzoeken", "gebruiker per", "1 euro'", "1 requêtes", "donnée ",
                  "noemt", "mentionne ", "ongeldige verzoek "):
        assert wrong not in text, (wrong, text)
    decision = contractdsl.permits(contractdsl.parse(FOREIGN_UNITS), {
        "action": "read", "date": "2024-03-01", "volume": [
            {"amount": 1, "unit": "vermeldingen"}, {"amount": 2, "unit": "verzoeken"}]})
    explained = re.sub(r"\s+", " ", decision.explain(locale=locale))
    one_of = {"en": "1 of the", "nl": "1 van de", "fr": "1 des"}[locale]
    assert f"{one_of} verzoeken die een gebruiker noemen" in explained, explained
    assert {"en": "2 verzoeken on", "nl": "2 verzoeken op", "fr": "2 verzoeken le"}[locale] \
        in explained, explained


@pytest.mark.parametrize("words, one", [
    ("API-verzoeken", "API-verzoek"), ("betalingen", "betaling"),
    ("mogelijkheden", "mogelijkheid"), ("ID's", "ID"), ("réseaux", "réseau"),
    ("journaux", "journal"), ("accès à l'API", "accès à l'API"), ("mois", "mois"),
    ("secondes de temps CPU", "seconde de temps CPU"), ("appels API", "appel API"),
    ("aanmeldingen van gebruikers", "aanmelding van gebruikers"),
    # (no singular known: a Dutch plural in -en out of the lexicon, a French noun before a
    # word that may have to agree with it)
    ("formulieren", None), ("requêtes invalides", None), ("jours ouvrés", None),
])
def test_the_singular_of_dutch_and_french_unit_words(words, one):
    assert singular(words) == one


@pytest.mark.parametrize("words, one", [
    ("posts that mention users", "post that mentions users"),
    ("requests that staff review", "request that staff review"),
    ("posts that reply to users daily", "post that replies to users daily"),
    # (a first word that may be the verb or a noun before a plural noun and its verb)
    ("requests that team leads approve", None), ("posts that quote tweets verbatim", None),
    # (a first word that may be the verb or a noun before a noun and its verb said of one)
    ("requests that customer support handles", None),
    ("posts that mention user names", None),
])
def test_the_singular_of_a_unit_with_a_relative_clause_is_said_only_where_surely_right(
        words, one):
    assert singular(words) == one


LIST_LIKE = """\
agreement "1. Terms" version "1".
effective 2024-01-01.
action read "+ read posts".
data content "- content".
data ids "--- post IDs".
purpose research "1. research".
unit posts "2) posts".
app tool "- Tool" approved for research.
clause 1 "1. Licence": licensee may read content for research.
"""


def test_markdown_escapes_what_would_start_a_list_or_a_rule_at_the_start_of_a_line():
    text = render(contractdsl.parse(LIST_LIKE, "list.agreement"), format="markdown")
    for line in ("- \\+ read posts", "- \\- content", "- \\--- post IDs", "- 1\\. research",
                 "- 2\\) posts", "- \\- Tool: approved for 1. research"):
        assert line in text.splitlines(), (line, text)
    # (within a line, as written: `C-1`, `1.5`, "a - b")
    assert markdown_escape("C-1 a - b 1.5 + 2. x") == "C-1 a - b 1.5 + 2. x"
    assert markdown_escape("x\n- y\n  3. z") == "x\n\\- y\n  3\\. z"


@pytest.mark.parametrize("text, escaped", [
    ("Terms\n===", "Terms\n\\==="),
    ("Terms\n=", "Terms\n\\="),
    ("Terms\n  ==  ", "Terms\n  \\==  "),
    ("Terms\n---", "Terms\n\\---"),
    ("Terms\n-", "Terms\n\\-"),
    ("# Terms\n## More", "\\# Terms\n\\#\\# More"),
    ("> quoted", "\\> quoted"),
    ("| a | b |\n|---|---|", "\\| a \\| b \\|\n\\|---\\|---\\|"),
    ("```\ncode\n```", "\\`\\`\\`\ncode\n\\`\\`\\`"),
    ("~~~\ncode", "\\~\\~\\~\ncode"),
    # (within a line, or with other words on it, `=` makes no heading and stays as written)
    ("a == b\n=== c\nx =", "a == b\n=== c\nx ="),
])
def test_markdown_escapes_a_line_that_would_start_a_heading_a_quote_a_table_or_code(text,
                                                                                    escaped):
    assert markdown_escape(text) == escaped


def test_markdown_escapes_an_ampersand_that_would_read_as_a_character_reference():
    text = render(contractdsl.parse(UNIT_WORDS, "units.agreement"), format="markdown")
    assert "R&D notes \\&copy; \\&\\#169;" in text
    # (CommonMark reads `&copy;` and `&#169;` as ©, but `R&D` as it is)
    assert not re.search(r"(?<!\\)&(copy|#169);", text)
