"""Property tests of the cleaner: no crash, no invented text, every line accounted for once."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from wiretrace.clean import clean_batch, clean_document, clean_text
from wiretrace.model import Document

# Lines drawn from chrome, captions, headlines and body text, in several scripts, so the
# interesting paths (titles, repeats, captions, splits) are exercised, plus arbitrary text.
PIECES = [
    "Follow", "Share", "TT", "20", "Teilen", "مشاركة", "Updated 27 September 2017",
    "Storm hits coast", "Second story begins here",
    "Rescuers search a street on Feb. 12, 2016. (Photo by J. Doe / AFP)",
    "PORTO, Portugal: A storm hit the coast on Monday, officials told AFP, and more.",
    "But Reuters said at least nine people were missing after the storm on Monday night.",
    "Die Behörden meldeten am Dienstag mehrere Vermisste in den Bergdörfern der Region.",
    "قال مسؤولون إن الفيضانات عزلت عشرات القرى الجبلية يوم الثلاثاء",
    "More from Example News", "Jane Doe is a reporter for Example News.", "", "  ", "\t",
]
line = st.one_of(st.sampled_from(PIECES), st.text(max_size=60))
pages = st.lists(line, max_size=40).map("\n".join)


def _outputs(articles) -> Counter[str]:
    out: Counter[str] = Counter()
    for art in articles:
        # A title taken from the document metadata is not an input line; clean_text gives none.
        if art.title is not None:
            out[art.title] += 1
        out.update(art.paragraphs + art.captions + art.removed)
    return out


@settings(max_examples=300, deadline=None)
@given(pages)
def test_never_crashes_invents_nor_loses_a_line(text: str) -> None:
    articles = clean_text(text, source="prop.txt")
    lines = text.splitlines()
    allowed = set(lines) | {raw.strip() for raw in lines}
    out = _outputs(articles)
    assert set(out) <= allowed, "an output entry is not a line of the input"
    expected = Counter(raw.strip() for raw in lines if raw.strip())
    assert out == expected, "every non-blank line must land exactly once"
    for index, art in enumerate(articles, start=1):
        assert art.index == index and art.id == f"prop.txt#{index}"
        assert art.text == "\n\n".join(art.paragraphs)
        assert len(set(art.credits)) == len(art.credits)
        assert art.date is None or len(art.date) == 10


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_is_handled(text: str) -> None:
    articles = clean_text(text)
    expected = Counter(raw.strip() for raw in text.splitlines() if raw.strip())
    assert _outputs(articles) == expected


@settings(max_examples=100, deadline=None)
@given(st.lists(pages, max_size=6))
def test_cleaning_a_batch_is_cleaning_each_document(texts: list[str]) -> None:
    docs = [Document(source=f"p{k}.txt", text=t, format="text") for k, t in enumerate(texts)]
    batch = clean_batch(docs)
    assert [[a.__dict__ for a in arts] for arts in batch] == [
        [a.__dict__ for a in clean_document(doc)] for doc in docs]
