"""Edition -> one self-contained HTML5 page (inline CSS), and the index of a build.

The page shell is a Jinja2 template (``statement.html``, ``index.html`` and
``style.css`` in the package; a file of the same name in the project's
templates/ folder replaces it). The statement's body is rendered here, in
Python, where every text node goes through :func:`markupsafe.escape` and every
``href`` is checked again (http, https, mailto and relative links only), so no
template can forget either.

Right-to-left: ``<html lang="ar" dir="rtl">``; runs of the other direction
(Latin names inside Arabic) are isolated in ``<bdi dir="ltr">`` so neutral
punctuation lands where it belongs; the CSS uses logical properties only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, assert_never
from urllib.parse import quote

import jinja2
from markupsafe import Markup, escape

from ...document import (
    Block,
    Code,
    Content,
    Emphasis,
    Heading,
    LineBreak,
    Link,
    ListBlock,
    Paragraph,
    Quote,
    Rule,
    Strong,
    Text,
    is_safe_href,
)
from ...document import plain_text as plain
from ...errors import BuildError, Location
from ...languages import language_name, text_direction
from .bidi import Run, directed
from .page import Page, Settings, shallowest_heading

TEMPLATES = ("statement.html", "index.html")


@dataclass(frozen=True)
class IndexEdition:
    """One language of one statement, as the index lists it."""

    lang: str
    state: str
    summary: str
    """``reviewed``, ``DRAFT: 6 of 24 segments unreviewed``..."""
    files: tuple[tuple[str, str], ...]
    """(format, relative href) of each file."""
    title: str = ""


@dataclass(frozen=True)
class IndexRow:
    """One statement in the index."""

    slug: str
    title: str
    date: str
    iso_date: str
    kind: str
    editions: tuple[IndexEdition, ...]


class HtmlRenderer:
    name = "html"
    extension = ".html"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.env = jinja2.Environment(
            loader=jinja2.ChoiceLoader(
                [jinja2.FileSystemLoader(settings.templates), jinja2.PackageLoader("toolkit.publishing.renderers", "templates")]
            ),
            autoescape=jinja2.select_autoescape(["html"]),
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.templates = {name: self._load(name) for name in TEMPLATES}

    def _load(self, name: str) -> jinja2.Template:
        try:
            template = self.env.get_template(name)
            self.env.get_template("style.css")
        except jinja2.TemplateSyntaxError as exc:
            raise BuildError(f"template syntax: {exc.message}", self._where(exc.filename or name, exc.lineno)) from None
        except jinja2.TemplateNotFound as exc:
            raise BuildError(f"template {exc.name} not found", Location(self.settings.shown_templates)) from None
        return template

    def _where(self, filename: str, line: int | None) -> Location:
        name = filename.rsplit("/", 1)[-1]
        if (self.settings.templates / name).is_file():
            return Location(f"{self.settings.shown_templates}/{name}", line)
        return Location(f"toolkit/publishing/renderers/templates/{name}", line)

    def _render(self, name: str, context: dict[str, Any]) -> bytes:
        try:
            text = self.templates[name].render(context)
        except (jinja2.TemplateError, TypeError) as exc:
            raise BuildError(f"template {name}: {exc}", self._where(name, None)) from None
        return (text if text.endswith("\n") else text + "\n").encode("utf-8")

    def render(self, page: Page) -> bytes:
        doc = page.edition.doc
        meta = doc.meta
        rtl = page.rtl
        shift = shallowest_heading(page.edition) - 2  # the title is h1
        languages = [
            {
                "code": lang,
                "name": language_name(lang),
                "dir": text_direction(lang),
                "href": page.sibling(lang),
                "current": lang == page.lang,
            }
            for lang in page.languages
        ]
        alternates = [{"hreflang": lang, "href": page.sibling(lang)} for lang in page.languages]
        if page.source_language in page.languages:
            alternates.append({"hreflang": "x-default", "href": page.sibling(page.source_language)})
        context = {
            "lang": page.lang,
            "dir": "rtl" if rtl else "ltr",
            "labels": page.labels,
            "organisation": page.organisation,
            "kind": meta.kind,
            "kind_label": page.kind,
            "draft": page.edition.draft,
            "state": page.edition.state,
            "title": inline_html(meta.title, rtl),
            "title_text": plain(meta.title),
            "subtitle": inline_html(meta.subtitle, rtl) if meta.subtitle else None,
            "author": inline_html(meta.author, rtl),
            "author_text": plain(meta.author),
            "place": inline_html(meta.place, rtl) if meta.place else None,
            "date": page.date,
            "iso_date": meta.date.isoformat(),
            "description": _description(doc.blocks),
            "languages": languages if len(languages) > 1 else [],
            "alternates": alternates if len(languages) > 1 else [],
            "body": blocks_html(doc.blocks, rtl, shift),
        }
        return self._render("statement.html", context)

    def render_index(self, rows: Sequence[IndexRow], title: str, organisation: str, lang: str) -> bytes:
        """The list of every statement with its languages, files and review state."""
        context = {
            "lang": lang,
            "dir": text_direction(lang),
            "title": title,
            "organisation": organisation,
            "rows": [
                {
                    "row": row,
                    "id": re.sub(r"\s+", "-", row.slug),  # an id holds no whitespace
                    "editions": [
                        {
                            "edition": e,
                            "name": language_name(e.lang),
                            "dir": text_direction(e.lang),
                            "files": [(kind, quote(rel)) for kind, rel in e.files],  # file names may hold spaces, # or ?
                        }
                        for e in row.editions
                    ],
                }
                for row in rows
            ],
        }
        return self._render("index.html", context)


def _description(blocks: tuple[Block, ...]) -> str:
    """The first paragraph, cut at a word near 200 characters: the search-result snippet."""
    for block in blocks:
        if isinstance(block, Paragraph):
            text = plain(block.content).strip()
            if len(text) <= 200:
                return text
            return text[:200].rsplit(" ", 1)[0] + "…"
    return ""


# --- body -------------------------------------------------------------------


def blocks_html(blocks: tuple[Block, ...], rtl: bool, shift: int) -> Markup:
    """Blocks as HTML; headings lifted by ``shift`` levels (the shallowest becomes h2)."""
    return Markup("\n").join(_block(b, rtl, shift) for b in blocks)


def _block(block: Block, rtl: bool, shift: int) -> Markup:
    if isinstance(block, Heading):
        level = min(6, max(2, block.level - shift))
        return Markup(f"<h{level}>{inline_html(block.content, rtl)}</h{level}>")
    if isinstance(block, Paragraph):
        return Markup(f"<p>{inline_html(block.content, rtl)}</p>")
    if isinstance(block, ListBlock):
        items = Markup("\n").join(_item(item.blocks, rtl, shift) for item in block.items)
        if block.ordered:
            start = f' start="{block.start}"' if block.start != 1 else ""
            return Markup(f"<ol{start}>\n{items}\n</ol>")
        css = ' class="names"' if block.names else ""
        return Markup(f"<ul{css}>\n{items}\n</ul>")
    if isinstance(block, Quote):
        return Markup(f"<blockquote>\n{blocks_html(block.blocks, rtl, shift)}\n</blockquote>")
    if isinstance(block, Rule):
        return Markup("<hr>")
    assert_never(block)


def _item(blocks: tuple[Block, ...], rtl: bool, shift: int) -> Markup:
    if len(blocks) == 1 and isinstance(blocks[0], Paragraph):
        return Markup(f"<li>{inline_html(blocks[0].content, rtl)}</li>")  # a tight list: no <p>
    return Markup(f"<li>{blocks_html(blocks, rtl, shift)}</li>")


def inline_html(content: Content, rtl: bool) -> Markup:
    """Inline content as escaped HTML, runs of the other direction isolated in ``<bdi>``.

    >>> str(inline_html((Text("<b> & "), Link("javascript:alert(1)", (Text("x"),))), False))
    '&lt;b&gt; &amp; x'
    >>> str(inline_html((Text("المحكمة (ICC)"),), True))
    'المحكمة <bdi dir="ltr">(ICC)</bdi>'
    """
    return _inline(directed(content, rtl), rtl)


def _inline(content: Content, rtl: bool) -> Markup:
    out: list[Markup] = []
    for node in content:
        if isinstance(node, Run) and node.rtl != rtl:
            out.append(Markup('<bdi dir="{}">{}</bdi>').format("rtl" if node.rtl else "ltr", node.text))
        elif isinstance(node, Text):
            out.append(escape(node.text))
        elif isinstance(node, Strong):
            out.append(Markup("<strong>{}</strong>").format(_inline(node.children, rtl)))
        elif isinstance(node, Emphasis):
            out.append(Markup("<em>{}</em>").format(_inline(node.children, rtl)))
        elif isinstance(node, Link):
            inner = _inline(node.children, rtl)
            if not is_safe_href(node.href):
                out.append(inner)  # the model never holds one; a renderer never trusts that alone
            elif node.title:
                out.append(Markup('<a href="{}" title="{}">{}</a>').format(node.href, node.title, inner))
            else:
                out.append(Markup('<a href="{}">{}</a>').format(node.href, inner))
        elif isinstance(node, Code):
            out.append(Markup("<code>{}</code>").format(node.text))
        elif isinstance(node, LineBreak):
            out.append(Markup("<br>"))
        else:
            assert_never(node)  # a new inline kind must be rendered, never dropped
    return Markup("").join(out)


__all__ = ["HtmlRenderer", "IndexEdition", "IndexRow", "blocks_html", "inline_html"]
