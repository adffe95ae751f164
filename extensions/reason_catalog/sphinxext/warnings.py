"""The kinds of warning the extension emits, each suppressible on its own.

Every warning is logged with ``type="reason"`` and one of these subtypes, so a project can
write ``suppress_warnings = ["reason.lunr"]`` to silence one kind and keep the rest. The
extension guide's table of warning types is generated from this enum.
"""

from __future__ import annotations

from enum import StrEnum

#: The ``type`` of every warning the extension emits.
WARNING_TYPE = "reason"


class WarningKind(StrEnum):
    """A warning subtype: ``suppress_warnings = ["reason.<value>"]`` silences it."""

    CATALOGUE = "catalogue"
    AMBIGUOUS = "ambiguous"
    LUNR = "lunr"
    JMESPATH = "jmespath"

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
}
