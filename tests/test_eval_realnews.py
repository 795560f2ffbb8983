"""The realnews eval's page builder on invented pages: a body set into another page's template."""

from __future__ import annotations

import random
from collections import Counter

import lxml.html
from eval.realnews import _split_right, plain_reuse
from eval.realnews_pages import (
    _SENTENCE,
    Page,
    Source,
    Template,
    content_element,
    edited,
    set_titles,
)

OLD = ["The harbour board of Velmora approved a new ferry timetable on Monday after weeks of talks.",
       "Captain Idris Lantov said the evening crossing would return in the spring season.",
       "Fares stay at four crowns for residents and six crowns for visitors this year."]
NEW = ["A storm flooded the lower market of Quessa overnight and closed three bridges.",
       "Volunteers carried sandbags to the grain hall until the river fell at dawn.",
       "The mayor, Oda Fennick, promised repairs would start within ten days."]


def template_html(title: str, body: list[str], sidebar: str = "") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in body)
    return (f"<html><head><title>{title} | Velmora Courier</title>"
            f'<meta property="og:title" content="{title}">'
            "<link rel='canonical' href='https://courier.example/port/ferry'></head><body>"
            "<nav><a href='/'>Home</a> <a href='/port'>Port news</a></nav>"
            f"<h1>{title}</h1><div class='story'>{paragraphs}</div>"
            f"<aside>{sidebar}</aside>"
            "<footer>Velmora Courier, printed by the guild of the old quay since the flood year.</footer>"
            "</body></html>")


def source(id: int, title: str, body: list[str], sidebar: str = "") -> Source:
    return Source(id, template_html(title, body, sidebar), title, body,
                  "https://courier.example/port/ferry")


def test_content_element_is_the_element_holding_the_gold_body():
    root = lxml.html.document_fromstring(template_html("Ferry timetable approved", OLD))
    assert content_element(root, OLD).get("class") == "story"


def test_body_and_title_are_set_into_the_template():
    t = Template(source(2, "Ferry timetable approved", OLD))
    html = t.build("Storm floods Quessa market", [("p", p) for p in NEW], "b7")
    assert html is not None
    root = lxml.html.document_fromstring(html)
    story = root.find_class("story")[0]
    assert [p.text_content() for p in story.iter("p")] == NEW  # the new body is in
    assert "harbour board" not in html and "Lantov" not in html  # the old body is gone
    assert [h.text_content() for h in root.iter("h1")] == ["Storm floods Quessa market"]
    assert root.find(".//meta[@property='og:title']").get("content") == "Storm floods Quessa market"
    assert root.find(".//title").text_content() == "Storm floods Quessa market | Velmora Courier"
    assert root.find(".//link").get("href") == "https://courier.example/port/ferry-b7"
    assert "Home" in html and "guild of the old quay" in html  # the chrome stays


def test_template_is_refused_when_its_old_body_stays_visible():
    t = Template(source(3, "Ferry timetable approved", OLD, sidebar=OLD[0]))
    assert t.build("Storm floods Quessa market", [("p", p) for p in NEW]) is None


def test_plain_reuse_needs_a_run_of_twelve_words():
    shared = "one two three four five six seven eight nine ten eleven twelve"
    texts = [f"alpha {shared} beta", f"gamma {shared} delta", f"omega {shared.rsplit(' ', 1)[0]} omega"]
    assert plain_reuse(texts) == {(0, 1)}


def test_edited_copy_cuts_a_sentence_adds_one_and_changes_a_figure():
    body = ["The ferry left with 12 passengers. It docked at noon in the rain.",
            "The crew of seven unloaded the grain. Traders waited on the quay."]
    added = "An extra line was written by the editor."
    copy = " ".join(edited(body, added, random.Random(1)))
    assert added in copy and "13" in copy and "12" not in copy
    sentences = [s for p in body for s in _SENTENCE.split(p)]
    assert any(s not in copy for s in sentences)  # a sentence cut (or words swapped in it)
    left = Counter(copy.replace(added, "").split())
    changed = left - Counter(" ".join(body).split())
    assert sum(changed.values()) <= 1 and set(changed) <= {"13"}  # at most the figure differs


class _Art:
    def __init__(self, title: str | None, paragraphs: list[str]):
        self.title, self.paragraphs = title, paragraphs


def test_split_right_reads_where_the_second_article_starts():
    blocks = [*NEW, "Ferry timetable approved", *OLD]
    page = Page("p", "", "Storm floods Quessa market", blocks, second=3)
    assert _split_right(page, [_Art("Storm", NEW), _Art("Ferry timetable approved", OLD)])
    assert _split_right(page, [_Art("Storm", NEW), _Art(None, OLD)])  # one block late
    assert not _split_right(page, [_Art("Storm", NEW[:1]), _Art(None, NEW[1:] + OLD)])
    assert not _split_right(page, [_Art("Storm", NEW + OLD)])


def test_page_title_keeps_only_a_site_name_suffix():
    head = ("<html><head><title>{}</title><meta property='og:site_name' content='Velmora Courier'>"
            "</head><body><h1>Ferry timetable approved</h1></body></html>")
    for shown, expected in (("Port roundup | Velmora Courier", "Storm | Velmora Courier"),
                            ("Port roundup | ferries, fares and more", "Storm"),
                            ("Ferry timetable approved – Velmora Courier", "Storm – Velmora Courier")):
        root = lxml.html.document_fromstring(head.format(shown))
        assert set_titles(root, "Ferry timetable approved", "Storm", "courier.example") == 1
        assert root.find(".//title").text_content() == expected
