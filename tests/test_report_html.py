"""The HTML report, checked statically: self-contained, escaped, complete, text intact."""

from __future__ import annotations

import io
from dataclasses import replace

import lxml.html
from hypothesis import given, settings
from hypothesis import strategies as st

from report_fixtures import A_ID, B_ID, C_ID, P7, REUTERS, example_result
from wiretrace.model import Result
from wiretrace.report import render_result


def _html(result: Result) -> str:
    out = io.StringIO()
    render_result(result, "html", out)
    return out.getvalue()


def _version(doc, article_id: str):
    (node,) = doc.xpath(f'//article[contains(concat(" ", @class, " "), " version ")][@data-article="{article_id}"]')
    return node


def test_page_is_self_contained():
    raw = _html(example_result())
    doc = lxml.html.fromstring(raw)
    assert not doc.xpath("//link | //iframe | //object | //embed")
    assert not doc.xpath("//*[@src]")
    assert len(doc.xpath("//style")) == 1 and len(doc.xpath("//script")) == 1
    for node in doc.xpath("//style | //script"):
        code = node.text_content()
        assert "http" not in code and "@import" not in code and "url(" not in code
        assert "fetch(" not in code and "XMLHttpRequest" not in code
    (csp,) = doc.xpath('//meta[@http-equiv="Content-Security-Policy"]/@content')
    assert "default-src 'none'" in csp


def test_article_text_and_titles_are_escaped():
    result = example_result()
    result.articles[1].title = "<script>alert('title')</script>"
    art = result.articles[0]
    art.paragraphs = ["<script>alert('text')</script> & <img src=x onerror=alert(1)>",
                      *art.paragraphs[1:]]
    result.articles[0].outlet = '"><b>outlet</b>'
    raw = _html(result)
    doc = lxml.html.fromstring(raw)
    assert len(doc.xpath("//script")) == 1  # ours only
    assert not doc.xpath("//img") and not doc.xpath("//b")
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in raw
    assert "<script>alert('text')</script>" in _version(doc, A_ID).text_content()


def test_version_texts_are_complete_and_unchanged():
    result = example_result()
    doc = lxml.html.fromstring(_html(result))
    for art in result.articles[:3]:
        paras = _version(doc, art.id).xpath('.//div[@class="text"]/p')
        assert [p.text_content() for p in paras] == art.paragraphs


def test_swaps_additions_cuts_and_figures_are_marked():
    doc = lxml.html.fromstring(_html(example_result()))
    a, b, c = (_version(doc, i) for i in (A_ID, B_ID, C_ID))
    swaps_b = [m.text_content() for m in b.xpath('.//mark[contains(@class,"hl-swap")]')]
    assert swaps_b.count("harbor") == 2 and "coast guard" in swaps_b
    assert "the island chain" in swaps_b and "kilometers" in swaps_b
    assert "rough seas" in [m.text_content() for m in c.xpath('.//mark[contains(@class,"hl-swap")]')]
    # the same swap row links the marks across versions and the swaps table
    (group,) = {m.get("data-group") for m in b.xpath('.//mark[.="harbor"]')}
    assert a.xpath(f'.//mark[@data-group="{group}"][.="harbour"]')
    assert doc.xpath(f'//table[@class="swaps"]//tr[@data-group="{group}"]')
    # B's Reuters paragraph is an addition with its conflicting figure marked
    (added,) = b.xpath('.//p[contains(@class,"para-added")]')
    assert added.text_content() == REUTERS
    (fig,) = added.xpath('.//mark[contains(@class,"hl-figure")]')
    assert fig.text_content() == "At least nine people were dead"
    assert "three passengers killed" in fig.get("title") and "Reuters" in fig.get("title")
    # A marks the conflicting "three passengers" and the closing paragraphs C cut
    assert [m.text_content() for m in a.xpath('.//mark[contains(@class,"hl-figure")]')] == [
        "three passengers"]
    cut_runs = a.xpath('.//span[contains(@class,"hl-cut")]')
    assert any("Cut by C" in (s.get("title") or "") for s in cut_runs)
    # C lists what it cut
    assert [d.text_content() for d in c.xpath('.//div[@class="missing"]//del')][-1] == P7
    assert not a.xpath('.//div[@class="missing"]')


def test_overview_legend_story_list_and_singles():
    doc = lxml.html.fromstring(_html(example_result()))
    legend = [b.get("data-kind") for b in doc.xpath('//button[@class="legend-item"]')]
    assert legend == ["shared", "added", "cut", "swap", "figure", "conflict"]
    links = doc.xpath('//aside[@class="toc"]//a/@href')
    assert links == ["#story-1", "#story-2"]
    assert all(doc.xpath(f'//*[@id="{href[1:]}"]') for href in links)
    conflict = doc.xpath('//div[contains(@class,"conflict-competing")]')[0].text_content()
    assert "people dead" in conflict and "Reuters" in conflict and "at least nine" in conflict
    chips = [c.text_content() for c in doc.xpath('//span[contains(@class,"chip-added")]')]
    assert "+Reuters" in chips and "+Getty Images" in chips
    (single,) = doc.xpath('//article[@class="single"]')
    assert "Council approves tram line" in single.text_content()
    assert "line 3: not valid JSON" in doc.xpath('//section[@class="problems"]')[0].text_content()


def test_four_versions_and_empty_result_render():
    result = example_result()
    extra = result.articles[2]
    clone = replace(extra, id="examples/fourth.txt#1", outlet="Fourth Wire")
    result.articles.append(clone)
    result.stories[0].articles.append(clone.id)
    doc = lxml.html.fromstring(_html(result))
    assert len(doc.xpath('//section[@id="story-1"]//article[contains(concat(" ", @class, " "), " version ")]')) == 4
    assert 'style="--n: 4"' in _html(result)
    empty = lxml.html.fromstring(_html(Result()))
    assert "No articles." in empty.text_content()


@settings(max_examples=25, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from("ab <>&\"'/=;ßΩ日ع"), min_size=1, max_size=40),
                min_size=1, max_size=3))
def test_any_text_comes_back_verbatim_through_the_page(paragraphs):
    result = example_result()
    art = result.articles[0]
    art.paragraphs = paragraphs
    art.text = "\n\n".join(paragraphs)
    art.title = paragraphs[0]
    doc = lxml.html.fromstring(_html(result))
    version = _version(doc, art.id)
    got = [p.text_content() for p in version.xpath('.//div[@class="text"]/p')]
    assert got == [p for p in art.text.split("\n\n")]
    assert version.xpath(".//h3")[0].text_content() == paragraphs[0]
    assert len(doc.xpath("//script")) == 1


def test_a_changed_figure_is_marked_in_both_versions_and_leads_the_overview():
    from report_fixtures import changed_figure_result

    doc = lxml.html.fromstring(_html(changed_figure_result()))
    a, b, c = (_version(doc, i) for i in (A_ID, B_ID, C_ID))
    marks = {aid: v.xpath('.//mark[@data-kind="changed"]') for aid, v in
             ((A_ID, a), (B_ID, b), (C_ID, c))}
    assert [m.text_content() for m in marks[A_ID]] == ["112"]
    assert [m.text_content() for m in marks[B_ID]] == ["112"]
    assert [m.text_content() for m in marks[C_ID]] == ["118"]
    groups = {m.get("data-group") for ms in marks.values() for m in ms}
    assert len(groups) == 1
    (group,) = groups
    assert "hl-figure-changed" in marks[C_ID][0].get("class")
    assert "112" in marks[C_ID][0].get("title")
    # the panel of changed figures comes first and is linked to the marks
    panels = doc.xpath('//section[@id="story-1"]//div[@class="overview"]/div')
    assert "panel-changed" in panels[0].get("class")
    assert panels[0].xpath(f'.//div[@data-group="{group}"]')
    assert "panel-competing" in panels[-1].get("class")
    meta = doc.xpath('//p[@class="story-meta"]')[0].text_content()
    assert "4 conflicting figures (2 changed, 2 competing)" in meta


def test_many_versions_get_a_picker_compact_swaps_led_by_term_and_base_pairs():
    from report_fixtures import many_versions_result

    doc = lxml.html.fromstring(_html(many_versions_result(11)))
    (story,) = doc.xpath('//section[@id="story-1"]')
    kinds = [tr.get("data-kind") for tr in story.xpath('.//table[contains(@class,"swaps")]'
                                                      '//tr[@data-group]')]
    assert kinds == ["term", "spelling", "spelling", "spelling", "wording"]
    assert story.xpath('.//table[contains(@class,"swaps-compact")]')
    boxes = story.xpath('.//fieldset[@class="picker"]//input')
    assert len(boxes) == 11 and sum(b.get("checked") is not None for b in boxes) == 3
    picked = story.xpath('.//article[contains(@class," picked")]/@data-letter')
    assert picked[0] == "A" and len(picked) == 3
    rows = story.xpath('.//table[@class="relations"]/tbody/tr')
    assert len(rows) == 11 and rows[-1].get("class") == "pairs-total"
    assert rows[-1].xpath("td")[-1].text_content() == "56"
    assert "45 other pairs" in story.xpath('.//p[@class="pairs-note"]')[0].text_content()


def test_few_versions_have_no_picker():
    doc = lxml.html.fromstring(_html(example_result()))
    assert not doc.xpath('//fieldset[@class="picker"]')
    assert len(doc.xpath('//section[@id="story-1"]//article[contains(@class," picked")]')) == 3
