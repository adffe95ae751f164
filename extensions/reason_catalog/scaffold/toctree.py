"""Add a page to the root document's toctree, when that can be done with certainty.

A root document may hold several toctrees (this site's has "APIs" and "Guide"). The page goes
into the one that lists the other API pages (pages that render a ``reason:table``), or into
the only one there is; it is added as one line after the toctree's last entry, indented as
its entries are. In any other case (no toctree, several and none of them the APIs', a form we
do not read) nothing is edited, and the caller tells the reader the line to add.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass
from pathlib import Path

from ..export import write_atomically

# MyST: ```{toctree} or :::{toctree}, with three or more of the fence character.
_MYST_OPEN = re.compile(r"^(?P<indent> *)(?P<fence>`{3,}|:{3,})\{toctree\}(?P<rest>.*)$")
_RST_OPEN = re.compile(r"^(?P<indent> *)\.\. toctree::\s*$")
_TABLE = re.compile(r"\{reason:table\}|\.\. reason:table::")


@dataclass(frozen=True)
class Toctree:
    """One toctree of a document: its entries, and the line after which a new one goes."""

    entries: tuple[str, ...]
    #: The index of the line a new entry is inserted before.
    insert_at: int
    indent: str
    glob: bool


@dataclass(frozen=True)
class Outcome:
    """What happened: ``edited``, or ``listed`` already; otherwise ``advice`` says what to do."""

    edited: bool = False
    listed: bool = False
    advice: str = ""


def _indent(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" "))]


def _myst(lines: list[str], start: int, match: re.Match[str]) -> tuple[Toctree | None, int]:
    fence, indent = match["fence"], match["indent"]
    close = re.compile(rf"^{indent}{re.escape(fence[0])}{{{len(fence)},}}\s*$")
    end = next((i for i in range(start + 1, len(lines)) if close.match(lines[i])), None)
    if end is None:
        return None, len(lines)
    body = list(range(start + 1, end))
    if body and lines[body[0]].strip() == "---":  # options as a YAML block
        finish = next((i for i in body[1:] if lines[i].strip() == "---"), None)
        if finish is None:
            return None, end
        options = [lines[i] for i in body if i <= finish]
        body = [i for i in body if i > finish]
    else:
        options = [lines[i] for i in body if lines[i].lstrip().startswith(":")]
        body = [i for i in body if not lines[i].lstrip().startswith(":")]
    entries = [i for i in body if lines[i].strip()]
    glob = any(re.match(r"^\s*:?glob:?", o) for o in options)
    at = entries[-1] + 1 if entries else end
    pad = _indent(lines[entries[-1]]) if entries else indent
    return Toctree(tuple(lines[i].strip() for i in entries), at, pad, glob), end + 1


def _rst(lines: list[str], start: int, match: re.Match[str]) -> tuple[Toctree | None, int]:
    outer = len(match["indent"])
    index = start + 1
    block: list[int] = []
    while index < len(lines):
        line = lines[index]
        if line.strip() and len(line) - len(line.lstrip()) <= outer:
            break
        block.append(index)
        index += 1
    options = [i for i in block if lines[i].lstrip().startswith(":")]
    entries = [i for i in block if lines[i].strip() and i not in options]
    if not entries and not options:
        return None, index
    glob = any(lines[i].strip() == ":glob:" for i in options)
    anchor = entries[-1] if entries else options[-1]
    pad = _indent(lines[entries[0] if entries else options[0]])
    if not entries:  # an empty toctree: a blank line after the options, then the entry
        return Toctree((), anchor + 1, pad, glob), index
    return Toctree(tuple(lines[i].strip() for i in entries), anchor + 1, pad, glob), index


def toctrees(lines: list[str]) -> list[Toctree]:
    """Every toctree of a MyST or reStructuredText document's lines, in order."""
    found: list[Toctree] = []
    index = 0
    while index < len(lines):
        myst, rst = _MYST_OPEN.match(lines[index]), _RST_OPEN.match(lines[index])
        if myst is not None:
            tree, index = _myst(lines, index, myst)
        elif rst is not None:
            tree, index = _rst(lines, index, rst)
        else:
            tree, index = None, index + 1
        if tree is not None:
            found.append(tree)
    return found


def _target(entry: str) -> str:
    """The document an entry names: ``Title <page>`` names ``page``."""
    named = re.match(r"^.*<([^<>]+)>$", entry)
    return (named[1] if named else entry).strip()


def _renders_a_table(docs: Path, docname: str) -> bool:
    for suffix in (".md", ".rst"):
        page = docs / f"{docname}{suffix}"
        try:
            if page.is_file() and _TABLE.search(page.read_text(encoding="utf-8")):
                return True
        except (OSError, UnicodeDecodeError):
            continue
    return False


def add_entry(root: Path, docname: str, docs: Path) -> Outcome:
    """Add ``docname`` to the toctree of ``root`` that lists API pages (or the only one)."""
    line = f"add `{docname}` to a toctree of {root}"
    try:
        text = root.read_bytes().decode("utf-8")  # as written: its line ends are kept
    except (OSError, UnicodeDecodeError) as error:
        return Outcome(advice=f"{line} (it cannot be read: {error})")
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.split(newline)
    trees = toctrees(lines)
    for tree in trees:
        targets = [_target(e) for e in tree.entries]
        if docname in targets or (tree.glob and any(fnmatch.fnmatch(docname, t) for t in targets)):
            return Outcome(listed=True)
    apis = [t for t in trees if any(_renders_a_table(docs, _target(e)) for e in t.entries)]
    chosen = apis[0] if apis else trees[0] if len(trees) == 1 else None
    if chosen is None:
        where = "it has no toctree" if not trees else f"it has {len(trees)} toctrees"
        return Outcome(advice=f"{line} ({where}; which one is yours to say)")
    lines.insert(chosen.insert_at, f"{chosen.indent}{docname}")
    if not chosen.entries and chosen.insert_at > 0 and lines[chosen.insert_at - 1].strip():
        lines.insert(chosen.insert_at, "")  # entries follow the options after a blank line
    write_atomically(root, newline.join(lines))
    return Outcome(edited=True)
