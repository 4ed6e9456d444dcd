"""Regenerate the golden files: `python tests/regen_golden.py`, then review the diff with git.

- tests/golden/errors/NAME_bad.expected: what `contractdsl check NAME_bad.agreement` prints,
  run from that folder so the paths in the messages are stable.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ERRORS = HERE / "golden" / "errors"


def check_output(path: Path) -> str:
    """What `contractdsl check FILE` prints (stdout and stderr), run beside the file."""
    from contractdsl.cli import main

    out = io.StringIO()
    cwd = os.getcwd()
    os.chdir(path.parent)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            status = main(["check", path.name])
    finally:
        os.chdir(cwd)
    return f"{out.getvalue()}exit status {status}\n"


def regenerate() -> list[Path]:
    written = []
    for path in sorted(ERRORS.glob("*_bad.agreement")):
        expected = path.with_suffix(".expected")
        expected.write_text(check_output(path), encoding="utf-8")
        written.append(expected)
    return written


if __name__ == "__main__":
    for path in regenerate():
        print(path.relative_to(HERE.parent))
    sys.exit(0)
