"""Located problems in a catalogue, and the exception that carries all of them at once."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

#: A path of keys and list indices into a catalogue document, e.g. ``("groups", 0, "code")``.
KeyPath = tuple[str | int, ...]


def format_key_path(path: KeyPath) -> str:
    """Render a key path the way a reader would write it: ``groups[0].reasons[3].status``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out or "(document)"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a catalogue, located in its file."""

    file: str
    line: int
    column: int
    key_path: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        text = f"{where}: {self.key_path}: {self.message}"
        return f"{text}\n    hint: {self.hint}" if self.hint else text


class CatalogueError(Exception):
    """A catalogue could not be loaded; ``problems`` lists every reason, sorted by position."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: Sequence[Problem] = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        """Every problem, one block each, in file order."""
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        return "\n".join([*map(str, self.problems), f"{count} {noun} found."])


class DialectError(ValueError):
    """A dialect that cannot work; ``path`` is where in the envelope description it went wrong."""

    def __init__(self, path: KeyPath, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.path = path
        self.message = message
        self.hint = hint
