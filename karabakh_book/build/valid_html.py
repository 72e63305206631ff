"""HTML that the W3C's checker accepts, where an extension writes otherwise.

myst-nb writes the prompt of a folded code cell as two ``<p>`` inside ``<summary>``, which HTML does
not allow (a summary holds phrasing content). The same prompts are written here as ``<span>``;
karabakh.css gives them the styles myst-nb's CSS gives the paragraphs.
"""

from __future__ import annotations

from html import escape

from myst_nb.sphinx_ import HideCodeCellNode, depart_HideCellInput
from sphinx.application import Sphinx


def visit_folded_cell(self, node: HideCodeCellNode) -> None:
    classes = " ".join(node["classes"])
    self.body.append(f'<details class="admonition hide {classes}">\n<summary aria-label="Toggle hidden content">\n')
    self.body.append(f'<span class="collapsed admonition-title">{escape(node["prompt_show"])}</span>\n')
    self.body.append(f'<span class="expanded admonition-title">{escape(node["prompt_hide"])}</span>\n')
    self.body.append("</summary>\n")


def setup(app: Sphinx) -> None:
    app.add_node(HideCodeCellNode, override=True, html=(visit_folded_cell, depart_HideCellInput))
