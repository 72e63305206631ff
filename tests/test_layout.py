"""The package's rooms: the core (data contract, style, wording), the stories, the build machinery.

Imports run one way: the build may use the stories and the core, a story uses only the core,
and the core uses neither. A story that imported another story, or the core that reached into
the build, would tangle what the folders keep apart.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "karabakh_book"
ALLOWED = {"core": {"core"}, "stories": {"core"}, "build": {"core", "stories", "build"}}


def room(module: str) -> str:
    """'karabakh_book.stories.war' -> 'stories'; top-level modules are the core."""
    parts = module.split(".")
    return parts[1] if len(parts) > 2 and parts[1] in ("stories", "build") else "core"


def module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    return ".".join(relative.parts[:-1] if relative.name == "__init__" else relative.parts)


def imported_modules(source: str, name: str, is_package: bool = False) -> list[str]:
    """Every module (or name in a module) of the package that module ``name`` imports."""
    package = name if is_package else name.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            found += [f"{base}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
    return [m for m in found if m.startswith("karabakh_book.")]


def imports_of(path: Path) -> list[str]:
    return imported_modules(path.read_text(encoding="utf-8"), module_name(path), path.name == "__init__.py")


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_imports_run_one_way(path):
    here = room(module_name(path))
    wrong = [m for m in imports_of(path) if room(m) not in ALLOWED[here]]
    assert not wrong, f"{module_name(path)} ({here}) may not import {wrong}"


@pytest.mark.parametrize("path", sorted((PACKAGE / "stories").glob("*.py")), ids=lambda p: p.stem)
def test_a_story_uses_no_other_story(path):
    others = [m for m in imports_of(path) if room(m) == "stories"]
    assert not others, f"{path.stem} imports {others}: shared facts belong in the core (facts, links, words)"


def test_the_checker_sees_wrong_imports():
    # The check itself must be able to fail: the core reaching into the build, a story into another.
    core = imported_modules("from .build import sphinx_ext\nfrom .style import furnish\n", "karabakh_book.words")
    assert [room(m) for m in core] == ["build", "core"]
    story = imported_modules("from .war import war_duration_days\nfrom ..facts import war_duration_days\n", "karabakh_book.stories.claims")
    assert [room(m) for m in story] == ["stories", "core"]


def test_every_room_has_its_modules():
    rooms = {room(module_name(p)) for p in MODULES}
    assert rooms == {"core", "stories", "build"}
    stories = {p.stem for p in (PACKAGE / "stories").glob("*.py")} - {"__init__"}
    assert stories == {"withdrawal", "war", "peacekeepers", "blockade", "offensive", "exodus", "timeline", "claims"}
