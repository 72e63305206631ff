"""Chart images: the picture carries the chart's furniture, is sized for its use, and an image
already rendered from the same content is never rendered again."""

from __future__ import annotations

from karabakh_book.build import chart_images
from karabakh_book.build.chart_images import ImageJob, chart_jobs, image_figure, preview_job, render

SPEC = {"data": [{"type": "scatter", "x": [1, 2], "y": [3, 4], "name": "Arrivals"}], "layout": {"height": 400}}
FURNITURE = {"title": "A headline that states the finding " * 4, "subtitle": "What is drawn", "source": "Outlet A"}


def annotation_texts(figure: dict) -> list[str]:
    return [a["text"] for a in figure["layout"]["annotations"]]


def test_an_image_carries_headline_subtitle_and_source_and_fits_its_width():
    figure = image_figure(SPEC, FURNITURE, 1000)
    texts = annotation_texts(figure)
    assert texts[0].startswith("<b>A headline") and "<br>" in texts[0], "a long headline wraps instead of running off"
    assert texts[1] == "What is drawn" and texts[2] == "Source: Outlet A"
    layout = figure["layout"]
    assert layout["width"] == 1000 and layout["height"] > 400 + layout["margin"]["t"]
    assert figure["data"][0]["uid"] == "trace0", "a fixed trace id: the SVG is the same every build"
    assert "uid" not in SPEC["data"][0] and "annotations" not in SPEC["layout"], "the page's figure is untouched"


def test_downloads_are_png_at_twice_the_size_and_svg_and_the_preview_is_1200_by_630():
    png, svg = chart_jobs("exodus-curve", SPEC, FURNITURE, "data/charts")
    assert (png.name, png.scale, svg.name, svg.scale) == ("data/charts/exodus-curve.png", 2, "data/charts/exodus-curve.svg", 1)
    preview = preview_job("previews/x.png", SPEC, FURNITURE)
    assert (preview.width, preview.height, preview.figure["layout"]["height"]) == (1200, 630, 630)


def test_an_image_rendered_before_from_the_same_content_is_copied_not_rendered(tmp_path, monkeypatch):
    rendered = []

    def fake_kaleido(jobs, cache, language):
        rendered.extend(job.name for job in jobs.values())
        for cached in jobs:
            cached.write_bytes(b"image")

    monkeypatch.setattr(chart_images, "_render_with_kaleido", fake_kaleido)
    job = ImageJob("data/charts/a.png", image_figure(SPEC, FURNITURE, 1000), 1000, 600)
    assert render([job], tmp_path / "site", tmp_path / "cache", "en") == 1
    assert render([job], tmp_path / "site2", tmp_path / "cache", "en") == 0, "same content: from the cache"
    assert (tmp_path / "site2" / "data/charts/a.png").read_bytes() == b"image"
    changed = ImageJob(job.name, image_figure(SPEC, {**FURNITURE, "source": "Outlet B"}, 1000), 1000, 600)
    assert render([changed], tmp_path / "site3", tmp_path / "cache", "en") == 1, "a changed source line is a new image"
    assert render([job], tmp_path / "site4", tmp_path / "cache", "de") == 1, "the German locale draws other months"
    assert rendered == ["data/charts/a.png"] * 3


def test_svg_ids_are_fixed():
    svg = '<svg><defs id="defs-3fa9c1"></defs><g clip-path="url(#clip3fa9c1xyplot)"></g><text fill="#3fa9c1"></text></svg>'
    stable = chart_images._stable_svg(svg)
    assert "3fa9c1xy" not in stable and 'id="defs-kb"' in stable and "#3fa9c1" in stable  # colours stay
