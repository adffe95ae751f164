"""The kinds of warning the extension emits, each suppressible on its own.

Every warning is logged with ``type="reason"`` and one of these subtypes, so a project can
write ``suppress_warnings = ["reason.lunr"]`` to silence one kind and keep the rest. The
extension guide's table of warning types is generated from this enum.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from sphinx.util import logging

if TYPE_CHECKING:
    from ..catalogue.errors import Problem

logger = logging.getLogger(__name__)

#: The ``type`` of every warning the extension emits.
WARNING_TYPE = "reason"


class WarningKind(StrEnum):
    """A warning subtype: ``suppress_warnings = ["reason.<value>"]`` silences it."""

    CATALOGUE = "catalogue"
    AMBIGUOUS = "ambiguous"
    LUNR = "lunr"
    JMESPATH = "jmespath"
    DRIFT = "drift"

    @property
    def suppress_as(self) -> str:
        """What ``suppress_warnings`` takes to silence this kind."""
        return f"{WARNING_TYPE}.{self.value}"

    @property
    def help(self) -> str:
        """The meaning of this kind, as documented beside it."""
        return _HELP[self]


_HELP = {
    WarningKind.CATALOGUE: "A catalogue has problems: each is reported at its file and line, "
    "and no reason page is written.",
    WarningKind.AMBIGUOUS: "A role's target names more than one reason or endpoint; the first "
    "is linked. Write it as `api:CODE`.",
    WarningKind.LUNR: "lunr.js is missing or not the version the index is built for: the "
    "browser page is not written.",
    WarningKind.JMESPATH: "jmespath.js or re2js (from npm) is missing: the error-body decoder "
    "cannot run.",
    WarningKind.DRIFT: "The OpenAPI spec a catalogue names cannot be read (the site is built "
    "without it), or the catalogue drifts from it: each finding as bad as "
    "reason_catalog_drift_warnings or worse, at the catalogue line it is about.",
}


def report_problem(problem: Problem, kind: WarningKind, *, error: bool = False) -> None:
    """Log a problem of a catalogue or spec at its file and line, as a warning of ``kind``."""
    text = f"column {problem.column}: {problem.key_path}: {problem.message}"
    if problem.hint:
        text += f"\n    hint: {problem.hint}"
    log = logger.error if error else logger.warning
    log(text, location=f"{problem.file}:{problem.line}", type=WARNING_TYPE, subtype=kind)
