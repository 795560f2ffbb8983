"""Reuse evidence: a pair is a reprint only when it shares prose outside quotations and lists.

Independent reports of one event quote the same statement word for word (a CEO's earnings
quote, a band's statement) and list the same facts (award winners, tour dates), so a dozen
identical words in a row prove nothing when they sit inside quotation marks or in a list.
What a reprint carries and an independent report does not is the writer's own prose, and
that includes attributed speech without quotation marks ("..., security sources said"): a
wire reprint keeps the agency's paraphrases word for word, independent reports rarely
paraphrase alike. Hence the rule, with ``prose`` the shared tokens that lie outside every
quotation and list of *both* articles (the passages' tokens counted on each side, the
smaller count kept):

    reuse  <=>  longest prose run >= min_words                (the align rule, on prose only)
                and (prose words >= MIN_PROSE_WORDS             (a paragraph or two)
                     or prose words >= BRIEF_SHARE * shorter    (a short reprint)
                     or longest prose run >= LONG_RUN)          (a long sentence copied)
                and prose words >= MIN_PROSE_SHARE * shorter    (shorter: its words)

On the real pages of ``pairs-dev``, independent reports of one event share at most 34 words
of prose besides their quotations (the names and facts of one press release: "NASA's
Goddard Space Flight Center in Greenbelt, Maryland"), 8.5% of the shorter text; two
versions of one wire story share 215 words of prose, 75% of the shorter one, and a heavily
edited 83-word reprint of the evaluation set (``eval/reprints.py``) shares 39 words, 47%.
Reprints of two paragraphs inside other text (the synthetic benchmark's "glued" pages) share
as few as 31 words, 5.3% of the longer text, but in one run of 25 words or more; the longest
run outside quotations that independent reports share is 12 words (one template paragraph
of a blog, boilerplate for the clean stage, shares 20).

A pair that fails it shares only quotations and lists (and the few words around them, "he
said"): it is ``same-event``, and :func:`shared_quotes` lists the quotations it shares with
their offsets in both articles and the speaker when the text names one.

**Template voice** (:func:`template_voice`): reported prose is third person outside its
quotations and is written in sentences, while a site's own template text (a footer, an
about-us block, an FAQ, a promotion, an author box) speaks to the reader or is headings,
rows and questions. The align stage reads it where two sites share only a frame around
bodies of their own (``wiretrace.align._network_template``): the frame of a network's
sister sites, not a reprint. The voice alone is no proof (columns, advice and interviews
close in the first or second person too), so it is read only where the pair's structure
already is a frame; and the pronouns are English, so that test reads only English text.

**Quotations** (:func:`quote_spans`) are found paragraph by paragraph (paragraphs are
separated by a blank line in ``Article.text``). An opening mark (“ " „ « » ‹ › ‘ ' ‚ 「 『)
is closed by the first matching mark after it. A double mark left open runs to the end of its
paragraph: that is the news convention for a quotation running over several paragraphs
(the closing mark is left off each paragraph but the last, the next one reopens). Single
marks double as apostrophes, so they open only before a word and after a space or an
opening bracket or dash ("don't", "the jihadists’ gains" and "'90s" open nothing), close
only after a word and before a non-letter, and a single mark left open counts only when it
opens its paragraph. Quotations of fewer than ``MIN_QUOTE_WORDS`` words are titles and scare
quotes inside prose ("the so-called “caliphate”"), not speech: they stay prose.

**Lists** (:func:`list_spans`) are runs of at least ``MIN_LIST_ITEMS`` consecutive short
items: paragraphs of at most ``MAX_ITEM_WORDS`` words (runs of non-space characters) that
do not end a sentence (names, "June 10 -- Riverbend Music Center, Cincinnati, OH",
"RAYE – WINNER", ticker rows, table cells), or bulleted/numbered lines of at most
``MAX_BULLET_WORDS`` words; no item is longer than ``MAX_ITEM_CHARS`` characters.

    >>> text = 'The board met on Monday. "We will not sell the company," Jane Doe said.'
    >>> [text[s:e] for s, e in quote_spans(text)]
    ['"We will not sell the company,"']
    >>> speaker(text, quote_spans(text)[0])
    'Jane Doe'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from wiretrace.model import Passage, SharedQuote, Span
from wiretrace.text import Tokens, english_stop_ids, token_edits, token_range, word_id
from wiretrace.vocabulary import (
    ADDRESS_WORDS,
    CJK_SENTENCE_ENDS,
    NOT_NAMES,
    SAY_VERBS,
    SENTENCE_ENDS,
)
from wiretrace.vocabulary import CLOSERS as SENTENCE_CLOSERS

MIN_PROSE_RUN = 12  # the align stage's MIN_WORDS, counted on prose only
MIN_PROSE_WORDS = 40
LONG_RUN = 22
BRIEF_SHARE = 0.25
MIN_PROSE_SHARE = 0.05
MIN_QUOTE_WORDS = 4
MIN_SHARED_QUOTE_WORDS = 4  # shorter shared pieces of a quotation are not listed
MIN_LIST_ITEMS = 3
MAX_ITEM_WORDS = 15
MAX_BULLET_WORDS = 30
MAX_ITEM_CHARS = 400  # no list item is longer (30 words of 12 characters)
ADDRESS_SHARE = 0.02  # template voice: first/second-person words per word outside quotations
NOT_PROSE_SHARE = 0.25  # ... or this share of its characters is no prose (template_voice)
ENGLISH_SHARE = 0.3  # English: this share of the words are justext's English stop words

#: Opening mark -> the marks that close it. Both guillemet directions open (French « »,
#: German » «), „ and ‚ are closed by either high mark (German, Polish, Scandinavian use).
CLOSERS = {
    "\u201c": "\u201d\u201c",  # “ ” (and “ “ as typed)
    "\u201e": "\u201c\u201d",  # „ “ / „ ”
    '"': '"',
    "\u00ab": "\u00bb",  # « »
    "\u00bb": "\u00ab",  # » «
    "\u300c": "\u300d",  # 「 」
    "\u300e": "\u300f",  # 『 』
    "\u2018": "\u2019\u2018",  # ‘ ’
    "\u201a": "\u2018\u2019",  # ‚ ‘ / ‚ ’
    "\u2039": "\u203a",  # ‹ ›
    "\u203a": "\u2039",  # › ‹
    "'": "'",
}
#: Marks that double as apostrophes (see the module docstring for how they are read).
SINGLE = frozenset("\u2018\u201a'\u2019")
_OPENERS = re.compile("[" + re.escape("".join(CLOSERS)) + "]")
_BEFORE_SINGLE_OPEN = frozenset(" \t\n([{\u2014\u2013-/\u201c\u201e\"\u00ab\u00bb")
_DECADE = re.compile(r"\d\d(?:s\b|\b)")  # '90s, '19: an elided century, not a quotation
# a paragraph ending so (before closing marks) is a sentence, no list item; a string, so
# that an empty paragraph (ending in "", which a string contains) is one too
_SENTENCE_END = SENTENCE_ENDS + ":;"
_BULLET = re.compile(r"^\s*(?:[-•*▪·–—]|\d{1,3}[.)])\s")

_SPEECH = sorted(
    SAY_VERBS
    | {"continued", "wrote", "writes", "explained", "noted", "insisted", "comments",
       "commented", "tweeted", "posted", "argued", "warned", "claimed", "replied"},
    key=len, reverse=True,
)
_VERB = "(?:" + "|".join(_SPEECH) + ")"
_NAME = (
    r"(?:[A-Z][\w'’.-]*|[A-Z]\.)(?:\s+(?:(?:de|da|del|van|von|der|al|bin|ibn|la|le)\s+)?"
    r"(?:[A-Z][\w'’.-]*|[A-Z]\.))*"
)
_TITLE = r"(?:the\s+)?(?:[a-z][\w'’-]*\s+){0,4}?"
_AFTER = re.compile(
    rf"^[\s,.:;!?—–-]*(?:{_VERB}\s+{_TITLE}(?P<n1>{_NAME})|{_TITLE}(?P<n2>{_NAME})\s+{_VERB}\b)"
)
_BEFORE = re.compile(
    rf"(?:(?P<n1>{_NAME})\s+{_VERB}|[Aa]ccording\s+to\s+{_TITLE}(?P<n2>{_NAME}))"
    r"(?:\s+[a-z][\w\s]{0,30}?)?\s*[:,]?\s*$"
)


def _paragraphs(text: str) -> list[Span]:
    """Char spans of the paragraphs of ``text`` (separated by a blank line)."""
    spans, start = [], 0
    for match in re.finditer(r"\n\s*\n", text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def _opens(text: str, k: int, lo: int) -> bool:
    """Whether the mark at ``k`` can open a quotation (single marks: before a word only)."""
    nxt = text[k + 1] if k + 1 < len(text) else ""
    if text[k] in "\u00ab\u2039":  # French « and ‹ open before a (thin) space too
        return bool(nxt)
    if text[k] not in SINGLE:
        return bool(nxt) and not nxt.isspace()
    if text[k] == "\u2019":  # a right single mark never opens
        return False
    before_ok = k == lo or text[k - 1] in _BEFORE_SINGLE_OPEN
    return before_ok and (nxt.isalpha() or nxt in "\"“") and not _DECADE.match(text, k + 1)


def _closes(text: str, k: int, mark: str) -> bool:
    """Whether the mark at ``k`` can close a quotation opened by ``mark``."""
    if mark not in SINGLE:
        return True
    prev = text[k - 1]
    nxt = text[k + 1] if k + 1 < len(text) else ""
    return not prev.isspace() and not nxt.isalnum()


def quote_spans(text: str) -> list[Span]:
    """Char spans of the quotations of ``text``, marks included, in order, non-overlapping.

    Quotations of fewer than ``MIN_QUOTE_WORDS`` words are left out (titles, scare quotes).
    """
    spans: list[Span] = []
    if _OPENERS.search(text) is None:
        return spans
    for lo, hi in _paragraphs(text):
        k = lo
        while True:
            match = _OPENERS.search(text, k, hi)
            if match is None:
                break
            k = match.start()
            mark = text[k]
            if not _opens(text, k, lo):
                k += 1
                continue
            end = -1
            for j in range(k + 1, hi):
                if text[j] in CLOSERS[mark] and _closes(text, j, mark):
                    end = j + 1
                    break
            if end < 0:  # left open: to the paragraph end, unless a stray single mark
                if mark in SINGLE and text[lo:k].strip():
                    k += 1
                    continue
                end = hi
            if len(text[k:end].split(maxsplit=MIN_QUOTE_WORDS)) >= MIN_QUOTE_WORDS:
                spans.append((k, end))
            k = end
    return spans


def list_spans(text: str) -> list[Span]:
    """Char spans of the lists of ``text``: runs of ``MIN_LIST_ITEMS`` or more short items."""
    spans: list[Span] = []
    run: list[Span] = []
    for lo, hi in [*_paragraphs(text), (-1, -1)]:
        item = False
        if 0 < hi - lo <= MAX_ITEM_CHARS:  # longer: no item (saves counting words)
            para = text[lo:hi]
            if _BULLET.match(para):
                item = len(para.split(maxsplit=MAX_BULLET_WORDS)) <= MAX_BULLET_WORDS
            elif para.rstrip().rstrip(SENTENCE_CLOSERS)[-1:] not in _SENTENCE_END:
                item = len(para.split(maxsplit=MAX_ITEM_WORDS)) <= MAX_ITEM_WORDS
        if item:
            run.append((lo, hi))
            continue
        if len(run) >= MIN_LIST_ITEMS:
            spans.append((run[0][0], run[-1][1]))
        run = []
    return spans


def excluded_tokens(text: str, tokens: Tokens) -> np.ndarray:
    """``mask[t]``: token ``t`` lies inside a quotation or a list of ``text``."""
    spans = sorted(quote_spans(text) + list_spans(text))
    mask = np.zeros(len(tokens), dtype=bool)
    if not spans:
        return mask
    bounds = np.array(spans, dtype=np.int64)
    at = np.searchsorted(bounds[:, 0], tokens.starts, side="right") - 1
    inside = at >= 0
    mask[inside] = tokens.starts[inside] < bounds[at[inside], 1]
    return mask


_ADDRESS_IDS = np.array(sorted(map(word_id, ADDRESS_WORDS)), dtype=np.uint32)
_QUESTION_MARKS = "?\uff1f\u061f"
# a sentence's end, questions aside ("..." closes a teaser more often than a sentence)
_PROSE_ENDS = "".join(c for c in SENTENCE_ENDS + CJK_SENTENCE_ENDS
                      if c not in _QUESTION_MARKS + "\u2026")


def template_voice(text: str, tokens: Tokens, spans: list[Span]) -> bool:
    """Whether the text at ``spans`` reads as a site's own template rather than as reported
    prose: the paragraphs holding it address the reader (they are English, at least
    ``ENGLISH_SHARE`` of their words outside quotations justext's English stop words, and at
    least ``ADDRESS_SHARE`` of those words are first or second person,
    ``vocabulary.ADDRESS_WORDS``: "We're here to help you", "Hi there! I'm ...", "If you
    liked this post"; a word in capitals, "US", is a name), or at least ``NOT_PROSE_SHARE``
    of their characters lie in short paragraphs that end no sentence (headings, table rows,
    tags: list items, at most ``MAX_ITEM_WORDS`` words), stand in parentheses (an author's
    bio, an editor's note), ask a question of their own (not a quoted one), or answer such a
    question just before them (an FAQ's questions and answers).

    Reported prose is third person outside its quotations and is written in sentences; a
    footer, an about-us block, an FAQ or a promotion speaks to the reader. Whole paragraphs
    are read (a passage ends at its last word, before the full stop). The pronouns are
    English words ("i" is Italian "the", "we" Polish "in"), hence the language test.
    """
    paragraphs = [(lo, hi) for lo, hi in _paragraphs(text)
                  if hi > lo and any(lo < e and s < hi for s, e in spans)]
    total = sum(hi - lo for lo, hi in paragraphs)
    if not total:
        return False
    questions = [_asks(text[lo:hi]) for lo, hi in paragraphs]
    open_ended = 0
    for k, (lo, hi) in enumerate(paragraphs):
        paragraph = text[lo:hi]
        end = paragraph.rstrip().rstrip(SENTENCE_CLOSERS)[-1:]
        if (questions[k] or (k and questions[k - 1]) or _aside(paragraph)
                or (end not in _PROSE_ENDS + _QUESTION_MARKS
                    and len(paragraph.split(maxsplit=MAX_ITEM_WORDS)) <= MAX_ITEM_WORDS)):
            open_ended += hi - lo
    if open_ended >= NOT_PROSE_SHARE * total:
        return True
    inside = np.zeros(len(tokens), dtype=bool)
    for lo, hi in paragraphs:
        inside[np.searchsorted(tokens.starts, lo):np.searchsorted(tokens.starts, hi)] = True
    for lo, hi in quote_spans(text):
        inside[np.searchsorted(tokens.starts, lo):np.searchsorted(tokens.starts, hi)] = False
    where = np.flatnonzero(inside)
    if not len(where):
        return False
    ids = tokens.ids[where]
    hits = where[_member(ids, _ADDRESS_IDS)]
    needed = ADDRESS_SHARE * len(ids)
    if len(hits) < needed:
        return False  # the usual case, decided before the per-word tests
    address = sum(1 for a, b in zip(tokens.starts[hits].tolist(), tokens.ends[hits].tolist(),
                                    strict=True) if b - a < 2 or not text[a:b].isupper())
    return address >= needed and _member(ids, english_stop_ids()).mean() >= ENGLISH_SHARE


def _member(ids: np.ndarray, sorted_ids: np.ndarray) -> np.ndarray:
    """``np.isin(ids, sorted_ids)`` for a sorted, non-empty ``sorted_ids``, by binary search
    (small arrays, many calls: no sort or table built per call)."""
    at = np.minimum(np.searchsorted(sorted_ids, ids), len(sorted_ids) - 1)
    return sorted_ids[at] == ids


def _asks(paragraph: str) -> bool:
    """Whether the paragraph ends with a question of its own: a question mark with no
    closing quotation mark after it ("... she said: “Why should it?”" asks nothing of the
    reader; an FAQ's "How do I cancel?" does)."""
    return paragraph.rstrip()[-1:] in _QUESTION_MARKS


def _aside(paragraph: str) -> bool:
    """Whether a whole paragraph stands in parentheses: an editor's note or an author's
    bio set apart from the prose ("(Jane Doe is a lawyer at Example LLP ...)")."""
    paragraph = paragraph.strip().rstrip(".")
    return paragraph.startswith("(") and paragraph.endswith(")")


def _longest_run(flags: np.ndarray) -> int:
    """Length of the longest run of True in a bool array."""
    if not flags.any():
        return 0
    edges = np.flatnonzero(np.diff(np.r_[0, flags.astype(np.int8), 0]))
    return int((edges[1::2] - edges[::2]).max())


@dataclass(frozen=True)
class Evidence:
    """What a pair's passages share outside quotations and lists (see the module docstring)."""

    prose_words: int
    longest_prose_run: int
    shorter_words: int
    min_run: int = MIN_PROSE_RUN  # the align stage's ``min_words``

    @property
    def is_reuse(self) -> bool:
        words, shorter = self.prose_words, self.shorter_words
        return (
            self.longest_prose_run >= self.min_run
            and (
                words >= MIN_PROSE_WORDS
                or words >= BRIEF_SHARE * shorter
                or self.longest_prose_run >= LONG_RUN
            )
            and words >= MIN_PROSE_SHARE * shorter
        )


def evidence(
    passages: list[Passage],
    ta: Tokens,
    tb: Tokens,
    excluded_a: np.ndarray | None,
    excluded_b: np.ndarray | None,
    min_run: int = MIN_PROSE_RUN,
    shared: tuple[float, float] | None = None,
) -> Evidence:
    """The prose a pair shares: the tokens of its passages outside quotations and lists,
    counted on each side, the smaller count kept; likewise the longest run of them (per
    passage, the smaller side's).

    ``excluded_a``/``excluded_b`` are :func:`excluded_tokens` (None: nothing excluded).
    Array code over all passages at once (prefix sums of the prose tokens); only a passage
    that holds excluded tokens has its longest run read token by token. When nothing is
    excluded and the pair's shared fractions are given (``shared``), the words are read from
    them, and the longest run is known to be at least ``min_run`` (the align rule): that is
    the answer when it already makes the pair reuse, the common case, which costs nothing.
    """
    shorter = min(len(ta), len(tb))
    if not passages:
        return Evidence(0, 0, shorter, min_run)
    if excluded_a is None and excluded_b is None and shared is not None:
        words = min(round(shared[0] * len(ta)), round(shared[1] * len(tb)))
        quick = Evidence(words, min_run, shorter, min_run)
        if quick.is_reuse:
            return quick
    if excluded_a is None:
        excluded_a = np.zeros(len(ta), dtype=bool)
    if excluded_b is None:
        excluded_b = np.zeros(len(tb), dtype=bool)
    words_a, runs_a = _prose(ta, excluded_a, [p.a for p in passages])
    words_b, runs_b = _prose(tb, excluded_b, [p.b for p in passages])
    words = min(int(words_a.sum()), int(words_b.sum()))
    return Evidence(words, int(np.minimum(runs_a, runs_b).max()), shorter, min_run)


def _prose(tokens: Tokens, excluded: np.ndarray, spans: list[Span]) -> tuple[np.ndarray, ...]:
    """Per char span: its tokens outside quotations and lists, and their longest run."""
    bounds = np.array(spans, dtype=np.int64)
    first = np.searchsorted(tokens.starts, bounds[:, 0], side="left")
    last = np.maximum(first, np.searchsorted(tokens.ends, bounds[:, 1], side="right"))
    prose = np.zeros(len(excluded) + 1, dtype=np.int64)
    np.cumsum(~excluded, out=prose[1:])
    words = prose[last] - prose[first]
    runs = words.copy()  # a span without excluded tokens is one run
    for k in np.flatnonzero(words < last - first).tolist():
        runs[k] = _longest_run(~excluded[first[k] : last[k]])
    return words, runs


def speaker(text: str, quote: Span) -> str | None:
    """Who says the quotation at ``quote`` when its paragraph names them, else None.

    Read after the closing mark (`"...," said John Smith` / `"...," Smith said`), then before
    the opening mark (`Smith said: "..."` / `according to Smith, "..."`); pronouns and a bare
    "the company said" name nobody.
    """
    para_lo = text.rfind("\n\n", 0, quote[0]) + 1
    para_hi = text.find("\n\n", quote[1])
    para_hi = len(text) if para_hi < 0 else para_hi
    after = text[quote[1] : min(para_hi, quote[1] + 120)]
    before = text[max(para_lo, quote[0] - 120) : quote[0]]
    for match in (_AFTER.match(after), _BEFORE.search(before)):
        if match is None:
            continue
        words = (match.group("n1") or match.group("n2")).rstrip(".,").split()
        while len(words) > 1 and (words[0].isupper() or words[0].lower() in NOT_NAMES):
            words.pop(0)  # a title or a sentence start: "CEO Craig Menear", "The"
        if words[0].lower() not in NOT_NAMES:
            return " ".join(words)
    return None


def shared_quotes(
    text_a: str,
    ta: Tokens,
    text_b: str,
    tb: Tokens,
    passages: list[Passage],
) -> list[SharedQuote]:
    """The quotations ``a`` and ``b`` share, in order of ``a``: identical words of the
    passages that lie inside a quotation of either article, one entry per quotation.

    Words are matched one to one by the passage's LCS edit script
    (:func:`wiretrace.text.token_edits`);
    consecutive matched words inside one quotation (of ``a``, or of ``b`` when ``a`` does not
    mark it) make one entry, whose spans run from its first to its last word on each side.
    Quoted titles inside a list (a song in a list of nominees) are the list's, not speech.
    """
    qa, qb = _speech(text_a), _speech(text_b)
    label_a, label_b = _labels(ta, qa), _labels(tb, qb)
    found: list[SharedQuote] = []
    for passage in passages:
        a0, a1 = token_range(ta, passage.a)
        b0, b1 = token_range(tb, passage.b)
        ops = token_edits(ta.ids[a0:a1].tolist(), tb.ids[b0:b1].tolist())
        run: list[tuple[int, int, tuple[int, int]]] = []
        for tag, i0, i1, j0, j1 in ops:
            if tag != "equal":
                continue
            for i, j in zip(range(a0 + i0, a0 + i1), range(b0 + j0, b0 + j1), strict=True):
                key = (int(label_a[i]), int(label_b[j]))
                if key == (-1, -1):
                    continue
                if run and not _same_quote(run[-1][2], key):
                    _close(run, found, text_a, ta, qa, text_b, tb, qb)
                run.append((i, j, key))
        _close(run, found, text_a, ta, qa, text_b, tb, qb)
    return found


def _speech(text: str) -> list[Span]:
    """The quotations of ``text`` that do not lie inside one of its lists."""
    lists = list_spans(text)
    return [q for q in quote_spans(text) if not any(s <= q[0] and q[1] <= e for s, e in lists)]


def _labels(tokens: Tokens, spans: list[Span]) -> np.ndarray:
    """Per token, the index of the quotation holding it, or -1."""
    labels = np.full(len(tokens), -1, dtype=np.int64)
    if spans:
        bounds = np.array(spans, dtype=np.int64)
        at = np.searchsorted(bounds[:, 0], tokens.starts, side="right") - 1
        inside = (at >= 0) & (tokens.starts < bounds[np.maximum(at, 0), 1])
        labels[inside] = at[inside]
    return labels


def _same_quote(prev: tuple[int, int], key: tuple[int, int]) -> bool:
    return (prev[0] >= 0 and prev[0] == key[0]) or (prev[1] >= 0 and prev[1] == key[1])


def _close(
    run: list[tuple[int, int, tuple[int, int]]],
    found: list[SharedQuote],
    text_a: str, ta: Tokens, qa: list[Span], text_b: str, tb: Tokens, qb: list[Span],
) -> None:
    """Turn the run of matched quoted words into a SharedQuote (when long enough); empty it."""
    if len(run) >= MIN_SHARED_QUOTE_WORDS:
        (i0, j0, key), (i1, j1, _) = run[0], run[-1]
        span_a = (int(ta.starts[i0]), int(ta.ends[i1]))
        span_b = (int(tb.starts[j0]), int(tb.ends[j1]))
        who = (speaker(text_a, qa[key[0]]) if key[0] >= 0 else None) or (
            speaker(text_b, qb[key[1]]) if key[1] >= 0 else None
        )
        found.append(SharedQuote(text_a[span_a[0] : span_a[1]], span_a, span_b, who))
    run.clear()
