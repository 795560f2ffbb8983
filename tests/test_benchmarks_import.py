"""Every benchmark module imports (make bench is not run by the tests, so an import that a
refactor breaks would otherwise surface only there)."""

from __future__ import annotations

import importlib

import pytest


@pytest.mark.parametrize("name", ["__main__", "baseline", "burst", "compare_bench",
                                  "memory", "minhash_bench", "reading", "spark_bench", "stages", "synthetic",
                                  "worker"])
def test_benchmark_module_imports(name: str) -> None:
    assert importlib.import_module(f"benchmarks.{name}") is not None


def test_the_baseline_reads_the_words_wiretrace_reads() -> None:
    from benchmarks.baseline import TOKEN

    from wiretrace.text import normalize, tokenize

    text = "Daesh’s fighters took 1,200 hectares — officials said."
    norm = normalize(text)
    t = tokenize(text)
    assert TOKEN.findall(norm) == [norm[s:e] for s, e in zip(t.starts, t.ends, strict=True)]
