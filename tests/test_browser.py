"""The HTML report in a real headless browser: Debian's chromium driven by playwright.

Renders the invented example result, opens it from disk, and checks what a reader sees:
swaps, the added paragraph, the conflicting figures, the cuts, side-by-side columns, the
legend toggles and swap linking (our JS), no request beyond the file itself and no console
error (a CSP violation would be one). Saves a screenshot in the test's tmp dir.
Skipped, with the reason, when no chromium is installed or playwright cannot launch it;
except in CI (``CI`` set), where .ci/run installs chromium, so a missing or broken browser
fails instead of passing silently.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from report_fixtures import A_ID, B_ID, C_ID, P7, example_result, many_versions_result
from wiretrace.report import render_result

LAUNCH_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


def _cannot_test(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI must run the browser test: .ci/run installs chromium)")
    pytest.skip(reason)


def _chromium() -> str:
    for candidate in (os.environ.get("WIRETRACE_CHROMIUM"), shutil.which("chromium"),
                      "/usr/bin/chromium", shutil.which("chromium-browser")):
        if candidate and os.path.exists(candidate):
            return candidate
    _cannot_test("no chromium browser found (install Debian's chromium, or set "
                 "WIRETRACE_CHROMIUM to its path)")


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    executable = _chromium()
    with sync_api.sync_playwright() as pw:
        try:
            launched = pw.chromium.launch(executable_path=executable, args=LAUNCH_ARGS)
        except Exception as exc:  # any launch failure means: cannot test here
            _cannot_test(f"playwright could not launch {executable}: {exc}".splitlines()[0])
        yield launched
        launched.close()


def _version(page, article_id: str):
    return page.locator(f'article.version[data-article="{article_id}"]')


def test_report_in_headless_chromium(browser, tmp_path: Path):
    report = tmp_path / "report.html"
    with report.open("w", encoding="utf-8") as fh:
        render_result(example_result(), "html", fh)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda req: requests.append(req.url))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(report.as_uri())
    page.wait_for_load_state("load")

    a, b, c = (_version(page, i) for i in (A_ID, B_ID, C_ID))
    clipped = page.evaluate("""() => [...document.querySelectorAll('.panel')]
        .filter(p => p.scrollWidth > p.clientWidth).map(p => p.className)""")
    assert not clipped, clipped
    # versions side by side: same top, left to right
    boxes = [v.bounding_box() for v in (a, b, c)]
    assert all(box is not None for box in boxes)
    assert abs(boxes[0]["y"] - boxes[2]["y"]) < 1 and boxes[0]["x"] < boxes[1]["x"] < boxes[2]["x"]

    # swaps
    harbor = b.locator("mark.hl-swap", has_text="harbor").first
    assert harbor.is_visible() and harbor.inner_text() == "harbor"
    assert "harbour" in harbor.get_attribute("title")
    rough = c.locator("mark.hl-swap", has_text="rough seas")
    assert rough.is_visible()
    swaps_table = page.locator("section#story-1 table.swaps")
    assert swaps_table.is_visible() and "the island chain" in swaps_table.inner_text()

    # the added paragraph and its conflicting figure
    added = b.locator("p.para-added")
    assert added.is_visible() and "Reuters reported" in added.inner_text()
    figure = added.locator("mark.hl-figure")
    assert figure.is_visible() and figure.inner_text() == "At least nine people were dead"
    assert a.locator("mark.hl-figure").inner_text() == "three passengers"
    panel = page.locator("section#story-1 .panel-conflicts")
    assert panel.is_visible()
    panel_text = panel.inner_text()
    assert "at least nine people dead" in panel_text and "three passengers killed" in panel_text
    assert "Reuters" in panel_text and "a coastguard official" in panel_text

    # cuts
    missing = c.locator(".missing")
    assert missing.is_visible() and P7 in missing.inner_text()

    # our JS: hovering a swap outlines the same swap in the other versions
    harbor.hover()
    assert "linked" in (a.locator("mark.hl-swap", has_text="harbour").first
                        .get_attribute("class"))
    # legend toggles switch a layer off and on
    swap_bg = "getComputedStyle(el).backgroundColor"
    before = harbor.evaluate(f"el => {swap_bg}")
    page.locator('button.legend-item[data-kind="swap"]').click()
    assert page.evaluate("document.body.classList.contains('off-swap')")
    assert harbor.evaluate(f"el => {swap_bg}") != before
    page.locator('button.legend-item[data-kind="swap"]').click()
    assert harbor.evaluate(f"el => {swap_bg}") == before

    shot = tmp_path / "report.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000

    assert requests and all(url == report.as_uri() for url in requests), requests
    assert not errors, errors
    page.close()


def _render(result, path: Path) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        render_result(result, "html", fh)
    return path


def _shown(page) -> list[str]:
    return page.locator("section#story-1 article.version").evaluate_all(
        "els => els.filter(e => e.offsetParent !== null).map(e => e.dataset.letter)")


def test_eleven_versions_a_picker_and_no_clipped_panels(browser, tmp_path: Path):
    """11 versions: three side by side, a picker for the others, every panel fits at
    1400 px, and each swap and figure change is marked on both sides."""
    report = _render(many_versions_result(11), tmp_path / "eleven.html")
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(report.as_uri())
    story = page.locator("section#story-1")
    panels = story.locator(".panel")
    assert panels.count() >= 4
    for i in range(panels.count()):
        fits = panels.nth(i).evaluate("el => el.scrollWidth <= el.clientWidth")
        assert fits, panels.nth(i).get_attribute("class")
    versions = story.locator(".versions")
    assert versions.evaluate("el => el.scrollWidth <= el.clientWidth")
    assert _shown(page) == ["A", "B", "C"]
    boxes = [v.bounding_box() for v in story.locator("article.version.picked").all()]
    assert boxes[0]["x"] < boxes[1]["x"] < boxes[2]["x"] and boxes[2]["width"] > 250
    page.screenshot(path=str(tmp_path / "eleven-1400.png"), full_page=True)

    # the picker: checking K shows it and drops the oldest choice (A)
    story.locator('.picker input[value="K"]').check()
    assert _shown(page) == ["B", "C", "K"]
    assert not story.locator('.picker input[value="A"]').is_checked()
    story.locator('.picker input[value="B"]').uncheck()
    assert _shown(page) == ["C", "K"]

    # every swap group is marked in at least two versions, never in only one
    groups = page.evaluate("""() => {
        const out = {};
        document.querySelectorAll('section#story-1 article.version mark.hl-swap').forEach(m => {
            const art = m.closest('article').dataset.letter;
            (out[m.dataset.group] = out[m.dataset.group] || new Set()).add(art);
        });
        return Object.fromEntries(Object.entries(out).map(([g, s]) => [g, [...s]]));
    }""")
    assert len(groups) >= 4 and all(len(letters) >= 2 for letters in groups.values()), groups
    changed = story.locator('article.version mark[data-kind="changed"]')
    texts = {(m.evaluate("el => el.closest('article').dataset.letter"), m.inner_text())
             for m in changed.all()}
    assert ("A", "112") in texts and ("C", "118") in texts and ("K", "118") in texts
    assert len({m.get_attribute("data-group") for m in changed.all()}) == 1
    assert story.locator(".panel-changed").is_visible()

    page.set_viewport_size({"width": 800, "height": 1000})
    page.screenshot(path=str(tmp_path / "eleven-800.png"), full_page=True)
    assert story.locator(".picker").is_visible()
    assert not errors, errors
    page.close()


def test_report_of_the_bundled_examples(browser, tmp_path: Path):
    """The real pipeline's report of examples/pages, as `make demo` users get it."""
    from wiretrace.pipeline import run
    from wiretrace.run import Options

    examples = Path(__file__).resolve().parent.parent / "examples" / "pages"
    report = tmp_path / "examples.html"
    with report.open("w", encoding="utf-8") as fh:
        render_result(run([str(examples)], Options(quiet=True)), "html", fh)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(report.as_uri())
    swaps = " ".join(page.locator("mark.hl-swap").all_inner_texts())
    assert "guerrillas" in swaps and "Kilometre" in swaps
    assert "rocket launchers and truck bombs" in " ".join(
        page.locator("article.version .hl-added").all_inner_texts())
    assert page.locator("article.version .hl-added", has_text="truck bombs").first.is_visible()
    conflict = page.locator(".hl-conflict", has_text="at least nine police officers")
    assert conflict.first.is_visible()
    clipped = page.evaluate("""() => [...document.querySelectorAll('.panel')]
        .filter(p => p.scrollWidth > p.clientWidth).map(p => p.className)""")
    assert not clipped, clipped
    page.screenshot(path=str(tmp_path / "examples.png"), full_page=True)
    page.close()
