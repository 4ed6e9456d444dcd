"""The project file: `[tool.contractdsl]` in `pyproject.toml`, or `contractdsl.toml` (its keys at
the top level), found in the current folder or the nearest one above it.

It names the agreement sets (the versions of an agreement with its schedules, and the test
manifests of that agreement) and the default options of the commands::

    [tool.contractdsl]
    format = "text"          # default --format of check, permits and test
    locale = "en"            # default --locale
    fail-under = 80          # default --fail-under of `test --coverage`

    [[tool.contractdsl.agreement]]
    name = "twitter"
    versions = ["agreements/twitter/developer-agreement-*.agreement"]
    schedules = ["agreements/twitter/microsoft-apps.agreement"]
    tests = ["agreements/twitter/usages/*.yaml"]

Paths are relative to the project file's folder and may be glob patterns.
"""

from __future__ import annotations

import math
import os
import re
from pathlib import Path
from typing import Any

import attrs

from .errors import Diagnostic, InputError, did_you_mean, one_of, source_line
from .files import refuse_nul

FILES = ("contractdsl.toml", "pyproject.toml")
OPTIONS = ("format", "locale", "fail-under", "agreement")
SET_KEYS = ("name", "versions", "schedules", "tests")


@attrs.frozen(kw_only=True)
class AgreementSet:
    """An agreement read as one: its versions and schedules, and the manifests that test it."""

    name: str
    versions: tuple[Path, ...]
    schedules: tuple[Path, ...] = ()
    tests: tuple[Path, ...] = ()

    @property
    def files(self) -> tuple[Path, ...]:
        return self.versions + self.schedules


@attrs.frozen(kw_only=True)
class Project:
    """The project file's settings; ``file`` is None when there is no project file."""

    file: Path | None = None
    sets: tuple[AgreementSet, ...] = ()
    options: dict[str, Any] = attrs.field(factory=dict)

    def set_of(self, path: str | Path) -> AgreementSet | None:
        """The agreement set a file belongs to, as a version, a schedule or a test manifest."""
        # a link that does not resolve (a loop) is compared as it is; reading it says why not
        refuse_nul(path)
        wanted = os.path.realpath(path)
        for agreement_set in self.sets:
            if any(os.path.realpath(p) == wanted
                   for p in agreement_set.files + agreement_set.tests):
                return agreement_set
        return None

    def option(self, name: str, default: Any = None) -> Any:
        return self.options.get(name, default)


def find(start: Path | None = None) -> Project:
    """The project of the folder ``start`` (default: the current one) or of the nearest folder
    above it with a project file; an empty project when there is none."""
    folder = real_path(start or Path.cwd())
    for candidate in (folder, *folder.parents):
        for name in FILES:
            path = candidate / name
            if path.is_file():
                project = read(path)
                if project is not None:
                    return project
    return Project()


def real_path(path: str | Path) -> Path:
    """A path with its symbolic links followed as far as they lead: a loop of links is left as
    it is (reading it says why it cannot be read), where `Path.resolve` fails on some Pythons."""
    return Path(os.path.realpath(path))


def is_percent(value: Any) -> bool:
    """Whether a value is a number from 0 to 100 (not NaN, not a boolean)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) \
        and math.isfinite(value) and 0 <= value <= 100


def read(path: Path) -> Project | None:
    """A project file's settings; None for a `pyproject.toml` without `[tool.contractdsl]`."""
    import tomllib

    from .files import read_text

    text = read_text(path)  # UTF-8, a regular file of at most 8 MiB, as every input
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        problem, line, column = _toml_problem(err, text)
        raise InputError(f"`{path}` is not valid TOML", [Diagnostic(
            file=str(path), line=line, column=column, message=f"the project file is not valid "
            f"TOML: {problem}", help="see https://toml.io for the syntax", code="project",
            source_line=source_line(text, line) or None)]) from None
    except RecursionError:  # (tomllib reads a nested array or table by recursing)
        depth, line, column = _deepest(text)
        raise InputError(f"`{path}` nests its values too deep", [Diagnostic(
            file=str(path), line=line, column=column, message=f"the project file nests arrays "
            f"and tables {depth} deep, too deep to read", help="the settings of a project file "
            "nest two or three deep: remove the brackets left over", code="project",
            source_line=source_line(text, line) or None)]) from None
    if path.name == "pyproject.toml":
        tool = data.get("tool")
        data = tool.get("contractdsl") if isinstance(tool, dict) else None
        if data is None:
            return None
    return _project(path, text, data)


def _deepest(text: str) -> tuple[int, int, int]:
    """How deep the arrays and inline tables of a TOML text nest, and the line and column where
    they first do (brackets in quoted texts and comments not counted)."""
    depth = deepest = 0
    line, at, place = 1, -1, (1, 1)
    quote = None
    for index, char in enumerate(text):
        if char == "\n":
            line, at = line + 1, index
            if quote == "#":
                quote = None
        elif quote is not None:
            if char == quote and text[index - 1] != "\\":
                quote = None
        elif char in "\"'#":
            quote = char
        elif char in "[{":
            depth += 1
            if depth > deepest:
                deepest, place = depth, (line, index - at)
        elif char in "]}":
            depth -= 1
    return deepest, *place


# Where tomllib says a syntax error is: at the end of its message, on Pythons before 3.14 (which
# gives it as the error's `msg`, `lineno` and `colno` too).
_TOML_PLACE = re.compile(r" \(at (?:line (\d+), column (\d+)|end of document)\)$")


def _toml_problem(err, text: str) -> tuple[str, int, int]:
    """What a TOML syntax error says, without its place, and its line and column."""
    message = getattr(err, "msg", None) or str(err)
    line, column = getattr(err, "lineno", None), getattr(err, "colno", None)
    found = _TOML_PLACE.search(message)
    if found is not None:
        message = message[:found.start()]
        if found[1] is not None:
            line, column = int(found[1]), int(found[2])
    if line is None or column is None:  # at the end of the document
        line = text.count("\n") + 1
        column = len(text) - text.rfind("\n")
    return message[:1].lower() + message[1:], line, column


# A table header (`[tool.contractdsl]`, `[[agreement]]`) and a `key = value` line of TOML.
_HEADER = re.compile(r"\s*(\[\[?)\s*([^\]]+?)\s*\]")
_KEY = re.compile(r"\s*([A-Za-z0-9_-]+|\"[^\"]*\")\s*=")


def _places(text: str) -> dict[tuple, int]:
    """The line of each table and key of a TOML text, by (table, index, key): the table as its
    header says it (`tool.contractdsl.agreement`), its index for an array of tables (the n-th
    `[[...]]`, else None), and the key, `None` for the table's header itself."""
    places: dict[tuple, int] = {}
    table, index = "", None
    counts: dict[str, int] = {}
    for number, content in enumerate(text.splitlines(), 1):
        header = _HEADER.match(content)
        if header:
            table = header[2].replace(" ", "").replace('"', "")
            index = counts[table] = counts.get(table, -1) + 1 if header[1] == "[[" else None
            parent, _, key = table.rpartition(".")
            places.setdefault((table, index, None), number)
            places.setdefault((parent, None, key), number)
            continue
        key = _KEY.match(content)
        if key:
            places.setdefault((table, index, key[1].strip('"')), number)
    return places


def _project(path: Path, text: str, data: dict) -> Project:
    lines = text.splitlines()
    places = _places(text)
    top = "tool.contractdsl" if path.name == "pyproject.toml" else ""
    set_table = f"{top}.agreement".lstrip(".")

    def fail(key: str | None, message: str, help: str | None = None, entry: int | None = None,
             value: str | None = None):
        """Refuse the project file at the line of ``key`` of the settings (of the agreement set
        ``entry``, where given), or of the path ``value`` it lists."""
        parent, _, name = top.rpartition(".")
        tried = [(top, None, key), (parent, None, name)]
        if entry is not None:
            tried = [(set_table, entry, key), (set_table, entry, None), (top, None, "agreement"),
                     *tried[1:]]
        line = next((places[t] for t in tried if t in places), 1)
        if value is not None:  # a path of a list written over several lines
            quoted = (f'"{value}"', f"'{value}'")
            line = next((n for n in range(line, min(len(lines), line + 1000) + 1)
                         if any(q in lines[n - 1] for q in quoted)), line)
        shown = lines[line - 1] if 0 < line <= len(lines) else None
        column = len(shown) - len(shown.lstrip()) + 1 if shown and shown.strip() else 1
        raise InputError(message, [Diagnostic(file=str(path), line=line, column=column,
                                              message=message, help=help, code="project",
                                              source_line=shown)])

    if not isinstance(data, dict):
        fail(None, "`tool.contractdsl` is not a table of settings",
             "write the settings under `[tool.contractdsl]`, e.g. `fail-under = 80`")
    for key in data:
        if key not in OPTIONS:
            fail(key, f"unknown project setting `{key}`",
                 did_you_mean(key, OPTIONS) or f"the settings are {', '.join(OPTIONS)}")
    _check_options(data, fail)
    root = path.parent
    sets = []
    entries = data.get("agreement", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        table = "tool.contractdsl.agreement" if path.name == "pyproject.toml" else "agreement"
        fail("agreement", "the setting `agreement` is not a list of agreement sets",
             f"write each set as a table: `[[{table}]]`, then its `name` and `versions`")
    for number, entry in enumerate(entries):
        def fail_in_set(key, message, help=None, value=None, number=number):
            fail(key, message, help, entry=number, value=value)

        for key in entry:
            if key not in SET_KEYS:
                fail_in_set(key, f"unknown agreement set setting `{key}`",
                            did_you_mean(key, SET_KEYS)
                            or f"the settings are {', '.join(SET_KEYS)}")
        if not isinstance(entry.get("name", ""), str):
            fail_in_set("name", "the name of an agreement set is not text",
                        'quote it, e.g. `name = "twitter"`')
        name = entry.get("name") or f"agreement {len(sets) + 1}"
        if not entry.get("versions") and not entry.get("schedules"):
            fail_in_set(None, f"the agreement set `{name}` names no files",
                        "add `versions = [\"path/to/agreement.agreement\"]`")
        for key in ("versions", "schedules", "tests"):
            patterns = entry.get(key, [])
            if not isinstance(patterns, (str, list)) \
                    or not all(isinstance(p, str) for p in patterns):
                fail_in_set(key, f"`{key}` of the agreement set `{name}` does not list paths "
                            "as text",
                            f'quote each path, e.g. `{key} = ["agreements/terms.agreement"]`')
        sets.append(AgreementSet(
            name=name, **{key: _paths(root, entry.get(key, ()), key, fail_in_set)
                          for key in ("versions", "schedules", "tests")}))
    options = {k: v for k, v in data.items() if k != "agreement"}
    return Project(file=path, sets=tuple(sets), options=options)


# the formats a report of problems is written in, by default (`format =`) or on the command line
REPORTS = ("text", "json", "junit", "github", "sarif")


def _check_options(data: dict, fail) -> None:
    """Refuse a default option the command line would refuse: an unknown format or locale, a
    `fail-under` that is not a percentage."""
    from .prose.render import LOCALES

    for key, what, choices in (("format", "format", REPORTS), ("locale", "locale", LOCALES)):
        if key in data and data[key] not in choices:
            value = data[key]
            fail(key, f"unknown {what} `{value}`",
                 (did_you_mean(value, choices) if isinstance(value, str) else None)
                 or f"choose {one_of(choices)}")
    if "fail-under" in data and not is_percent(data["fail-under"]):
        fail("fail-under", "`fail-under` is not a number from 0 to 100",
             "give the share of clauses the tests must reach, e.g. `fail-under = 80`")


def _paths(root: Path, patterns, key: str, fail) -> tuple[Path, ...]:
    """The files a setting's paths and glob patterns name, as messages show them."""
    if isinstance(patterns, str):
        patterns = [patterns]
    found: list[Path] = []
    for pattern in patterns:
        if "\0" in pattern:
            fail(key, f"the path `{pattern}` holds a NUL character", "remove it from the path")
        is_pattern = any(c in pattern for c in "*?[")
        if is_pattern and Path(pattern).is_absolute():
            fail(key, f"the pattern `{pattern}` is not relative to the project file",
                 "write it from the project file's folder, e.g. `agreements/*.agreement`",
                 value=pattern)
        try:
            matches = sorted(root.glob(pattern)) if is_pattern else [root / pattern]
        except ValueError:  # `**` not a whole part of the path
            fail(key, f"`{pattern}` is not a valid pattern", "`**` stands for any folders "
                 "only as a whole part of a path, e.g. `agreements/**/*.agreement`",
                 value=pattern)
        if not matches:
            fail(key, f"`{pattern}` matches no file", "paths are relative to the project file",
                 value=pattern)
        found.extend(dict.fromkeys(path for path in map(_relative, matches)
                                   if path not in found))
    return tuple(found)


def _relative(path: Path) -> Path:
    """A path as short as it can be said from the current folder (how messages show it)."""
    try:
        return real_path(path).relative_to(Path.cwd().resolve())
    except ValueError:
        return path
