"""The npm packages a test runs (VS Code's TextMate engine, the Pyodide runtime): installed with
`npm ci` in their folder when missing; the test skips, saying why, where that cannot be done."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


def need(folder: Path, package: str) -> None:
    """Make sure ``package`` of ``folder``'s package.json is installed, or skip the test."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip(f"node and npm are needed to install `{package}`")
    if (folder / "node_modules" / package).is_dir():
        return
    installed = subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=folder,
                               capture_output=True, text=True, timeout=900)
    if installed.returncode != 0:
        pytest.skip(f"`npm ci` in {folder.name}/ failed: {installed.stderr[-500:]}")
