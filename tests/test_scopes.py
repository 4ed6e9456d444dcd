"""Scopes: the language's, those an agreement declares and several at once (docs/semantics.md,
section 5), in a decision and in an audit; and counting the licensee's apps approved for a
purpose (section 17)."""

from __future__ import annotations

import pytest

import contractdsl
from contractdsl.format import format_text

TEXT = """\
agreement "Bot Terms" version "1".
effective 2024-01-01.
action use "use the API".
action send "send a message" under use.
act register "register a bot".
data content "content".
purpose moderation "moderation".
purpose community "community tools".
purpose welcome "welcoming new members" under community.
unit messages "messages".
scope channel "channel of a server".
clause 1 "Licence": licensee may use content.
clause 2 "Messages per channel":
  licensee must not send more than 5 messages per 5 seconds per app and channel.
clause 3 "Messages per channel, all bots":
  licensee must not send more than 8 messages per 5 seconds per channel.
clause 4 "One bot per use case":
  licensee must not register when licensee has more than 1 apps approved for the purpose.
"""
APPS = """\
schedule "Bots of one developer" for "Bot Terms".
app mod_bot "Moderation bot" approved for moderation.
app mod_bot_two "Second moderation bot" approved for moderation.
app greeter "Greeter" approved for community.
"""
OTHER = """\
schedule "Bots of another developer" for "Bot Terms".
app their_mod_bot "Their moderation bot" approved for moderation.
"""


def load(*texts):
    from contractdsl.syntax import parse_document

    names = ("terms.agreement", "bots.agreement", "other.agreement")
    return contractdsl.Agreement(documents=tuple(parse_document(t, n)
                                                 for t, n in zip(texts, names)))


@pytest.fixture(scope="module")
def terms():
    agreement = load(TEXT, APPS, OTHER)
    assert contractdsl.check(agreement) == []
    return agreement


def decide(terms, **usage):
    return contractdsl.permits(terms, {"date": "2024-06-03", **usage})


def cited(decision):
    return {(r.clause, r.effect) for r in decision.reasons}


# ---- a usage's volume is the amount of one key of each scope ----------------------------------


def test_a_declared_scope_and_a_compound_one_read_the_usages_volume_as_one_keys(terms):
    five = decide(terms, app="mod_bot", action="send",
                  volume=[{"amount": 5, "unit": "messages", "per": "5 seconds"}])
    assert five.outcome == "permitted"
    six = decide(terms, app="mod_bot", action="send",
                 volume=[{"amount": 6, "unit": "messages", "per": "5 seconds"}])
    assert six.outcome == "denied"
    assert ("2", "exceeds") in cited(six) and ("3", "within") in cited(six)
    assert [r.text for r in six.reasons if r.clause == "2"] == [
        "allows no more than 5 messages per 5 seconds per app and channel of a server; the "
        "usage's 6 messages per 5 seconds comes to 6 per 5 seconds"]


# ---- in a log: each key a column, a compound key per pair of values ---------------------------


def test_an_audit_counts_a_compound_scope_per_pair_and_a_declared_one_per_value(terms, tmp_path):
    pytest.importorskip("duckdb")
    rows = ["time,app,action,channel,messages"]
    for second in range(4):  # two bots, four messages each in one channel: 8 in 5 seconds
        rows += [f"2024-06-03T10:00:0{second}Z,mod_bot,send,general,1",
                 f"2024-06-03T10:00:0{second}Z,greeter,send,general,1"]
    rows += ["2024-06-03T10:00:04Z,mod_bot,send,general,2",  # mod_bot's sixth in 5 seconds
             "2024-06-03T10:00:04Z,mod_bot,send,gen|eral,1"]  # another channel altogether
    log = tmp_path / "log.csv"
    log.write_text("\n".join(rows) + "\n")
    found = contractdsl.audit(terms, log)
    assert sorted((w.clause, w.key, w.amount) for w in found.windows) == [
        ("2", ("mod_bot", "general"), 6), ("3", "general", 10)]
    peaks = {(p.clause, p.key): p.amount for p in found.peaks}
    assert peaks == {("2", ("mod_bot", "general")): 6, ("2", ("greeter", "general")): 4,
                     ("2", ("mod_bot", "gen|eral")): 1, ("3", "general"): 10,
                     ("3", "gen|eral"): 1}
    (window,) = [w for w in found.windows if w.clause == "2"]
    assert window.where() == "app and channel `mod_bot`, `general`"
    assert window.to_dict()["key"] == ("mod_bot", "general")


def test_an_audit_stops_at_a_row_without_the_key_of_a_scope_its_log_has(terms, tmp_path):
    pytest.importorskip("duckdb")
    log = tmp_path / "log.csv"
    log.write_text("time,app,action,channel,messages\n2024-06-03T10:00:00Z,mod_bot,send,,1\n")
    with pytest.raises(contractdsl.ContractError) as caught:
        contractdsl.audit(terms, log)
    (problem,) = caught.value.diagnostics
    assert problem.message == "row 2, column `channel`: the row has no `channel`, which clause " \
        "2 counts per"
    assert problem.help == "add the column `channel`, or map it with `--map channel=COLUMN`"


def test_an_audit_of_a_log_without_a_scopes_column_says_its_limits_are_not_judged(terms,
                                                                                 tmp_path):
    pytest.importorskip("duckdb")
    from contractdsl.audit.html import page

    log = tmp_path / "log.csv"
    log.write_text("time,app,action,messages\n" + "".join(
        f"2024-06-03T10:00:0{second}Z,mod_bot,send,3\n" for second in range(3)))
    found = contractdsl.audit(terms, log)
    # 9 messages in 5 seconds would be over both limits, had the log said in which channels:
    # it judges neither, and says so, rather than passing them in silence
    assert found.windows == () and found.peaks == ()
    help = "add the column `channel` (or map one with `--map channel=COLUMN`) to judge them"
    assert [u.to_dict() for u in found.unjudged] == [
        {"clause": "2", "title": "Messages per channel", "kind": "limit per channel",
         "column": "channel", "help": help},
        {"clause": "3", "title": "Messages per channel, all bots", "kind": "limit per channel",
         "column": "channel", "help": help}]
    said = "limits per channel: the log has no column `channel` that says each row's " \
        "channel, so their rows cannot be summed per channel"
    assert f"not judged:\n  - {said}\n      help: {help}\n" \
        "      clause 2 (Messages per channel): limit per channel\n" in found.to_text()
    html = page(found)
    assert "<p>help: add the column <code>channel</code> (or map one with <code>--map " \
        "channel=COLUMN</code>) to judge them</p>" in html
    assert "<li>clause 3 (Messages per channel, all bots): limit per channel</li>" in html
    # and the disclosure of the app whose rows they bind says so
    (app,) = found.apps
    assert app.to_dict()["not_judged"] == ["2", "3"]
    assert "      not judged, for want of a column: clause 2, clause 3\n" in found.to_text()
    assert "<li>not judged, for want of a column: clause 2, clause 3</li>" in html


# ---- related entities counted together: a group's affiliates, a licensee's apps ---------------

GROUP = """\
agreement "Data API Terms" version "1".
effective 2024-01-01.
action use "use the API".
action read "retrieve content" under use.
data content "content".
unit requests "API requests".
scope group "corporate group (a company and its affiliates together)".
app acme_search "Acme search".
app acme_ads "Acme ads, run by an affiliate of Acme".
app initech_maps "Initech maps".
clause 1 "Licence": licensee may use content.
clause 2 "Requests of one group":
  licensee must not read more than 10,000 requests per day per group.
clause 3 "Requests of the licensee":
  licensee must not read more than 20,000 requests per day per licensee.
"""


@pytest.fixture(scope="module")
def group_terms():
    agreement = contractdsl.parse(GROUP, "terms.agreement")
    assert contractdsl.check(agreement) == []
    return agreement


def test_a_limit_per_group_reads_the_usages_amount_as_the_whole_groups(group_terms):
    def reading(amount):
        return decide(group_terms, app="acme_search", action="read",
                      volume=[{"amount": amount, "unit": "requests", "per": "day"}])

    # one affiliate's 6,000 requests a day, stated as the group's: within
    assert reading(6_000).outcome == "permitted"
    # the two affiliates' 6,000 each, stated together as the group's 12,000: over the limit
    over = reading(12_000)
    assert over.outcome == "denied"
    assert cited(over) == {("1", "permits"), ("2", "exceeds"), ("3", "within")}
    assert [r.text for r in over.reasons if r.clause == "2"] == [
        "allows no more than 10,000 API requests per day per corporate group (a company and "
        "its affiliates together); the usage's 12,000 API requests per day comes to 12,000 per "
        "day"]


def test_an_audit_sums_the_rows_of_a_groups_members_and_of_the_licensees_apps(group_terms,
                                                                                tmp_path):
    pytest.importorskip("duckdb")
    log = tmp_path / "log.csv"
    log.write_text("time,app,action,group,requests\n"
                   "2024-06-03T09:00:00Z,acme_search,read,acme,6000\n"
                   "2024-06-03T15:00:00Z,acme_ads,read,acme,6000\n"
                   "2024-06-03T16:00:00Z,initech_maps,read,initech,9000\n")
    found = contractdsl.audit(group_terms, log)
    # each app within 10,000; the two apps of group `acme` together over it; the three apps of
    # the licensee together over its 20,000
    assert sorted((w.clause, w.key, w.amount) for w in found.windows) == [
        ("2", "acme", 12_000), ("3", None, 21_000)]
    assert {(p.clause, p.key): p.amount for p in found.peaks if p.clause == "2"} == {
        ("2", "acme"): 12_000, ("2", "initech"): 9_000}
    (window,) = [w for w in found.windows if w.clause == "2"]
    assert window.where() == "group `acme`"


# ---- counting the licensee's apps --------------------------------------------------------------


@pytest.mark.parametrize("usage, outcome", [
    # two of the developer's bots are approved for moderation: a second registration
    (dict(app="mod_bot_two", purpose="moderation"), "denied"),
    # the other developer's moderation bot is not this developer's: one
    (dict(app="their_mod_bot", purpose="moderation"), "permitted"),
    # `welcome` falls under `community`, a use case approved for the greeter alone
    (dict(app="greeter", purpose="welcome"), "permitted"),
    # the greeter registered for moderation: the developer's two moderation bots count
    (dict(app="greeter", purpose="moderation"), "denied"),
    (dict(purpose="moderation"), "permitted"),  # no app: no licensee's apps to count
    (dict(app="mod_bot"), "permitted"),  # no purpose: none counts
])
def test_the_licensees_apps_approved_for_the_purpose_are_counted(terms, usage, outcome):
    decision = decide(terms, act="register", **usage)
    assert decision.outcome == outcome
    assert (("4", "prohibits") in cited(decision)) is (outcome == "denied")


def test_a_count_is_said_with_the_number_found(terms):
    decision = decide(terms, act="register", app="mod_bot_two", purpose="moderation")
    assert [r.text for r in decision.reasons if r.clause == "4"] == [
        "prohibits: register a bot when the licensee has 2 apps approved for purpose "
        "`moderation`, more than 1"]


def test_the_apps_of_the_agreements_own_text_are_counted_among_themselves():
    own = TEXT + ('app text_bot "A bot the text registers" approved for moderation.\n'
                  'app text_greeter "A greeter the text registers" approved for community.\n')
    terms = load(own, APPS)
    assert contractdsl.check(terms) == []
    # one of the text's apps is approved for moderation: the schedule's two are not counted
    assert decide(terms, act="register", app="text_bot", purpose="moderation").outcome == \
        "permitted"
    two = load(own + 'app text_bot_two "Another" approved for moderation.\n', APPS)
    decision = decide(two, act="register", app="text_greeter", purpose="moderation")
    assert decision.outcome == "denied"
    assert [r.text for r in decision.reasons if r.clause == "4"] == [
        "prohibits: register a bot when the licensee has 2 apps approved for purpose "
        "`moderation`, more than 1"]


# ---- the checker -------------------------------------------------------------------------------


@pytest.mark.parametrize("rule, code, severity, message", [
    ("per app and chanel", "unknown-name", "error", "unknown scope `chanel`"),
    ("per app and app", "repeated-scope", "warning", "`per app and app` names `app` twice"),
])
def test_the_checker_locates_a_bad_scope(rule, code, severity, message):
    text = TEXT.replace("per app and channel", rule)
    problems = contractdsl.check(load(text))
    assert [(p.code, p.severity, p.line, p.message) for p in problems] == [
        (code, severity, 14, message)]
    assert problems[0].help


def test_a_key_written_twice_counts_once(tmp_path):
    """`per app and app` says no more than `per app` (a warning, as a name listed twice
    anywhere): a decision and an audit count per app, and say so."""
    agreement = load(TEXT.replace("per app and channel", "per app and app"), APPS)
    six = decide(agreement, app="mod_bot", action="send",
                 volume=[{"amount": 6, "unit": "messages", "per": "5 seconds"}])
    assert six.outcome == "denied"
    assert [r.text for r in six.reasons if r.clause == "2"] == [
        "allows no more than 5 messages per 5 seconds per app; the usage's 6 messages per 5 "
        "seconds comes to 6 per 5 seconds"]
    pytest.importorskip("duckdb")
    log = tmp_path / "log.csv"
    log.write_text("time,app,action,channel,messages\n" + "".join(
        f"2024-06-03T10:00:0{second}Z,mod_bot,send,general,2\n" for second in range(4)))
    (window,) = [w for w in contractdsl.audit(agreement, log).windows if w.clause == "2"]
    assert (window.key, window.amount, window.where()) == ("mod_bot", 8, "app `mod_bot`")


def test_a_declared_scope_may_not_be_one_of_the_language():
    problems = contractdsl.check(load(TEXT.replace("scope channel", "scope model")
                                      .replace("and channel", "and model")
                                      .replace("per channel", "per model")))
    assert [(p.code, p.line, p.message) for p in problems] == [
        ("duplicate-definition", 11, "`model` is a scope of the language already")]


def test_apps_are_counted_in_whole_numbers():
    with pytest.raises(contractdsl.AgreementError) as caught:
        load(TEXT.replace("more than 1 apps", "more than 1.5 apps"))
    assert caught.value.diagnostics[0].message == "`1.5` is not a whole number of apps"


# ---- prose and layout --------------------------------------------------------------------------


@pytest.mark.parametrize("locale, scope, count", [
    ("en", "for more than 5 messages per 5 seconds per app and channel of a server",
     "when the licensee has more than 1 app approved for the purpose"),
    ("nl", "per 5 seconden per app en channel of a server",
     "de licentienemer heeft meer dan 1 app die is goedgekeurd voor het doel"),
    ("fr", "par 5 secondes par application et channel of a server",
     "le licencié a plus d’une application approuvée pour la finalité"),
])
def test_a_compound_scope_and_a_count_of_apps_are_said_in_three_languages(
        terms, locale, scope, count):
    rendered = contractdsl.render(terms, locale=locale)
    assert scope in rendered and count in rendered


def test_scopes_and_counts_are_formatted_and_read_back():
    formatted = format_text(TEXT)
    assert 'scope channel "channel of a server".' in formatted
    assert "per 5 seconds per app and channel." in formatted
    assert "when licensee has more than 1 apps approved for the purpose." in formatted
    assert format_text(formatted) == formatted


# ---- a scope holding apps: a log without its column is counted per app, a lower bound ----------

PROJECTS = """\
agreement "Data API Terms" version "1".
effective 2024-01-01.
action use "use the API".
action read "retrieve content" under use.
data content "content".
unit posts "posts".
scope project "Project of the developer account" holding apps.
scope channel "channel".
app search "Search".
app maps "Maps".
clause 1 "Licence": licensee may use content.
clause 2 "Posts of one Project a day":
  licensee must not read more than 100 posts per day per project.
clause 3 "Posts of one Project a month":
  licensee must not read more than 150 posts per calendar month per project.
clause 4 "Posts of one Project in a channel":
  licensee must not read more than 90 posts per hour per project and channel.
"""
# `search` alone reads 120 posts in a day, 100 of them in channel `c1` within an hour; `maps`
# reads 60 more that day (the two apps together: 180)
PROJECT_ROWS = ("2024-06-03T09:00:00Z,search,read,c1,60\n"
                "2024-06-03T09:30:00Z,search,read,c1,40\n"
                "2024-06-03T12:00:00Z,maps,read,c1,60\n"
                "2024-06-03T15:00:00Z,search,read,c2,20\n")


@pytest.fixture(scope="module")
def project_terms():
    agreement = contractdsl.parse(PROJECTS, "terms.agreement")
    assert contractdsl.check(agreement) == []
    return agreement


def project_log(folder, with_projects: bool = False):
    """The rows as a log: without a column of Projects, or with one (both apps in `p1`)."""
    log = folder / "log.csv"
    if with_projects:
        log.write_text("time,app,action,channel,project,posts\n" + "".join(
            f"{head},p1,{posts}" for head, posts in
            (row.rsplit(",", 1) for row in PROJECT_ROWS.splitlines(keepends=True))))
    else:
        log.write_text("time,app,action,channel,posts\n" + PROJECT_ROWS)
    return log


def test_a_scope_holding_apps_is_read_kept_and_said(project_terms):
    (project, channel) = project_terms.documents[0].scopes
    assert (project.holds_apps, channel.holds_apps) == (True, False)
    formatted = format_text(PROJECTS)
    assert 'scope project "Project of the developer account" holding apps.\n' in formatted
    assert 'scope channel "channel".\n' in formatted
    assert format_text(formatted) == formatted
    said = {locale: contractdsl.render(project_terms, locale=locale)
            for locale in ("en", "nl", "fr")}
    assert "- Project of the developer account (it holds apps: each app belongs to one)\n" \
        in said["en"]
    assert "- Project of the developer account (omvat apps: elke app hoort bij één)\n" \
        in said["nl"]
    assert "- Project of the developer account (regroupe des applications\u00a0: chaque " \
        "application appartient à un seul ensemble)\n" in said["fr"]
    assert "- channel\n" in said["en"]


def test_holding_is_a_name_where_a_name_is_written():
    text = PROJECTS.replace(
        'data content "content".', 'data content "content".\npurpose holding "holding company".')
    assert contractdsl.check(contractdsl.parse(text, "terms.agreement")) == []


def test_a_limit_per_app_and_a_scope_holding_apps_counts_per_app_alone():
    text = PROJECTS.replace("per project and channel", "per app and project")
    problems = contractdsl.check(contractdsl.parse(text, "terms.agreement"))
    assert [(p.code, p.severity, p.line, p.message, p.help) for p in problems] == [
        ("redundant-scope", "warning", 17, "`per app and project` counts per app alone: each "
         "app belongs to one `project`", "write `per app`")]


def test_a_usage_states_the_amount_of_the_whole_project(project_terms):
    # `permits` reads a usage's volume as its Project's, holding apps or not
    def reading(amount):
        return decide(project_terms, app="maps", action="read",
                      volume=[{"amount": amount, "unit": "posts", "per": "day"}])

    assert ("2", "within") in cited(reading(100))
    over = reading(101)
    assert over.outcome == "denied" and ("2", "exceeds") in cited(over)
    assert [r.text for r in over.reasons if r.clause == "2"] == [
        "allows no more than 100 posts per day per Project of the developer account; the "
        "usage's 101 posts per day comes to 101 per day"]


def test_an_audit_without_the_column_of_a_scope_holding_apps_finds_each_apps_windows(
        project_terms, tmp_path):
    pytest.importorskip("duckdb")
    from contractdsl.audit.html import page

    found = contractdsl.audit(project_terms, project_log(tmp_path))
    # each app's own rows are its Project's at least: `search` alone is over the day's 100,
    # the month's 150 and, in channel `c1`, the hour's 90; the 180 posts of both apps in the
    # day, and the 180 of the month, are over only if they are one Project's: not judged
    assert sorted((w.clause, w.key, w.amount, w.held_by) for w in found.windows) == [
        ("2", "search", 120, "project"), ("4", ("search", "c1"), 100, "project")]
    assert not [p for p in found.peaks if p.clause in ("2", "3", "4")]
    day, hour = sorted((w for w in found.windows), key=lambda w: w.clause)
    assert day.where() == "the project holding app `search`"
    assert hour.where() == "the project holding app `search`, channel `c1`"
    text = found.to_text()
    assert f"[{day.id}] the project holding app `search` from 2024-06-03T09:00:00Z until " \
        "2024-06-04T09:00:00Z: at least 120 posts, at least 20 over 100;" in text
    assert day.to_dict()["held_by"] == "project" and day.to_dict()["at_least"] is True
    said = ("limits per project: the log has no column `project` that says each row's "
            "project, so their rows cannot be summed per project; a project holds apps, so "
            "each app's own rows are summed against them: a window where one app's rows "
            "exceed a limit is found (the project holding the app came to at least that "
            "much), but windows where the apps of one project exceed it only together are "
            "not judged")
    help = "add the column `project` (or map one with `--map project=COLUMN`) to judge them"
    assert f"not judged:\n  - {said}\n      help: {help}\n" \
        "      clause 2 (Posts of one Project a day): limit per project\n" in text
    assert [u.to_dict() for u in found.unjudged] == [
        {"clause": str(n), "title": title, "kind": "limit per project", "column": "project",
         "help": help, "per_app": True}
        for n, title in ((2, "Posts of one Project a day"), (3, "Posts of one Project a month"),
                         (4, "Posts of one Project in a channel"))]
    search = next(a for a in found.apps if a.app == "search")
    assert search.partly == ("2", "3", "4")
    assert search.to_dict()["judged_in_part"] == ["2", "3", "4"]
    assert "      not judged, for want of a column: clause 2 (in part: on its own rows " \
        "alone), clause 3 (in part: on its own rows alone), clause 4 (in part: on its own " \
        "rows alone)\n" in text
    html = page(found)
    assert f"<code>{day.id}</code> from 2024-06-03T09:00:00Z until 2024-06-04T09:00:00Z: at " \
        "least 120 posts, at least 20 over</p>" in html
    assert "the project holding app <code>search</code> (at least)" in html


def test_an_audit_with_the_column_of_a_scope_holding_apps_sums_its_apps_together(
        project_terms, tmp_path):
    pytest.importorskip("duckdb")
    found = contractdsl.audit(project_terms, project_log(tmp_path, with_projects=True))
    # both apps are in Project `p1`: its day, month and hour in `c1` are over
    assert sorted((w.clause, w.key, w.amount, w.held_by) for w in found.windows) == [
        ("2", "p1", 180, None), ("3", "p1", 180, None), ("4", ("p1", "c1"), 100, None)]
    assert found.unjudged == ()
    assert "at least" not in found.to_text()


SHARED = """\
agreement "T" version "1".
effective 2024-01-01.
action use "use".
action share "share" under use.
data content "content".
recipient partner_a "partner A".
recipient partner_b "partner B".
unit posts "posts".
clause 1: licensee may share content with partner_a or partner_b.
clause L: licensee must not share more than 100 posts per day per licensee.
clause R: licensee must not share more than 80 posts per day per recipient.
"""


def test_a_volume_shared_with_several_recipients_is_each_ones_and_the_licensees_once():
    """(docs/semantics.md, "Scopes") 90 posts shared with two recipients are 90 toward a limit
    per licensee, not 180, and 90 toward each recipient's."""
    shared = contractdsl.parse(SHARED, "shared.agreement")
    decision = contractdsl.permits(shared, {
        "action": "share", "data": "content", "recipients": ["partner_a", "partner_b"],
        "date": "2024-03-01", "volume": [{"amount": 90, "unit": "posts"}]})
    assert decision.outcome == "denied"
    assert {r.clause: r.effect for r in decision.reasons if r.clause in ("L", "R")} == {
        "L": "within", "R": "exceeds"}
