"""Log paths, column mappings and dated facts to what an audit reads: the files of a log, the
column each field is read from, and the facts with their times."""

from __future__ import annotations

import datetime as _dt
import glob as _glob
import os
from pathlib import Path

import attrs

from ..errors import Diagnostic, InputError, UsageError, did_you_mean

# The fields a log row may carry besides amounts (a column named after a unit of the agreement)
# and scope keys (a column named after the scope of a limit: `user`, `endpoint`, ...).
TERMS = ("app", "action", "data", "purpose", "recipient", "tier")
FIELDS = ("time",) + TERMS + ("amount", "unit")
FORMATS = {".parquet": "parquet", ".pq": "parquet", ".csv": "csv", ".jsonl": "json",
           ".ndjson": "json", ".json": "json"}


@attrs.frozen(kw_only=True)
class LogFile:
    """One file of a log: its path (as given or found) and its format."""

    path: str
    format: str  # parquet, csv, json
    hive: bool = False  # under folders named `key=value`


@attrs.frozen(kw_only=True)
class FactEntry:
    """A dated fact: a notice, an approval, a request, for one app or (``app`` None) all."""

    name: str
    when: _dt.date | _dt.datetime
    app: str | None = None

    @property
    def micros(self) -> int:
        """The first instant it holds, in microseconds since 1970 (UTC): a day from its start."""
        when = self.when
        if not isinstance(when, _dt.datetime):
            when = _dt.datetime(when.year, when.month, when.day, tzinfo=_dt.timezone.utc)
        return (when - EPOCH) // _dt.timedelta(microseconds=1)


EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_dt.timezone.utc)


def log_files(paths) -> list[LogFile]:
    """The files of a log given as files, folders (read whole, Hive-partitioned or not) or
    glob patterns, in a stable order."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    found: list[LogFile] = []
    for given in paths:
        text = os.fspath(given)
        if any(c in text for c in "*?["):
            matches = sorted(_glob.glob(text, recursive=True))
            if not matches:
                raise InputError(f"no file matches `{text}`\nhelp: check the pattern; "
                                 "quote it so that the shell does not expand it first")
            found.extend(_file(Path(m), text) for m in matches if Path(m).is_file())
        elif Path(text).is_dir():
            inside = sorted(p for p in Path(text).rglob("*")
                            if p.is_file() and p.suffix.lower() in FORMATS
                            and not any(part.startswith((".", "_")) for part in
                                        p.relative_to(text).parts))
            if not inside:
                raise InputError(f"the folder `{text}` holds no log file\nhelp: a log is "
                                 "Parquet (.parquet), CSV (.csv) or JSON Lines (.jsonl)")
            found.extend(_file(p, text) for p in inside)
        elif Path(text).is_file():
            found.append(_file(Path(text), text))
        else:
            raise InputError(f"cannot read `{text}`: no such file or folder\nhelp: check the "
                             "path; it is read from the current folder")
    return found


def _file(path: Path, given: str) -> LogFile:
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        raise InputError(f"`{path}` is not a log file the audit reads\nhelp: a log is Parquet "
                         "(.parquet), CSV (.csv) or JSON Lines (.jsonl)")
    hive = any("=" in part for part in path.parent.parts)
    return LogFile(path=str(path), format=kind, hive=hive)


def mapping(spec) -> dict[str, str]:
    """A column mapping: `time=ts,app=client_id`, the path of a YAML file mapping fields to
    columns, or a mapping already; field -> the log's column."""
    if spec is None:
        return {}
    if isinstance(spec, dict):
        pairs = dict(spec)
    elif isinstance(spec, (list, tuple)):
        pairs = {}
        for item in spec:
            pairs.update(mapping(item))
        return pairs
    elif "=" not in str(spec) and Path(spec).is_file():
        import yaml

        from ..usage import read_file

        try:
            data = yaml.safe_load(read_file(spec))
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None)
            message = "the column mapping is not valid YAML"
            raise UsageError(message, [Diagnostic(
                file=str(spec), line=mark.line + 1 if mark else 1, column=1, message=message,
                help="write e.g. `time: ts` and `app: client_id`, one a line")]) from None
        if not isinstance(data, dict):
            raise InputError(f"the column mapping `{spec}` must map fields to columns\nhelp: "
                             "write e.g. `time: ts` and `app: client_id`, one a line")
        pairs = data
    else:
        pairs = {}
        for item in str(spec).split(","):
            field, sep, column = item.partition("=")
            if not sep or not field.strip() or not column.strip():
                raise InputError(f"`{item}` is not a column mapping\nhelp: write FIELD=COLUMN, "
                                 "e.g. `--map time=ts,app=client_id`")
            pairs[field.strip()] = column.strip()
    out = {}
    for field, column in pairs.items():
        if not isinstance(field, str) or not isinstance(column, str):
            raise InputError(f"`{field}: {column}` is not a column mapping\nhelp: map a field "
                             "name to a column name")
        out[field] = column
    return out


def check_mapping(columns: dict[str, str], known: set[str]) -> None:
    """Every mapped field is one the audit reads."""
    for field in columns:
        if field not in known:
            raise InputError(f"unknown log field `{field}` in the column mapping\nhelp: "
                             + (did_you_mean(field, known)
                                or "the fields are " + ", ".join(sorted(known))))


def read_facts(path, symbols) -> list[FactEntry]:
    """Dated facts from a YAML file: a list of `{fact: NAME, at: DATE-OR-INSTANT, app: APP}`
    (``app`` optional: every app), or a mapping `NAME: DATE`; each name a fact the agreement
    defines and each app one of its apps."""
    import yaml

    from ..usage import _marks, _parse_yaml, _Reader, _spelled, _Where, as_written, read_file

    text = read_file(path)
    try:
        node, data = _parse_yaml(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise UsageError("the facts file is not valid YAML", [Diagnostic(
            file=str(path), line=line, column=1, message="the facts file is not valid YAML",
            help="write a list of `{fact: NAME, at: DATE, app: APP}`")]) from None
    marks = _marks(node) if node is not None else {}
    where = _Where(str(path), marks, text=text)
    if isinstance(data, dict):
        data = [{"fact": k, "at": v} for k, v in data.items()]
    if not isinstance(data, list):
        raise where.error((), "the facts file must be a list of `{fact: NAME, at: DATE}`")
    facts_known = set().union(*(s.terms["fact"] for s in symbols))
    apps_known = set().union(*(s.apps for s in symbols))
    out = []
    for index, entry in enumerate(data):
        if not isinstance(entry, dict) or "fact" not in entry or "at" not in entry:
            raise where.error((index,), "a fact needs `fact:` and `at:`",
                              "write e.g. `{fact: licensor_notified, at: 2022-09-01}`")
        for key in entry:
            if key not in ("fact", "at", "app"):
                raise where.error((index, key), f"unknown fact field `{_spelled(key)}`",
                                  "the fields are fact, at, app")
        reader = _Reader(where.child(index))  # a field named as in the file: `fact`
        for field in ("fact", "app"):
            value = entry.get(field)
            if (field == "fact" or value is not None) and not isinstance(value, str):
                raise where.error((index, field), f"`{field}` must be a name, not "
                                  f"{as_written(value)}", reader.quote_help((field,), value)
                                  if isinstance(value, bool) else
                                  "write one name the agreement defines")
        name = reader.name_at(("fact",), entry["fact"])
        if name not in facts_known:
            raise where.error((index, "fact"), f"unknown fact `{name}`",
                              did_you_mean(name, facts_known)
                              or f"the agreement defines: {', '.join(sorted(facts_known))}")
        app = entry.get("app")
        if app is not None:
            app = reader.name_at(("app",), app)
            if app not in apps_known:
                raise where.error((index, "app"), f"unknown app `{app}`",
                                  did_you_mean(app, apps_known)
                                  or f"the agreement defines: {', '.join(sorted(apps_known))}")
        out.append(FactEntry(name=name, when=reader.moment(("at",), entry["at"]),
                             app=app))
    return out
