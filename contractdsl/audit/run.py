"""An agreement's Program and a log to an :class:`~.findings.Audit`: the plan run on an engine,
each distinct group of terms decided once by the evaluator, the limits summed per window."""

from __future__ import annotations

import datetime as _dt
import json
import math
import os
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Callable

import attrs

from sqlglot import exp

from .. import model as m
from ..decision import DENIED, PERMITTED, SEVERITY
from ..errors import Diagnostic, InputError, UsageError, defined_help, did_you_mean
from ..evaluation import compile as _compile, permits
from ..evaluation.decide import elsewhere_help, judge as _judge, lifted_on_provisos
from ..semantics import ir
from ..files import paths_given, read_once
from ..usage import (OFFSET_HELP, Usage, Volume, _instant_text, _shorten, amount_digits,
                     amount_help, as_written, beyond_the_microsecond)
from . import plan
from .findings import AT_ENDPOINT, App, Audit, Breach, Group, \
    Peak, Row, Series, Unjudged, Window, instant, stable_id
from .source import EPOCH, FIELDS, FactEntry, LogFile, check_cases, check_csv, check_header, \
    check_mapping, key_error, log_files, longest_line, mapping as _mapping, nearly, \
    read_facts, remove_spooled, text_line

ENGINES = ("duckdb", "spark")
# where a reader names the row it refuses (its lines of malformed JSON are counted otherwise:
# the row is not named)
READER_LINE = re.compile(r"(?:JSON transform error .*?, in line|CSV Error on Line:) (\d+)")
# where DuckDB refuses a row of JSON Lines as longer than it reads unless told (the file named)
TOO_LONG = re.compile(r'"maximum_object_size" of \d+ bytes exceeded while reading file "(.*?)"')
CHARTED = 8  # scope keys charted per limit: those with the largest peaks
# a sliding limit's rows are summed window by window without buckets first when they are at
# most a FEW-th of the log's rows (summing a row's window costs about what reading FEW rows
# does), or SOME
FEW, SOME = 64, 100_000
BUCKETS = 20_000_000  # the most buckets a sliding limit's rows are summed into
# the scopes whose keys are terms of the groups: where in a group's key (none: the licensee)
TERM_SCOPES = {(): None, ("app",): 1, ("recipient",): 5}


def moment(us: int) -> _dt.datetime:
    """An instant in UTC; past either end of the calendar, that end (a window of a row on the
    last day may end after it)."""
    return EPOCH + _dt.timedelta(microseconds=min(max(us, plan.FIRST_US), plan.LAST_US))


def micros(day: _dt.date) -> int:
    return (_dt.datetime(day.year, day.month, day.day, tzinfo=_dt.timezone.utc) - EPOCH) \
        // _dt.timedelta(microseconds=1)


def exact(value) -> Fraction:
    if value is None:
        return Fraction(0)
    return Fraction(Decimal(value)) if not isinstance(value, int) else Fraction(value)


MEMORY = "3GB"  # what the engine may hold before it spills to its temporary folder


class DuckDB:
    """The embedded engine: a connection of its own, in UTC, its memory bounded (beyond it, it
    spills to a temporary folder removed with the engine)."""

    dialect = "duckdb"
    asof = True  # sliding windows by an as-of join

    def __init__(self):
        import tempfile

        import duckdb

        self.error = duckdb.Error
        self.tick: Callable[[float], None] | None = None
        self.spill = tempfile.TemporaryDirectory(prefix="contractdsl-audit-")
        self.connection = duckdb.connect()
        self.connection.execute("SET TimeZone = 'UTC'")
        self.connection.execute(f"SET memory_limit = '{MEMORY}'")
        self.connection.execute(f"SET temp_directory = '{self.spill.name}'")
        self.connection.execute("SET enable_progress_bar = false")
        try:  # a log's groups join estimates few rows; an as-of join must not become a loop
            self.connection.execute("SET asof_loop_join_threshold = 0")
        except duckdb.Error:  # pragma: no cover - versions without the setting never loop
            pass

    def watch(self, tick: Callable[[float], None]) -> None:
        """While a query runs, call ``tick`` with the share of it done (0 to 100)."""
        self.tick = tick
        # the engine measures how far a query has come; the audit says it, not the engine
        self.connection.execute("SET enable_progress_bar = true")
        self.connection.execute("SET enable_progress_bar_print = false")

    def execute(self, sql: str) -> list[tuple]:
        """The rows of a statement; while it runs, how far it has come is told to ``tick``
        every half second."""
        if self.tick is None:
            return self.connection.execute(sql).fetchall()
        import threading

        done = threading.Event()

        def watch():
            while not done.wait(0.5):
                share = self.connection.query_progress()
                if share >= 0:
                    self.tick(share)

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        try:
            return self.connection.execute(sql).fetchall()
        finally:
            done.set()
            watcher.join()

    def fetch(self, query: exp.Expression) -> list[tuple]:
        return self.execute(query.sql(self.dialect))

    def materialize(self, name: str, query: exp.Expression) -> exp.Expression:
        """The query's rows kept as a table for the queries that read them again."""
        self.execute(f'CREATE OR REPLACE TEMP TABLE "{name}" AS ' + query.sql(self.dialect))
        return exp.select(exp.Star()).from_(exp.to_table(name, quoted=True))

    def drop(self, name: str) -> None:
        """Forget a table kept by :meth:`materialize`."""
        self.connection.execute(f'DROP TABLE IF EXISTS "{name}"')

    def columns(self, query: exp.Expression) -> dict[str, str]:
        """The columns of a query; of JSON Lines with a key of no name (`""`), which DuckDB
        cannot name a column and so reads as one map a row, its keys (read as JSON)."""
        found = self.connection.execute("DESCRIBE " + query.sql(self.dialect)).fetchall()
        columns = {name: kind for name, kind, *_ in found}
        if set(columns) - {"_loc"} == {"json"} and columns["json"].startswith("MAP(VARCHAR,"):
            keys = self.execute("SELECT DISTINCT unnest(map_keys(json)) FROM ("
                                + query.sql(self.dialect) + ")")
            columns = {"_loc": columns.get("_loc", "BIGINT")} | {k: "JSON" for (k,) in
                                                                sorted(keys)}
        return columns

    def reader(self, index: int, log: LogFile, types: dict[str, str] | None = None
               ) -> exp.Select:
        return plan.reader(index, log, types)

    def keys(self, index: int, log: LogFile, seen: list[str]) -> list[str]:
        """Every key the rows of a JSON Lines file write, as written: those of the columns
        its reader found (``seen``) first, in their order, then the others. (The reader finds
        a file's columns in a sample of its first rows: a key first written after them would
        be no column, its values unread; and it names the second of a name written both ways
        otherwise, `Requests_1`.) One pass over the file, each row's keys alone."""
        found = {key for (key,) in self.execute(
            "SELECT DISTINCT unnest(json_keys(json)) FROM " + plan.objects(log).sql(self.dialect))}
        hive = {part.partition("=")[0] for part in Path(log.path).parent.parts if "=" in part} \
            if log.hive else set()
        return [k for k in seen if k in found or k in hive] + sorted(found - set(seen))

    def close(self) -> None:
        self.connection.close()
        self.spill.cleanup()


def start(engine: str):
    """The engine of that name, started."""
    if engine == "spark":
        from .spark import Spark

        return Spark()
    return DuckDB()


class Auditor:
    """One audit: the program, the log's files, the mapping and the facts, and the engine."""

    def __init__(self, program: ir.Program, files: list[LogFile], columns: dict[str, str],
                 facts: list[FactEntry], engine, progress: Callable[[str], None] | None):
        self.program, self.files, self.facts, self.engine = program, files, facts, engine
        self.say = self.stage if progress else (lambda text: None)
        self.progress, self.doing = progress, ""
        if progress:
            engine.watch(lambda share: progress(f"{self.doing} ({share:.0f}%)"))
        units: dict[str, set[str]] = {}
        for symbols in program.symbols:
            for name, unit in symbols.unit_names.items():
                units.setdefault(unit.name, set()).add(name)
        # the keys limits count per, and the endpoint of the calls a limit `at` one binds
        scopes = sorted({key for s in program.stretches for lim in s.limits
                         for key in (*lim.keys, *("endpoint",) * (lim.endpoint is not None))
                         if key not in ("app", "recipient", "licensee")})
        self.shape = plan.Shape(units={u: frozenset(n) for u, n in sorted(units.items())},
                                scopes=tuple(scopes))
        known = set(FIELDS) | set(scopes) | {n for n in units.values() for n in n}
        check_mapping(columns, known)
        self.columns = {field: columns.get(field, field) for field in known}
        self.fields = plan.checked_fields(self.shape)
        self.types: list[dict[str, str]] = []

    def stage(self, text: str) -> None:
        """Say the stage the audit has come to (its queries then say how far they are)."""
        self.doing = text
        self.progress(text)

    # -- reading -------------------------------------------------------------------------------
    def describe(self) -> None:
        """The columns of each file and their types; a file that is empty, unreadable, not
        shaped as CSV is (:func:`.source.check_csv`, for every engine alike) or lacks a time or
        an app stops the audit."""
        for index, log in enumerate(self.files):
            self.say(f"reading {log.name}")
            if Path(log.path).stat().st_size == 0:
                raise self._error(log, 1, 1, f"the log file `{log.name}` is empty",
                                  "a log needs at least one row")
            if log.format == "csv":
                self.files[index] = log = check_csv(log)
                check_header(log, set(self.columns.values()))
            while True:
                try:
                    types = {name: kind for name, kind in
                             self.engine.columns(self.engine.reader(index, log)).items()
                             if name not in ("_loc", "file_row_number")}
                    if log.format == "json":  # read every value as text; typed below
                        # every key a row writes, as written (a key of no name is no column
                        # the audit reads: left unread)
                        types = {name: "VARCHAR" for name in
                                 self.engine.keys(index, log, list(types)) if name}
                    check_cases(log, self.columns, log.header if log.format == "csv" else types)
                    if log.format == "json":
                        types = _once(types)
                        self.engine.columns(self.engine.reader(index, log, types))
                    break
                except self.engine.error as err:
                    if not self.measured(err):
                        raise self.misread(log, err) from None
                    log = self.files[index]
            self.types.append(types)
            if log.format == "json":
                self.named_nearly(index, log, types)
            for field in ("time", "app"):
                if self.columns[field] not in types:
                    raise self.missing(log, field, types)

    def named_nearly(self, index: int, log: LogFile, types: dict[str, str]) -> None:
        """No row of a JSON Lines log writes a column the audit reads by a name nearly its
        own (`request` for `requests`) where other rows write it as it is (where none does,
        :func:`.source.check_cases` refuses the name): the row's amount would be left
        uncounted. Refused at the first such row, at the name it writes."""
        read = set(self.columns.values())
        for column in sorted(read & set(types)):
            for name in types:
                if name in read or not nearly(name, column):
                    continue
                rows = self.engine.reader(index, log, types).subquery("r")
                (loc,), = self.engine.fetch(exp.select(exp.Min(this=plan.col("_loc"))).from_(
                    rows).where(exp.and_(exp.Not(this=exp.Is(this=plan.col(name),
                                                              expression=exp.Null())),
                                         exp.Is(this=plan.col(column), expression=exp.Null()))))
                if loc is None:
                    continue
                message = f"the log names the column `{column}` also as `{name}`"
                raise key_error(log, loc % plan.FILE_ROWS, name, message, "write the name of a "
                                f"column alike in every row: the audit reads the column "
                                f"`{column}`, and would leave this row's `{name}` unread")

    def relation(self) -> exp.Select:
        """The normalised rows of every file, as the plan reads them."""
        selects = []
        for index, log in enumerate(self.files):
            try:
                selects.append(plan.file_rows(self.engine.reader(index, log, self.types[index]),
                                              self.types[index], self.columns, self.shape))
            except plan.WrongType as wrong:
                raise self.located(index * plan.FILE_ROWS + self.first_row(log), wrong.field,
                                   f"the column is of type {wrong.type}, which cannot hold "
                                   + ("a time with a zone" if wrong.field == "time"
                                      else "an amount"),
                                   "store times as timestamps with a time zone (or as text "
                                   "such as `2022-06-30T14:05:00Z`) and amounts as numbers")
        self.varying = set().union(*(select.meta["varying"] for select in selects))
        union = plan.normalised(selects, self.shape, self.fields)
        changes = [micros(day) for day in self.program.changes]
        facts = [(f.app, f.micros) for f in self.facts]
        return plan.rows(union, changes, facts)

    def measured(self, err) -> bool:
        """Whether the reader refused a row of a JSON Lines file as longer than it reads unless
        told, and the file's longest line, measured now, is told it (once: a file measured and
        refused again is refused)."""
        found = TOO_LONG.search(str(err))
        for index, log in enumerate(self.files):
            if found and log.format == "json" and log.path == found[1] and not log.longest:
                self.files[index] = attrs.evolve(log, longest=longest_line(log.path))
                return True
        return False

    def first_row(self, log: LogFile) -> int:
        return 2 if log.format == "csv" else 1

    def misread(self, log: LogFile, err) -> UsageError:
        """A file the reader cannot make out; a CSV file at the line the reader names."""
        found = READER_LINE.search(str(err)) if log.format == "csv" else None
        return self.unreadable(log, err, int(found[1]) if found else None)

    def unreadable(self, log: LogFile, err, line: int | None = None) -> UsageError:
        """A file the reader cannot read: at the line it names (shown), else at its start."""
        known, line = line is not None, line or 1
        detail = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        detail = detail.replace(f' in file "{log.path}",', "")  # named already
        detail = detail.replace(log.path, log.name)
        what = {"parquet": "a readable Parquet file", "csv": "a readable CSV file",
                "json": "a readable JSON Lines file"}[log.format]
        message = f"`{log.name}` is not {what}"
        text = text_line(log.path, line) if known else None
        return UsageError(message, [Diagnostic(
            file=log.name, line=line, column=1, message=message,
            help=f"the reader says: {detail[:200]}", source_line=text,
            width=len(text or ""))])

    def unread(self, err) -> Exception:
        """The error of a reader that fails part way through a file (a row of JSON Lines with
        a key twice, a line of CSV that is not UTF-8), which the columns read first did not
        show: at the file and the line it names (the file it names, or the one that fails
        when read alone). Any other error, as it is."""
        said = str(err)
        named = [log for log in self.files if f'"{log.path}"' in said]
        if not named and len(self.files) == 1:
            named = self.files
        for index, log in enumerate(self.files):
            if named and log not in named:
                continue
            if not named:  # each value of every column read, as the audit reads them
                try:
                    self.engine.fetch(exp.select(*[exp.Max(this=exp.Length(this=exp.cast(
                        plan.col(name), "VARCHAR"))) for name in self.types[index]]).from_(
                        self.engine.reader(index, log, self.types[index]).subquery("r")))
                    continue
                except self.engine.error as own:
                    said, err = str(own), own
            found = READER_LINE.search(said)
            if found is None:
                return self.unreadable(log, err)
            return self.unreadable(log, err, int(found[1]))
        return err

    def missing(self, log: LogFile, field: str, types: dict[str, str]) -> UsageError:
        column = self.columns[field]
        near = did_you_mean(column, types)
        mapped = "" if column == field else f" (the column mapped to `{field}`)"
        (only, *more) = list(types) or [""]
        other = next((c for c in (";", "\t", "|") if c in only), None)
        if log.format == "csv" and other and not more:
            shown = "a tab" if other == "\t" else f"`{other}`"
            near = (f"the header separates its names by {shown}: the values of a CSV log are "
                    "separated by commas")
        return self._error(log, 1, 1, f"the log has no column `{column}`{mapped}",
                           near or f"map the field to one of its columns, e.g. "
                           f"`--map {field}=COLUMN`; it has {', '.join(sorted(types)) or 'none'}")

    def _error(self, log: LogFile, line: int, column: int, message: str,
               help: str | None) -> UsageError:
        return UsageError(message, [Diagnostic(file=log.name, line=line, column=column,
                                               message=message, help=help)])

    def located(self, loc: int, field: str, message: str, help: str | None,
                code: str | None = None) -> UsageError:
        """An error at a row of the log, in the column a field is read from."""
        index, row = divmod(loc, plan.FILE_ROWS)
        log = self.files[index]
        column = self.columns.get(field, field)
        names = list(self.types[index]) if index < len(self.types) else []
        position = names.index(column) + 1 if column in names else 1
        text, width = None, 1
        if log.format in ("csv", "json"):
            text = text_line(log.path, row)
            if text is not None:
                position, width = _column_in(text, log.format, column, position)
        full = f"row {row}, column `{column}`: {message}"
        return UsageError(full, [Diagnostic(file=log.name, line=row, column=position,
                                            message=full, help=help, code=code,
                                            source_line=text, width=width)])

    def value_at(self, loc: int, field: str):
        """The value as the log holds it at a row, for the message."""
        index = loc // plan.FILE_ROWS
        log = self.files[index]
        types = self.types[index]
        column = self.columns.get(field, field)
        query = exp.select(plan.col(column)).from_(
            self.engine.reader(index, log, types if log.format == "json" else None)
            .subquery("r")) \
            .where(exp.EQ(this=plan.col("_loc"), expression=plan.lit(loc)))
        found = self.engine.fetch(query)
        return found[0][0] if found else None

    # -- checking --------------------------------------------------------------------------
    def survey(self, relation: exp.Select) -> list[Cell]:
        """One pass over the rows: every file has rows; every time, app and amount is good;
        every name is defined. Gives the rows summed per cell (file, group, unit, month)."""
        self.say("reading and checking the rows")
        # only what varies is summed and checked: a unit no file has sums to 0, a flag no
        # file raises flags nothing
        flags = [f for f in plan.flag_columns(self.fields) if f in self.varying]
        units = [u for u in self.shape.units if plan.unit_column(u) in self.varying]
        largest = [u for u in self.calendar_units() if u in units]
        nkey = len(plan.GROUP_KEY) + len(plan.fact_columns(self.facts))
        cells = []
        for record in self.engine.fetch(plan.survey(relation, self.facts, self.shape, units,
                                                    flags, largest)):
            file, *rest = record
            key, (unit, month, count, loc, first, last), rest = \
                tuple(rest[:nkey]), rest[nkey:nkey + 6], rest[nkey + 6:]
            totals, rest = dict(zip(units, rest[:len(units)])), rest[len(units):]
            raised, rest = dict(zip(flags, rest[:len(flags)])), rest[len(flags):]
            heaviest = {}  # unit -> the largest row: (amount, -loc, us)
            for unit_ in largest:
                if unit_ in self.shape.whole:
                    (found, at), rest = rest[:2], rest[2:]
                    amount, place = plan.unranked(found)
                    heaviest[unit_] = (amount, place - plan.PLACES + 1, at)
                else:
                    heaviest[unit_], rest = _pair(rest[0]), rest[1:]
            cells.append(Cell(
                file=file, key=key, unit=unit, month=month, rows=count, loc=loc,
                first=plan.unranked(first), last=last,
                totals=tuple(totals.get(u, 0) for u in self.shape.units),
                flags={f: raised.get(f) for f in plan.flag_columns(self.fields)},
                largest=heaviest))
        for field in self.fields:
            loc = _least(c.flags[f"bad:{field}"] for c in cells)
            if loc is not None:
                raise self.bad_value(loc, field)
        seen = {c.file for c in cells}
        for index, log in enumerate(self.files):
            if index not in seen:
                raise self._error(log, 1, 1, f"the log file `{log.name}` has no rows",
                                  "a log needs at least one row")
        for position, field in enumerate((*plan.TERMS, "unit")):
            names: dict[tuple, int] = {}
            for cell in cells:
                name = cell.unit if field == "unit" else cell.key[1 + position]
                if name is not None:
                    at = (cell.key[0], name)
                    names[at] = min(names.get(at, cell.loc), cell.loc)
            for (stretch, name), loc in sorted(names.items(), key=lambda item: item[1]):
                self.check_name(stretch, field, name, loc)
        return cells

    def whole(self, cells: list[Cell] | None = None) -> frozenset[str]:
        """The units whose amounts are all whole numbers in this log: every column read for
        them is of an integer type or (once ``cells`` are known) holds no fraction."""
        if cells is None:
            fractional = {field for field in self.fields[1:] for types in self.types
                          if self.columns[field] in types
                          and not plan.whole_type(types[self.columns[field]])}
        else:
            fractional = {field for field in self.fields[1:]
                          if _least(c.flags[f"frac:{field}"] for c in cells) is not None}
        return frozenset(unit for unit, names in self.shape.units.items()
                         if not fractional & (set(names) | {"amount"}))

    def bad_value(self, loc: int, field: str) -> UsageError:
        value = self.value_at(loc, field)
        if field == "time":
            if value is None:
                return self.located(loc, field, "the row has no time",
                                    "every row needs the time of the call")
            index = loc // plan.FILE_ROWS
            typed = self.types[index][self.columns["time"]].upper() not in plan.TEXT
            offset = _bad_offset(value) if not typed else None
            if offset is not None:
                return self.located(loc, field, f"`{_shorten(value)}` has the offset `{offset}`, "
                                    "which is not from `-23:59` to `+23:59`", OFFSET_HELP,
                                    code="bad-date")
            beyond = None if typed or not re.fullmatch(
                plan.DATE_TIME + r"([Zz]|[+-]\d{2}(:?\d{2})?)?", str(value).strip(),
                flags=re.ASCII) else beyond_the_microsecond(value)
            if beyond is not None:
                return self.located(loc, field, *beyond, code="bad-date")
            if typed or _outside_calendar(value):
                return self.located(loc, field,
                                    f"`{_shorten(value)}` is outside the calendar in UTC",
                                    "dates run from 0001-01-01 to 9999-12-31 (UTC)",
                                    code="bad-date")
            return self.located(loc, field,
                                f"`{_shorten(value)}` is not a time with a time zone",
                                "write a time as `2022-06-30T14:05:00Z` or with an offset "
                                "such as `+02:00`", code="bad-date")
        number = _number(value)
        if number is not None and number >= 0:
            if (Fraction(number) * 10 ** 9).denominator != 1:
                return self.located(loc, field, f"`{_shorten(value)}` has more than nine "
                                    "decimal places", PLACES_HELP)
            return self.located(loc, field, f"`{_shorten(value)}` is too large an amount",
                                "the audit sums amounts below 100,000,000,000,000,000,000,000,"
                                "000,000 (10^29) exactly: write the amount in a larger unit")
        return self.located(loc, field, f"`{_shorten(value)}` is not an amount", amount_help(
            str(value), "write a number of zero or more, such as `1500`"))

    def check_name(self, stretch: int, field: str, name: str, loc: int) -> None:
        index = self.program.stretches[stretch].version_index
        tables = [self.program.symbols[index]] if index is not None else self.program.symbols
        if field == "unit":
            defined = set().union(*(s.unit_names for s in tables))
        elif field == "app":
            defined = set().union(*(s.apps for s in tables))
        elif field == "tier":
            defined = set().union(*(s.tiers for s in tables))
        else:
            defined = set().union(*(s.terms[field] for s in tables))
        if name == "":  # blank once its padding is off (an empty field in CSV: none stated)
            raise self.empty(loc, field, f"write a name the agreement defines, or no value at "
                             f"all (`null` in JSON Lines) for a row that states no {field}")
        if name not in defined:  # (a name another text defines: from when, as permits says)
            helped = elsewhere_help(self.program, stretch)
            raise self.located(loc, field, f"unknown {field} `{_shorten(name)}`",
                               helped(name, sorted(defined), field))
        earning = next((rule for rule in self.program.stretches[stretch].earning
                        if field == "tier" and rule.tier == name), None)
        if earning is not None:
            raise self.located(loc, field, f"tier `{name}` is earned by what the licensee has "
                               "paid, which a log does not state, so the audit cannot tell "
                               "whether the row's licensee had it",
                               "decide the usages of that tier with `contractdsl permits`, "
                               "stating their `payments`")

    # -- deciding ----------------------------------------------------------------------------
    def decide(self, cells: list[Cell]):
        """Each group of terms (its cells merged) decided once by the evaluator; and for each
        limit that applies to some group, the keys of those groups."""
        merged: dict[tuple, list] = {}
        for cell in cells:
            found = merged.get(cell.key)
            if found is None:
                merged[cell.key] = [cell.rows, cell.first, cell.last, list(cell.totals)]
            else:
                found[0] += cell.rows
                found[1] = min(found[1], cell.first)
                found[2] = max(found[2], cell.last)
                found[3] = [a + b for a, b in zip(found[3], cell.totals)]
        self.say(f"deciding {len(merged):,} group(s) of terms")
        units = list(self.shape.units)
        groups, limits = [], {}
        self.usages = {}  # key -> the usage of its group, and the facts in force for it
        for key in sorted(merged, key=_ordered):
            count, (first, loc), last, totals = merged[key]
            stretch, app, action, data, purpose, recipient, tier = key[:len(plan.GROUP_KEY)]
            masks = key[len(plan.GROUP_KEY):]
            held = self.held(app, masks)
            usage = Usage(app=app, action=action, data=data, purpose=purpose,
                          recipients=(recipient,) if recipient is not None else (), tier=tier,
                          start=moment(first), end=moment(last),
                          facts=tuple((f.name, f.when) for f in held), origin=_Row(self, loc))
            self.usages[key] = (usage, held)
            # traced, the evaluator lists the limits of a group even once its terms are denied
            # (a limit lifted on provisos the group keeps does not bind it)
            judged = _judge(self.program, stretch, usage, trace=True)
            lifted = lifted_on_provisos(judged, usage) if judged.provided else ()
            binding = [lim for lim in judged.limits if id(lim) not in lifted]
            for lim in binding:
                limits.setdefault(lim, []).append(key)
            spent = self.spent(stretch, binding, dict(zip(units, totals)))
            decision = permits(self.program, attrs.evolve(usage, volume=spent) if spent
                               else usage)
            span = self.program.stretches[stretch]
            facts = tuple((f.name, f.when.isoformat()) for f in held)
            group = Group(
                id=stable_id("G", span.start, app, action, data, purpose, recipient, tier,
                             facts),
                app=app, action=action, data=data, purpose=purpose, recipient=recipient,
                tier=tier, facts=facts, first=moment(first), last=moment(last), rows=count,
                first_row=self.row(loc, first), totals=tuple(
                    (u, exact(t)) for u, t in zip(units, totals) if t),
                outcome=decision.outcome,
                reasons=tuple(r.to_dict() for r in decision.reasons),
                obligations=tuple(d.to_dict() for d in decision.obligations),
                missing=tuple(map(str, decision.missing)))
            groups.append(group)
        return groups, limits

    def spent(self, stretch: int, limits: list[ir.LimitRule], totals: dict) -> tuple:
        """What a group's rows spent in a currency that no limit binding it counts, where an
        allowance in money binds it: the usage built from the group states it, a total over
        its time, and the evaluator judges it (docs/semantics.md, section 20: no rate of
        exchange is assumed, so spending in another currency than an allowance's leaves the
        usage undetermined). The windows sum the rows in each limit's own unit alone."""
        index = self.program.stretches[stretch].version_index
        names = self.program.symbols[-1 if index is None else index].unit_names

        def money(unit: str) -> bool:
            found = names.get(unit)
            return found is not None and found.dimension == "money"
        counted = {lim.unit for lim in limits}
        if not any(money(unit) for unit in counted):
            return ()
        return tuple(Volume(amount=exact(total), unit=unit) for unit, total in totals.items()
                     if total and money(unit) and unit not in counted)

    def binds(self, lim: ir.LimitRule, key: tuple, index: int) -> bool:
        """Whether ``lim`` binds the terms of the group ``key`` in stretch ``index`` (on its
        first day, with the group's facts that hold by then), as the evaluator judges a usage
        of them there: it may not, though in force, where an exception lifts it for them on
        those days only."""
        usage, held = self.usages[key]
        start = micros(self.program.stretches[index].start)
        day = moment(start)
        usage = attrs.evolve(usage, start=day, end=day, facts=tuple(
            (f.name, f.when) for f in held if f.micros <= start))
        judged = _judge(self.program, index, usage, trace=True)
        lifted = lifted_on_provisos(judged, usage) if judged.provided else ()
        return any(item == lim and id(item) not in lifted for item in judged.limits)

    def held(self, app, masks) -> list[FactEntry]:
        """The facts in force for a group: the latest of each name (the licensee's end cuts
        groups, and is no fact a usage states)."""
        latest: dict[str, FactEntry] = {}
        for k, entry in enumerate(self.facts):
            if entry.name == m.TERMINATION:
                continue
            if masks[k // 62] >> (k % 62) & 1:
                if entry.name not in latest or entry.micros >= latest[entry.name].micros:
                    latest[entry.name] = entry
        return sorted(latest.values(), key=lambda f: f.name)

    def row(self, loc: int, us: int, amount=None) -> Row:
        index, number = divmod(loc, plan.FILE_ROWS)
        return Row(file=self.files[index].name, row=number, time=moment(us),
                   amount=None if amount is None else exact(amount))

    # -- limits ----------------------------------------------------------------------------
    def few(self, relation, limits: list[tuple], cells: list[Cell]):
        """The rows of the groups of every sliding limit (each run of ``limits``: see
        :meth:`audit`) whose rows are few (see :meth:`grid`), read from
        the log in one pass and kept, with the columns those limits read. None when no
        limit's rows are few."""
        few = {(lim, tuple(keys)): keys for lim, _, keys, _ in limits if lim.basis not in (
            "each", "concurrent", "total") and not lim.window.calendar
            and self.grid(lim, keys, cells)[1]}
        if not few:
            return None
        chosen = sorted({key for keys in few.values() for key in keys}, key=_ordered)
        others = sorted({c.key for c in cells} - set(chosen), key=_ordered)
        read = {"_us", "_loc", *plan.GROUP_KEY, *plan.fact_columns(self.facts)}
        read |= {plan.scope_column(key) for lim, _ in few for key in lim.keys
                 if key != "licensee"}
        read |= {plan.scope_column("endpoint") for lim, _ in few if lim.endpoints is not None}
        read |= {plan.unit_column(lim.unit) for lim, _ in few}
        self.say("reading the rows of the limits with few rows")
        kept = exp.select(*[plan.col(c) for c in sorted(read)]).from_(
            plan.applying(relation, chosen, others, self.facts).subquery("f"))
        return Few(rows=self.engine.materialize("few", kept), keys=tuple(chosen),
                   limits=frozenset(few))

    def limit(self, relation, lim: ir.LimitRule, keys: list[tuple], cells: list[Cell],
              few: Few | None = None, written: ir.LimitRule | None = None,
              since: _dt.date | None = None):
        """The peak per scope key, and every window over the allowance, of one limit (its
        rows read from ``few`` when they are few). ``written``: the limit as the agreement
        writes it, where ``lim`` counts it per app (:meth:`per_app`); its windows are then
        its holders' at least, and an app's peak within it shows nothing of its holder's.
        ``since``: the first day of the run of the limit that ``keys`` are of, after its
        first (see :func:`_runs`), which tells its windows' ids apart."""
        written = written or lim
        held = " and ".join(k for k in written.keys if k not in lim.keys) or None
        self.say(f"summing {lim.clause} per window")
        chosen = set(keys)
        if few is not None and (lim, tuple(keys)) in few.limits:
            relation = few.rows
            others = [k for k in few.keys if k not in chosen]
        else:
            others = sorted({c.key for c in cells if c.key not in chosen}, key=_ordered)
        rows = plan.applying(relation, keys, others, self.facts)
        if lim.endpoints is not None:
            rows = self.at_endpoint(rows, lim)
        # one licensee per log: its key is the log's
        scope = tuple(key for key in lim.keys if key != "licensee")
        # the keys of the log's own (rows without app or recipient are counted together, as a
        # usage that names none): a row without one stops the audit
        own = tuple(key for key in scope if key in self.shape.scopes)
        words = self.limit_words(written)
        text = _limit_text(written, words)
        peaks, windows = [], []
        if lim.basis == "total":  # a cap in total: the whole log, summed month by month
            points, period = {}, "the running total at the end of each calendar month"
            months: dict = {}
            found = self.engine.fetch(plan.calendar_windows(rows, scope, lim.unit, "month"))
            self.scoped(lim, own, [r[5:] for r in found])
            for key, start, total, first, largest, *_ in found:
                months.setdefault(key, []).append((start, exact(total), first, largest))
            for key, found in sorted(months.items(), key=lambda item: str(item[0])):
                found.sort(key=lambda month: month[0])
                running = Fraction(0)
                for start, total, _, _ in found:
                    running += total
                    points.setdefault(key, []).append((moment(start).strftime("%Y-%m"),
                                                       running))
                start, end = found[0][0], _next_period(found[-1][0], "month")
                peaks.append((key, start, end, running))
                if running > lim.amount:
                    largest = max((m[3] for m in found), key=_pair)
                    windows.append((key, start, end, running, 1, None, None,
                                    self.first_and_largest(plan.unranked(found[0][2]),
                                                           largest)))
        elif lim.window.calendar:
            label = "%Y-%m" if lim.window.unit == "month" else "%Y"
            points: dict = {}
            best: dict = {}
            if scope in TERM_SCOPES and lim.endpoints is None:
                # a term of the groups: the survey's months summed up
                found = self.calendar(cells, keys, scope, lim)
            else:  # keys of the log's own: summed from its rows
                found = self.engine.fetch(plan.calendar_windows(rows, scope, lim.unit,
                                                                lim.window.unit))
                self.scoped(lim, own, [r[5:] for r in found])
                found = [(key, start, total, plan.unranked(first), largest)
                         for key, start, total, first, largest, *_ in found]
            for key, start, total, first, largest in sorted(found,
                                                            key=lambda r: (str(r[0]), r[1])):
                total = exact(total)
                points.setdefault(key, []).append((moment(start).strftime(label), total))
                end = _next_period(start, lim.window.unit)
                if key not in best or total > best[key][1]:
                    best[key] = (start, total, end)
                if total > lim.amount:
                    windows.append((key, start, end, total, None, None, None,
                                    self.first_and_largest(first, largest)))
            peaks = [(key, start, end, total) for key, (start, total, end) in best.items()]
        else:
            width = lim.window.seconds * 1_000_000
            grid, few = self.grid(lim, keys, cells)
            keyed = plan.keyed_rows(rows, scope, lim.unit)
            every = self.engine.materialize("rows", keyed) if few else keyed
            missing = tuple(f"none:{key}" for key in own)
            buckets = self.engine.materialize("buckets", plan.buckets(every, grid, missing))
            if missing:
                self.scoped(lim, own, self.engine.fetch(exp.select(
                    *[exp.Min(this=plan.col(m)) for m in missing]).from_(buckets.subquery("b"))))
            sums = self.engine.materialize("sums", plan.bucket_sums(
                buckets, grid, asof=self.engine.asof))
            bounds = self.engine.materialize("bounds", plan.bounds(
                sums, grid, lim.amount, every=few))
            self.engine.drop("sums")
            needed = self.engine.materialize("needed", plan.needed_rows(every, grid, bounds))
            self.engine.drop("rows")
            summaries = self.engine.materialize("summaries", plan.summaries(
                plan.sliding_windows(needed, bounds, grid), lim.amount, bounds))
            for key, peak in self.engine.fetch(plan.peaks(summaries)):
                total, negative_start = _pair(peak)
                peaks.append((key, -negative_start, -negative_start + width, exact(total)))
            found = self.engine.materialize("runs", plan.runs(summaries, width))
            over = sorted(self.engine.fetch(found), key=lambda w: (str(w[0]), w[4]))
            charted = [p[0] for p in sorted(peaks, key=lambda p: (-p[3], str(p[0])))[:CHARTED]]
            points = {}
            if charted:
                for key, day, total in sorted(
                        self.engine.fetch(plan.periods(buckets, grid, charted)),
                        key=lambda r: (str(r[0]), r[1])):
                    points.setdefault(key, []).append((moment(day).strftime("%Y-%m-%d"),
                                                       exact(total)))
            rows_of = {}
            if over:
                rows_of = {(key, start): self.first_and_largest(plan.unranked(first),
                                                                plan.unheavy(largest, at))
                           for key, start, first, largest, at in self.engine.fetch(
                               plan.located(needed, bounds, grid, found))}
            for name in ("needed", "buckets", "bounds", "summaries", "runs"):
                self.engine.drop(name)
            windows = [(key, start, start + width, exact(total), calls, first, last + width,
                        rows_of[key, start])
                       for key, first, last, calls, start, total in over]

        def said(key):  # the values of a compound key, apart
            return plan.compound_key(key, len(scope)) if len(scope) > 1 else key

        out_windows = []
        for key, start, end, total, calls, run_from, run_until, (first, largest) in windows:
            key = said(key)
            out_windows.append(Window(
                id=stable_id("W", lim.clause, text, key, start, *filter(None, (since,))),
                clause=lim.clause,
                title=lim.title, limit=text, scope=lim.scope, key=key, start=moment(start),
                end=moment(end), amount=total, allowance=lim.amount, unit=lim.stated_unit,
                words=words, calls=calls,
                run_from=moment(run_from) if run_from is not None else None,
                run_until=moment(run_until) if run_until is not None else None,
                first_row=first, largest_row=largest, held_by=held))
        out_peaks = [Peak(clause=lim.clause, limit=text, scope=lim.scope, key=said(key),
                          start=moment(start), end=moment(end), amount=total,
                          allowance=lim.amount, unit=lim.stated_unit)
                     for key, start, end, total in sorted(peaks, key=lambda p: _ordered((p[0],)))]
        if lim.basis != "total":
            period = ("calendar " + lim.window.unit) if lim.window.calendar else \
                _periods(lim.window)
        ranked = sorted(out_peaks, key=lambda p: (-p.amount, str(p.key)))[:CHARTED]
        points = {said(key): found for key, found in points.items()}
        series = [Series(clause=lim.clause, limit=text, scope=lim.scope, key=p.key,
                         unit=lim.stated_unit, allowance=lim.amount, period=period,
                         points=tuple(points.get(p.key, ())), held_by=held) for p in ranked]
        return out_peaks if held is None else [], out_windows, series

    def at_endpoint(self, rows, lim: ir.LimitRule):
        """The rows of the calls a limit `at` an endpoint binds: every row it may bind says
        which endpoint it calls, one the agreement declares."""
        loc = self.engine.fetch(plan.first_without(rows, "endpoint"))[0][0]
        if loc is not None:
            self.blank(loc, "endpoint", f"write the endpoint the row calls: {_cite(lim)} "
                       f"binds the calls of `{lim.endpoint}` alone")
            raise self.located(loc, "endpoint", "the row does not say which endpoint it "
                               f"calls, and {_cite(lim)} binds the calls of `{lim.endpoint}` "
                               "alone", "add the column `endpoint`, or map it with "
                               "`--map endpoint=COLUMN`")
        declared = set().union(*(s.terms["endpoint"] for s in self.program.symbols))
        unknown = sorted(self.engine.fetch(plan.endpoints_of(rows, declared)),
                         key=lambda found: found[1])
        if unknown:
            name, loc = unknown[0]
            raise self.located(loc, "endpoint", f"unknown endpoint `{name}`",
                               defined_help(name, declared, "endpoint"))
        return plan.at_endpoints(rows, lim.endpoints)

    def scoped(self, lim: ir.LimitRule, own: tuple[str, ...], found: list) -> None:
        """Stop at the first row without a key of the log's own that a limit counts per:
        ``found`` lists, per part of its rows, the first row without each of ``own``."""
        for index, key in enumerate(own):
            loc = _least(part[index] for part in found)
            if loc is not None:
                self.blank(loc, key, f"write the row's {key}, which {_cite(lim)} counts "
                           "per")
                raise self.located(loc, key, f"the row has no `{key}`, which "
                                   f"{_cite(lim)} counts per",
                                   f"add the column `{key}`, or map it with "
                                   f"`--map {key}=COLUMN`")

    def blank(self, loc: int, field: str, help: str) -> None:
        """Refuse a row's value of ``field`` (an endpoint, a scope's key) that is blank once
        its blanks are off, as a usage file refuses `endpoint: " "` (an empty CSV field is no
        value, the row states none: the caller says so)."""
        if self.value_at(loc, field) is not None:
            raise self.empty(loc, field, help)

    def empty(self, loc: int, field: str, help: str) -> UsageError:
        """The error of a row's name of ``field`` that is blank once its blanks are off, in the
        usage file's words."""
        return self.located(loc, field, f"`{field}` must be a name, not {as_written('')}", help)

    def calendar_units(self) -> set[str]:
        """The units of the calendar limits whose periods the survey's months sum up (those
        counted per app, per recipient or for the licensee)."""
        return {lim.unit for stretch in self.program.stretches for written in stretch.limits
                for lim in (written, self.per_app(written)) if lim is not None
                and lim.window is not None and lim.window.calendar
                and tuple(k for k in lim.keys if k != "licensee") in TERM_SCOPES
                and lim.endpoints is None}

    def calendar(self, cells: list[Cell], keys: list[tuple], scope: tuple[str, ...],
                 lim: ir.LimitRule) -> list[tuple]:
        """A calendar limit's amount per scope key and period, with each period's first row
        (as :func:`.plan.first_of`) and largest (as :func:`.plan.largest_of`), from the cells
        of the groups it applies to: each cell is one month of a group."""
        chosen = set(keys)
        at = TERM_SCOPES[scope]
        index = list(self.shape.units).index(lim.unit)
        found: dict[tuple, list] = {}
        for cell in cells:
            if cell.key not in chosen:
                continue
            start = cell.month if lim.window.unit == "month" else \
                micros(_dt.date(moment(cell.month).year, 1, 1))
            period = found.setdefault((None if at is None else cell.key[at], start),
                                      [0, cell.first, cell.largest.get(lim.unit)])
            period[0] += cell.totals[index]
            period[1] = min(period[1], cell.first)
            if cell.largest.get(lim.unit) is not None:
                period[2] = max(period[2], cell.largest[lim.unit])
        return [(key, start, total, first, largest)
                for (key, start), (total, first, largest) in found.items()]

    def grid(self, lim: ir.LimitRule, keys: list[tuple], cells: list[Cell]
             ) -> tuple[plan.Grid, bool]:
        """How a sliding limit's rows are bucketed, and whether they are few enough for every
        window to be summed exactly (fewer than what reading the log again costs: a
        ``FEW``-th of its rows). Buckets narrow enough that a bucket's rows are a small part
        of a window's (about half the square root of the rows in a window of the busiest
        key, as many as the rows vary from window to window when they come at
        random) let the bounds decide most buckets; never more than ``BUCKETS`` buckets in
        all."""
        width = lim.window.seconds * 1_000_000
        chosen = set(keys)
        mine = [c for c in cells if c.key in chosen]
        first = min(c.first[0] for c in mine)
        rows = sum(c.rows for c in mine)
        origin = first // width * width
        whole = lim.unit in self.shape.whole
        if rows <= max(SOME, sum(c.rows for c in cells) // FEW):
            return plan.Grid(window=width, per=2, origin=origin, whole=whole), True
        span = max(max(c.last for c in mine) - first, width)
        scope = tuple(k for k in lim.keys if k != "licensee")
        if scope in TERM_SCOPES:  # the keys are terms of the groups
            at = TERM_SCOPES[scope]
            per_key: dict = {}
            for cell in mine:
                key = None if at is None else cell.key[at]
                per_key[key] = per_key.get(key, 0) + cell.rows
            busiest, keys_ = max(per_key.values()), len(per_key)
        else:  # a key of the log's own: as if all rows had one
            busiest, keys_ = rows, 1
        in_window = busiest * width / span
        wanted = max(2, min(math.ceil(math.sqrt(in_window) / 2),
                            BUCKETS * width // (keys_ * span)))
        per = next(n for n in range(wanted, 1, -1) if width % n == 0)
        return plan.Grid(window=width, per=per, origin=origin, whole=whole), False

    def first_and_largest(self, first, largest) -> tuple[Row, Row]:
        """A window's first row and its largest, from ``(us, loc)`` and ``(amount, -loc,
        us)``."""
        first_us, first_loc = first
        amount, negative_loc, largest_us = _pair(largest)
        return self.row(first_loc, first_us), self.row(-negative_loc, largest_us, amount)

    # -- per app -----------------------------------------------------------------------------
    def apps(self, cells, groups, windows, breaches, unseen: set, partly: set) -> list[App]:
        """The disclosure per app: its use in total, per kind of use and per month, what it
        retrieved, holds and stored, its purposes against those approved, its recipients,
        the facts stated for it, its findings and the limits on its rows not judged
        (``unseen``: pairs of app and clause; ``partly``: those judged on each app's rows)."""
        units = list(self.shape.units)
        summed: dict = {}
        for cell in cells:
            if cell.month is not None:
                for unit, total in zip(units, cell.totals):
                    at = (cell.key[1], cell.month, cell.key[2], unit)
                    summed[at] = summed.get(at, 0) + total
        monthly: dict = {}
        for (app, month, action, unit), total in sorted(summed.items(),
                                                        key=lambda i: _ordered(i[0])):
            if total:
                monthly.setdefault(app, []).append((moment(month).strftime("%Y-%m"), action,
                                                    unit, exact(total)))
        deletions = {duty.shown_by for s in self.program.symbols
                     for name, duty in s.terms["duty"].items()
                     if name.startswith("delete") and duty.shown_by}
        out = []
        symbols = self.program.symbols[-1]
        for app in sorted({g.app for g in groups}, key=lambda a: (a is not None, a or "")):
            mine = [g for g in groups if g.app == app]
            outcome = PERMITTED
            for group in mine:
                if SEVERITY[group.outcome] > SEVERITY[outcome]:
                    outcome = group.outcome
            own = [w for w in windows if w.of_app(app)]
            if own:
                outcome = DENIED
            named = symbols.apps.get(app)
            stated = sorted((f for f in self.facts if f.app in (None, app)
                             and f.name != m.TERMINATION), key=lambda f: (f.micros, f.name))
            deleted = [f for f in stated if f.name in deletions]
            since = moment(deleted[-1].micros) if deleted else None
            retrieved = [g for g in mine if self.is_a(g.action, "read")]
            approved = symbols.approved_purposes(app) if named else frozenset()
            purposes = sorted({g.purpose for g in mine if g.purpose})
            out.append(App(
                id=stable_id("A", app), app=app, title=named.title if named else None,
                rows=sum(g.rows for g in mine), first=min(g.first for g in mine),
                last=max(g.last for g in mine), totals=_summed(mine),
                monthly=tuple(monthly.get(app, ())),
                uses=tuple((action, data, recipient, unit, amount) for (action, data, recipient),
                           totals in _by(mine, lambda g: (g.action, g.data, g.recipient))
                           for unit, amount in totals),
                retrieved=_summed(retrieved),
                stored=_summed(g for g in mine if self.is_a(g.action, "store")),
                held=_summed(g for g in retrieved if since is None or g.first >= since),
                deleted=(deleted[-1].name, instant(since)) if deleted else None,
                facts=tuple((f.name, instant(moment(f.micros))) for f in stated),
                purposes=tuple(purposes), approved=tuple(sorted(named.approved)) if named else (),
                unapproved=tuple(p for p in purposes if p not in approved),
                recipients=tuple(sorted({g.recipient for g in mine if g.recipient})),
                outcome=outcome,
                findings=tuple([g.id for g in mine if g.outcome != PERMITTED]
                               + [w.id for w in own]
                               + [b.id for b in breaches if b.app == app]),
                unjudged=tuple(sorted(c for a, c in unseen if a == app)),
                described=tuple((unit, self.unit_words(unit)) for unit in dict.fromkeys(
                    [u for u, _ in _summed(mine)]
                    + [u for _, _, u, _ in monthly.get(app, ())])),
                partly=tuple(sorted(c for a, c in unseen if a == app and c in partly))))
        return out

    def unit_words(self, unit: str) -> str:
        """A unit's words (see :meth:`~.symbols.SymbolTable.unit_words`) in the latest
        version that defines it."""
        return next((s.unit_words(unit) for s in reversed(self.program.symbols)
                     if unit in s.unit_names), unit)

    def limit_words(self, lim: ir.LimitRule) -> str:
        """The words of a limit's unit in the latest version that states the limit, as its
        decisions say them."""
        return next((self.program.symbols[s.version_index].unit_words(lim.stated_unit)
                     for s in reversed(self.program.stretches)
                     if s.version_index is not None and lim in s.limits),
                    self.unit_words(lim.stated_unit))

    def is_a(self, action: str | None, kind: str) -> bool:
        """Whether an action is ``kind`` or falls under it, in some version."""
        return any(s.under("action", action, kind) for s in self.program.symbols)

    # -- all ------------------------------------------------------------------------------------
    def run(self) -> Audit:
        self.describe()
        while True:
            try:
                return self.audit()
            except self.engine.error as err:
                if not self.measured(err):
                    raise self.unread(err) from None

    def audit(self) -> Audit:
        self.shape = attrs.evolve(self.shape, whole=self.whole())
        relation = self.relation()
        cells = self.survey(relation)
        whole = self.whole(cells)
        if whole != self.shape.whole:  # whole numbers written as text or decimals
            self.shape = attrs.evolve(self.shape, whole=whole)
            relation = self.relation()
        groups, applying = self.decide(cells)
        unjudged = self.unjudged(cells, set(applying))
        lacking = {u.clause for u in unjudged if u.column is not None}
        # per app, the limits on its rows not judged for want of a column
        unseen = {(key[1], lim.clause) for lim, keys in applying.items()
                  if lim.clause in lacking for key in keys}
        # a row is one time, maybe a batch: a log shows neither what one call carried nor how
        # many ran at once; nor what a column it lacks would say, unless the column is of a
        # scope holding apps: then each app's rows are counted alone (as written: ``written``)
        # each run of a limit: as counted, as written, the keys of its groups, from when
        limits = []
        for lim, keys, since in _runs(self.program, applying, self.binds):
            if lim.basis not in ("each", "concurrent"):
                counted = lim if self.lacks(lim) is None else self.per_app(lim)
                if counted is not None:
                    limits.append((counted, lim, keys, since))
        peaks, windows, series = [], [], []
        few = self.few(relation, limits, cells)
        for lim, written, keys, since in limits:
            p, w, c = self.limit(relation, lim, keys, cells, few, written, since)
            peaks += p
            windows += w
            series += c
        if few is not None:
            self.engine.drop("few")
        breaches = []
        for group in groups:
            for duty in group.obligations:
                if duty["status"] == "breached":
                    breaches.append(Breach(
                        id=stable_id("D", duty["clause"], duty["text"], group.id),
                        clause=duty["clause"], title=duty["title"], duty=duty["text"],
                        status=duty["status"], group=group.id, app=group.app,
                        terms=group.terms(), first=group.first, last=group.last,
                        rows=group.rows, first_row=group.first_row))
        return Audit(
            title=self.program.title, logs=tuple(f.name for f in self.files),
            rows=sum(g.rows for g in groups), first=min((g.first for g in groups), default=None),
            last=max((g.last for g in groups), default=None), groups=tuple(groups),
            windows=tuple(windows), breaches=tuple(breaches), peaks=tuple(peaks),
            apps=tuple(self.apps(cells, groups, windows, breaches, unseen,
                                 {u.clause for u in unjudged if u.per_app})),
            series=tuple(series),
            unjudged=unjudged)

    def per_app(self, lim: ir.LimitRule) -> ir.LimitRule | None:
        """A limit per a scope holding apps (`per project`) whose column the log lacks,
        counted per app instead: each app belongs to one value of the scope, so an app's own
        rows are a lower bound of its holder's, and a window where they exceed the limit is
        one where the holder does. None when the log lacks another column it is counted by."""
        missing = [field for field in _needed(lim)
                   if not any(self.columns[field] in types for types in self.types)]
        if not missing or not set(missing) <= set(lim.holders):
            return None
        keys = tuple(dict.fromkeys("app" if key in missing else key for key in lim.keys))
        return attrs.evolve(lim, keys=keys, scope=" and ".join(keys), holders=())

    def lacks(self, lim: ir.LimitRule) -> str | None:
        """The column a limit is counted by that no file of the log has, if any: for a limit
        `at` an endpoint, the endpoint each row calls; per a scope of the log's own (`user`,
        `project`, `recipient entity`), each row's key of it."""
        return next((field for field in _needed(lim)
                     if not any(self.columns[field] in types for types in self.types)), None)

    def unjudged(self, cells: list[Cell], applying: set) -> tuple[Unjudged, ...]:
        """The money clauses and the caps per request or at once in force in the stretches
        the log's rows fall in, and the limits ``applying`` to some of its rows at an
        endpoint or per a scope of the log's own where the log has no column of endpoints or
        of that scope's keys: the audit does not judge them."""
        found: dict[str, Unjudged] = {}
        for index in sorted({cell.key[0] for cell in cells}):
            stretch = self.program.stretches[index]
            for item in stretch.money:
                if isinstance(item, ir.PriceRule):
                    continue  # (owed for subscribing to a tier, not for what the rows do)
                kind = ("liability cap" if isinstance(item, ir.CapRule) else "late charge"
                        if isinstance(item, ir.ChargeRule) else "fee")
                found.setdefault(item.clause, Unjudged(clause=item.clause, title=item.title,
                                                       kind=kind))
            for lim in stretch.limits:
                if lim.basis in ("each", "concurrent"):
                    kind = "cap per request" if lim.basis == "each" else "cap at once"
                    found.setdefault(lim.clause, Unjudged(clause=lim.clause, title=lim.title,
                                                          kind=kind))
                elif lim in applying and (column := self.lacks(lim)) is not None:
                    found.setdefault(lim.clause, Unjudged(
                        clause=lim.clause, title=lim.title, column=column,
                        per_app=self.per_app(lim) is not None,
                        kind=AT_ENDPOINT if column == "endpoint" and lim.endpoints is not None
                        else f"limit per {column}"))
        return tuple(found.values())


class _Row:
    """Where the usage of a group of rows is read from: its first row, so that what the
    evaluator refuses in it (a name that only a text the licensee's end leaves unbinding
    defines) is said at that row of the log, as the audit's own checks say it."""

    marks = None  # (no usage file)

    def __init__(self, auditor: "Auditor", loc: int):
        self.auditor, self.loc = auditor, loc

    def diagnostic(self, path: tuple, message: str, help: str | None = None) -> Diagnostic:
        field = path[0] if path and isinstance(path[0], str) else "time"
        field = {"recipients": "recipient"}.get(field, field)
        return self.auditor.located(self.loc, field, message, help).diagnostics[0]

    def error(self, path: tuple, message: str, help: str | None = None) -> UsageError:
        found = self.diagnostic(path, message, help)
        return UsageError(found.message, [found])


@attrs.frozen(kw_only=True)
class Few:
    """The rows of the groups (``keys``) of the sliding limits whose rows are few
    (``limits``: each limit with the keys of its groups), read once and kept."""

    rows: exp.Expression
    keys: tuple
    limits: frozenset


@attrs.frozen(kw_only=True)
class Cell:
    """The rows of one file, group of terms, unit named and calendar month, summed."""

    file: int
    key: tuple  # the group: its stretch, terms and the facts in force
    unit: str | None
    month: int | None  # the first microsecond of the month
    rows: int
    loc: int  # the first row in the log
    first: tuple[int, int]  # the earliest row: its time and `_loc`
    last: int
    totals: tuple  # per unit of the agreement
    flags: dict  # flag column -> the first row it flags, or None
    largest: dict  # unit of a calendar limit -> the largest row: (amount, -loc, us)


def _needed(lim: ir.LimitRule) -> tuple[str, ...]:
    """The columns a log may lack that a limit is counted by: then it is not judged. (The
    app, the recipient and the licensee are a row's terms, never lacking.)"""
    return (*("endpoint",) * (lim.endpoints is not None),
            *(key for key in lim.keys if key not in ("app", "recipient", "licensee")))


PLACES_HELP = ("the audit sums amounts exactly to nine decimal places, and would round this "
               "one: round it yourself, or write the amounts in a smaller unit")


def _number(value) -> Decimal | None:
    """An amount as a log writes it, read as a number (None: it is not one)."""
    digits = repr(value) if isinstance(value, float) else amount_digits(str(value))
    if digits is None:
        return None
    try:
        number = Decimal(digits)
    except (ArithmeticError, ValueError):
        return None
    return number if number.is_finite() else None


def _least(values):
    """The least of the values that are not None, or None."""
    return min((v for v in values if v is not None), default=None)


def _runs(program: ir.Program, limits: dict, binds: Callable[[ir.LimitRule, tuple, int], bool]
          ) -> list[tuple]:
    """Each limit with the keys of the groups it applies to, once per run of stretches in a
    row in which it binds them, and the run's first day after the limit's first run. A limit
    is judged over the days it binds without a break (docs/semantics.md, section 5): where it
    lapses and comes back the same (a later text without it, or with its clause `from` a later
    day), its windows start afresh after the lapse, as ``permits`` judges the days on either
    side of it. So they do where it is in force throughout but does not bind the terms of
    rows on either side on the days between (an exception lifts it for them on those days
    only: ``binds`` says whether it binds a group's terms in a stretch); those days are a run
    of their own."""
    out = []
    for lim, keys in limits.items():
        begins = _begins(program, lim)
        # the stretches where it does not bind the terms of rows on both sides of them
        size = len(plan.GROUP_KEY)
        seen: dict[tuple, dict[int, list]] = {}
        for key in keys:
            seen.setdefault((begins.get(key[0]), key[1:size]), {}).setdefault(
                key[0], []).append(key)
        cut: set[int] = set()
        for at in seen.values():
            stretches = sorted(at)
            for before, after in zip(stretches, stretches[1:]):
                cut |= {index for index in range(before + 1, after) if index not in cut
                        and not all(binds(lim, key, index) for key in at[before] + at[after])}
        if cut:
            begins = _begins(program, lim, cut)
        runs: dict[int, list[tuple]] = {}
        for key in keys:
            runs.setdefault(begins.get(key[0], key[0]), []).append(key)
        out += [(lim, found, program.stretches[index].start if n else None)
                for n, (index, found) in enumerate(sorted(runs.items()))]
    return out


def _begins(program: ir.Program, lim: ir.LimitRule, cut: set[int] = frozenset()
            ) -> dict[int, int | None]:
    """The first stretch of the run each stretch is in, for a limit (None: not in force): a
    run is the stretches in a row in which it is in force, cut before and after those in
    ``cut`` (which make runs of their own)."""
    begins: dict[int, int | None] = {}
    first, apart = None, False
    for index, stretch in enumerate(program.stretches):
        if lim not in stretch.limits:
            first = None
        elif first is None or (index in cut) != apart:
            first = index
        apart = index in cut
        begins[index] = first
    return begins


def _once(types: dict[str, str]) -> dict[str, str]:
    """The columns of a JSON Lines file to read, a name written both ways (of a column the
    audit does not read: :func:`.source.check_cases` refuses the others) once, as the engines
    tell names apart: as it is first written."""
    first: dict[str, str] = {}
    for name in types:
        first.setdefault(name.casefold(), name)
    return {name: kind for name, kind in types.items() if first[name.casefold()] == name}


def _ordered(key: tuple) -> tuple:
    """A key of values and Nones in a total order (None after every value)."""
    return tuple((v is None, v if v is not None else 0) for v in key)


def _summed(groups) -> tuple[tuple[str, Fraction], ...]:
    """The groups' totals added up per unit (units with nothing left out)."""
    totals: dict[str, Fraction] = {}
    for group in groups:
        for unit, amount in group.totals:
            totals[unit] = totals.get(unit, 0) + amount
    return tuple((u, a) for u, a in totals.items() if a)


def _by(groups, key) -> list[tuple]:
    """The groups' totals per key, in the order of the keys."""
    found: dict = {}
    for group in groups:
        found.setdefault(key(group), []).append(group)
    return [(k, _summed(found[k])) for k in sorted(found, key=_ordered)]


def _pair(value):
    if isinstance(value, dict):
        return tuple(value.values())
    return tuple(value)


def _cite(lim: ir.LimitRule) -> str:
    return lim.clause if lim.clause.startswith("tier ") else f"clause {lim.clause}"


def _limit_text(lim: ir.LimitRule, words: str) -> str:
    """A limit in words, its unit in the agreement's (``words``): "no more than 450 API
    requests per 15 minutes per app"."""
    from ..format import no_more_than
    from ..prose.phrase import units
    from .findings import number

    return no_more_than(lim, number(lim.amount), units(lim.amount, words))


def _periods(window) -> str:
    """What is charted of a sliding limit: the fixed periods of its width, from midnight."""
    text = f"{window.count} {window.unit}" + ("s" if window.count != 1 else "")
    seconds = window.seconds
    if seconds == 86_400:
        return "each day from 00:00 UTC"
    if 86_400 % seconds == 0:
        return f"each day's largest period of {text} from 00:00 UTC"
    return f"periods of {text} from 1970-01-01T00:00Z, by the day they start"


def _next_period(start_us: int, unit: str) -> int:
    start = moment(start_us)
    if unit == "year" or start.month == 12:
        if start.year == _dt.MAXYEAR:  # the last period ends with the calendar
            return plan.LAST_US
        return micros(_dt.date(start.year + 1, 1, 1))
    return micros(_dt.date(start.year, start.month + 1, 1))


def _bad_offset(value) -> str | None:
    """The offset of a time written as text, where it is not one of -23:59 to +23:59."""
    found = re.fullmatch(plan.DATE_TIME + r"([+-]\d{2}:?(\d{2})?)", str(value).strip(),
                         flags=re.ASCII)
    if found is None or re.fullmatch(plan.OFFSET, found[3], flags=re.ASCII):
        return None
    return found[3]


def _outside_calendar(value) -> bool:
    """Whether a time written as text is a good one that falls outside the calendar in UTC."""
    try:
        when = _dt.datetime.fromisoformat(_instant_text(str(value).strip()))
        if when.tzinfo is None:
            return False
        when.astimezone(_dt.timezone.utc)
    except ValueError:
        return False
    except OverflowError:
        return True
    return False


_JSON = json.JSONDecoder()


def _column_in(text: str, kind: str, column: str, position: int) -> tuple[int, int]:
    """Where a column's value starts on a line of CSV (by its position) or JSON (after its
    key), and how wide it is as written."""
    if kind == "json":
        key_of = re.escape(json.dumps(column, ensure_ascii=False)) + r"\s*:\s*"
        for key in re.finditer(key_of, text):
            try:
                end = _JSON.raw_decode(text, key.end())[1]
            except ValueError:
                continue
            return key.end() + 1, end - key.end()
        at = text.find(f'"{column}"')
        return (at + 1, len(column) + 2) if at >= 0 else (1, 1)
    spans = _written(text)
    start, end = spans[position - 1] if 0 < position <= len(spans) else (len(text), len(text))
    return start + 1, max(end - start, 1)


def _written(text: str) -> list[tuple[int, int]]:
    """Where each value of a line of CSV is written, as (first, past the last) characters:
    a quoted value with its quotes, the commas and the doubled quotes within them (a value
    that runs on to the next line, to the end of this one)."""
    spans, at = [], 0
    while True:
        start = at
        if text.startswith('"', at):
            at += 1
            while (close := text.find('"', at)) >= 0 and text.startswith('""', close):
                at = close + 2
            at = len(text) if close < 0 else close + 1
        comma = text.find(",", at)
        spans.append((start, len(text) if comma < 0 else comma))
        if comma < 0:
            return spans
        at = comma + 1


def _happened(program) -> list[FactEntry]:
    """What the schedules say happened to their licensees, as dated facts of their apps, so
    that a group of rows is cut where it happened: each fact a schedule dates, and the day
    after its agreement ended (`termination`, which cuts a group and is stated by no usage:
    the evaluator reads the end from the schedule)."""
    agreement = program.runtime.get("agreement")
    out = []
    for schedule in (agreement.schedules if agreement is not None else ()):
        for app in schedule.apps:
            out += [FactEntry(name=d.name, when=d.date, app=app.name) for d in schedule.dated]
            if schedule.terminates is not None and schedule.terminates < _dt.date.max:
                out.append(FactEntry(name=m.TERMINATION, app=app.name,
                                     when=schedule.terminates + _dt.timedelta(days=1)))
    return out


def _logs(log) -> list:
    """The paths of a log (one path, or a list of them), or an error saying what to give."""
    if isinstance(log, (str, os.PathLike)):
        return [log]
    if not isinstance(log, Iterable) or isinstance(log, (bytes, Mapping)):
        raise TypeError(f"audit takes the path of a log (a file, a folder or a glob pattern) or "
                        f"a list of them, not {type(log).__name__}")
    logs = list(log)
    paths_given(logs, "audit takes the paths of a log's files, folders or glob "
                "patterns, each a str or a Path")
    if not logs:
        raise InputError("no log given", help="give the path of a log: a Parquet, CSV or JSON "
                         "Lines file, a folder of them or a glob pattern")
    return logs


def _columns(columns) -> dict[str, str]:
    """The column mapping given to :func:`run` (None, a mapping, the text `time=ts,app=client_id`,
    the path of a YAML file, or a list of them), or an error saying what to give."""
    given = [columns]
    while given:
        item = given.pop()
        if isinstance(item, (list, tuple)):
            given.extend(item)
        elif item is not None and not isinstance(item, (str, os.PathLike, Mapping)):
            raise TypeError(f"audit takes as `columns` a mapping of fields to columns (a dict, "
                            f"the text `time=ts,app=client_id` or the path of a YAML file of "
                            f"them), not {type(item).__name__}")
    return _mapping(columns)


def run(agreement, log, *, facts=None, columns=None, engine: str = "duckdb",
        progress: Callable[[str], None] | None = None) -> Audit:
    program = _compile(agreement)
    if engine not in ENGINES:
        raise InputError(f"unknown engine `{engine}`\nhelp: "
                         + (did_you_mean(engine, ENGINES)
                            or "the engines are `duckdb` and `spark`"))
    logs = _logs(log)
    named = [os.fspath(p) for p in logs] + ([os.fspath(facts)]
                                            if isinstance(facts, (str, os.PathLike)) else [])
    read_once(named, "one `--log` or the `--facts`")
    files = log_files(logs)
    try:
        if facts is None:
            entries = []
        elif isinstance(facts, (str, os.PathLike)):
            agreement = program.runtime.get("agreement")
            entries = read_facts(facts, program.symbols,
                                 agreement.schedules if agreement is not None else ())
        else:
            entries = list(facts) if isinstance(facts, Iterable) else [facts]
            if not all(isinstance(e, FactEntry) for e in entries):
                raise TypeError(f"audit takes as `facts` the path of a facts file or a list of "
                                f"FactEntry, not {type(facts).__name__}")
        entries += _happened(program)
        columns = _columns(columns)
        running = start(engine)
        try:
            return Auditor(program, files, columns, entries, running, progress).run()
        finally:
            running.close()
    finally:
        remove_spooled(files)
