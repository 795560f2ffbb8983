"""A small rule-based sentence splitter with char spans, made for wire copy.

Why not pysbd or spaCy: the compare stage splits every article of every reuse pair, so speed
matters more than the last percent on hard prose: pysbd runs many rules over every
character and spaCy needs a model; these rules read each character once. Wire copy
is well-formed (one paragraph per line, full stops followed by a capital), and both versions
of a pair are split by the same rules, so a rare wrong split shows up identically on both
sides and does not create a spurious difference. The rules:

1. every line break ends a sentence (``Article.text`` holds one paragraph per line);
2. ``. ! ?`` (and the Arabic, CJK and Devanagari stops), optionally followed by closing
   quotes or brackets, end a sentence when followed by white space and then a character that
   is not a lower-case letter;
3. except after an abbreviation from ``vocabulary.ABBREVIATIONS`` ("Gen.", "Feb."), a single
   letter (an initial: "J. Smith") or a dotted acronym ("U.S.").

    >>> text = 'Gen. Smith said 2 died. "It was over," he added.\\nNext line'
    >>> [text[s:e] for s, e in split_sentences(text)]
    ['Gen. Smith said 2 died.', '"It was over," he added.', 'Next line']
"""

from __future__ import annotations

import re

from wiretrace.vocabulary import ABBREVIATIONS, CJK_SENTENCE_ENDS, CLOSERS, SENTENCE_ENDS

Span = tuple[int, int]

_CLOSE = f"[{re.escape(CLOSERS)}]*"
_STOPS, _CJK_STOPS = re.escape(SENTENCE_ENDS), re.escape(CJK_SENTENCE_ENDS)
# a run of stops, closers, then white space and the next char (none needed after a CJK stop);
# the pattern opens with a plain set of every stop (the lookbehinds then tell the two kinds
# apart), which lets the engine skip to candidate chars at C speed
_END = re.compile(
    rf"[{_STOPS}{_CJK_STOPS}]"
    rf"(?:(?<=[{_STOPS}])[{_STOPS}]*{_CLOSE}(?=\s+(\S))"
    rf"|(?<=[{_CJK_STOPS}])[{_CJK_STOPS}]*{_CLOSE}(?=\s*(\S)))"
)
_CJK = re.compile(f"[{re.escape(CJK_SENTENCE_ENDS)}]")


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the period at ``dot`` closes an abbreviation, an initial or an acronym.

    The word is the run of letters and periods (letters: ``\\w`` chars other than digits
    and "_") ending at ``dot``, at most 20 chars back; walked back char by char (a regex
    would be searched from 20 chars back).
    """
    # the regex's "$" also matches before a line break closing the searched span
    end = dot - 1 if dot and text[dot - 1] == "\n" else dot
    lo, k = max(0, dot - 20), end
    while k > lo:
        char = text[k - 1]
        if char != "." and not (char.isalnum() and not char.isdecimal()):
            break
        k -= 1
    if k == end:
        return False
    word = text[k:end]
    return len(word) == 1 or "." in word or word.lower() in ABBREVIATIONS


def _ends_sentence(text: str, match: re.Match[str]) -> bool:
    """A stop (``_END``) ends a sentence unless a lower-case word follows it, or it is the
    full stop of an abbreviation (rules 2 and 3)."""
    following = match.group(1) or match.group(2)
    if following.islower():
        return False
    return not (
        text[match.start()] == "."
        and match.end() - match.start() == 1
        and _is_abbreviation(text, match.start())
    )


def _split_line(text: str, start: int, end: int, out: list[Span]) -> None:
    begin = start
    for match in _END.finditer(text, start, end):
        if not _ends_sentence(text, match):
            continue
        out.append((begin, match.end()))
        begin = match.end()
    out.append((begin, end))


def _cuts(text: str) -> list[int]:
    """Where sentences end in ``text``: one scan of the whole text (rules 2 and 3).

    A stop at the end of a line may see the next line's first char here, which a scan line by
    line would not; such a cut falls where the line ends anyway (only white space follows it
    on its line), so the spans come out the same. Not so for the CJK stops (no space needed
    after them: a scan bounded by the line backtracks into a run of stops and closers), so a
    text holding one is scanned line by line (``_split_line``).
    """
    return [match.end() for match in _END.finditer(text) if _ends_sentence(text, match)]


def split_sentences(text: str) -> list[Span]:
    """Char spans of the sentences of ``text``, in order, stripped of surrounding space."""
    raw: list[Span] = []
    pos = k = 0
    if _CJK.search(text) is not None:
        for line in text.splitlines(keepends=True):
            _split_line(text, pos, pos + len(line.rstrip("\r\n")), raw)
            pos += len(line)
        return _stripped(text, raw)
    cuts = _cuts(text)
    for line in text.splitlines(keepends=True):
        begin, end = pos, pos + len(line.rstrip("\r\n"))
        while k < len(cuts) and cuts[k] <= end:  # rule 1: a line break ends a sentence too
            raw.append((begin, cuts[k]))
            begin = cuts[k]
            k += 1
        raw.append((begin, end))
        pos += len(line)
    return _stripped(text, raw)


def _stripped(text: str, raw: list[Span]) -> list[Span]:
    spans: list[Span] = []
    for s, e in raw:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            spans.append((s, e))
    return spans


#: Where a clause ends inside a sentence: a comma, colon or semicolon before white space, a
#: bracket, an em dash, or a spaced en dash or hyphen ("10,000", "6:30" and "5-10" stay whole).
CLAUSE_MARK = re.compile(r"[,:;](?=\s)|[()\u2014]|\s[\u2013-](?=\s)")
#: A clause covering this share of its sentence's chars is the sentence reworded.
WHOLE_SHARE = 2 / 3


def clause_around(text: str, sentence: Span, lo: int, hi: int) -> tuple[Span, bool]:
    """The clause of ``sentence`` (a span of ``text``) holding the chars ``[lo, hi)``: from
    the clause mark before ``lo`` to the one after ``hi`` (``CLAUSE_MARK``; the sentence's
    ends where there is none), and whether it is most of the sentence (``WHOLE_SHARE`` of its
    chars: then the sentence is reworded, not a clause of it).

    >>> text = "The trail runs 17 miles through the city, one of the longest in Houston."
    >>> (s, e), whole = clause_around(text, (0, len(text)), 15, 23)
    >>> text[s:e], whole
    ('The trail runs 17 miles through the city', False)
    """
    s0, e0 = sentence
    lo, hi = max(s0, min(lo, e0)), max(s0, min(hi, e0))
    start = s0
    for mark in CLAUSE_MARK.finditer(text, s0, lo):
        start = mark.end()
    end = e0
    mark = CLAUSE_MARK.search(text, hi, e0)
    if mark is not None:
        end = mark.start()
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end), end - start >= WHOLE_SHARE * (e0 - s0)
