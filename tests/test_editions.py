"""The two editions of the built site: every page has its counterpart, they say the same numbers, and the
German one speaks German (English only where it is marked as such)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from karabakh_book.build.editions import GERMAN, base_url
from karabakh_book.build.reproduce import RECORD_DIR
from karabakh_book.notebook import NEUTRAL_VALUES

pytestmark = pytest.mark.build
BASE = base_url(yaml.safe_load((Path(__file__).resolve().parent.parent / "_config.yml").read_text(encoding="utf-8")))


def pages(site: Path, german: bool) -> list[str]:
    """Page paths of one edition, relative to the edition's root."""
    root = site / GERMAN.site if german else site
    found = []
    for page in sorted(root.rglob("*.html")):
        relative = page.relative_to(root)
        if {"_static", "embed"} & set(relative.parts) or (not german and relative.parts[0] == GERMAN.site.strip("/")):
            continue
        found.append(str(relative))
    return found


class Page(HTMLParser):
    """A page's language, its links to other editions, and its text outside anything marked lang="en"."""

    SKIPPED = {"script", "style", "code", "pre"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lang, self.alternates, self.switches, self.text = None, {}, [], []
        self._stack: list[tuple[str, bool]] = []

    def _quiet(self) -> bool:
        return any(skipped for _, skipped in self._stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "link" and attrs.get("rel") == "alternate" and attrs.get("hreflang"):
            self.alternates[attrs["hreflang"]] = attrs["href"]
        if tag == "a" and "kb-language-switch" in (attrs.get("class") or ""):
            self.switches.append(attrs["href"])
        if tag in ("meta", "link", "br", "img", "input", "hr", "col", "source", "wbr"):
            return
        self._stack.append((tag, tag in self.SKIPPED or attrs.get("lang") == "en"))

    def handle_endtag(self, tag):
        while self._stack:
            opened, _ = self._stack.pop()
            if opened == tag:
                break

    def handle_data(self, data):
        if not self._quiet():
            self.text.append(data)


def read(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def test_every_page_has_its_counterpart_and_both_say_so(site):
    english, german = pages(site, False), pages(site, True)
    assert english and set(english) == set(german), set(english) ^ set(german)
    for name in english:
        if name == "index.html":
            continue  # the site's root lets the reader choose; the German root leads to its landing page
        for path, other in ((site / name, "de"), (site / GERMAN.site / name, "en")):
            page = read(path)
            assert page.lang == ("de" if other == "en" else "en"), path
            # hreflang: absolute addresses under the site's base URL (search engines ignore relative ones)
            assert page.alternates[other] == f"{BASE}{GERMAN.site if other == 'de' else ''}{name}", path
            assert page.alternates[page.lang] == f"{BASE}{GERMAN.site if other == 'en' else ''}{name}", path
            target = ((site / GERMAN.site / name) if other == "de" else (site / name)).resolve()
            assert page.switches and (path.parent / page.switches[0]).resolve() == target, path


def test_the_root_lets_a_reader_pick_either_edition(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a href="([^"]+)" hreflang="(en|de)"', html)
    assert {lang for _, lang in links} == {"en", "de"}
    assert all((site / href).is_file() for href, _ in links)


def neutral(value):
    """A drawn coordinate as both editions must share it: numbers and ISO dates; category labels are words."""
    if isinstance(value, str) and not re.match(r"^\d{4}-\d\d-\d\d", value):
        return "label"
    return value


def test_both_editions_say_the_same_numbers_and_draw_the_same_points(site):
    records = sorted((site / RECORD_DIR).glob("*.json"))
    assert records
    for path in records:
        english = json.loads(path.read_text(encoding="utf-8"))
        german = json.loads((site / GERMAN.site / RECORD_DIR / path.name).read_text(encoding="utf-8"))
        assert set(english["glue"]) == set(german["glue"]), path.name
        assert json.loads(english["glue"][NEUTRAL_VALUES]) == json.loads(german["glue"][NEUTRAL_VALUES]), path.name
        assert len(english["figures"]) == len(german["figures"]), path.name
        for number, (a, b) in enumerate(zip(english["figures"], german["figures"]), 1):
            assert len(a["traces"]) == len(b["traces"]), f"{path.name}, chart {number}"
            for index, (s, t) in enumerate(zip(a["traces"], b["traces"]), 1):
                assert s.get("type") == t.get("type")
                for key in ("x", "y"):
                    assert [neutral(v) for v in s.get(key) or []] == [neutral(v) for v in t.get(key) or []], (
                        f"{path.name}, chart {number}, trace {index}, {key}"
                    )


# Words that are English and never German: a German page that shows one outside a lang="en" element leaks.
ENGLISH_WORDS = re.compile(
    r"\b(the|and|of|with|which|were|has|have|this|that|their|from|after|before|between|by|is|are|its|for|to|"
    r"been|not|people|figure|figures|chart|data|source|published|during|against)\b"
)
ENGLISH_MONTHS = re.compile(r"\b(January|February|March|May|June|July|October|December)\b")
ENGLISH_GROUPING = re.compile(r"\b\d{1,3}(?:,\d{3})+\b")


def publishers() -> list[str]:
    """The media's names as the German edition shows them: names, not English text ("The Straits Times")."""
    from karabakh_book import load
    from karabakh_book.words import speaking

    with speaking("de"):
        names = set(load("sources")["publisher"]) | set(load("sources")["cites"].dropna())
    return sorted(names, key=len, reverse=True)  # longest first: a name inside a longer one goes with it


PUBLISHERS = publishers()


def without_names(text: str) -> str:
    for name in PUBLISHERS:
        text = text.replace(name, " ")
    return text


def german_text(path: Path) -> str:
    """A German page's text outside lang="en" elements, without the media's names and web addresses."""
    return without_names(re.sub(r"https?://\S+", " ", " ".join(read(path).text)))  # addresses first: they hold names


@pytest.mark.parametrize("name", ["chapters/index.html", "chapters/withdrawal.html", "chapters/war-and-ceasefire.html",
                                  "chapters/peacekeepers.html", "chapters/blockade.html", "chapters/offensive.html",
                                  "chapters/exodus.html", "chapters/claims.html", "chapters/methods.html", "chapters/data.html",
                                  "search.html", "genindex.html"])
def test_no_english_leaks_into_the_german_edition(site, name):
    text = german_text(site / GERMAN.site / name)
    leaks = sorted({m.group(0) for m in ENGLISH_WORDS.finditer(text)})
    context = [text[max(0, m.start() - 60): m.end() + 60] for m in ENGLISH_WORDS.finditer(text)][:3]
    assert not leaks, f"English words {leaks} in {name}: {context}"


@pytest.mark.parametrize("name", ["chapters/index.html", "chapters/withdrawal.html", "chapters/war-and-ceasefire.html",
                                  "chapters/peacekeepers.html", "chapters/blockade.html", "chapters/offensive.html",
                                  "chapters/exodus.html", "chapters/claims.html", "chapters/methods.html"])
def test_german_pages_write_numbers_and_dates_the_german_way(site, name):
    text = german_text(site / GERMAN.site / name)
    # "39,815" is a German decimal where the English page shows 39.815, and English grouping otherwise.
    english = " ".join(read(site / name).text)
    grouped = [n for n in ENGLISH_GROUPING.findall(text) if n.replace(",", ".") not in english]
    assert not grouped, grouped[:5]
    ungrouped = [n for n in re.findall(r"(?<![\d.,:/-])\d{4,}(?![\d.,:/-])", text) if not 1900 <= int(n) <= 2099]
    assert not ungrouped, f"numbers of 1,000 or more without German grouping: {ungrouped[:5]}"
    assert not ENGLISH_MONTHS.findall(text), ENGLISH_MONTHS.findall(text)[:5]


def chart_specs(path: Path) -> list[dict]:
    html = path.read_text(encoding="utf-8")
    return [json.loads(spec) for spec in re.findall(r'<script type="application/json" class="kb-chart-spec">(.*?)</script>', html, re.S)]


def spec_strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for key, item in value.items() if key not in ("template", "meta") for s in spec_strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in spec_strings(item)]
    return []


def test_german_charts_draw_with_german_separators_and_words(site):
    for name in pages(site, True):
        for spec in chart_specs(site / GERMAN.site / name):
            assert spec["layout"]["separators"] == ",." and spec["config"]["locale"] == "de", name
            shown = (s for s in spec_strings({"data": spec["data"], "layout": spec["layout"]}) if not s.startswith("http"))
            words = without_names(re.sub(r"\S+\.html\b", " ", " ".join(shown)))  # a point's page link is no word
            leaks = sorted({m.group(0) for m in ENGLISH_WORDS.finditer(re.sub(r"<[^>]+>|%\{[^}]*\}", " ", words))})
            assert not leaks, f"{name}: English words {leaks} in a German chart"
    for name in pages(site, False):
        for spec in chart_specs(site / name):
            assert spec["layout"]["separators"] == ".," and "locale" not in spec["config"], name
