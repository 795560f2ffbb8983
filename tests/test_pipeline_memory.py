"""The pipeline's memory bounds: what it keeps for the explaining stage."""

from __future__ import annotations

from wiretrace.model import Article, Pair, Result, Story
from wiretrace.pipeline import _explained_tokens
from wiretrace.text import text_batch, tokenize

TEXTS = [
    "The harbour board met on Tuesday. It weighed the plan for the quay.",
    "A lone story about a village fete, with cakes and a brass band.",
    "The harbour board met on Tuesday; engineers spoke about the wall.",
    "Storm warnings closed the northern road for a day.",
    "Storm warnings closed the northern road, police said.",
]


def test_explaining_keeps_the_tokens_of_the_explained_articles_only() -> None:
    articles = [Article(id=f"a{k}", source="x", index=1, text=t) for k, t in enumerate(TEXTS)]
    result = Result(
        articles=articles,
        stories=[Story("s1", ["a0", "a2"]), Story("s2", ["a1"])],
        pairs=[Pair(a="a0", b="a2", relation="reuse"),
               Pair(a="a3", b="a4", relation="same-event")],
    )
    columns = list(text_batch(TEXTS))
    kept = _explained_tokens(result, columns)
    assert sorted(kept) == ["a0", "a2"] and columns == []  # the batch's arrays let go
    for aid, toks in kept.items():
        want = tokenize(TEXTS[int(aid[1:])])
        assert toks.ids.tolist() == want.ids.tolist()
        assert toks.starts.tolist() == want.starts.tolist()
        assert toks.ends.tolist() == want.ends.tolist()
