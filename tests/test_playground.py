"""The browser playground, end to end in headless Chromium (Playwright with the system
Chromium), with no network: every request the page makes is answered from the built folder, and
any other is refused and fails the test. It opens the Twitter agreement, decides the Bing Pages 2
usage (denied, by clause I.B.1), shows a typo's problem, says the agreement in French, and
carries its text in a shared link."""

from __future__ import annotations

import importlib.util
import mimetypes
import os
import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest
from node_packages import need

ROOT = Path(__file__).resolve().parent.parent
PLAYGROUND = ROOT / "playground"
ORIGIN = "http://playground.test"


def _build_module():
    spec = importlib.util.spec_from_file_location("playground_build", PLAYGROUND / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def chromium() -> str | None:
    return next((shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome")
                 if shutil.which(name)), None)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The playground built into a fresh folder (after `npm ci` in playground/)."""
    pytest.importorskip("playwright", reason="the playground test needs Playwright")
    if chromium() is None:
        pytest.skip("chromium is not installed")
    need(PLAYGROUND, "pyodide")
    return _build_module().build(tmp_path_factory.mktemp("playground"))


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium(),
                                              args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def page(browser, site):
    """The playground, open and ready: every request it makes is served from the built
    folder, others are refused. Its Python is started once, for every test of the module."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    refused: list[str] = []
    errors: list[str] = []

    def serve(route):
        url = urlparse(route.request.url)
        path = (site / url.path.lstrip("/")).resolve()
        if f"{url.scheme}://{url.netloc}" != ORIGIN or not path.is_file() \
                or site.resolve() not in path.parents:
            refused.append(route.request.url)
            return route.abort()
        kind = "application/wasm" if path.suffix == ".wasm" else \
            "text/javascript" if path.suffix in (".js", ".mjs") else \
            mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        route.fulfill(status=200, body=path.read_bytes(), content_type=kind)

    context.route("**/*", serve)
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    ready(page)
    yield page
    context.close()
    assert refused == [], f"the page asked the network for {refused}"
    assert errors == [], errors


def ready(page, url: str = f"{ORIGIN}/index.html") -> None:
    page.goto(url)
    page.wait_for_selector("body[data-ready=yes]", timeout=180_000)


def test_the_twitter_agreement_denies_bing_pages_2_by_clause_i_b_1(page, tmp_path):
    page.select_option("#example", "twitter")
    assert page.input_value("#file") == "developer-agreement-2022.agreement"
    assert "Twitter Developer Agreement" in page.input_value("#text")
    assert page.locator("#problems li").count() == 0
    assert page.locator("#highlight .tm-clause").count() > 10  # highlighted by the grammar
    page.select_option("#usages", "bing-pages-2.yaml")
    page.click("#decide")
    page.wait_for_selector("#decision .outcome")
    assert page.inner_text("#decision .outcome") == "denied"
    assert "- I.B.1 (Licence to use content)" in page.inner_text("#decision")
    prose = page.frame_locator("#prose")
    assert "Twitter Developer Agreement" in prose.locator("h1").first.inner_text()
    shot = Path(os.environ.get("PLAYGROUND_SCREENSHOT") or tmp_path / "playground.png")
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 20_000


def test_a_typo_shows_its_problem_and_the_prose_speaks_french(page):
    page.select_option("#example", "twitter")
    text = page.input_value("#text")
    page.fill("#text", text.replace("share content with third_party",
                                    "share content with third_prty", 1))
    page.wait_for_selector("#problems li")
    problem = page.inner_text("#problems li")
    assert "unknown recipient `third_prty`" in problem and "did you mean `third_party`?" in problem
    assert page.locator("#highlight .problem").inner_text() == "third_prty"
    page.fill("#text", text)
    page.wait_for_function("document.querySelectorAll('#problems li').length === 0")
    page.select_option("#locale", "fr")
    page.wait_for_function(
        "document.querySelector('#prose').srcdoc.includes('lang=\"fr\"')")


def test_a_shared_link_carries_the_text(page):
    page.select_option("#example", "examples")
    page.select_option("#file", "open-data-apps.agreement")
    page.fill("#text", page.input_value("#text") + "# shared\n")
    page.click("#share")
    link = page.url
    assert "#" in link and ORIGIN in link
    again = page.context.new_page()
    ready(again, link)
    assert again.input_value("#file") == "open-data-apps.agreement"
    assert again.input_value("#text").endswith("# shared\n")
    again.close()
