"""The book's two editions: the same chapters in English and in German, one site.

The English book is the repository's root (``_toc.yml``, ``chapters/``); the German one is the
``de`` folder (``de/_toc.yml``, ``de/chapters/``), built with the same ``_config.yml`` and
published under ``/de/``. A page has the same name in both, so each page links to its
counterpart, and search engines are told so (``hreflang``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import os

import yaml

BASE_URL_VARIABLE = "KARABAKH_BASE_URL"  # publish elsewhere without editing _config.yml
LOCALES = {"en": "en_GB", "de": "de_DE"}  # og:locale of each edition


@dataclass(frozen=True)
class Edition:
    language: str   # the book's words ('en', 'de') and the pages' lang
    folder: str     # the book's root, relative to the repository
    site: str       # where the edition is published inside the site ('' or 'de/')
    name: str       # how a switch to this edition calls it, in its own language

    def root(self, book: Path) -> Path:
        return (Path(book) / self.folder).resolve()

    def toc(self, book: Path) -> Path:
        return self.root(book) / "_toc.yml"

    def chapter(self, book: Path, name: str) -> Path:
        return self.root(book) / "chapters" / f"{name}.md"


ENGLISH = Edition("en", ".", "", "English")
GERMAN = Edition("de", "de", "de/", "Deutsch")
EDITIONS = (ENGLISH, GERMAN)


def by_language(language: str) -> Edition:
    return next(e for e in EDITIONS if e.language == language)


def of_source(path: Path, book: Path) -> Edition:
    """The edition a source file or folder belongs to (the German one lives in ``de/``)."""
    path = Path(path).resolve()
    german = GERMAN.root(book)
    return GERMAN if path == german or german in path.parents else ENGLISH


def documents(edition: Edition, book: Path) -> list[str]:
    """The documents of an edition's table of contents, root first ('chapters/index', ...)."""
    toc = yaml.safe_load(edition.toc(book).read_text(encoding="utf-8"))
    return [toc["root"]] + [entry["file"] for part in toc.get("parts", []) for entry in part["chapters"]]


def config_for(edition: Edition, book: Path, folder: Path) -> Path:
    """The book's ``_config.yml`` for ``edition``: the same settings, in the edition's language.

    Sphinx loads translations (its own and the theme's) before any extension runs, so the
    language must be in the configuration; it is written here, into the build's ``folder``,
    rather than kept in a second copy of the configuration.
    """
    config = yaml.safe_load((Path(book) / "_config.yml").read_text(encoding="utf-8"))
    sphinx = config.setdefault("sphinx", {}).setdefault("config", {})
    sphinx["language"] = edition.language
    # Absolute addresses (canonical links, share previews, sitemap) start at the edition's root.
    site_url = base_url(config) + edition.site
    config["html"]["baseurl"] = site_url
    sphinx["ogp_site_url"] = site_url
    sphinx["ogp_custom_meta_tags"] = [f'<meta property="og:locale" content="{LOCALES[edition.language]}">',
                                      '<meta name="twitter:card" content="summary">']
    Path(folder).mkdir(parents=True, exist_ok=True)
    path = Path(folder) / f"_config.{edition.language}.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def base_url(config: dict) -> str:
    """The site's address, ending in '/': KARABAKH_BASE_URL if set, else _config.yml's html.baseurl."""
    url = os.environ.get(BASE_URL_VARIABLE) or config.get("html", {}).get("baseurl") or ""
    if not url.startswith("https://"):
        raise ValueError(f"the site's base URL must be an https:// address (html.baseurl in _config.yml or {BASE_URL_VARIABLE}); got {url!r}")
    return url.rstrip("/") + "/"


def page_url(site_url: str, docname: str) -> str:
    """A page's absolute address in its edition (``site_url`` is the edition's html_baseurl), as its canonical link gives it."""
    return f"{site_url.rstrip('/')}/{docname}.html"


def counterpart_url(pagename: str, edition: Edition, other: Edition) -> str:
    """The page-relative URL of the same page in the other edition."""
    up = "../" * (pagename.count("/") + edition.site.count("/"))
    return f"{up}{other.site}{pagename}.html"
