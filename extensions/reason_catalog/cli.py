"""The command line: ``python -m reason_catalog COMMAND`` (validate, export, compat, …)."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from .catalogue.dialect import EnvelopeError
from .catalogue.errors import CatalogueError
from .catalogue.load import load_catalogues
from .catalogue.model import Catalogue
from .catalogue.spec import catalogue_json_schema
from .catalogue.urls import doc_url
from .compat import compare, load_version
from .drift.findings import parse_overrides
from .drift.report import json_report, text_report
from .drift.run import DriftOptions, UsageError, run_drift
from .export import dumps, export_data, write_atomically
from .linkcheck import broken_links
from .scaffold.command import NewOptions, run_new

DEFAULT_PATH = "source_catalog"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m reason_catalog",
        description="Validate, export and use catalogues of HTTP API error reasons.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def with_paths(name: str, help_text: str) -> argparse.ArgumentParser:
        command = commands.add_parser(name, help=help_text, description=help_text)
        command.add_argument(
            "paths",
            nargs="*",
            metavar="PATH",
            default=[DEFAULT_PATH],
            help=f"catalogue files or folders (default: {DEFAULT_PATH}/)",
        )
        return command

    with_paths("validate", "check catalogues and report every problem with its location")
    export = with_paths("export", "print the loaded catalogues as JSON")
    export.add_argument("-o", "--output", type=Path, help="write to this file instead")
    schema = commands.add_parser("schema", help="print the JSON Schema of the catalogue format")
    schema.add_argument("-o", "--output", type=Path, help="write to this file instead")
    compat = commands.add_parser(
        "compat",
        help="check that NEW keeps every published reason of OLD (append-only)",
        description="Compare two versions of the catalogues: fail, one line per problem, when "
        "a published reason disappears or changes its code without a `retired` entry, changes "
        "its HTTP status or URL, or stops listing an endpoint without a note; list additions.",
    )
    compat.add_argument("old", help="a path, or git:<ref>:<path>")
    compat.add_argument("new", help="a path, or git:<ref>:<path>")
    links = commands.add_parser(
        "check-links", help="check that every internal link of a built site resolves"
    )
    links.add_argument("site", type=Path, help="the built HTML folder, e.g. _build/html")
    parse = with_paths("parse", "read an error body and name its reason")
    parse.add_argument("--api", required=True, help="the slug of the API the body came from")
    parse.add_argument(
        "--body",
        required=True,
        metavar="FILE",
        help="a file holding the error body, or - for standard input",
    )
    _drift_parser(with_paths)
    _new_parser(commands)
    return parser


def _new_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    new = commands.add_parser(
        "new",
        help="start a catalogue, its docs page and (if missing) the Sphinx project around it",
        description="Write a commented catalogue (CATALOGUES/SLUG.yaml) with example reasons to "
        "replace, a page that shows it (DOCS/SLUG.md), and, where there are none, conf.py, an "
        "index page and package.json; list the page in the root toctree when that is certain. "
        "With --openapi, start from the API's spec instead. Writes over no file unless --force; "
        "exit 2 when something is in the way.",
    )
    new.add_argument("slug", help="the API's short name, used in URLs: lowercase, digits, '-'")
    new.add_argument(
        "--title", help="the API's name as readers know it (default: from the spec, or the slug)"
    )
    new.add_argument(
        "--openapi",
        type=Path,
        metavar="SPEC",
        help="an OpenAPI 3.0/3.1 file (YAML or JSON), read locally: its title, version, tags "
        "(as groups), endpoints and error body",
    )
    new.add_argument(
        "--operations",
        action="store_true",
        help="with --openapi: declare the spec's operations by operationId instead of endpoints",
    )
    new.add_argument("--dir", type=Path, default=Path(), help="the project folder (default: .)")
    new.add_argument(
        "--docs", type=Path, metavar="DIR", help="the Sphinx source folder (default: docs)"
    )
    new.add_argument(
        "--catalogues",
        type=Path,
        metavar="DIR",
        help="the catalogue folder (default: the one conf.py names, else source_catalog)",
    )
    new.add_argument(
        "--force", action="store_true", help="replace an existing catalogue and page of the slug"
    )


def _drift_parser(with_paths: Callable[[str, str], argparse.ArgumentParser]) -> None:
    drift = with_paths(
        "drift",
        "check that the catalogue still matches its API's OpenAPI spec, history and logs",
    )
    drift.description = (
        "Compare catalogues with the OpenAPI spec each names (openapi:), or --spec: endpoints "
        "the spec lacks (with its spelling), reasons left with no operation, statuses the spec "
        "does not declare, operations only generic reasons cover, the error body; with --since, "
        "codes removed, added and renamed; with --observed, codes servers send. Exit 1 on a "
        "finding of error severity."
    )
    drift.add_argument("--spec", help="check against this spec: a path, or git:<ref>:<path>")
    drift.add_argument("--api", metavar="SLUG", help="check only the catalogue with this slug")
    drift.add_argument(
        "--since", metavar="OLD", help="an older catalogue: a path or git:<ref>:<path>"
    )
    drift.add_argument(
        "--observed", type=Path, metavar="FILE", help="JSON lines of error bodies as logged"
    )
    drift.add_argument("--format", choices=("text", "json"), default="text")
    drift.add_argument(
        "--severity",
        action="extend",
        nargs="+",
        default=[],
        metavar="KIND=LEVEL",
        help="the severity of a kind of finding: error, warning, info or off",
    )


def _drift(catalogues: Sequence[Catalogue], args: argparse.Namespace) -> int:
    try:
        options = DriftOptions(
            args.spec, args.api, args.since, args.observed, parse_overrides(args.severity)
        )
        result = run_drift(catalogues, options)
    except (ValueError, UsageError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    sys.stdout.write(json_report(result) if args.format == "json" else text_report(result))
    if result.problems:
        print(CatalogueError(result.problems).report(), file=sys.stderr)
    return 1 if result.failed else 0


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
    else:
        write_atomically(output, text)


def _parse(catalogues: Sequence[Catalogue], api: str, body_source: str) -> int:
    by_slug = {c.slug: c for c in catalogues}
    catalogue = by_slug.get(api)
    if catalogue is None:
        print(
            f"error: no catalogue has the slug {api!r}; known: {', '.join(by_slug)}",
            file=sys.stderr,
        )
        return 1
    try:
        body = sys.stdin.buffer.read() if body_source == "-" else Path(body_source).read_bytes()
    except OSError as error:
        print(f"error: cannot read {body_source}: {error.strerror}", file=sys.stderr)
        return 1
    try:
        parsed, reason = catalogue.explain(body)
    except EnvelopeError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    described: dict[str, object] = {"code": reason.code}
    if reason.scope is not None:
        described["scope"] = reason.scope
    described |= {
        "status": reason.status,
        "group": reason.group,
        "summary": reason.summary,
        # Relative to the site root: where the docs are hosted is the server's to say.
        "url": doc_url(catalogue.slug, reason.code, scope=reason.scope),
    }
    result = {**parsed.__dict__, "reason": described}
    sys.stdout.write(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    return 0


def _check_links(site: Path) -> int:
    if not site.is_dir():
        print(f"error: {site} is not a folder; build the site first", file=sys.stderr)
        return 1
    broken = list(broken_links(site))
    for line in broken:
        print(f"error: broken link: {line}", file=sys.stderr)
    if broken:
        return 1
    pages = sum(1 for _ in site.rglob("*.html"))
    print(f"OK: every internal link of {pages} pages resolves")
    return 0


def _compat(old_spec: str, new_spec: str) -> int:
    with tempfile.TemporaryDirectory() as scratch:
        old = load_version(old_spec, Path(scratch))
        new = load_version(new_spec, Path(scratch))
    report = compare(old, new)
    for line in report.retired:
        print(f"retired: {line}")
    for line in report.added:
        print(f"added: {line}")
    for line in report.problems:
        print(f"error: {line}", file=sys.stderr)
    if report.problems:
        print(f"{len(report.problems)} published links would break.", file=sys.stderr)
        return 1
    print(f"OK: {sum(len(c.reasons) for c in old)} published reasons kept")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return the exit status (0 when all is well, 1 otherwise)."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "schema":
            _emit(dumps(catalogue_json_schema()), args.output)
            return 0
        if args.command == "compat":
            return _compat(args.old, args.new)
        if args.command == "check-links":
            return _check_links(args.site)
        if args.command == "new":
            options = NewOptions(
                args.slug,
                args.dir,
                args.docs,
                args.catalogues,
                args.title,
                args.openapi,
                args.operations,
                args.force,
            )
            return run_new(options, sys.stdout, sys.stderr)
        catalogues = load_catalogues(args.paths)
        if args.command == "validate":
            total = sum(len(c.reasons) for c in catalogues)
            noun = "catalogue" if len(catalogues) == 1 else "catalogues"
            print(f"OK: {len(catalogues)} {noun}, {total} reasons")
            return 0
        if args.command == "drift":
            return _drift(catalogues, args)
        if args.command == "export":
            _emit(dumps(export_data(catalogues)), args.output)
            return 0
        return _parse(catalogues, args.api, args.body)
    except CatalogueError as error:
        print(error.report(), file=sys.stderr)
        return 1
    except BrokenPipeError:  # e.g. `export | head`
        return 1
