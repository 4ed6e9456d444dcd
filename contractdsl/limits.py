"""The limits every input is held to (docs/limits.md), each enforced with a located error.

Within them, any input is answered (a decision, or a located error) in time and memory that
grow linearly with its size; none is left to the Python recursion limit.
"""

from __future__ import annotations

import datetime as _dt

# Files (agreements and usages): their size in bytes.
MAX_BYTES = 8 * 1024 * 1024
# A message to the language server: its body in bytes, as its `Content-Length` header announces
# it; room for a file of MAX_BYTES however JSON escapes it (six bytes at most for each).
MAX_LSP_MESSAGE = 8 * MAX_BYTES
# Conditions: parentheses in one statement, and levels of `not`, `and` and `or` in one
# condition (a chain of `and`s, or of `or`s, is one level however long).
MAX_PARENTHESES = 100
MAX_CONDITION_DEPTH = 50
# Syntax errors said of one file: past them, the file is read no further (each takes the
# parser's time to explain, and a file that is not an agreement at all would have one a line).
MAX_SYNTAX_ERRORS = 50
# Names, clause ids and usage names: characters.
MAX_NAME_LENGTH = 200
# Amounts: digits before the decimal point, and after it.
MAX_DIGITS = 60
MAX_DECIMALS = 60
# Usage files: nesting of lists and mappings, and the values that aliases (`*name`) repeat.
MAX_USAGE_DEPTH = 32
MAX_ALIASED_VALUES = 100_000
# The combinations of answers tried to the questions one usage leaves open where they could
# decide it (a standard both ways, an attribute yes and no, a measure on each side of each
# threshold): 12 standards at most, each doubling the cost.
MAX_OPEN_COMBINATIONS = 4096
# The cells of usages a comparison of two texts judges one by one in one period of time (each
# combination of classes of terms, of the parties' values and of the facts their rules read
# together); about a minute's work.
MAX_DIFF_CELLS = 1_000_000
# Groups of a usage's end users with different values, judged one by one.
MAX_USER_GROUPS = 64
# A folder of logs given to the audit: the files and folders looked at in it, however deep.
MAX_LOG_ENTRIES = 100_000
# Dates: year 1 to 9999; durations that reach past the last day end on it.
FIRST_DAY = _dt.date.min
LAST_DAY = _dt.date.max
