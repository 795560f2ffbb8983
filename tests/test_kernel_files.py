"""Each stage's compiled functions live in one file with every helper they call.

numba caches a compiled function per source file and checks only that file for changes,
while a cached kernel inlines its helpers: a helper defined in another file could change
without the kernel being compiled again. So every compiled function a kernel file uses must
be defined in that file.
"""

from __future__ import annotations

import importlib

import pytest
from numba.core.registry import CPUDispatcher

KERNEL_FILES = [
    "wiretrace._text_kernels",
    "wiretrace.index._kernels",
    "wiretrace.align._kernels",
    "wiretrace.compare._kernels",
    "wiretrace.cluster._kernels",
    "wiretrace.cluster._graph_kernels",
]


@pytest.mark.parametrize("name", KERNEL_FILES)
def test_compiled_functions_call_only_their_own_file(name: str) -> None:
    module = importlib.import_module(name)
    compiled = [v for v in vars(module).values() if isinstance(v, CPUDispatcher)]
    assert compiled
    assert {v.py_func.__module__ for v in compiled} == {module.__name__}


def test_a_kernel_importing_a_compiled_helper_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    index_kernels = importlib.import_module("wiretrace.index._kernels")
    text_kernels = importlib.import_module("wiretrace._text_kernels")
    monkeypatch.setattr(index_kernels, "decode_at", text_kernels.decode_at, raising=False)
    compiled = [v for v in vars(index_kernels).values() if isinstance(v, CPUDispatcher)]
    assert {v.py_func.__module__ for v in compiled} != {index_kernels.__name__}
