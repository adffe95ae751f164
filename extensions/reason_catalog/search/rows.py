"""The reason browser's tables: rows with named columns, defined here once for both languages.

The browser's data files (``reason-index.js``, ``reason-codes.js``) keep rows as arrays, since
names repeated in every row would make the index much larger; each file carries its tables'
columns, and the scripts read rows through them by name (``static/reason-rows.js``), never by
position. A column that ends a row with its default value is left off: most reasons are not
deprecated and count no reasons, and at 10,000 rows those trailing values are worth dropping.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


class _Required:
    """Marks a column that has no default: every row must give it."""

    def __repr__(self) -> str:
        return "REQUIRED"


REQUIRED: Any = _Required()


@dataclass(frozen=True)
class Table:
    """A table's columns, in order, each with its default (or :data:`REQUIRED`)."""

    columns: tuple[tuple[str, Any], ...]

    @property
    def names(self) -> tuple[str, ...]:
        """The column names, in row order."""
        return tuple(name for name, _ in self.columns)

    def row(self, **values: Any) -> list[Any]:
        """The compact row of ``values``: in column order, trailing defaults left off."""
        unknown = sorted(set(values) - set(self.names))
        if unknown:
            raise KeyError(f"no column {unknown[0]!r}; the columns are {', '.join(self.names)}")
        row = []
        for name, default in self.columns:
            if name in values:
                row.append(values[name])
            elif default is REQUIRED:
                raise KeyError(f"the column {name!r} has no default: give it")
            else:
                row.append(default)
        while len(row) > 1 and row[-1] == self.columns[len(row) - 1][1]:
            row.pop()
        return row

    def record(self, row: Sequence[Any]) -> dict[str, Any]:
        """A row read back by name (what the browser's scripts do), defaults filled in."""
        return {
            name: row[i] if i < len(row) else default
            for i, (name, default) in enumerate(self.columns)
        }

    def schema(self) -> dict[str, list[Any]]:
        """What a data file says of this table, for the scripts to read its rows by name."""
        return {
            "columns": list(self.names),
            # A required column is never left off, so its default is never read.
            "defaults": [None if d is REQUIRED else d for _, d in self.columns],
        }


#: A search result: a reason or an endpoint (see ``search.index.SearchDocument``).
DOCUMENTS = Table(
    (
        ("ref", REQUIRED),  # the lunr document ref
        ("kind", REQUIRED),  # "reason" or "endpoint" (an endpoint or operation)
        ("api", REQUIRED),  # the API's slug
        ("title", REQUIRED),  # the code, or the endpoint's label
        ("status", None),  # a reason's HTTP status
        ("group", ""),  # a reason's group: a number into the index's ``groups``
        ("summary", ""),
        ("url", ""),  # "" where the API's URL template gives it
        ("deprecated", 0),
        ("reasons", 0),  # an endpoint's count of reasons specific to it
        ("statuses", ""),  # a reason's statuses when it has several: "400,422"
        # A scoped catalogue's row: its service's title, a number into the index's ``groups``.
        ("scope", ""),
    )
)

#: A code the lookup and the decoder know: current, renamed or removed.
CODES = Table(
    (
        ("api", REQUIRED),
        ("code", REQUIRED),
        ("url", REQUIRED),
        ("kind", "reason"),  # "reason", "renamed" or "removed"
        ("scope", ""),  # in a scoped catalogue, the id of the code's scope
    )
)


def records(table: Table, rows: Sequence[Sequence[Any]]) -> list[dict[str, Any]]:
    """Every row of ``rows`` read back by name."""
    return [table.record(row) for row in rows]
