"""The browser enforces the privacy promise: every page, embed pages included, carries a strict
Content-Security-Policy and a referrer policy; make serve and _headers send the same, with who may frame it."""

from __future__ import annotations

import re
import urllib.request

import pytest

from karabakh_book.build.csp import inline_hashes, policy, protected, translations_without_eval
from karabakh_book.build.serve import start

pytestmark = pytest.mark.build
POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')


def directives(text: str) -> dict[str, str]:
    return {part.split()[0]: " ".join(part.split()[1:]) for part in text.split("; ")}


def test_the_policy_allows_scripts_only_from_the_site_and_hashed_inline_lines():
    page = ('<html><head><title>t</title></head><body><script>var a = 1;</script>'
            '<script type="application/json">{"data": []}</script><script defer src="_static/x.js"></script></body></html>')
    (hash_,) = inline_hashes(page)  # the JSON data block is no script: it needs no hash
    assert hash_ == "'sha256-+dZ6udsWxNVoGfScAq7t5IIF5UJb4F6RhjbN6oe1p4w='"  # openssl dgst -sha256 -binary | base64
    rules = directives(policy([hash_]))
    assert rules["script-src"] == f"'self' {hash_}" and rules["default-src"] == "'self'"
    assert (rules["object-src"], rules["base-uri"], rules["form-action"], rules["connect-src"], rules["img-src"]) == (
        "'none'", "'self'", "'self'", "'self'", "'self' data:")
    assert "frame-ancestors" not in rules, "a meta policy cannot carry frame-ancestors; headers do"
    out = protected(page)
    assert out.index("Content-Security-Policy") < out.index("<script") and '<meta name="referrer" content="no-referrer">' in out


def test_sphinx_translations_lose_their_eval(tmp_path):
    static = tmp_path / "_static"
    static.mkdir()
    (static / "translations.js").write_text('Documentation.addTranslations({\n "locale": "de",\n "messages": {"Search": "Suche"},\n'
                                           ' "plural_expr": "(n != 1)"\n});\n', encoding="utf-8")
    translations_without_eval(tmp_path)
    text = (static / "translations.js").read_text(encoding="utf-8")
    assert "addTranslations" not in text and '"Search": "Suche"' in text and "return Number((n != 1));" in text


def test_every_page_carries_a_strict_policy(site):
    pages = sorted(p for p in site.rglob("*.html") if "_static" not in p.parts)
    assert any("embed" in p.parts for p in pages) and any(p.parts[-3:-1] == ("de", "chapters") for p in pages)
    for page in pages:
        html = page.read_text(encoding="utf-8")
        found = POLICY.search(html)
        first_script = html.find("<script")
        assert found and (first_script == -1 or html.index(found.group(0)) < first_script), f"{page}: no policy before its scripts"
        rules = directives(found.group(1))
        scripts = rules["script-src"].split()
        assert scripts[0] == "'self'" and all(s.startswith("'sha256-") for s in scripts[1:]), (page, scripts)
        assert "unsafe" not in rules["script-src"] and rules["default-src"] == "'self'", page
        assert sorted(inline_hashes(html)) == sorted(scripts[1:]), f"{page}: a hash for every inline script and no other"


@pytest.fixture(scope="module")
def server(site):
    httpd, url = start(site.resolve())
    yield url
    httpd.shutdown()


@pytest.mark.parametrize("page, framed_by", [("chapters/blockade.html", "'none'"), ("de/chapters/exodus.html", "'none'"),
                                             ("embed/exodus-curve.html", "*"), ("de/embed/exodus-curve.html", "*")])
def test_make_serve_and_the_headers_file_send_the_policy_and_who_may_frame_the_page(site, server, page, framed_by):
    with urllib.request.urlopen(f"{server}/{page}") as response:
        header = response.headers["Content-Security-Policy"]
        assert response.headers["Referrer-Policy"] == "no-referrer"
    meta = POLICY.search((site / page).read_text(encoding="utf-8")).group(1)
    assert header == f"{meta}; frame-ancestors {framed_by}"
    rules = (site / "_headers").read_text(encoding="utf-8")
    assert f"/{page}\n  Content-Security-Policy: {header}\n  Referrer-Policy: no-referrer\n" in rules
