"""Installs are verified: every pinned package carries the hashes of its files, compiled by pip-tools from a
short list of direct dependencies, and the Makefile installs with --require-hashes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==(\S+)")


def entries(path: Path) -> dict[str, list[str]]:
    """Each pinned package of a compiled requirements file, with its hashes (continuation lines joined)."""
    text = path.read_text(encoding="utf-8").replace("\\\n", " ")
    found = {}
    for line in text.splitlines():
        if (pin := PIN.match(line.strip())):
            found[pin.group(1)] = re.findall(r"--hash=sha256:([0-9a-f]{64})", line)
    return found


@pytest.mark.parametrize("name", ["requirements.txt", "requirements-test.txt"])
def test_every_pinned_package_carries_its_hashes(name):
    pinned = entries(ROOT / name)
    assert len(pinned) > 100
    assert not [package for package, hashes in pinned.items() if not hashes], "a pin without a hash"
    lines = [line for line in (ROOT / name).read_text(encoding="utf-8").splitlines() if line.strip() and not line.lstrip().startswith("#")]
    assert all(PIN.match(line) or line.lstrip().startswith("--hash=") for line in lines), "only pins and their hashes"


def test_the_lock_compiles_the_direct_dependencies_and_the_test_tools_on_top():
    direct = {PIN.match(line).group(1).lower() for line in (ROOT / "requirements.in").read_text(encoding="utf-8").splitlines() if PIN.match(line)}
    book, test = entries(ROOT / "requirements.txt"), entries(ROOT / "requirements-test.txt")
    assert {"jupyter-book", "myst-nb", "plotly", "pandas", "kaleido"} <= direct <= {p.lower() for p in book}
    assert {p: h for p, h in test.items() if p in book} == book, "the test lock holds the book's pins unchanged"
    assert {"pytest", "playwright"} <= set(test) - set(book)


def test_the_makefile_installs_only_what_the_hashes_allow():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    installs = re.findall(r"pip install [^\n]*-r (requirements[^\s]*\.txt)", makefile)
    assert sorted(installs) == ["requirements-test.txt", "requirements.txt"]
    assert all("--require-hashes" in line for line in makefile.splitlines() if "-r requirements" in line)
