"""What makes one Sphinx build an edition: its language, its words for the theme, the switch to the
other edition on every page, and the page at the edition's root.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from sphinx.application import Sphinx

from ..words import say, speaking, use
from .editions import EDITIONS, ENGLISH, Edition, counterpart_url, documents, of_source
from .tree import BOOK_ROOT

# Pages Sphinx writes in every edition besides the table of contents.
GENERATED_PAGES = ("search", "genindex")


def edition(app: Sphinx) -> Edition:
    return of_source(Path(app.srcdir), BOOK_ROOT)


def configure(app: Sphinx, config) -> None:
    """The edition's language, and the site's own words in it (they are written in English in _config.yml)."""
    current = edition(app)
    use(current.language)
    config.language = current.language
    config.html_title = say(config.html_title)
    config.project = config.html_title  # Jupyter Book leaves Sphinx's project name unset
    config.author = say(config.author)
    # myst-nb's toggle for folded code; it fills in {type} itself.
    config.nb_code_prompt_show = say("Show code cell {type}", type="{type}")
    config.nb_code_prompt_hide = say("Hide code cell {type}", type="{type}")
    options = config.html_theme_options
    for key in ("search_bar_text", "extra_footer"):
        if key in options:
            options[key] = say(options[key])


def page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Every page links to the same page in the other edition (header switch, ``hreflang``)."""
    current = edition(app)
    # hreflang addresses are absolute (search engines ignore relative ones), under the site's base URL.
    site = app.config.html_baseurl.removesuffix(current.site)
    alternates = [(current.language, f"{site}{current.site}{pagename}.html")]
    context["kb_switches"] = []
    for other in EDITIONS:
        if other == current:
            continue
        if pagename in documents(other, BOOK_ROOT) or pagename in GENERATED_PAGES:
            url = counterpart_url(pagename, current, other)
            alternates.append((other.language, f"{site}{other.site}{pagename}.html"))
            with speaking(other.language):
                label = say("Read this page in English") if other.language == "en" else say("Read this page in German")
            context["kb_switches"].append({"url": url, "language": other.language, "name": other.name, "label": label})
    context["kb_alternates"] = sorted(alternates)


def write_root_page(app: Sphinx, exception) -> None:
    """A real page at the edition's root: for the English build, the site's root, which lets a
    reader pick an edition; for the German one, a step to its landing page.

    sphinx-external-toc writes a bare meta-refresh line there (unless the file exists); without
    a favicon link, browsers then request /favicon.ico and log a 404 console error.
    """
    if exception is not None or app.builder.format != "html" or app.config.root_doc == "index":
        return
    current = edition(app)
    favicon = f'<link rel="icon" href="_static/{Path(app.config.html_favicon).name}">' if app.config.html_favicon else ""
    landing = f"{app.config.root_doc}.html"
    if current == ENGLISH:
        choices = []
        for choice in EDITIONS:
            with speaking(choice.language):
                title, read = say("Leaving Karabakh"), say("Read the book in English") if choice.language == "en" else say("Read the book in German")
            choices.append(f'<li lang="{choice.language}"><a href="{choice.site}{landing}" hreflang="{choice.language}">'
                           f"<strong>{escape(title)}</strong> – {escape(read)}</a></li>")
        body = f"<main><h1>{escape(app.config.html_title)}</h1><ul class=\"kb-editions\">{''.join(choices)}</ul></main>"
        description = say("The story of Russia's peacekeepers leaving Nagorno-Karabakh in 2024, and how the region got there, "
                          "told with sourced data; in English and in German.")
        head = (f'<meta name="description" content="{escape(description)}"><link rel="stylesheet" href="_static/karabakh.css">'
                f'<link rel="canonical" href="{escape(app.config.html_baseurl)}">')
    else:
        body = f'<p><a href="{landing}">{escape(app.config.html_title)}</a></p>'
        head = f'<meta http-equiv="Refresh" content="0; url={landing}">'
    (Path(app.outdir) / "index.html").write_text(
        f"""<!DOCTYPE html>
<html lang="{current.language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(app.config.html_title)}</title>{favicon}{head}</head>
<body>{body}</body></html>
""",
        encoding="utf-8",
    )


def write_robots(app: Sphinx, exception) -> None:
    """``robots.txt`` at the site's root (the English build's), naming both editions' sitemaps."""
    if exception is not None or app.builder.format != "html" or edition(app) != ENGLISH:
        return
    base = app.config.html_baseurl
    lines = ["User-agent: *", "Allow: /", ""] + [f"Sitemap: {base}{e.site}sitemap.xml" for e in EDITIONS]
    (Path(app.outdir) / "robots.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")

