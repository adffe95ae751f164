"""The extension's options: each declared once, with its type, default and meaning."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any

from ..catalogue.urls import DEFAULT_ENDPOINT_PAGE, DEFAULT_OPERATION_PAGE, DEFAULT_REASON_PAGE
from ..drift.findings import LEVELS as DRIFT_LEVELS

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

PREFIX = "reason_catalog_"


@dataclass(frozen=True)
class ReasonCatalogConfig:
    """The extension's options; ``conf.py`` sets each as ``reason_catalog_<name>``."""

    paths: list[str] = field(
        default_factory=lambda: ["source_catalog"],
        metadata={"help": "Catalogue files or folders, relative to the configuration folder."},
    )
    reason_page: str = field(
        default=DEFAULT_REASON_PAGE,
        metadata={
            "help": "Page name of each reason; {api} and {code} are filled in (in a scoped "
            "catalogue {api} is the API and the scope: aws/DynamoDB)."
        },
    )
    endpoint_page: str = field(
        default=DEFAULT_ENDPOINT_PAGE,
        metadata={"help": "Page name of each endpoint; {api} and {endpoint} are filled in."},
    )
    operation_page: str = field(
        default=DEFAULT_OPERATION_PAGE,
        metadata={
            "help": "Page name of each operation; {api} (as for reasons) and {operation} are "
            "filled in."
        },
    )
    json_file: str = field(
        default="reasons.json",
        metadata={"help": "The machine-readable map of reasons at the site root; '' for none."},
    )
    lunr_js: str = field(
        default="",
        metadata={
            "help": "lunr.js 2.3.9 (from npm); '' takes the wheel's copy, else node_modules/lunr "
            "above conf.py."
        },
    )
    drift_warnings: str = field(
        default="error",
        metadata={
            "help": "Drift findings against the spec a catalogue names that are build "
            "warnings (reason.drift): those of this severity or worse, 'error', 'warning' or "
            "'info'; 'off' for none. The coverage page shows them all."
        },
    )
    index_rows: int = field(
        default=2000,
        metadata={
            "help": "Rows an index page holds: a larger index of reasons (or of endpoints) "
            "lists the APIs, each with index pages of its own."
        },
    )
    sidebar_entries: int = field(
        default=50,
        metadata={
            "help": "A list in the sidebar's navigation with more entries than this (the "
            "pages of hundreds of APIs) keeps only the entry of the page being read and a link "
            "to the page that lists them all; 0 never shortens one."
        },
    )
    search_prose: str = field(
        default="yes",
        metadata={
            "help": "Index titles, causes, fixes and notes for the reason browser: 'yes' or "
            "'no'. The browser loads them after the codes, in shards, so that they never "
            "delay the first result ('auto', from earlier versions, means 'yes')."
        },
    )
    not_found_page: str = field(
        default="404",
        metadata={
            "help": "The page hosts show for a missing URL, at the site root ('404' is "
            "404.html): it reads a reason's code from the URL and offers its page, or the "
            "nearest codes; '' for none (when the host or sphinx-notfound-page makes one)."
        },
    )
    site_path: str = field(
        default="",
        metadata={
            "help": "The path the site is served from ('/docs/'), which the 404 page needs: "
            "hosts show it at any depth. '' takes the path of html_baseurl, or else the page "
            "works it out from a reason's, endpoint's or operation's URL."
        },
    )
    sitemap: str = field(
        default="sitemap.xml",
        metadata={
            "help": "The sitemap of every page, at the site root, written when html_baseurl "
            "is set (it needs absolute URLs); '' for none."
        },
    )
    llms_txt: str = field(
        default="llms.txt",
        metadata={
            "help": "Every API's reasons (code, status, summary, URL) as Markdown for "
            "assistants (llmstxt.org), at the site root; '' for none."
        },
    )
    llms_full_txt: str = field(
        default="llms-full.txt",
        metadata={
            "help": "Every reason with its cause and fix as Markdown for assistants, at the "
            "site root; '' for none."
        },
    )

    @classmethod
    def from_sphinx(cls, config: Config) -> ReasonCatalogConfig:
        """The options as set in ``conf.py``."""
        return cls(**{f.name: getattr(config, PREFIX + f.name) for f in fields(cls)})


def register(app: Sphinx) -> None:
    """Declare every option to Sphinx, with its default and type."""
    defaults = ReasonCatalogConfig()
    for option in fields(ReasonCatalogConfig):
        default: Any = getattr(defaults, option.name)
        app.add_config_value(
            PREFIX + option.name,
            default,
            "env",
            types=frozenset({type(default)}),
            description=option.metadata["help"],
        )


def check(app: Sphinx, config: Config) -> None:
    """Refuse option values that cannot work, naming the option (at ``config-inited``)."""
    from sphinx.errors import ConfigError  # noqa: PLC0415 - only when Sphinx runs

    options = ReasonCatalogConfig.from_sphinx(config)
    for name, keys in (
        ("reason_page", ("api", "code")),
        ("endpoint_page", ("api", "endpoint")),
        ("operation_page", ("api", "operation")),
    ):
        template = getattr(options, name)
        try:
            template.format(**dict.fromkeys(keys, "x"))
        except (KeyError, IndexError, ValueError) as error:
            raise ConfigError(
                f"{PREFIX}{name} = {template!r} cannot be filled in ({error}); "
                f"use only {', '.join('{' + k + '}' for k in keys)}"
            ) from None
        if "{" + keys[1] + "}" not in template:
            raise ConfigError(f"{PREFIX}{name} must contain {{{keys[1]}}}")
    if options.sidebar_entries < 0:
        raise ConfigError(f"{PREFIX}sidebar_entries must be 0 or more")
    if options.index_rows < 1:
        raise ConfigError(f"{PREFIX}index_rows must be a positive number")
    if options.search_prose not in {"auto", "yes", "no"}:
        raise ConfigError(f"{PREFIX}search_prose must be 'auto', 'yes' or 'no'")
    for name in ("not_found_page", "sitemap", "llms_txt", "llms_full_txt"):
        # Each is looked for at the site root, by hosts, crawlers and assistants.
        value = getattr(options, name)
        if value and ("/" in value or "\\" in value or value.startswith(".")):
            raise ConfigError(f"{PREFIX}{name} = {value!r} must be a file name at the site root")
    path = options.site_path
    if path and not (path.startswith("/") and path.endswith("/") and not path.startswith("//")):
        raise ConfigError(
            f"{PREFIX}site_path = {options.site_path!r} must be a path from the host's root, "
            "beginning and ending with '/' ('/docs/', or '/' for the root)"
        )
    if options.drift_warnings not in DRIFT_LEVELS:
        raise ConfigError(
            f"{PREFIX}drift_warnings must be one of {', '.join(map(repr, DRIFT_LEVELS))}"
        )
