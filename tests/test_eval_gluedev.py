"""The dev-only glued-page check: its pages come from dev templates and bodies only."""

from __future__ import annotations

import random

import pytest
from eval.gluedev import boilerplate_pages, build_pages
from eval.realnews_pages import Source

from test_eval_realnews import NEW, OLD, template_html

THIRD = ["The guild of rope makers elected a new master on Friday after a long vote.",
         "Masters of three workshops argued over apprentices and the price of hemp.",
         "The new master, Ilse Vorn, promised to open the hall to visitors in summer."]
FOURTH = ["A comet crossed the northern sky above Quessa and drew crowds to the hills.",
          "Astronomers of the old tower measured its tail for two nights running.",
          "Children stayed up late with lanterns to watch it fade below the sea."]


def _source(id: int, title: str, body: list[str]) -> Source:
    body = [f"{p} {p} {p}" for p in body]  # a body of 100 words or more
    return Source(id, template_html(title, body), title, body, f"https://courier.example/{id}")


def test_each_template_gives_a_glued_page_and_an_unglued_one():
    sources = [_source(2, "Ferry timetable approved", OLD), _source(3, "Storm floods market", NEW),
               _source(4, "Rope makers elect a master", THIRD), _source(7, "Comet over Quessa", FOURTH)]
    glued, single = build_pages(sources, random.Random(1))
    assert len(glued) == len(single) == 4
    for page in glued:
        template, x, y = (int(part[1:]) for part in page.name.split("-")[1:])
        assert len({template, x, y}) == 3
        assert page.title in page.html and page.blocks[page.second] in page.html
        assert page.second >= 3  # after the first body (and its separator)


def test_a_held_out_page_is_refused():
    with pytest.raises(ValueError, match="dev pages only"):
        build_pages([_source(2, "Ferry", OLD), _source(5, "Storm", NEW)], random.Random(1))


def test_a_template_with_boilerplate_gives_a_page_with_its_lines_after_another_body():
    sources = [_source(2, "Ferry timetable approved", OLD), _source(3, "Storm floods market", NEW),
               _source(4, "Rope makers elect a master", THIRD), _source(7, "Comet over Quessa", FOURTH)]
    lines = ["Sign up to the Courier's weekly letter of harbour news and ferry times."]
    pages = boilerplate_pages(sources, {3: lines, 4: []}, random.Random(1))
    assert [p.name.split("-")[1] for p in pages] == ["t3"]  # only the template that has lines
    page = pages[0]
    body = next(s for s in sources if f"-b{s.id}" in page.name)
    assert body.id != 3 and page.title == body.title
    assert lines[0] in page.html and body.paragraphs[-1] in page.html
    assert page.html.index(body.paragraphs[-1]) < page.html.index(lines[0])
