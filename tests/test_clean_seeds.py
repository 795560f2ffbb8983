"""The clean stage on the two reference pages in ../shared/seeds (skipped when absent)."""

from __future__ import annotations

from pathlib import Path

from wiretrace.clean import clean_text

TITLES = [
    "Iraq says defeats Daesh infiltration near Ramadi",
    "Iraq Says Defeats ISIS Infiltration Near Ramadi, Several Dead",
    "Hezbollah Says Refuses to Disarm Until Israel Withdraws from South Lebanon",
]


def _articles(seeds_dir: Path):
    arts = []
    for path in sorted(seeds_dir.glob("*.txt")):
        arts.extend(clean_text(path.read_text(encoding="utf-8"), source=str(path)))
    return arts


def test_three_articles_with_their_titles(seeds_dir: Path) -> None:
    arts = _articles(seeds_dir)
    assert [a.title for a in arts] == TITLES
    assert [a.index for a in arts] == [1, 1, 2]


def test_no_chrome_caption_or_headline_left_in_text(seeds_dir: Path) -> None:
    arts = _articles(seeds_dir)
    headlines = {a.title for a in arts}
    for art in arts:
        body_lines = set(art.paragraphs)
        assert not body_lines & headlines
        assert not body_lines & {"TT", "20", "Follow", "Updated 27 September 2017"}
        for other in arts:
            for caption in other.captions:
                assert caption not in art.text
        assert art.captions, "each seed article has a photo caption"
        assert all(len(p.split()) >= 5 for p in art.paragraphs)


def test_date_dateline_and_credits(seeds_dir: Path) -> None:
    first, second, third = _articles(seeds_dir)
    assert first.date == "2017-09-27"
    assert second.date is None and third.date is None  # caption dates are not publication dates
    assert first.dateline == "RAMADI, Iraq"
    assert first.paragraphs[0].startswith("RAMADI, Iraq:")
    assert "AFP" in first.credits
    assert "AFP" in second.credits and "Reuters" in second.credits
    assert "AFP" in third.credits
