"""The audit's HTML page: self-contained (no script, nothing fetched), a chart per limit and per
app, opened in headless Chromium without console errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("duckdb")
pytest.importorskip("sqlglot")

import contractdsl  # noqa: E402
from contractdsl import model as m  # noqa: E402
from contractdsl.audit.html import page as html_page  # noqa: E402
from contractdsl.audit.run import _periods  # noqa: E402
from test_render_chromium import screenshot  # noqa: E402  (docs/screenshot.py, loaded once)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "agreements" / "twitter" / "audit-2022"


@pytest.fixture(scope="module")
def page():
    agreement = contractdsl.load(*sorted((ROOT / "agreements" / "twitter").glob("*.agreement")))
    found = contractdsl.audit(agreement, EXAMPLE / "calls-2022.parquet",
                              facts=EXAMPLE / "facts.yaml")
    return found, html_page(found)


def test_the_page_charts_every_limit_and_app_and_needs_no_network(page):
    found, html = page
    assert "<script" not in html
    # the only address on the page is SVG's namespace, which is never fetched
    assert set(re.findall(r"https?://[^\s\"'<>]+", html)) <= {"http://www.w3.org/2000/svg"}
    assert "default-src 'none'" in html
    assert html.count("<svg") == len(found.series) + sum(
        len({(a, u) for _, a, u, _ in app.monthly}) for app in found.apps)
    clauses = {s.clause for s in found.series}
    assert {"tier elevated", "RL-v2", "DP-3.7"} <= clauses
    # Elevated's cap counts per Project, which the log does not name: each app's months are
    # charted as its Project's at least, and the windows its Project's apps make only
    # together are said not judged
    bing = next(s for s in found.series if s.clause == "tier elevated" and s.key == "bing_pages")
    assert len(bing.points) == 12 and all(a > bing.allowance for _, a in bing.points)
    assert "tier elevated: no more than 2,000,000 posts per calendar month per project — the " \
        "project holding app <code>bing_pages</code> (at least), calendar month; 12 windows " \
        "over" in html
    january = next(w for w in found.windows if w.clause == "tier elevated"
                   and w.key == "bing_pages" and w.start.month == 1)
    assert f"<code>{january.id}</code> from 2022-01-01T00:00:00Z until 2022-02-01T00:00:00Z: " \
        "at least 886,200,000 posts, at least 884,200,000 over</p>" in html
    assert "windows where the apps of one project exceed it only together are not judged" in html
    assert "<p>help: add the column <code>project</code> (or map one with <code>--map " \
        "project=COLUMN</code>) to judge them</p>\n<ul>\n<li>tier elevated (Elevated): limit per " \
        "project</li>" in html


@pytest.mark.skipif(screenshot.browser() is None, reason="chromium is not installed")
def test_the_page_opens_in_chromium_without_console_errors(page, tmp_path):
    _, html = page
    shot = tmp_path / "audit.png"
    dom, errors = screenshot.open_page(html, shot)
    assert errors == []
    assert "<h1>Audit of Twitter Developer Agreement</h1>" in dom
    assert shot.stat().st_size > 10_000


@pytest.mark.parametrize("window, charted", [
    (m.Window(count=5, unit="second"), "each day's largest period of 5 seconds from 00:00 UTC"),
    (m.Window(count=1, unit="hour"), "each day's largest period of 1 hour from 00:00 UTC"),
    (m.Window(count=1, unit="day"), "each day from 00:00 UTC"),
    (m.Window(count=7, unit="minute"), "periods of 7 minutes from 1970-01-01T00:00Z, by the "
                                       "day they start"),
])
def test_a_sliding_limit_is_charted_in_periods_said_with_their_length(window, charted):
    """A chart of a limit per a sliding window says what it plots: the largest fixed period
    of the window's length in each day, the day itself for a window of one day."""
    assert _periods(window) == charted


TWO_TEXTS = """\
agreement "Terms" version "{version}".
licensee "Dev".
effective {effective}.
action read "read".
data content "content".
unit requests "requests".
app a "A".
clause 1: licensee may read content.
clause L: licensee must not read more than {amount} requests per day per app.
"""


def test_a_clause_two_texts_limit_alike_is_charted_once_per_limit_with_its_own_windows(
        tmp_path):
    """Clause L of the first text allows 10 requests a day, of the second 5: each is charted
    apart, and a window over the second is listed under its chart alone."""
    agreement = contractdsl.Agreement(documents=tuple(
        contractdsl.parse(TWO_TEXTS.format(version=v, effective=e, amount=a), f"v{v}.agreement")
        .documents[0] for v, e, a in (("1", "2024-01-01", 10), ("2", "2024-02-01", 5))))
    log = tmp_path / "log.csv"
    log.write_text("time,app,action,data,requests\n2024-01-10T01:00:00Z,a,read,content,8\n"
                   "2024-02-10T01:00:00Z,a,read,content,8\n")
    found = contractdsl.audit(agreement, log)
    window, = found.windows
    html = html_page(found)
    assert re.findall(r"<figcaption>L: (.*?)</figcaption>", html) == [
        "no more than 10 requests per day per app — app <code>a</code>, each day from 00:00 "
        "UTC; 0 windows over",
        "no more than 5 requests per day per app — app <code>a</code>, each day from 00:00 UTC; "
        "1 window over"]
    assert html.count(f'<p id="{window.id}">') == 1
