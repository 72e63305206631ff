"""Reviewers re-execute a chapter from scratch and compare it with the published build.

Every build publishes, per chapter, a record of what the chapter produced: each glued value
(the numbers and dates in the prose, the claim verdicts) and each chart's headline and drawn
data, trace by trace. ``rerun`` executes the chapter's source again in a fresh kernel, with no
cache, and compares the two; any difference is printed with the old and the new value.

    python -m karabakh_book.build.reproduce CHAPTER [CHAPTER ...]   # e.g. exodus, in both editions; 'all' for every chapter
"""

from __future__ import annotations

import base64
import json
import sys
from pathlib import Path

import numpy as np

from ..notebook import PLOTLY_MIME
from .editions import EDITIONS, ENGLISH, Edition

RECORD_DIR = "reproducibility"  # inside the published site
TRACE_KEYS = ("type", "name", "x", "y", "text")


def _plain(value):
    """Plotly's base64 typed arrays ({'bdata', 'dtype'}) as plain lists, so values can be read."""
    if isinstance(value, dict) and "bdata" in value and "dtype" in value:
        array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        if "shape" in value:
            array = array.reshape([int(n) for n in str(value["shape"]).split(",")])
        return array.tolist()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def record_of(notebook) -> dict:
    """What an executed notebook produced: glued values and chart data, in a stable form."""
    return record_of_outputs(output for cell in notebook.cells for output in cell.get("outputs", []))


def record_of_outputs(outputs) -> dict:
    glue, figures = {}, []
    for output in outputs:
        data = output.get("data", {})
        scrap = output.get("metadata", {}).get("scrapbook")
        if scrap:
            # In the kernel's output the mime types carry a prefix; myst-nb's glue store strips it.
            prefix = scrap.get("mime_prefix", "")
            data = {key.removeprefix(prefix): value for key, value in data.items()}
            glue[scrap["name"]] = data.get("text/markdown", data.get("text/plain"))
        if PLOTLY_MIME in data:
            figures.append(figure_record(data[PLOTLY_MIME]))
    return {"glue": glue, "figures": figures}


def figure_record(figure: dict) -> dict:
    """A chart's headline and the data of each trace it draws."""
    return {
        "title": figure["layout"]["meta"]["furniture"]["title"],
        "traces": [{k: _plain(trace[k]) for k in TRACE_KEYS if k in trace} for trace in figure["data"]],
    }


def record_json(record: dict) -> str:
    return json.dumps(record, sort_keys=True, indent=1, ensure_ascii=False) + "\n"


def built_record(glue_store: Path, charts: list[dict]) -> dict:
    """The record of a chapter as the build rendered it: myst-nb's glue store
    (``<name>.glue.json``) and the charts the page drew (collected while rendering)."""
    glued = json.loads(glue_store.read_text(encoding="utf-8")).values() if glue_store.is_file() else []
    return {"glue": record_of_outputs(glued)["glue"], "figures": charts}


def execute_fresh(source: Path, timeout: int = 300):
    """Run a MyST notebook from scratch in a new kernel, in its own folder, without any cache."""
    import jupytext
    from nbclient import NotebookClient

    from .kernels import ipc_kernel

    notebook = jupytext.read(source)
    with ipc_kernel() as kernel:
        NotebookClient(notebook, km=kernel, timeout=timeout, resources={"metadata": {"path": str(Path(source).parent)}}).execute()
    return notebook


def _glued_record(text) -> dict | None:
    """A glued JSON object (the chapter's language-neutral ``kb_values``) as a dict, else None."""
    try:
        value = json.loads(text)
    except (TypeError, ValueError):
        return None
    return value if isinstance(value, dict) else None


def glue_differences(published: dict, fresh: dict) -> list[str]:
    """Every glued value that differs; a verdict ('verdict_…') is named as one. A glued record of
    values is compared value by value, leaving out those also glued on their own (listed once)."""
    found = []
    for key in sorted(set(published) | set(fresh)):
        old, new = published.get(key, "(absent)"), fresh.get(key, "(absent)")
        if old == new:
            continue
        records = _glued_record(old), _glued_record(new)
        if None not in records:
            inner = [{k: v for k, v in record.items() if k not in published and k not in fresh} for record in records]
            found += [f"{line} (in '{key}')" for line in glue_differences(*inner)]
            continue
        what = f"verdict '{key.removeprefix('verdict_')}'" if key.startswith("verdict_") else f"glued value '{key}'"
        found.append(f"{what}: {old} -> {new}")
    return found


def differences(published: dict, fresh: dict) -> list[str]:
    """Every value that differs, as 'what: published -> fresh'."""
    found = glue_differences(published["glue"], fresh["glue"])
    if len(published["figures"]) != len(fresh["figures"]):
        found.append(f"number of charts: {len(published['figures'])} -> {len(fresh['figures'])}")
    for number, (old, new) in enumerate(zip(published["figures"], fresh["figures"]), 1):
        if old["title"] != new["title"]:
            found.append(f"chart {number} headline: {old['title']!r} -> {new['title']!r}")
        for index, (a, b) in enumerate(zip(old["traces"], new["traces"]), 1):
            for key in TRACE_KEYS:
                if a.get(key) != b.get(key):
                    where = f"chart {number} ({old['title'][:50]}...), trace {index} '{a.get('name', '')}', {key}"
                    points = [f"point {i + 1}: {x} -> {y}" for i, (x, y) in enumerate(zip(a.get(key) or [], b.get(key) or [])) if x != y]
                    found.append(f"{where}: " + ("; ".join(points[:5]) if points else f"{a.get(key)} -> {b.get(key)}"))
        if len(old["traces"]) != len(new["traces"]):
            found.append(f"chart {number}: {len(old['traces'])} traces -> {len(new['traces'])}")
    return found


def rerun(chapter: str, edition: Edition = ENGLISH, book: Path = Path(".")) -> bool:
    """Re-execute one chapter of one edition and compare it with the published record; print a report."""
    book = Path(book).resolve()
    source = edition.chapter(book, chapter)
    published_path = book / "_build" / "html" / edition.site / RECORD_DIR / f"{chapter}.json"
    name = f"{chapter} ({edition.name})"
    if not published_path.is_file():
        print(f"{name}: no published record at {published_path}; run 'make book' first")
        return False
    published = json.loads(published_path.read_text(encoding="utf-8"))
    fresh = json.loads(record_json(record_of(execute_fresh(source))))  # through JSON, as published
    found = differences(published, fresh)
    points = sum(len(t.get("y") or t.get("x") or []) for f in published["figures"] for t in f["traces"])
    print(
        f"{name}: re-executed from scratch; checked {len(published['glue'])} glued values and "
        f"{len(published['figures'])} charts ({points} drawn points)"
    )
    for line in found:
        print(f"  DIFFERS {line}")
    print(f"  {'all match' if not found else f'{len(found)} difference(s)'}")
    return not found


def chapters_with_records(book: Path, edition: Edition = ENGLISH) -> list[str]:
    return sorted(p.stem for p in (Path(book) / "_build" / "html" / edition.site / RECORD_DIR).glob("*.json"))


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    runs = [(chapter, edition) for edition in EDITIONS
            for chapter in (chapters_with_records(Path("."), edition) if argv == ["all"] else argv)]
    if not runs:
        print("no published records: run 'make book' first", file=sys.stderr)
        return 1
    results = [rerun(chapter, edition) for chapter, edition in runs]
    print(f"{sum(results)} of {len(results)} chapter(s) reproduce the published build, in both editions")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
