"""The clean stage's fast paths give exactly what the plain definitions give.

The cleaner runs on every line of every page, so its hot spots take shortcuts: an ASCII path
in ``normalise``, a cached character table in ``normalise_ui``, one union scan before the
per-agency patterns, one alternation instead of a loop over line patterns, a cheap test before
the caption-tail regex. Each shortcut must be invisible; these properties compare it with the
straightforward definition on generated text rich in the characters that make them differ
(typographic quotes, dashes, non-breaking and odd spaces, combining marks, compatibility
characters, case-folding specials, agency names inside longer words).
"""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wiretrace.clean import clean_text, credits
from wiretrace.clean import tagging as chrome
from wiretrace.clean.credits import literal_openings
from wiretrace.clean.lines import find_dateline, normalise, normalise_ui
from wiretrace.clean.tagging import scan_lines, tag_lines, tag_page
from wiretrace.vocabulary import (
    AGENCIES,
    CREDIT_LINE_PATTERNS,
    PROMO_NOUN,
    PROMO_NOUN_CORES,
    SECTION_END,
    SECTION_END_MAX_CHARS,
    SECTION_END_PHRASES,
    UI_PATTERNS,
)

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"',
                         "«": '"', "»": '"', "–": "-", "—": "-"})

TOKENS = [
    "AFP", "AFPX", "Reuters", "REUTERS", "AP", "CAPE", "EPA-EFE", "EFE", "dpa", "DPA", "Getty",
    "Getty Images", "RIA", "SYRIA", "Press Association", "PA Media", "Zuma Press", "told",
    "said", "according to", "(AFP)", "— Reuters", "Photo by", "Photo:", "Share", "Read more:",
    "Subscribe", "newsletter", "inbox", "Follow", "1.2K", "20", "Updated", "©", "(c)", "/",
    "(", ")", "[", "]", "ſ", "K", "ß", "İ", "ﬁ", "½", "e\u0301", "\u00a0", "\u2009", "\u3000",
    "\u037a", "¨", "’", "“", "”", "«", "»", "–", "—", "„", "Über", "Ärzte", "مشاركة", "Мне",
    "\t", "  ", "-", "'", "…", ".", ",", ":", "|",
]
_ALPHABET = st.characters(codec="utf-8", exclude_categories=("Cs",))
_PIECE = st.one_of(st.sampled_from(TOKENS), st.text(_ALPHABET, max_size=6))
TEXT = st.lists(_PIECE, max_size=14).map(" ".join)
LINE = TEXT.map(str.strip)
# Long lines that only just miss or hit each guard of the tagger's fast lane.
_PROSE = "Officials said the storm had cut roads to the villages north of the town " * 3
PAGE_LINES = [
    _PROSE, _PROSE + "(AFP)", _PROSE + "[Photo: Getty Images]", "By " + _PROSE, "par " + _PROSE,
    "Photo: " + _PROSE[:150], "x" * 170, " ".join(["word"] * 15) + " " + "y" * 100,
    "Updated 27 September 2017 " + "z" * 140, "More from Example News:",
]


def _normalise_ref(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().translate(_QUOTES).split())


def _normalise_ui_ref(text: str) -> str:
    kept = [
        ch if unicodedata.category(ch)[0] in "LNZ" or ch in "-'" else " "
        for ch in unicodedata.normalize("NFKC", text).casefold()
    ]
    return " ".join("".join(kept).split()).strip("-' ")


def _mentions_ref(text: str, table: list[tuple[str, re.Pattern[str]]]) -> list[str]:
    found = sorted((m.start(), name) for name, p in table if (m := p.search(text)))
    return [name for _, name in found]


_ATTRIBUTIONS_REF = [(name, pattern) for name, _, pattern in credits._ATTRIBUTIONS]
_TAIL_REF = re.compile(r"[(\[]([^()\[\]]{2,90})[)\]]\s*$")


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_normalise_matches_its_definition(text: str) -> None:
    assert normalise(text) == _normalise_ref(text)
    assert normalise_ui(text) == _normalise_ui_ref(text)


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_agency_literals_find_what_each_pattern_finds(text: str) -> None:
    assert credits.names_agency(text) == any(p.search(text) for _, p in AGENCIES)
    body, credit = credits.Credits(), credits.Credits()
    body.add_body_text(text)
    credit.add_credit_text(text)
    assert body.names == _mentions_ref(text, _ATTRIBUTIONS_REF)
    assert credit.names == _mentions_ref(text, list(AGENCIES))


@settings(max_examples=400, deadline=None)
@given(LINE)
def test_line_patterns_and_caption_tail_match_their_definitions(line: str) -> None:
    assert (chrome._UI_PATTERN.match(line) is not None) == any(p.match(line) for p in UI_PATTERNS)
    assert (chrome._CREDIT_LINE.match(line) is not None) == any(
        p.match(line) for p in CREDIT_LINE_PATTERNS
    )
    m = _TAIL_REF.search(line)
    tail = credits.credit_tail(line)
    assert tail is None or (m is not None and tail == m.group(1).strip())
    if m and (credits.names_agency(m.group(1)) or credits._PHOTO_WORD.search(m.group(1))):
        assert tail == m.group(1).strip()


def test_fast_paths_on_known_cases() -> None:
    assert normalise("“Storm”  hits\u00a0COAST – live") == '"storm" hits coast - live'
    assert normalise("Straße ﬁnal") == "strasse final"
    assert normalise_ui("Share »") == "share" and normalise_ui("•") == ""
    c = credits.Credits()
    c.add_body_text("Officials in SYRIA told CAPE reporters, the EPA-EFE photo shows (AFP)")
    assert c.names == ["AFP"]
    assert credits.credit_tail("Troops patrol a road. (Photo by Jane Roe/AFP) ") == (
        "Photo by Jane Roe/AFP"
    )
    assert credits.credit_tail("Soldiers patrol (near the border) today.") is None


def test_every_agency_passes_the_union_scan() -> None:
    for name, _ in AGENCIES:
        text = f"Crowds gather (Jane Roe/{name}) as {name} said on Monday"
        assert credits.names_agency(text), name
        c = credits.Credits()
        c.add_credit_text(text)
        assert name in c.names


# --- shortcuts of the line tagger (chrome/tagging guards, agency literals; the line scan has its own
# tests) ---

def test_agency_literals_open_every_alternative() -> None:
    literals = literal_openings([p for _, p in AGENCIES])
    assert {"AFP", "Agence France", "Reuters", "dpa", "Getty", "Press Association"} <= set(
        literals
    )
    for _, pattern in AGENCIES:
        for alternative in pattern.pattern.split("|"):
            assert any(alternative.removeprefix(r"\b").startswith(x) for x in literals)
    marks = scan_lines("told AFP\nCAPE Town\nno one\nÜber dpa-Meldung").named
    assert marks == [1, 1, 0, 1]  # "CAPE" holds "AP": marked, then the patterns decide
    with pytest.raises(ValueError):
        literal_openings([re.compile(r"(?:AFP|AP)")])


def test_byline_first_chars_are_all_a_byline_can_open_with() -> None:
    head = re.compile(r"(?:by|von|por|par|بقلم)", re.IGNORECASE)
    openers = {chr(c) for c in range(0x110000) if head.match(chr(c) + "y Doe")
               or head.match(chr(c) + "on X") or head.match(chr(c) + "or X")
               or head.match(chr(c) + "ar X") or head.match(chr(c) + "قلم X")}
    assert openers <= set(chrome.BYLINE_FIRST_CHARS)


def test_every_byline_is_short_enough_for_the_tagger_to_test_it() -> None:
    # the tagger runs the chrome tests only on lines of at most CREDIT_LINE_MAX_WORDS words
    # (or short, or closing with a parenthesis): a byline is never longer
    assert chrome.BYLINE_MAX_WORDS <= chrome.CREDIT_LINE_MAX_WORDS
    names = ["Jane", "Doe", "Ann", "Lee", "Max", "Roe", "Eva", "Kim"] * 2
    for n in range(2, 17):
        line = "By" + " " * 170 + " ".join(names[: n - 1])  # too long for the length rule
        assert chrome.is_byline(line) == (n <= chrome.BYLINE_MAX_WORDS), n
        [tagged] = tag_lines(line)
        assert (tagged.tag == "byline") == (n <= chrome.BYLINE_MAX_WORDS), n


@settings(max_examples=300, deadline=None)
@given(st.from_regex(re.compile(rf"({SECTION_END_PHRASES})", re.IGNORECASE), fullmatch=True))
def test_section_end_phrases_fit_the_length_guard(phrase: str) -> None:
    assert len(phrase) <= SECTION_END_MAX_CHARS


def test_the_length_guard_is_the_longest_section_end() -> None:
    longest = "More from " + "the Example Gazette newsroom, all week long"[:39]
    assert len(longest) == SECTION_END_MAX_CHARS and SECTION_END.match(longest)
    assert not SECTION_END.match(longest + "x")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(PAGE_LINES), LINE), max_size=12))
def test_tagger_fast_lane_gives_the_tags_of_the_full_tests(lines: list[str]) -> None:
    for tagged in tag_lines("\n".join(lines)):
        full = chrome.chrome_kind(tagged.text, tagged.n_words) or (
            "caption" if credits.caption_candidate(tagged.text, tagged.n_words) else "text"
        )
        assert tagged.tag == full, tagged.text


_PROMO = st.lists(st.one_of(_PIECE, st.sampled_from(
    ["NEWSLETTERS", "newſletter", "ınbox", "İNBOX", "E-Mail Alerts", "email alert", "Premium",
     "SUBSCRIPTION", "inboxes", "sign up"])), max_size=10).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(_PROMO)
def test_promo_noun_guard_keeps_every_match(text: str) -> None:
    assert chrome.names_promo_noun(text) == (PROMO_NOUN.search(text) is not None)


def test_promo_case_folds_are_all_ignorecase_adds() -> None:
    letters = set("".join(PROMO_NOUN_CORES)) - {" "}
    extra = {chr(c) for c in range(0x80, 0x110000)
             if any(re.fullmatch(f"(?i){x}", chr(c)) for x in letters)}
    assert extra == {"ſ", "ı", "İ"}


_DATELINE_PIECE = st.sampled_from(
    ["RAMADI", "Ramadi", "rAMADI", "LA PAZ", "ST. LOUIS", "Iraq", "É", "ß", "ǅ", "Σ", "ς", "Ab",
     "aB", ",", ":", " - ", " — ", "(AFP)", "(Reuters)", " ", "Sept 27", "Fighters seized", "12"])


@settings(max_examples=500, deadline=None)
@given(st.lists(_DATELINE_PIECE, max_size=8).map("".join))
def test_a_dateline_found_opens_with_a_place_in_capitals(paragraph: str) -> None:
    found = find_dateline(paragraph)
    if found is not None:
        city = found[0].split(",")[0]
        assert paragraph.startswith(city) and city.isupper()
        assert sum(ch.isalpha() for ch in city) >= 3


@pytest.mark.parametrize(("paragraph", "expected"), [
    ("ÉPINAL (AFP) - Fighters seized the town.", ("ÉPINAL", "AFP")),
    ("ǄAKOVO: Fighters seized the town.", ("ǄAKOVO", None)),
    ("ǅakovo: Fighters seized the town.", None),  # titlecase, then lower case: no capitals
    ("Ramadi, Iraq: Fighters seized the town.", None),
    ("RAMADI, Iraq: Fighters seized the town.", ("RAMADI, Iraq", None)),
    ("STRAßE: Fighters seized the town.", None),  # "ß" has no capital: not all capitals
    ("LA PAZ, Sept 27 (Reuters) - Fighters seized the town.", ("LA PAZ", "Reuters")),
    ("A CORUÑA (EFE) - Fighters seized the town.", ("A CORUÑA", "EFE")),  # then a space
    ("R: Fighters seized the town.", None),
    ("Rß: Fighters seized the town.", None),
])
def test_dateline_on_first_letters_of_every_case(paragraph: str, expected) -> None:
    assert find_dateline(paragraph) == expected


def test_the_tagger_flags_every_line_that_can_be_a_section_end() -> None:
    # the article builder looks for "More from ..." cuts among the flagged lines only
    assert SECTION_END_MAX_CHARS <= chrome.UI_MAX_CHARS  # a short one is flagged by length
    # long and wordy (flagged by its colon alone): "more from" + 40 chars, spaces, ":"
    long_end = "More from a b c d e f g h i j k l m n o p q r s t" + " " * 150 + ":"
    body = "A long paragraph of body text that tells the story in great detail. " * 4
    page = tag_page("\n".join([body, long_end, body]))
    assert page.flagged == [1]
    bodies = [f"Paragraph {n}: " + body.strip() for n in range(3)]
    [art] = clean_text("\n".join([*bodies, long_end, "A short teaser blurb", "Another one"]))
    assert art.paragraphs == bodies and art.removed[0] == long_end
