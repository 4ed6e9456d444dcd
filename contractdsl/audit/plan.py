"""A Program and a log's files to the SQL of an audit, built as sqlglot syntax trees.

The plan reads every file of the log into one relation of normalised rows (``rows``): where
each row is (``_loc``: file and row), when (``_us``: microseconds since 1970, UTC), its terms,
its scope keys, its amount in each unit of the agreement, the stretch of time it falls in and
the dated facts in force for it. From there:

- ``groups``: the distinct terms per stretch (and facts in force), with their rows, first and
  last times and totals; the evaluator decides each group once;
- ``windows``: for a limit, the amount per scope per window of the rows it applies to: a
  calendar window is its calendar period, N fixed units a sliding window starting at any row;
- ``located``: the first and the largest row of each window found.

The trees are emitted in the engine's dialect (``duckdb``; ``spark`` for Spark SQL): every
function is one sqlglot knows in both, every ordering says where nulls go, and the one
construct an engine may lack (an as-of join) has a portable form. Only reading the files is
the engine's own (``reader`` here is DuckDB's; contractdsl.audit.spark has Spark's).
"""

from __future__ import annotations

from fractions import Fraction

import attrs
from sqlglot import exp

from .source import TERMS, LogFile

FILE_ROWS = 10 ** 12  # `_loc` is file * FILE_ROWS + row
AMOUNT = exp.DataType.build("DECIMAL(38, 9)")
# A time as text, with its zone; blanks spelled out (engines' regular expressions differ on
# `\s`), none before the zone (which not every engine reads).
BLANKS = r"[ \t\n\r\f]*"
TIME_WITH_ZONE = (r"^" + BLANKS + r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?"
                  r"(Z|z|[+-]\d{2}(:?\d{2})?)" + BLANKS + r"$")
NO_SECONDS = r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}[Zz+-]"  # `14:05Z`: read as `14:05:00Z`
NUMERIC = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT",
           "UINTEGER", "UBIGINT", "UHUGEINT", "FLOAT", "DOUBLE", "DECIMAL")
TEXT = ("VARCHAR", "JSON")


def col(name: str, table: str | None = None) -> exp.Column:
    return exp.column(name, table=table, quoted=True)


def lit(value) -> exp.Expression:
    if value is None:
        return exp.null()
    if isinstance(value, bool):
        return exp.true() if value else exp.false()
    if isinstance(value, (int, Fraction)):
        return exp.Literal.number(str(value))
    return exp.Literal.string(str(value))


def fn(name: str, *args) -> exp.Expression:
    return exp.Anonymous(this=name, expressions=list(args))


def ascending(*columns: exp.Expression) -> list[exp.Ordered]:
    """An ascending order with nulls last, said outright: engines differ when it is not."""
    return [exp.Ordered(this=column, nulls_first=False) for column in columns]


def period_start(period: str, us: exp.Expression) -> exp.Expression:
    """The start of the calendar period (``day``, ``month``, ``year``; UTC) that a time in
    microseconds falls in, in microseconds."""
    return exp.UnixMicros(this=exp.TimestampTrunc(
        this=exp.UnixToTime(this=us, scale=exp.UnixToTime.MICROS), unit=exp.var(period.upper())))


def unit_column(unit: str) -> str:
    return f"unit:{unit}"


def scope_column(scope: str) -> str:
    return {"app": "app", "recipient": "recipient"}.get(scope, f"scope:{scope}")


def no_text() -> exp.Expression:
    """A null of type text: a null of no type does not equal itself in every engine's joins."""
    return exp.cast(exp.null(), "VARCHAR")


def scope_of(scope: str | None, table: str | None = None) -> exp.Expression:
    """The key a limit counts per: a column, or (None: the licensee as a whole) no key."""
    return no_text() if scope is None else col(scope_column(scope), table)


@attrs.frozen(kw_only=True)
class Shape:
    """What the normalised rows hold: the units of the agreement (each with the names that
    stand for it) and the scopes its limits count per."""

    units: dict[str, frozenset[str]]  # unit -> its name and aliases
    scopes: tuple[str, ...]  # scopes other than app and recipient


class WrongType(Exception):
    """A column whose type cannot hold the field it is read as."""

    def __init__(self, field: str, column: str, type_: str):
        super().__init__(field)
        self.field, self.column, self.type = field, column, type_


def reader(index: int, log: LogFile, types: dict[str, str] | None = None) -> exp.Select:
    """The rows of one file, with ``_loc`` (its index and the row's number: the line of a CSV
    file, counting its header, else the row counted from 1)."""
    path = lit(log.path)
    if log.format == "parquet":
        source = fn("read_parquet", path, exp.EQ(this=exp.var("hive_partitioning"),
                                                 expression=lit(log.hive)),
                    exp.EQ(this=exp.var("file_row_number"), expression=lit(True)))
        row = exp.Add(this=col("file_row_number"), expression=lit(1))
    else:
        if log.format == "csv":
            source = fn("read_csv", path, *_options(all_varchar=True, header=True,
                                                    hive_partitioning=log.hive))
        else:
            options = {"format": "newline_delimited", "hive_partitioning": log.hive}
            source = fn("read_json", path, *_options(**options))
            if types is not None:
                source.append("expressions", exp.EQ(this=exp.var("columns"), expression=exp.Struct(
                    expressions=[exp.PropertyEQ(this=exp.to_identifier(name, quoted=True),
                                                expression=lit("VARCHAR")) for name in types])))
        row = exp.Window(this=exp.RowNumber())
        if log.format == "csv":
            row = exp.Add(this=row, expression=lit(1))
    loc = exp.Add(this=lit(index * FILE_ROWS), expression=row)
    return exp.select(exp.alias_(loc, "_loc", quoted=True), exp.Star()).from_(
        exp.Table(this=source))


def _options(**options) -> list[exp.Expression]:
    return [exp.EQ(this=exp.var(k), expression=lit(v)) for k, v in options.items()]


def file_rows(read: exp.Select, types: dict[str, str], columns: dict[str, str],
              shape: Shape) -> exp.Select:
    """One file's rows normalised, as read by the engine (``read``, with ``_loc``; see
    :func:`reader`): ``types`` maps its columns to their types, ``columns`` each
    field to the column it is read from. Raises :class:`WrongType` for a column that cannot
    hold its field. Besides the fields, each row says which of its values are bad: ``bad:F``
    for field F (a time that is missing, malformed or without a zone; an amount that is not a
    number or is negative)."""
    present = {field: column for field, column in columns.items() if column in types}
    selects: list[exp.Expression] = [col("_loc")]
    bad: dict[str, exp.Expression] = {}

    def field(name):
        return col(present[name]) if name in present else None

    time = field("time")
    if time is None:
        us, bad["time"] = exp.cast(exp.null(), "BIGINT"), exp.true()
    else:
        kind = types[present["time"]].upper()
        if kind.startswith("TIMESTAMP WITH TIME ZONE") or kind == "TIMESTAMPTZ":
            us = exp.UnixMicros(this=time)
        elif kind in TEXT:
            text = exp.cast(time, "VARCHAR")
            trimmed = exp.Trim(this=text.copy())
            whole = exp.Case(ifs=[exp.If(
                this=exp.RegexpLike(this=trimmed.copy(), expression=lit(NO_SECONDS)),
                true=exp.DPipe(this=exp.DPipe(this=exp.Substring(this=trimmed.copy(),
                                                                 start=lit(1), length=lit(16)),
                                              expression=lit(":00")),
                               expression=exp.Substring(this=trimmed.copy(), start=lit(17))))],
                default=trimmed)
            parsed = exp.TryCast(this=whole, to=exp.DataType.build("TIMESTAMPTZ"))
            zoned = exp.RegexpLike(this=text, expression=lit(TIME_WITH_ZONE))
            us = exp.Case(ifs=[exp.If(this=zoned, true=exp.UnixMicros(this=parsed))])
        else:
            raise WrongType("time", present["time"], kind)
        bad["time"] = exp.Is(this=us.copy(), expression=exp.null())
    selects.append(exp.alias_(us, "_us", quoted=True))
    for name in TERMS:
        value = field(name)
        value = no_text() if value is None else exp.Trim(this=exp.cast(value, "VARCHAR"))
        selects.append(exp.alias_(value, name, quoted=True))
    for scope in shape.scopes:
        value = field(scope)
        value = no_text() if value is None else exp.cast(value, "VARCHAR")
        selects.append(exp.alias_(value, scope_column(scope), quoted=True))
    amounts: dict[str, exp.Expression] = {}
    for name in sorted({n for names in shape.units.values() for n in names} | {"amount"}):
        value = field(name)
        if value is None:
            continue
        kind = types[present[name]].upper()
        if not (kind in TEXT or kind.split("(")[0] in NUMERIC):
            raise WrongType(name, present[name], kind)
        source = exp.Trim(this=exp.cast(value, "VARCHAR")) if kind in TEXT else value
        amounts[name] = exp.TryCast(this=source, to=AMOUNT.copy())
        bad[name] = exp.and_(exp.Not(this=exp.Is(this=value.copy(), expression=exp.null())),
                             exp.or_(exp.Is(this=amounts[name].copy(), expression=exp.null()),
                                     exp.LT(this=amounts[name].copy(), expression=lit(0))))
    unit = field("unit")
    unit_text = no_text() if unit is None else exp.Trim(this=exp.cast(unit, "VARCHAR"))
    selects.append(exp.alias_(unit_text, "unit", quoted=True))
    for unit_name, names in shape.units.items():
        parts = [exp.func("coalesce", amounts[n].copy(), lit(0)) for n in sorted(names)
                 if n in amounts]
        if "amount" in amounts and unit is not None:
            parts.append(exp.Case(ifs=[exp.If(
                this=exp.In(this=unit_text.copy(), expressions=[lit(n) for n in sorted(names)]),
                true=exp.func("coalesce", amounts["amount"].copy(), lit(0)))], default=lit(0)))
        total = parts[0] if parts else lit(0)
        for part in parts[1:]:
            total = exp.Add(this=total, expression=part)
        selects.append(exp.alias_(exp.cast(total, AMOUNT.copy()), unit_column(unit_name),
                                  quoted=True))
    for name, condition in sorted(bad.items()):
        selects.append(exp.alias_(condition, f"bad:{name}", quoted=True))
    return exp.select(*selects).from_(read.subquery("raw"))


def checked_fields(shape: Shape) -> list[str]:
    """The fields whose values are checked row by row, in a fixed order."""
    return ["time", "amount", *sorted({n for names in shape.units.values()
                                                for n in names})]


def normalised(files: list[exp.Select], shape: Shape, fields: list[str]) -> exp.Select:
    """Every file's rows under one set of columns (a field a file lacks is false or null)."""
    union = None
    for select in files:
        names = {e.alias for e in select.expressions}
        select = select.copy()
        for field in fields:
            if f"bad:{field}" not in names:
                select = select.select(exp.alias_(exp.false(), f"bad:{field}", quoted=True))
        select = exp.select(*[col(n) for n in _columns(shape, fields)]).from_(
            select.subquery("f"))
        union = select if union is None else exp.union(union, select, distinct=False)
    return union


def _columns(shape: Shape, fields: list[str]) -> list[str]:
    return ["_loc", "_us", *TERMS, *(scope_column(s) for s in shape.scopes), "unit",
            *(unit_column(u) for u in shape.units), *(f"bad:{f}" for f in fields)]


def rows(union: exp.Select, change_micros: list[int], facts: list[tuple[str | None, int]]
         ) -> exp.Select:
    """The normalised rows with the stretch of time each falls in (``_stretch``, by the days on
    which the agreement changes) and the dated facts in force for it: bit ``k`` of
    ``_facts{k // 62}`` when fact ``k`` (for the row's app, or for every app) holds by then."""
    us = col("_us")
    stretch = exp.Case(ifs=[exp.If(this=exp.LT(this=us.copy(), expression=lit(at)), true=lit(i))
                            for i, at in enumerate(change_micros)],
                       default=lit(len(change_micros)))
    selects = [exp.Star(), exp.alias_(stretch, "_stretch", quoted=True)]
    for chunk in range(0, max(len(facts), 1), 62):
        terms = []
        for k, (app, at) in enumerate(facts[chunk:chunk + 62]):
            held = exp.GTE(this=us.copy(), expression=lit(at))
            if app is not None:
                held = exp.and_(exp.EQ(this=col("app"), expression=lit(app)), held)
            terms.append(exp.Case(ifs=[exp.If(this=held, true=lit(1 << k))], default=lit(0)))
        mask = lit(0)
        for term in terms:
            mask = exp.Add(this=mask, expression=term)
        selects.append(exp.alias_(exp.cast(mask, "BIGINT"), f"_facts{chunk // 62}", quoted=True))
    return exp.select(*selects).from_(union.subquery("n"))


def fact_columns(facts: list) -> list[str]:
    return [f"_facts{chunk // 62}" for chunk in range(0, max(len(facts), 1), 62)]


GROUP_KEY = ("_stretch", *TERMS)


def checks(relation: exp.Expression, fields: list[str]) -> exp.Select:
    """Per file: its rows, and the first row with a bad value in each checked field."""
    file = exp.cast(exp.IntDiv(this=col("_loc"), expression=lit(FILE_ROWS)), "BIGINT")
    selects = [exp.alias_(file, "_file", quoted=True), exp.alias_(exp.Count(this=exp.Star()),
                                                                  "_rows", quoted=True)]
    for field in fields:
        selects.append(exp.alias_(exp.Min(this=exp.Case(ifs=[exp.If(
            this=col(f"bad:{field}"), true=col("_loc"))])), field, quoted=True))
    return exp.select(*selects).from_(relation.subquery("r")).group_by(file.copy())


def names(relation: exp.Expression, column: str) -> exp.Select:
    """Each distinct value of a column per stretch, with its first row."""
    return exp.select(col("_stretch"), col(column), exp.alias_(exp.Min(this=col("_loc")), "_loc",
                                                               quoted=True)) \
        .from_(relation.subquery("r")).where(exp.Not(this=exp.Is(this=col(column), expression=exp.null()))) \
        .group_by(col("_stretch"), col(column))


def groups(relation: exp.Expression, facts: list, units: list[str]) -> exp.Select:
    """The distinct terms per stretch and facts in force, with their rows, first and last
    times (``_first``, ``_last``), first row (its time and ``_loc``) and total in each unit."""
    key = [col(k) for k in (*GROUP_KEY, *fact_columns(facts))]
    selects = [*key, exp.alias_(exp.Count(this=exp.Star()), "_rows", quoted=True),
               exp.alias_(exp.Min(this=col("_us")), "_first", quoted=True),
               exp.alias_(exp.Max(this=col("_us")), "_last", quoted=True),
               exp.alias_(exp.Min(this=exp.Tuple(expressions=[col("_us"), col("_loc")])), "_loc",
                          quoted=True)]
    selects += [exp.alias_(exp.Sum(this=col(unit_column(u))), unit_column(u), quoted=True)
                for u in units]
    return exp.select(*selects).from_(relation.subquery("r")).group_by(*[k.copy() for k in key]) \
        .order_by(*ascending(*[k.copy() for k in key]))


def monthly(relation: exp.Expression, units: list[str]) -> exp.Select:
    """Each app's total in each unit per calendar month (UTC)."""
    month = exp.alias_(period_start("month", col("_us")), "_month", quoted=True)
    return exp.select(col("app"), month, *[exp.alias_(exp.Sum(this=col(unit_column(u))),
                                                      unit_column(u), quoted=True) for u in units]
                      ).from_(relation.subquery("r")).group_by(col("app"), col("_month")) \
        .order_by(*ascending(col("app"), col("_month")))


def applying(relation: exp.Expression, keys: list[tuple], facts: list) -> exp.Select:
    """The rows of the groups whose keys are listed (the groups a limit applies to)."""
    names_ = [*GROUP_KEY, *fact_columns(facts)]
    values = exp.values([tuple(lit(v) for v in key) for key in keys], alias="g",
                        columns=[f"g:{n}" for n in names_])
    on = exp.and_(*[exp.NullSafeEQ(this=col(n, "r"), expression=col(f"g:{n}", "g"))
                    for n in names_])
    return exp.select(exp.Column(this=exp.Star(), table=exp.to_identifier("r"))) \
        .from_(relation.copy().subquery("r")).join(values, on=on)


def exceeds(total: exp.Expression, allowance: Fraction) -> exp.Expression:
    """``total`` is more than ``allowance``, compared exactly (cross-multiplied)."""
    return exp.GT(this=exp.Mul(this=total, expression=lit(allowance.denominator)),
                  expression=lit(allowance.numerator))


def calendar_windows(rows_: exp.Expression, scope: str, unit: str, period: str) -> exp.Select:
    """The amount per scope per calendar period (``month`` or ``year``, UTC) of the rows, with
    each period's start (``_start``)."""
    start = period_start(period, col("_us"))
    return exp.select(exp.alias_(scope_of(scope), "_scope", quoted=True),
                      exp.alias_(start, "_start", quoted=True),
                      exp.alias_(exp.Sum(this=col(unit_column(unit))), "_total", quoted=True)) \
        .from_(rows_.subquery("a")).group_by(col("_scope"), col("_start"))


def sliding_windows(rows_: exp.Expression, scope: str, unit: str, width: int,
                    asof: bool = True) -> exp.Select:
    """The amount per scope in the window of ``width`` microseconds that starts at each row's
    time (``_start``, ``_total``): the largest sum over any window of that width is one of
    these, since sliding a window forward to its first row loses nothing. Each is a difference
    of running totals: the total up to the last row inside the window (found by an as-of join)
    less the total before its first row; for an engine without as-of joins (``asof`` false),
    the same sum as a frame over the times from the row's to ``width`` later."""
    part = exp.func("coalesce", exp.DPipe(this=lit("="), expression=exp.cast(col("_scope"),
                                                                            "VARCHAR")),
                    lit(""))
    points = exp.select(exp.alias_(scope_of(scope), "_scope", quoted=True), col("_us"),
                        exp.alias_(exp.Sum(this=col(unit_column(unit))), "_amount", quoted=True)) \
        .from_(rows_.subquery("a")).group_by(col("_scope"), col("_us"))
    if not asof:
        frame = exp.Window(
            this=exp.Sum(this=col("_amount")), partition_by=[col("_scope")],
            order=exp.Order(expressions=[exp.Ordered(this=col("_us"))]),
            spec=exp.WindowSpec(kind="RANGE", start="CURRENT ROW", end=lit(width - 1),
                                end_side="FOLLOWING"))
        return exp.select(col("_scope"), exp.alias_(col("_us"), "_start", quoted=True),
                          exp.alias_(frame, "_total", quoted=True)).from_(points.subquery("p"))
    running_total = exp.Window(
        this=exp.Sum(this=col("_amount")), partition_by=[col("_scope")],
        order=exp.Order(expressions=[exp.Ordered(this=col("_us"))]),
        spec=exp.WindowSpec(kind="ROWS", start="UNBOUNDED", start_side="PRECEDING",
                            end="CURRENT ROW"))
    running = exp.select(col("_scope"), exp.alias_(part, "_part", quoted=True), col("_us"),
                         col("_amount"), exp.alias_(running_total, "_cum", quoted=True)) \
        .from_(points.subquery("p"))
    ends = exp.select(col("_scope"), col("_part"), exp.alias_(col("_us"), "_start", quoted=True),
                      exp.alias_(exp.Add(this=col("_us"), expression=lit(width - 1)), "_reach",
                                 quoted=True),
                      exp.alias_(exp.Sub(this=col("_cum"), expression=col("_amount")), "_before",
                                 quoted=True)).from_("running")
    on = exp.and_(exp.EQ(this=col("_part", "e"), expression=col("_part", "b")),
                  exp.GTE(this=col("_reach", "e"), expression=col("_us", "b")))
    total = exp.Sub(this=col("_cum", "b"), expression=col("_before", "e"))
    return exp.select(col("_scope", "e"), col("_start", "e"),
                      exp.alias_(total, "_total", quoted=True)) \
        .from_(ends.subquery("e")) \
        .join(exp.Join(this=exp.to_table("running").as_("b"), on=on, method="ASOF")) \
        .with_("running", as_=running)


def daily(windows: exp.Expression) -> exp.Select:
    """Per scope and day (UTC), the largest total of the windows that start that day."""
    day = period_start("day", col("_start"))
    return exp.select(col("_scope"), exp.alias_(day, "_day", quoted=True),
                      exp.alias_(exp.Max(this=col("_total")), "_total", quoted=True)) \
        .from_(windows.subquery("w")).group_by(col("_scope"), col("_day"))


def peaks(windows: exp.Expression) -> exp.Select:
    """Per scope, the largest window total and the earliest window that reaches it."""
    top = exp.Window(this=exp.Max(this=col("_total")), partition_by=[col("_scope")])
    marked = exp.select(exp.Star(), exp.alias_(top, "_top", quoted=True)).from_(
        windows.subquery("w"))
    return exp.select(col("_scope"), exp.alias_(exp.Min(this=col("_start")), "_start",
                                                quoted=True),
                      exp.alias_(exp.Max(this=col("_total")), "_total", quoted=True)) \
        .from_(marked.subquery("m")).where(exp.EQ(this=col("_total"), expression=col("_top"))) \
        .group_by(col("_scope")).order_by(*ascending(col("_scope")))


def runs(windows: exp.Expression, allowance: Fraction, width: int) -> exp.Select:
    """The windows over the allowance, overlapping ones joined into runs: per run, its scope,
    first and last window start, how many windows, and its peak (the earliest largest)."""
    over = exp.select(col("_scope"), col("_start"), col("_total")) \
        .from_(windows.subquery("w")).where(exceeds(col("_total"), allowance))
    previous = exp.Window(this=exp.func("lag", col("_start")), partition_by=[col("_scope")],
                          order=exp.Order(expressions=[exp.Ordered(this=col("_start"))]))
    fresh = exp.Case(ifs=[exp.If(this=exp.LT(this=exp.Sub(this=col("_start"), expression=previous),
                                             expression=lit(width)), true=lit(0))],
                     default=lit(1))
    flagged = exp.select(exp.Star(), exp.alias_(fresh, "_fresh", quoted=True)).from_(
        over.subquery("o"))
    numbered_run = exp.Window(
        this=exp.Sum(this=col("_fresh")), partition_by=[col("_scope")],
        order=exp.Order(expressions=[exp.Ordered(this=col("_start"))]),
        spec=exp.WindowSpec(kind="ROWS", start="UNBOUNDED", start_side="PRECEDING",
                            end="CURRENT ROW"))
    numbered = exp.select(exp.Star(), exp.alias_(numbered_run, "_run", quoted=True)).from_(
        flagged.subquery("f"))
    top = exp.Window(this=exp.Max(this=col("_total")), partition_by=[col("_scope"), col("_run")])
    marked = exp.select(exp.Star(), exp.alias_(top, "_top", quoted=True)).from_(
        numbered.subquery("n"))
    peak_start = exp.Min(this=exp.Case(ifs=[exp.If(this=exp.EQ(this=col("_total"),
                                                                expression=col("_top")),
                                                   true=col("_start"))]))
    return exp.select(col("_scope"), exp.alias_(exp.Min(this=col("_start")), "_first",
                                                quoted=True),
                      exp.alias_(exp.Max(this=col("_start")), "_last", quoted=True),
                      exp.alias_(exp.Count(this=exp.Star()), "_windows", quoted=True),
                      exp.alias_(peak_start, "_start", quoted=True),
                      exp.alias_(exp.Max(this=col("_total")), "_total", quoted=True)) \
        .from_(marked.subquery("m")).group_by(col("_scope"), col("_run")) \
        .order_by(*ascending(col("_scope"), col("_first")))


def located(rows_: exp.Expression, scope: str, unit: str,
            windows: list[tuple[int, str | None, int, int]]) -> exp.Select:
    """For each window (id, scope value, first and last microsecond), its first row and its
    largest (the earliest of equals): their ``_loc`` and time, and the largest amount."""
    found = exp.values([tuple(lit(v) for v in w) for w in windows], alias="x",
                       columns=["x:id", "x:scope", "x:from", "x:until"])
    on = exp.and_(exp.NullSafeEQ(this=scope_of(scope, "a"), expression=col("x:scope", "x")),
                  exp.GTE(this=col("_us", "a"), expression=col("x:from", "x")),
                  exp.LTE(this=col("_us", "a"), expression=col("x:until", "x")))
    amount = col(unit_column(unit), "a")
    first = exp.Min(this=exp.Tuple(expressions=[col("_us", "a"), col("_loc", "a")]))
    largest = exp.Max(this=exp.Tuple(expressions=[amount, exp.Neg(this=col("_loc", "a")),
                                                  col("_us", "a")]))
    return exp.select(col("x:id", "x"), exp.alias_(first, "_first", quoted=True),
                      exp.alias_(largest, "_largest", quoted=True)) \
        .from_(rows_.subquery("a")).join(found, on=on).group_by(col("x:id", "x"))
