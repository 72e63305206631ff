"""The data appendix, generated from ``data/datapackage.json`` at build time.

A directive rather than a notebook: it yields real sections (in the page's contents) and
tables, and every cell is a docutils text node, so text in the data can never become markup.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from .. import data as book_data
from ..links import DATA_URL_PREFIX
from ..words import language, number, say
from .citation import dataset_citation


def _table(header: list[str] | None, rows: list[list], widths: list[int]) -> nodes.table:
    table = nodes.table(classes=["kb-appendix-table"])
    group = nodes.tgroup(cols=len(widths))
    table += group
    for width in widths:
        group += nodes.colspec(colwidth=width)
    if header:
        head = nodes.thead()
        group += head
        head += _row(header)
    body = nodes.tbody()
    group += body
    for row in rows:
        body += _row(row)
    return table


def _row(cells: list) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        entry = nodes.entry()
        entry += cell if isinstance(cell, nodes.Node) else nodes.paragraph(text="" if cell is None else str(cell))
        row += entry
    return row


ENGLISH = "kb-lang-en"  # the build marks these elements lang="en" (see sphinx_ext)


def _english(text: str, node=nodes.paragraph):
    """The data package's own English text: as it is in English, marked as English on a German page."""
    if language() == "en":
        return node(text=text)
    wrapper = node()
    wrapper += nodes.inline(text, text, classes=[ENGLISH])
    return wrapper


def _title(resource: dict) -> nodes.title:
    """The dataset's heading in the page's language: the descriptor gives each title in German too
    (``title_de``), as it does for the data's own text; a German page without it fails the build."""
    if language() == "en":
        return nodes.title(text=resource["title"])
    key = f"title_{language()}"
    if key not in resource:
        raise KeyError(f"{book_data.DESCRIPTOR}: resource '{resource['name']}' has no '{key}', the title the {language()} edition shows")
    return nodes.title(text=resource[key])


def _link(text: str, url: str) -> nodes.paragraph:
    paragraph = nodes.paragraph()
    paragraph += nodes.reference(text, text, refuri=url)
    return paragraph


def _constraints(field: dict) -> nodes.paragraph:
    """A field's rules in the page's language; allowed values are the data's own codes, shown as code."""
    paragraph = nodes.paragraph()
    for number, (key, value) in enumerate(field.get("constraints", {}).items()):
        if number:
            paragraph += nodes.Text("; ")
        if key == "required":
            paragraph += nodes.Text(say("required") if value else say("optional"))
        elif key == "enum":
            paragraph += nodes.Text(say("one of:") + " ")
            for position, allowed in enumerate(value):
                paragraph += [nodes.Text(", ")] if position else []
                paragraph += nodes.literal(text=str(allowed))
        else:
            paragraph += nodes.Text(f"{key} {value}")
    return paragraph


def _licences(descriptor: dict) -> str:
    return "; ".join(f"{lic['name']} ({lic.get('title', '')})" for lic in descriptor.get("licenses", []))


class DataAppendix(SphinxDirective):
    """``{data-appendix}``: one section per dataset of the data package, in the page's language;
    what the descriptor itself says (titles, descriptions, meanings) stays English and is marked so."""

    def run(self) -> list[nodes.Node]:
        data_dir = book_data.DATA_DIR
        package = book_data.descriptor(data_dir)
        self.env.note_dependency(str(book_data.descriptor_path(data_dir)))
        package_licence = _licences(package)
        sources = book_data.load("sources", data_dir).set_index("source_id")
        output: list[nodes.Node] = []
        for resource in package["resources"]:
            path = data_dir / resource["path"]
            self.env.note_dependency(str(path))
            frame = book_data.load(resource["name"], data_dir)
            section = nodes.section(ids=[f"dataset-{resource['name'].replace('_', '-')}"])
            section += _title(resource)
            section += _english(resource.get("description", ""))
            size = say("{path} (CSV, {size:,} bytes)", path=resource["path"], size=path.stat().st_size)
            facts = [
                [say("Dataset"), nodes.paragraph("", "", nodes.literal(text=resource["name"]))],
                [say("Rows"), number(len(frame))],
                [say("Download"), _link(size, DATA_URL_PREFIX + resource["path"])],
                [say("Licence"), _english(_licences(resource) or package_licence)],  # a resource's own licence wins
            ]
            if "x-period" in resource:
                period = resource["x-period"]
                span = say("{start} to {end}", start=period["start"], end=period["end"])
                zone = say(" (times UTC{zone})", zone=period["timezone"]) if period.get("timezone") else ""
                facts.insert(2, [say("Period"), span + zone])
            for rule in resource.get("x-rules", []):
                facts.append([say("Rule checked on every build"), _english(rule.get("description", rule["rule"]))])
            config = self.env.config
            citation = dataset_citation(config.author, config.html_title, section[0].astext(), package["version"],
                                        f"{config.html_baseurl.rstrip('/')}/data/{resource['path']}")
            facts.append([say("How to cite it"), nodes.paragraph(text=citation, classes=["kb-citation-text"])])
            section += _table(None, facts, [1, 4])
            section += nodes.rubric(text=say("Fields"))
            section += _table(
                [say("Field"), say("Type"), say("Meaning and unit"), say("Constraints")],
                [[nodes.paragraph("", "", nodes.literal(text=f["name"])), f.get("type", "string"), _english(f.get("description", "")), _constraints(f)]
                 for f in resource["schema"]["fields"]],
                [2, 1, 5, 3],
            )
            if "source_id" in frame and resource["name"] != "sources":
                used = frame["source_id"].value_counts()
                section += nodes.rubric(text=say("Sources ({n})", n=len(used)))
                section += _table(
                    [say("Publisher"), say("Rows"), say("Published"), say("Page")],
                    [[sources.loc[sid, "publisher"], count,
                      "" if pd.isna(sources.loc[sid, "published"]) else f"{sources.loc[sid, 'published']:%Y-%m-%d}",
                      _link(sid, sources.loc[sid, "url"])] for sid, count in used.items()],
                    [4, 1, 2, 3],
                )
            output.append(section)
        return output


def data_download_names(data_dir: Path = book_data.DATA_DIR) -> list[str]:
    """Files the site publishes under ``data/``: the descriptor and every resource's CSV."""
    return [book_data.DESCRIPTOR] + [r["path"] for r in book_data.descriptor(data_dir)["resources"]]
