"""A built site's search index read back in Python: what the tests and the benchmark rank
queries with, to hold the browser to the same results."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .index import search


def script_payload(path: Path) -> dict[str, Any]:
    """The data a ``reason-*.js`` file hands to its page (``window.callback({...});``)."""
    text = path.read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    return data


@dataclass(frozen=True)
class SiteIndex:
    """The code index, the prose index's shards, and the payload that carries the rows."""

    payload: dict[str, Any]
    index: Any  # lunr.index.Index
    prose: tuple[Any, ...]

    @classmethod
    def load(cls, html: Path) -> SiteIndex:
        """The index of the site built into ``html``."""
        from lunr.index import Index  # noqa: PLC0415 - only the site build needs lunr

        payload = script_payload(html / "reason-index.js")
        prose = tuple(
            Index.load(script_payload(html / name.partition("?")[0])["index"])
            for name in payload.get("prose", ())
        )
        return cls(payload, Index.load(payload["index"]), prose)

    def search(self, query: str, *, limit: int | None = None) -> list[str]:
        """The refs matching ``query``, best first, as the browser ranks them."""
        return search(self.index, query, prose=self.prose, limit=limit)
