"""The HTML report: one self-contained page (inline CSS and JS, no network at all).

``render_html(result, out)`` writes a story list, then per story an overview (changed
figures first, relations, swaps table, competing figures, credits) and the versions side by
side (at most three at once: a larger story has a version picker) with shared text,
additions, cuts, swaps and conflicting figures highlighted (see ``highlights``), and a
legend whose entries switch each highlight on and off.

Every piece of article text reaches the page through jinja2 with autoescaping on, so a
title or text holding ``<script>`` is shown, never run. The CSS and JS live next to the
template (``templates/report.css``, ``templates/report.js``) and are inlined at render time;
a Content-Security-Policy meta tag forbids any fetch, so the page cannot reach the network
even if a future template change tried to.

    >>> with open("report.html", "w", encoding="utf-8") as fh:  # doctest: +SKIP
    ...     render_html(result, fh)
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Any, TextIO

from jinja2 import Environment, PackageLoader
from markupsafe import Markup

from wiretrace.model import Figure, Pair, Result
from wiretrace.report.console import truncate
from wiretrace.report.highlights import LEGEND, describe_figure, figure_group, segment, story_marks
from wiretrace.report.storyview import (
    StoryView,
    Version,
    relation_label,
    source_first,
    story_views,
    summary_pairs,
)
from wiretrace.report.text import MAX_ALL_PAIRS_VERSIONS

# Versions side by side, and swaps-table columns: a story with more gets a version picker
# and a compact swaps table (the base's term, then each other term with its versions).
MAX_SHOWN_VERSIONS = 3


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("wiretrace.report", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["pct"] = lambda x: f"{round(float(x) * 100)}%"
    return env


def _asset(name: str) -> Markup:
    """A static file of ours (never user data), inlined verbatim."""
    return Markup(files("wiretrace.report").joinpath("templates", name).read_text("utf-8"))


def render_html(result: Result, out: TextIO) -> None:
    """Write the self-contained HTML report of ``result`` to ``out``."""
    views = story_views(result)
    stories = [_story_context(v) for v in views]
    seen: set[str] = set()
    for story in stories:  # two odd ids may spell one anchor: keep the page's ids unique
        anchor, n = story["anchor"], 1
        while anchor in seen:
            n += 1
            anchor = f"{story['anchor']}-{n}"
        seen.add(anchor)
        story["anchor"] = anchor
    context = {
        "stories": [s for s in stories if not s["singleton"]],
        "singles": [s for s in stories if s["singleton"]],
        "legend": LEGEND,
        "problems": [str(p) for p in result.problems],
        "summary": {
            "articles": len(result.articles),
            "stories": len(views),
            "multi": sum(not v.singleton for v in views),
            "reuse": sum(p.relation == "reuse" for p in result.pairs),
            "files": result.files,
        },
        "css": _asset("report.css"),
        "js": _asset("report.js"),
    }
    out.write(_environment().get_template("report.html.j2").render(**context))


def _story_context(view: StoryView) -> dict[str, Any]:
    anchor = view.anchor
    first = view.versions[0].article
    versions = []
    picked = _picked(view)
    marks = story_marks(view, anchor)
    shown = summary_pairs(view, MAX_ALL_PAIRS_VERSIONS)
    for v in view.versions:
        art = v.article
        credits = view.credits.get(art.id)
        versions.append({
            "letter": v.letter, "ci": _colour(view, v), "name": v.name, "id": art.id,
            "title": art.title or "(untitled)", "base": v is view.base, "picked": v in picked,
            "date": art.date, "dateline": art.dateline, "url": art.url, "source": art.source,
            "credits": credits.credits if credits else art.credits,
            "credits_added": credits.added if credits else [],
            "credits_dropped": credits.dropped if credits else [],
            "paragraphs": segment(art.text, marks[art.id]),
            "additions": len(view.additions.get(art.id, [])),
            "missing": view.cuts.get(art.id, []),
            "excerpt": truncate(art.text, 320),
        })
    return {
        "anchor": anchor, "id": view.story.id, "label": view.label, "singleton": view.singleton,
        "headline": first.title or truncate(first.text, 90) or first.id,
        "relation": view.relation, "versions": versions,
        "base": {"letter": view.base.letter, "name": view.base.name, "ci": _colour(view, view.base)},
        "pairs": [_pair_context(view, p) for p in shown],
        "pairs_linked": any(p.link for p in shown),
        "pairs_total": None if len(shown) == len(view.pairs) else {
            "n": len(view.pairs), "other": len(view.pairs) - len(shown),
            "swaps": sum(s.count for p in view.pairs for s in p.substitutions),
            "conflicts": view.conflict_count(),
        },
        "compact_swaps": len(view.versions) > MAX_SHOWN_VERSIONS,
        "swaps": [{
            "group": f"{anchor}-t{n}", "kind": kind or "",
            "terms": [row.get(v.article.id) for v in view.versions],
            "base": row.get(view.base.article.id),
            "others": _other_terms(view, row),
        } for n, (row, kind) in enumerate(zip(view.swaps, view.swap_kinds, strict=True))],
        "swap_classes": any(view.swap_kinds),
        "picker": len(view.versions) > MAX_SHOWN_VERSIONS,
        "shown": MAX_SHOWN_VERSIONS,
        "conflicts": [{
            "what": g.what, "note": g.note, "kind": g.kind,
            "group": figure_group(anchor, n),
            "sides": _sides(view, g.sides),
        } for n, g in enumerate(view.conflict_groups())],
        "conflict_summary": view.conflict_summary(),
        "n_changed": view.conflict_count("changed"),
        "n_additions": sum(len(x) for x in view.additions.values()),
        "n_cuts": sum(len(x) for x in view.cuts.values()),
    }


def _picked(view: StoryView) -> list[Version]:
    """The versions shown side by side at first: the base and those with the most to see
    (conflicting figures, then added and cut sentences, then swaps against the base)."""
    if len(view.versions) <= MAX_SHOWN_VERSIONS:
        return list(view.versions)
    base = view.base.article.id

    def weight(v: Version) -> tuple[int, int, int]:
        aid = v.article.id
        conflicts = sum(aid in (c.a.article.id, c.b.article.id) for c in view.conflicts)
        sentences = len(view.additions.get(aid, [])) + len(view.cuts.get(aid, []))
        swaps = sum(s.count for p in view.pairs if {p.a, p.b} == {aid, base}
                    for s in p.substitutions)
        return (conflicts, sentences, swaps)

    others = sorted(view.versions[1:], key=weight, reverse=True)[:MAX_SHOWN_VERSIONS - 1]
    return [v for v in view.versions if v is view.base or v in others]


def _sides(view: StoryView, sides: list[tuple[Version, Figure]]) -> list[dict[str, Any]]:
    """A conflict's sides, versions stating one figure in one sentence gathered in one."""
    out: dict[tuple[str, str, str, str | None], dict[str, Any]] = {}
    for ver, fig in sides:
        key = (fig.qualifier or "", fig.text, " ".join(fig.sentence.split()), fig.attribution)
        if key in out:
            out[key]["letters"].append((ver.letter, _colour(view, ver)))
            out[key]["name"] = f"{len(out[key]['letters'])} versions"
            continue
        out[key] = {"letter": ver.letter, "ci": _colour(view, ver), "name": ver.name,
                    "letters": [(ver.letter, _colour(view, ver))],
                    "figure": describe_figure(fig, cited=False), "cited": fig.attribution,
                    "quote": _quote(ver, fig)}
    return list(out.values())


def _pair_context(view: StoryView, p: Pair) -> dict[str, Any]:
    """One row of the relations table: a link's source first, else the base's side."""
    flip = source_first(view, p)
    return {
        "a": view.version(p.b if flip else p.a).letter,
        "b": view.version(p.a if flip else p.b).letter, "relation": relation_label(p),
        "arrow": "→" if p.link in ("wholly", "partially") else "↔",
        "fa": p.shared_fraction_b if flip else p.shared_fraction_a,
        "fb": p.shared_fraction_a if flip else p.shared_fraction_b,
        "swaps": sum(s.count for s in p.substitutions), "conflicts": len(p.conflicts),
    }


def _other_terms(view: StoryView, row: dict[str, str]) -> list[dict[str, Any]]:
    """The terms of a swaps row other than the base's, each with the versions using it."""
    base_term = row.get(view.base.article.id)
    users: dict[str, list[Version]] = {}
    for v in view.versions[1:]:
        term = row.get(v.article.id)
        if term is not None and term != base_term:
            users.setdefault(term, []).append(v)
    return [{"term": term, "letters": [(v.letter, _colour(view, v), v.name) for v in vs]}
            for term, vs in users.items()]


def _quote(version: Version, fig: Figure) -> tuple[str, str, str]:
    """The figure's sentence cut around the figure: (before, figure, after)."""
    text = version.article.text
    s, e = fig.span
    figure = text[s:e] if 0 <= s < e <= len(text) else fig.text
    at = fig.sentence.find(figure) if figure else -1
    if at < 0:
        return (fig.sentence, "", "")
    return (fig.sentence[:at], figure, fig.sentence[at + len(figure):])


def _colour(view: StoryView, version: Version) -> int:
    """Which of the six badge colours (``.l0``…``.l5`` in the CSS) a version wears."""
    return view.versions.index(version) % 6
