"""``python -m reason_catalog new``: plan every file, refuse to overwrite, validate, then write.

Nothing is written until everything is known to work: the slug is the loader's, no planned
file exists (unless ``--force``), the spec (if any) was read, and the catalogue validates as
``python -m reason_catalog validate`` would. Exit status 2 for anything the user must change
(a bad slug or spec, a file in the way), as argparse uses for a bad command line.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from ..catalogue.errors import CatalogueError
from ..catalogue.load import (
    CATALOGUE_SUFFIXES,
    catalogue_paths,
    load_catalogue,
    parse_catalogue,
)
from ..catalogue.spec import catalogue_json_schema
from ..export import dumps, write_atomically
from .fromspec import skeleton as spec_skeleton
from .project import (
    DEFAULT_CATALOGUES,
    RESERVED_PAGES,
    Conf,
    conf_text,
    covers,
    find_conf,
    has_lunr,
    index_text,
    package_text,
    page_text,
    read_conf,
    relative,
)
from .render import render
from .skeleton import Skeleton, slug_problem, starter, title_from_slug
from .specfile import text as clean_text
from .toctree import add_entry

SCHEMA_FILE = "catalogue.schema.json"
USAGE = 2  # the exit status of a problem the user must fix
_PAGE_SUFFIXES = (".md", ".rst")


@dataclass(frozen=True)
class NewOptions:
    """The command line of ``new``; folders relative to ``project``."""

    slug: str
    project: Path = Path()
    docs: Path | None = None
    catalogues: Path | None = None
    title: str | None = None
    openapi: Path | None = None
    operations: bool = False
    force: bool = False


@dataclass(frozen=True)
class _File:
    path: Path
    text: str
    what: str
    #: Replaced under --force; ``False`` for files written only when absent.
    replaceable: bool = True
    #: Other files that stand in its way: the catalogue's ``.yml`` twin.
    also: tuple[Path, ...] = ()


class _Refused(Exception):
    """Something the user must change; the message says what."""


def shown(path: Path) -> str:
    """A path as messages show it: relative to the working folder when below it."""
    try:
        return str(path.absolute().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _catalogues(options: NewOptions, conf: Conf | None) -> Path:
    if options.catalogues is not None:
        return options.project / options.catalogues
    listed = conf.paths if conf is not None else None
    if listed and len(listed) == 1 and Path(listed[0]).suffix not in CATALOGUE_SUFFIXES:
        return Path(os.path.normpath(conf.path.parent / listed[0]))  # type: ignore[union-attr]
    return options.project / DEFAULT_CATALOGUES


def _page(options: NewOptions, docs: Path, conf: Conf | None) -> Path:
    if options.slug in RESERVED_PAGES:
        raise _Refused(
            f"the API's page would be {shown(docs / options.slug)}.md, which Sphinx or the "
            f"reason browser already uses; choose another slug"
        )
    for suffix in _PAGE_SUFFIXES:
        if (docs / f"{options.slug}{suffix}").exists():
            return docs / f"{options.slug}{suffix}"  # refused below, or replaced under --force
    known = conf.extensions if conf is not None else None
    markdown = known is None or bool({"myst_parser", "myst_nb"} & set(known))
    return docs / f"{options.slug}{'.md' if markdown else '.rst'}"


def _slug_free(slug: str, catalogues: Path, catalogue: Path) -> None:
    """Refuse a slug another catalogue of the folder has (the build would refuse it)."""
    if not catalogues.is_dir():
        return
    for path in catalogue_paths([catalogues]):
        if path.absolute() == catalogue.absolute():
            continue
        try:
            other = load_catalogue(path)
        except CatalogueError:
            continue  # `validate` reports it; its slug is not known for certain
        if other.slug == slug:
            raise _Refused(
                f"the slug {slug!r} is already used by {shown(path)}; every API needs its own"
            )


def _skeleton(options: NewOptions, catalogues: Path) -> Skeleton:
    title = clean_text(options.title) if options.title is not None else None
    if options.openapi is None:
        return starter(options.slug, title or title_from_slug(options.slug))
    spec = options.openapi
    found = spec_skeleton(spec, options.slug, title, operations=options.operations)
    found = dataclasses.replace(found, openapi=relative(spec, catalogues))
    if spec.absolute().is_relative_to(options.project.absolute()):
        return found
    # A path out of the project holds only on this machine: said so, for the team.
    outside = (
        "TODO: the spec is outside the project: copy it beside the catalogues (e.g. into "
        f"{relative(catalogues / 'openapi', options.project)}/) and name it in `openapi:`.",
    )
    return dataclasses.replace(found, header=(*found.header, *outside))


def _catalogue_text(skeleton: Skeleton, path: Path) -> str:
    """The catalogue's text, validated: with the first envelope that makes it valid (saying
    what was wrong with the spec's, when that is not the first)."""
    first: CatalogueError | None = None
    for candidate in (skeleton.envelope, *skeleton.fallbacks):
        envelope = candidate
        if first is not None:
            problem = first.problems[0]
            why = f"With the spec's schema: {problem.key_path}: {problem.message}."
            envelope = dataclasses.replace(candidate, comment=(*candidate.comment, why))
        text = render(dataclasses.replace(skeleton, envelope=envelope), SCHEMA_FILE)
        try:
            parse_catalogue(text, path)
        except CatalogueError as error:
            first = first or error
            continue
        return text
    assert first is not None
    raise RuntimeError(f"the catalogue `new` wrote does not validate:\n{first.report()}")


def _plan(options: NewOptions) -> tuple[list[_File], list[str], Path, Path, Conf | None]:
    """Every file to write, the advice to print, the catalogue, the docs folder and conf."""
    problem = slug_problem(options.slug)
    if problem:
        raise _Refused(problem)
    if options.operations and options.openapi is None:
        raise _Refused("--operations declares a spec's operations: give the spec with --openapi")
    docs = options.project / (options.docs or Path("docs"))
    conf_path = find_conf(options.project, docs)
    conf = read_conf(conf_path) if conf_path is not None else None
    catalogues = _catalogues(options, conf)
    catalogue = catalogues / f"{options.slug}.yaml"
    page = _page(options, docs, conf)
    _slug_free(options.slug, catalogues, catalogue)
    skeleton = _skeleton(options, catalogues)
    files = [
        _File(
            catalogue,
            _catalogue_text(skeleton, catalogue),
            "the catalogue",
            also=(catalogue.with_suffix(".yml"),),
        ),
        _File(page, page_text(options.slug, skeleton.name, page.suffix == ".md"), "its page"),
    ]
    if not (catalogues / SCHEMA_FILE).exists():
        schema = dumps(catalogue_json_schema())
        files.append(_File(catalogues / SCHEMA_FILE, schema, "the format's schema", False))
    advice: list[str] = []
    if conf is None:
        conf_file = docs / "conf.py"
        paths = relative(catalogues, docs)
        files.append(_File(conf_file, conf_text(skeleton.name, paths), "Sphinx's configuration"))
        if not any((docs / f"index{s}").exists() for s in _PAGE_SUFFIXES):
            text = index_text(f"{skeleton.name} errors", page.stem)
            files.append(_File(docs / "index.md", text, "the root page", False))
    else:
        advice += _conf_advice(conf, catalogue, page)
    if not (options.project / "package.json").exists() and not has_lunr(options.project):
        text = package_text(options.slug)
        files.append(
            _File(
                options.project / "package.json", text, "the reason browser's npm packages", False
            )
        )
    return files, advice, catalogue, docs, conf


def _conf_advice(conf: Conf, catalogue: Path, page: Path) -> list[str]:
    advice = []
    if conf.problem:
        advice.append(conf.problem)
    name = shown(conf.path)
    if conf.extensions is not None and "reason_catalog" not in conf.extensions:
        advice.append(f'add "reason_catalog" to extensions in {name}')
    markdown = page.suffix == ".md"
    if (
        markdown
        and conf.extensions is not None
        and not {"myst_parser", "myst_nb"} & set(conf.extensions)
    ):
        advice.append(f'add "myst_parser" to extensions in {name}')
    path = relative(catalogue.parent, conf.path.parent)
    if covers(conf, catalogue) is False:
        advice.append(f"add {path!r} to reason_catalog_paths in {name}")
    elif covers(conf, catalogue) is None:
        advice.append(f"check that reason_catalog_paths in {name} includes {path!r}")
    return advice


def _write(files: list[_File], force: bool) -> None:
    in_the_way = [
        path
        for f in files
        if f.replaceable and not force
        for path in (f.path, *f.also)
        if path.exists()
    ]
    if in_the_way:
        raise _Refused(
            "; ".join(f"{shown(path)} exists" for path in in_the_way)
            + ": `new` writes over no file (--force replaces the catalogue and its page)"
        )
    for file in files:
        if file.replaceable and force:
            write_atomically(file.path, file.text)
            continue
        file.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with file.path.open("x", encoding="utf-8", newline="\n") as handle:
                handle.write(file.text)
        except FileExistsError:
            raise _Refused(f"{shown(file.path)} appeared meanwhile; not written over") from None
        except OSError as error:
            raise _Refused(f"cannot write {shown(file.path)}: {error.strerror}") from None


def run_new(options: NewOptions, out: TextIO, err: TextIO) -> int:
    """Run the command; return its exit status."""
    try:
        files, advice, catalogue, docs, conf = _plan(options)
        _write(files, options.force)
    except _Refused as refusal:
        print(f"error: {refusal}", file=err)
        return USAGE
    except CatalogueError as error:
        print(error.report(), file=err)
        what = "the spec" if options.openapi else "a catalogue"
        print(f"error: {what} cannot be read; nothing was written", file=err)
        return USAGE
    except RuntimeError as bug:
        print(f"error: {bug}\n(a bug of `new`: please report it)", file=err)
        return 1
    for file in files:
        print(f"wrote {shown(file.path)} ({file.what})", file=out)
    root_doc = conf.root_doc if conf is not None else "index"
    page = next(f.path for f in files if f.what == "its page")
    done, todo = _toctree(docs, root_doc, page)
    if done:
        print(done, file=out)
    advice += todo
    for line in advice:
        print(f"todo: {line}", file=out)
    _next_steps(options, files, catalogue, docs, conf, out)
    return 0


def _toctree(docs: Path, root_doc: str, page: Path) -> tuple[str, list[str]]:
    """What was done to the root toctree, or what the reader should do."""
    docname = relative(page.with_suffix(""), docs)
    roots = [docs / f"{root_doc}{s}" for s in _PAGE_SUFFIXES if (docs / f"{root_doc}{s}").exists()]
    if not roots:
        return "", [f"list `{docname}` in a toctree of your root document ({root_doc})"]
    outcome = add_entry(roots[0], docname, docs)
    if outcome.edited:
        return f"added `{docname}` to the toctree of {shown(roots[0])}", []
    return "", [outcome.advice] if outcome.advice else []


def _next_steps(
    options: NewOptions,
    files: list[_File],
    catalogue: Path,
    docs: Path,
    conf: Conf | None,
    out: TextIO,
) -> None:
    conf_dir = conf.path.parent if conf is not None else docs
    config = f"-c {shown(conf_dir) or '.'} " if conf_dir.absolute() != docs.absolute() else ""
    steps = [
        f"fill in {shown(catalogue)} (look for EXAMPLE and TODO), then check it:\n"
        f"     python -m reason_catalog validate {shown(catalogue)}"
    ]
    if any(f.path.name == "package.json" for f in files):
        where = shown(options.project)
        install = "npm install" if where == "." else f"(cd {where} && npm install)"
        steps.append(f"install the reason browser's scripts: {install}")
    root = shown(options.project)
    build = "_build/html" if root == "." else f"{root}/_build/html"
    steps.append(f"build the site: sphinx-build -nW {config}-b html {shown(docs)} {build}")
    if options.openapi is not None:
        steps.append(f"compare it with the spec: python -m reason_catalog drift {shown(catalogue)}")
    print("next:", file=out)
    for number, step in enumerate(steps, 1):
        print(f"  {number}. {step}", file=out)
