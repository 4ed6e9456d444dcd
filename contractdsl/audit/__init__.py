"""Audit: an agreement and API logs to findings, on an SQL engine; :func:`audit` is the entry."""

from __future__ import annotations

import sys
import types

from .findings import Audit

__all__ = ["Audit", "audit"]


def audit(agreement, log, *, facts=None, columns=None, engine: str = "duckdb",
          progress=None) -> Audit:
    """Check an agreement (or its Program) against a log: Parquet, CSV or JSON Lines files,
    folders or glob patterns (``log``); ``facts`` a YAML file (or a list of
    :class:`~contractdsl.audit.source.FactEntry`) of dated facts; ``columns`` maps the log's
    fields to its columns (`time=ts,app=client_id`, a YAML file or a dict); ``progress`` is
    called with a line for each stage. Gives an :class:`Audit` of findings."""
    from .run import run

    return run(agreement, log, facts=facts, columns=columns, engine=engine, progress=progress)


class _Module(types.ModuleType):
    """`contractdsl.audit(...)` calls :func:`audit`: the package and the function share a name."""

    def __call__(self, *args, **options) -> Audit:
        return audit(*args, **options)


sys.modules[__name__].__class__ = _Module
