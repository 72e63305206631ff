"""Chart builders, furniture and renderer, specified on a small hand-made fixture."""

from __future__ import annotations

import html as html_lib
import json
import re
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest
from conftest import write_fixture

from karabakh_book import load, with_sources
from karabakh_book.build.chart_html import PlotlyMimeRenderPlugin, chart_name, figure_html, render_chart
from karabakh_book.build.sphinx_ext import dependency_fingerprint
from karabakh_book.notebook import PLOTLY_MIME, BookRenderer
from karabakh_book.stories import exodus
from karabakh_book.style import furnish
from karabakh_book.words import speaking

FIXTURE = {
    "sources.csv": """source_id,publisher,cites,url,published,language,publisher_side
src_a,Outlet A,Government,https://a.example.org/1,2023-09-24,en,armenian
src_b,Outlet <b>B</b>,,https://b.example.org/2,,ru,russian
""",
    "displacement_arrivals_2023.csv": """date,time,cumulative_arrivals,approximate,figure_side,source_id,confidence,note
2023-09-24,18:00,400,false,armenian,src_a,high,
2023-09-25,,1000,true,armenian,src_b,low,<img src=x onerror=alert(1)>
2023-09-26,08:00,50000,true,armenian,src_b,medium,
2023-09-27,12:00,100500,false,armenian,src_a,high,
""",
    "displacement_registered_2023.csv": """date,time,registered,approximate,figure_side,source_id,confidence,note
2023-09-25,06:00,300,false,armenian,src_a,high,
2023-09-27,,4000,false,armenian,src_b,medium,
2023-09-27,,4500,false,armenian,src_a,medium,
2023-10-01,,101000,false,armenian,src_b,high,
""",
    "population_estimates_nk.csv": """estimate_id,label,description,as_of,value,value_low,value_high,approximate,figure_side,source_id,note
pre_exodus_armenian_estimate,Estimate,Population before,2023-09,125000,,,true,armenian,src_a,
remaining_after_exodus,Remaining,People left,2023-10-01,,5,50,true,icrc_un,src_b,
""",
    "timeline_events.csv": """event_id,date,time,stage,label,description,source_id
blockade_begins,2022-12-12,,blockade,Road blocked,Not in the exodus week.,src_a
offensive_begins,2023-09-19,,offensive,Offensive,Offensive.,src_a
ceasefire_2023,2023-09-20,13:00,offensive,Ceasefire,Ceasefire.,src_b
first_arrivals,2023-09-24,,exodus,First arrivals,Arrivals.,src_a
fuel_depot_explosion,2023-09-25,,exodus,Explosion,Explosion.,src_a
dissolution_decree,2023-09-26,,offensive,Decree,Decree.,src_b
""",
}


@pytest.fixture
def fixture_dir(tmp_path: Path) -> Path:
    return write_fixture(tmp_path, FIXTURE)


@pytest.fixture
def frames(fixture_dir):
    return {
        name: with_sources(load(name, fixture_dir), fixture_dir)
        for name in ("displacement_arrivals_2023", "displacement_registered_2023", "population_estimates_nk", "timeline_events")
    }


def furniture(fig: go.Figure) -> dict:
    return fig.layout.meta["furniture"]


def assert_newsroom_grade(fig: go.Figure) -> None:
    f = furniture(fig)
    for key in ("title", "subtitle", "source", "description"):
        assert f[key].strip(), key
    assert f["notes"] and f["datasets"] and f["data"]["rows"]
    assert fig.layout.xaxis.title.text and (fig.layout.yaxis.title.text or fig.data[0].orientation == "h")
    assert all(trace.hovertemplate for trace in fig.data if trace.hoverinfo != "skip")


def test_exodus_curve_plots_timed_figures_and_lists_untimed_ones(frames):
    fig = exodus.exodus_curve(frames["displacement_arrivals_2023"], frames["timeline_events"])
    by_name = {trace.name: trace for trace in fig.data}
    assert list(by_name["Published figure"].y) == [400, 100500]
    assert list(by_name["Approximate figure ('about')"].y) == [50000]
    assert list(by_name["Cumulative arrivals"].y) == [400, 50000, 100500]  # the untimed 1,000 is not drawn
    assert len(furniture(fig)["data"]["rows"]) == 4  # ...but it is in the table
    labels = [a.text for a in fig.layout.annotations]
    assert len(labels) == 5 and not any("Road blocked" in label for label in labels)
    assert furniture(fig)["title"].startswith("In 3 days, 100,500 people")
    assert any("1 of the 4 figures" in note for note in furniture(fig)["notes"])
    assert "Outlet A" in by_name["Published figure"].customdata[0][1]
    assert_newsroom_grade(fig)


def test_key_figures_are_read_off_the_data(frames):
    figures = exodus.exodus_key_figures(
        frames["displacement_arrivals_2023"], frames["displacement_registered_2023"],
        frames["population_estimates_nk"], frames["timeline_events"],
    )
    assert figures["first_count"] == 400
    assert figures["first_count_when"] == "18:00 on 24 September 2023"
    # Dates are dates: each edition writes them its own way when they are glued.
    assert figures["final_arrivals"] == 100500 and figures["final_arrivals_date"] == pd.Timestamp("2023-09-27")
    assert figures["passed_100k_date"] == pd.Timestamp("2023-09-27") and figures["days_to_100k"] == 3
    assert figures["share_of_estimate_pct"] == 80  # 100,500 / 125,000
    assert figures["registered_final"] == 101000 and figures["registered_final_date"] == pd.Timestamp("2023-10-01")
    assert figures["days_offensive_to_arrivals"] == 5 and figures["days_ceasefire_to_arrivals"] == 4
    assert (figures["remaining_low"], figures["remaining_high"]) == (5, 50)
    assert figures["n_untimed"] == 1 and figures["n_outlets"] == 2


def test_registrations_chart_takes_each_days_highest_figure(frames):
    fig = exodus.registrations_vs_arrivals(frames["displacement_arrivals_2023"], frames["displacement_registered_2023"])
    registered = next(t for t in fig.data if t.name == "Registered")
    assert list(registered.y) == [300, 4500, 101000]
    assert "by up to 96,000 people" in furniture(fig)["title"]  # 27 Sep: 100,500 arrived, 4,500 registered
    assert "1 October 2023" in furniture(fig)["title"]
    assert any("4,000, 4,500" in note for note in furniture(fig)["notes"])  # the untimed conflict is disclosed
    assert_newsroom_grade(fig)


def test_population_chart_says_whose_figure_each_bar_is(frames):
    fig = exodus.population_comparison(
        frames["population_estimates_nk"], frames["displacement_arrivals_2023"], frames["displacement_registered_2023"]
    )
    labels = {label for trace in fig.data for label in trace.text}
    assert {"about 125,000", "5–50", "100,500", "101,000"} <= labels
    assert {trace.name for trace in fig.data} == {"Armenian government", "ICRC / UN"}
    assert "80%" in furniture(fig)["title"]
    assert_newsroom_grade(fig)


def test_figure_html_is_real_escaped_text_around_a_chart_without_plotly_js(frames):
    fig = exodus.exodus_curve(frames["displacement_arrivals_2023"], frames["timeline_events"])
    html = figure_html(fig)
    assert "<figcaption>" in html and "In 3 days, 100,500 people" in html
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "Outlet &lt;b&gt;B&lt;/b&gt;" in html
    assert html.count("<tr>") == 1 + 4  # header + every figure (no two in one hour here)
    assert 'href="kb-data:charts/exodus-curve.csv"' in html and 'href="kb-data:displacement_arrivals_2023.csv"' in html
    assert figure_html(fig) == html, "same figure, same HTML: no random ids"
    for kind in ("png", "svg"):  # its images beside its data, for readers to download
        assert f'<a download href="kb-data:charts/exodus-curve.{kind}">' in html


def test_a_chart_is_named_by_its_builder_not_its_place(frames):
    fig = exodus.exodus_curve(frames["displacement_arrivals_2023"], frames["timeline_events"])
    chart = render_chart(fig)
    assert chart.chart_id == "exodus-curve" and '<figure class="kb-chart" id="exodus-curve"' in chart.html
    assert render_chart(fig, taken=["exodus-curve"]).chart_id == "exodus-curve-2"  # a second one on the page
    assert chart_name("blockade.corridor_access") == "blockade-corridor-access"
    assert f'<a href="#{chart.chart_id}">link to this chart</a>' in chart.html


def test_a_chart_offers_iframe_code_that_sizes_itself(frames):
    fig = exodus.exodus_curve(frames["displacement_arrivals_2023"], frames["timeline_events"])
    chart = render_chart(fig)
    code = html_lib.unescape(re.search(r'<pre tabindex="0"><code>(.*?)</code></pre>', chart.html, re.S).group(1))
    assert code.startswith('<iframe src="kb-embed:exodus-curve.html"') and 'title="In 3 days, 100,500 people' in code
    assert "kb-embed-height" in code and "postMessage" not in code  # the host listens; the embed page posts
    assert "kb-chart-share" not in chart.embed_html and "<details class=\"kb-chart-embed\"" not in chart.embed_html


def test_a_chart_travels_as_data_in_a_place_of_its_final_height(frames):
    fig = exodus.exodus_curve(frames["displacement_arrivals_2023"], frames["timeline_events"])
    chart = render_chart(fig)
    assert "<script src" not in chart.html and "Plotly" not in chart.html  # nothing here draws it: the loader does
    spec = re.search(r'<script type="application/json" class="kb-chart-spec">(.*?)</script>', chart.html, re.S).group(1)
    drawn = json.loads(spec)
    assert [t["type"] for t in drawn["data"]] == [t.type for t in fig.data]
    assert drawn["config"]["displaylogo"] is False and "meta" not in drawn["layout"]
    assert f'style="height:{fig.layout.height}px"' in chart.html
    assert "</" not in spec, "text in the data can never end the script element"
    # the CSV offered is exactly the table under the chart
    (name, text), = chart.files.items()
    assert name == "charts/exodus-curve.csv" and text.splitlines()[0].startswith("figure as of,people arrived (cumulative)")
    assert len(text.splitlines()) == 1 + 4


def test_the_exodus_curve_draws_the_highest_figure_of_each_hour(fixture_dir):
    path = fixture_dir / "displacement_arrivals_2023.csv"
    path.write_text(path.read_text(encoding="utf-8") + "2023-09-26,08:40,52000,false,armenian,src_a,high,\n", encoding="utf-8")
    arrivals = with_sources(load("displacement_arrivals_2023", fixture_dir), fixture_dir)
    hourly = exodus.hourly_figures(arrivals)
    assert list(hourly["cumulative_arrivals"]) == [400, 1000, 52000, 100500]  # 50,000 at 08:00 gives way to 52,000 at 08:40
    assert list(hourly["figures"]) == [1, 1, 2, 1]
    hundredfold = pd.concat([arrivals] * 100, ignore_index=True)
    assert len(exodus.hourly_figures(hundredfold)) == len(hourly), "what is drawn follows the hours, not the rows"
    fig = exodus.exodus_curve(arrivals, with_sources(load("timeline_events", fixture_dir), fixture_dir))
    assert sum(len(t.y) for t in fig.data if t.mode == "markers") == 3  # the untimed figure is listed, not drawn
    assert any("all 5 published figures" in note for note in furniture(fig)["notes"])


def test_renderer_emits_native_plotly_and_refuses_an_unfurnished_chart(frames):
    fig = exodus.exodus_curve(frames["displacement_arrivals_2023"], frames["timeline_events"])
    bundle = BookRenderer().to_mimebundle(fig.to_dict())
    assert set(bundle) == {PLOTLY_MIME} and bundle[PLOTLY_MIME]["config"]["displaylogo"] is False
    with pytest.raises(ValueError, match="furniture"):
        BookRenderer().to_mimebundle(go.Figure(go.Scatter(x=[1], y=[1])).to_dict())


def test_furnish_refuses_a_chart_without_a_source():
    with pytest.raises(ValueError, match="source"):
        furnish(go.Figure(), title="T", subtitle="S", source=" ", description="D", data=None)


class _Data:
    def __init__(self, mime_type, content):
        self.mime_type, self.content = mime_type, content


def test_myst_nb_plugin_turns_plotly_output_into_the_figure(frames):
    fig = exodus.exodus_curve(frames["displacement_arrivals_2023"], frames["timeline_events"])
    native = BookRenderer().to_mimebundle(fig.to_dict())[PLOTLY_MIME]
    (node,) = PlotlyMimeRenderPlugin.handle_mime(None, _Data(PLOTLY_MIME, native), inline=False)
    assert node.astext() == figure_html(native)
    assert PlotlyMimeRenderPlugin.handle_mime(None, _Data("text/html", "<p>"), inline=False) is None


def test_fingerprint_follows_the_data_a_chapter_loads(data_copy):
    chapter = 'x = load("displacement_arrivals_2023")'
    before = dependency_fingerprint(chapter, data_copy)
    (data_copy / "population_estimates_nk.csv").write_text("changed", encoding="utf-8")
    assert dependency_fingerprint(chapter, data_copy) == before, "a dataset the chapter does not load"
    (data_copy / "sources.csv").write_text("changed", encoding="utf-8")
    after_sources = dependency_fingerprint(chapter, data_copy)
    assert after_sources != before, "sources.csv is referenced by a foreign key"
    (data_copy / "displacement_arrivals_2023.csv").write_text("changed", encoding="utf-8")
    assert dependency_fingerprint(chapter, data_copy) != after_sources


def test_the_same_builders_speak_german_with_german_numbers_and_dates(frames):
    with speaking("de"):
        fig = exodus.exodus_curve(frames["displacement_arrivals_2023"], frames["timeline_events"])
        figures = exodus.exodus_key_figures(
            frames["displacement_arrivals_2023"], frames["displacement_registered_2023"],
            frames["population_estimates_nk"], frames["timeline_events"],
        )
    f = furniture(fig)
    assert f["title"] == "In 3 Tagen kamen 100.500 Menschen aus Berg-Karabach nach Armenien"
    assert f["language"] == "de" and fig.layout.separators == ",."
    assert "um 18:00 Uhr am 24. September 2023" in f["description"]
    assert f["data"]["columns"][:2] == ["Stand", "angekommene Personen (kumuliert)"]
    assert figures["first_count_when"] == "18:00 Uhr am 24. September 2023"
    # what the chart draws is the same in both editions
    english = exodus.exodus_curve(frames["displacement_arrivals_2023"], frames["timeline_events"])
    assert [list(t.y) for t in fig.data] == [list(t.y) for t in english.data]
