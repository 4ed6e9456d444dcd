"""The lint rules, one module each, by their stable codes."""

from __future__ import annotations

from . import (broad_exception, deadline_passed, duplicate, duty_forbidden, duty_outlives,
               exception_never_lifts, never_applies, overridden, surviving_permission,
               unreachable_limit, unused)

MODULES = (never_applies, overridden, exception_never_lifts, broad_exception, duty_forbidden,
           duty_outlives, unused, unreachable_limit, duplicate, deadline_passed,
           surviving_permission)
RULES = {module.RULE.code: module for module in MODULES}
