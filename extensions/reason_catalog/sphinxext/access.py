"""The typed way to the ``reason`` domain of a build, for directives and event handlers."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

    from .domain import ReasonDomain


def reason_domain(env: BuildEnvironment) -> ReasonDomain:
    """The build's ``reason`` domain, with its catalogue store."""
    return cast("ReasonDomain", env.get_domain("reason"))
