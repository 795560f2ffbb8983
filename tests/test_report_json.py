"""JSON and JSON Lines outputs: the documented contract, complete, non-ASCII kept."""

from __future__ import annotations

import dataclasses
import io
import json
from pathlib import Path

import pytest

from report_fixtures import A_ID, B_ID, C_ID, D_ID, REUTERS, example_articles, example_result
from wiretrace.model import (
    Article,
    Conflict,
    CreditsDiff,
    Figure,
    Pair,
    Passage,
    Problem,
    Result,
    Story,
    Substitution,
)
from wiretrace.pipeline import run
from wiretrace.report import render_articles, render_result
from wiretrace.run import Options


def _render(result: Result, fmt: str) -> str:
    out = io.StringIO()
    render_result(result, fmt, out)
    return out.getvalue()


def test_compare_json_follows_the_contract():
    data = json.loads(_render(example_result(), "json"))
    assert set(data) == {"articles", "stories", "pairs", "problems"}
    assert [a["id"] for a in data["articles"]] == [A_ID, B_ID, C_ID, D_ID]
    assert data["stories"][0]["articles"] == [A_ID, B_ID, C_ID]
    assert data["stories"][0]["additions"][B_ID] == [REUTERS]
    ab = data["pairs"][0]
    assert (ab["a"], ab["b"], ab["relation"]) == (A_ID, B_ID, "reuse")
    for key in ("shared_fraction_a", "shared_fraction_b", "passages", "substitutions",
                "only_in_a", "only_in_b", "conflicts", "credits"):
        assert key in ab
    start, end = ab["passages"][0]["a"]
    assert data["articles"][0]["text"][start:end].startswith("A passenger ferry")
    assert {"a": "harbour", "b": "harbor", "count": 2} in [
        {k: s[k] for k in ("a", "b", "count")} for s in ab["substitutions"]
    ]
    assert all(s["kind"] for s in ab["substitutions"])
    conflict = ab["conflicts"][0]
    assert conflict["b"]["attribution"] == "Reuters" and conflict["b"]["qualifier"] == "at least"
    s, e = conflict["b"]["span"]
    assert data["articles"][1]["text"][s:e] == "At least nine people were dead"
    assert ab["credits"]["added"] == ["Reuters"]
    assert data["problems"] == [{"source": "examples/broken.jsonl", "reason": "not valid JSON",
                                 "where": "line 3"}]


def test_compare_jsonl_streams_one_story_per_line():
    lines = _render(example_result(), "jsonl").splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == 2
    first, single = records
    assert set(first) == {"story", "articles", "pairs"}
    assert first["story"]["id"] == "story-1"
    assert [a["id"] for a in first["articles"]] == [A_ID, B_ID, C_ID]
    assert len(first["pairs"]) == 3
    assert single["story"]["articles"] == [D_ID] and single["pairs"] == []


def test_jsonl_gives_unlisted_articles_a_singleton_line():
    arts = example_articles()
    result = Result(articles=arts[:2], stories=[Story("s1", [arts[0].id])])
    records = [json.loads(x) for x in _render(result, "jsonl").splitlines()]
    assert [r["story"]["articles"] for r in records] == [[arts[0].id], [arts[1].id]]


def test_non_ascii_is_kept_and_round_trips():
    art = Article(id="ar#1", source="ar", index=1, title="«الدولة» sagt: Straße",
                  text="Größe — ٣ قتلى", paragraphs=["Größe — ٣ قتلى"])
    raw = _render(Result(articles=[art], stories=[Story("s", ["ar#1"])]), "json")
    assert "«الدولة» sagt: Straße" in raw and "\\u" not in raw
    assert Article.from_dict(json.loads(raw)["articles"][0]) == art


def test_articles_json_and_jsonl():
    arts = example_articles()
    out = io.StringIO()
    render_articles(arts, "json", out)
    data = json.loads(out.getvalue())
    assert [Article.from_dict(a) for a in data["articles"]] == arts
    out = io.StringIO()
    render_articles(arts, "jsonl", out)
    lines = out.getvalue().splitlines()
    assert [Article.from_dict(json.loads(x)) for x in lines] == arts


def test_unknown_format_is_a_clear_error():
    with pytest.raises(ValueError, match="html"):
        render_articles([], "html", io.StringIO())
    with pytest.raises(ValueError, match="jsonl"):
        render_result(Result(), "xml", io.StringIO())


EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "pages"


def _generic(obj):
    """What ``dataclasses.asdict`` gives, as JSON (tuples become lists)."""
    data = dataclasses.asdict(obj)
    if isinstance(obj, Article):
        data["paragraphs"] = obj.paragraphs
    return json.loads(json.dumps(data))


def test_to_dict_is_the_generic_dataclass_form_of_every_record():
    result = run([str(EXAMPLES)], Options(quiet=True))  # explained: every field is filled
    assert any(p.conflicts for p in result.pairs) and any(p.substitutions for p in result.pairs)
    records = [*result.articles, *result.stories, *result.pairs, Problem("f", "why", "line 2")]
    for record in records:
        assert json.loads(json.dumps(record.to_dict())) == _generic(record), type(record)


def test_to_dict_lists_every_field_of_every_model_class():
    for cls in (Article, Story, Pair, Passage, Substitution, Figure, Conflict, CreditsDiff,
                Problem):
        names = {f.name for f in dataclasses.fields(cls)}
        sample = {"a": (0, 1), "b": (0, 1)} if cls is Passage else {}
        assert names <= set(_make(cls, sample).to_dict()), cls.__name__


def _make(cls, given):
    values = {f.name: given.get(f.name, _default(f)) for f in dataclasses.fields(cls)
              if f.init or cls is Article}
    return cls(**values)


def _default(f):
    if f.default is not dataclasses.MISSING:
        return f.default
    if f.default_factory is not dataclasses.MISSING:
        return f.default_factory()
    kind = str(f.type)
    if "Figure" in kind:
        return Figure(1.0, "1", "dead", "killed", "One dead.", (0, 3))
    return 1 if "int" in kind or "float" in kind else (0, 1) if "Span" in kind else "x"


def test_json_output_is_byte_for_byte_what_the_json_module_writes():
    """orjson encodes; the output must not change with the encoder (nor its fallback)."""
    from wiretrace.report import data

    result = example_result()
    out = io.StringIO()
    data.write_result_json(result, out)
    assert out.getvalue() == json.dumps(data.result_record(result), ensure_ascii=False,
                                        indent=2) + "\n"
    out = io.StringIO()
    data.write_result_jsonl(result, out)
    assert out.getvalue() == "".join(
        json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n"
        for r in data.story_records(result))
    # what orjson refuses (a lone surrogate, a non-string key) still comes out, as json writes it
    for odd in ({"text": "a\ud800b"}, {1: "x"}):
        out = io.StringIO()
        data._dump(odd, out, indent=False)
        assert out.getvalue() == json.dumps(odd, ensure_ascii=False, separators=(",", ":")) + "\n"


def test_story_numbers_agree_in_text_html_and_json():
    """The tram singleton comes first in the clustering (story-1): the ferry is story-2 in
    every format, not "Story 1" in the text because it is the first shared story."""
    import lxml.html

    result = example_result()
    result.stories[0].id, result.stories[1].id = "story-2", "story-1"
    result.stories.reverse()
    text, html, js = io.StringIO(), io.StringIO(), io.StringIO()
    render_result(result, "text", text)
    render_result(result, "html", html)
    render_result(result, "json", js)
    assert "Story 2 · 3 versions · reuse (1 of 1 shared)" in text.getvalue()
    assert "Story 1 " not in text.getvalue()
    doc = lxml.html.fromstring(html.getvalue())
    (section,) = doc.xpath('//section[@class="story"]')
    assert section.get("id") == "story-2" and section.get("data-story") == "story-2"
    assert "Story 2" in section.xpath('.//span[@class="story-id"]')[0].text_content()
    ferry = next(s for s in json.loads(js.getvalue())["stories"] if len(s["articles"]) == 3)
    assert ferry["id"] == "story-2"


def test_changed_figures_come_first_in_json():
    from report_fixtures import changed_figure_result

    result = changed_figure_result()
    pair = result.pairs[2]
    pair.conflicts.reverse()  # competing first in the model
    out = io.StringIO()
    render_result(result, "json", out)
    kinds = [c["kind"] for c in json.loads(out.getvalue())["pairs"][2]["conflicts"]]
    assert kinds == ["changed", "competing"]
    out = io.StringIO()
    render_result(result, "jsonl", out)
    record = json.loads(out.getvalue().splitlines()[0])
    assert [c["kind"] for c in record["pairs"][2]["conflicts"]] == ["changed", "competing"]


@pytest.mark.parametrize("odd", [False, True])
def test_json_document_written_item_by_item_is_one_dump_of_the_record(odd: bool) -> None:
    """The JSON document is written article by article and pair by pair; its bytes are those
    of the whole record encoded at once, also with an article orjson refuses (a lone
    surrogate) and with empty sections."""
    from wiretrace.report import data

    result = example_result()
    if odd:
        result.articles[0].text = "a\ud800b"
    for case in (result, Result(), Result(articles=result.articles)):
        out = io.StringIO()
        data.write_result_json(case, out)
        assert out.getvalue() == json.dumps(data.result_record(case), ensure_ascii=False,
                                            indent=2) + "\n"
