"""Span highlighting for the HTML report: runs never add, drop or reorder text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from wiretrace.report.highlights import Mark, find_sentence, find_term, segment

KINDS = ["shared", "added", "cut", "conflict", "swap", "figure"]


def _joined(paragraphs) -> str:
    return "\n\n".join("".join(r.text for r in p.runs) for p in paragraphs)


@st.composite
def text_and_marks(draw, alphabet: str = "ab Ωß日\n.,"):
    text = draw(st.text(alphabet=st.sampled_from(alphabet), max_size=80))
    n = len(text)
    marks = []
    for _ in range(draw(st.integers(0, 8))):
        s = draw(st.integers(0, n))
        e = draw(st.integers(0, n + 3))
        marks.append(Mark(s, e, draw(st.sampled_from(KINDS)), note="n", group="g"))
    return text, marks


@given(text_and_marks())
def test_runs_rebuild_the_text_exactly(case):
    text, marks = case
    assert _joined(segment(text, marks)) == text


@given(text_and_marks(alphabet="ab Ωß日.,"))
def test_inline_marks_are_never_split_and_never_overlap(case):
    """Within a paragraph (marks never cross paragraphs in practice)."""
    text, marks = case
    runs = [r for p in segment(text, marks) for r in p.runs]
    pieces: dict[tuple[int, int], str] = {}
    for run in runs:
        if run.inline is not None:
            key = (run.inline.start, run.inline.end)
            pieces[key] = pieces.get(key, "") + run.text
    for (s, e), got in pieces.items():
        assert got == text[s:e]
    spans = sorted(pieces)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))


def test_layers_stack_and_inline_mark_keeps_its_note():
    text = "The harbour was shut.\n\nFerries resumed on Friday."
    marks = [
        Mark(4, 11, "swap", note="B: harbor", group="t0"),
        Mark(0, 21, "shared"),
        Mark(8, 21, "added", note="only A"),  # starts inside the swap: snapped to its end
    ]
    paras = segment(text, marks)
    assert len(paras) == 2
    first = paras[0].runs
    assert [r.text for r in first] == ["The ", "harbour", " was shut."]
    assert first[1].inline.note == "B: harbor" and first[1].inline.group == "t0"
    assert first[2].kinds == ("added", "shared") and first[2].notes == ("only A",)
    assert paras[0].kinds == ("shared",)
    assert paras[1].runs[0].kinds == () and paras[1].kinds == ()


def test_first_inline_mark_wins_an_overlap():
    text = "at least nine people were dead"
    paras = segment(text, [Mark(0, 13, "figure", "f"), Mark(9, 20, "swap", "s")])
    inline = [r.inline.kind for r in paras[0].runs if r.inline]
    assert inline == ["figure"]


def test_find_sentence_tolerates_whitespace_changes():
    text = "First one.\n\nSecond   sentence\nhere. Third."
    assert find_sentence(text, "Second sentence here.") == (12, 35)
    assert find_sentence(text, "First one.") == (0, 10)
    assert find_sentence(text, "Missing.") is None
    assert find_sentence(text, "  ") is None


def test_find_term_whole_words_case_sensitive_unicode():
    text = "Harbour, harbour-side and harbours; the harbour. Die Straße, Hauptstraße. الدولة"
    assert find_term(text, "harbour") == [(9, 16), (40, 47)]
    assert find_term(text, "Straße") == [(53, 59)]
    assert find_term(text, "الدولة") == [(74, 80)]
    assert find_term("the island\nchain", "island chain") == [(4, 16)]
    assert find_term("anything", "") == []


def test_find_term_any_apostrophe():
    text = "against the terrorist group’s last bastion and the group's base"
    assert find_term(text, "the terrorist group's") == [(8, 29)]
    assert find_term(text, "group’s") == [(22, 29), (51, 58)]
