"""Catalogues as plain JSON data: what ``python -m reason_catalog export`` prints."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .catalogue.model import Catalogue, Group, Reason


def reason_data(catalogue: Catalogue, reason: Reason) -> dict[str, Any]:
    """One reason as JSON data."""
    return {
        "code": reason.code,
        "status": reason.status,
        "group": reason.group,
        "group_path": [g.title for g in catalogue.lineage(reason.group)],
        "generic": catalogue.is_generic(reason),
        "summary": reason.summary,
        "cause": reason.cause,
        "fix": reason.fix,
        "endpoints": [str(e) for e in reason.endpoints],
        "notes": list(reason.notes),
        "related": list(reason.related),
        "since": reason.since,
        "deprecated": reason.deprecated.model_dump() if reason.deprecated else None,
        "replaced_by": reason.replaced_by,
        "example": reason.example,
        "example_generated": reason.example_generated,
    }


def group_data(group: Group) -> dict[str, Any]:
    """One group as JSON data."""
    return {
        "id": group.id,
        "title": group.title,
        "parent": group.parent,
        "intro": group.intro,
        "notes": list(group.notes),
        "generic": group.generic,
        "status": group.status,
        "endpoints": [str(e) for e in group.endpoints],
        "see_also": list(group.see_also),
    }


def catalogue_data(catalogue: Catalogue) -> dict[str, Any]:
    """A whole catalogue as JSON data."""
    return {
        "api": catalogue.api.model_dump(exclude_none=True),
        "groups": [group_data(g) for g in catalogue.groups],
        "reasons": [reason_data(catalogue, r) for r in catalogue.reasons],
    }


def export_data(catalogues: Sequence[Catalogue]) -> dict[str, Any]:
    """Every catalogue as JSON data, with the totals a reader checks first."""
    return {
        "catalogues": [catalogue_data(c) for c in catalogues],
        "total_reasons": sum(len(c.reasons) for c in catalogues),
    }


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that readers see the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(temporary, 0o666 & ~umask)  # what an ordinary write would have given it
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def dumps(data: Any) -> str:
    """Stable, readable JSON text."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
