"""The literals that open every agency pattern: what a line must hold to name an agency.

Why: credits (:mod:`wiretrace.clean.credits`) are looked for in every caption and every body
paragraph, and Python's ``re`` scans the union of the agency patterns character by
character (at each capital letter it tries every alternative in turn). Every agency pattern in ``wiretrace.vocabulary.AGENCIES`` opens each
alternative with a literal ("AFP", "Agence France", "Reuters", "Getty", ...), so a line
holding none of those literals cannot match any agency pattern, nor any attribution pattern
built on them. The compiled line scan (:mod:`wiretrace.clean.line_scan`) looks for these
literals in the page's UTF-8 bytes (they are ASCII, and no byte of a multi-byte UTF-8
character is ASCII) and marks the lines holding one; only those go on to the regular
expressions. The answer is exact: a line left unmarked is one where every pattern fails.

    >>> literal_openings([re.compile(r"\\bAFP\\b|\\bAgence France[- ]Presse\\b")])
    ['AFP', 'Agence France']
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from wiretrace.vocabulary import AGENCIES

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


LITERAL_BYTES, LITERAL_OFFSETS, BY_FIRST = _table(literal_openings([p for _, p in AGENCIES]))
