"""The disclosure per app: what each app retrieved (per month and in total), holds, stored and
did with the data, its purposes against those approved, its recipients, the facts stated for
it and its findings, the same in text, JSON, Markdown and HTML; and limits summed exactly."""

from __future__ import annotations

import json
import re
from fractions import Fraction
from pathlib import Path

import pytest

pytest.importorskip("duckdb")
pytest.importorskip("sqlglot")

import contractdsl  # noqa: E402
from contractdsl.audit.html import page  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TWITTER = sorted(str(p) for p in (ROOT / "agreements" / "twitter").glob("*.agreement"))

LOG = """\
time,app,action,purpose,recipient,user,posts,requests
2022-01-05T10:00:00Z,microsoft_azure,read,analysis,,,1000,10
2022-01-20T10:00:00Z,microsoft_azure,store,analysis,,,400,
2022-02-03T10:00:00Z,microsoft_azure,read,analysis,,,2500.5,25
2022-02-10T12:00:00+02:00,microsoft_azure,share,analysis,law_enforcement,u1,30,1
2022-03-01T00:00:00Z,xbox_one_social,write,posting_on_behalf_of_users,,,5,1
"""
FACTS = """\
- {fact: deletion_request, at: 2022-01-31, app: microsoft_azure}
- {fact: content_deleted, at: 2022-02-01, app: microsoft_azure}
"""

TEXT = """\
apps:
  - `microsoft_azure` (Microsoft Azure) [A-d0d0b42b12]: denied; 4 rows from 2022-01-05T10:00:00Z to 2022-02-10T10:00:00Z
      retrieved: 3,500.5 posts, 35 API requests
      held: 2,500.5 posts, 25 API requests retrieved since the last deletion stated (`content_deleted` at 2022-02-01T00:00:00Z)
      stored: 400 posts
      uses: `read` 3,500.5 posts, 35 API requests; `share` with `law_enforcement` 30 posts, 1 API request; `store` 400 posts
      purposes seen: `analysis`; approved: none; seen but not approved: `analysis`
      recipients: `law_enforcement`
      facts stated: `deletion_request` at 2022-01-31T00:00:00Z, `content_deleted` at 2022-02-01T00:00:00Z
      findings: G-4c280c1282, G-d028ab7951, G-61aebc0bc3, G-b60ddb8e1c, D-6c5e82d59d
      not judged, for want of a column: clause DP-3.6, clause RL-v1.1-timelines, clause RL-v2, clause RL-v2-archive, clause RL-v2-archive-second, clause RL-v2-lookup
      read per month (posts): 2022-01 1,000, 2022-02 2,500.5
      read per month (API requests): 2022-01 10, 2022-02 25
      share per month (posts): 2022-02 30
      share per month (API requests): 2022-02 1
      store per month (posts): 2022-01 400
  - `xbox_one_social` (Xbox One Social) [A-072f58835c]: permitted; 1 row from 2022-03-01T00:00:00Z to 2022-03-01T00:00:00Z
      retrieved: nothing
      held: nothing retrieved
      uses: `write` 5 posts, 1 API request
      purposes seen: `posting_on_behalf_of_users`; approved: `posting_on_behalf_of_users`; seen but not approved: none
      not judged, for want of a column: clause RL-v1.1-follows, clause RL-v1.1-follows-user, clause RL-v1.1-likes, clause RL-v1.1-messages, clause RL-v1.1-messages-user, clause RL-v1.1-posting, clause RL-v1.1-posting-user
      write per month (posts): 2022-03 5
      write per month (API requests): 2022-03 1
"""

MARKDOWN_TABLE = """\
  | month | read posts | read API requests | share posts | share API requests | store posts |
  |---|---:|---:|---:|---:|---:|
  | 2022-01 | 1,000 | 10 | 0 | 0 | 400 |
  | 2022-02 | 2,500.5 | 25 | 30 | 1 | 0 |
"""


@pytest.fixture(scope="module")
def found(tmp_path_factory):
    folder = tmp_path_factory.mktemp("disclosure")
    (folder / "log.csv").write_text(LOG, encoding="utf-8")
    (folder / "facts.yaml").write_text(FACTS, encoding="utf-8")
    return contractdsl.audit(contractdsl.load(*TWITTER), folder / "log.csv",
                             facts=folder / "facts.yaml")


def test_the_text_discloses_per_app_what_it_retrieved_holds_stored_and_did(found):
    text = found.to_text()
    assert text[text.index("apps:\n"):] == TEXT


def test_the_json_holds_the_disclosure_with_stable_ids(found):
    apps = {a["app"]: a for a in json.loads(found.to_json())["apps"]}
    azure = apps["microsoft_azure"]
    assert azure["id"] == "A-d0d0b42b12"
    assert azure["retrieved"] == {"posts": "7001/2", "requests": "35"}
    assert azure["held"] == {"posts": "5001/2", "requests": "25"}
    assert azure["stored"] == {"posts": "400"}
    assert azure["deleted"] == {"fact": "content_deleted", "at": "2022-02-01T00:00:00Z"}
    assert azure["unapproved"] == ["analysis"]
    assert {"action": "share", "data": None, "recipient": "law_enforcement", "unit": "posts",
            "amount": "30"} in azure["uses"]
    assert {"month": "2022-02", "action": "read", "unit": "posts", "amount": "5001/2"} \
        in azure["monthly"]
    ids = {f["id"] for kind in ("groups", "windows", "breaches")
           for f in json.loads(found.to_json())[kind]}
    assert set(azure["findings"]) <= ids


def test_the_markdown_tables_each_apps_use_per_month(found):
    markdown = found.to_markdown()
    assert MARKDOWN_TABLE in markdown
    assert "  - held: 2,500.5 posts, 25 API requests retrieved since the last deletion stated " \
        "(`content_deleted` at 2022-02-01T00:00:00Z)" in markdown


def test_the_page_shows_each_apps_disclosure_and_charts_its_use(found):
    html = page(found)
    section = html[html.index('<h3 id="A-d0d0b42b12">'):html.index('<h3 id="A-072f58835c">')]
    assert "<li>retrieved: 3,500.5 posts, 35 API requests</li>" in section
    assert "<li>held: 2,500.5 posts, 25 API requests retrieved since the last deletion stated " \
        "(<code>content_deleted</code> at 2022-02-01T00:00:00Z)</li>" in section
    assert "<li><code>share</code> with <code>law_enforcement</code>: 30 posts, 1 API request" \
        "</li>" in section
    assert "<th>read posts</th><th>read API requests</th><th>share posts</th>" in section
    assert section.count("<svg") == 5  # read, share and store of posts; read and share requests


RATE = "time,app,action,purpose,tier,endpoint,{unit}\n" \
       "2022-03-01T10:00:00Z,bing_pages,read,search_results_display,elevated,recent_search," \
       "{first}\n" \
       "2022-03-01T10:14:59.999999Z,bing_pages,read,search_results_display,elevated," \
       "recent_search,{second}\n"


@pytest.mark.parametrize("first, second, over", [
    ("200", "250", None), ("200", "251", "1"),  # whole numbers, summed as integers
    ("449.5", "0.5", None), ("449.5", "0.500000001", "0.000000001"),  # with fractions
])
def test_no_more_than_n_permits_exactly_n_whether_amounts_are_whole_or_not(
        tmp_path, first, second, over):
    log = tmp_path / "log.csv"
    log.write_text(RATE.format(unit="requests", first=first, second=second), encoding="utf-8")
    found = contractdsl.audit(contractdsl.load(*TWITTER), log)
    rate = [w for w in found.windows if w.clause == "RL-v2"]
    peak = next(p for p in found.peaks if p.clause == "RL-v2")
    assert peak.amount == Fraction(first) + Fraction(second)
    assert [w.excess for w in rate] == ([] if over is None else [Fraction(over)])



ONE = """\
agreement "T" version "1".
effective 2024-01-01.
action use "use".
action read "read" under use.
purpose research "research".
unit requests "API requests".
app tool "Tool" approved for research.
clause 1: licensee may use for research.
clause 2: licensee must not read more than 1 requests per minute.
"""


def _three_reads(folder: Path, column: str) -> Path:
    """A log of three reads by `tool` within 40 seconds, 2.5 in all in ``column``."""
    log = folder / "log.csv"
    log.write_text(f"time,app,action,purpose,{column}\n"
                   "2024-03-01T10:00:00Z,tool,read,research,1\n"
                   "2024-03-01T10:00:30Z,tool,read,research,0.5\n"
                   "2024-03-01T10:00:40Z,tool,read,research,1\n", encoding="utf-8")
    return log


def test_an_amount_of_exactly_one_takes_the_singular_unit_in_every_format(tmp_path):
    """A count of one reads "1 API request", "1 row" in the disclosure, as the rendered
    agreement says it; two or more, and an amount short of one, keep the plural."""
    log = _three_reads(tmp_path, "requests")
    found = contractdsl.audit(contractdsl.parse(ONE), log)
    text = found.to_text()
    assert "clause 2: no more than 1 API request per minute: 1 window over\n" in text
    assert ": 2.5 API requests, 1.5 over 1 (the largest" in text
    assert "      uses: `read` 2.5 API requests\n" in text
    # the per-month rows say the unit in the agreement's words
    assert "      read per month (API requests): 2024-03 2.5\n" in text
    assert "  | month | read API requests |\n" in found.to_markdown()
    html = page(found)
    assert "<th>read API requests</th>" in html
    assert "read API requests per calendar month" in html
    assert "; 1 window over" in html and "window(s)" not in text + html
    assert "<li>3 rows from 2024-03-01T10:00:00Z to 2024-03-01T10:00:40Z</li>" in html
    log.write_text("time,app,action,purpose,requests\n"
                   "2024-03-01T10:00:00Z,tool,read,research,1\n", encoding="utf-8")
    found = contractdsl.audit(contractdsl.parse(ONE), log)
    assert "      uses: `read` 1 API request\n" in found.to_text()
    assert "<li>1 row from 2024-03-01T10:00:00Z to 2024-03-01T10:00:00Z</li>" in page(found)
    assert "<li><code>read</code>: 1 API request</li>" in page(found)


WORDS = """\
agreement "T" version "1".
effective 2024-01-01.
action use "use".
action read "read" under use.
purpose research "research".
unit requests "API requests" alias calls.
app tool "Tool" approved for research.
clause 1: licensee may use for research.
clause 2: licensee must not read more than 1 calls per minute per app.
clause 3: licensee must not read more than 2 requests per day.
"""


def test_the_report_says_a_unit_in_the_agreements_words_whatever_name_a_limit_uses(tmp_path):
    """A unit declared with its words is said in them everywhere the report speaks: the
    limits (stated by the unit's name or an alias), the windows' amounts and each app's
    lines; JSON keeps the name the limit uses in its fields."""
    found = contractdsl.audit(contractdsl.parse(WORDS), _three_reads(tmp_path, "calls"))
    text = found.to_text()
    assert "  - clause 2: no more than 1 API request per minute per app: 1 window over\n" \
        in text
    assert "  - clause 3: no more than 2 API requests per day: 1 window over\n" in text
    assert "until 2024-03-01T10:01:00Z: 2.5 API requests, 1.5 over 1 (" in text
    assert "until 2024-03-02T10:00:00Z: 2.5 API requests, 0.5 over 2; " in text
    assert "      retrieved: 2.5 API requests\n" in text
    assert "      uses: `read` 2.5 API requests\n" in text
    data = json.loads(found.to_json())
    assert [(w["limit"], w["unit"]) for w in data["windows"]] == [
        ("no more than 1 API request per minute per app", "calls"),
        ("no more than 2 API requests per day", "requests")]
    assert {p["limit"] for p in data["peaks"]} | {s["limit"] for s in data["series"]} == {
        "no more than 1 API request per minute per app", "no more than 2 API requests per day"}
    assert data["apps"][0]["retrieved"] == {"requests": "5/2"}
    # one report, one way of saying the unit: never its name nor its alias as words (the
    # calls a run of sliding windows starts at are the log's rows, not the unit)
    html = page(found)
    for said in (text, found.to_markdown(), html):
        assert re.search(r"(?<!API )\brequests?\b|\d calls?\b(?! start)", said) is None
    assert "<li>retrieved: 2.5 API requests</li>" in html


BOTS = """\
agreement "Bot Terms" version "1".
effective 2024-01-01.
action use "use the API".
action send "send a message" under use.
data content "content".
unit messages "messages".
scope channel "channel of a server".
scope project "Project of the developer account" holding apps.
app mod_bot "Moderation bot".
app greeter "Greeter".
clause 1 "Licence": licensee may use content.
clause 2: licensee must not send more than 5 messages per 5 seconds per app and channel.
clause 3: licensee must not send more than 11 messages per day per channel and app.
clause 4: licensee must not send more than 7 messages per day per project and channel.
clause 5: licensee must not send more than 12 messages per day per channel.
clause 6: licensee must not send more than 11 messages per day per licensee and project.
"""


def bots_log(folder: Path, project: bool = False) -> Path:
    """`mod_bot` sends 12 messages in 6 seconds in channel `general`, `greeter` one there: 13
    in the channel; with ``project``, both apps are in Project `p1`."""
    rows = [(f"2024-06-03T10:00:0{second}Z", "mod_bot", 2) for second in range(6)]
    rows.append(("2024-06-03T10:00:00Z", "greeter", 1))
    log = folder / "log.csv"
    log.write_text("time,app,action,channel" + (",project" if project else "") + ",messages\n"
                   + "".join(f"{time},{app},send,general{',p1' if project else ''},{amount}\n"
                             for time, app, amount in rows), encoding="utf-8")
    return log


def test_an_apps_findings_are_the_windows_whose_key_names_it_in_every_scope_per_app(tmp_path):
    """A window is an app's when its scope counts per app, alone or with other keys, in any
    place (`per app and channel`, `per channel and app`), or per app in place of a scope
    holding apps whose column the log lacks: it makes the app's outcome denied and is among
    its findings. A window of the rows of several apps together (per channel; per Project
    where the log says each row's) is in the findings list, and no one app's."""
    found = contractdsl.audit(contractdsl.parse(BOTS, "bots.agreement"), bots_log(tmp_path))
    windows = {w.clause: w for w in found.windows}
    assert {c: (w.key, w.held_by) for c, w in windows.items()} == {
        "2": (("mod_bot", "general"), None), "3": (("general", "mod_bot"), None),
        "4": (("mod_bot", "general"), "project"), "5": ("general", None),
        "6": ("mod_bot", "project")}
    assert windows["6"].where() == "the project holding app `mod_bot`"
    data = json.loads(found.to_json())
    assert [(a["app"], a["outcome"], a["findings"]) for a in data["apps"]] == [
        ("greeter", "permitted", []),
        ("mod_bot", "denied", [windows[c].id for c in ("2", "3", "4", "6")])]
    text = found.to_text()
    assert "  - `greeter` (Greeter) [A-25e71521d5]: permitted; 1 row from " in text
    assert "  - `mod_bot` (Moderation bot) [A-1f5848812d]: denied; 6 rows from " in text
    assert text.count("      findings: ") == 1
    assert "      findings: 1 window over clause 2, 1 window over clause 3, 1 window over " \
        "clause 4, 1 window over clause 6\n" in text
    html = page(found)
    assert "<li>findings: 1 window over clause 2, 1 window over clause 3, 1 window over " \
        "clause 4, 1 window over clause 6</li>" in html
    # each chart says where it counts as the findings do
    assert "3: no more than 11 messages per day per channel and app — channel and app " \
        "<code>general</code>, <code>mod_bot</code>, each day from 00:00 UTC; 1 window " \
        "over" in html
    assert "6: no more than 11 messages per day per licensee and project — the project " \
        "holding app <code>mod_bot</code> (at least), each day from 00:00 UTC; 1 window " \
        "over" in html
    # with the column of Projects, a Project's window is its apps' together: none's alone
    found = contractdsl.audit(contractdsl.parse(BOTS, "bots.agreement"),
                              bots_log(tmp_path, project=True))
    windows = {w.clause: w for w in found.windows}
    assert {c: w.key for c, w in windows.items()} == {
        "2": ("mod_bot", "general"), "3": ("general", "mod_bot"), "4": ("p1", "general"),
        "5": "general", "6": "p1"}
    data = json.loads(found.to_json())
    assert [(a["app"], a["outcome"], a["findings"]) for a in data["apps"]] == [
        ("greeter", "permitted", []),
        ("mod_bot", "denied", [windows["2"].id, windows["3"].id])]
    assert "      findings: 1 window over clause 2, 1 window over clause 3\n" in found.to_text()


def test_rows_that_name_no_app_are_said_as_app_none_in_every_format(tmp_path):
    """A row that leaves `app` empty states no app: its group, its app's disclosure and a
    window per app of its rows say `app none`, as a window's key is said where a row does not
    state it. They said `None` (Python's word), in backticks as if it were an app's name, and
    the window per app of those rows said `the licensee`."""
    log = tmp_path / "log.csv"
    log.write_text("time,app,action,purpose,requests\n"
                   "2024-06-01T10:00:00Z,,read,research,5\n"
                   "2024-06-01T10:00:10Z,,read,,1\n", encoding="utf-8")
    found = contractdsl.audit(contractdsl.parse(WORDS), log)
    (group,) = found.groups[1:] if found.groups[0].purpose else found.groups[:1]
    (app,), (window,) = found.apps, [w for w in found.windows if w.clause == "2"]
    text, markdown, html = found.to_text(), found.to_markdown(), page(found)
    assert f"  - [{group.id}] app none, action `read`: denied, 1 row from " in text
    assert f"- [{group.id}] app none, action `read`: denied, 1 row from " in markdown
    assert f"  - app none [{app.id}]: denied; 2 rows from " in text
    assert f"- app none [{app.id}]: denied; 2 rows from " in markdown
    assert f'<h3 id="{app.id}">app none <span' in html
    assert f"[{window.id}] app none from 2024-06-01T10:00:00Z" in text
    assert "None" not in text + markdown + html
    assert json.loads(found.to_json())["apps"][0]["app"] is None


def test_the_markdown_escapes_the_agreements_words_so_the_tables_and_headings_hold(tmp_path):
    """Titles and descriptions holding `|`, `*`, `_`, `#`, raw HTML and links stay words in
    the Markdown report: a unit's words with a `|` stay in one cell of the month table, and
    no `<script>` or link reaches the page a Markdown viewer makes of it."""
    text = ('agreement "T <script>alert(1)</script> *all*" version "1".\n'
            'effective 2024-01-01.\n'
            'action use "use".\n'
            'action read "read" under use.\n'
            'purpose research "research".\n'
            'unit requests "API requests | calls".\n'
            'app tool "Tool [see](https://example.com) _new_" approved for research.\n'
            'clause 1: licensee may use for research.\n'
            'clause 2 "Rate | limit": licensee must not read more than 1 requests per minute.\n')
    log = _three_reads(tmp_path, "requests")
    markdown = contractdsl.audit(contractdsl.parse(text), log).to_markdown()
    assert markdown.startswith(
        "# Audit of T \\<script\\>alert(1)\\</script\\> \\*all\\*\n")
    assert "\n- clause 2 (Rate \\| limit): no more than 1 API request \\| call per minute: " \
        in markdown
    assert ": 2.5 API requests \\| calls, 1.5 over 1 (the largest" in markdown
    assert "- `tool` (Tool \\[see\\](https://example.com) \\_new\\_) [A-" in markdown
    assert "  | month | read API requests \\| calls |\n  |---|---:|\n" \
        "  | 2024-03 | 2.5 |\n" in markdown
    assert "<script>" not in markdown and "](https" not in markdown.replace("\\](https", "")
