"""One story carried by hundreds or thousands of outlets (a wire burst): every copy is found
and lands in one story, from a number of candidate pairs linear in the copies."""

from __future__ import annotations

import numpy as np
import pytest
from benchmarks.burst import burst

from wiretrace.cluster import component_labels
from wiretrace.index import find_candidates
from wiretrace.model import Document
from wiretrace.pipeline import compare_documents
from wiretrace.run import Options
from wiretrace.text import tokenize_many


@pytest.mark.parametrize("n", [250, 1000, 2000])
def test_every_copy_of_a_burst_is_one_family_with_linear_candidates(n: int) -> None:
    found = find_candidates(tokenize_many([r["text"] for r in burst(n)]))
    i = np.array([c.i for c in found])
    j = np.array([c.j for c in found])
    labels = component_labels(n, i, j)
    assert set(labels.tolist()) == {0}  # nothing left out, however many copies
    assert len(found) < 100 * n  # a star per big bucket, not n^2 / 2 pairs


def test_all_pairs_finds_every_pair_of_a_small_burst() -> None:
    tokens = tokenize_many([r["text"] for r in burst(60)])
    every = find_candidates(tokens, all_pairs=True)
    assert len(every) == 60 * 59 // 2
    assert len(find_candidates(tokens)) < len(every)


def test_a_burst_of_250_copies_is_one_story() -> None:
    documents = [Document(source=r["id"], text=r["text"], format="text", date=r["date"],
                          outlet=r["outlet"], url=r["url"]) for r in burst(250)]
    result = compare_documents(documents, Options(quiet=True, explain=False))
    assert len(result.stories) == 1
    assert len(result.stories[0].articles) == 250 and len(result.stories[0].families) == 1


def test_the_explained_base_is_the_root_of_the_derivation_links() -> None:
    documents = [Document(source=r["id"], text=r["text"], format="text", date=r["date"],
                          outlet=r["outlet"], url=r["url"]) for r in burst(40)]
    result = compare_documents(documents, Options(quiet=True))
    [story] = result.stories
    assert story.base == story.roots[0]
    sources = {p.a if p.source == p.a else p.b for p in result.pairs if p.link}
    assert story.base in sources  # the links start from the base the explanations use


def test_reports_of_a_wide_story_list_each_version_against_its_source() -> None:
    import io
    import re

    from wiretrace.report.html import render_html
    from wiretrace.report.text import render_result_text

    documents = [Document(source=r["id"], text=r["text"], format="text", date=r["date"],
                          outlet=r["outlet"], url=r["url"]) for r in burst(12)]
    result = compare_documents(documents, Options(quiet=True))
    links = [p for p in result.pairs if p.link in ("wholly", "partially")]
    assert len(links) == 11  # a tree over the 12 versions
    text = io.StringIO()
    render_result_text(result, text, color=False)
    rows = re.findall(r"^ (\S+→\S+)\s+reuse · (wholly|partially)", text.getvalue(), re.M)
    assert len(rows) == 11 and "Each version against its source" in text.getvalue()
    page = io.StringIO()
    render_html(result, page)
    assert page.getvalue().count("reuse · wholly") + page.getvalue().count(
        "reuse · partially") == 11
