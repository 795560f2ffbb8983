"""Peak memory of the ``wiretrace compare`` command, stage by stage (issue 13, item 7).

    python -m benchmarks.memory 200000                         # JSON, explanations on
    python -m benchmarks.memory 200000 --no-explain --format jsonl
    python -m benchmarks.memory --corpus corpus.jsonl 200000   # the dump kept for reruns

The benchmark corpus of ARTICLES pages (synthetic.py, seed 1) is written as a JSONL file
(``--corpus`` keeps it: writing 200,000 pages takes a few minutes), then the command runs
in a child process with each pipeline stage wrapped: before a stage the kernel's high-water
mark of the process's resident memory is reset (``/proc/self/clear_refs``, Linux), after it
the mark is read, so each row is the peak reached inside that stage, and the largest row is
the command's peak. Why stage by stage: ``/usr/bin/time`` gives one figure, not which stage
holds what when the peak is reached. Options after ARTICLES go to ``wiretrace compare``
(default ``--format json``); the report goes to a temporary file.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.synthetic import generate

ROOT = Path(__file__).resolve().parent.parent
STAGES = ("read_articles", "strip_boilerplate", "text_batch", "find_candidates",
          "aligned_batches", "build_stories", "derivation_links", "_explained_tokens", "explain")


def _status() -> dict[str, int]:
    """VmRSS and VmHWM of this process, in MB."""
    with open("/proc/self/status") as fh:
        return {k: int(v.split()[0]) // 1024 for k, v in
                (line.split(":", 1) for line in fh if line.startswith(("VmRSS", "VmHWM")))}


def _reset_peak() -> None:
    with open("/proc/self/clear_refs", "w") as fh:
        fh.write("5")


def _wrapped(name: str, fn: Callable[..., Any], rows: list[dict]) -> Callable[..., Any]:
    def stage(*args: Any, **kwargs: Any) -> Any:
        before = _status()["VmRSS"]
        _reset_peak()
        cpu = time.process_time()
        out = fn(*args, **kwargs)
        if hasattr(out, "__next__"):  # a generator stage: its work is done as it is drained
            out = list(out)
        now = _status()
        rows.append({"stage": name, "before": before, "peak": now["VmHWM"],
                     "after": now["VmRSS"], "cpu": time.process_time() - cpu})
        return out
    return stage


def child(argv: list[str]) -> None:
    """Run ``wiretrace compare`` with the stages wrapped; print the rows as one JSON line."""
    import wiretrace.pipeline as pipeline
    import wiretrace.report as report
    from wiretrace import cli

    rows: list[dict] = []
    for name in STAGES:
        setattr(pipeline, name, _wrapped(name, getattr(pipeline, name), rows))
    report.render_result = _wrapped("render_result", report.render_result, rows)
    cli.main(["compare", *argv])
    print(json.dumps(rows))


def table(rows: list[dict]) -> str:
    lines = ["| stage | RSS before | peak in it | RSS after | CPU s |", "|---|---|---|---|---|"]
    lines += [f"| {r['stage']} | {r['before']} MB | {r['peak']} MB | {r['after']} MB | "
              f"{r['cpu']:.1f} |" for r in rows]
    top = max(rows, key=lambda r: r["peak"])
    lines.append(f"peak of the command: {top['peak']} MB, in {top['stage']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.memory", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("articles", type=int)
    parser.add_argument("--corpus", type=Path, help="the JSONL corpus file (kept; reused)")
    args, rest = parser.parse_known_args(argv)
    if "--child" in rest:
        rest.remove("--child")
        child(rest)
        return 0
    with tempfile.TemporaryDirectory(prefix="wiretrace-memory-") as tmp:
        corpus = args.corpus or Path(tmp) / "corpus.jsonl"
        if not corpus.exists():
            print(f"writing {args.articles} articles to {corpus}...", file=sys.stderr,
                  flush=True)
            generate(args.articles, seed=1).write_jsonl(corpus)
        options = rest or ["--format", "json"]
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "src")]))
        done = subprocess.run(
            [sys.executable, "-m", "benchmarks.memory", str(args.articles), "--child",
             str(corpus), *options, "-o", str(Path(tmp) / "report"), "-q"],
            env=env, capture_output=True, text=True, check=True)
    print(f"`wiretrace compare {' '.join(options)}` on {args.articles} articles "
          "(benchmarks/memory.py)")
    print(table(json.loads(done.stdout.strip().splitlines()[-1])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
