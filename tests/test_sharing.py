"""Every page travels well: a link to it previews with a title, a description from its lede and its
address; search engines find every page of both editions in the sitemaps that robots.txt names."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from test_editions import ENGLISH_WORDS, pages, without_names

from karabakh_book.build.editions import BASE_URL_VARIABLE, EDITIONS, GERMAN, base_url, config_for

pytestmark = pytest.mark.build
ROOT = Path(__file__).resolve().parent.parent
BASE = base_url(yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8")))


def tags(html: str) -> dict[str, str]:
    """The page's share-preview tags: meta name/property → content, and its canonical link."""
    found = {m.group(1): m.group(2) for m in re.finditer(r'<meta (?:name|property)="([^"]+)" content="([^"]*)"', html)}
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html)
    found["canonical"] = canonical.group(1) if canonical else ""
    return found


def shared_pages(site: Path):
    for edition in EDITIONS:
        for name in pages(site, edition == GERMAN):
            if name.startswith("chapters/"):  # the book's pages; the roots choose an edition, search finds
                yield edition, name


def test_every_page_previews_with_title_description_address_and_language(site):
    for edition, name in shared_pages(site):
        page = tags((site / edition.site / name).read_text(encoding="utf-8"))
        url = f"{BASE}{edition.site}{name}"
        assert page["canonical"] == url and page.get("og:url") == url, (edition.language, name, page)
        assert page.get("og:title") and page.get("og:type") == "article", (edition.language, name)
        assert page.get("og:locale") == {"en": "en_GB", "de": "de_DE"}[edition.language], name
        assert page.get("twitter:card"), name
        description = page.get("description", "")
        assert len(description) >= 40 and page.get("og:description") == description, (edition.language, name, description)
        if edition == GERMAN and name.startswith("chapters/"):
            leaks = ENGLISH_WORDS.findall(without_names(re.sub(r"\S+/\S+", " ", description)))  # file paths are no words
            assert not leaks, f"{name}: English in the German description {description!r}"


def test_the_sitemaps_list_every_page_and_robots_txt_names_them(site):
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    for edition in EDITIONS:
        assert f"Sitemap: {BASE}{edition.site}sitemap.xml" in robots
        listed = set(re.findall(r"<loc>([^<]+)</loc>", (site / edition.site / "sitemap.xml").read_text(encoding="utf-8")))
        chapters = {f"{BASE}{edition.site}{name}" for name in pages(site, edition == GERMAN) if name.startswith("chapters/")}
        assert chapters and chapters <= listed, chapters - listed


def test_another_host_is_one_variable_away(tmp_path, monkeypatch):
    monkeypatch.setenv(BASE_URL_VARIABLE, "https://example.org/book")
    config = yaml.safe_load(config_for(GERMAN, ROOT, tmp_path).read_text(encoding="utf-8"))
    assert config["html"]["baseurl"] == config["sphinx"]["config"]["ogp_site_url"] == "https://example.org/book/de/"
    monkeypatch.setenv(BASE_URL_VARIABLE, "http://example.org/book")
    with pytest.raises(ValueError, match="https://"):
        config_for(GERMAN, ROOT, tmp_path)
