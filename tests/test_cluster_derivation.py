"""Derivation links: each version of a family linked to its closest source, graded."""

from __future__ import annotations

import json

from benchmarks.burst import burst

from wiretrace.cli import main
from wiretrace.cluster import derivation_links
from wiretrace.cluster.families import WHOLLY
from wiretrace.model import Article, Document, Pair, Passage, Story
from wiretrace.pipeline import compare_documents
from wiretrace.run import Options


def art(aid: str, date: str | None, length: int = 1000) -> Article:
    return Article(id=aid, source=aid, index=1, date=date, text="x" * length)


def reuse(a: str, b: str, fa: float, fb: float, spans: list[tuple[tuple[int, int],
          tuple[int, int]]] = ()) -> Pair:
    return Pair(a=a, b=b, relation="reuse", shared_fraction_a=fa, shared_fraction_b=fb,
                passages=[Passage(a=x, b=y) for x, y in spans])


def links(pairs: list[Pair]) -> set[tuple[str, str, str]]:
    """(source, derived, grade) of the links among ``pairs``."""
    return {(p.source, p.b if p.source == p.a else p.a, p.link) for p in pairs if p.link}


def test_each_version_links_to_the_earliest_source_it_shares_most_with() -> None:
    arts = [art("late", "2024-05-03"), art("wire", "2024-05-01"), art("mid", "2024-05-02"),
            art("digest", "2024-05-04", 3000)]
    pairs = [reuse("late", "wire", 0.95, 0.95), reuse("late", "mid", 0.99, 0.99),
             reuse("wire", "mid", 0.97, 0.97), reuse("wire", "digest", 0.3, 0.1)]
    out = derivation_links(arts, pairs)
    assert links(out) == {("wire", "mid", "wholly"), ("mid", "late", "wholly"),
                          ("wire", "digest", "partially")}
    assert len(out) == 3  # the pair late-wire follows from the links (no passages beyond)
    first = next(p for p in out if {p.a, p.b} == {"wire", "digest"})
    assert (first.date_a, first.date_b) == ("2024-05-01", "2024-05-04")


def test_grade_is_the_share_of_the_derived_text_its_source_covers() -> None:
    arts = [art("s", "2024-01-01"), art("w", "2024-01-02"), art("p", "2024-01-03")]
    pairs = [reuse("s", "w", 0.9, WHOLLY), reuse("s", "p", 0.9, WHOLLY - 0.01)]
    assert links(derivation_links(arts, pairs)) == {("s", "w", "wholly"),
                                                   ("s", "p", "partially")}


def test_a_version_found_against_later_copies_only_still_joins_its_family() -> None:
    # "early" has no partner dated before it; "base" and "early" meet through "copy" only
    arts = [art("copy", "2024-01-03"), art("base", "2024-01-01"), art("early", "2024-01-02")]
    pairs = [reuse("copy", "base", 1.0, 1.0), reuse("copy", "early", 0.9, 0.9)]
    out = derivation_links(arts, pairs)
    assert links(out) == {("base", "copy", "wholly"), ("early", "copy", "wholly")}


def test_a_pair_whose_text_the_links_do_not_share_is_kept() -> None:
    # a carries the wire's first half and a paragraph of its own (a's chars 400..600); b
    # carries the whole wire story and took a's paragraph too, which neither shares with
    # the wire, their link partner
    arts = [art("wire", "2024-01-01", 800), art("a", "2024-01-02", 600),
            art("b", "2024-01-03", 1000)]
    wire_a = reuse("wire", "a", 0.5, 0.67, [((0, 400), (0, 400))])
    wire_b = reuse("wire", "b", 1.0, 0.8, [((0, 800), (0, 800))])
    a_b = reuse("a", "b", 1.0, 0.6, [((0, 400), (0, 400)), ((400, 600), (800, 1000))])
    out = derivation_links(arts, [wire_a, wire_b, a_b])
    assert out == [wire_a, wire_b, a_b] and a_b.link is None
    assert links(out) == {("wire", "a", "partially"), ("wire", "b", "wholly")}
    plain = reuse("a", "b", 0.67, 0.4, [((0, 400), (0, 400))])  # only the wire's text
    assert derivation_links(arts, [wire_a, wire_b, plain]) == [wire_a, wire_b]


def test_all_pairs_lists_every_pair_and_marks_the_links() -> None:
    arts = [art("a", "2024-01-01"), art("b", "2024-01-02"), art("c", "2024-01-03")]
    pairs = [reuse("a", "b", 1.0, 1.0), reuse("a", "c", 1.0, 1.0), reuse("b", "c", 1.0, 1.0)]
    out = derivation_links(arts, pairs, all_pairs=True)
    assert out == pairs and sum(p.link is not None for p in out) == 2


def test_same_event_pairs_pass_unchanged() -> None:
    arts = [art("a", None), art("b", None)]
    pair = Pair(a="a", b="b", relation="same-event")
    assert derivation_links(arts, [pair]) == [pair] and pair.link is None


def test_undated_versions_take_the_one_sharing_most_both_ways_as_base() -> None:
    # "orig" is covered by each copy and covers each copy; "added" has its own paragraph,
    # "cut" lacks one: neither is the source of the other two
    arts = [art("added", None, 1100), art("cut", None, 900), art("orig", None)]
    pairs = [reuse("added", "cut", 0.82, 1.0), reuse("added", "orig", 0.9, 1.0),
             reuse("cut", "orig", 1.0, 0.9)]
    assert {p.source for p in derivation_links(arts, pairs)} == {"orig"}


def documents(n: int) -> list[Document]:
    return [Document(source=r["id"], text=r["text"], format="text", date=r["date"],
                     outlet=r["outlet"], url=r["url"]) for r in burst(n)]


def test_the_pipeline_lists_links_by_default_and_every_pair_on_request() -> None:
    linked = compare_documents(documents(8), Options(quiet=True, explain=False))
    every = compare_documents(documents(8), Options(quiet=True, explain=False, all_pairs=True))
    assert len(linked.stories) == len(every.stories) == 1
    assert linked.stories[0].families == every.stories[0].families
    assert len(linked.pairs) == 7 and all(p.link for p in linked.pairs)
    assert len(every.pairs) == 8 * 7 // 2 and sum(p.link is not None for p in every.pairs) == 7
    fractions = {(p.a, p.b): (p.shared_fraction_a, p.shared_fraction_b) for p in every.pairs}
    assert all(fractions[p.a, p.b] == (p.shared_fraction_a, p.shared_fraction_b)
               for p in linked.pairs)


def test_the_all_pairs_flag_of_the_command(tmp_path, capsys) -> None:
    dump = tmp_path / "burst.jsonl"
    dump.write_text("".join(json.dumps(r) + "\n" for r in burst(6)), encoding="utf-8")
    counts = []
    for flags in ([], ["--all-pairs"]):
        assert main(["compare", str(dump), "--format", "json", "--no-explain", "-q",
                     *flags]) == 0
        pairs = json.loads(capsys.readouterr().out)["pairs"]
        assert sum(p["link"] in ("wholly", "partially") for p in pairs) == 5
        assert all(p["date_a"] and p["date_b"] for p in pairs)
        counts.append(len(pairs))
    assert counts == [5, 15]


def test_stories_get_the_root_of_each_family() -> None:
    arts = [art("copy", "2024-01-03"), art("base", "2024-01-01"), art("alone", None)]
    stories = [Story(id="s1", articles=["copy", "base"], families=[["copy", "base"]]),
               Story(id="s2", articles=["alone"], families=[["alone"]])]
    derivation_links(arts, [reuse("copy", "base", 1.0, 1.0)], stories=stories)
    assert [s.roots for s in stories] == [["base"], ["alone"]]
