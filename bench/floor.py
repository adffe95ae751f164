"""The floor: how long plain Python and Jinja2 take to write the pages the real build writes.

No Sphinx, no theme, no doctrees: one simple template per kind of page, the catalogues' data
read straight from their YAML, and one file written per reason and per endpoint or operation
(the same pages as the extension's ``html-collect-pages`` step). Only rendering and writing
are timed; reading the catalogues is not.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from jinja2 import DictLoader, Environment

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_LAYOUT = """\
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }} - {{ api }}</title>
<link rel="stylesheet" href="{{ root }}_static/site.css"></head>
<body><nav><a href="{{ root }}index.html">{{ api }}</a><ul>
{% for group in groups %}<li><a href="{{ root }}{{ group.id }}.html">{{ group.title }}</a></li>
{% endfor %}</ul></nav>
<main>{% block body %}{% endblock %}</main></body></html>
"""

_REASON = """\
{% extends "layout.html" %}{% block body %}
<h1>{{ reason.code }}</h1>
<p><span class="status">{{ reason.status }}</span> {{ group_title }}</p>
<h2>Cause</h2><p>{{ reason.cause }}</p>
{% if reason.fix %}<h2>Fix</h2><p>{{ reason.fix }}</p>{% endif %}
<h2>Endpoints</h2><ul>{% for e in endpoints %}
<li><a href="../endpoints/{{ e.slug }}.html"><code>{{ e.label }}</code></a></li>{% endfor %}
</ul>
<h2>Example</h2><pre>{{ example }}</pre>
{% endblock %}
"""

_ENDPOINT = """\
{% extends "layout.html" %}{% block body %}
<h1><code>{{ label }}</code></h1>
<h2>Reasons it may return</h2><table>{% for r in reasons %}
<tr><td><a href="../reasons/{{ r.code }}.html"><code>{{ r.code }}</code></a></td>
<td>{{ r.status }}</td><td>{{ r.summary }}</td></tr>{% endfor %}
</table>
{% endblock %}
"""

_FIRST_SENTENCE = re.compile(r"^(.+?[.!?])(?=\s|$)")


@dataclass(frozen=True)
class FloorResult:
    """One floor run: pages written, their bytes, and the seconds rendering and writing took."""

    seconds: float
    reason_pages: int
    endpoint_pages: int  # endpoints and operations
    bytes: int


def _slug(label: str) -> str:
    """A file name for an endpoint label (``GET /res1/{id}`` → ``get-res1-id``)."""
    slug = re.sub(r"[^a-z0-9_]+", "-", label.lower()).strip("-") or "root"
    return slug + ("-all" if label.endswith("*") else "")


def _summary(text: str) -> str:
    match = _FIRST_SENTENCE.match(" ".join(text.split()))
    return match.group(1) if match else text


def _write(path: Path, html: str) -> int:
    """Write ``html`` as UTF-8 to ``path``; the number of bytes written."""
    payload = html.encode("utf-8")
    path.write_bytes(payload)
    return len(payload)


@dataclass
class _Api:
    """One catalogue's pages to write: its reasons, and the reasons of each endpoint page."""

    name: str
    slug: str
    groups: list[dict[str, str]]
    reasons: list[tuple[dict[str, Any], str]] = field(default_factory=list)
    pages: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # by label

    def add(self, groups: list[dict[str, Any]]) -> None:
        """Read ``groups`` and their subgroups: which reasons each endpoint page lists (those
        naming it, and for a group's patterns every reason of the group, as routing does)."""
        for group in groups:
            for operation in group.get("operations", ()):
                self.pages.setdefault(operation["name"], [])
            for reason in group.get("reasons", ()):
                self.reasons.append((reason, group["title"]))
                for label in [*reason.get("endpoints", ()), *reason.get("operations", ())]:
                    self.pages.setdefault(label, []).append(reason)
            for pattern in group.get("endpoints", ()):
                self.pages.setdefault(pattern, []).extend(group.get("reasons", ()))
            self.add(group.get("groups", []))


def _read(path: Path) -> _Api:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    groups = [{"id": g["id"], "title": g["title"]} for g in data["groups"]]
    api = _Api(data["api"]["name"], data["api"]["slug"], groups)
    api.add(data["groups"])
    return api


def write_pages(catalogues: Sequence[Path], dest: Path) -> FloorResult:
    """Write one page per reason and per distinct endpoint or operation of the catalogues."""
    apis = [_read(path) for path in catalogues]
    jinja = Environment(
        loader=DictLoader({"layout.html": _LAYOUT, "reason.html": _REASON, "end.html": _ENDPOINT}),
        autoescape=True,
    )
    written = 0
    start = time.perf_counter()
    reason_template = jinja.get_template("reason.html")
    endpoint_template = jinja.get_template("end.html")
    for api in apis:
        reason_dir = dest / api.slug / "reasons"
        endpoint_dir = dest / api.slug / "endpoints"
        reason_dir.mkdir(parents=True, exist_ok=True)
        endpoint_dir.mkdir(parents=True, exist_ok=True)
        common = {"api": api.name, "root": "../../", "groups": api.groups}
        for reason, group_title in api.reasons:
            example = {"error": {"reason": reason["code"], "message": _summary(reason["cause"])}}
            named = [*reason.get("endpoints", ()), *reason.get("operations", ())]
            html = reason_template.render(
                title=reason["code"],
                reason=reason,
                group_title=group_title,
                endpoints=[{"label": e, "slug": _slug(e)} for e in named],
                example=json.dumps(example, indent=2),
                **common,
            )
            written += _write(reason_dir / f"{reason['code']}.html", html)
        for label, listed in api.pages.items():
            html = endpoint_template.render(
                title=label,
                label=label,
                reasons=[
                    {"code": r["code"], "status": r.get("status"), "summary": _summary(r["cause"])}
                    for r in listed
                ],
                **common,
            )
            written += _write(endpoint_dir / f"{_slug(label)}.html", html)
    seconds = time.perf_counter() - start
    reasons = sum(len(api.reasons) for api in apis)
    return FloorResult(seconds, reasons, sum(len(api.pages) for api in apis), written)
