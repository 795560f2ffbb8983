"""The radix sort of LSH memberships sorts exactly as numpy does, whatever the key skew."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wiretrace.index.sketch import SMALL, radix_sort, sort_inplace

# values spread over every byte, clustered in one byte, repeated, at the extremes
_VALUE = st.one_of(
    st.integers(0, 2**64 - 1),
    st.integers(0, 255),
    st.integers(0, 3).map(lambda x: x << 56),
    st.sampled_from([0, 1, 2**63, 2**64 - 1, 2**64 - 2]),
    st.integers(0, 2**64 - 1).map(lambda x: x & 0xFF00FF00FF00FF00),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_VALUE, max_size=4 * SMALL + 600))
def test_radix_sort_equals_numpy_sort(values: list[int]) -> None:
    a = np.array(values, dtype=np.uint64)
    expected = np.sort(a)
    radix_sort(a)
    assert a.tolist() == expected.tolist()


@pytest.mark.parametrize("sort", [radix_sort, sort_inplace])
def test_sorts_a_large_hash_array_and_skewed_ones(sort) -> None:
    rng = np.random.default_rng(3)
    for a in (rng.integers(0, 2**63, 200_000, dtype=np.uint64) << np.uint64(1),
              rng.integers(0, 40, 50_000).astype(np.uint64),
              np.full(10_000, 2**64 - 1, dtype=np.uint64)):
        expected = np.sort(a)
        sort(a)
        assert np.array_equal(a, expected)


@pytest.mark.parametrize("sort", [radix_sort, sort_inplace])
def test_refuses_other_arrays(sort) -> None:
    with pytest.raises(ValueError):
        sort(np.array([3, 1], dtype=np.int64))
    with pytest.raises(ValueError):
        sort(np.arange(10, dtype=np.uint64)[::2])
