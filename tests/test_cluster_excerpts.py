"""A roundup carrying a few paragraphs of other stories joins none of them: excerpt links."""

from __future__ import annotations

import numpy as np
from benchmarks.synthetic import _edit_words, _Writer

from wiretrace.model import Document, Result
from wiretrace.pipeline import compare_documents
from wiretrace.run import Options


def stories() -> tuple[list[str], list[str], list[str]]:
    w = _Writer(np.random.default_rng(7))
    fire = w.paragraphs([w.name(), w.name()], 10, 11)
    checkup = w.paragraphs([w.name(), w.name()], 10, 11)
    own = w.paragraphs([w.name()], 8, 9)
    return fire, checkup, own


def run(pages: dict[str, list[str]]) -> Result:
    w = _Writer(np.random.default_rng(3))
    docs = [Document(source=name, text="\n\n".join(_edit_words(w, p, 0.01, {}) for p in paras),
                     format="text", date="2024-06-0" + str(k % 3 + 1), outlet=name)
            for k, (name, paras) in enumerate(pages.items())]
    return compare_documents(docs, Options(quiet=True))


def story_of(result: Result) -> dict[str, str]:
    return {aid.split("#")[0]: s.id for s in result.stories for aid in s.articles}


def test_a_roundup_of_two_stories_joins_neither_and_links_both_as_excerpts() -> None:
    fire, checkup, own = stories()
    roundup = own[:3] + fire[2:5] + own[3:5] + checkup[6:9] + own[5:]
    result = run({"fire1": fire, "fire2": fire[:9], "check1": checkup, "check2": checkup[1:],
                  "roundup": roundup})
    where = story_of(result)
    assert where["fire1"] == where["fire2"] and where["check1"] == where["check2"]
    assert len({where["fire1"], where["check1"], where["roundup"]}) == 3
    excerpts = [p for p in result.pairs if p.relation == "excerpt"]
    assert excerpts and all(p.link == "excerpt" for p in excerpts)
    quoted = {(p.a if p.source == p.a else p.b).split("#")[0] for p in excerpts}
    carriers = {(p.b if p.source == p.a else p.a).split("#")[0] for p in excerpts}
    assert carriers == {"roundup"} and {"fire1", "check1"} <= quoted | {"fire2", "check2"}
    assert {q[:4] for q in quoted} == {"fire", "chec"}


def test_a_page_mostly_one_story_joins_it_and_excerpts_the_other() -> None:
    fire, checkup, _ = stories()
    page = fire[:3] + checkup[:9]  # three paragraphs of the fire story, nine of the check-up
    result = run({"fire1": fire, "fire2": fire[1:], "check1": checkup, "check2": checkup[:8],
                  "page": page})
    where = story_of(result)
    assert where["page"] == where["check1"] == where["check2"] != where["fire1"]
    excerpts = [p for p in result.pairs if p.relation == "excerpt"]
    assert excerpts and all("page" in (p.a + p.b) for p in excerpts)
    assert all((p.source or "").startswith("fire") for p in excerpts)


def test_paragraphs_glued_into_a_text_of_its_own_stay_reuse() -> None:
    fire, _, own = stories()
    glued = own[:4] + fire[3:6] + own[4:]  # one story quoted, nothing else reused
    result = run({"fire1": fire, "fire2": fire[:8], "glued": glued})
    where = story_of(result)
    assert where["glued"] == where["fire1"] == where["fire2"]
    assert not [p for p in result.pairs if p.relation == "excerpt"]


def test_an_excerpt_is_listed_once_with_the_carrying_page_in_every_output() -> None:
    from wiretrace.report.data import result_record, story_records

    fire, checkup, own = stories()
    roundup = own[:3] + fire[2:5] + own[3:5] + checkup[6:9] + own[5:]
    result = run({"fire1": fire, "fire2": fire[:9], "check1": checkup, "check2": checkup[1:],
                  "roundup": roundup})
    where = story_of(result)
    records = list(story_records(result))
    listed = [(r["story"]["id"], p) for r in records for p in r["pairs"]]
    assert len(listed) == len(result.pairs)  # nothing dropped from the JSON Lines output
    excerpts = [(sid, p) for sid, p in listed if p["relation"] == "excerpt"]
    assert excerpts and all(sid == p["story"] == where["roundup"] for sid, p in excerpts)
    document = result_record(result)
    assert [p["story"] for p in document["pairs"] if p["relation"] == "excerpt"] == [
        where["roundup"]] * len(excerpts)


def excerpt_ends(result: Result) -> set[tuple[str, str]]:
    """The (carrier, quoted story) of each excerpt pair: page name, and the quoted page's
    story name (its name without the copy number)."""
    return {((p.b if p.source == p.a else p.a).split("#")[0],
             (p.source or "").split("#")[0].rstrip("0123456789"))
            for p in result.pairs if p.relation == "excerpt"}


def test_a_syndicated_roundup_joins_neither_story_with_its_reprint() -> None:
    fire, checkup, own = stories()
    roundup = own[:3] + fire[2:5] + own[3:5] + checkup[6:9] + own[5:]
    result = run({"fire1": fire, "fire2": fire[:9], "check1": checkup, "check2": checkup[1:],
                  "roundup": roundup, "roundup2": roundup[:-1]})
    where = story_of(result)
    assert where["fire1"] == where["fire2"] and where["check1"] == where["check2"]
    assert where["roundup"] == where["roundup2"]
    assert len({where["fire1"], where["check1"], where["roundup"]}) == 3
    assert {carrier[:7] for carrier, _ in excerpt_ends(result)} == {"roundup"}
    assert {story for _, story in excerpt_ends(result)} == {"fire", "check"}


def _three_stories() -> tuple[dict[str, list[str]], list[str]]:
    """Three stories in two copies each, and a roundup quoting a part of each."""
    fire, checkup, own = stories()
    w = _Writer(np.random.default_rng(11))
    vote = w.paragraphs([w.name(), w.name()], 10, 11)
    roundup = (own[:2] + fire[2:5] + own[2:4] + checkup[6:9] + own[4:6] + vote[1:4]
               + own[6:])
    return ({"fire1": fire, "fire2": fire[:9], "check1": checkup, "check2": checkup[1:],
             "vote1": vote, "vote2": vote[:-1], "roundup": roundup}, roundup)


def test_a_syndicated_roundup_of_three_stories_links_all_three() -> None:
    pages, roundup = _three_stories()
    result = run({**pages, "roundup2": roundup[1:], "roundup3": roundup[:-1]})
    where = story_of(result)
    assert len({where[name] for name in ("roundup", "roundup2", "roundup3")}) == 1
    assert len({where["fire1"], where["check1"], where["vote1"], where["roundup"]}) == 4
    assert all(where[s + "1"] == where[s + "2"] for s in ("fire", "check", "vote"))
    assert {story for _, story in excerpt_ends(result)} == {"fire", "check", "vote"}
    assert {carrier[:7] for carrier, _ in excerpt_ends(result)} == {"roundup"}


def test_a_lone_roundup_of_three_stories_links_all_three() -> None:
    pages, _ = _three_stories()
    result = run(pages)
    where = story_of(result)
    assert len({where["fire1"], where["check1"], where["vote1"], where["roundup"]}) == 4
    assert {story for _, story in excerpt_ends(result)} == {"fire", "check", "vote"}


def test_an_original_quoted_by_two_longer_syndicated_pages_joins_them() -> None:
    fire, _, own = stories()
    w = _Writer(np.random.default_rng(13))
    mine, other = w.paragraphs([w.name()], 12, 13), w.paragraphs([w.name()], 12, 13)
    page = mine[:3] + fire[1:4] + mine[3:]  # each page quotes its own paragraphs of the fire
    post = other[:5] + fire[6:9] + other[5:]
    result = run({"fire1": fire, "fire2": fire[:9], "page1": page, "page2": page[:-1],
                  "post1": post, "post2": post[1:]})
    where = story_of(result)
    assert len(set(where.values())) == 1
    assert not excerpt_ends(result)


def test_a_cut_copy_of_a_syndicated_roundup_joins_neither_story() -> None:
    fire, checkup, own = stories()
    roundup = own[:3] + fire[2:5] + own[3:5] + checkup[6:9] + own[5:]
    # the cut copy holds only the fire part, as a larger share of it than of the fire story
    result = run({"fire1": fire, "fire2": fire[:9], "check1": checkup, "check2": checkup[1:],
                  "roundup": roundup, "roundup2": roundup[:-1], "roundup3": roundup[:8]})
    where = story_of(result)
    assert where["roundup"] == where["roundup2"] == where["roundup3"]
    assert len({where["fire1"], where["check1"], where["roundup"]}) == 3
    assert {carrier[:7] for carrier, _ in excerpt_ends(result)} == {"roundup"}
    assert {story for _, story in excerpt_ends(result)} == {"fire", "check"}
