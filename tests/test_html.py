"""html_to_document on invented pages: text one paragraph per line, metadata, bad markup."""

from __future__ import annotations

from wiretrace.clean import clean_document
from wiretrace.ingest.html import html_to_document

BODY = [
    "VELLTOWN, Norland: Flood waters cut off a dozen mountain villages on Tuesday after "
    "three days of heavy rain, officials said, and rescue teams struggled to reach them.",
    "Rescue teams reached two of the villages by boat, a regional spokesman told AFP, "
    "while helicopters dropped food and water to the others cut off by the floods.",
    "The weather service expects more rain on Wednesday across the northern provinces, "
    "and warned residents of the valleys to move to higher ground before nightfall.",
]
PAGE = f"""<!DOCTYPE html><html lang="en"><head>
<title>Flood waters cut off mountain villages | Example News</title>
<meta property="og:title" content="Flood waters cut off mountain villages">
<meta property="og:site_name" content="Example News">
<meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2021-05-14T09:30:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Flood waters cut off mountain villages</h1>
{''.join(f'<p>{p}</p>' for p in BODY)}
</article>
<footer><p>Copyright Example News. All rights reserved.</p></footer>
</body></html>"""


def test_main_text_one_paragraph_per_line_and_metadata():
    doc = html_to_document(PAGE, "flood.html", url="https://news.example/flood")
    assert doc.source == "flood.html" and doc.format == "html"
    assert doc.url == "https://news.example/flood"
    assert doc.title == "Flood waters cut off mountain villages"
    assert doc.outlet == "Example News"
    assert doc.author == "Jane Roe"
    assert doc.date == "2021-05-14"
    lines = [line for line in doc.text.splitlines() if line.strip()]
    for paragraph in BODY:
        assert paragraph in lines
    assert "Home" not in lines and not any("Copyright" in line for line in lines)


def test_html_then_clean_gives_one_clean_article():
    doc = html_to_document(PAGE, "flood.html", format="warc")
    [art] = clean_document(doc)
    assert art.format == "warc"
    assert art.title == "Flood waters cut off mountain villages"
    assert art.paragraphs == BODY
    assert art.dateline == "VELLTOWN, Norland"
    assert art.credits == ["AFP"]
    assert art.outlet == "Example News" and art.date == "2021-05-14"


def test_empty_or_broken_html_gives_what_text_it_holds_not_an_error():
    for html in ("", "   ", "<html><body></body></html>"):
        doc = html_to_document(html, "bad.html")
        assert (doc.source, doc.format, doc.text.strip(), doc.title, doc.date) == (
            "bad.html", "html", "", None, None)
        assert clean_document(doc) == []
    for html, text in (("<<<>>>\x00\x01 not html at all", "<<<>>> not html at all"),
                       ("<html><body><p>too short</p>", "too short")):
        doc = html_to_document(html, "bad.html")
        assert doc.text.strip() == text  # control characters dropped, the words kept
        [art] = clean_document(doc)
        assert (art.id, art.text, art.title) == ("bad.html#1", text, None)


def test_non_english_page_keeps_its_text():
    body = ("Das Hochwasser hat am Dienstag mehrere Dörfer in den Bergen abgeschnitten, "
            "teilten die Behörden mit. Rettungskräfte erreichten zwei Orte mit Booten. ") * 3
    html = (f"<html lang='de'><head><title>Hochwasser schneidet Dörfer ab</title></head>"
            f"<body><article><h1>Hochwasser schneidet Dörfer ab</h1><p>{body}</p>"
            f"<p>Die Wetterdienste erwarten für Mittwoch weiteren Regen im Norden des Landes.</p>"
            f"</article></body></html>")
    [art] = clean_document(html_to_document(html, "de.html"))
    assert art.title == "Hochwasser schneidet Dörfer ab"
    assert art.paragraphs[0] == body.strip()
    assert len(art.paragraphs) == 2


def test_copyright_year_in_footer_is_not_a_publication_date() -> None:
    body = "<p>" + "An invented council voted on Tuesday to rebuild the footbridge. " * 6 + "</p>"
    page = (f"<html><head><title>Council votes</title></head><body><article>{body}</article>"
            "<footer>Copyright 2019 Example News</footer></body></html>")
    assert html_to_document(page, "x.html").date is None
    dated = page.replace(
        "<head>", '<head><meta property="article:published_time" content="2023-03-14T10:00Z">')
    assert html_to_document(dated, "x.html").date == "2023-03-14"


def test_a_wall_of_text_is_replaced_by_the_recall_pass_with_its_paragraphs(monkeypatch) -> None:
    """A text that is one line of ``WALL_WORDS`` words or more has lost its paragraph breaks:
    the recall pass's text is used when it keeps them (and is kept when it is a wall too)."""
    from types import SimpleNamespace

    from lxml.html import fromstring

    from wiretrace.ingest import html

    sentence = "The river rose overnight and flooded the lower town again. "
    paragraphs = "\n".join([sentence * 10] * (html.WALL_WORDS // 50))
    texts = {"precise": " ".join(paragraphs.split()), "balanced": " ".join(paragraphs.split()),
             "recall": paragraphs}

    def bare(tree, url, options):
        name = ("recall" if options.get("favor_recall") else
                "precise" if options.get("favor_precision") else "balanced")
        return SimpleNamespace(text=texts[name])

    monkeypatch.setattr(html, "_bare", bare)
    tree = fromstring("<html><body><p>Any page.</p></body></html>")
    assert html._extract(tree, None).text == paragraphs
    texts["recall"] = texts["precise"] + " More."  # a wall again: no better
    assert html._extract(tree, None).text == texts["precise"]


def test_a_heading_the_extractor_dropped_goes_back_before_its_paragraph() -> None:
    """A section heading missing from the text goes back before the paragraph that follows
    it on the page; one already there, or above a paragraph the text lacks, does not."""
    from lxml.html import fromstring

    from wiretrace.ingest.html import _with_headings

    tree = fromstring(
        "<html><body><article>" + "".join(f"<p>{p}</p>" for p in BODY[:2])
        + "<h2>Chess final in Calvera</h2><p>" + BODY[2] + "</p>"
        + "<h2>Teasers</h2><p>A teaser for another story that the text does not hold.</p>"
        + "</article></body></html>")
    text = "\n".join([BODY[0], BODY[1], BODY[2]])
    assert _with_headings(tree, text).split("\n") == [
        BODY[0], BODY[1], "Chess final in Calvera", BODY[2]]
    kept = "\n".join([BODY[0], BODY[1], "Chess final in Calvera", BODY[2]])
    assert _with_headings(tree, kept) == kept
    anchored = kept.replace("Calvera", "Calvera #")  # a permalink after the heading
    assert _with_headings(tree, anchored) == anchored
    for h2 in tree.iter("h2"):
        h2.text += " #"  # the page's heading has the anchor, the text's has none
    assert _with_headings(tree, kept) == kept


def test_a_dropped_heading_above_short_paragraphs_goes_back_before_them() -> None:
    """A heading whose next paragraph is a one-line label is placed by the run of short
    paragraphs after it (as many as reach ``HEADING_PREFIX`` characters); a run the text
    does not hold in that order places nothing."""
    from lxml.html import fromstring

    from wiretrace.ingest.html import _with_headings

    tree = fromstring(
        "<html><body><article>" + "".join(f"<p>{p}</p>" for p in BODY[:2])
        + "<h2>What is a river barge?</h2><p>What is a barge?</p><p>Barges, in short.</p>"
        + "<p>" + BODY[2] + "</p></article></body></html>")
    text = "\n".join([BODY[0], BODY[1], "What is a barge?", "Barges, in short.", BODY[2]])
    assert _with_headings(tree, text).split("\n") == [
        BODY[0], BODY[1], "What is a river barge?", "What is a barge?", "Barges, in short.",
        BODY[2]]
    shuffled = "\n".join([BODY[0], BODY[1], "Barges, in short.", "What is a barge?", BODY[2]])
    assert _with_headings(tree, shuffled) == shuffled


def _flood_page(body: str) -> str:
    """A page of nine long paragraphs (over ``WALL_WORDS`` words) set in ``body``'s ``{}``."""
    paragraphs = "".join(
        f"<p>{' '.join(BODY[(i + j) % 3] for j in range(3))}</p>" for i in range(9))
    return ("<html><head><title>Flood waters cut off mountain villages</title></head><body>"
            + body.format(paragraphs) + "</body></html>")


def test_an_article_in_a_layout_table_keeps_its_paragraphs() -> None:
    """A table whose cell holds the article's paragraphs is the page's layout: the text keeps
    one paragraph per line instead of the cell flattened into one row."""
    page = _flood_page("<table><tr><td class='side'><a href='/'>Home</a></td><td class='blog'>"
                       "<div class='blogbody'><h1>Flood waters cut off mountain villages</h1>{}"
                       "</div></td></tr></table>")
    lines = html_to_document(page, "x.html").text.splitlines()
    assert len(lines) >= 9 and lines[-1].startswith(BODY[2][:40])


def test_an_article_inside_a_menu_left_open_keeps_its_paragraphs() -> None:
    """An ``<article>`` inside ``<nav>`` (a menu element the template left open swallowed the
    page) is not chrome: the text keeps one paragraph per line."""
    page = _flood_page("<nav class='menu'><article><h1>Flood waters cut off mountain villages"
                       "</h1><div>{}</div></article></nav><div><p>Copyright Example News.</p></div>")
    lines = html_to_document(page, "x.html").text.splitlines()
    assert len(lines) >= 9 and lines[-1].startswith(BODY[2][:40])
