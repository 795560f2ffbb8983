"""The README's Python tour runs exactly as written, from the project folder."""

from __future__ import annotations

import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_python_tour_runs_as_written(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    tour = readme[readme.index("## A tour of the Python API"):]
    code = re.search(r"```python\n(.*?)```", tour, re.S).group(1)
    (tmp_path / "examples").symlink_to(ROOT / "examples")  # a folder laid out as the project
    here = os.getcwd()
    os.chdir(tmp_path)
    try:
        namespace: dict[str, object] = {}
        exec(compile(code, "README.md", "exec"), namespace)
    finally:
        os.chdir(here)
    result = namespace["result"]
    assert any(p.relation == "reuse" and p.substitutions for p in result.pairs)
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Korvash" in html
