"""A chart alone: the embed page another site shows in an iframe, and where it lives.

An embed page is the chart's own ``<figure>`` (headline, chart, notes, source, get the data) with
a link back to its story, and nothing of the book's theme. It loads only the site's own files:
the book's stylesheet and chart loader, and ``embed.js``, which tells the page that embeds it how
tall it is (``postMessage``), so the iframe code under each chart sizes itself.
"""

from __future__ import annotations

from html import escape

from ..links import DATA_URL_PREFIX
from ..words import language, say
from .chart_html import EMBED_URL_PREFIX, NO_SCRIPT_STYLE, Chart

EMBED_DIR = "embed"  # inside an edition's site


def embed_page(chart: Chart, *, story_url: str, story_title: str, book_title: str, loader: str) -> str:
    """The standalone page of ``chart``; links relative to ``embed/``, ``story_url`` to its chapter."""
    figure = chart.embed_html.replace(f'href="{DATA_URL_PREFIX}', 'href="../data/').replace(f'src="{DATA_URL_PREFIX}', 'src="../data/')
    figure = figure.replace(EMBED_URL_PREFIX, "")
    title = escape(f"{chart.furniture['title']} – {book_title}")
    read = say("Read the story:")
    return f"""<!DOCTYPE html>
<html lang="{language()}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<meta name="description" content="{escape(chart.furniture['subtitle'])}">
<link rel="canonical" href="{escape(story_url.split('#')[0])}">
<link rel="icon" href="../_static/favicon.svg">
<base target="_top">
<link rel="stylesheet" href="../_static/karabakh.css">
<noscript><style>{NO_SCRIPT_STYLE}</style></noscript>
{loader}
<script defer src="../_static/embed.js"></script>
</head>
<body class="kb-embed">
{figure}
<p class="kb-embed-story">{escape(read)} <a href="{escape(story_url)}">{escape(story_title)}</a> · {escape(book_title)}</p>
</body>
</html>
"""
