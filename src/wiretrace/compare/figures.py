"""Reading figures ("at least 7 soldiers were dead", per Reuters) out of English sentences.

A figure is a number linked to a predicate (killed, wounded, arrested...) by one of three
small patterns over the words of one sentence (word lists in ``wiretrace.vocabulary``):

* passive/adjectival: ``[qualifier] NUMBER [noun words] [auxiliaries] PREDICATE``
  ("two security personnel were killed", "18 civilians wounded", "16 wounded");
* active: ``PREDICATE [qualifier] NUMBER [noun words]`` ("had killed 20 jihadists");
* toll: ``toll ... to/of/at [qualifier] NUMBER`` ("the death toll rose to 12").

A number word ("two", "twenty-five", "a dozen") or digits ("1,200") is a number; vague
quantities ("dozens") are never turned into a figure. A figure without a noun ("and 16
wounded") takes the noun of the figure before it in the sentence, else it counts people.
The sentence's attribution (``attribution``) is attached to each figure. Only English is
read: other languages give no figures (and never an error).

    >>> [f.value for f in extract_figures("Police said 3 people were hurt and two killed.")]
    [3.0, 2.0]

``figure_tokens`` reads every number of a text as one whole token, whatever it counts
("10,000", "10.000", "1.5 million", "$3bn", "40%", "2-1", "No. 44", a year): the word diff
compares figures through it, so a number changed in place is one changed figure, never a
word swap and never cut in pieces ("10,000" -> "12,000" is not "10" -> "12").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from itertools import accumulate

from wiretrace.compare.sentences import split_sentences
from wiretrace.model import Figure, Span
from wiretrace.vocabulary import (
    AGENCY_ALIASES,
    AUXILIARIES,
    MULTIPLIERS,
    NOUN_LINKERS,
    NOUN_MODIFIERS_MAX,
    NOUN_STOPS,
    NUMBER_WORDS,
    PREDICATE_CLASS,
    PREDICATE_NOUNS,
    PREDICATES,
    QUALIFIERS,
    SAY_VERBS,
    TOLL_LINKS,
    TOLL_WORDS,
    UNITS,
)

# An agency named as written (case-sensitive, whole words: "Reutersville" is no agency).
_AGENCY = re.compile(
    r"(?<![\w-])("
    + "|".join(sorted(map(re.escape, AGENCY_ALIASES), key=len, reverse=True))
    + r")(?![\w-])"
)

_WORD = re.compile(
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[^\W\d_]+(?:['\u2019-][^\W\d_]+)*|[^\w\s]"
)
_ACCORDING = re.compile(
    r"\baccording to ((?:(?:\d+(?:[.,]\d+)*|[\w'\u2019-]+)[ ]?){1,8}?)(?=[,.;:)]|$| that\b)"
)
_PRONOUNS = frozenset(["he", "she", "they", "it", "we", "i", "you", "who", "which", "this", "that"])
#: The words of the number words ("a" aside: it starts too many phrases to tell anything).
_COUNT_WORDS = frozenset({w for k in NUMBER_WORDS for w in k.split()} - {"a"})
#: A sentence without a match cannot hold a figure: no digit and no number word standing as a
#: word or a hyphenated part (a superset of what ``_number`` reads; it only saves time).
_MAY_COUNT = re.compile(
    r"\d|(?<![^\W\d_])(?:"
    + "|".join(sorted(_COUNT_WORDS, key=len, reverse=True))
    + r")(?![^\W\d_])",
    re.IGNORECASE,
)


def attribution(sentence: str) -> str | None:
    """Who a sentence cites, read from the sentence alone: the subject of its first verb of
    saying ("X said", "..., said X"; "told AFP" gives the agency) or "according to X",
    whichever comes first, else an agency it names while citing. An agency inside the cited phrase is reported by its name
    ("Reuters reported" -> "Reuters"); an agency named elsewhere in the sentence never
    replaces the source the sentence gives ("12 dead, the disaster agency said (AP)")."""
    match = _ACCORDING.search(sentence)
    tokens = [(m.group(0), m.start()) for m in _WORD.finditer(sentence)]
    for k, (word, at) in enumerate(tokens):
        if match and match.start() < at:
            break
        if word.lower() not in SAY_VERBS:
            continue
        told = _AGENCY.match(sentence, tokens[k + 1][1]) if k + 1 < len(tokens) else None
        if told:  # "a military source told AFP": the agency that reports it
            return AGENCY_ALIASES[told.group(1)]
        subject: list[str] = []
        for prev, _ in reversed(tokens[max(0, k - 8) : k]):
            if not prev[0].isalnum():
                break
            subject.insert(0, prev)
        if subject and not (len(subject) == 1 and subject[0].lower() in _PRONOUNS):
            return _named(" ".join(subject))
        if k + 1 < len(tokens) and tokens[k + 1][0][0].isalpha():  # '..., said the general'
            after = [w for w, _ in tokens[k + 1 : k + 5] if w[0].isalnum()]
            if after and after[0].lower() not in _PRONOUNS:
                return _named(" ".join(after[:3]))
        break
    if match:
        return _named(match.group(1).strip())
    words = {w.lower() for w in _WORD.findall(sentence)}
    if words & SAY_VERBS or "quoted" in words:
        match = _AGENCY.search(sentence)
        if match:
            return AGENCY_ALIASES[match.group(1)]
    return None


_LEADS = frozenset(("but", "and", "so", "yet", "while", "as"))


def _named(source: str) -> str:
    """The cited phrase as reported: an agency's name when it names one ("the Reuters news
    agency" -> "Reuters", "Agence France-Presse" -> "AFP"), else the phrase without a
    leading conjunction ("But officials" -> "officials") and with the sentence's capital off a
    leading article ("A doctor at the hospital" -> "a doctor at the hospital")."""
    match = _AGENCY.search(source)
    if match:
        return AGENCY_ALIASES[match.group(1)]
    first, _, rest = source.partition(" ")
    if rest and first.lower() in _LEADS:
        source = rest
        first, _, rest = source.partition(" ")
    if rest and first in _ARTICLES:  # a sentence's capital: "per a doctor", not "per A doctor"
        source = first.lower() + " " + rest
    return source


_ARTICLES = frozenset(("A", "An", "The"))


def _number(words: list[str], k: int) -> tuple[float, int] | None:
    """The number starting at word ``k``, as (value, index after it), else None."""
    word = words[k].lower()
    if word[0].isdecimal():
        try:
            value = float(word.replace(",", ""))
        except ValueError:
            return None
    elif word == "a" and k + 1 < len(words) and words[k + 1].lower() == "dozen":
        return 12.0, k + 2
    elif word in NUMBER_WORDS:
        value = float(NUMBER_WORDS[word])
    elif "-" in word and all(part in NUMBER_WORDS for part in word.split("-")):
        value = float(sum(NUMBER_WORDS[part] for part in word.split("-")))
    else:
        return None
    end = k + 1
    if end < len(words) and words[end].lower() in MULTIPLIERS:
        value *= MULTIPLIERS[words[end].lower()]
        end += 1
    return value, end


#: The qualifiers by their last word, each list in ``QUALIFIERS`` order (the first that
#: precedes a number is its qualifier; only those ending in the word before it can).
_QUALIFIER_PARTS: dict[str, list[tuple[str, list[str]]]] = {}
for _phrase in QUALIFIERS:
    _QUALIFIER_PARTS.setdefault(_phrase.split()[-1], []).append((_phrase, _phrase.split()))


def _qualifier(lower: list[str], k: int) -> tuple[str | None, int]:
    for phrase, parts in _QUALIFIER_PARTS.get(lower[k - 1], ()) if k else ():
        if k >= len(parts) and lower[k - len(parts) : k] == parts:
            return phrase, k - len(parts)
    return None, k


_ASCII_LETTERS = re.compile(r"[A-Za-z]+")
_ASCII_DIGIT = re.compile(r"[0-9]")


def _may_count(sentence: str) -> bool:
    """``_MAY_COUNT.search(sentence)``: a digit or a number word. On ASCII text (most
    sentences) a set lookup of its letter runs, the same answer without the case-folding
    regex and its lookarounds; other text takes the regex."""
    if not sentence.isascii():
        return _MAY_COUNT.search(sentence) is not None
    if _ASCII_DIGIT.search(sentence) is not None:
        return True
    return not _COUNT_WORDS.isdisjoint(_ASCII_LETTERS.findall(sentence.lower()))


_YEARLIKE = re.compile(r"(?:1[89]|20)\d\d")


def _bare_count(word: str) -> bool:
    """Whether ``word`` names things counted on their own: a lower-case plural that is no
    unit of measure, time or money ("workers", not "minutes")."""
    return (
        len(word) > 3 and word.islower() and word.isalpha() and word.endswith("s")
        and not word.endswith("ss") and word not in UNITS
    )


#: The words that start a number besides digits and hyphenated number words (``_number``).
_NUMBER_STARTS = frozenset([*NUMBER_WORDS, "a"])


def _figures_in(sentence: str, offset: int, source: str) -> list[Figure]:
    if not _may_count(sentence):
        return []
    words: list[str] = _WORD.findall(sentence)
    matches: list[re.Match[str]] = []  # where the words lie: read once a figure is found
    lower = list(map(str.lower, words))
    who: str | None = None
    cited = False
    found: list[Figure] = []
    k = 0
    # the words that may start a number (at any other ``_number`` says None), left to right
    for at in [
        t for t, low in enumerate(lower)
        if low in _NUMBER_STARTS or "-" in low or low[0].isdecimal()
    ]:
        if at < k:
            continue  # inside the figure read last
        k = at
        number = _number(words, k)
        if number is None:
            k += 1
            continue
        value, end = number
        qualifier, first = _qualifier(lower, k)
        # noun words after the number, then auxiliaries, then maybe a predicate
        n = end
        noun: list[str] = []
        while n < len(words) and len(noun) < NOUN_MODIFIERS_MAX + 3 and words[n][0].isalpha():
            if lower[n] in AUXILIARIES or lower[n] in PREDICATE_CLASS or lower[n] in NOUN_STOPS:
                break
            if lower[n] in NOUN_LINKERS and not noun:
                break
            if len(noun) >= NOUN_MODIFIERS_MAX + 1 and lower[n] not in NOUN_LINKERS:
                break
            noun.append(words[n])
            n += 1
        m = n
        while m < len(words) and lower[m] in AUXILIARIES:
            m += 1
        predicate: str | None = None
        stop = n
        if noun and noun[-1].lower() in PREDICATE_NOUNS:
            predicate, noun = noun[-1], []
        elif m < len(words) and lower[m] in PREDICATE_CLASS:
            predicate, stop = words[m], m + 1
        elif first > 0 and lower[first - 1] in PREDICATE_CLASS:
            predicate = words[first - 1]
            if not lower[first - 1].endswith("ed"):  # "killing 15 people": 15 people killed
                predicate = PREDICATES[PREDICATE_CLASS[lower[first - 1]]][0]
        elif any(lower[t] in TOLL_WORDS for t in range(max(0, first - 5), first)) and (
            first > 0 and lower[first - 1] in TOLL_LINKS
        ):
            predicate = "dead"
        elif any(_bare_count(w) for w in noun) and not _YEARLIKE.fullmatch(words[k]):
            # a bare count ("270 workers found"): what is counted, nothing done
            noun = noun[: next(t for t, w in enumerate(noun) if _bare_count(w)) + 1]
            predicate, stop = "", end + len(noun)
        if predicate is None or (noun and noun[-1].lower() in _PRONOUNS):
            k = end
            continue
        noun_text = " ".join(noun)
        if not noun_text and found:
            noun_text = found[-1].noun
        if not cited:  # the sentence's attribution, read once and only when needed
            who, cited = attribution(sentence), True
        if not matches:
            matches = list(_WORD.finditer(sentence))
        start = matches[first].start()
        stop_at = matches[max(stop, end) - 1].end()
        found.append(
            Figure(
                value=value,
                text=sentence[matches[k].start() : matches[end - 1].end()],
                noun=noun_text,
                predicate=predicate,
                sentence=sentence,
                span=(offset + start, offset + stop_at),
                qualifier=qualifier,
                attribution=who,
            )
        )
        k = max(end, stop)
    return found


def extract_figures(
    text: str, sentences: Sequence[Span] | None = None, source: str = ""
) -> list[Figure]:
    """Every figure in ``text`` (split into ``sentences`` unless given), in order."""
    spans = split_sentences(text) if sentences is None else sentences
    figures: list[Figure] = []
    for s, e in spans:
        figures.extend(
            replace(f, span=(f.span[0] + s, f.span[1] + s)) for f in _sentence_figures(text[s:e])
        )
    return figures


def states_figures(sentence: str) -> bool:
    """Whether ``extract_figures`` finds a figure in ``sentence`` (one sentence of a text)."""
    return bool(_sentence_figures(sentence))


@lru_cache(maxsize=65536)
def _sentence_figures(sentence: str) -> tuple[Figure, ...]:
    """The figures of one sentence, spans relative to it (cached: the versions of a story
    share most of their sentences, and a figure depends on its sentence alone)."""
    return tuple(_figures_in(sentence, 0, ""))


#: One figure as written: an optional currency sign, digits with thousands separators ("," or
#: "." before exactly three digits: "10,000", "10.000") and a decimal part, or a score/range
#: ("2-1"), or a number sign ("No. 44", "#3"); then an optional scale or percent ("1.5
#: million", "3bn", "40%", "40 percent").
#: (The leading lookahead, the chars a figure can start with, lets the engine skip to them.)
FIGURE = re.compile(
    r"(?=[Nn#$\u20ac\u00a3\u00a5\d])(?<![\w.,])(?:(?P<no>(?:No|Nos|no)\.?\s?|#)(?=\d))?"
    r"(?P<cur>[$\u20ac\u00a3\u00a5]\s?)?"
    r"(?P<num>\d{1,3}(?:(?P<sep>[,.])\d{3}(?!\d))(?:(?P=sep)\d{3}(?!\d))*(?:[.,]\d+)?"
    r"|\d+(?:[.,]\d+)?)"
    r"(?:(?P<score>[-\u2013:]\d+)(?!\d|[.,]\d))?"
    r"(?P<scale>\s?(?:%|per\s?cent\b|percent\b)|(?:\s(?:million|billion|trillion|thousand)\b)"
    r"|(?:bn|mn|m|k|tn)\b)?"
)
_SCALES = {"million": 1e6, "billion": 1e9, "trillion": 1e12, "thousand": 1e3, "bn": 1e9,
           "mn": 1e6, "m": 1e6, "k": 1e3, "tn": 1e12}


def figure_value(match: re.Match[str]) -> float:
    """The value of one ``FIGURE`` match: separators read ("10.000" is ten thousand, "5.9"
    five point nine; one group of three digits after a leading zero or before a scale is a
    decimal part: "0.107", "1.725 billion"), the scale applied ("1.5 million" is 1,500,000);
    a percentage is its number (40 for "40%"), a score or range ("2-1") the value of its
    first number."""
    num, sep = match.group("num"), match.group("sep")
    scale = (match.group("scale") or "").strip().lower()
    if sep and num.count(sep) == 1 and len(num) == num.index(sep) + 4 and (
        num.startswith("0") or (sep == "." and scale)
    ):  # "0.107", "1.725 billion", "2.125%": a decimal part ("1,200 million" stays grouped)
        sep = None
    if sep:  # thousands separated by ``sep``; a last part after the other mark is decimal
        whole, _, decimal = num.partition("," if sep == "." else ".")
        digits = whole.replace(sep, "") + ("." + decimal if decimal else "")
    else:
        digits = num.replace(",", ".")
    value = float(digits)
    return value * _SCALES.get(scale, 1.0)


_SCORE_END = re.compile(r"[-\u2013:](\d+)(?:\s?(?:%|per\s?cent\b|percent\b))?$")


def range_end(token: str) -> float | None:
    """The second number of a score or range written as one figure ("5-10" -> 10.0,
    "2-1" -> 1.0, "$30\u201360" -> 60.0), else None: two ranges with the same start differ
    by their ends ("5-10 minutes" -> "5-12 minutes" changes 10 to 12)."""
    match = _SCORE_END.search(token)
    return float(match.group(1)) if match else None


_NUMBER_WORD_BODY = (
    r"(?<![\w-])(?:"
    + "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True))
    + r")(?![\w-])"
)
_INITIALS = "".join(sorted({w[0] for w in NUMBER_WORDS}))
#: A number word; the leading lookahead (the words' first letters) lets the engine skip to
#: candidate chars. ``_NUMBER_WORD_LOWER`` is for a lower-cased ASCII text: the same matches
#: as the case-blind pattern on the text itself (ASCII lower-casing is char for char), found
#: without case folding at every char.
_NUMBER_WORD = re.compile(rf"(?=[{_INITIALS}])" + _NUMBER_WORD_BODY, re.IGNORECASE)
_NUMBER_WORD_LOWER = re.compile(rf"(?=[{_INITIALS}])" + _NUMBER_WORD_BODY)


def figure_tokens(text: str) -> list[tuple[Span, float]]:
    """Every figure of ``text`` as one whole token, ((start, end), value), in order: the
    ``FIGURE`` matches and number words ("two", "a dozen") outside them."""
    found = [(m.span(), figure_value(m)) for m in FIGURE.finditer(text)]
    if _may_count(text):
        matches = (
            _NUMBER_WORD_LOWER.finditer(text.lower()) if text.isascii()
            else _NUMBER_WORD.finditer(text)
        )
        ends = [e for (_, e), _ in found]  # the FIGURE matches are disjoint, in order
        words = []
        for m in matches:
            s, e = m.span()
            k = bisect_left(ends, s + 1)  # the first figure ending after s
            if k < len(found) and found[k][0][0] < e:
                continue  # overlaps a figure
            words.append(((s, e), float(NUMBER_WORDS[m.group(0).lower()])))
        if words:
            found = sorted(found + words)
    return found


#: A line break before a char that a figure token may hold after white space: a digit, "%",
#: a currency sign, or the first letter of "per cent", "cent" or a scale word. Only there may
#: a ``FIGURE`` match run across lines (white space inside one is always followed by more of it).
_CROSSING = re.compile(
    r"[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029](?=[\d%pcmbt$\u20ac\u00a3\u00a5])"
)


def figure_lines(text: str) -> list[int] | None:
    """Where the lines of ``text`` start (``str.splitlines``, each with its break), and its
    length last, when no figure token can run across lines; else None.

    Then the figure tokens of a line, read alone (``figure_tokens``), are the text's tokens
    inside it: every lookaround of ``FIGURE`` and of the number words reads one char beyond
    the token, where the line holds its break char or ends, and a line break is no word
    char, no digit, no "." or ","; and a text without a number word or a digit (the test
    that spares looking for number words) has none in any of its lines.

    >>> figure_lines("Two died.\\n3 hurt.") is None, figure_lines("Two died.\\nThree hurt.")
    (True, [0, 10, 21])
    """
    if _CROSSING.search(text) is not None:
        return None
    return [0, *accumulate(len(line) for line in text.splitlines(keepends=True))]


#: How far a figure token reaches from a digit of it: before its first digit a number sign
#: and a currency sign ("Nos. $ 5": 7 chars), after its last one a scale (" per cent",
#: " trillion": 9); and the longest number word ("one hundred": 11). With margin.
_REACH = 12
_DIGIT = re.compile(r"\d")


def may_touch(text: str, lo: int, hi: int) -> bool:
    """Whether a figure token of ``text`` (``figure_tokens``) may overlap ``[lo, hi)``: a
    quick necessary test. Every ``FIGURE`` match holds a digit within ``_REACH`` chars of
    any char of it, and a number word overlapping the span lies inside the span widened by
    ``_REACH`` (found there: the lookbehind reads the text before the window, and at the
    window's end the lookahead can only let more through). False: no figure token overlaps,
    without finding the text's figures."""
    start, end = max(0, lo - _REACH), hi + _REACH
    return (
        _DIGIT.search(text, start, end) is not None
        or _NUMBER_WORD.search(text, start, end) is not None
    )
