"""Which lines of an article can name an agency: one compiled scan instead of a regex per line.

Why: credits (:mod:`wiretrace.clean.credits`) are looked for in every caption and every body
paragraph, and Python's ``re`` spends about 10 ns per character on the union of the agency
patterns (at each capital letter it tries every alternative in turn), which made it the
largest single cost of cleaning. Every agency pattern in ``vocabulary.AGENCIES`` opens each
alternative with a literal ("AFP", "Agence France", "Reuters", "Getty", ...), so a line
holding none of those literals cannot match any agency pattern, nor any attribution pattern
built on them. One pass over the article's lines (as UTF-8 bytes: the literals are ASCII,
and no byte of a multi-byte UTF-8 character is ASCII) marks the lines holding a literal;
only those go on to the regular expressions. The answer is exact: a line left unmarked is
one where every pattern fails.

    >>> may_name_agency(["Troops on patrol. (Jane Doe/AFP)", "Rain fell all day.", ""])
    [True, False, False]
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from numba import njit

from wiretrace.clean.vocabulary import AGENCIES

_META = re.compile(r"[\\\[\]().?*+{}|^$]")


def literal_openings(patterns: Sequence[re.Pattern[str]]) -> list[str]:
    """The literal text each top-level alternative of each pattern opens with (after ``\\b``).

    Raises ValueError for an alternative that opens with no literal: the scan would then
    miss its matches, so the vocabulary must keep every alternative literal-first.
    """
    out = []
    for pattern in patterns:
        for alternative in pattern.pattern.split("|"):
            body = alternative.removeprefix(r"\b")
            cut = _META.search(body)
            literal = body[: cut.start()] if cut else body
            if not literal or not literal.isascii() or pattern.flags & re.IGNORECASE:
                raise ValueError(f"agency pattern {pattern.pattern!r} does not open with an "
                                 f"ASCII literal in {alternative!r}")
            out.append(literal)
    return sorted(set(out))


def _table(literals: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Literals as one byte array with offsets, sorted, and for each byte value the range of
    literals opening with it (``by_first[c]:by_first[c + 1]``)."""
    literals = sorted(literals)
    data = "".join(literals).encode("ascii")
    offsets = np.cumsum([0] + [len(x) for x in literals]).astype(np.int64)
    firsts = np.array([ord(x[0]) for x in literals], dtype=np.int64)
    by_first = np.searchsorted(firsts, np.arange(257)).astype(np.int64)
    return np.frombuffer(data, dtype=np.uint8), offsets, by_first


_LITERALS, _OFFSETS, _BY_FIRST = _table(literal_openings([p for _, p in AGENCIES]))


@njit(cache=True, nogil=True)
def _marked_lines(text, n_lines, literals, offsets, by_first):  # pragma: no cover - compiled
    """``out[k]``: line ``k`` of ``text`` (lines joined by b"\\n") holds one of the literals."""
    out = np.zeros(n_lines, dtype=np.bool_)
    line = 0
    n = text.shape[0]
    for i in range(n):
        c = text[i]
        if c == 10:
            line += 1
            continue
        for k in range(by_first[c], by_first[c + 1]):
            if out[line]:
                break
            start, end = offsets[k], offsets[k + 1]
            if i + end - start > n:
                continue
            j = 1
            while j < end - start and text[i + j] == literals[start + j]:
                j += 1
            if j == end - start:
                out[line] = True
    return out


def may_name_agency(lines: Sequence[str]) -> list[bool]:
    """For each line (no line breaks inside), whether any agency pattern could match it."""
    if not lines:
        return []
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    flags = _marked_lines(np.frombuffer(data, dtype=np.uint8), len(lines), _LITERALS,
                          _OFFSETS, _BY_FIRST)
    return flags.tolist()
