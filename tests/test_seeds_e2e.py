"""Issue 4's acceptance test: every point of its first paragraph, on the two seed pages, is in
the JSON and in the HTML report produced by the full pipeline (skips without ../shared)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from lxml import html as lxml_html

from wiretrace.pipeline import run
from wiretrace.report import render_result
from wiretrace.run import Options

FIRST = "Iraq says defeats Daesh infiltration near Ramadi"
SECOND = "Iraq Says Defeats ISIS Infiltration Near Ramadi, Several Dead"


@pytest.fixture(scope="module")
def seeds_result():
    seeds = Path(__file__).resolve().parents[2] / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip(f"shared seed pages not found at {seeds}")
    result = run([str(seeds)], Options(quiet=True))
    titles = {a.title: a.id for a in result.articles}
    pair = next(p for p in result.pairs if {p.a, p.b} == {titles[FIRST], titles[SECOND]})
    if pair.a != titles[FIRST]:
        pytest.fail("expected the first seed page as side a of the pair")
    return result, pair


def test_json_explains_every_point(seeds_result) -> None:
    _, pair = seeds_result
    assert pair.relation == "reuse"
    swaps = {(s.a, s.b): s.count for s in pair.substitutions}
    assert swaps[("Daesh", "ISIS")] >= 2
    assert ("jihadists", "militants") in swaps
    assert any(a.startswith("jihadists") and "terrorist" in b for a, b in swaps)
    assert ("Kilometer", "Kilometre") in swaps
    added = " ".join(pair.only_in_b)
    assert "suicide car bombs, mortars and machine guns" in added
    assert "at least 7 soldiers were dead" in added
    cut = " ".join(pair.only_in_a)
    assert "using an Arabic acronym for Daesh" in cut
    for place in ("Raqqa", "Deir Ezzor", "Sharqat", "Anna"):
        assert place in cut
    conflict = next(c for c in pair.conflicts if c.b.attribution == "Reuters")
    assert (conflict.a.value, conflict.b.value) == (2, 7)
    assert conflict.b.qualifier == "at least"
    assert "military source" in (conflict.a.attribution or "")
    assert pair.credits is not None
    assert "AFP" in pair.credits.a and "AFP" in pair.credits.b
    assert "Reuters" in pair.credits.added


def _texts(tree, css_class: str) -> str:
    xpath = f'//*[contains(concat(" ", normalize-space(@class), " "), " {css_class} ")]'
    return " | ".join(element.text_content() for element in tree.xpath(xpath))


def test_html_highlights_every_point(seeds_result) -> None:
    result, _ = seeds_result
    out = io.StringIO()
    render_result(result, "html", out)
    tree = lxml_html.fromstring(out.getvalue())
    swaps = _texts(tree, "hl-swap")
    for term in ("Daesh", "ISIS", "jihadists", "militants", "Kilometer", "Kilometre"):
        assert term in swaps
    added = _texts(tree, "hl-added")
    assert "suicide car bombs" in added and "at least 7 soldiers were dead" in added
    cut = _texts(tree, "cut-sentence")
    assert "using an Arabic acronym for Daesh" in cut and "Raqqa" in cut and "Anna" in cut
    conflicts = _texts(tree, "hl-conflict")
    assert "two security personnel were killed" in conflicts
    assert "at least 7 soldiers were dead" in conflicts
    assert "+Reuters" in _texts(tree, "chip-added")
