"""The HTML page of the 2022 Twitter agreement opens in headless Chromium without console errors.

Skipped where Chromium is not installed (CI machines may not have it).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _screenshot_module():
    spec = importlib.util.spec_from_file_location("screenshot", ROOT / "docs" / "screenshot.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


screenshot = _screenshot_module()
needs_chromium = pytest.mark.skipif(screenshot.browser() is None,
                                    reason="chromium is not installed")


def test_console_errors_are_recognised():
    stderr = ('[1:2:INFO:CONSOLE(3)] "Uncaught ReferenceError: x is not defined", source: f (3)\n'
              "[1:2:WARNING:fontconfig] harmless\n")
    assert len(screenshot.console_errors(stderr)) == 1


@needs_chromium
def test_twitter_2022_page_opens_without_console_errors():
    dom, errors = screenshot.open_page(screenshot.page_html())
    assert errors == []
    assert "<h1>Twitter Developer Agreement</h1>" in dom
    assert 'id="clause-DP-3.6"' in dom


@needs_chromium
def test_a_page_with_a_script_error_is_caught():
    """The check is real: a page whose script fails is reported."""
    _dom, errors = screenshot.open_page("<!DOCTYPE html><html><body><script>undefinedThing();"
                                        "</script></body></html>")
    assert errors


@needs_chromium
def test_escaped_script_does_not_run_in_the_browser():
    import contractdsl

    agreement = contractdsl.parse('agreement "T" version "1".\neffective 2024-01-01.\n'
                                  'action use "use".\ndata content "content".\n'
                                  'purpose p "<script>console.error(1)</script>".'
                                  '\nclause A: licensee may use content for p.\n')
    dom, errors = screenshot.open_page(contractdsl.render(agreement, format="html"))
    assert errors == []
    assert "&lt;script&gt;console.error(1)&lt;/script&gt;" in dom


def test_screenshot_is_kept_under_docs():
    assert (ROOT / "docs" / "twitter-2022.png").stat().st_size > 10_000
