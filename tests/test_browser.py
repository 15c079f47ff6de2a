"""The HTML pages as headless Chromium lays them out: right-to-left blocks, fonts per script, accessibility.

Driven over the DevTools protocol (tests/cdp.py). axe-core (npm, installed by
``make test`` into node_modules/ from package-lock.json) is injected into each
page. Skipped where Chromium or axe-core is missing, except under ``make test``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from cdp import Browser, Page, browser, find_chromium
from helpers import make_project, skip_or_fail, statement
from release_helpers import fill_catalogs

from toolkit import api
from toolkit.drafting.pretranslate import translate
from toolkit.languages import text_direction

pytestmark = pytest.mark.slow

AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"

# Leaf blocks with text: paragraphs, headings, list items; their lines, from the text's client rects,
# grouped by line box; for each line, how far its right end is from the block's content edge.
LINES = """
(selector) => {
  const isBlock = (el) => ["block", "list-item"].includes(getComputedStyle(el).display);
  const leaves = [...document.querySelectorAll(selector)].filter(
    (el) => isBlock(el) && el.textContent.trim() && ![...el.children].some(isBlock));
  return leaves.map((el) => {
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    const right = box.right - parseFloat(style.paddingRight) - parseFloat(style.borderRightWidth);
    const left = box.left + parseFloat(style.paddingLeft) + parseFloat(style.borderLeftWidth);
    const top = box.top + parseFloat(style.paddingTop) + parseFloat(style.borderTopWidth);
    const height = parseFloat(style.lineHeight);
    const range = document.createRange();
    range.selectNodeContents(el);
    const lines = new Map();
    for (const r of range.getClientRects()) {
      if (r.width < 0.5) continue;
      const n = Math.floor((r.top + r.height / 2 - top) / height);
      const line = lines.get(n) || {left: Infinity, right: -Infinity};
      lines.set(n, {left: Math.min(line.left, r.left), right: Math.max(line.right, r.right)});
    }
    return {
      text: el.textContent.trim().slice(0, 60),
      lang: (el.closest("[lang]") || document.documentElement).lang,
      direction: style.direction,
      left, right,
      lines: [...lines.keys()].sort((a, b) => a - b).map((k) => lines.get(k)),
    };
  });
}
"""

WRAP_DIGITS = r"""
(() => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const nodes = [];
  while (walker.nextNode()) nodes.push(walker.currentNode);
  for (const node of nodes) {
    if (!/[0-9]/.test(node.data) || node.parentElement.closest("style, script")) continue;
    const parts = node.data.split(/([0-9]+)/);
    node.replaceWith(...parts.filter((p) => p).map((p) => {
      if (!/^[0-9]+$/.test(p)) return p;
      const span = document.createElement("span");
      span.dataset.digits = "";
      span.textContent = p;
      return span;
    }));
  }
  const count = document.querySelectorAll("[data-digits]").length;
  document.body.getBoundingClientRect();  // lay the new spans out before their fonts are asked for
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(count))));
})()
"""


def blocks(page: Page, selector: str) -> list[dict]:  # type: ignore[type-arg]
    return page.evaluate(f"({LINES})({json.dumps(selector)})")  # type: ignore[no-any-return]


def misaligned(found: list[dict]) -> list[str]:  # type: ignore[type-arg]
    """Blocks whose direction is not right to left, or with a line not ending at the block's right edge."""
    bad = []
    for b in found:
        if b["direction"] != "rtl":
            bad.append(f"{b['text']!r}: direction {b['direction']}")
        for i, line in enumerate(b["lines"]):
            if abs(b["right"] - line["right"]) > 2:
                bad.append(f"{b['text']!r} line {i + 1}: ends {b['right'] - line['right']:.1f}px left of the right edge")
    return bad


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    if find_chromium() is None:
        skip_or_fail("Chromium is needed (Debian: chromium)")
    with browser() as instance:
        yield instance


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example project's release, HTML only (the pages are what a browser test needs)."""
    from conftest import REPO

    root = tmp_path_factory.mktemp("example")
    for name in ("sources", "locales"):
        (root / name).symlink_to(REPO / name)
    (root / "toolkit.toml").write_bytes((REPO / "toolkit.toml").read_bytes())
    result = api.release(api.open_project(root), "r", formats=["html"])
    assert result.ok
    return root / "output/releases/r"


def test_index_lays_out_arabic_titles_as_right_to_left_blocks(chromium: Browser, release: Path) -> None:
    page = chromium.page(width=700)  # narrow enough that long Arabic titles wrap
    page.open(release / "index.html")
    titles = blocks(page, '.edition-title[lang="ar"]')
    assert len(titles) == 5
    assert misaligned(titles) == []
    wrapped = [t for t in titles if len(t["lines"]) > 1]
    assert wrapped, "no Arabic title wraps at this width: the test would prove nothing"
    for title in wrapped:
        last = title["lines"][-1]
        assert last["left"] > title["left"] + 20, title  # the short last line hangs on the right, ragged on the left
    # every language name starts where the others do, العربية included
    starts = page.evaluate(
        '[...document.querySelectorAll(".editions .language bdi")].map((b) => Math.round(b.getBoundingClientRect().left))'
    )
    assert len(set(starts)) == 1, starts
    # the French and Spanish titles are left to right: the check can tell
    assert misaligned(blocks(page, '.edition-title[lang="fr"]')) != []


@pytest.mark.parametrize("slug", ["us-sanctions-icc-2025", "icc-judges-sanctions-2025"])
def test_every_arabic_block_of_an_arabic_page_is_right_to_left_and_right_aligned(
    chromium: Browser, release: Path, slug: str
) -> None:
    page = chromium.page()
    page.open(release / "ar" / f"{slug}.html")
    found = [b for b in blocks(page, "body *") if b["lang"] == "ar"]
    assert len(found) > 20
    assert misaligned(found) == []


def test_language_switchers_give_each_language_its_own_direction(chromium: Browser, release: Path) -> None:
    for lang in ("fr", "ar"):
        page = chromium.page()
        page.open(release / lang / "us-sanctions-icc-2025.html")
        items = page.evaluate(
            '[...document.querySelectorAll(".languages li")].map((li) => [li.lang, getComputedStyle(li).direction])'
        )
        assert [code for code, _ in items] == ["en", "fr", "es", "ar"]
        assert all(direction == text_direction(code) for code, direction in items), items


def test_latin_names_inside_arabic_take_the_latin_font_and_a_page_has_one_digit_font(chromium: Browser, release: Path) -> None:
    english = chromium.page()
    english.open(release / "en" / "icc-judges-sanctions-2025.html")
    latin = {family for node in english.fonts("article p") for family in node["families"]}
    assert len(latin) == 1, latin  # the Latin font of this machine (Noto Sans on Debian)

    page = chromium.page()
    page.open(release / "ar" / "icc-judges-sanctions-2025.html")
    isolates = page.fonts('article p bdi[dir="ltr"]')  # "(CICC)", "E.O. 14203"... inside Arabic sentences
    assert isolates and all(set(node["families"]) == latin for node in isolates), isolates
    arabic = {family for node in page.fonts("article p") for family in node["families"]} - latin
    assert arabic == {"Noto Naskh Arabic"}, arabic  # the Arabic font draws the Arabic letters only
    assert page.evaluate(WRAP_DIGITS) >= 8  # dates, "125", "14203"
    digits = {family for node in page.fonts("[data-digits]") for family in node["families"]}
    assert digits == latin, digits  # dates, numbers and "14203" alike


def test_arabic_pseudo_translation_reads_right_to_left_with_bold_in_place(chromium: Browser, tmp_path: Path) -> None:
    """Bold in an Arabic pseudo-translation sits where a translation's would: left of the words before it."""
    body = "We call on **all States** to act.\n\nThe Court is **independent** of any State.\n"
    root = make_project(tmp_path / "p", {"s": statement(body)}, '[project]\nname = "T"\ntarget_languages = ["ar"]\n')
    fill_catalogs(root, ("ar",), state=lambda lang, entry: "untranslated")
    translate(api.open_project(root), ["ar"], engine="pseudo")
    api.build(api.open_project(root), ["ar"], formats=["html"])
    page = chromium.page()
    page.open(root / "output/ar/s.html")
    order = page.evaluate(
        """[...document.querySelectorAll("article p strong")].map((strong) => {
             const before = document.createRange();
             before.setStart(strong.parentNode, 0);
             before.setEndBefore(strong);
             const rects = [...before.getClientRects()].filter((r) => r.width > 0.5);
             return [Math.min(...rects.map((r) => r.left)), strong.getBoundingClientRect().right];
           })"""
    )
    assert len(order) == 2
    assert all(before_left >= strong_right - 1 for before_left, strong_right in order), order
    text = page.evaluate('document.querySelector("article > p").textContent')
    assert sum("\u0600" <= ch <= "\u06ff" for ch in text) > 10  # Arabic letters, shaped by the browser


def test_axe_finds_no_violation_on_any_page_of_the_example_release(chromium: Browser, release: Path) -> None:
    if not AXE.is_file():
        skip_or_fail("axe-core is needed: npm ci (make test runs it)")
    source = AXE.read_text(encoding="utf-8")
    pages = sorted(release.rglob("*.html"))
    assert len(pages) == 21
    found = []
    for path in pages:
        page = chromium.page()
        page.open(path)
        page.evaluate(source)
        violations = page.evaluate(
            "axe.run(document, {resultTypes: ['violations']}).then((r) => r.violations.map("
            "(v) => `${v.id}: ${v.help} (${v.nodes.length}: ${v.nodes[0].target.join(' ')})`))"
        )
        found += [f"{path.relative_to(release)}: {v}" for v in violations]
    assert found == []
