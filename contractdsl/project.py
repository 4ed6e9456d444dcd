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

from pathlib import Path
from typing import Any

import attrs

from .errors import Diagnostic, InputError, did_you_mean

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
        wanted = Path(path).resolve()
        for agreement_set in self.sets:
            if any(p.resolve() == wanted for p in agreement_set.files + agreement_set.tests):
                return agreement_set
        return None

    def option(self, name: str, default: Any = None) -> Any:
        return self.options.get(name, default)


def find(start: Path | None = None) -> Project:
    """The project of the folder ``start`` (default: the current one) or of the nearest folder
    above it with a project file; an empty project when there is none."""
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        for name in FILES:
            path = candidate / name
            if path.is_file():
                project = read(path)
                if project is not None:
                    return project
    return Project()


def read(path: Path) -> Project | None:
    """A project file's settings; None for a `pyproject.toml` without `[tool.contractdsl]`."""
    import tomllib

    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise InputError(f"`{path}` is not valid TOML", [Diagnostic(
            file=str(path), line=1, column=1, message=f"the project file is not valid TOML: "
            f"{str(err).lower()}", help="see https://toml.io for the syntax",
            code="project")]) from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("contractdsl")
        if data is None:
            return None
    return _project(path, text, data)


def _project(path: Path, text: str, data: dict) -> Project:
    def fail(key: str, message: str, help: str | None = None):
        line = next((n for n, content in enumerate(text.splitlines(), 1)
                     if content.lstrip().startswith(key)), 1)
        raise InputError(message, [Diagnostic(file=str(path), line=line, column=1,
                                              message=message, help=help, code="project",
                                              source_line=text.splitlines()[line - 1]
                                              if text.strip() else None)])

    for key in data:
        if key not in OPTIONS:
            fail(key, f"unknown project setting `{key}`",
                 did_you_mean(key, OPTIONS) or f"the settings are {', '.join(OPTIONS)}")
    root = path.parent
    sets = []
    for entry in data.get("agreement", []):
        for key in entry:
            if key not in SET_KEYS:
                fail(key, f"unknown agreement set setting `{key}`",
                     did_you_mean(key, SET_KEYS) or f"the settings are {', '.join(SET_KEYS)}")
        name = entry.get("name") or f"agreement {len(sets) + 1}"
        if not entry.get("versions") and not entry.get("schedules"):
            fail("[[", f"the agreement set `{name}` names no files",
                 "add `versions = [\"path/to/agreement.agreement\"]`")
        sets.append(AgreementSet(
            name=name, **{key: _paths(root, entry.get(key, ()), key, fail)
                          for key in ("versions", "schedules", "tests")}))
    options = {k: v for k, v in data.items() if k != "agreement"}
    return Project(file=path, sets=tuple(sets), options=options)


def _paths(root: Path, patterns, key: str, fail) -> tuple[Path, ...]:
    if isinstance(patterns, str):
        patterns = [patterns]
    found: list[Path] = []
    for pattern in patterns:
        matches = sorted(root.glob(pattern)) if any(c in pattern for c in "*?[") \
            else [root / pattern]
        if not matches:
            fail(key, f"`{pattern}` matches no file", "paths are relative to the project file")
        found.extend(_relative(p) for p in matches if p not in found)
    return tuple(found)


def _relative(path: Path) -> Path:
    """A path as short as it can be said from the current folder (how messages show it)."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return path
