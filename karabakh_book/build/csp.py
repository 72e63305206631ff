"""The browser enforces the book's privacy promise: a Content-Security-Policy on every page.

Scripts run only from the site itself, plus the few fixed inline lines the theme and its
extensions write (their sha256 hashes, computed from the page as built); chart data is JSON, which
no policy needs to allow. Every page carries the policy as a ``<meta http-equiv>``; ``make serve``
and the ``_headers`` file send it as a header too, with ``frame-ancestors``, which a meta element
cannot carry: the book's pages may not be framed by other sites, a chart's embed page may.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

from .embeds import EMBED_DIR

# plotly.js writes style attributes and <style> elements as it draws: styles must allow inline ones.
# Scripts never do: no 'unsafe-inline', no 'unsafe-eval'.
DIRECTIVES = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
}
REFERRER = "no-referrer"  # a source whose link a reader follows learns nothing of the page they came from

HEADERS = "_headers"
TRANSLATIONS_CALL = "Documentation.addTranslations("
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S)
DATA_TYPE = re.compile(r'\btype="application/(?:ld\+)?json"')
HEAD = re.compile(r"<head>|<head [^>]*>")


def inline_hashes(html: str) -> list[str]:
    """The CSP source of each inline script that runs (JSON data blocks never do)."""
    hashes = []
    for attributes, body in INLINE_SCRIPT.findall(html):
        if DATA_TYPE.search(attributes):
            continue
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        if f"'sha256-{digest}'" not in hashes:
            hashes.append(f"'sha256-{digest}'")
    return hashes


def policy(hashes: list[str] = (), *, framed_by: str | None = None) -> str:
    directives = dict(DIRECTIVES)
    directives["script-src"] = " ".join([directives["script-src"], *hashes])
    if framed_by is not None:
        directives["frame-ancestors"] = framed_by
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def protected(html: str) -> str:
    """The page with its policy and referrer policy first in its head, before any script."""
    tags = (f'<meta http-equiv="Content-Security-Policy" content="{policy(inline_hashes(html))}">'
            f'<meta name="referrer" content="{REFERRER}">')
    found = HEAD.search(html)
    if found is None:
        raise ValueError("a page without <head>: no place for its Content-Security-Policy")
    return html[: found.end()] + tags + html[found.end():]


def frame_ancestors(path: str) -> str:
    """Who may frame a page: anyone for a chart's embed page, nobody for the book's own pages."""
    return "*" if f"/{EMBED_DIR}/" in f"/{path}" else "'none'"


def header_policy(path: str, html: str) -> str:
    return policy(inline_hashes(html), framed_by=frame_ancestors(path))


def translations_without_eval(site: Path) -> None:
    """Sphinx's ``translations.js`` hands its plural rule to ``doctools.js`` as a string, which turns
    it into code with ``new Function`` (an eval, which the policy forbids): the same catalogue,
    with the rule written as a function."""
    path = site / "_static" / "translations.js"
    if not path.is_file():
        return
    text = path.read_text(encoding="utf-8")
    if not text.startswith(TRANSLATIONS_CALL):
        return
    catalog = json.loads(text[len(TRANSLATIONS_CALL):].rstrip().removesuffix(");"))
    if not re.fullmatch(r"[n0-9 !=<>%&|?:()]+", catalog["plural_expr"]):
        raise ValueError(f"{path}: unexpected plural rule {catalog['plural_expr']!r}")
    path.write_text(
        f"Object.assign(Documentation.TRANSLATIONS, {json.dumps(catalog['messages'], ensure_ascii=False, sort_keys=True)});\n"
        f"Documentation.PLURAL_EXPR = function (n) {{ return Number({catalog['plural_expr']}); }};\n"
        f"Documentation.LOCALE = {json.dumps(catalog['locale'])};\n",
        encoding="utf-8")


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "_static" not in p.relative_to(site).parts)


def protect_pages(site: Path) -> None:
    """Every page of a built edition carries its policy (built before its compressed siblings)."""
    translations_without_eval(site)
    for page in pages(site):
        html = page.read_text(encoding="utf-8")
        if 'http-equiv="Content-Security-Policy"' not in html:
            page.write_text(protected(html), encoding="utf-8")


def write_headers(parts: dict[str, Path], target: Path) -> None:
    """``_headers`` (the format Netlify and Cloudflare Pages read) with each page's policy and
    ``frame-ancestors``: ``parts`` maps a place in the site ('' or 'de/') to the edition built there."""
    rules = []
    for place, site in sorted(parts.items()):
        for page in pages(site):
            path = place + page.relative_to(site).as_posix()
            rules.append(f"/{path}\n  Content-Security-Policy: {header_policy(path, page.read_text(encoding='utf-8'))}\n"
                         f"  Referrer-Policy: {REFERRER}\n")
    target.write_text("\n".join(rules), encoding="utf-8")
