"""The Spark engine: the audit's plan emitted as Spark SQL and run on the Spark master the
environment names (``SPARK_MASTER``; else ``--master`` in ``PYSPARK_SUBMIT_ARGS``; else
``local[*]``, in this process's own JVM). The log's files are read by Spark's readers into
views holding the same columns as DuckDB's (``_loc``: file and row, the row counted as DuckDB
counts it), so everything after the reading is the one plan of :mod:`.plan`."""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
import time
import uuid
from pathlib import Path

from sqlglot import exp

from ..errors import InputError
from . import plan
from .source import LogFile

INSTALL = "help: install it with `pip install 'contractdsl[spark]'`"
JAVA = ("help: install a Java runtime, 17 or later (on Debian: "
        "`apt-get install default-jre-headless`), or set JAVA_HOME to one")
# pyspark logs every error of a query as it raises it; the audit says the errors it meets
PYSPARK_LOGGERS = ("SQLQueryContextLogger", "DataFrameQueryContextLogger")
# Spark's types under the names the plan reads them by (DuckDB's)
TYPES = {"string": "VARCHAR", "varchar": "VARCHAR", "char": "VARCHAR",
         "timestamp": "TIMESTAMP WITH TIME ZONE", "timestamp_ntz": "TIMESTAMP",
         "tinyint": "TINYINT", "smallint": "SMALLINT", "int": "INTEGER", "bigint": "BIGINT",
         "float": "FLOAT", "double": "DOUBLE", "decimal": "DECIMAL", "boolean": "BOOLEAN",
         "date": "DATE", "binary": "BLOB"}
SETTINGS = {  # each audit's own session: times in UTC, sums exact or an error, never wrapped
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.ansi.enabled": "true",
    "spark.sql.decimalOperations.allowPrecisionLoss": "false",
    "spark.sql.parquet.inferTimestampNTZ.enabled": "true",
}
CASE_SENSITIVE = "spark.sql.caseSensitive"
JAVA_INT_MAX = 2**31 - 1  # the longest a value read can be told to be
SETTLING = 30  # seconds a cancelled job may take to stop before its tables are let go


def master() -> str | None:
    """The master the environment names (None: the one given in ``PYSPARK_SUBMIT_ARGS``)."""
    named = os.environ.get("SPARK_MASTER", "").strip()
    if named:
        return named
    if "--master" in os.environ.get("PYSPARK_SUBMIT_ARGS", ""):
        return None
    return "local[*]"


def session():
    """A session of its own (its views and settings) on the running Spark application, or on
    one started for the audit."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise InputError(f"the spark engine needs pyspark, which is not installed\n{INSTALL}") \
            from None
    from pyspark import SparkContext

    running = SparkSession.getActiveSession()
    if running is None:
        running = SparkSession.builder.getOrCreate() if SparkContext._active_spark_context \
            else _start(SparkSession)
    own = running.newSession()
    for key, value in SETTINGS.items():
        own.conf.set(key, value)
    return own


def _start(SparkSession):
    """Spark started in a JVM of its own, whose output (Spark's log, the JVM's warnings) goes
    to a temporary file: read back when it cannot start, to say why."""
    if "PYSPARK_GATEWAY_PORT" in os.environ:  # under spark-submit: its JVM is there already
        return SparkSession.builder.getOrCreate()
    from pyspark import SparkConf, SparkContext
    from pyspark.java_gateway import launch_gateway

    home = os.environ.get("JAVA_HOME")
    if not (home and (Path(home) / "bin" / "java").exists()) and not shutil.which("java"):
        raise InputError(f"the spark engine needs java, which was not found\n{JAVA}")
    conf = SparkConf().setAppName("contractdsl audit").set("spark.ui.showConsoleProgress",
                                                           "false")
    where = master()
    if where is not None:
        conf.setMaster(where)
        if where.startswith("local"):  # one machine: no web page, a shuffle part per core
            conf.set("spark.ui.enabled", "false")
            conf.set("spark.sql.shuffle.partitions", str(2 * (os.cpu_count() or 1)))
    output = tempfile.TemporaryFile()
    try:
        gateway = launch_gateway(conf, popen_kwargs={"stdout": output, "stderr": output})
        SparkContext(conf=conf, gateway=gateway)
    except Exception as err:  # noqa: BLE001 - the JVM did not start, whatever the reason
        output.seek(0)
        said = [line.strip() for line in output.read().decode(errors="replace").splitlines()]
        reason = next((line for line in said if "Error" in line or "Exception" in line),
                      str(err).strip().splitlines()[0] if str(err).strip() else "no reason")
        raise InputError(f"spark could not start: {reason[:200]}\nhelp: Spark 4 needs java 17 "
                         "or later (`java -version` says which runs; JAVA_HOME picks another), "
                         f"and the master `{where or os.environ.get('PYSPARK_SUBMIT_ARGS')}` "
                         "must be reachable") from None
    return SparkSession.builder.getOrCreate()


@contextlib.contextmanager
def _unlogged():
    loggers = [logging.getLogger(name) for name in PYSPARK_LOGGERS]
    before = [logger.disabled for logger in loggers]
    for logger in loggers:
        logger.disabled = True
    try:
        yield
    finally:
        for logger, was in zip(loggers, before):
            logger.disabled = was


def spark_type(kind) -> str:
    """A Spark type under the plan's name for it."""
    text = kind.simpleString()
    base, _, rest = text.partition("(")
    name = TYPES.get(base, text.upper())
    return f"{name}({rest}" if rest and name == "DECIMAL" else name


def spark_sql(query: exp.Expression) -> str:
    """The query as Spark SQL, each TRY_CAST kept one (sqlglot writes a plain CAST for Spark
    unless told the cast is safe, and a plain CAST fails on a bad value), and each 128-bit
    integer (which Spark lacks) a decimal of 38 digits."""
    def safe(node):
        if isinstance(node, exp.TryCast):
            node.set("safe", True)
        if isinstance(node, exp.DataType) and node.this == exp.DataType.Type.INT128:
            return exp.DataType.build("DECIMAL(38, 0)")  # Spark's widest whole number
        return node

    return query.transform(safe).sql("spark")


class Spark:
    """The Spark engine: a session of its own; each file of the log a view; a table kept for
    reading again is checkpointed (its rows kept, its lineage cut) until dropped or the audit
    ends."""

    asof = False  # Spark SQL has no as-of join: sliding windows are window frames

    def __init__(self):
        self.session = session()
        from py4j.protocol import Py4JError
        from pyspark.errors import PySparkException

        self.error = (PySparkException, Py4JError)
        self.views: set[str] = set()
        self.cached: dict[str, object] = {}
        # the audit's jobs, told apart from any other work of the application
        self.tag = f"contractdsl-audit-{uuid.uuid4().hex}"
        self.session.sparkContext.addJobTag(self.tag)

    def watch(self, tick) -> None:
        """Spark's share of a query done is not told; the audit's stages are."""

    def sql(self, query: exp.Expression):
        return self.session.sql(spark_sql(query))

    def fetch(self, query: exp.Expression) -> list[tuple]:
        with _unlogged():
            try:
                return [tuple(row) for row in self.sql(query).collect()]
            except self.error as err:
                raise _failed(err) from None

    def materialize(self, name: str, query: exp.Expression) -> exp.Expression:
        """The query's rows computed now and kept (in memory, spilling to disk) for the
        queries that read them again, as rows without the query that made them (a local
        checkpoint): a query that reads a kept table plans those rows, not every query before
        them. (A cached table keeps its query, planned again by each query that reads it, once
        for each time it reads it, with the queries that query read: a sliding limit's last
        queries were plans of thousands of nodes and megabytes of text over a log of 1,560
        rows, which filled the driver's heap.)"""
        from pyspark import StorageLevel

        with _unlogged():
            try:
                frame = self.sql(query).localCheckpoint(
                    eager=True, storageLevel=StorageLevel.MEMORY_AND_DISK)
            except self.error as err:
                raise _failed(err) from None
            frame.createOrReplaceTempView(name)
        if name in self.cached:
            self.settle()
            _free(self.cached[name])
        self.cached[name] = frame
        return exp.select(exp.Star()).from_(exp.to_table(name, quoted=True))

    def drop(self, name: str) -> None:
        """Forget a table kept by :meth:`materialize`."""
        if name in self.cached:
            self.settle()
            _free(self.cached.pop(name))
            self.session.catalog.dropTempView(name)

    def settle(self) -> None:
        """Stop what still runs of the audit's finished queries, before a table they read is
        let go: a query may leave running a part of itself that it planned and then did not
        need (the broadcast of one side of a join, in a thread of its own), which would fail
        on the rows let go."""
        context = self.session.sparkContext
        tracker = context.statusTracker()

        def running() -> bool:
            for job in context._jsc.sc().statusTracker().getJobIdsForTag(self.tag):
                info = tracker.getJobInfo(job)
                if info is None:
                    continue
                if info.status == "RUNNING" or any(
                        (stage := tracker.getStageInfo(s)) is not None and stage.numActiveTasks
                        for s in info.stageIds):
                    return True
            return False

        if not running():
            return
        context.cancelJobsWithTag(self.tag)
        until = time.monotonic() + SETTLING
        while running() and time.monotonic() < until:
            time.sleep(0.02)

    def columns(self, query: exp.Expression) -> dict[str, str]:
        with _unlogged():
            return {f.name: spark_type(f.dataType) for f in self.sql(query).schema.fields}

    def reader(self, index: int, log: LogFile, types: dict[str, str] | None = None
               ) -> exp.Select:
        """The rows of one file with ``_loc`` (see :func:`.plan.reader`), from a view read by
        Spark; a JSON Lines file with ``types`` is read as text."""
        text = log.format == "json" and types is not None
        name = f"log{index}" + ("_text" if text else "")
        if name not in self.views:
            with _unlogged():
                self._read(index, log, types if text else None).createOrReplaceTempView(name)
            self.views.add(name)
        return exp.select(exp.Star()).from_(exp.to_table(name, quoted=True))

    def keys(self, index: int, log: LogFile, seen: list[str]) -> list[str]:
        """Every key the rows of a JSON Lines file write: its reader's columns (it reads every
        row for them, each name as written: see :meth:`_read`)."""
        return seen

    def _read(self, index: int, log: LogFile, text: dict[str, str] | None):
        from pyspark.sql import functions as F
        from pyspark.sql.types import StringType, StructField, StructType

        read = self.session.read
        if log.hive:
            read = read.option("basePath", _hive_base(log.path))
        start = F.lit(index * plan.FILE_ROWS + 1)
        if log.format == "parquet":
            frame = read.parquet(log.path)
            return frame.select((start + F.col("_metadata.row_index")).alias("_loc"), "*")
        if log.format == "csv":  # every value as text, as DuckDB reads it; the file's shape
            # checked first (source.check_csv), read whole where a value holds a line break
            frame = read.options(header=True, escape='"', mode="FAILFAST",
                                 multiLine=log.multiline).csv(log.path)
            start = start + 1  # the header is line 1
        else:
            if text is not None:
                read = read.schema(StructType([StructField(n, StringType()) for n in text]))
            # (Jackson reads a value of at most 20,000,000 characters unless told: a JSON Lines
            # row of any length is read, as DuckDB reads it)
            if text is None:  # read for its columns only: each key as written, so that a
                # name written both ways (`requests`, `Requests`) is two columns, which the
                # audit refuses as DuckDB's reader reads them, not one the reader refuses
                with self._case_sensitive():
                    frame = read.options(mode="FAILFAST", maxStringLen=JAVA_INT_MAX) \
                        .json(log.path)
                    return frame.select(F.lit(None).cast("bigint").alias("_loc"), "*")
            frame = read.options(mode="FAILFAST", maxStringLen=JAVA_INT_MAX).json(log.path)
        return self._numbered(frame, start, f"log{index}")

    @contextlib.contextmanager
    def _case_sensitive(self):
        """Names told apart by case while the block runs."""
        conf = self.session.conf
        before = conf.get(CASE_SENSITIVE)
        conf.set(CASE_SENSITIVE, "true")
        try:
            yield
        finally:
            conf.set(CASE_SENSITIVE, before)

    def _numbered(self, frame, start, name: str):
        """A text file's rows numbered in the file's order, read once and kept (in memory,
        spilling to disk) for the queries that read them again. Spark reads a file in blocks,
        each in one task, so a row's number is the rows of the blocks before its own, plus its
        place in its block (told by an id that increases within a task)."""
        from pyspark import StorageLevel
        from pyspark.sql import functions as F

        marked = frame.select(F.col("_metadata.file_block_start").alias("_block"),
                              F.monotonically_increasing_id().alias("_id"), "*") \
            .persist(StorageLevel.MEMORY_AND_DISK)
        self.cached[f"{name}_read"] = marked
        blocks = sorted(tuple(r) for r in marked.groupBy("_block").agg(
            F.count(F.lit(1)), F.min("_id")).collect())
        offset, before = F.lit(0), 0
        for block, rows, first in blocks:
            offset = F.when(F.col("_block") == block, F.lit(before - first)).otherwise(offset)
            before += rows
        return marked.select((start + offset + F.col("_id")).alias("_loc"),
                             *[F.col("`" + c.replace("`", "``") + "`") for c in frame.columns])

    def close(self) -> None:
        """The cached tables and the views dropped."""
        if self.cached:
            self.settle()
        for frame in self.cached.values():
            _free(frame)
        self.session.sparkContext.removeJobTag(self.tag)
        for name in self.views | set(self.cached):
            self.session.catalog.dropTempView(name)  # no view of the name: nothing done


def _free(frame) -> None:
    """The rows kept of a frame let go: a cached frame's, or a checkpointed one's (the rows
    of the one RDD its plan reads)."""
    frame.unpersist()
    plan_ = frame._jdf.queryExecution().logical()
    if plan_.getClass().getSimpleName() == "LogicalRDD":
        plan_.rdd().unpersist(False)


def _failed(err) -> InputError:
    return InputError(f"spark could not run the audit: {_reason(str(err))[:300]}\nhelp: the "
                      "log may hold a row the reader cannot parse; the same log on "
                      "`--engine duckdb` may say where")


def _hive_base(path: str) -> str:
    """The folder above a file's first `key=value` folder: where Spark finds the partitions."""
    parts = Path(path).parent.parts
    first = next(i for i, part in enumerate(parts) if "=" in part)
    return str(Path(*parts[:first])) if first else "."


def _reason(text: str) -> str:
    """The line of a Spark error that says why: the Java exception's own line (Py4J's first
    line only names the call that failed), else the first line."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    for line in lines[1:]:
        if "Exception" in line or "Error" in line:
            return line.lstrip(": ")
    return lines[0] if lines else "no reason"
