"""The plain Python definition of the sentence splitter, kept as the specification.

``wiretrace.compare.sentences.split_sentences`` computes the same spans with compiled
passes over per-character flags (:mod:`wiretrace.compare._kernels`); the tests compare both
on invented and random text. The rules are stated in :mod:`wiretrace.compare.sentences`;
here they are one regex (``_END``) and a few string tests per candidate stop.

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
