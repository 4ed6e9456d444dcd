"""A finding of the linter: a rule's code, where, the clauses involved, a lawyer's message."""

from __future__ import annotations

import attrs

from ... import model as m
from ...errors import Diagnostic, source_line


@attrs.frozen
class Rule:
    """A lint rule: its stable ``code``, its ``name`` and what it finds."""

    code: str
    name: str
    summary: str


@attrs.frozen(kw_only=True)
class Finding:
    """What a lint rule found: its ``code`` (``CD101``) and ``name``, the ``message`` in the
    agreement's words, where it is (``span``, start and end), the ``clauses`` involved, how to
    fix it (``help``) and, where a usage shows it, that ``usage`` (one ``permits`` confirms)."""

    code: str
    name: str
    message: str
    span: m.Span
    clauses: tuple[str, ...] = ()
    help: str | None = None
    usage: object = None  # a contractdsl.usage.Usage
    source: str | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def file(self) -> str:
        return self.span.file

    def usage_data(self) -> dict | None:
        """The usage as the fields of a usage file, or None."""
        from ..diff import usage_data

        return None if self.usage is None else usage_data(self.usage)

    def usage_text(self) -> str | None:
        """The usage in one line: `{date: 2024-01-01, action: share, ...}`."""
        from ..diff import usage_text

        return None if self.usage is None else usage_text(self.usage)

    def to_diagnostic(self) -> Diagnostic:
        """The finding as a warning diagnostic, printed as `file:line:col: warning: ...`."""
        span = self.span
        helps = [h for h in (self.help, self.usage_text() and
                             f"shown by the usage {self.usage_text()}") if h]
        end_line = span.end_line or span.line
        end_column = span.end_column or span.column + 1
        width = end_column - span.column if end_line == span.line else \
            len(source_line(self.source, span.line) or "") - span.column + 1
        return Diagnostic(file=span.file, line=span.line, column=span.column,
                          message=self.message, severity="warning",
                          help="\nhelp: ".join(helps) or None, code=self.code,
                          source_line=source_line(self.source, span.line), width=max(width, 1),
                          end_line=end_line, end_column=end_column)

    def to_dict(self) -> dict:
        span = self.span
        return {"code": self.code, "name": self.name, "message": self.message,
                "help": self.help, "file": span.file, "line": span.line,
                "column": span.column, "end_line": span.end_line or span.line,
                "end_column": span.end_column or span.column + 1,
                "clauses": list(self.clauses), "usage": self.usage_data()}

