"""The compiled line scan gives what Python's string methods give, on every path through it.

The scan (``_text_kernels.py``) reads a page eight bytes at a time while they are printable ASCII or single
spaces, byte by byte otherwise; agency literals are looked for with a two-byte filter in the
first case, a byte table in the second. The generated pages mix both (odd whitespace, line
separators, multi-byte characters, lone surrogates, control bytes) and shift every piece by
0-7 bytes so literals, breaks and wide characters fall at every position of a block.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from wiretrace._text_kernels import TABLE_SIZE
from wiretrace.clean import credits
from wiretrace.clean.credits import literal_openings
from wiretrace.clean.tagging import PageLines, edge_table, scan_lines, scan_pages
from wiretrace.vocabulary import AGENCIES

LITERALS = literal_openings([p for _, p in AGENCIES])
_SPACES = ["\u00a0", "\u2009", "\u3000", "\u2028", "\x1f", "\x85", "\t", "  ", " ", "\r\n",
           "\r", "\n", "\n\n", "\x0b", "\x1c", "😀", "\ud800", "\x00", "\x7f", "é"]
_PLAIN = ["Officials said the storm had cut roads", "abcdefg", "x" * 9, "~!#", "AFP", "dpa",
          "Reuters", "ÁFP", "AFPX", "CAPE", "dp", "A", "P", "Getty Images", "Press Association",
          "dpa-Meldung", "(", ")", "[", "]", "By", "bei", "ب", "Zuma Press", "Kyodo", "PA Media"]
_PIECE = st.one_of(st.sampled_from(_PLAIN), st.sampled_from(_SPACES),
                   st.text(st.characters(codec="utf-8"), max_size=5))
PAGES = st.tuples(st.integers(0, 7), st.lists(_PIECE, max_size=30)).map(
    lambda t: "a" * t[0] + "".join(t[1]))
EDGE_OPENERS, EDGE_CLOSERS = "bBpب", ")]"


def _scan_by_definition(text: str, max_chars: int, max_words: int) -> PageLines:
    """``scan_lines`` from Python's own string methods."""
    out = PageLines([], [], [], [], [], [], [])
    gap, pos = 0, 0
    for raw in text.splitlines(keepends=True):
        body = raw.splitlines()[0]
        line = body.strip()
        if not line:
            gap += 1
        else:
            k = len(out.starts)
            start = pos + len(body) - len(body.lstrip())
            out.starts.append(start)
            out.ends.append(start + len(line))
            out.gaps.append(gap)
            out.words.append(len(line.split()))
            out.named.append(int(any(x in line for x in LITERALS)))
            if not (line.isascii() and line == " ".join(line.split())):
                out.irregular.append(k)
            if (len(line) <= max_chars or len(line.split()) <= max_words
                    or line[0] in EDGE_OPENERS or line[-1] in EDGE_CLOSERS):
                out.flagged.append(k)
            gap = 0
        pos += len(raw)
    return out


@settings(max_examples=1500, deadline=None)
@given(PAGES, st.integers(-1, 40), st.integers(-1, 6))
def test_line_scan_is_splitlines_strip_and_split(text: str, max_chars: int, max_words: int) -> None:
    page = scan_lines(text, max_chars, max_words, edge_table(EDGE_OPENERS, EDGE_CLOSERS))
    assert page == _scan_by_definition(text, max_chars, max_words)
    for start, end, named in zip(page.starts, page.ends, page.named, strict=True):
        line = text[start:end]
        if credits.ANY_AGENCY.search(line) or any(p.search(line) for _, p in AGENCIES):
            assert named, line


@settings(max_examples=300, deadline=None)
@given(st.lists(PAGES, max_size=12), st.integers(-1, 40), st.integers(-1, 6))
def test_a_batch_scan_is_the_scan_of_each_page(texts: list[str], max_chars: int,
                                               max_words: int) -> None:
    # pages end to end: a page's end, padding or literal test must not see the next page
    edges = edge_table(EDGE_OPENERS, EDGE_CLOSERS)
    assert scan_pages(texts, max_chars, max_words, edges) == [
        _scan_by_definition(t, max_chars, max_words) for t in texts]


def test_line_scan_on_known_pages() -> None:
    assert scan_lines("") == PageLines([], [], [], [], [], [], [])
    page = scan_lines("  Share\r\n\nRain  fell.  Roads shut\n", 5)
    assert page == PageLines([2, 10], [7, 33], [0, 1], [1, 4], [0, 0], [1], [0])
    # a literal across a block boundary, and one in the last bytes of the page
    assert scan_lines("x" * 6 + "AFP said\n" + "y" * 13 + " dpa").named == [1, 1]
    assert scan_lines("x" * 7 + "AF\nP and d\npa").named == [0, 0, 0]


def test_line_scan_tables_cover_every_space_and_break() -> None:
    for c in range(TABLE_SIZE, 0x110000):
        ch = chr(c)
        assert not ch.isspace() and len(f"a{ch}b".splitlines()) == 1, hex(c)
