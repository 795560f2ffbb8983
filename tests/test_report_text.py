"""Terminal text reports: everything a reader needs, in 80 columns, colour only when asked."""

from __future__ import annotations

import io
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from report_fixtures import A_ID, example_articles, example_result
from wiretrace.model import Article, Pair, Result, Story
from wiretrace.report import render_articles, render_result

ANSI = re.compile(r"\x1b\[")


def _text(result: Result, **kw) -> str:
    out = io.StringIO()
    render_result(result, "text", out, **kw)
    return out.getvalue()


def _assert_fits(text: str, width: int = 80) -> None:
    too_long = [line for line in text.splitlines() if cell_len(line) > width]
    assert not too_long, too_long


def test_compare_text_tells_the_story():
    text = _text(example_result())
    assert "Story 1 · 3 versions · reuse (1 of 1 shared)" in text
    for outlet in ("Coastal Herald", "Harbor Times", "Island Post"):
        assert outlet in text
    assert "100% / 88%" in text  # shared fractions of A↔B
    # swaps table: one row per concept, a term per version
    assert re.search(r"harbour\s+harbor\s+harbour", text)
    assert re.search(r"the archipelago\s+the island chain\s+—", text)
    # additions and cuts
    assert "+ At least nine people were dead" in text
    assert "− A similar accident in 2019" in text
    # conflicting figures with what is counted and who is cited
    assert "people dead: figures differ" in text
    assert "at least nine people dead, per Reuters (Harbor Times)" in text
    assert "three passengers killed, per a coastguard official (Coastal Herald)" in text
    # credits and singletons
    assert "+Reuters" in text and "+Getty Images" in text
    single = text.split("Single articles (1)")[1]
    assert "Council approves tram line to the old docks" in single


def test_no_line_exceeds_80_columns_and_no_colour_off_a_terminal():
    text = _text(example_result())
    _assert_fits(text)
    assert not ANSI.search(text)
    assert not any(line != line.rstrip(" ") for line in text.splitlines())


def test_long_ids_titles_and_unbroken_words_still_fit():
    result = example_result()
    for art in result.articles:
        art.outlet = "An Extremely Long Outlet Name That Goes On And On " * 2
        art.title = "Ü" * 150
        art.id = "/very/deep/" + "directory/" * 12 + art.id
    result.stories[0].additions[result.articles[1].id] = ["x" * 300]
    result.stories[0].articles = [a.id for a in result.articles[:3]]
    result.stories[1].articles = [result.articles[3].id]
    for pair, (a, b) in zip(result.pairs, [(0, 1), (0, 2), (1, 2)], strict=True):
        pair.a, pair.b = result.articles[a].id, result.articles[b].id
    result.stories[0].terminology = [
        {result.articles[0].id: "x", result.articles[1].id: "ÿ" * 90}]
    _assert_fits(_text(result))


def test_colour_only_when_asked_or_on_a_terminal():
    assert ANSI.search(_text(example_result(), color=True))
    assert not ANSI.search(_text(example_result(), color=False))

    class FakeTty(io.StringIO):
        def isatty(self) -> bool:
            return True

    tty = FakeTty()
    render_result(example_result(), "text", tty)
    assert ANSI.search(tty.getvalue())


def test_article_text_is_never_read_as_rich_markup():
    result = example_result()
    result.articles[0].title = "[bold red]not markup[/] and [link=x]y[/link]"
    text = _text(result, color=True)
    assert "[bold red]not markup[/] and [link=x]y[/link]" in text


def test_singletons_only_and_empty_result():
    arts = example_articles()
    only = Result(articles=[arts[3]], stories=[Story("s", [arts[3].id])])
    text = _text(only)
    assert "No article shares a story with another." in text
    assert "Council approves tram line" in text
    assert _text(Result()).strip() == "No articles."


def test_articles_text_blocks():
    out = io.StringIO()
    render_articles(example_articles(), "text", out)
    text = out.getvalue()
    _assert_fits(text)
    blocks = text.split("\n\n")
    assert len([b for b in blocks if b.strip()]) == 4
    first = blocks[0]
    assert first.startswith("1/4  Ferry capsizes off Port Avelin, three dead")
    for expected in ("2024-03-12", "PORT AVELIN, Marenia", "credits  AFP", A_ID,
                     "A passenger ferry capsized", "… 4 more paragraphs",
                     "1 caption", "3 removed lines"):
        assert expected in first, expected
    assert "A similar accident" not in first  # only the first lines


def test_articles_text_handles_missing_fields():
    out = io.StringIO()
    render_articles([Article(id="x#1", source="x", index=1)], "text", out)
    assert "(untitled)" in out.getvalue() and re.search(r"date +unknown", out.getvalue())
    out = io.StringIO()
    render_articles([], "text", out)
    assert out.getvalue().strip() == "No articles."


def test_same_event_story_renders_without_explanations():
    arts = example_articles()
    a, d = arts[0], arts[3]
    result = Result(articles=[a, d], stories=[Story("s", [a.id, d.id])],
                    pairs=[Pair(a.id, d.id, "same-event")])
    text = _text(result)
    assert "2 versions · same-event" in text and "same-event" in text.split("pair")[1]
    assert "Swaps" not in text and "Conflicting" not in text
    _assert_fits(text)
    out = io.StringIO()
    render_result(result, "html", out)
    assert "rel-same-event" in out.getvalue()


@settings(max_examples=30, deadline=None)
@given(title=st.text(max_size=200), outlet=st.text(max_size=60),
       sentence=st.text(min_size=1, max_size=300), term=st.text(min_size=1, max_size=40))
def test_any_unicode_fits_80_columns(title, outlet, sentence, term):
    result = example_result()
    b = result.articles[1]
    b.title, b.outlet = title, outlet
    result.stories[0].additions[b.id] = [sentence]
    result.stories[0].terminology[0][b.id] = term
    _assert_fits(_text(result))


def test_the_base_is_version_a_and_named_in_every_section():
    result = example_result()
    result.stories[0].base = result.articles[1].id  # Harbor Times
    text = _text(result)
    assert "base: A Harbor Times" in text
    assert "examples/harbor-times.html#1  base" in text
    assert "Added (not in the base, A)" in text and "Cut (in the base, A, missing here)" in text
    assert "relative to the base, A" in text and "against the base, A" in text
    _assert_fits(text)
    html = io.StringIO()
    render_result(result, "html", html)
    assert "base: <span class=\"letter l0\">A</span> Harbor Times" in html.getvalue()


def test_without_a_base_the_first_version_is_named():
    text = _text(example_result())
    assert "base: A Coastal Herald" in text


def test_changed_figures_lead_the_story_and_counts_agree_with_the_pair_table():
    from report_fixtures import changed_figure_result

    text = _text(changed_figure_result())
    _assert_fits(text)
    story = text.split("Single articles")[0]
    changed = story.index("Changed figures")
    assert changed < story.index("Competing figures") < story.index(" pair ")
    assert "4 conflicting figures (2 changed, 2 competing)" in story
    section = story[changed:story.index("Competing figures")]
    assert "112 survivors pulled" in section and "118 survivors pulled" in section
    assert "people dead" not in section
    table = story[story.index(" pair "):story.index("Swaps")]
    column = [int(line.split()[-1]) for line in table.splitlines() if "↔" in line]
    assert sum(column) == 4


def test_one_conflict_is_singular():
    text = _text(example_result())
    assert "2 conflicting figures (2 competing)" in text
    result = example_result()
    result.pairs[2].conflicts = []
    assert "1 conflicting figure (1 competing)" in _text(result)


def test_eleven_versions_stay_readable():
    from report_fixtures import many_versions_result

    text = _text(many_versions_result(11))
    _assert_fits(text)
    story = text.split("Single articles")[0]
    table = story[story.index(" pair "):story.index("Each version against the base")]
    rows = [line for line in table.splitlines() if "↔" in line]
    assert len(rows) == 10 and all(line.split()[0].startswith("A↔") for line in rows)
    assert "all 55   pairs" in table and table.split("all 55")[1].split()[-1] == "56"
    assert "45 other pairs" in story and "--format json" in story
    swaps = story[story.index("Swaps ("):story.index("Added (")]
    words = set(re.findall(r"\w+", swaps))
    for whole in ("archipelago", "harbour", "harbor", "kilometres", "Coastal", "Herald"):
        assert whole in words, whole
    # term swaps lead, the rest gathered by class
    classes = [line.split()[0] for line in swaps.splitlines()[4:] if line[1:2].strip()]
    assert classes == ["term", "spelling", "wording"]
    assert "the island chain (B, D, G, J)" in swaps
    # a figure stated alike by several versions is one line
    assert "B,D,G,J 112 survivors pulled" in story
