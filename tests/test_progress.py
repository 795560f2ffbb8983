"""The progress bars: items pass through unchanged, and the bar counts files toward a total."""

from __future__ import annotations

import io

from rich.console import Console

from wiretrace import run as run_module
from wiretrace.run import Progress, compile_note


def test_disabled_progress_is_a_pass_through() -> None:
    assert list(Progress(enabled=False).track(iter("abc"), "x")) == ["a", "b", "c"]
    assert list(Progress(enabled=False).track_files(iter("abc"), "x", 3, lambda: 0)) == [*"abc"]


def test_file_bar_counts_files_with_a_total_and_documents_beside(monkeypatch) -> None:
    sink = io.StringIO()
    real_bar = run_module._bar

    def bar_into_sink():  # the real bar, drawn into a string instead of the terminal
        bar = real_bar()
        bar.live.console = Console(file=sink, force_terminal=True, width=100)
        return bar

    monkeypatch.setattr(run_module, "_bar", bar_into_sink)
    opened = iter([1, 2, 2, 3])
    items = list(Progress(enabled=True).track_files(iter("abcd"), "Reading", 3,
                                                   lambda: next(opened)))
    assert items == [*"abcd"]
    shown = sink.getvalue()
    assert "Reading (4 documents)" in shown and "/3" in shown and "ETA" in shown


def test_compile_note_only_without_cached_kernels(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(run_module, "__file__", str(tmp_path / "run.py"))
    assert "compiling" in compile_note()
    (tmp_path / "index" / "__pycache__").mkdir(parents=True)
    (tmp_path / "index" / "__pycache__" / "k.nbi").write_bytes(b"")
    assert compile_note() == ""
