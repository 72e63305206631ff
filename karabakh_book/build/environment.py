"""``{build-environment}``: the exact software the book was built with, on the methods page.

Lists every package pinned in ``requirements.txt`` with the version actually installed; a
mismatch is a build warning, and warnings fail the build, so the page never shows a pin that
was not used.
"""

from __future__ import annotations

import platform
import re
from importlib import metadata
from pathlib import Path

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..words import say
from .tree import BOOK_ROOT

REQUIREMENTS = BOOK_ROOT / "requirements.txt"
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s;#]+)")
logger = logging.getLogger(__name__)


def pins(path: Path = REQUIREMENTS) -> dict[str, str]:
    return {m.group(1): m.group(2) for line in path.read_text(encoding="utf-8").splitlines() if (m := PIN.match(line.strip()))}


class BuildEnvironment(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        self.env.note_dependency(str(REQUIREMENTS))
        items = nodes.bullet_list(classes=["kb-build-environment"])
        for name, pinned in sorted(pins().items(), key=lambda item: item[0].lower()):
            try:
                installed = metadata.version(name)
            except metadata.PackageNotFoundError:
                installed = "not installed"
            if installed != pinned:
                logger.warning(f"requirements.txt pins {name}=={pinned}, but {installed} is installed", location=self.get_location())
            items += nodes.list_item("", nodes.paragraph("", "", nodes.literal(text=f"{name} {installed}")))
        intro = nodes.paragraph(text=say("Python {version}; {n} packages, each at the version pinned in requirements.txt:",
                                         version=platform.python_version(), n=len(items)))
        return [intro, items]
