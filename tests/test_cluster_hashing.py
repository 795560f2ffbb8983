"""The hash tables of the compiled cluster passes agree with Python sets and dicts."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from wiretrace.cluster._kernels import bits_for, contains, stamped_find, static_set, value_of

ids = st.integers(0, 2**32 - 1) | st.integers(0, 40) | st.integers(0, 2**62)


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(ids, st.integers(1, 12), max_size=300), st.lists(ids, max_size=50))
def test_static_map_and_set_answer_as_a_dict(mapping, probes):
    table = static_set(np.array(list(mapping), dtype=np.int64), np.array(list(mapping.values())))
    for v in [*mapping, *probes]:
        assert value_of(table, v, -1) == mapping.get(v, -1)
        assert contains(table, v) == (v in mapping)
    assert (table[0] != -1).sum() == len(mapping) and len(table[0]) >= 4 * len(mapping)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(ids, max_size=40), min_size=1, max_size=6))
def test_stamped_sets_share_one_table_without_clearing(sets):
    bits = bits_for(max(len(s) for s in sets))
    stamps = np.full(1 << bits, -1, dtype=np.int64)
    keys = np.zeros(1 << bits, dtype=np.int64)
    for stamp, members in enumerate(sets):  # each set overwrites the stale ones as it grows
        for v in members:
            at, found = stamped_find(stamps, keys, stamp, bits_for(len(members)), v)
            if not found:
                stamps[at], keys[at] = stamp, v
        for v in [*members, *sets[0], 7, 2**40]:
            assert stamped_find(stamps, keys, stamp, bits_for(len(members)), v)[1] == (v in members)
