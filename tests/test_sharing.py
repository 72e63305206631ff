"""Every page travels well: a link to it previews with a title, a description from its lede and its
address; search engines find every page of both editions in the sitemaps that robots.txt names."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from test_editions import BASE, ENGLISH_WORDS, pages, without_names

from karabakh_book.build.editions import BASE_URL_VARIABLE, EDITIONS, GERMAN, base_url, config_for

pytestmark = pytest.mark.build
ROOT = Path(__file__).resolve().parent.parent


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


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's header (its IHDR chunk)."""
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is no PNG"
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


def test_every_page_previews_with_a_1200_by_630_image_of_its_lead_chart_or_the_books_card(site):
    for edition, name in shared_pages(site):
        html = (site / edition.site / name).read_text(encoding="utf-8")
        page = tags(html)
        image = page.get("og:image", "")
        assert image.startswith(f"{BASE}{edition.site}previews/") and page.get("twitter:card") == "summary_large_image", name
        assert png_size(site / edition.site / image[len(BASE + edition.site):]) == (1200, 630), image
        assert (page.get("og:image:width"), page.get("og:image:height")) == ("1200", "630"), name
        lead = re.search(r'<span class="kb-chart-title" id="[^"]+">([^<]+)</span>', html)
        # the lead chart's headline describes its image; a page without a chart shows the book's card
        assert page.get("og:image:alt") == (lead.group(1) if lead else page["og:title"]), name


def test_every_chart_has_an_anchor_images_to_download_and_an_embed_page(site):
    seen = set()
    for edition, name in shared_pages(site):
        html = (site / edition.site / name).read_text(encoding="utf-8")
        for chart_id in re.findall(r'<figure class="kb-chart" id="([a-z0-9-]+)"', html):
            assert (edition.language, chart_id) not in seen, f"chart name {chart_id} used twice"
            seen.add((edition.language, chart_id))
            assert f'<a href="#{chart_id}">' in html, (name, chart_id)
            for kind in ("png", "svg", "csv"):
                assert f'<a download href="../data/charts/{chart_id}.{kind}">' in html, (name, chart_id, kind)
                assert (site / edition.site / "data" / "charts" / f"{chart_id}.{kind}").is_file(), (chart_id, kind)
            width, height = png_size(site / edition.site / "data" / "charts" / f"{chart_id}.png")
            assert width == 2000 and height > 600, (chart_id, width, height)
            svg = (site / edition.site / "data" / "charts" / f"{chart_id}.svg").read_text(encoding="utf-8")
            assert svg.startswith("<svg") and "http://" not in svg.replace("http://www.w3.org/", ""), chart_id
            embed = (site / edition.site / "embed" / f"{chart_id}.html").read_text(encoding="utf-8")
            assert f'href="{BASE}{edition.site}{name}#{chart_id}"' in embed, (chart_id, "no way back to the story")
            headline = re.search(rf'id="{chart_id}-title">([^<]+)<', html).group(1)
            assert f'id="{chart_id}-title">{headline}<' in embed and 'class="bd-' not in embed, chart_id  # no theme
    assert len({chart for _, chart in seen}) >= 20


def test_sphinx_s_own_pages_describe_themselves_in_their_edition_s_language(site):
    for edition in EDITIONS:
        for name in ("search.html", "genindex.html"):
            description = tags((site / edition.site / name).read_text(encoding="utf-8")).get("description", "")
            assert len(description) > 15, (edition.language, name)
            assert ("Berg-Karabach verlassen" in description) == (edition == GERMAN), (edition.language, name, description)
