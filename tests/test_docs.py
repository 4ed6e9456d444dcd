"""Every example of README.md and docs/*.md runs, and shows what it prints (docs/testing.md,
"Documentation that is tested", says how each kind of block is run)."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"^```(\w*)\n(.*?)^```\n", re.S | re.M)
NOT_RUN = re.compile(r"<!-- not run: (.+?) -->\s*$")
EXIT = re.compile(r"<!-- exit (\d+) -->\s*$")


@attrs.frozen
class Block:
    page: Path
    line: int
    language: str
    text: str
    before: str  # the text between the previous block and this one
    output: "Block | None" = None

    @property
    def id(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line}"


def blocks(page: Path) -> list[Block]:
    text = page.read_text(encoding="utf-8")
    found, end = [], 0
    for match in FENCE.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        found.append(Block(page, line, match[1], match[2], text[end:match.start()]))
        end = match.end()
    # A `text` block after a command or code block, before any other block, is its output.
    paired = []
    skip = set()
    for index, block in enumerate(found):
        if index in skip:
            continue
        after = found[index + 1] if index + 1 < len(found) else None
        runs = block.language in ("sh", "python") and not NOT_RUN.search(block.before)
        if runs and after is not None and after.language == "text" \
                and not after.text.startswith("$ ") and not NOT_RUN.search(after.before):
            block = attrs.evolve(block, output=after)
            skip.add(index + 1)
        paired.append(block)
    return paired


ALL = [b for page in PAGES for b in blocks(page)]


def test_the_pages_have_examples():
    assert len(ALL) >= 40
    for block in ALL:
        reason = NOT_RUN.search(block.before)
        assert reason is None or len(reason[1]) > 5, f"{block.id}: say why it is not run"


INSTALL = re.compile(r"^pip install [^&\n]*(&&\s*|$)", re.M)


def shell(command: str) -> subprocess.CompletedProcess:
    """Run a command as a reader would in the checkout. `pip install ...` is left out: the tests
    run in the environment it sets up (.ci/run installs for real)."""
    command = INSTALL.sub("", command)
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "80"}
    bin_dir = str(Path(sys.executable).parent)
    env["PATH"] = bin_dir + os.pathsep + env.get("PATH", "")
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    # `contractdsl` as the installed command would run, from this checkout
    prelude = f'contractdsl() {{ {shlex.quote(sys.executable)} -m contractdsl "$@"; }}\n'
    prelude += f'python() {{ {shlex.quote(sys.executable)} "$@"; }}\npython3() {{ python "$@"; }}\n'
    prelude += "pip() { echo 'pip is not run by the docs test' >&2; return 1; }\n"
    before = set(ROOT.iterdir())
    try:
        return subprocess.run(["bash", "-c", prelude + command], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=300)
    finally:
        for made in set(ROOT.iterdir()) - before:  # what an example wrote (`-o FILE`)
            if made.is_file():
                made.unlink()


def same(shown: str, got: str, where: str) -> None:
    shown_lines = [line.rstrip() for line in shown.rstrip("\n").splitlines()]
    got_lines = [line.rstrip() for line in got.rstrip("\n").splitlines()]
    assert got_lines == shown_lines, f"{where}: the page shows\n{shown}\nbut it prints\n{got}"


NAMESPACES: dict[Path, dict] = {}


@pytest.mark.parametrize("block", ALL, ids=lambda b: b.id)
def test_example(block):
    reason = NOT_RUN.search(block.before)
    if reason:
        pytest.skip(f"not run: {reason[1]}")
    if block.language == "python":
        namespace = NAMESPACES.setdefault(block.page, {"__name__": "docs"})
        out = io.StringIO()
        cwd = os.getcwd()
        os.chdir(ROOT)
        try:
            with contextlib.redirect_stdout(out):
                defined = set(namespace)
                exec(compile(block.text, block.id, "exec"), namespace)
                for name in sorted(set(namespace) - defined):  # a test the page shows runs too
                    if name.startswith("test_") and callable(namespace[name]):
                        namespace[name]()
        finally:
            os.chdir(cwd)
        if block.output is not None:
            same(block.output.text, out.getvalue(), block.id)
    elif block.language == "sh":
        status = EXIT.search(block.before)
        result = shell(block.text)
        assert result.returncode == (int(status[1]) if status else 0), \
            f"{block.id}: {result.stdout}{result.stderr}"
        if block.output is not None:
            same(block.output.text, result.stdout, block.id)
    elif block.language == "text" and block.text.startswith("$ "):
        session(block)
    elif block.language == "yaml":
        import contractdsl
        from contractdsl.usage import Usage, _parse_yaml

        from contractdsl.cli.test import compare

        # usages as the usage reader reads them, whose names the Twitter agreement defines,
        # deciding as they expect
        data = _parse_yaml(block.text)[1]
        twitter = contractdsl.load(*sorted((ROOT / "agreements" / "twitter").glob("*.agreement")))
        for entry in data if isinstance(data, list) else [data]:
            decision = contractdsl.permits(twitter, Usage.from_dict(entry))
            if decision.usage.expect is not None:
                assert compare(decision) == (), f"{block.id}: {compare(decision)}"
    elif block.language == "toml":
        import tomllib

        from contractdsl.project import _project

        data = tomllib.loads(block.text)
        _project(ROOT / "pyproject.toml", block.text, data.get("tool", {}).get("contractdsl",
                                                                                data))
    elif block.language == "text":
        shown_text(block)
    else:
        pytest.fail(f"{block.id}: a block of `{block.language or 'no language'}` is not run; "
                    "give it a language the harness runs, or `<!-- not run: why -->`")


def session(block: Block) -> None:
    """`$ command` lines, each followed by what it prints (standard output and error)."""
    parts = re.split(r"^\$ ", block.text, flags=re.M)[1:]
    for part in parts:
        command, _, shown = part.partition("\n")
        result = shell(command)
        same(shown, result.stdout + result.stderr, f"{block.id}: `{command}`")


def shown_text(block: Block) -> None:
    """A text block that is not output: a command synopsis (every option it names exists) or
    agreement text (it parses)."""
    import contractdsl

    lines = block.text.splitlines()
    if all(line.startswith("contractdsl ") for line in lines):
        for line in lines:
            command = line.split()[1]
            help_text = shell(f"contractdsl {command} --help").stdout
            for option in re.findall(r"(?:^|[\s\[|])(--?[a-z][a-z-]*)", line):
                if option != "--":
                    assert option in help_text, f"{block.id}: `{option}` of `{command}`"
        return
    if lines and lines[0].startswith("python3 ") or lines[0].startswith("contractdsl render"):
        return pytest.fail(f"{block.id}: a command belongs in a `sh` block")
    contractdsl.parse(block.text, block.id)


def test_ci_runs_the_commands_of_the_workflow_in_the_docs():
    """Each `run:` command of the GitHub Actions example in docs/ci.md is run by .ci/run."""
    page = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    workflow = page[page.index("name: agreements"):]
    commands = re.findall(r"^\s+- run: (.+)$", workflow[:workflow.index("```")], flags=re.M)
    assert "contractdsl check --format github" in commands
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    ran = [line.strip() for line in script.splitlines()]
    for command in commands:
        assert command in ran, f".ci/run does not run `{command}`"
