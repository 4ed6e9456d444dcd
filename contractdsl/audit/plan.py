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

import itertools
from decimal import Decimal
from fractions import Fraction

import attrs
from sqlglot import exp

from ..usage import GROUPED_BY_COMMAS, NOT_PLAIN, STRIPPED
from .source import TERMS, LogFile

FILE_ROWS = 10 ** 12  # `_loc` is file * FILE_ROWS + row
DECIMAL = exp.DataType.build("DECIMAL(38, 9)")  # amounts with fractions
INTEGER = exp.DataType.build("BIGINT")  # amounts that are whole numbers
A_NUMBER = r"^[+-]?([0-9]*)(?:[.]([0-9]*))?(?:[eE]([+-]?[0-9]+))?$"  # its digits, exponent
# A time as text, with its zone; blanks spelled out (engines' regular expressions differ on
# `\s`), none before the zone (which not every engine reads). An offset runs from -23:59 to
# +23:59, as in a usage file; the plan applies it itself (engines differ on offsets: Spark's
# reach 18 hours), so the engine reads only times in UTC.
BLANKS = r"[ \t\n\r\f]*"
# `T` and `Z` may be written `t` and `z`, as RFC 3339 allows and a usage file reads them.
CLOCK = r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.%s)?)?"
DATE_TIME = CLOCK % r"\d+"
OFFSET = r"[+-]([01]\d|2[0-3])(:?[0-5]\d)?"
# read to the microsecond, as a usage file reads it: no decimal but 0 after the sixth (the
# engines would cut the others, which could move a time across a deadline)
TIME_WITH_ZONE = r"^" + BLANKS + CLOCK % r"\d{1,6}0*" + r"(Z|z|" + OFFSET + r")" + BLANKS \
    + r"$"
AN_OFFSET = r"[+-]\d{2}(:?\d{2})?" + BLANKS + r"$"  # the offset at the end of a time
NO_SECONDS = r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}[Z+-]"  # `14:05Z` (in capitals): `14:05:00Z`
# the first and last microsecond of the calendar (0001-01-01 to 9999-12-31), in UTC
FIRST_US, LAST_US = -62_135_596_800_000_000, 253_402_300_799_999_999
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
            longer = {"max_line_size": log.longest} if log.longest > CSV_LINE else {}
            source = fn("read_csv", path, *_options(all_varchar=True, **CSV,
                                                    hive_partitioning=log.hive, **longer))
        else:
            source = fn("read_json", path, *_options(**_json_options(log)))
            if types is not None:
                source.append("expressions", exp.EQ(this=exp.var("columns"), expression=exp.Struct(
                    expressions=[exp.PropertyEQ(this=exp.to_identifier(name, quoted=True),
                                                expression=lit("VARCHAR")) for name in types])))
        row = exp.Window(this=exp.RowNumber())
        if log.format == "csv":
            row = exp.Add(this=row, expression=lit(1))
    loc = exp.Add(this=lit(index * FILE_ROWS), expression=row)
    return exp.select(alias(loc, "_loc"), exp.Star()).from_(exp.Table(this=source))


def objects(log: LogFile) -> exp.Table:
    """The rows of a JSON Lines file, each one JSON value (``json``)."""
    options = _json_options(log)
    options.pop("hive_partitioning")
    return exp.Table(this=fn("read_json_objects", lit(log.path), *_options(**options)))


def _json_options(log: LogFile) -> dict:
    options = {"format": "newline_delimited", "hive_partitioning": log.hive}
    if log.longest:  # (measured where the reader refused a row as too long)
        options["maximum_object_size"] = min(log.longest, JSON_MOST)
    return options


# A CSV log as written: its header the first line, fields separated by commas and quoted with
# `"` (doubled within), every row as many fields as the header. Left to guess, the reader would
# take a later row for the header, or another separator, when a row is malformed.
# (`strict_mode` is DuckDB 1.2's name for the option; hence `duckdb>=1.2`.)
CSV = {"header": True, "skip": 0, "delim": ",", "quote": '"', "escape": '"',
       "strict_mode": True, "null_padding": False}


# The longest CSV row DuckDB reads unless told the longest of the file (its bytes, its line end
# included: `max_line_size`), and the longest JSON Lines row it can be told of
# (`maximum_object_size`): told, it reads a row of any length, as Spark does.
CSV_LINE, JSON_MOST = 2_000_000, 2 ** 32 - 1


def _options(**options) -> list[exp.Expression]:
    return [exp.EQ(this=exp.var(k), expression=lit(v)) for k, v in options.items()]


def rounded(value: exp.Expression, source: exp.Expression, decimal: exp.Expression,
            kind: str) -> exp.Expression:
    """Whether an amount has more decimal places than ``DECIMAL`` holds (its ``decimal`` is
    rounded): written so (a digit other than 0 after the ninth place, once the text's
    exponent moves its point); a number (a float, a decimal column of ``kind``) other than
    its ``decimal`` read back as that kind (compared as they are, an engine may round both to
    the scale they share: Spark does)."""
    if kind not in TEXT:
        back = exp.TryCast(this=decimal.copy(), to=exp.DataType.build(kind, dialect="duckdb"))
        return exp.func("coalesce", exp.NEQ(this=value.copy(), expression=back), exp.false())
    # the places past the point of `I.FeE` are those of the digits `IF` without their
    # trailing zeros, less E (read from the text: a cast to a finer decimal holds too few
    # digits for 10^20 and more, and rounds past its own places)
    def part(group):
        return exp.RegexpExtract(this=source.copy(), expression=lit(A_NUMBER), group=lit(group))

    digits = exp.DPipe(this=part(1), expression=part(2))
    kept = exp.RegexpReplace(this=digits.copy(), expression=lit("0+$"), replacement=lit(""))
    exponent = exp.func("coalesce", exp.TryCast(this=part(3), to=INTEGER.copy()), lit(0))
    places = exp.Sub(this=exp.Sub(this=exp.Add(this=exp.Length(this=part(2)),
                                               expression=exp.Length(this=kept.copy())),
                                  expression=exp.Length(this=digits)), expression=exponent)
    return exp.and_(exp.NEQ(this=kept, expression=lit("")),
                    exp.GT(this=places, expression=lit(9)))


def digits_of(text: exp.Expression) -> exp.Expression:
    """An amount's text as a number is read from it: without the underscores and the commas
    that group its digits (`1,000` and `1_000` are 1000, as in a usage file); NULL where a
    comma does not group thousands (`2,5`), or a character is not ASCII (`５`, which Spark
    reads as 5)."""
    plain = exp.not_(exp.RegexpLike(this=text.copy(), expression=lit(NOT_PLAIN)))
    text = exp.func("replace", text, lit("_"), lit(""))
    grouped = exp.RegexpLike(this=text.copy(), expression=lit(GROUPED_BY_COMMAS))
    return exp.Case(ifs=[exp.If(this=exp.and_(plain, exp.or_(grouped, exp.not_(exp.Like(
        this=text.copy(), expression=lit("%,%"))))), true=exp.func(
            "replace", text, lit(","), lit("")))], default=exp.null())


def unpadded(value: exp.Expression) -> exp.Expression:
    """A value as text, without the blanks around it that a usage file reads a name or an
    amount without (:data:`~contractdsl.usage.STRIPPED`, a no-break space among them), alike
    on every engine (their own trims differ)."""
    text = exp.cast(value, "VARCHAR")
    # (a trim of these characters is costly in DuckDB, row by row: it is done only where the
    # text begins or ends with a character other than those from `!` to `~`; text compared
    # byte by byte, as both engines compare it, the text and its reverse)
    plain = exp.and_(*[exp.and_(exp.GTE(this=end, expression=lit("!")),
                                exp.LT(this=end.copy(), expression=lit("\x7f")))
                       for end in (text.copy(), exp.func("reverse", text.copy()))])
    return exp.Case(ifs=[exp.If(this=plain, true=text.copy())],
                    default=exp.Trim(this=text, expression=lit(STRIPPED)))


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
            trimmed = exp.Upper(this=exp.Trim(this=text.copy()))  # (`t`, `z`: as `T`, `Z`)
            with_seconds = exp.Case(ifs=[exp.If(
                this=exp.RegexpLike(this=trimmed.copy(), expression=lit(NO_SECONDS)),
                true=exp.DPipe(this=exp.DPipe(this=exp.Substring(this=trimmed.copy(),
                                                                 start=lit(1), length=lit(16)),
                                              expression=lit(":00")),
                               expression=exp.Substring(this=trimmed.copy(), start=lit(17))))],
                default=trimmed)
            # the offset (none for `Z`) taken off, the time read in UTC, then the offset applied
            read = exp.select(exp.Star(), alias(with_seconds, "_time"), alias(exp.RegexpExtract(
                this=trimmed.copy(), expression=lit(AN_OFFSET), group=lit(0)), "_offset")) \
                .from_(read.subquery("timed"))
            offset, written = col("_offset"), col("_time")
            utc = exp.DPipe(this=exp.Substring(this=written.copy(), start=lit(1), length=exp.Sub(
                this=exp.Length(this=written.copy()),
                expression=exp.Length(this=offset.copy()))), expression=lit("Z"))
            local = exp.Case(ifs=[exp.If(this=exp.EQ(this=offset.copy(), expression=lit("")),
                                         true=written.copy())], default=utc)
            parsed = exp.TryCast(this=local, to=exp.DataType.build("TIMESTAMPTZ"))

            def part(start):  # hours (from 2) or minutes (from 4) of the offset, else 0
                digits = exp.Substring(this=exp.func("replace", offset.copy(), lit(":"), lit("")),
                                       start=lit(start), length=lit(2))
                return exp.func("coalesce", exp.TryCast(this=digits, to=INTEGER.copy()), lit(0))

            shift = exp.Mul(this=exp.paren(exp.Add(this=exp.Mul(this=part(2), expression=lit(60)),
                                                   expression=part(4))),
                            expression=lit(60_000_000))
            behind = exp.EQ(this=exp.Substring(this=offset.copy(), start=lit(1), length=lit(1)),
                            expression=lit("-"))
            ahead = exp.Case(ifs=[exp.If(this=behind, true=exp.Neg(this=exp.paren(shift.copy())))],
                             default=shift)
            zoned = exp.RegexpLike(this=text, expression=lit(TIME_WITH_ZONE))
            us = exp.Case(ifs=[exp.If(this=zoned, true=exp.Sub(
                this=exp.UnixMicros(this=parsed), expression=exp.paren(ahead)))])
        else:
            raise WrongType("time", present["time"], kind)
        # no time, or one outside the calendar once in UTC
        flags["bad:time"] = exp.not_(exp.func("coalesce", exp.Between(
            this=us.copy(), low=lit(FIRST_US), high=lit(LAST_US)), exp.false()))
    selects.append(alias(us, "_us"))
    for name in TERMS:
        value = field(name)
        selects.append(alias(no_text() if value is None else unpadded(value), name))
    # a key as written, but a blank one empty (a row without a key, see `keyless`); an
    # endpoint, a name, as a term is
    for scope in shape.scopes:
        value = field(scope)
        if value is None:
            value = no_text()
        elif scope == "endpoint":
            value = unpadded(value)
        else:
            value = exp.Case(ifs=[exp.If(this=exp.EQ(this=unpadded(value.copy()),
                                                     expression=lit("")), true=lit(""))],
                             default=exp.cast(value, "VARCHAR"))
        selects.append(alias(value, scope_column(scope)))
    unit = field("unit")
    unit_text = no_text() if unit is None else unpadded(unit)
    selects.append(alias(unit_text, "unit"))
    parts: dict[str, list[exp.Expression]] = {u: [] for u in shape.units}
    for name in sorted({n for names in shape.units.values() for n in names} | {"amount"}):
        value = field(name)
        if value is None:
            continue
        kind = types[present[name]].upper()
        if not (kind in TEXT or kind.split("(")[0] in NUMERIC):
            raise WrongType(name, present[name], kind)
        source = digits_of(unpadded(value)) if kind in TEXT else value
        decimal = exp.TryCast(this=source, to=DECIMAL.copy())
        flags[f"bad:{name}"] = exp.LT(this=value.copy(), expression=lit(0)) \
            if whole_type(kind) else exp.and_(  # an integer is a number: negative is bad
                exp.not_(is_null(value.copy())),
                exp.or_(is_null(decimal.copy()), exp.LT(this=decimal.copy(), expression=lit(0)),
                        rounded(value, source, decimal, kind)))
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
    select = exp.select(*selects).from_(read.subquery("raw"))
    # what varies from row to row: the flags this file's columns may raise, the units it has
    select.meta["varying"] = {*flags, *(unit_column(u) for u, found in parts.items() if found)}
    return select


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


PLACES = 10 ** 19  # more than any `_loc`: a number and a place in the log make one number


def ranked(major: exp.Expression, place: exp.Expression) -> exp.Expression:
    """``major`` and then ``place`` (from 0 to ``PLACES``) as one 128-bit number that orders
    as the pair does: cheaper to compare than a struct (:func:`unranked` splits it)."""
    return exp.Add(this=exp.Mul(this=exp.cast(major, "HUGEINT"), expression=lit(PLACES)),
                   expression=place)


def unranked(value) -> tuple[int, int] | None:
    """The pair a :func:`ranked` number stands for (none for none: a row without a time)."""
    return None if value is None else divmod(int(value), PLACES)


def first_of(us: exp.Expression, loc: exp.Expression) -> exp.Expression:
    """The earliest row (by its time, then its place in the log), :func:`ranked`."""
    return exp.Min(this=ranked(us, loc))


def largest_of(amount: exp.Expression, us: exp.Expression, loc: exp.Expression
               ) -> exp.Expression:
    """The row with the largest amount (the earliest in the log of equals):
    ``{amount, after: -loc, us}``."""
    return exp.Max(this=record(amount=amount, after=exp.Neg(this=loc), us=us))


def heaviest(amount: exp.Expression, us: exp.Expression, loc: exp.Expression, whole: bool,
             name: str, at: str) -> list[exp.Expression]:
    """The largest row (the earliest in the log of equals), as columns ``name`` and ``at``:
    of whole amounts, its amount and place :func:`ranked` (the place counted down, so the
    earliest of equals is largest) in ``name`` and its time in ``at`` (cheaper to compare
    than a struct); else as :func:`largest_of` in ``name`` alone."""
    if not whole:
        return [alias(largest_of(amount, us, loc), name)]
    rank = ranked(amount, exp.Sub(this=lit(PLACES - 1), expression=loc))
    return [alias(exp.Max(this=rank), name),
            alias(exp.ArgMax(this=us, expression=rank.copy()), at)]


def unheavy(value, at=None) -> tuple:
    """The largest row :func:`heaviest` gives, as ``(amount, -loc, us)``."""
    if at is None and not isinstance(value, (int, Decimal)):
        return tuple(value.values()) if isinstance(value, dict) else tuple(value)
    amount, place = unranked(value)
    return amount, place - PLACES + 1, at


def peak_of(total: exp.Expression, start: exp.Expression) -> exp.Expression:
    """The window with the largest total (the earliest of equals): ``{total, after: -start}``."""
    return exp.Max(this=record(total=total, after=exp.Neg(this=start)))


def first_where(condition: exp.Expression) -> exp.Expression:
    """The first row in the log (its ``_loc``) where the condition holds."""
    return exp.Min(this=exp.Case(ifs=[exp.If(this=condition, true=col("_loc"))]))


def keyless(scope: str) -> exp.Expression:
    """A row states no key of ``scope``: its column holds no value, or a blank one (empty
    once its blanks are off, as :func:`file_rows` reads it)."""
    return exp.or_(is_null(col(scope_column(scope))),
                   exp.EQ(this=col(scope_column(scope)), expression=lit("")))


def unscoped(keys: tuple[str, ...]) -> list[exp.Expression]:
    """For each key of the log's own among ``keys``, the first row without it, or with a
    blank one (``none:KEY``)."""
    return [alias(first_where(keyless(k)), f"none:{k}")
            for k in keys if scope_column(k) != k]


def survey(relation: exp.Expression, facts: list, shape: Shape, units: list[str],
           flags: list[str], largest: list[str]) -> exp.Select:
    """One pass over the rows, per file, group of terms (``GROUP_KEY``, the facts in force),
    unit named and calendar month (``_month``): their rows, first row in the log (``_loc``),
    first and last times (``_first`` as :func:`first_of`, ``_last``), total in each of the
    ``units``, for each of the ``flags`` the first row it flags, and in each unit of
    ``largest`` the largest row (``largest:UNIT`` and ``at:UNIT``, as :func:`heaviest`).
    The scopes of the log's own are read by the limits that count per them (see
    :func:`unscoped`), not here: a column of keys is costly to read."""
    file = exp.cast(exp.IntDiv(this=col("_loc"), expression=lit(FILE_ROWS)), "BIGINT")
    key = [alias(file, "_file"), *[col(k) for k in (*GROUP_KEY, *fact_columns(facts), "unit")],
           alias(period_start("month", col("_us")), "_month")]

    selects = [*key, alias(exp.Count(this=exp.Star()), "_rows"),
               alias(exp.Min(this=col("_loc")), "_loc"),
               alias(first_of(col("_us"), col("_loc")), "_first"),
               alias(exp.Max(this=col("_us")), "_last")]
    selects += [alias(exp.Sum(this=col(unit_column(u))), unit_column(u)) for u in units]
    selects += [alias(first_where(col(flag)), flag) for flag in flags]
    for u in largest:
        selects += heaviest(col(unit_column(u)), col("_us"), col("_loc"), u in shape.whole,
                            f"largest:{u}", f"at:{u}")
    return exp.select(*selects).from_(relation.subquery("r")).group_by(
        *[exp.column(k.alias_or_name, quoted=True) for k in key])


def applying(relation: exp.Expression, keys: list[tuple], others: list[tuple],
             facts: list) -> exp.Select:
    """The rows of the groups whose keys are listed (the groups a limit applies to). Every
    row is of one group, so the rows are told apart from those of the ``others`` (the log's
    other groups) by the values of as few of the key's columns as do it (a row of the
    groups is read only once: a condition on one or two columns is cheaper than joining
    the keys whole)."""
    names_ = [*GROUP_KEY, *fact_columns(facts)]
    if not others:
        return exp.select(exp.Star()).from_(relation.copy().subquery("r"))
    cheap = sorted(range(len(names_)), key=lambda i: (not names_[i].startswith("_"),
                                                      TELLING.index(names_[i])
                                                      if names_[i] in TELLING else 0))
    for columns in [*((i,) for i in cheap), *itertools.combinations(cheap, 2)]:
        mine = {tuple(key[i] for i in columns) for key in keys}
        if len(mine) <= 32 and not mine & {tuple(key[i] for i in columns) for key in others}:
            return exp.select(exp.Star()).from_(relation.copy().subquery("r")).where(
                _one_of([names_[i] for i in columns], sorted(mine, key=_nulls_last)))
    values = exp.values([tuple(lit(v) for v in key) for key in keys], alias="g",
                        columns=[f"g:{n}" for n in names_])
    on = exp.and_(*[exp.NullSafeEQ(this=col(n, "r"), expression=col(f"g:{n}", "g"))
                    for n in names_])
    return exp.select(exp.Column(this=exp.Star(), table=exp.to_identifier("r"))) \
        .from_(relation.copy().subquery("r")).join(values, on=on)


TELLING = ("action", "app", "tier", "recipient", "purpose", "data")  # cheap to tell apart first


def at_endpoints(rows: exp.Expression, endpoints) -> exp.Select:
    """The rows that call one of ``endpoints`` (a limit `at` an endpoint binds those alone)."""
    return exp.select(exp.Star()).from_(rows.subquery("e")).where(
        _one_of([scope_column("endpoint")], [(e,) for e in sorted(endpoints)]))


def first_without(rows: exp.Expression, scope: str) -> exp.Select:
    """The first of the rows without a value of ``scope``, or with a blank one (None: every
    row has one)."""
    return exp.select(exp.Min(this=col("_loc"))).from_(rows.subquery("e")).where(
        keyless(scope))


def endpoints_of(rows: exp.Expression, endpoints) -> exp.Select:
    """Each endpoint the rows call that is none of ``endpoints``, with its first row."""
    column = col(scope_column("endpoint"))
    return exp.select(column, exp.Min(this=col("_loc"))).from_(rows.subquery("e")).where(
        exp.not_(_one_of([scope_column("endpoint")], [(e,) for e in sorted(endpoints)]))) \
        .group_by(column.copy())


def _nulls_last(values: tuple) -> tuple:
    return tuple((v is None, "" if v is None else str(v)) for v in values)


def _one_of(names_: list[str], values: list[tuple]) -> exp.Expression:
    """The columns hold one of the tuples of values (a null one: no value)."""
    if len(names_) == 1:
        listed = [lit(v) for (v,) in values if v is not None]
        tests = [exp.In(this=col(names_[0]), expressions=listed)] if listed else []
        if any(v is None for (v,) in values):
            tests.append(is_null(col(names_[0])))
        return exp.paren(exp.or_(*tests))
    return exp.paren(exp.or_(*[exp.and_(*[exp.NullSafeEQ(this=col(n), expression=lit(v))
                                          for n, v in zip(names_, row)]) for row in values]))


def exceeds(total: exp.Expression, allowance: Fraction) -> exp.Expression:
    """``total`` is more than ``allowance``, compared exactly (cross-multiplied)."""
    return exp.GT(this=exp.Mul(this=total, expression=lit(allowance.denominator)),
                  expression=lit(allowance.numerator))


def calendar_windows(rows_: exp.Expression, scope: tuple[str, ...], unit: str,
                     period: str) -> exp.Select:
    """The amount per scope per calendar period (``month`` or ``year``, UTC) of the rows, with
    each period's start (``_start``), first row (``_first``, as :func:`first_of`), largest
    row (``_largest``, as :func:`largest_of`) and, for each key of the log's own, its first
    row without it (as :func:`unscoped`)."""
    amount = col(unit_column(unit))
    return exp.select(alias(scope_of(scope), "_scope"),
                      alias(period_start(period, col("_us")), "_start"),
                      alias(exp.Sum(this=amount), "_total"),
                      alias(first_of(col("_us"), col("_loc")), "_first"),
                      alias(largest_of(amount.copy(), col("_us"), col("_loc")), "_largest"),
                      *unscoped(scope)) \
        .from_(rows_.subquery("a")).group_by(col("_scope"), col("_start"))


@attrs.frozen(kw_only=True)
class Grid:
    """How a sliding limit's rows are bucketed: windows of ``window`` microseconds, buckets
    of ``width`` (``window`` divided by ``per``, at least 2), counted from ``origin`` (a
    multiple of the window, at or before the limit's first row; so bucket ``k`` is
    ``origin + k * width`` on, and every ``per`` buckets from bucket 0 make a fixed period of
    the window's width); amounts ``whole`` or not."""

    window: int
    per: int
    origin: int
    whole: bool = True

    @property
    def width(self) -> int:
        return self.window // self.per

    def bucket(self, us: exp.Expression) -> exp.Expression:
        return exp.IntDiv(this=exp.paren(exp.Sub(this=us, expression=lit(self.origin))),
                          expression=lit(self.width))

    def start(self, bucket: exp.Expression, width: int | None = None) -> exp.Expression:
        """The first microsecond of a bucket (of ``width``, by default the grid's own)."""
        return exp.Add(this=lit(self.origin), expression=exp.Mul(
            this=exp.paren(bucket), expression=lit(width or self.width)))


def keyed_rows(rows_: exp.Expression, scope: tuple[str, ...], unit: str) -> exp.Select:
    """The rows with the key a limit counts per (``_scope``, as :func:`scope_of`), the
    amount it counts (``_amount``) and, for each key of the log's own, the row's place when
    it has none (``none:KEY``; summed up by :func:`buckets`)."""
    missing = [alias(exp.Case(ifs=[exp.If(this=keyless(k), true=col("_loc"))]), f"none:{k}")
               for k in scope if scope_column(k) != k]
    return exp.select(alias(scope_of(scope), "_scope"), col("_us"), col("_loc"),
                      alias(col(unit_column(unit)), "_amount"), *missing) \
        .from_(rows_.subquery("a"))


def _running(value: str, partition: list[str], order: str) -> exp.Window:
    """The running total of ``value`` in each partition, in order."""
    return exp.Window(this=exp.Sum(this=col(value)), partition_by=[col(p) for p in partition],
                      order=exp.Order(expressions=[exp.Ordered(this=col(order))]),
                      spec=exp.WindowSpec(kind="ROWS", start="UNBOUNDED",
                                          start_side="PRECEDING", end="CURRENT ROW"))


def buckets(keyed_: exp.Expression, grid: Grid, missing: tuple[str, ...] = ()) -> exp.Select:
    """The rows summed per scope key and bucket of the grid (``_k``): their number
    (``_rows``), total (``_total``), first and last times (``_lo``, ``_hi``), largest row
    (``_largest`` and ``_at``, as :func:`heaviest`), for each of the ``missing`` columns of
    :func:`keyed_rows` its first row, and the running total of the key's buckets up to this
    one (``_cum``)."""
    summed = exp.select(col("_scope"), alias(grid.bucket(col("_us")), "_k"),
                        alias(exp.Count(this=exp.Star()), "_rows"),
                        alias(exp.Sum(this=col("_amount")), "_total"),
                        alias(exp.Min(this=col("_us")), "_lo"),
                        alias(exp.Max(this=col("_us")), "_hi"),
                        *heaviest(col("_amount"), col("_us"), col("_loc"), grid.whole,
                                  "_largest", "_at"),
                        *[alias(exp.Min(this=col(m)), m) for m in missing]) \
        .from_(exp.select(*[col(c) for c in ("_scope", "_us", "_loc", "_amount", *missing)])
               .from_(keyed_.subquery("k")).subquery("r")).group_by(col("_scope"), col("_k"))
    return exp.select(exp.Star(), alias(_running("_total", ["_scope"], "_k"), "_cum")) \
        .from_(summed.subquery("s"))


def _over_buckets(function: exp.Expression, start: int, end: int) -> exp.Window:
    """``function`` over the buckets (``_k``) of the same key from ``start`` to ``end``
    buckets after the current one (0: itself; negative: before it)."""
    def bound(offset):
        if offset == 0:
            return "CURRENT ROW", None
        return lit(abs(offset)), "FOLLOWING" if offset > 0 else "PRECEDING"

    (low, low_side), (high, high_side) = bound(start), bound(end)
    return exp.Window(this=function, partition_by=[col("_scope")],
                      order=exp.Order(expressions=[exp.Ordered(this=col("_k"))]),
                      spec=exp.WindowSpec(kind="RANGE", start=low, start_side=low_side,
                                          end=high, end_side=high_side))


def _reaching(relation: exp.Expression, reach: int) -> exp.Select:
    """Each bucket of ``relation`` with the last bucket of its key at most ``reach`` buckets
    after it (by an as-of join): its place (``_e_k``), total (``_e_total``) and running
    total (``_e_cum``)."""
    base = exp.select(exp.Star(), alias(exp.Add(this=col("_k"), expression=lit(reach)), "_r")) \
        .from_(relation.copy().subquery("s"))
    on = exp.and_(exp.NullSafeEQ(this=col("_scope", "s"), expression=col("_scope", "e")),
                  exp.GTE(this=col("_r", "s"), expression=col("_k", "e")))
    return exp.select(exp.Column(this=exp.Star(), table=exp.to_identifier("s")),
                      *[alias(col(c, "e"), f"_e{c}") for c in ("_k", "_total", "_cum")]) \
        .from_(base.subquery("s")) \
        .join(exp.Join(this=relation.copy().subquery("e"), on=on, method="ASOF"))


BUCKET = ("_scope", "_k", "_rows", "_total", "_lo", "_hi")


def bucket_sums(buckets_: exp.Expression, grid: Grid, asof: bool = True) -> exp.Select:
    """What the buckets tell of the windows that start in each one.

    A window of ``per`` buckets' width that starts in bucket j lies within buckets j to
    j + per (its total is at most ``_upper``) and covers buckets j + 1 to j + per - 1 whole
    (``_inner``, the least it can be); the window from the first row of bucket j is at
    least the sum of buckets j to j + per - 1 (``_aligned``), and that row starts a real
    window. The sums over buckets are differences of running totals read by one as-of join
    (for an engine without it, window frames over the buckets): the last bucket of the key
    up to bucket j + per gives the running total through j + per (its own) and through
    j + per - 1 (its own less its total when it is bucket j + per itself)."""
    per = grid.per
    kept = [*BUCKET, "_largest", *(["_at"] if grid.whole else [])]
    if asof:
        reached = exp.select(exp.Star(), alias(col("_e_cum"), "_to_next"), alias(exp.Case(
            ifs=[exp.If(this=exp.EQ(this=col("_e_k"), expression=exp.Add(
                this=col("_k"), expression=lit(per))),
                true=exp.Sub(this=col("_e_cum"), expression=col("_e_total")))],
            default=col("_e_cum")), "_to_last")).from_(_reaching(buckets_, per).subquery("e"))
        before = exp.paren(exp.Sub(this=col("_cum"), expression=col("_total")))
        return exp.select(
            *[col(c) for c in kept],
            alias(exp.Sub(this=col("_to_last"), expression=before.copy()), "_aligned"),
            alias(exp.Sub(this=col("_to_next"), expression=before), "_upper"),
            alias(exp.Sub(this=col("_to_last"), expression=col("_cum")), "_inner")) \
            .from_(reached.subquery("r"))
    return exp.select(
        *[col(c) for c in kept],
        alias(_over_buckets(exp.Sum(this=col("_total")), 0, per - 1), "_aligned"),
        alias(_over_buckets(exp.Sum(this=col("_total")), 0, per), "_upper"),
        alias(exp.func("coalesce", _over_buckets(exp.Sum(this=col("_total")), 1, per - 1),
                       lit(0)), "_inner")).from_(buckets_.subquery("b"))


def bounds(sums: exp.Expression, grid: Grid, allowance: Fraction, every: bool = False
           ) -> exp.Select:
    """Whether the windows that start in each bucket must be summed exactly (``_refine``;
    all of them when ``every``), from :func:`bucket_sums`.

    Every window starting in a bucket is over the allowance when ``_inner`` is (``_all``),
    none is when ``_upper`` is not. A bucket is summed exactly when that does not decide
    it, when it may hold its key's peak (``_upper`` reaches the largest ``_aligned``), or
    when it may hold the peak of the run of windows over the allowance it belongs to:
    buckets whose windows are all over and whose first and last rows lie less than a
    window apart are surely in one run (``_seg``), whose peak is at least their largest
    ``_aligned``. Only the buckets whose windows are all over are ordered, and only their
    key, place and times (what is ordered is carried along)."""
    kept = [*BUCKET, "_largest", *(["_at"] if grid.whole else []), "_inner"]
    if every:
        return exp.select(*[col(c) for c in kept], alias(exp.false(), "_all"),
                          alias(exp.true(), "_refine")).from_(sums.subquery("s"))
    least = exp.select(col("_scope"), alias(exp.Max(this=col("_aligned")), "_least_peak")) \
        .from_(sums.copy().subquery("s")).group_by(col("_scope"))
    order = exp.Order(expressions=[exp.Ordered(this=col("_k"))])
    previous = exp.Window(this=exp.Lag(this=col("_hi")), partition_by=[col("_scope")],
                          order=order.copy())
    apart = exp.Case(ifs=[exp.If(this=exp.LT(this=exp.Sub(this=col("_lo"), expression=previous),
                                             expression=lit(grid.window)), true=lit(0))],
                     default=lit(1))
    fresh = exp.select(col("_scope"), col("_k"), col("_aligned"), alias(apart, "_fresh")) \
        .from_(sums.copy().subquery("s")).where(exceeds(col("_inner"), allowance))
    segments = exp.select(col("_scope"), col("_k"), col("_aligned"),
                          alias(_running("_fresh", ["_scope"], "_k"), "_seg")) \
        .from_(fresh.subquery("f"))
    seg_peak = exp.select(col("_scope"), col("_k"), alias(exp.Window(
        this=exp.Max(this=col("_aligned")), partition_by=[col("_scope"), col("_seg")]),
        "_seg_peak")).from_(segments.subquery("g"))
    all_ = exceeds(col("_inner", "s"), allowance)
    refine = exp.or_(
        exp.and_(exp.not_(all_.copy()), exceeds(col("_upper", "s"), allowance)),
        exp.GTE(this=col("_upper", "s"), expression=col("_least_peak", "l")),
        exp.GTE(this=col("_upper", "s"), expression=col("_seg_peak", "p")))

    def same(name):  # the same scope key as the bucket's
        return exp.NullSafeEQ(this=col("_scope", "s"), expression=col("_scope", name))

    return exp.select(*[col(c, "s") for c in kept], alias(all_, "_all"),
                      alias(exp.func("coalesce", exp.paren(refine), exp.false()), "_refine")) \
        .from_(sums.copy().subquery("s")) \
        .join(least.subquery("l"), on=same("l")) \
        .join(seg_peak.subquery("p"), join_type="LEFT", on=exp.and_(
            same("p"), exp.EQ(this=col("_k", "s"), expression=col("_k", "p"))))


def needed_rows(keyed_: exp.Expression, grid: Grid, bounds_: exp.Expression) -> exp.Select:
    """The rows that the windows summed exactly need, each with its bucket (``_k``), whether
    the windows starting in its bucket are summed (``_refine``) and whether those of the
    bucket ``per`` before it are (``_closes``). A window starting in bucket j covers buckets
    j + 1 to j + per - 1 whole, whose sum the buckets give, so it needs the rows of buckets
    j and j + per only: the rows are joined once to the buckets so needed."""
    def flagged(shift, refine):  # each bucket summed, as the bucket `shift` after it
        return exp.select(col("_scope"), alias(exp.Add(this=col("_k"), expression=lit(shift)),
                                               "_k"),
                          alias(lit(refine), "_refine"), alias(lit(not refine), "_closes")) \
            .from_(bounds_.copy().subquery("b")).where(col("_refine"))

    both = exp.union(flagged(0, True), flagged(grid.per, False), distinct=False)
    flags = exp.select(col("_scope"), col("_k"),
                       alias(exp.Max(this=col("_refine")), "_refine"),
                       alias(exp.Max(this=col("_closes")), "_closes")) \
        .from_(both.subquery("f")).group_by(col("_scope"), col("_k"))
    with_bucket = exp.select(exp.Star(), alias(grid.bucket(col("_us")), "_k")).from_(
        keyed_.subquery("k"))
    return exp.select(col("_scope", "r"), col("_us", "r"), col("_loc", "r"),
                      col("_amount", "r"), col("_k", "r"), col("_refine", "s"),
                      col("_closes", "s")) \
        .from_(with_bucket.subquery("r")).join(flags.subquery("s"), on=exp.and_(
            exp.NullSafeEQ(this=col("_scope", "r"), expression=col("_scope", "s")),
            exp.EQ(this=col("_k", "r"), expression=col("_k", "s"))))


def sliding_windows(needed_: exp.Expression, bounds_: exp.Expression, grid: Grid
                    ) -> exp.Select:
    """The total per scope key of the window that starts at each time summed exactly
    (``_start``, in bucket ``_k``, with the calls at that time, ``_calls``, and the window's
    ``_total``).

    A window starting at t in bucket j holds the rows of bucket j from t on, the buckets
    j + 1 to j + per - 1 whole (``_inner``) and the rows of bucket j + per before t plus a
    window. So its total is the bucket's (``_total``) and ``_inner``, plus the rows of
    bucket j + per, moved a window earlier, before t, less the rows of bucket j before t:
    one running total over both kinds of rows in time order (at one time, the rows of
    bucket j first), with, at the last instant of each bucket, one more of what brings it
    back to 0, so that no bucket's runs into the next."""
    window = grid.window
    own = exp.select(col("_scope"), col("_k"), alias(col("_us"), "_t"), alias(lit(0), "_role"),
                     alias(exp.Neg(this=col("_amount")), "_w"), col("_us")) \
        .from_(needed_.copy().subquery("n")).where(col("_refine"))
    moved = exp.select(col("_scope"), alias(exp.Sub(this=col("_k"), expression=lit(grid.per)),
                                            "_k"),
                       alias(exp.Sub(this=col("_us"), expression=lit(window)), "_t"),
                       alias(lit(1), "_role"), alias(col("_amount"), "_w"),
                       alias(exp.cast(exp.null(), "BIGINT"), "_us")) \
        .from_(needed_.copy().subquery("n")).where(col("_closes"))
    later = exp.select(col("_scope"), alias(exp.Sub(this=col("_k"), expression=lit(grid.per)),
                                            "_k"), col("_total")).from_(
        bounds_.copy().subquery("b"))
    closing = exp.select(
        col("_scope", "b"), col("_k", "b"),
        alias(exp.Sub(this=grid.start(exp.Add(this=col("_k", "b"), expression=lit(1))),
                      expression=lit(1)), "_t"),
        alias(lit(2), "_role"),
        alias(exp.Sub(this=col("_total", "b"), expression=exp.func(
            "coalesce", col("_total", "l"), lit(0))), "_w"),
        alias(exp.cast(exp.null(), "BIGINT"), "_us")) \
        .from_(bounds_.copy().subquery("b")) \
        .join(later.subquery("l"), join_type="LEFT", on=exp.and_(
            exp.NullSafeEQ(this=col("_scope", "b"), expression=col("_scope", "l")),
            exp.EQ(this=col("_k", "b"), expression=col("_k", "l")))) \
        .where(col("_refine", "b"))
    both = exp.union(exp.union(own, moved, distinct=False), closing, distinct=False)
    through = exp.Window(
        this=exp.Sum(this=col("_w")), partition_by=[col("_scope")],
        order=exp.Order(expressions=[exp.Ordered(this=exp.Add(
            this=exp.Mul(this=col("_t"), expression=lit(3)), expression=col("_role")))]),
        spec=exp.WindowSpec(kind="ROWS", start="UNBOUNDED", start_side="PRECEDING",
                            end="CURRENT ROW"))
    # in order of time and role (one number orders faster than two); the total before a
    # row: through it, less itself (a frame that ends at the row is summed as it goes)
    ran = exp.select(exp.Star(), alias(exp.Sub(this=through, expression=col("_w")), "_ran")) \
        .from_(both.subquery("e"))
    # at one time, the first of its rows has the others after it: the largest running total
    starts = exp.select(col("_scope"), col("_k"), col("_us"),
                        alias(exp.Count(this=exp.Star()), "_calls"),
                        alias(exp.Max(this=col("_ran")), "_ran")) \
        .from_(ran.subquery("r")).where(exp.EQ(this=col("_role"), expression=lit(0))) \
        .group_by(col("_scope"), col("_k"), col("_us"))
    total = exp.Add(this=exp.Add(this=col("_total", "b"), expression=col("_inner", "b")),
                    expression=col("_ran", "s"))
    return exp.select(col("_scope", "s"), col("_k", "s"), alias(col("_us", "s"), "_start"),
                      col("_calls", "s"), alias(total, "_total")) \
        .from_(starts.subquery("s")).join(bounds_.copy().subquery("b"), on=exp.and_(
            exp.NullSafeEQ(this=col("_scope", "s"), expression=col("_scope", "b")),
            exp.EQ(this=col("_k", "s"), expression=col("_k", "b"))))


def summaries(windows: exp.Expression, allowance: Fraction, bounds_: exp.Expression
              ) -> exp.Select:
    """Per scope key and bucket, the windows starting in it: their peak (``_peak``, as
    :func:`peak_of`; none for a bucket not summed exactly, which cannot hold one), and of
    those over the allowance the calls that start them (``_over``) and the first and last
    start (``_first``, ``_last``): from the windows summed exactly, and for the buckets whose
    windows are all over and not summed, from their rows. The windows over the allowance in
    one bucket overlap one another: a run never splits a bucket."""
    over = exceeds(col("_total"), allowance)

    def where_over(value):
        return exp.Case(ifs=[exp.If(this=over.copy(), true=value)])

    exact = exp.select(col("_scope"), col("_k"), alias(peak_of(col("_total"), col("_start")),
                                                       "_peak"),
                       alias(exp.func("coalesce", exp.Sum(this=where_over(col("_calls"))),
                                      lit(0)), "_over"),
                       alias(exp.Min(this=where_over(col("_start"))), "_first"),
                       alias(exp.Max(this=where_over(col("_start"))), "_last")) \
        .from_(windows.subquery("w")).group_by(col("_scope"), col("_k"))
    # a null peak of the peaks' type
    none = exp.Case(ifs=[exp.If(this=exp.false(), true=record(
        total=col("_total"), after=exp.Neg(this=col("_lo"))))])
    unsummed = exp.select(col("_scope"), col("_k"), alias(none, "_peak"),
                          alias(col("_rows"), "_over"), alias(col("_lo"), "_first"),
                          alias(col("_hi"), "_last")) \
        .from_(bounds_.subquery("b")).where(exp.and_(col("_all"), exp.not_(col("_refine"))))
    return exp.union(exact, unsummed, distinct=False)


def keyed(scope: str, keys: list) -> exp.Expression:
    """The scope (``_scope``) is one of the keys."""
    return exp.or_(*[exp.NullSafeEQ(this=col(scope), expression=lit(k)) for k in keys])


def periods(buckets_: exp.Expression, grid: Grid, keys: list) -> exp.Select:
    """For the scope keys listed, per day (UTC), the largest total of the fixed periods of
    the window's width (counted from ``origin``, a multiple of it) that start that day."""
    period = exp.IntDiv(this=col("_k"), expression=lit(grid.per))
    summed = exp.select(col("_scope"), alias(period, "_p"),
                        alias(exp.Sum(this=col("_total")), "_total")) \
        .from_(buckets_.subquery("b")).where(keyed("_scope", keys)) \
        .group_by(col("_scope"), col("_p"))
    day = period_start("day", grid.start(col("_p"), grid.window))
    return exp.select(col("_scope"), alias(day, "_day"),
                      alias(exp.Max(this=col("_total")), "_total")) \
        .from_(summed.subquery("s")).group_by(col("_scope"), col("_day"))


def peaks(summaries_: exp.Expression) -> exp.Select:
    """Per scope, the largest window total and the earliest window that reaches it
    (``_peak``, as :func:`peak_of`)."""
    return exp.select(col("_scope"), alias(exp.Max(this=col("_peak")), "_peak")) \
        .from_(summaries_.subquery("w")).group_by(col("_scope"))


def runs(summaries_: exp.Expression, width: int) -> exp.Select:
    """The windows over the allowance, overlapping ones joined into runs: per run, its scope,
    first and last window start, how many calls start them, and its peak: the start
    (``_start``) and total (``_total``) of its earliest largest window."""
    over = exp.select(col("_scope"), col("_first"), col("_last"), col("_over"), col("_peak")) \
        .from_(summaries_.subquery("w")).where(exp.GT(this=col("_over"), expression=lit(0)))
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
                       alias(exp.Sum(this=col("_over")), "_calls"),
                       alias(exp.Max(this=col("_peak")), "_peak")) \
        .from_(numbered.subquery("n")).group_by(col("_scope"), col("_run"))
    return exp.select(col("_scope"), col("_first"), col("_last"), col("_calls"),
                      alias(exp.Neg(this=field_of(col("_peak"), "after")), "_start"),
                      alias(field_of(col("_peak"), "total"), "_total")) \
        .from_(found.subquery("r"))


def located(needed_: exp.Expression, bounds_: exp.Expression, grid: Grid,
            windows: exp.Expression) -> exp.Select:
    """For each window (``_scope``, ``_start``) listed in ``windows`` (each starting in a
    bucket summed exactly), its first row (as :func:`first_of`: a row at its start) and its
    largest (``_largest`` and ``_at``, as :func:`heaviest`): the largest of the rows of its
    first bucket from its start on, of the buckets it covers whole (as the buckets give
    them) and of the rows of the bucket ``per`` later before its end."""
    start = col("_start", "x")
    keyed_windows = exp.select(exp.Star(), alias(grid.bucket(col("_start")), "_k")).from_(
        windows.copy().subquery("w"))
    same = exp.NullSafeEQ(this=col("_scope", "a"), expression=col("_scope", "x"))
    rows_in = exp.and_(same.copy(), exp.GTE(this=col("_us", "a"), expression=start.copy()),
                       exp.LT(this=col("_us", "a"), expression=exp.Add(
                           this=start.copy(), expression=lit(grid.window))),
                       exp.In(this=col("_k", "a"), expressions=[
                           col("_k", "x"), exp.Add(this=col("_k", "x"), expression=lit(grid.per))]))
    first = exp.select(col("_scope", "x"), col("_start", "x"),
                       alias(first_of(col("_us", "a"), col("_loc", "a")), "_first")) \
        .from_(keyed_windows.subquery("x")).join(needed_.copy().subquery("a"), on=exp.and_(
            same.copy(), exp.EQ(this=col("_us", "a"), expression=start.copy()))) \
        .group_by(col("_scope", "x"), col("_start", "x"))
    parts = heaviest(col("_amount", "a"), col("_us", "a"), col("_loc", "a"), grid.whole,
                     "_largest", "_at")
    from_rows = exp.select(col("_scope", "x"), col("_start", "x"), *parts) \
        .from_(keyed_windows.subquery("x")).join(needed_.copy().subquery("a"), on=rows_in) \
        .group_by(col("_scope", "x"), col("_start", "x"))
    if grid.whole:
        middle = [alias(exp.Max(this=col("_largest", "a")), "_largest"),
                  alias(exp.ArgMax(this=col("_at", "a"), expression=col("_largest", "a")), "_at")]
    else:
        middle = [alias(exp.Max(this=col("_largest", "a")), "_largest")]
    covered = exp.and_(same.copy(), exp.GT(this=col("_k", "a"), expression=col("_k", "x")),
                       exp.LT(this=col("_k", "a"), expression=exp.Add(
                           this=col("_k", "x"), expression=lit(grid.per))))
    from_buckets = exp.select(col("_scope", "x"), col("_start", "x"), *middle) \
        .from_(keyed_windows.subquery("x")).join(bounds_.copy().subquery("a"), on=covered) \
        .group_by(col("_scope", "x"), col("_start", "x"))
    both = exp.union(from_rows, from_buckets, distinct=False)
    if grid.whole:
        largest = [alias(exp.Max(this=col("_largest")), "_largest"),
                   alias(exp.ArgMax(this=col("_at"), expression=col("_largest")), "_at")]
    else:
        largest = [alias(exp.Max(this=col("_largest")), "_largest"), alias(exp.null(), "_at")]
    heaviest_ = exp.select(col("_scope"), col("_start"), *largest).from_(both.subquery("b")) \
        .group_by(col("_scope"), col("_start"))
    return exp.select(col("_scope", "f"), col("_start", "f"), col("_first", "f"),
                      col("_largest", "h"), col("_at", "h")) \
        .from_(first.subquery("f")).join(heaviest_.subquery("h"), on=exp.and_(
            exp.NullSafeEQ(this=col("_scope", "f"), expression=col("_scope", "h")),
            exp.EQ(this=col("_start", "f"), expression=col("_start", "h"))))
