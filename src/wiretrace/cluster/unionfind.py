"""Disjoint sets over ``0..n-1`` (union by size, path halving): near-constant time per operation.

Reuse families are the connected components of the reuse graph; stories are the components of
the graph with same-event links added. Components are what a union-find yields in O(n α(n)).
``build_stories`` labels a whole edge list at once with the compiled
:func:`component_labels` (the same labels as :meth:`UnionFind.labels`, tested); the class
is the readable form, used by the reference.

    >>> uf = UnionFind(4)
    >>> uf.union(0, 2); uf.union(3, 2)
    True
    True
    >>> uf.components()
    [[0, 2, 3], [1]]
    >>> import numpy as np
    >>> component_labels(4, np.array([0, 3]), np.array([2, 2])).tolist()
    [0, 1, 0, 0]
"""

from __future__ import annotations

import numpy as np
from numba import njit


class UnionFind:
    """Union-find with deterministic components (ordered by their smallest member)."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.size = [1] * n

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, x: int, y: int) -> bool:
        """Join the sets of ``x`` and ``y``; False when they were already one set."""
        rx, ry = self.find(x), self.find(y)
        if rx == ry:
            return False
        if self.size[rx] < self.size[ry]:
            rx, ry = ry, rx
        self.parent[ry] = rx
        self.size[rx] += self.size[ry]
        return True

    def labels(self) -> list[int]:
        """For each element, the smallest element of its set (a stable component label)."""
        smallest: dict[int, int] = {}
        out = []
        for x in range(len(self.parent)):
            root = self.find(x)
            out.append(smallest.setdefault(root, x))
        return out

    def components(self) -> list[list[int]]:
        """Sets as sorted lists, ordered by their smallest element."""
        groups: dict[int, list[int]] = {}
        for x, label in enumerate(self.labels()):
            groups.setdefault(label, []).append(x)
        return list(groups.values())


@njit(cache=True, nogil=True)
def _root(parent: np.ndarray, x: int) -> int:
    """The root of ``x`` in the forest ``parent``, halving the path on the way."""
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


@njit(cache=True, nogil=True)
def component_labels(n: int, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """For each of ``0..n-1``, the smallest element of its component under edges ``(xs, ys)``.

    The same labels as ``UnionFind.labels`` after ``union(xs[k], ys[k])`` for every k, in
    one compiled loop: the root of a set is kept its smallest element (the larger root is
    hooked under the smaller), with path halving.
    """
    parent = np.arange(n)
    for k in range(len(xs)):
        rx, ry = _root(parent, xs[k]), _root(parent, ys[k])
        if rx < ry:
            parent[ry] = rx
        elif ry < rx:
            parent[rx] = ry
    for x in range(n):  # parents are smaller than their children: one pass finds roots
        parent[x] = parent[parent[x]]
    return parent


@njit(cache=True, nogil=True)
def spanning_edges(n: int, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """Indices of the edges ``(xs[k], ys[k])`` that join two components not yet joined,
    taken in the given order (Kruskal's rule: given by decreasing weight, a maximum spanning
    forest).

        >>> spanning_edges(4, np.array([0, 1, 0, 2]), np.array([1, 0, 2, 3])).tolist()
        [0, 2, 3]
    """
    parent = np.arange(n)
    out = np.empty(len(xs), dtype=np.int64)
    w = 0
    for k in range(len(xs)):
        rx, ry = _root(parent, xs[k]), _root(parent, ys[k])
        if rx != ry:
            parent[max(rx, ry)] = min(rx, ry)
            out[w] = k
            w += 1
    return out[:w]
