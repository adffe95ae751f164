"""Reloading an edited catalogue reuses what did not change (``load``'s cache)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from reason_catalog.catalogue import examples
from reason_catalog.catalogue.load import load

CATALOGUES = Path(__file__).resolve().parent.parent / "source_catalog"


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The reasons whose example is made and checked, in order."""
    made: list[str] = []
    original = examples.example_for

    def example_for(facts: Any, *args: Any) -> Any:
        made.append(facts.key)
        return original(facts, *args)

    monkeypatch.setattr("reason_catalog.catalogue.resolve.example_for", example_for)
    return made


def test_only_the_edited_reason_s_example_is_made_again(tmp_path: Path, counted: list[str]) -> None:
    path = tmp_path / "voipbin.yaml"
    shutil.copyfile(CATALOGUES / "voipbin.yaml", path)
    cache: dict[str, Any] = {}
    [first] = load([path], cache).catalogues
    assert len(counted) == len(first.reasons)
    counted.clear()
    # The same file: nothing is read again.
    load([path], cache)
    assert counted == []
    # One cause edited: only that reason's example (its message is the cause's first
    # sentence) is made again; every other comes from the last load, unchanged.
    text = path.read_text(encoding="utf-8")
    reason = next(r for r in first.reasons if r.example_generated)
    edited = text.replace(reason.cause, "Edited, " + reason.cause, 1)
    assert edited != text
    path.write_text(edited, encoding="utf-8")
    [second] = load([path], cache).catalogues
    assert counted == [reason.key]
    for before, after in zip(first.reasons, second.reasons, strict=True):
        if before.key != reason.key:
            assert (after.example, after.example_text) == (before.example, before.example_text)
    assert second.reason(reason.key).example != reason.example  # its message changed
    # A comment is no change: nothing is made again.
    counted.clear()
    path.write_text(edited.replace("envelope:", "envelope:\n  # edited", 1), encoding="utf-8")
    load([path], cache)
    assert counted == []
    # The envelope changed: every example is made and checked again.
    schema = edited.replace("  schema:\n", "  schema:\n    description: edited\n", 1)
    assert schema != edited
    path.write_text(schema, encoding="utf-8")
    [third] = load([path], cache).catalogues
    assert len(counted) == len(third.reasons)
