"""Dates, corrections and citations: every page says when it was published and last updated, carries a
dated note per correction, and ends with a citation of its own address; the data appendix cites each dataset."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
import yaml
from docutils import nodes
from conftest import write_fixture
from test_sharing import BASE, shared_pages, tags

from karabakh_book.build import publication
from karabakh_book.build.corrections import _entry, corrections, notes, updated
from karabakh_book.build.editions import EDITIONS, GERMAN
from karabakh_book.data import descriptor, load
from karabakh_book.words import day, speaking

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("source_id,publisher,cites,url,published,language,publisher_side\n"
           "dw_report,DW,,https://www.dw.com/en/report,2024-04-18,en,independent\n")
CORRECTIONS = (
    "correction_id,date,page,dataset,row,published,published_de,now,now_de,why,why_de,source_id\n"
    "early,2026-11-30,exodus,displacement_arrivals_2023,a1,100 arrivals,100 Ankünfte,120 arrivals,120 Ankünfte,"
    "A typo.,Ein Tippfehler.,dw_report\n"
    "late,2026-12-02,exodus,displacement_arrivals_2023,a2,On 20 September,Am 20. September,On 19 September,"
    "Am 19. September,The wire gave Moscow time.,Die Agentur gab Moskauer Zeit an.,dw_report\n"
)


@pytest.fixture
def logged(tmp_path) -> Path:
    return write_fixture(tmp_path, {"sources.csv": SOURCES, "corrections.csv": CORRECTIONS})


def test_a_page_is_updated_on_its_latest_correction_and_notes_each_newest_first(logged):
    frame = corrections(logged)
    assert updated(frame, "exodus") == pd.Timestamp("2026-12-02")
    assert updated(frame, "blockade") is None
    said = [note.astext() for note in notes(frame, "exodus")]
    assert said == ["Corrected on 2 December 2026: On 19 September. The wire gave Moscow time. See all corrections.",
                    "Corrected on 30 November 2026: 120 arrivals. A typo. See all corrections."]
    assert notes(frame, "blockade") == []


def test_a_day_of_several_corrections_is_one_note_listing_them(tmp_path):
    same_day = CORRECTIONS.replace("early,2026-11-30", "early,2026-12-02")
    frame = corrections(write_fixture(tmp_path, {"sources.csv": SOURCES, "corrections.csv": same_day}))
    (note,) = notes(frame, "exodus")
    items = [item.astext() for item in note.findall(nodes.list_item)]
    assert note.astext().startswith("Corrected on 2 December 2026:") and note.astext().endswith("See all corrections.")
    assert items == ["120 arrivals. A typo.", "On 19 September. The wire gave Moscow time."]


def test_the_german_edition_notes_corrections_in_german(logged):
    with speaking("de"):
        frame = corrections(logged)
        said = notes(frame, "exodus")[0].astext()
    assert said == "Korrigiert am 2. Dezember 2026: Am 19. September. Die Agentur gab Moskauer Zeit an. Alle Korrekturen ansehen."


def test_the_log_shows_each_correction_as_text_with_its_source_linked(logged, tmp_path):
    row = next(corrections(logged).itertuples())
    entry = _entry(row)
    text = entry.astext()
    for part in ("2 December 2026", "On 20 September", "On 19 September", "The wire gave Moscow time.", "DW"):
        assert part in text
    assert [r["refuri"] for r in entry.findall(nodes.reference)] == ["https://www.dw.com/en/report"]
    markup = write_fixture(tmp_path, {"sources.csv": SOURCES, "corrections.csv": CORRECTIONS.replace("The wire gave Moscow time.", "<b>x</b>")})
    assert "<b>x</b>" in _entry(next(corrections(markup).itertuples())).astext()  # a text node, never markup


def test_every_page_of_both_editions_has_a_publication_date():
    frame = load("publication")
    for edition in EDITIONS:
        listed = set(frame[frame["edition"] == edition.language]["page"])
        assert listed == set(publication.pages(edition)), edition.language


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="not a git checkout")
def test_publication_dates_agree_with_git_history():
    assert (ROOT / "data" / "publication.csv").read_text(encoding="utf-8") == publication.from_history(ROOT)
    assert publication.first_added(ROOT / "chapters" / "exodus.md", ROOT)[0] == "2026-11-29"


def test_citation_cff_names_the_book_its_authors_date_licence_and_address():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0" and cff["message"]
    assert cff["title"] == config["title"] and cff["authors"] == [{"name": config["author"]}]
    assert str(cff["date-released"]) == f"{load('publication')['published'].min():%Y-%m-%d}"
    assert cff["license"] == "CC-BY-4.0" and cff["url"] == config["html"]["baseurl"]


DATELINE = re.compile(r'<p class="kb-dateline">([^<]+)</p>')
CITATION = re.compile(r'<section class="kb-citation" id="how-to-cite-this-page">.*?<p class="kb-citation-text">([^<]+)</p>', re.S)


@pytest.mark.build
def test_every_page_has_a_dateline_and_a_citation_of_its_canonical_address(site):
    dates = load("publication").set_index(["page", "edition"])["published"]
    for edition, name in shared_pages(site):
        html = (site / edition.site / name).read_text(encoding="utf-8")
        page = Path(name).stem
        with speaking(edition.language):
            first = day(dates[(page, edition.language)])
        dateline = DATELINE.search(html)
        word = "Veröffentlicht am" if edition == GERMAN else "Published"
        assert dateline and dateline.group(1).startswith(f"{word} {first}"), (edition.language, name)
        citation = CITATION.search(html)
        assert citation, (edition.language, name)
        assert citation.group(1).split()[-1] == tags(html)["canonical"] == f"{BASE}{edition.site}{name}"
        assert ("So zitieren Sie diese Seite" if edition == GERMAN else "How to cite this page") in html


@pytest.mark.build
def test_the_data_appendix_cites_every_dataset_by_its_csv_address(site):
    resources = descriptor()["resources"]
    for edition in EDITIONS:
        html = (site / edition.site / "chapters" / "data.html").read_text(encoding="utf-8")
        for resource in resources:
            url = f"{BASE}{edition.site}data/{resource['path']}"
            cited = re.findall(rf'<p class="kb-citation-text">([^<]*{re.escape(url)})</p>', html)
            assert len(cited) == 1, (edition.language, resource["name"])
            assert descriptor()["version"] in cited[0]


@pytest.mark.build
def test_the_corrections_page_says_when_there_are_none(site):
    expected = {"en": "There are no corrections yet.", "de": "Bisher gibt es keine Korrekturen."}
    for edition in EDITIONS:
        html = (site / edition.site / "chapters" / "corrections.html").read_text(encoding="utf-8")
        if load("corrections").empty:
            assert expected[edition.language] in html
        else:
            assert 'class="kb-correction' in html


@pytest.mark.build
def test_a_logged_correction_reaches_its_page_and_the_log_in_both_editions(book_copy):
    from conftest import build

    row = ("fixed_first_count,2026-12-02,exodus,displacement_arrivals_2023,2023-09-24,377 arrivals,377 Ankünfte,"
           "378 arrivals,378 Ankünfte,A typo.,Ein Tippfehler.,tass_1679727\n")
    with (book_copy / "data" / "corrections.csv").open("a", encoding="utf-8") as log:
        log.write(row)
    result = build(book_copy)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    site = book_copy / "_build" / "html"
    words = {"en": ("Updated 2 December 2026", "Corrected on 2 December 2026:", "378 arrivals. A typo."),
             "de": ("Aktualisiert am 2. Dezember 2026", "Korrigiert am 2. Dezember 2026:", "378 Ankünfte. Ein Tippfehler.")}
    for edition in EDITIONS:
        updated_, corrected, said = words[edition.language]
        page = (site / edition.site / "chapters" / "exodus.html").read_text(encoding="utf-8")
        assert updated_ in DATELINE.search(page).group(1)
        note = re.search(r'<p class="kb-correction-note">(.*?)</p>', page, re.S).group(1)
        assert corrected in note and said in note and 'href="corrections.html"' in note
        assert updated_.split(" ", 1)[1].lower() in CITATION.search(page).group(1).lower()
        assert "kb-correction-note" not in (site / edition.site / "chapters" / "blockade.html").read_text(encoding="utf-8")
        log_page = (site / edition.site / "chapters" / "corrections.html").read_text(encoding="utf-8")
        assert 'href="exodus.html"' in log_page and "377" in log_page and 'href="https://tass.com/world/1679727"' in log_page
