"""No broken link or anchor: every internal href and src of the published site (both editions, embed pages,
data downloads) resolves to a file, and every #anchor to an element of that file; external links are well formed."""

from __future__ import annotations

import functools
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from test_editions import BASE

pytestmark = pytest.mark.build


class Links(HTMLParser):
    """A page's ids and the addresses it links to (href, src), with the line of each."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids, self.links = set(), []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if attrs.get(name):
                self.ids.add(attrs[name])
        for name in ("href", "src"):
            if attrs.get(name) is not None:
                self.links.append((self.getpos()[0], attrs[name]))
        if tag == "meta" and attrs.get("property") in ("og:url", "og:image"):  # what a link preview fetches
            self.links.append((self.getpos()[0], attrs["content"]))


@functools.lru_cache(maxsize=None)
def parsed(path: Path) -> Links:
    links = Links()
    links.feed(path.read_text(encoding="utf-8"))
    return links


def target_of(page: Path, address: str, site: Path) -> tuple[Path | None, str]:
    """The local file an address names (None for another host) and its fragment."""
    url = urlparse(address)
    if address.startswith(BASE):  # the site's own absolute addresses (canonical, hreflang, share tags)
        path = site / unquote(url.path[len(urlparse(BASE).path):])
    elif url.scheme or url.netloc:
        return None, url.fragment
    else:
        path = page if not url.path else (page.parent / unquote(url.path))
    return (path / "index.html" if path.is_dir() else path), url.fragment


def site_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "_static" not in p.parts)


def test_the_checker_finds_a_broken_link_and_a_missing_anchor(tmp_path):
    (tmp_path / "a.html").write_text('<p id="here"><a href="b.html">b</a> <a href="#gone">x</a> <a href="#here">h</a></p>')
    assert broken_links(tmp_path, [tmp_path / "a.html"]) == ["a.html:1: b.html (no such file)", "a.html:1: #gone (no such anchor)"]


def broken_links(site: Path, pages: list[Path]) -> list[str]:
    broken = []
    for page in pages:
        for line, address in parsed(page).links:
            where = f"{page.relative_to(site)}:{line}: {address}"
            if address.startswith(("mailto:", "data:", "javascript:")):
                if address.startswith("javascript:"):
                    broken.append(f"{where} (script in a link)")
                continue
            target, fragment = target_of(page, address, site)
            if target is None:
                url = urlparse(address)
                if url.scheme not in ("http", "https") or not url.netloc or " " in address:
                    broken.append(f"{where} (malformed)")
                continue
            target = target.resolve()
            if not target.is_file():
                broken.append(f"{where} (no such file)")
            elif fragment and target.suffix == ".html" and unquote(fragment) not in parsed(target).ids:
                broken.append(f"{where} (no such anchor)")
    return broken


def test_every_internal_link_and_anchor_resolves(site):
    broken = broken_links(site.resolve(), [p.resolve() for p in site_pages(site)])
    assert not broken, f"{len(broken)} broken:\n" + "\n".join(broken[:30])


# Sources whose recorded address is http:// and whose https:// copy could not be checked from the build machine
# (no network): each keeps its recorded address until someone confirms it serves https. Any other http:// link
# fails, so a new one gets the same look.
RECORDED_OVER_HTTP = {"topnews.mediamall.am", "nkrusa.org", "www.today.az", "cecnkr.am", "www.opennieuwsbank.nl"}


def test_external_links_use_https_where_the_source_serves_it(site):
    plain = {}
    for page in site_pages(site):
        for line, address in parsed(page.resolve()).links:
            if address.startswith("http://"):
                plain.setdefault(urlparse(address).netloc, f"{page.relative_to(site)}:{line}: {address}")
    unexpected = {host: where for host, where in plain.items() if host not in RECORDED_OVER_HTTP}
    assert not unexpected, unexpected
