"""Regenerate docs/twitter-2022.png: the 2022 Twitter agreement's HTML page in headless Chromium.

Usage: python3 docs/screenshot.py [--check]
Renders the page with `contractdsl render --format html`, opens it in headless Chromium, fails
if the browser logs a console error, and saves a screenshot next to this script. `--check`
only opens the page and reports console errors. Needs `chromium` (Debian: apt-get install
chromium) or `chromium-browser` / `google-chrome` on the PATH.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AGREEMENT = ROOT / "agreements" / "twitter" / "developer-agreement-2022.agreement"
SCREENSHOT = ROOT / "docs" / "twitter-2022.png"
BROWSERS = ("chromium", "chromium-browser", "google-chrome")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--enable-logging=stderr", "--v=0")


def browser() -> str | None:
    return next((path for name in BROWSERS if (path := shutil.which(name))), None)


def page_html() -> str:
    sys.path.insert(0, str(ROOT))
    import contractdsl

    return contractdsl.render(contractdsl.load(AGREEMENT), locale="en", format="html")


def console_errors(stderr: str) -> list[str]:
    """Console messages of the page (Chromium logs them as `CONSOLE(line)`), and JS errors."""
    return [line for line in stderr.splitlines()
            if re.search(r"CONSOLE\(\d+\)|Uncaught|Refused to", line)]


def run(args: list[str], page: Path, profile: str) -> subprocess.CompletedProcess:
    command = [browser(), *FLAGS, f"--user-data-dir={profile}", *args, page.as_uri()]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def open_page(html: str, screenshot: Path | None = None) -> tuple[str, list[str]]:
    """Open the page; return its DOM as Chromium built it and the console errors."""
    with tempfile.TemporaryDirectory() as work, tempfile.TemporaryDirectory() as profile:
        page = Path(work) / "agreement.html"
        page.write_text(html, encoding="utf-8")
        result = run(["--dump-dom"], page, profile)
        errors = console_errors(result.stderr)
        if screenshot is not None:
            with tempfile.TemporaryDirectory() as profile2:
                shot = run([f"--screenshot={screenshot}", "--window-size=1100,1400"], page,
                           profile2)
            errors += console_errors(shot.stderr)
        return result.stdout, errors


def main(argv: list[str]) -> int:
    if browser() is None:
        print("error: chromium is not installed (apt-get install chromium)", file=sys.stderr)
        return 2
    dom, errors = open_page(page_html(), None if "--check" in argv else SCREENSHOT)
    for line in errors:
        print(f"console: {line}", file=sys.stderr)
    if "Twitter Developer Agreement" not in dom:
        print("error: the page did not load", file=sys.stderr)
        return 1
    if errors:
        return 1
    if "--check" not in argv:
        print(f"wrote {SCREENSHOT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
