"""Every published page is valid HTML, by the W3C's own checker (the Nu Html Checker, npm's vnu-jar)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.build
VNU = Path(__file__).resolve().parent.parent / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def nu_errors(pages: list[Path]) -> list[dict]:
    if shutil.which("java") is None or not VNU.is_file():
        pytest.fail(f"the Nu Html Checker needs Java and {VNU}: run 'make test', which installs both")
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, pages)],
                            capture_output=True, text=True, timeout=600)
    return json.loads(result.stderr)["messages"]  # vnu reports on stderr; its exit code says only 'some error'


def test_the_checker_finds_an_error_where_there_is_one(tmp_path):
    broken = tmp_path / "broken.html"
    broken.write_text("<!DOCTYPE html><html lang=en><title>t</title><details><summary><p>x</p></summary></details>",
                      encoding="utf-8")
    assert [m["message"] for m in nu_errors([broken])] == ["Element “p” not allowed as child of element “summary” in this context. (Suppressing further errors from this subtree.)"]


def test_every_published_page_is_valid_html(site):
    pages = sorted(p for p in site.rglob("*.html") if "_static" not in p.parts)
    assert len(pages) > 60  # both editions, the embed pages
    errors = [f"{m['url'].rsplit('/html/', 1)[-1]}:{m.get('lastLine')}: {m['message']}" for m in nu_errors(pages)]
    assert not errors, "\n".join(errors[:20])
