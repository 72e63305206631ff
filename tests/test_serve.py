"""make serve answers as a real static host: precompressed files by the browser's choice, cache headers."""

from __future__ import annotations

import gzip
import urllib.request

import brotli
import pytest

from karabakh_book.build.serve import FOREVER, REVALIDATE, cache_control, start

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def server(site):
    httpd, url = start(site.resolve())
    yield url
    httpd.shutdown()


def fetch(url: str, encoding: str | None):
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding} if encoding else {})
    with urllib.request.urlopen(request) as response:
        return response.headers, response.read()


@pytest.mark.parametrize("encoding, decode", [("br", brotli.decompress), ("gzip", gzip.decompress), (None, lambda b: b)])
def test_a_page_comes_in_the_encoding_the_browser_accepts(site, server, encoding, decode):
    headers, body = fetch(f"{server}/chapters/exodus.html", f"{encoding}, deflate" if encoding else None)
    assert headers.get("Content-Encoding") == encoding
    assert decode(body) == (site / "chapters" / "exodus.html").read_bytes()
    assert headers["Content-Type"].startswith("text/html") and headers["Cache-Control"] == REVALIDATE
    assert headers["Vary"] == "Accept-Encoding"


def test_brotli_is_preferred_and_checksummed_assets_are_kept_for_good(server):
    headers, _ = fetch(f"{server}/_static/karabakh.js?v=123", "gzip, br")
    assert headers["Content-Encoding"] == "br" and headers["Cache-Control"] == FOREVER


def test_cache_policy_by_kind_of_file():
    assert cache_control("/chapters/blockade.html") == REVALIDATE
    assert cache_control("/data/places.csv") == REVALIDATE
    assert cache_control("/_static/plotly-basic.min.js?v=99784e3abfb0") == FOREVER
    assert cache_control("/_static/styles/theme.css?digest=55c2") == FOREVER
    assert cache_control("/_static/favicon.svg").startswith("public, max-age=")


def test_folders_and_missing_files(server):
    headers, body = fetch(f"{server}/", "br")
    assert brotli.decompress(body).startswith(b"<!DOCTYPE html>")
    with pytest.raises(urllib.error.HTTPError) as missing:
        fetch(f"{server}/no-such-page.html", None)
    assert missing.value.code == 404
