"""Unit tests of the clean stage on invented pages (never the seed texts)."""

from __future__ import annotations

from wiretrace.clean import clean_document, clean_text
from wiretrace.clean.lines import date_line, find_dateline, parse_date
from wiretrace.clean.tagging import chrome_kind
from wiretrace.model import Document
from wiretrace.vocabulary import AGENCIES, CREDIT_LINE_AGENCIES

HEAD = "Flood waters cut off mountain villages in Norland"
CAPTION = (
    "Rescue workers wade through a flooded street in the town of Vell on March 3, 2019, "
    "after heavy rain. (Photo by Jane Roe / AFP)"
)
WIRE_PAGE = f"""{HEAD}

{HEAD}
{CAPTION}
Updated 14 May 2021
Follow
Share
1.2K

{HEAD}

VELLTOWN, Norland: Flood waters cut off a dozen mountain villages on Tuesday after three days of rain, officials said.
Rescue teams reached two of the villages by boat, a regional spokesman told AFP.
But Reuters said at least nine people were missing, citing a local official.
Advertisement
The weather service expects more rain on Wednesday across the northern provinces of the country.
Read more: Storm season starts early in the north
"""

SECOND_HEAD = "Port workers end strike after pay deal in Calvera"
SECOND_CAPTION = "Dock workers gather at the port gates in Calvera on June 2, 2020. (Ann Smith/Reuters)"
GLUED_PAGE = (
    WIRE_PAGE
    + f"""


{SECOND_HEAD}

{SECOND_CAPTION}
{SECOND_CAPTION}
TT
35

{SECOND_HEAD}

Port workers in Calvera ended a week-long strike on Friday after unions accepted a new pay offer.
The deal raises wages by six percent over two years, the union leader said at a press conference.
Ships that had waited offshore began unloading cargo on Friday evening, port officials said.
"""
)


def _all_out(articles):
    return [
        line
        for art in articles
        for line in ([art.title] if art.title else []) + art.paragraphs + art.captions + art.removed
    ]


def test_wire_story_chrome_is_removed_and_metadata_found():
    [art] = clean_text(WIRE_PAGE, source="wire.txt")
    assert art.id == "wire.txt#1" and art.index == 1 and art.source == "wire.txt"
    assert art.title == HEAD
    assert art.date == "2021-05-14"
    assert art.dateline == "VELLTOWN, Norland"
    assert art.captions == [CAPTION]
    assert art.credits == ["AFP", "Reuters"]
    assert art.paragraphs[0].startswith("VELLTOWN, Norland: Flood waters")  # kept intact
    assert len(art.paragraphs) == 4
    assert art.text == "\n\n".join(art.paragraphs)
    for chrome in ("Follow", "Share", "1.2K", "Advertisement", "Updated 14 May 2021"):
        assert chrome in art.removed
        assert chrome not in art.paragraphs
    assert art.removed.count(HEAD) == 2
    assert HEAD not in art.text and "Photo by" not in art.text and "Read more" not in art.text


def test_caption_date_is_not_the_publication_date():
    page = f"{HEAD}\n\n{CAPTION}\n\nVELLTOWN, Norland: Rain fell for three days, officials said on Tuesday.\n"
    [art] = clean_text(page)
    assert art.date is None
    assert art.captions == [CAPTION]


def test_document_title_and_date_are_used_when_the_text_gives_none():
    doc = Document(source="p.html", text="Body text of the story, long enough to be a paragraph.\n",
                   format="html", title="Page title", date="2020-01-02", url="http://x.example/a",
                   outlet="Example News")
    [art] = clean_document(doc)
    assert (art.title, art.date, art.url, art.outlet, art.format) == (
        "Page title", "2020-01-02", "http://x.example/a", "Example News", "html")
    assert art.paragraphs == ["Body text of the story, long enough to be a paragraph."]


def test_headline_copy_in_the_text_matches_the_title_despite_typography_and_site_suffix():
    doc = Document(source="p.html", format="html", title="Mayor's plan wins vote | Daily Example",
                   text="Mayor’s plan wins vote\nThe council approved the mayor's housing plan on Monday night.\n"
                        "MAYOR'S PLAN WINS VOTE\n")
    [art] = clean_document(doc)
    assert art.title == "Mayor’s plan wins vote"
    assert art.removed == ["MAYOR'S PLAN WINS VOTE"]
    assert art.paragraphs == ["The council approved the mayor's housing plan on Monday night."]


def test_page_with_a_glued_article_is_split_in_two():
    arts = clean_text(GLUED_PAGE, source="glued.txt")
    assert [a.title for a in arts] == [HEAD, SECOND_HEAD]
    assert [a.id for a in arts] == ["glued.txt#1", "glued.txt#2"]
    first, second = arts
    assert len(first.paragraphs) == 4 and len(second.paragraphs) == 3
    assert second.captions == [SECOND_CAPTION]
    assert second.credits == ["Reuters"]
    assert second.date is None and second.dateline is None
    for art in arts:
        for bad in (HEAD, SECOND_HEAD, CAPTION, SECOND_CAPTION, "TT", "35"):
            assert bad not in art.paragraphs


def test_long_article_with_subheadings_is_not_split():
    para = "The committee heard evidence from residents about the plan during the afternoon session."
    sections = [f"Section heading number {i}\n{para}\n{para}\n" for i in range(12)]
    page = "Council debates new housing plan\n\n" + "\n".join(sections)
    arts = clean_text(page)
    assert len(arts) == 1
    assert len(arts[0].paragraphs) == 36


def test_recurring_subheading_followed_by_chrome_is_not_a_new_article():
    para = "Eat a balanced meal with vegetables, grains and some protein at every sitting today."
    block = f"Eat every three hours\nShare\n{para}\n{para}\n"
    arts = clean_text("Meal plan for a busy week\n\n" + block * 5)
    assert len(arts) == 1


def test_german_spanish_french_arabic_chrome():
    page = (
        "Hochwasser schneidet Dörfer ab\n\nTeilen\nFolgen\nAktualisiert am 14.05.2021, 10:00 Uhr\n"
        "BERLIN (dpa) - Das Hochwasser hat mehrere Dörfer im Norden abgeschnitten, sagte ein Sprecher.\n"
        "Compartir\nPartager\nمشاركة\nLire aussi : La pluie continue\n"
        "Die Rettungskräfte erreichten zwei Dörfer mit Booten, berichtete die Polizei am Abend.\n"
    )
    [art] = clean_text(page)
    assert art.title == "Hochwasser schneidet Dörfer ab"
    assert art.date == "2021-05-14"
    assert art.dateline == "BERLIN"
    assert art.credits == ["DPA"]
    assert {"Teilen", "Folgen", "Compartir", "Partager", "مشاركة"} <= set(art.removed)
    assert len(art.paragraphs) == 2


def test_arabic_article_flows_through():
    page = "الفيضانات تعزل قرى جبلية\n\nمشاركة\nقال مسؤولون إن الفيضانات عزلت عشرات القرى الجبلية يوم الثلاثاء بعد ثلاثة أيام من الأمطار.\n"
    [art] = clean_text(page)
    assert art.title == "الفيضانات تعزل قرى جبلية"
    assert art.removed == ["مشاركة"]
    assert len(art.paragraphs) == 1


def test_body_paragraph_ending_in_agency_tag_stays_after_the_body_starts():
    page = (
        "Markets rally on rate hopes\n\nStocks rose on Monday as investors bet on lower rates, traders said.\n"
        "The index closed up two percent at a record high for the third day running. (AFP)\n"
    )
    [art] = clean_text(page)
    assert len(art.paragraphs) == 2 and art.captions == []
    assert art.credits == ["AFP"]


def _paragraphs(n: int, first: int = 0) -> str:
    return "".join(
        f"Paragraph {i} of the long body keeps telling the story in some detail, " * 4 + "\n"
        for i in range(first, first + n)
    )


def test_teaser_block_after_more_from_is_removed_but_not_a_mid_article_box():
    teasers = "More from Example News\nShort teaser about another story entirely\nAnother teaser headline here\n"
    [art] = clean_text("Headline of the piece\n\n" + _paragraphs(3) + teasers)
    assert art.removed == teasers.splitlines()
    assert len(art.paragraphs) == 3
    [art] = clean_text("Headline of the piece\n\n" + _paragraphs(1) + "Popular\n" + _paragraphs(3, 1))
    assert len(art.paragraphs) == 4 and art.removed == ["Popular"]


def test_author_bio_is_removed():
    page = ("Headline of the piece\n\nThe council approved the budget on Monday after a long debate.\n"
            "Jane Doe is a senior reporter for Example News covering city hall.\n")
    [art] = clean_text(page)
    assert art.removed == ["Jane Doe is a senior reporter for Example News covering city hall."]


def test_empty_and_blank_documents_give_no_articles():
    assert clean_text("") == []
    assert clean_text(" \n\n\t\n") == []


def test_every_line_is_accounted_for_on_the_glued_page():
    arts = clean_text(GLUED_PAGE)
    expected = sorted(line.strip() for line in GLUED_PAGE.splitlines() if line.strip())
    assert sorted(_all_out(arts)) == expected


def test_chrome_kinds():
    assert chrome_kind("Follow") == "ui"
    assert chrome_kind("20") == "ui"
    assert chrome_kind("Subscribe to the Morning Digest newsletter") == "ui"
    assert chrome_kind("Photo: Jane Roe/AFP") == "credit"
    assert chrome_kind("By Jane Doe and John Roe") == "byline"
    assert chrome_kind("By contrast, prices fell.") is None
    assert chrome_kind("Officials said 20 people were hurt.") is None


def test_dates():
    assert parse_date("27 September 2017") == "2017-09-27"
    assert parse_date("Sept. 27, 2017 10:04 AM ET") == "2017-09-27"
    assert parse_date("27 de septiembre de 2017") == "2017-09-27"
    assert parse_date("31 February 2017") is None
    assert date_line("Mis à jour le 27 septembre 2017 à 10h30") == "2017-09-27"
    assert date_line("Troops patrol a road on Feb. 12, 2016, after the battle.") is None


def test_datelines():
    assert find_dateline("VELLTOWN, Norland: Rain fell.") == ("VELLTOWN, Norland", None)
    assert find_dateline("VELLTOWN (AFP) - Rain fell.") == ("VELLTOWN", "AFP")
    assert find_dateline("VELLTOWN, Sept 27 (Reuters) - Rain fell.") == ("VELLTOWN", "Reuters")
    assert find_dateline("LA PAZ, Bolivia (AP) — Rain fell.") == ("LA PAZ, Bolivia", "AP")
    assert find_dateline("However, officials: rain fell.") is None
    assert find_dateline("Rain fell on Tuesday - officials said.") is None


def test_page_title_loses_the_site_name_it_declares() -> None:
    body = "Rescuers searched the flooded streets of the old town on Monday, officials said."
    doc = Document(source="p.html", text=body, format="html",
                   title="Floods cut off the old town | Daily Example", outlet="Daily Example")
    assert clean_document(doc)[0].title == "Floods cut off the old town"
    doc.outlet = "Weekly Other"  # not the declared site: the title stays whole
    assert clean_document(doc)[0].title == "Floods cut off the old town | Daily Example"


def test_a_one_line_text_ending_in_an_agency_tag_is_the_body_not_a_caption():
    line = ("The council voted on Tuesday to close the old bridge after engineers found "
            "deep cracks in two of its piers, officials said (AFP)")
    [art] = clean_text(line + "\n")
    assert art.paragraphs == [line] and art.captions == []
    assert art.credits == ["AFP"]
    photo = "Divers search the harbour at dawn near the old pier. (Photo: Jane Roe/AFP)"
    [art] = clean_text(photo + "\n")
    assert art.captions == [photo] and art.paragraphs == []


def test_a_name_slash_agency_line_is_a_credit_for_the_credit_line_agencies_only() -> None:
    assert set(CREDIT_LINE_AGENCIES) <= {name for name, _ in AGENCIES}
    assert {"AFP", "Reuters", "AP", "Getty Images"} <= set(CREDIT_LINE_AGENCIES)
    for name in CREDIT_LINE_AGENCIES:
        assert chrome_kind(f"Jane Doe / {name}") == "credit", name
        assert chrome_kind(f"(Jane Doe/{name.upper()})") == "credit", name
    assert chrome_kind("Jane Doe / Kyodo") != "credit"  # an agency, not one of these

