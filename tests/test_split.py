"""Glued articles without page chrome between them (``wiretrace.clean.split``, topic rule).

Invented text only: a flood report, a chess report glued after it, a gardening guide with
subheadings.
"""

from __future__ import annotations

import pytest

from wiretrace.clean import clean_text
from wiretrace.clean.split import (
    MAX_SHARED_FRESH,
    MAX_SHARED_MARKED,
    _deepest,
    _headline,
    _prose_opening,
    _title_leaves,
    _Topics,
    _wire_dateline,
    split_page,
)
from wiretrace.clean.tagging import TaggedPage, tag_page

FLOOD_HEAD = "Floods cut off villages in Norland"
FLOOD = [
    "Flood waters cut off a dozen mountain villages in northern Norland on Tuesday after three "
    "days of heavy rain, regional officials said.",
    "Rescue teams reached two of the villages by boat, carrying drinking water, blankets and "
    "medicine to families stranded on rooftops.",
    "The river Vell burst its banks near the market town of Velltown early in the morning, "
    "flooding roads, farms and the railway station.",
    "Emergency services evacuated hundreds of residents from low-lying streets and opened "
    "shelters in schools and sports halls across the valley.",
    "Farmers said the floods destroyed much of the harvest, drowning cattle and sweeping away "
    "stored grain, fences and machinery.",
    "Forecasters warned that more rain was expected on Wednesday and urged residents living "
    "near riverbanks to move to higher ground.",
    "Engineers inspected damaged bridges and embankments, while soldiers filled sandbags to "
    "protect the hospital and the power station.",
    "Regional authorities estimated the damage to roads, homes and farmland in the stricken "
    "valley at several million euros.",
    "Meteorologists blamed a slow-moving storm system that stalled over the mountains, dumping "
    "a month's rainfall in forty-eight hours.",
    "Volunteers from neighbouring provinces arrived with tractors, pumps and generators to "
    "clear mud from flooded cellars and shops.",
    "Schools across the valley stayed closed, and trains between Velltown and the coast were "
    "cancelled until engineers check the tracks.",
    "The governor promised compensation for flooded households and farmers, and asked the "
    "national government for emergency funds.",
    "Residents returning to their homes found furniture ruined, walls soaked and gardens "
    "buried under thick layers of silt and debris.",
]
CHESS_HEAD = "Okoro wins Calvera chess title"
CHESS = [
    "Grandmaster Lina Okoro clinched the Calvera chess championship on Sunday, beating the "
    "defending champion with the black pieces in a tense final round.",
    "Okoro opened with the Sicilian Defence, sacrificed a knight on move nineteen and forced "
    "checkmate after a long king hunt across the board.",
    "Spectators packed the ornate hall of the Calvera casino, and thousands more followed the "
    "moves online through commentary streams.",
    "The victory lifts Okoro into the top ten of the world rankings for the first time and "
    "earns her a place in the candidates tournament next spring.",
    "Her coach praised an opening preparation built over months of training camps, computer "
    "analysis and blitz games against sparring partners.",
    "Organisers plan to double the prize fund next season and invite youngsters from junior "
    "academies to play exhibition matches.",
    "Okoro, twenty-three, learned chess from her grandmother in a seaside village and won her "
    "first national title at fourteen.",
    "Analysts called her endgame technique flawless, noting she converted a tiny pawn "
    "advantage twice during the nine-round event.",
    "The runner-up, veteran grandmaster Pavel Dunst, congratulated his opponent and said he "
    "would return to defend his rating points.",
    "Sponsors include a bank, a software company and the Calvera tourism board, which "
    "broadcast every game on giant screens downtown.",
]
# The same chess report with a sentence that shares words with the flood report: too
# close to it for an unannounced break, far enough once the page announces a new article.
RAINY_CHESS = [CHESS[0], "Heavy rain flooded roads across the valley, yet spectators still "
               "reached the hall by train.", *CHESS[1:]]
# Sharing a little less: far enough under a fresh headline, not under one that names the
# flood report's subjects ("valley", "rain") or one the chess report never echoes. (The
# rainy one shares more, on the edge of the fresh rule: its tests use the stale headline.)
MILD_CHESS = [CHESS[0], "Rain fell across the valley, yet spectators still reached the hall "
              "by train.", *CHESS[1:]]
STALE_HEAD = "Valley rain spares Calvera chess final"
# More of the chess report: the fresh-headline and title rules want a whole article after.
CHESS_MORE = [
    "Dunst blundered a bishop in the middlegame, and Okoro's rooks doubled on the open file "
    "before the defending champion resigned.",
    "Earlier rounds brought quieter draws, although Okoro twice escaped lost positions with "
    "stubborn defence and clever tactical resources.",
    "Tournament arbiters praised the fighting spirit of every player; only four games among "
    "forty finished in short, peaceful draws.",
    "Commentators compared her attacking style with famous champions of earlier decades who "
    "preferred sharp openings and complicated positions.",
    "Junior players crowded around the board after the closing ceremony, asking Okoro to "
    "autograph scoresheets, chessboards and tournament programmes.",
    "Federation officials confirmed that the candidates tournament will open in March, with "
    "eight qualifiers competing for a championship match.",
    "Okoro plans a short holiday before resuming training, studying endgames with her coach "
    "and playing rapid tournaments online.",
    "Bookmakers immediately cut her odds of winning the candidates event, naming her among "
    "three favourites alongside two established grandmasters.",
    "Calvera organisers thanked volunteers, sponsors and spectators, promising an even bigger "
    "festival with simultaneous exhibitions next autumn.",
    "Dunst told reporters he would analyse his losses carefully, travel to several open "
    "tournaments and rebuild confidence before summer.",
]
LONG_CHESS = [*MILD_CHESS, *CHESS_MORE]


def _glued(second: list[str], before_head: str = "", after_head: str = "",
           opening: str = "", head: str = CHESS_HEAD) -> str:
    return "\n".join([
        FLOOD_HEAD, "", *FLOOD, *([before_head] if before_head else []), head,
        *([after_head] if after_head else []), opening + second[0], *second[1:],
    ])


def _titles(text: str) -> list[str | None]:
    return [art.title for art in clean_text(text)]


def test_glued_article_without_chrome_is_split_at_the_topic_break() -> None:
    arts = clean_text(_glued(CHESS))
    assert [a.title for a in arts] == [FLOOD_HEAD, CHESS_HEAD]
    assert arts[0].paragraphs == FLOOD
    assert arts[1].paragraphs == CHESS


def test_a_headline_may_end_with_an_initialism() -> None:
    """The full stop of "U.S." closes an abbreviation, not a sentence: such a line can head
    the glued article (a full stop after a word still ends a sentence)."""
    head = "Okoro wins chess title in the U.S."
    assert [a.title for a in clean_text(_glued(CHESS, head=head))] == [FLOOD_HEAD, head]
    assert _headline(head, 7)
    assert not _headline("Okoro wins the chess title.", 5)
    assert not _headline("Okoro won in the U.S. Then she flew home.", 9)


def test_unannounced_article_sharing_some_words_is_not_split() -> None:
    assert _titles(_glued(RAINY_CHESS, head=STALE_HEAD)) == [FLOOD_HEAD]


def test_a_fresh_headline_announces_an_article_sharing_a_few_words() -> None:
    """No chrome, a few shared words, but none of the headline's words occur in the flood
    report and most recur in the text after it: a new article."""
    arts = clean_text(_glued(LONG_CHESS))
    assert [a.title for a in arts] == [FLOOD_HEAD, CHESS_HEAD]
    assert arts[1].paragraphs == LONG_CHESS
    assert _titles(_glued(MILD_CHESS)) == [FLOOD_HEAD]  # too little text after the headline


# A standfirst: headline-like (no full stop), long enough to read as a paragraph, and it
# restates two of the headline's words ("Okoro", "Calvera").
STANDFIRST = "How the young Okoro outplayed every rival at the Calvera festival this week"
TEASER = "Harbour ferries return to the timetable after a long winter of repairs"


def test_a_standfirst_may_come_between_a_fresh_headline_and_its_text() -> None:
    arts = clean_text(_glued(LONG_CHESS, after_head=STANDFIRST))
    assert [a.title for a in arts] == [FLOOD_HEAD, CHESS_HEAD]
    assert arts[1].paragraphs[-len(LONG_CHESS):] == LONG_CHESS
    # the next title of a list of teasers names another subject: no text opens under it
    assert _titles(_glued(LONG_CHESS, after_head=TEASER)) == [FLOOD_HEAD]


def test_a_headline_naming_the_first_articles_subjects_is_no_fresh_break() -> None:
    assert _titles(_glued(LONG_CHESS, head=STALE_HEAD)) == [FLOOD_HEAD]


def test_a_headline_that_its_text_never_echoes_is_no_fresh_break() -> None:
    assert _titles(_glued(LONG_CHESS, head="Quiet afternoon indoors")) == [FLOOD_HEAD]


@pytest.mark.parametrize("opening", ["CALVERA (Reuters) - ", "CALVERA, Norland (AFP) — ",
                                     "LONDON — "])
def test_a_dateline_announces_the_second_article(opening: str) -> None:
    arts = clean_text(_glued(RAINY_CHESS, opening=opening))
    assert [a.title for a in arts] == [FLOOD_HEAD, CHESS_HEAD]
    assert arts[1].dateline == opening.split(" (")[0].split(" —")[0]


def test_a_byline_announces_the_second_article() -> None:
    arts = clean_text(_glued(RAINY_CHESS, after_head="By Ann Smith"))
    assert [a.title for a in arts] == [FLOOD_HEAD, CHESS_HEAD]
    assert arts[1].removed == ["By Ann Smith"]


@pytest.mark.parametrize("byline", ["By Ann Smith", "By Ann Smith, Staff Writer"])
def test_a_closing_byline_announces_the_second_article(byline: str) -> None:
    """An author line after the first article's text and before the next headline."""
    arts = clean_text(_glued(RAINY_CHESS, before_head=byline))
    assert [a.title for a in arts] == [FLOOD_HEAD, CHESS_HEAD]
    assert arts[1].paragraphs == RAINY_CHESS


def test_a_short_by_line_is_a_section_heading_not_a_closing_byline() -> None:
    text = _glued(RAINY_CHESS, before_head="By Functionality", head=STALE_HEAD)
    assert _titles(text) == [FLOOD_HEAD]


@pytest.mark.parametrize("separator", ["Related:", "Read more", "More from The Daily Example",
                                       "Next story", "Up next", "See also"])
def test_a_separator_announces_the_second_article(separator: str) -> None:
    arts = clean_text(_glued(RAINY_CHESS, before_head=separator))
    assert [a.title for a in arts] == [FLOOD_HEAD, CHESS_HEAD]
    assert arts[1].paragraphs == RAINY_CHESS
    assert arts[0].paragraphs[: len(FLOOD)] == FLOOD


def test_more_blank_lines_than_anywhere_before_announce_the_second_article() -> None:
    text = _glued(RAINY_CHESS).replace(f"\n{CHESS_HEAD}\n", f"\n\n\n{CHESS_HEAD}\n")
    assert _titles(text) == [FLOOD_HEAD, CHESS_HEAD]


HALF_FRESH_HEAD = "Rain spares chess final"  # "rain" is the flood report's: 1 word of 4


def test_the_page_title_marks_where_its_article_ends() -> None:
    """The page's title names the flood report: its words recur through it and stop at the
    chess headline (whose words are too little fresh for the fresh-headline rule alone)."""
    text = _glued(LONG_CHESS, head=HALF_FRESH_HEAD)
    assert _titles(text) == [FLOOD_HEAD]
    arts = clean_text(text, title=FLOOD_HEAD)
    assert [a.title for a in arts] == [FLOOD_HEAD, HALF_FRESH_HEAD]
    assert arts[1].paragraphs == LONG_CHESS


def _drifting(topic: str, paragraphs: int = 13) -> list[str]:
    """Invented prose whose words drift: each paragraph has three of eight core words of
    ``topic`` and eleven of its own (little cohesion within, as in a loose feature)."""
    return [" ".join([f"{topic}{900 + (p + j) % 8:03d}" for j in range(3)]
                     + [f"{topic}{p * 11 + j:03d}" for j in range(11)]) + "."
            for p in range(paragraphs)]


def test_a_page_title_gone_for_good_under_a_fresh_headline_ends_its_article() -> None:
    """Two loose features sharing a few words (a share across above half the share within,
    too close for the title rule's relative bound): none of the page's title words recur
    after the fresh orchard headline, whose words the orchard text takes up: a new article.
    Where the title recurs after it, or the page has none, the page stays one article."""
    title, head = "Harbour000 harbour011 harbour022 works", "Orchard001 orchard003 bloom"
    orchard = _drifting("orchard")
    orchard[0] = orchard[0][:-1] + "".join(f" harbour{120 + k}" for k in range(7)) + "."
    page = tag_page("\n".join([title, *_drifting("harbour"), head, *orchard]))
    at = page.lines.index(head)
    across, within, _, _ = _Topics(page).cohesion(at)
    assert 0.5 * within < across <= within
    assert split_page(page, title) == [(0, at), (at, len(page))]
    assert len(split_page(page)) == 1
    orchard[5] = orchard[5][:-1] + " harbour011."  # one title word of four after it
    page = tag_page("\n".join([title, *_drifting("harbour"), head, *orchard]))
    assert len(split_page(page, title)) == 1


def test_the_title_rule_decides_alone_where_it_finds_a_candidate() -> None:
    """The orchard report passes the title rule's own test; a loose section of it (the
    glacier one, sharing a few orchard words) passes only the gone-for-good test. That
    looser test stands in only where the title rule finds nothing: the page is cut at the
    orchard headline, not left whole for want of a single candidate."""
    title = "Harbour01 harbour02 harbour03 works"
    orchard = _section("orchard", 24)
    orchard[0] = orchard[0][:-1] + "".join(f" harbour{20 + k}" for k in range(4)) + "."
    glacier = _drifting("glacier")
    glacier[0] = glacier[0][:-1] + "".join(f" orchard{k:02d}" for k in range(7)) + "."
    lines = [title, *_section("harbour", 12), ORCHARD_HEAD, *orchard,
             "Glacier901 glacier902 melt", *glacier]
    head = lines.index(ORCHARD_HEAD)
    assert split_page(tag_page("\n".join(lines)), title) == [(0, head), (head, len(lines))]


def test_a_page_title_must_recur_before_the_headline_and_stop_there() -> None:
    echo = "Chess fans from the flooded villages of Norland cut short their journey home."
    page = tag_page(_glued([*MILD_CHESS, echo], head=HALF_FRESH_HEAD))
    topics = _Topics(page)
    named = topics.words_of(FLOOD_HEAD)  # floods, cut, villages, norland ("off", "in": stop words)
    assert len(named) == 4
    head = page.lines.index(HALF_FRESH_HEAD)
    assert _title_leaves(topics.spans(named), 4, head) is False  # the echo names three after it
    assert _title_leaves([(1, 5), (2, 9), (0, head + 3)], 4, head) is True  # one of 4 after it
    assert _title_leaves([(1, 5), (head + 3, head + 3)], 4, head) is False  # one of 4 before it


GUIDE_HEAD = "How to grow tomatoes on a small balcony"
GUIDE = {
    "Choosing tomato seeds": [
        "Cherry tomatoes suit balcony gardens best: compact tomato plants yield plenty of sweet "
        "fruit in small containers.",
        "Pick tomato seeds bred for containers, and start them indoors in small pots of moist "
        "compost six weeks before planting out.",
    ],
    "Planting tomatoes in containers": [
        "Move the young tomato plants into large containers filled with rich compost once "
        "nights stay warm, and water them well.",
        "Give every tomato plant a sturdy cane, tying stems loosely as plants climb, so "
        "fruit-laden stems never snap on a windy balcony.",
    ],
    "Watering and feeding tomato plants": [
        "Water tomato plants deeply every morning in summer: containers dry quickly, and "
        "uneven watering splits tomato fruit.",
        "Feed plants weekly with a potash-rich tomato fertiliser once flowers appear, and pinch "
        "out side shoots growing between stems.",
    ],
    "Harvesting ripe tomatoes": [
        "Pick tomatoes once fruit turns fully red and feels slightly soft; ripe tomatoes come "
        "away from stems with a gentle twist.",
        "Green tomatoes left on plants in autumn ripen indoors on a sunny windowsill, and fruit "
        "keeps best away from the fridge.",
    ],
}


@pytest.mark.parametrize("gap", ["\n", "\n\n", "\n\n\n"])
def test_long_article_with_subheadings_is_not_split(gap: str) -> None:
    sections = [gap.join([head, *paras]) for head, paras in GUIDE.items()]
    text = GUIDE_HEAD + "\n\n" + gap.join(sections * 3)  # long: every side can be judged
    arts = clean_text(text, title=GUIDE_HEAD)
    assert len(arts) == 1
    assert len(arts[0].paragraphs) == 3 * sum(1 + len(p) for p in GUIDE.values())


def _section(topic: str, paragraphs: int = 12) -> list[str]:
    """Invented prose of one subject: words of ``topic`` only (no word shared with another)."""
    return [" ".join(f"{topic}{(7 * p + j) % 40:02d}" for j in range(14)) + "."
            for p in range(paragraphs)]


def test_a_round_up_of_unrelated_sections_is_one_article() -> None:
    """Each section reads like a new article; an unannounced break must be the only one.
    (Each heading names its section: one of its words recurs there.)"""
    heads = ["Harbour03 news of the week", "Orchard03 news of the week",
             "Glacier03 news of the week"]
    parts = [GUIDE_HEAD, *_section("intro")]
    for head, topic in zip(heads, ["harbour", "orchard", "glacier"], strict=True):
        parts += [head, *_section(topic)]
    assert len(split_page(tag_page("\n".join(parts)))) == 1
    two = [GUIDE_HEAD, *_section("harbour"), heads[1], *_section("orchard")]
    assert split_page(tag_page("\n".join(two))) == [(0, 13), (13, 26)]


HARBOUR_TITLE = "Harbour01 harbour02 harbour03 works"
ORCHARD_HEAD = "Orchard01 orchard02 orchard03 bloom"


def _deep_page(shared: int) -> str:
    """A harbour report (with a subheading) and an orchard report whose first paragraph
    takes up ``shared`` of the harbour report's words: no separator, no byline."""
    harbour = _section("harbour", 16)
    harbour.insert(8, "Harbour05 harbour09 and harbour12")
    orchard = _section("orchard", 16)
    orchard[0] = orchard[0][:-1] + "".join(f" harbour{30 + k}" for k in range(shared)) + "."
    return "\n".join([HARBOUR_TITLE, *harbour, ORCHARD_HEAD, *orchard])


def test_the_pages_deepest_break_ends_its_first_article() -> None:
    """Five shared words (a share across of 0.11: too many for the fresh-headline and title
    rules) at the page's only deep dip, under a fresh headline, where the page's title
    stops recurring: the orchard report is a second article."""
    page = tag_page(_deep_page(5))
    head = page.lines.index(ORCHARD_HEAD)
    assert 0.07 < _Topics(page).cohesion(head)[0] <= 0.12
    assert split_page(page, HARBOUR_TITLE) == [(0, head), (head, len(page))]
    assert len(split_page(page)) == 1  # no title to stop: the weak signals do not agree
    assert len(split_page(tag_page(_deep_page(12)), HARBOUR_TITLE)) == 1  # shares too much


def test_the_deepest_break_is_a_clear_minimum_with_long_sides() -> None:
    assert _deepest({5: (0.1, 0.5, 300, 300), 9: (0.2, 0.5, 300, 300)}) == 5
    assert _deepest({5: (0.1, 0.5, 300, 300), 9: (0.13, 0.5, 300, 300)}) is None  # a dip alike
    assert _deepest({5: (0.1, 0.5, 300, 300), 9: None}) == 5
    assert _deepest({5: (0.13, 0.5, 300, 300)}) is None  # shares too much
    assert _deepest({5: (0.1, 0.5, 150, 300), 9: (0.3, 0.5, 300, 300)}) is None  # short side
    assert _deepest({}) is None


def test_a_standfirst_right_under_the_deepest_break_dips_with_it() -> None:
    """A candidate less than MIN_SIDE tokens after the deepest one (a standfirst, a first
    section heading) is the same break; one as close before it is another."""
    assert _deepest({5: (0.1, 0.5, 300, 300), 6: (0.12, 0.5, 310, 290),
                     20: (0.3, 0.5, 600, 300)}) == 5
    assert _deepest({5: (0.1, 0.5, 300, 300), 4: (0.12, 0.5, 290, 310)}) is None


def test_headlines_close_together_open_one_article() -> None:
    """A headline and its standfirst (or the last section heading before it) both read as
    fresh headlines: within MIN_SIDE tokens of each other, the deepest break alone opens."""
    page = tag_page("\n".join([*_section("harbour", 12), "Orchard01 orchard02", "Orchard03 bloom",
                               *_section("orchard", 12), "Orchard05 orchard07"]))
    topics = _Topics(page)
    assert topics.tokens(12, 14) == 4  # the words of the two headlines
    assert topics.opening({12, 13}, {12: 0.05, 13: 0.02}) == {13}
    assert topics.opening({12, 13}, {12: 0.02, 13: 0.02}) == {12}
    assert topics.opening({12}, {12: 0.05}) == {12}
    assert topics.opening({12, 26}, {12: 0.05, 26: 0.02}) == {12, 26}  # an article apart


def test_a_section_headings_words_die_with_its_section() -> None:
    """The last section heading of the article before and the next headline, close together,
    both read as fresh: the heading's words never recur after the headline, so the article
    opens at the headline even where the heading's dip is deeper."""
    parts = [*_section("harbour", 12), "Glacier01 glacier02", *_section("glacier", 1),
             "Orchard01 orchard02", *_section("orchard", 12)]
    topics = _Topics(tag_page("\n".join(parts)))
    assert topics.opening({12, 14}, {12: 0.02, 14: 0.05}) == {14}


def test_an_announced_article_close_after_a_fresh_heading_ends_the_article_there() -> None:
    """A short closing section under a fresh heading (sources, a last review), then a
    closing byline and the next headline: the article before ends at the byline, not at
    the heading (too little text between them for an article)."""
    orchard = _section("orchard", 12)
    orchard[0] = orchard[0][:-1] + "".join(f" harbour{30 + k}" for k in range(4)) + "."
    lines = ["Harbour01 harbour02 works", *_section("harbour", 12), "Glacier01 glacier02 glacier03",
             *_section("glacier", 2), "By Ann Smith, Staff Writer", "Orchard01 orchard02 bloom",
             *orchard]
    head = lines.index("Orchard01 orchard02 bloom")
    assert split_page(tag_page("\n".join(lines))) == [(0, head), (head, len(lines))]


def test_wire_datelines_and_list_labels() -> None:
    assert _wire_dateline("BEIRUT (Reuters) - Hezbollah said on Sunday ...")
    assert _wire_dateline("LONDON — The bank raised rates ...")
    assert not _wire_dateline("TODO: The GPUs are missing from the report.")
    assert not _wire_dateline("LIGHTEN YOUR LOAD – Start by weeding out things.")
    assert not _wire_dateline("London — lower case is not a dateline.")


def test_headlines_of_the_topic_rule() -> None:
    assert _headline("How to bake bread (One Loaf Recipe)", 7)
    assert _headline("Best hikes in the Alps (2026)", 6)
    assert _headline("Okoro wins Calvera chess title", 5)
    assert not _headline("Storm hits coast (AFP)", 4)
    assert _headline("Velmora opens its harbour plans to all (VHP)", 8)
    assert _headline("Ergonomic desk step by step (checklist)", 6)
    long = "This is the top ferry line in northern Norland this year, according to the J.D. Power study"
    assert _headline(long, len(long.split()))  # an initial's full stop ends no sentence
    assert not _headline("10 / 10", 3)
    assert not _headline("The storm hit the coast.", 5)
    assert _headline("U.S. Senate passes farm bill", 5)
    assert _headline("Tested! The best rain jackets for a wet spring", 9)
    assert not _headline("The kettle boils fast on any stove. Credit: Ann Smith", 10)
    blurb = "Enjoy free delivery on every order! For more about rates and times please visit our pages"
    assert not _headline(blurb, len(blurb.split()))
    trailed = "Enjoy free delivery on every order\u2026 For more about rates and times please visit our pages"
    assert not _headline(trailed, len(trailed.split()))  # any sentence end of the vocabulary


def test_emphasis_marks_around_a_headline_count_for_nothing() -> None:
    """The extractor keeps emphasis as markdown: "*Title* (2026)" is a headline still."""
    head = "*Okoro wins Calvera chess title* (2026)"
    assert _headline(head, 6)
    assert _headline("**Okoro wins Calvera chess title**", 5)
    assert not _headline("* Okoro wins the title", 5)  # a list item
    arts = clean_text(_glued(RAINY_CHESS, before_head="Related:", head=head))
    assert len(arts) == 2
    assert arts[1].paragraphs == RAINY_CHESS


def test_a_recurring_block_is_not_a_new_article() -> None:
    """A headline-like line followed by chrome and repeated further on opens a new article
    only when no text comes between the copies (a newsletter box shown twice has some)."""
    box = [
        "Not now",
        "Great, you are signed up today",
        "Thanks for subscribing! Look out for your first newsletter in your inbox soon.",
        "The best of the city for free, chosen every week by our editors for curious readers.",
    ]
    page = tag_page("\n".join([FLOOD_HEAD, *FLOOD[:4], *box, *box, *FLOOD[4:]]))
    assert page.tags[7] == "ui" and page.keys[9] == page.keys[5]
    assert split_page(page) == [(0, len(page))]


def test_an_announced_article_after_a_list_without_cohesion() -> None:
    """A list of distinct items has no cohesion within to compare with: after a separator,
    sharing next to nothing is enough."""
    items = [" ".join(f"item{14 * k + j:03d}" for j in range(14)) + "." for k in range(20)]
    second = _section("orchard")
    second[0] = second[0].replace(".", " item279.")  # one word in common with the last item
    for separator, expected in (("Related:", [(0, 22), (22, 35)]), ("", [(0, 34)])):
        parts = [GUIDE_HEAD, *items, *([separator] if separator else []),
                 "Orchard news of the week", *second]
        assert split_page(tag_page("\n".join(parts))) == expected


@pytest.mark.parametrize("separator", ["Related:", "Read more"])
def test_a_separator_then_text_opens_an_article_whose_headline_is_gone(separator: str) -> None:
    """The extractor dropped the second headline and kept the separator and the text."""
    arts = clean_text("\n".join([FLOOD_HEAD, "", *FLOOD, separator, *RAINY_CHESS]))
    assert len(arts) == 2
    assert arts[0].paragraphs == FLOOD
    assert arts[1].paragraphs[-len(RAINY_CHESS) + 1:] == RAINY_CHESS[1:]


def test_a_separator_the_page_repeats_is_a_link_label() -> None:
    """"Read more" under each teaser of a list links to it; no article opens after it."""
    text = "\n".join([FLOOD_HEAD, "", *FLOOD[:8], "Read more", *FLOOD[8:], "Read more", *CHESS])
    assert len(clean_text(text)) == 1
    assert len(clean_text(text.replace("Read more", "Related:", 1))) == 2


def test_a_byline_opens_an_article_when_its_text_never_echoes_the_line_before() -> None:
    """"last line / By Jane Doe / text": the line before the byline names nothing of the
    text after it, so it is the first article's last line and the next article (its
    headline gone) opens at the byline."""
    last = "Write to the newsroom at the harbour office"
    arts = clean_text("\n".join([FLOOD_HEAD, "", *FLOOD, last, "By Ann Smith, Staff Writer",
                                 *RAINY_CHESS]))
    assert len(arts) == 2
    assert last in [*arts[0].paragraphs, *arts[0].removed]
    assert arts[1].paragraphs == RAINY_CHESS
    # a headline that its text echoes keeps the article opening at it
    arts = clean_text(_glued(RAINY_CHESS, after_head="By Ann Smith, Staff Writer"))
    assert [a.title for a in arts] == [FLOOD_HEAD, CHESS_HEAD]


AUTHOR_BOX = [
    "Mara Quell is a senior correspondent who has covered chess tournaments, card games and "
    "puzzle competitions across three continents for twelve years.",
    "Before journalism she taught mathematics at a boarding school, coached a junior team and "
    "wrote two books about famous endgames and their history.",
    "She lives in a lighthouse cottage with two cats, a telescope and far too many wooden "
    "chess sets collected from markets abroad.",
]


@pytest.mark.parametrize("heading", ["About the Author", "About Mara Quell"])
def test_an_about_heading_closes_an_article_and_opens_none(heading: str) -> None:
    arts = clean_text(_glued(AUTHOR_BOX, before_head="Related:", head=heading))
    assert [a.title for a in arts] == [FLOOD_HEAD]
    assert arts[0].paragraphs[: len(FLOOD)] == FLOOD


def test_an_ad_or_a_long_labelled_item_is_no_headline() -> None:
    assert not _headline("Faster builds for every team (Sponsored)", 6)
    assert not _headline("Cheap ferry tickets all winter (Advertisement)", 6)
    item = ("Ferries: the harbour boats leave every hour from the north pier and the late ones "
            "stop at the island villages")
    assert not _headline(item, len(item.split()))  # "Label: its description"
    assert _headline("Ferries: the harbour boats return", 5)  # a short one heads a section


def test_an_unannounced_break_needs_a_headline_its_text_takes_up() -> None:
    """The chess report shares no word with the flood report, but a line whose words the
    text after it never uses names no article (a closing remark of the one before)."""
    assert _titles(_glued(CHESS)) == [FLOOD_HEAD, CHESS_HEAD]
    assert _titles(_glued(CHESS, head="Not to mention a quiet afternoon indoors!")) == [FLOOD_HEAD]


def test_a_question_of_an_faq_opens_no_prose() -> None:
    """Questions answered in a paragraph each, one after another: an FAQ, not an article
    under a question headline."""
    faq = ["Can I book a ferry ticket online?",
           "Tickets for every harbour ferry can be bought on the operator's website or app.",
           "Do the ferries run in winter?",
           "Boats leave every two hours from December to March, weather permitting, as usual."]
    page = tag_page("\n".join([FLOOD_HEAD, *FLOOD, *faq]))
    first = len(FLOOD) + 1
    assert not _prose_opening(page, first, _Topics(page))
    article = tag_page("\n".join([FLOOD_HEAD, *FLOOD, faq[0], *CHESS]))
    assert _prose_opening(article, first, _Topics(article))


def test_a_separator_naming_articles_in_the_plural_heads_a_list_of_teasers() -> None:
    assert _titles(_glued(RAINY_CHESS, before_head="Related:")) == [FLOOD_HEAD, CHESS_HEAD]
    for separator in ("Related articles:", "More stories"):
        assert _titles(_glued(RAINY_CHESS, before_head=separator)) == [FLOOD_HEAD]


# Words that justext lists as English stop words ("several", "people", "business"): a flood
# report and a chess report that both lean on them share many words, none of their topic.
COMMON = [
    "about", "according", "across", "after", "again", "against", "almost", "along",
    "although", "among", "another", "around", "available", "average", "because", "become",
    "before", "being", "between", "common", "community", "considered", "continued",
    "could", "country", "current", "different", "during", "early", "either", "every",
    "family", "general", "given", "great", "group", "important", "include", "including",
    "large", "later", "leading", "living", "local", "major", "making", "member", "never",
    "number", "often", "order", "other", "people", "period", "place", "point", "popular",
    "public", "rather", "several", "should", "similar", "since", "single", "small",
    "social", "special", "still", "support", "system", "through", "together", "under",
    "usually", "various", "where", "which", "while", "within", "without", "would",
]


def _common(paragraphs: list[str], offset: int) -> list[str]:
    """``paragraphs`` with four stop words each appended (drawn in turn from ``COMMON``)."""
    return [p[:-1] + ", " + ", ".join(COMMON[(4 * n + j + offset) % len(COMMON)]
                                      for j in range(4)) + "."
            for n, p in enumerate(paragraphs)]


COMMON_FLOOD, COMMON_CHESS = _common(FLOOD, 0), _common(LONG_CHESS, 1)


def _common_page(head: str = CHESS_HEAD, before_head: str = "") -> TaggedPage:
    return tag_page("\n".join([FLOOD_HEAD, "", *COMMON_FLOOD,
                               *([before_head] if before_head else []), head, *COMMON_CHESS]))


def test_the_topical_reading_leaves_stop_words_out() -> None:
    """The shares across the chess headline: high over all content tokens (the shared stop
    words), next to nothing over the topic's own words; the sides are counted alike."""
    page = _common_page()
    i = page.lines.index(CHESS_HEAD)
    topics = _Topics(page)
    across, _, before, after = topics.cohesion(i)
    topical, within, *sides = topics.cohesion(i, topical=True)
    assert across > MAX_SHARED_MARKED and topical < MAX_SHARED_FRESH < within
    assert sides == [before, after]


def test_a_fresh_headline_splits_on_the_topical_reading_where_the_title_leaves() -> None:
    """Two signals agree: the topic's words change at a fresh headline and the page's title
    (the flood report's) stops recurring there. Without the title, or under a headline of
    a single counted word, the shared stop words keep the page whole."""
    page = _common_page()
    assert split_page(page, FLOOD_HEAD) == [(0, 14), (14, len(page))]
    assert split_page(page) == [(0, len(page))]
    assert split_page(_common_page(head="The Okoro"), FLOOD_HEAD) == [(0, len(page))]


def test_an_announced_article_splits_on_the_topical_reading() -> None:
    """A closing byline announces the chess report; the shares over all content tokens are
    too high for the announced test, those over the topic's words are not."""
    page = _common_page(before_head="By Ann Smith, Staff Writer")
    assert split_page(page) == [(0, 15), (15, len(page))]
