"""HTTP endpoints and endpoint patterns: ``GET /calls/{id}``, ``/calls/{id}*``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

HTTP_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT")

_PARAM = re.compile(r"\{[^{}/]*\}")
_PATH_CHARS = re.compile(r"^/[A-Za-z0-9._~!$&'()*+,;=:@%{}/-]*$")


class EndpointSyntaxError(ValueError):
    """An endpoint string that is not ``[METHOD] /path[*]``; the message says what to write."""


@dataclass(frozen=True, order=True)
class Endpoint:
    """One operation (``method`` set, ``prefix`` false) or a pattern covering several."""

    path: str
    method: str | None = None
    query: str | None = None
    prefix: bool = False

    @classmethod
    def parse(cls, text: str) -> Endpoint:
        """Read ``GET /calls/{id}``, ``/calls/{id}*`` or ``GET /x?y={y}``; raise otherwise."""
        words = text.split()
        if not words:
            raise EndpointSyntaxError("an endpoint cannot be empty")
        if len(words) > 2:
            raise EndpointSyntaxError(
                f"{text!r} has {len(words)} words; write 'METHOD /path' or '/path'"
            )
        method = None
        if len(words) == 2:
            method, target = words
            if method.upper() not in HTTP_METHODS:
                raise EndpointSyntaxError(
                    f"{method!r} is not an HTTP method; use one of {', '.join(HTTP_METHODS)}"
                )
            if method != method.upper():
                raise EndpointSyntaxError(f"write the method in capitals: {method.upper()!r}")
        else:
            (target,) = words
            if target.upper() in HTTP_METHODS:
                raise EndpointSyntaxError(f"{text!r} has a method but no path")
        path, _, query = target.partition("?")
        prefix = path.endswith("*")
        path = path.removesuffix("*")
        if not path.startswith("/"):
            raise EndpointSyntaxError(f"the path {path!r} must start with '/'")
        if not _PATH_CHARS.match(path) or "*" in path:
            raise EndpointSyntaxError(f"the path {path!r} holds characters a URL path cannot")
        if path.count("{") != path.count("}") or _PARAM.sub("", path).count("{"):
            raise EndpointSyntaxError(f"the path {path!r} has an unbalanced '{{' or '}}'")
        return cls(path=path, method=method, query=query or None, prefix=prefix)

    @property
    def is_operation(self) -> bool:
        """True for one concrete operation (a method and an exact path)."""
        return self.method is not None and not self.prefix

    @cached_property
    def shape(self) -> str:
        """The path with every parameter name erased: ``/calls/{}``; equal shapes route alike."""
        return _PARAM.sub("{}", self.path)

    def covers(self, other: Endpoint) -> bool:
        """Whether this pattern includes the endpoint ``other``."""
        if self.method is not None and self.method != other.method:
            return False
        mine, theirs = self.shape, other.shape
        if not self.prefix:
            return mine == theirs
        return theirs.startswith(mine)

    def __str__(self) -> str:
        target = self.path + ("*" if self.prefix else "") + (f"?{self.query}" if self.query else "")
        return f"{self.method} {target}" if self.method else target
