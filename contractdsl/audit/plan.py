"""A Program and a log's files to the SQL of an audit, built as sqlglot syntax trees.

The plan reads every file of the log into one relation of normalised rows (``rows``): where
each row is (``_loc``: file and row), when (``_us``: microseconds since 1970, UTC), its terms,
its scope keys, its amount in each unit of the agreement, the stretch of time it falls in and
the dated facts in force for it. From there:

- ``survey``: one pass over the rows that checks them (the first bad value of each field, the
  first row of each name) and sums them per group of terms, stretch and facts in force, per
  file and calendar month; the evaluator decides each group once;
- ``calendar_windows``: for a calendar limit, the amount per scope per period of the rows it
  applies to, with each period's first and largest row;
- ``sliding_windows``: for a limit over N fixed units, the amount per scope in the window that
  starts at each distinct time of a row (the largest window is one of them); ``peaks``,
  ``runs`` and ``daily`` read these, and ``located`` finds the first and largest row of each
  window reported.

The trees are emitted in the engine's dialect (``duckdb``; ``spark`` for Spark SQL).
"""

from __future__ import annotations

from fractions import Fraction

import attrs
from sqlglot import exp

from .source import TERMS, LogFile

FILE_ROWS = 10 ** 12  # `_loc` is file * FILE_ROWS + row
DECIMAL = exp.DataType.build("DECIMAL(38, 9)")  # amounts with fractions
INTEGER = exp.DataType.build("BIGINT")  # amounts that are whole numbers
# A time as text, with its zone; blanks spelled out (engines' regular expressions differ on
# `\s`), none before the zone (which not every engine reads).
BLANKS = r"[ \t\n\r\f]*"
TIME_WITH_ZONE = (r"^" + BLANKS + r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?"
                  r"(Z|z|[+-]\d{2}(:?\d{2})?)" + BLANKS + r"$")
NO_SECONDS = r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}[Zz+-]"  # `14:05Z`: read as `14:05:00Z`
WHOLE = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER")
NUMERIC = (*WHOLE, "HUGEINT", "UBIGINT", "UHUGEINT", "FLOAT", "DOUBLE", "DECIMAL")
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


def alias(expression: exp.Expression, name: str) -> exp.Alias:
    return exp.alias_(expression, name, quoted=True)


def is_null(expression: exp.Expression) -> exp.Expression:
    return exp.Is(this=expression, expression=exp.null())


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


def scope_of(keys: tuple[str, ...], table: str | None = None) -> exp.Expression:
    """The key a limit counts per: a column; for several (`per app and channel`) one text that
    holds each value apart (see :func:`compound_key`); none (the licensee as a whole): no
    key."""
    if not keys:
        return no_text()
    if len(keys) == 1:
        return col(scope_column(keys[0]), table)
    parts: list[exp.Expression] = []
    for index, key in enumerate(keys):
        value = exp.cast(col(scope_column(key), table), "VARCHAR")
        written = exp.DPipe(this=exp.DPipe(this=exp.cast(exp.Length(this=value.copy()),
                                                         "VARCHAR"), expression=lit(":")),
                            expression=value)
        parts.append(exp.Case(ifs=[exp.If(this=is_null(value.copy()), true=lit("-"))],
                              default=written))
        if index + 1 < len(keys):
            parts.append(lit("|"))
    joined = parts[0]
    for part in parts[1:]:
        joined = exp.DPipe(this=joined, expression=part)
    return joined


def compound_key(text: str | None, size: int) -> tuple[str | None, ...]:
    """The values of a compound key as :func:`scope_of` writes them: each its length, `:` and
    itself (`-` for none), separated by `|`; so no value can run into the next."""
    values: list[str | None] = []
    at = 0
    while len(values) < size and text is not None:
        if text.startswith("-", at):
            values.append(None)
            at += 1
        else:
            colon = text.index(":", at)
            length = int(text[at:colon])
            values.append(text[colon + 1:colon + 1 + length])
            at = colon + 1 + length
        at += 1  # the `|` between two values
    return tuple(values)


@attrs.frozen(kw_only=True)
class Shape:
    """What the normalised rows hold: the units of the agreement (each with the names that
    stand for it), the scopes its limits count per, and the units whose amounts are all whole
    numbers in this log (summed as integers; the others as decimals)."""

    units: dict[str, frozenset[str]]  # unit -> its name and aliases
    scopes: tuple[str, ...]  # scopes other than app and recipient
    whole: frozenset[str] = frozenset()

    def amount_type(self, unit: str) -> exp.DataType:
        return (INTEGER if unit in self.whole else DECIMAL).copy()

    def unit_of(self, name: str) -> str | None:
        """The unit a column of amounts (named after it or an alias) counts."""
        return next((u for u, names in self.units.items() if name in names), None)


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
    return exp.select(alias(loc, "_loc"), exp.Star()).from_(exp.Table(this=source))


def _options(**options) -> list[exp.Expression]:
    return [exp.EQ(this=exp.var(k), expression=lit(v)) for k, v in options.items()]


def whole_type(kind: str) -> bool:
    """Whether a column of this type holds only whole numbers that fit in a BIGINT."""
    return kind.upper() in WHOLE


def file_rows(read: exp.Select, types: dict[str, str], columns: dict[str, str],
              shape: Shape) -> exp.Select:
    """One file's rows normalised, as read by the engine (``read``, with ``_loc``; see
    :func:`reader`): ``types`` maps its columns to their types, ``columns`` each
    field to the column it is read from. Raises :class:`WrongType` for a column that cannot
    hold its field. Besides the fields, each row says which of its values are bad: ``bad:F``
    for field F (a time that is missing, malformed or without a zone; an amount that is not a
    number or is negative), and ``frac:F`` when an amount is not a whole number."""
    present = {field: column for field, column in columns.items() if column in types}
    selects: list[exp.Expression] = [col("_loc")]
    flags: dict[str, exp.Expression] = {}

    def field(name):
        return col(present[name]) if name in present else None

    time = field("time")
    if time is None:
        us, flags["bad:time"] = exp.cast(exp.null(), "BIGINT"), exp.true()
    else:
        kind = types[present["time"]].upper()
        if kind.startswith("TIMESTAMP WITH TIME ZONE") or kind == "TIMESTAMPTZ":
            us = exp.UnixMicros(this=time)
        elif kind in TEXT:
            text = exp.cast(time, "VARCHAR")
            trimmed = exp.Trim(this=text.copy())
            with_seconds = exp.Case(ifs=[exp.If(
                this=exp.RegexpLike(this=trimmed.copy(), expression=lit(NO_SECONDS)),
                true=exp.DPipe(this=exp.DPipe(this=exp.Substring(this=trimmed.copy(),
                                                                 start=lit(1), length=lit(16)),
                                              expression=lit(":00")),
                               expression=exp.Substring(this=trimmed.copy(), start=lit(17))))],
                default=trimmed)
            parsed = exp.TryCast(this=with_seconds, to=exp.DataType.build("TIMESTAMPTZ"))
            zoned = exp.RegexpLike(this=text, expression=lit(TIME_WITH_ZONE))
            us = exp.Case(ifs=[exp.If(this=zoned, true=exp.UnixMicros(this=parsed))])
        else:
            raise WrongType("time", present["time"], kind)
        flags["bad:time"] = is_null(us.copy())
    selects.append(alias(us, "_us"))
    for name in TERMS:
        value = field(name)
        value = no_text() if value is None else exp.Trim(this=exp.cast(value, "VARCHAR"))
        selects.append(alias(value, name))
    for scope in shape.scopes:
        value = field(scope)
        value = no_text() if value is None else exp.cast(value, "VARCHAR")
        selects.append(alias(value, scope_column(scope)))
    unit = field("unit")
    unit_text = no_text() if unit is None else exp.Trim(this=exp.cast(unit, "VARCHAR"))
    selects.append(alias(unit_text, "unit"))
    parts: dict[str, list[exp.Expression]] = {u: [] for u in shape.units}
    for name in sorted({n for names in shape.units.values() for n in names} | {"amount"}):
        value = field(name)
        if value is None:
            continue
        kind = types[present[name]].upper()
        if not (kind in TEXT or kind.split("(")[0] in NUMERIC):
            raise WrongType(name, present[name], kind)
        source = exp.Trim(this=exp.cast(value, "VARCHAR")) if kind in TEXT else value
        decimal = exp.TryCast(this=source, to=DECIMAL.copy())
        flags[f"bad:{name}"] = exp.and_(
            exp.not_(is_null(value.copy())),
            exp.or_(is_null(decimal.copy()), exp.LT(this=decimal.copy(), expression=lit(0))))
        if not whole_type(kind):  # a whole number reads the same as an integer
            integer = exp.TryCast(this=source.copy(), to=INTEGER.copy())
            flags[f"frac:{name}"] = exp.and_(
                exp.not_(is_null(decimal.copy())),
                exp.or_(is_null(integer), exp.NEQ(this=integer.copy(), expression=decimal.copy())))
        units = [shape.unit_of(name)] if name != "amount" else list(shape.units)
        for unit_name in units:
            wanted = shape.amount_type(unit_name)
            amount = value.copy() if whole_type(kind) and wanted == INTEGER \
                else exp.TryCast(this=source.copy(), to=wanted)
            amount = exp.func("coalesce", amount, lit(0))
            if name == "amount":
                if unit is None:
                    continue
                names = sorted(shape.units[unit_name])
                amount = exp.Case(ifs=[exp.If(this=exp.In(this=unit_text.copy(),
                                                          expressions=[lit(n) for n in names]),
                                              true=amount)], default=lit(0))
            parts[unit_name].append(amount)
    for unit_name in shape.units:
        total = parts[unit_name][0] if parts[unit_name] else lit(0)
        for part in parts[unit_name][1:]:
            total = exp.Add(this=total, expression=part)
        selects.append(alias(exp.cast(total, shape.amount_type(unit_name)),
                             unit_column(unit_name)))
    for name, condition in sorted(flags.items()):
        selects.append(alias(condition, name))
    return exp.select(*selects).from_(read.subquery("raw"))


def checked_fields(shape: Shape) -> list[str]:
    """The fields whose values are checked row by row, in a fixed order."""
    return ["time", "amount", *sorted({n for names in shape.units.values() for n in names})]


def flag_columns(fields: list[str]) -> list[str]:
    """The columns that flag a bad value of a field, or an amount that is not whole."""
    return [*(f"bad:{f}" for f in fields), *(f"frac:{f}" for f in fields if f != "time")]


def normalised(files: list[exp.Select], shape: Shape, fields: list[str]) -> exp.Select:
    """Every file's rows under one set of columns (a field a file lacks is false or null)."""
    union = None
    for select in files:
        names = {e.alias for e in select.expressions}
        select = select.copy()
        for flag in flag_columns(fields):
            if flag not in names:
                select = select.select(alias(exp.false(), flag))
        select = exp.select(*[col(n) for n in _columns(shape, fields)]).from_(
            select.subquery("f"))
        union = select if union is None else exp.union(union, select, distinct=False)
    return union


def _columns(shape: Shape, fields: list[str]) -> list[str]:
    return ["_loc", "_us", *TERMS, *(scope_column(s) for s in shape.scopes), "unit",
            *(unit_column(u) for u in shape.units), *flag_columns(fields)]


def rows(union: exp.Select, change_micros: list[int], facts: list[tuple[str | None, int]]
         ) -> exp.Select:
    """The normalised rows with the stretch of time each falls in (``_stretch``, by the days on
    which the agreement changes) and the dated facts in force for it: bit ``k`` of
    ``_facts{k // 62}`` when fact ``k`` (for the row's app, or for every app) holds by then."""
    us = col("_us")
    stretch = exp.Case(ifs=[exp.If(this=exp.LT(this=us.copy(), expression=lit(at)), true=lit(i))
                            for i, at in enumerate(change_micros)],
                       default=lit(len(change_micros)))
    selects = [exp.Star(), alias(stretch, "_stretch")]
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
        selects.append(alias(exp.cast(mask, "BIGINT"), f"_facts{chunk // 62}"))
    return exp.select(*selects).from_(union.subquery("n"))


def fact_columns(facts: list) -> list[str]:
    return [f"_facts{chunk // 62}" for chunk in range(0, max(len(facts), 1), 62)]


GROUP_KEY = ("_stretch", *TERMS)


def record(**fields: exp.Expression) -> exp.Struct:
    """A struct of named fields; structs compare field by field, in order."""
    return exp.Struct(expressions=[exp.PropertyEQ(this=exp.to_identifier(name), expression=value)
                                   for name, value in fields.items()])


def field_of(struct: exp.Expression, name: str) -> exp.Expression:
    return exp.StructExtract(this=struct, expression=lit(name))


def first_of(us: exp.Expression, loc: exp.Expression) -> exp.Expression:
    """The earliest row (by its time, then its place in the log): ``{us, loc}``."""
    return exp.Min(this=record(us=us, loc=loc))


def largest_of(amount: exp.Expression, us: exp.Expression, loc: exp.Expression
               ) -> exp.Expression:
    """The row with the largest amount (the earliest in the log of equals):
    ``{amount, after: -loc, us}``."""
    return exp.Max(this=record(amount=amount, after=exp.Neg(this=loc), us=us))


def peak_of(total: exp.Expression, start: exp.Expression) -> exp.Expression:
    """The window with the largest total (the earliest of equals): ``{total, after: -start}``."""
    return exp.Max(this=record(total=total, after=exp.Neg(this=start)))


def survey(relation: exp.Expression, facts: list, shape: Shape, fields: list[str]) -> exp.Select:
    """One pass over the rows, per file, group of terms (``GROUP_KEY``, the facts in force),
    unit named and calendar month (``_month``): their rows, first row in the log (``_loc``),
    first and last times (``_first`` as :func:`first_of`, ``_last``), total in each unit, for
    each flag column the first row it flags, and for each scope of the log's own the first
    row without it (``none:SCOPE``)."""
    file = exp.cast(exp.IntDiv(this=col("_loc"), expression=lit(FILE_ROWS)), "BIGINT")
    key = [alias(file, "_file"), *[col(k) for k in (*GROUP_KEY, *fact_columns(facts), "unit")],
           alias(period_start("month", col("_us")), "_month")]

    def first_where(condition):
        return exp.Min(this=exp.Case(ifs=[exp.If(this=condition, true=col("_loc"))]))

    selects = [*key, alias(exp.Count(this=exp.Star()), "_rows"),
               alias(exp.Min(this=col("_loc")), "_loc"),
               alias(first_of(col("_us"), col("_loc")), "_first"),
               alias(exp.Max(this=col("_us")), "_last")]
    selects += [alias(exp.Sum(this=col(unit_column(u))), unit_column(u)) for u in shape.units]
    selects += [alias(first_where(col(flag)), flag) for flag in flag_columns(fields)]
    selects += [alias(first_where(is_null(col(scope_column(s)))), f"none:{s}")
                for s in shape.scopes]
    return exp.select(*selects).from_(relation.subquery("r")).group_by(
        *[exp.column(k.alias_or_name, quoted=True) for k in key])


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


def calendar_windows(rows_: exp.Expression, scope: tuple[str, ...], unit: str,
                     period: str) -> exp.Select:
    """The amount per scope per calendar period (``month`` or ``year``, UTC) of the rows, with
    each period's start (``_start``), first row (``_first``, as :func:`first_of`) and largest
    row (``_largest``, as :func:`largest_of`)."""
    amount = col(unit_column(unit))
    return exp.select(alias(scope_of(scope), "_scope"),
                      alias(period_start(period, col("_us")), "_start"),
                      alias(exp.Sum(this=amount), "_total"),
                      alias(first_of(col("_us"), col("_loc")), "_first"),
                      alias(largest_of(amount.copy(), col("_us"), col("_loc")), "_largest")) \
        .from_(rows_.subquery("a")).group_by(col("_scope"), col("_start"))


def floor_div(value: exp.Expression, width: int) -> exp.Expression:
    """``value`` divided by ``width`` and rounded down (negative values too, exactly)."""
    below = exp.Neg(this=exp.paren(exp.Sub(
        this=exp.IntDiv(this=exp.paren(exp.Sub(this=exp.Neg(this=value.copy()), expression=lit(1))),
                        expression=lit(width)),
        expression=lit(-1))))
    return exp.Case(ifs=[exp.If(this=exp.GTE(this=value.copy(), expression=lit(0)),
                                true=exp.IntDiv(this=value.copy(), expression=lit(width)))],
                    default=below)


def ordered(rows_: exp.Expression, scope: tuple[str, ...], unit: str) -> exp.Select:
    """The rows of each scope (``_scope``) in time order, each with its amount
    (``_amount``), the running total up to it (``_cum``; rows at the same time in some order)
    and whether it is the first (``_opens``) and the last (``_closes``) row at its time: what
    :func:`sliding_windows` reads."""
    order = exp.Order(expressions=[exp.Ordered(this=col("_us"))])

    def over(function):
        return exp.Window(this=function, partition_by=[col("_scope")], order=order.copy())

    running = over(exp.Sum(this=col("_amount")))
    running.set("spec", exp.WindowSpec(kind="ROWS", start="UNBOUNDED", start_side="PRECEDING",
                                       end="CURRENT ROW"))
    keyed_ = exp.select(alias(scope_of(scope), "_scope"), col("_us"), col("_loc"),
                        alias(col(unit_column(unit)), "_amount")).from_(rows_.subquery("a"))
    def differs(function):
        return exp.not_(exp.paren(exp.NullSafeEQ(this=over(function), expression=col("_us"))))

    return exp.select(col("_scope"), col("_us"), col("_loc"), col("_amount"),
                      alias(running, "_cum"), alias(differs(exp.Lag(this=col("_us"))), "_opens"),
                      alias(differs(exp.Lead(this=col("_us"))), "_closes")) \
        .from_(keyed_.subquery("k"))


def sliding_windows(ordered_: exp.Expression, width: int, asof: bool = True) -> exp.Select:
    """The amount per scope in the window of ``width`` microseconds that starts at each
    distinct time of a row (``_start``, ``_total``): the largest sum over any window of that
    width is one of these, since sliding a window forward to its first row loses nothing.
    Each is a difference of running totals: the total up to the last row inside the window
    (found by an as-of join) less the total before its first row; for an engine without
    as-of joins (``asof`` false), the same sum as a frame over the times from the row's to
    ``width`` later."""
    if not asof:
        frame = exp.Window(
            this=exp.Sum(this=col("_amount")), partition_by=[col("_scope")],
            order=exp.Order(expressions=[exp.Ordered(this=col("_us"))]),
            spec=exp.WindowSpec(kind="RANGE", start="CURRENT ROW", end=lit(width - 1),
                                end_side="FOLLOWING"))
        framed = exp.select(col("_scope"), alias(col("_us"), "_start"), alias(frame, "_total"),
                            col("_opens")).from_(ordered_.copy().subquery("o"))
        return exp.select(col("_scope"), col("_start"), col("_total")) \
            .from_(framed.subquery("f")).where(col("_opens"))
    starts = exp.select(col("_scope"), alias(col("_us"), "_start"),
                        alias(exp.Add(this=col("_us"), expression=lit(width - 1)), "_reach"),
                        alias(exp.Sub(this=col("_cum"), expression=col("_amount")), "_before")) \
        .from_(ordered_.copy().subquery("o")).where(col("_opens"))
    ends = exp.select(col("_scope"), col("_us"), col("_cum")) \
        .from_(ordered_.copy().subquery("o")).where(col("_closes"))
    on = exp.and_(exp.NullSafeEQ(this=col("_scope", "s"), expression=col("_scope", "e")),
                  exp.GTE(this=col("_reach", "s"), expression=col("_us", "e")))
    total = exp.Sub(this=col("_cum", "e"), expression=col("_before", "s"))
    return exp.select(col("_scope", "s"), col("_start", "s"), alias(total, "_total")) \
        .from_(starts.subquery("s")) \
        .join(exp.Join(this=ends.subquery("e"), on=on, method="ASOF"))


def spans(windows: exp.Expression, width: int, allowance: Fraction) -> exp.Select:
    """The windows summed up per scope, span of ``width`` counted from 1970 (``_span``) and
    day (UTC, ``_day``): their peak (``_peak``, as :func:`peak_of`), and of those over the
    allowance how many (``_over``) and the first and last start (``_first``, ``_last``). The
    windows over the allowance in one span overlap one another: a run never splits a span."""
    over = exceeds(col("_total"), allowance)

    def where_over(value):
        return exp.Case(ifs=[exp.If(this=over.copy(), true=value)])

    return exp.select(col("_scope"), alias(floor_div(col("_start"), width), "_span"),
                      alias(period_start("day", col("_start")), "_day"),
                      alias(peak_of(col("_total"), col("_start")), "_peak"),
                      alias(exp.Count(this=where_over(lit(1))), "_over"),
                      alias(exp.Min(this=where_over(col("_start"))), "_first"),
                      alias(exp.Max(this=where_over(col("_start"))), "_last")) \
        .from_(windows.subquery("w")).group_by(col("_scope"), col("_span"), col("_day"))


def keyed(scope: str, keys: list) -> exp.Expression:
    """The scope (``_scope``) is one of the keys."""
    return exp.or_(*[exp.NullSafeEQ(this=col(scope), expression=lit(k)) for k in keys])


def daily(spans_: exp.Expression, keys: list) -> exp.Select:
    """For the scope keys listed, per day (UTC), the largest total of the windows that start
    that day."""
    return exp.select(col("_scope"), col("_day"),
                      alias(exp.Max(this=field_of(col("_peak"), "total")), "_total")) \
        .from_(spans_.subquery("w")).where(keyed("_scope", keys)) \
        .group_by(col("_scope"), col("_day"))


def peaks(spans_: exp.Expression) -> exp.Select:
    """Per scope, the largest window total and the earliest window that reaches it
    (``_peak``, as :func:`peak_of`)."""
    return exp.select(col("_scope"), alias(exp.Max(this=col("_peak")), "_peak")) \
        .from_(spans_.subquery("w")).group_by(col("_scope"))


def runs(spans_: exp.Expression, width: int) -> exp.Select:
    """The windows over the allowance, overlapping ones joined into runs: per run, its scope,
    first and last window start, how many windows, and its peak: the start (``_start``) and
    total (``_total``) of its earliest largest window."""
    over = exp.select(col("_scope"), col("_first"), col("_last"), col("_over"), col("_peak")) \
        .from_(spans_.subquery("w")).where(exp.GT(this=col("_over"), expression=lit(0)))
    order = exp.Order(expressions=[exp.Ordered(this=col("_first"))])
    previous = exp.Window(this=exp.Lag(this=col("_last")), partition_by=[col("_scope")],
                          order=order.copy())
    fresh = exp.Case(ifs=[exp.If(this=exp.LT(this=exp.Sub(this=col("_first"), expression=previous),
                                             expression=lit(width)), true=lit(0))],
                     default=lit(1))
    flagged = exp.select(exp.Star(), alias(fresh, "_fresh")).from_(over.subquery("o"))
    numbered_run = exp.Window(
        this=exp.Sum(this=col("_fresh")), partition_by=[col("_scope")], order=order.copy(),
        spec=exp.WindowSpec(kind="ROWS", start="UNBOUNDED", start_side="PRECEDING",
                            end="CURRENT ROW"))
    numbered = exp.select(exp.Star(), alias(numbered_run, "_run")).from_(flagged.subquery("f"))
    found = exp.select(col("_scope"), alias(exp.Min(this=col("_first")), "_first"),
                       alias(exp.Max(this=col("_last")), "_last"),
                       alias(exp.Sum(this=col("_over")), "_windows"),
                       alias(exp.Max(this=col("_peak")), "_peak")) \
        .from_(numbered.subquery("n")).group_by(col("_scope"), col("_run"))
    return exp.select(col("_scope"), col("_first"), col("_last"), col("_windows"),
                      alias(exp.Neg(this=field_of(col("_peak"), "after")), "_start"),
                      alias(field_of(col("_peak"), "total"), "_total")) \
        .from_(found.subquery("r"))


def located(ordered_: exp.Expression, width: int, windows: exp.Expression) -> exp.Select:
    """For each window (``_scope``, ``_start``) of ``width`` microseconds listed in
    ``windows``, its first row and its largest (as :func:`first_of` and :func:`largest_of`)
    among the rows of :func:`ordered`. The windows of one scope key do not overlap, and each
    meets at most two spans of ``width``: rows are matched to windows by their key and span
    (an equi-join), then by their time."""
    last = exp.Add(this=col("_start"), expression=lit(width - 1))
    both = exp.union(
        exp.select(col("_scope"), col("_start"), alias(floor_div(col("_start"), width), "_span"))
        .from_(windows.copy().subquery("w")),
        exp.select(col("_scope"), col("_start"), alias(floor_div(last, width), "_span"))
        .from_(windows.copy().subquery("w"))
        .where(exp.NEQ(this=floor_div(last, width), expression=floor_div(col("_start"), width))),
        distinct=False)
    us = col("_us", "a")
    on = exp.and_(exp.NullSafeEQ(this=col("_scope", "a"), expression=col("_scope", "x")),
                  exp.EQ(this=floor_div(us, width), expression=col("_span", "x")),
                  exp.GTE(this=us.copy(), expression=col("_start", "x")),
                  exp.LT(this=us.copy(), expression=exp.Add(this=col("_start", "x"),
                                                            expression=lit(width))))
    return exp.select(col("_scope", "x"), col("_start", "x"),
                      alias(first_of(us.copy(), col("_loc", "a")), "_first"),
                      alias(largest_of(col("_amount", "a"), us.copy(), col("_loc", "a")),
                            "_largest")) \
        .from_(ordered_.subquery("a")).join(both.subquery("x"), on=on) \
        .group_by(col("_scope", "x"), col("_start", "x"))
