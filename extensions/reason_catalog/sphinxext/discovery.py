"""How the site is found: ``sitemap.xml`` for search engines, ``llms.txt`` for assistants.

Both are written at the site root after the pages (at ``html-collect-pages``), atomically and
only when their text changed, so that an incremental build leaves them alone, as it leaves
unchanged pages. The sitemap needs absolute URLs, so it is written only with ``html_baseurl``.
"""

from __future__ import annotations

import hashlib
import posixpath
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..export import write_atomically
from .access import reason_domain
from .browser import LOOKUP_PAGE
from .config import ReasonCatalogConfig
from .llms import SiteLinks, llms_full_txt, llms_txt
from .sitemap import site_pages, sitemap_files, stale_files
from .store import CatalogueStore

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders.html import StandaloneHTMLBuilder

#: What the llms files were made of, in the output folder: the next build with the same
#: catalogues and options leaves them alone.
LLMS_MANIFEST = ".reason-catalog-llms"
#: Bumped whenever the llms files are written differently (llms.py, plaintext.py).
LLMS_FORMAT = 1


def write_if_changed(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` atomically, unless the file already holds it; whether it
    wrote."""
    try:
        if path.read_text(encoding="utf-8") == text:
            return False
    except (OSError, UnicodeDecodeError):
        pass
    write_atomically(path, text)
    return True


def site_builder(app: Sphinx) -> StandaloneHTMLBuilder | None:
    """The builder, when it writes a site of pages from a complete set of catalogues."""
    if app.builder.format != "html" or app.builder.name == "singlehtml":
        return None
    if not reason_domain(app.env).store.complete:
        return None  # the pages are not written either, and the build says why
    return app.builder  # type: ignore[return-value]


def write_discovery_files(app: Sphinx) -> list[tuple[str, dict[str, Any], str]]:
    """Write the sitemap and the llms files (at ``html-collect-pages``); no page to add."""
    builder = site_builder(app)
    if builder is None:
        return []
    store = reason_domain(app.env).store
    options = ReasonCatalogConfig.from_sphinx(app.config)
    base_url = str(app.config.html_baseurl or "")
    if options.sitemap:
        _write_sitemap(builder, store, options.sitemap, base_url)
    if store.catalogues and (options.llms_txt or options.llms_full_txt):
        _write_llms(builder, store, options, base_url)
    return []


def _write_sitemap(
    builder: StandaloneHTMLBuilder, store: CatalogueStore, name: str, base_url: str
) -> None:
    outdir = Path(builder.outdir)
    files: dict[str, str] = {}
    if base_url:
        urls = [
            posixpath.join(base_url, builder.get_target_uri(p)) for p in site_pages(builder, store)
        ]
        files = sitemap_files(urls, name, base_url)
    for stale in stale_files(outdir, name, set(files)):
        stale.unlink()  # a sitemap of URLs this build no longer has, or no longer knows
    for file, text in files.items():
        write_if_changed(outdir / file, text)


def _write_llms(
    builder: StandaloneHTMLBuilder,
    store: CatalogueStore,
    options: ReasonCatalogConfig,
    base_url: str,
) -> None:
    outdir = Path(builder.outdir)

    def url_of(page: str) -> str:
        uri = builder.get_target_uri(page)
        return posixpath.join(base_url, uri) if base_url else uri

    files: dict[str, str] = {}
    if options.llms_full_txt:
        files[options.llms_full_txt] = "every reason with its cause, fix and notes"
    if options.json_file and (outdir / options.json_file).is_file():
        files[options.json_file] = "every code's status, summary and page, as JSON"
    lookup = builder.get_target_uri(LOOKUP_PAGE)
    if (outdir / lookup).is_file():
        files[f"{lookup}?code=CODE"] = "sends a code, in any letter case, to its page"
    links = SiteLinks(url_of, base_url, files)
    title = str(builder.config.html_title or builder.config.project)
    # Writing them takes about a second for 10,000 reasons; most builds change no catalogue.
    key = _llms_key(store, options, [title, base_url, files, builder.link_suffix])
    names = [name for name in (options.llms_txt, options.llms_full_txt) if name]
    manifest = outdir / LLMS_MANIFEST
    if all((outdir / name).is_file() for name in names) and _read(manifest) == key:
        return
    if options.llms_txt:
        write_if_changed(outdir / options.llms_txt, llms_txt(store, title, links))
    if options.llms_full_txt:
        write_if_changed(outdir / options.llms_full_txt, llms_full_txt(store, title, links))
    write_if_changed(manifest, key)


def _llms_key(store: CatalogueStore, options: ReasonCatalogConfig, site: list[Any]) -> str:
    """What the llms files are made of: the catalogues' files, the options, the site."""
    digest = hashlib.sha1(repr([LLMS_FORMAT, __version__, options, site]).encode())
    for catalogue in store.catalogues:
        digest.update(str(catalogue.path).encode() + b"\0")
        digest.update(catalogue.path.read_bytes())
    return digest.hexdigest()


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
