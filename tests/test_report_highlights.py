"""Swaps are marked only where they are swapped: aligned spans, in both versions."""

from __future__ import annotations

import io

import lxml.html

from report_fixtures import with_kind
from wiretrace.model import Article, Pair, Passage, Result, Story, Substitution
from wiretrace.report import render_result
from wiretrace.report.highlights import swap_spans

A_TEXT = ("The council adopted the plan on Monday.\n\n"
          "Critics said the plan would cost too much.\n\n"
          "The mayor defended the plan in a speech.")
B_TEXT = ("The council adopted the law on Monday.\n\n"
          "Critics said the plan would cost too much.\n\n"
          "The mayor defended the law in a speech.\n\n"
          "A spokesman said the law was the best plan they had.")


def _pair(**kw) -> Pair:
    end_b = B_TEXT.index("\n\nA spokesman")
    return Pair("a#1", "b#1", "reuse", passages=[Passage((0, len(A_TEXT)), (0, end_b))],
                substitutions=[Substitution("plan", "law", 2)],
                only_in_b=["A spokesman said the law was the best plan they had."], **kw)


def _marks(version) -> list[tuple[str, str]]:
    return [(m.text_content(), m.get("data-group")) for m in
            version.xpath('.//mark[contains(@class,"hl-swap")]')]


def test_only_the_swapped_occurrences_are_aligned():
    found = swap_spans(_pair(), A_TEXT, B_TEXT)
    spans_a = [a for _, a, _ in found]
    spans_b = [b for _, _, b in found]
    assert [A_TEXT[s:e] for s, e in spans_a] == ["plan", "plan"]
    assert [B_TEXT[s:e] for s, e in spans_b] == ["law", "law"]
    shared = A_TEXT.index("the plan would") + 4
    assert (shared, shared + 4) not in spans_a  # both versions say "plan" here
    assert all(e <= B_TEXT.index("A spokesman") for _, e in spans_b)  # not in B's addition


def test_html_marks_both_sides_never_shared_or_added_text():
    a = Article(id="a#1", source="a", index=1, title="Plan", text=A_TEXT)
    b = Article(id="b#1", source="b", index=1, title="Law", text=B_TEXT)
    pair = _pair()
    with_kind(pair.substitutions[0], "term")
    story = Story("story-1", ["a#1", "b#1"], terminology=[{"a#1": "plan", "b#1": "law"}])
    out = io.StringIO()
    render_result(Result(articles=[a, b], stories=[story], pairs=[pair]), "html", out)
    doc = lxml.html.fromstring(out.getvalue())
    va, vb = (doc.xpath(f'//article[@data-article="{i}"]')[0] for i in ("a#1", "b#1"))
    marks_a, marks_b = _marks(va), _marks(vb)
    assert [t for t, _ in marks_a] == ["plan", "plan"] and [t for t, _ in marks_b] == ["law"] * 2
    assert {g for _, g in marks_a} == {g for _, g in marks_b} == {"story-1-t0"}
    (added,) = vb.xpath('.//p[contains(., "A spokesman")]')
    assert not added.xpath('.//mark[contains(@class,"hl-swap")]')
    (critics,) = va.xpath('.//p[contains(., "Critics")]')
    assert not critics.xpath('.//mark[contains(@class,"hl-swap")]')
    assert all('data-kind="term"' in lxml.html.tostring(m).decode()
               for m in va.xpath('.//mark[contains(@class,"hl-swap")]'))


def test_no_passages_no_swap_marks():
    pair = _pair()
    pair.passages = []
    assert swap_spans(pair, A_TEXT, B_TEXT) == []
