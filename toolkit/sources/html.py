"""A web page (saved .html, or fetched) -> a :class:`~toolkit.sources.draft.Draft`.

The article is found by readability-lxml (Mozilla Readability's scoring):
it returns the original elements of the article, so links, nesting and
emphasis survive, while navigation, share bars, cookie banners, "related"
blocks, comments and footers stay behind (measured against trafilatura in
benchmarks/bench_boilerplate.py; docs/import.md has the figures). Every part
of the page left behind is listed in the summary with its line and words.

Then: ``h1``-``h6`` -> headings (the shallowest becomes ``##``: the title is
the first level), ``p`` -> paragraphs, ``ul``/``ol``/``li`` -> lists (nested,
``start`` kept), ``blockquote`` -> quotes, ``hr`` -> a rule, ``strong``/``b``,
``em``/``i``, ``a[href]``, ``code``, ``br`` -> inline markup. Links are
resolved against the page's address (``<base>``, ``og:url``, the canonical
link, or the URL fetched) and kept only when http, https, mailto or relative
(the build's rule). Images, forms, scripts and embedded media are dropped,
each reported; a table of names becomes a names list, any other table is
refused with its line.

Front matter: ``<h1>`` / ``og:title`` / ``<title>``, ``<time datetime>`` /
``article:published_time`` / JSON-LD ``datePublished``, the page's author or
publisher, and the toolkit's own byline (so a page built by ``stk build``
imports back to its source).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator

import lxml.html
from lxml import etree
from readability import Document as Readability

from ..document import (
    Block,
    Code,
    Content,
    Emphasis,
    Heading,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    ListItem,
    Paragraph,
    Quote,
    Rule,
    Strong,
    Text,
)
from ..errors import Location, SourceError
from .draft import Clues, Draft, Found, Note, count_words, safe_link, short_text, split_breaks, tidy
from .signatories import is_name_like

_BLOCKS = {
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "blockquote",
    "hr",
    "table",
    "pre",
    "dl",
    "dt",
    "dd",
    "figure",
    "figcaption",
}
_CONTAINERS = {
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "nav",
    "center",
    "body",
    "html",
    "span",
    "font",
    "form",
    "details",
    "summary",
    "address",
    "hgroup",
}
_DROPPED = {
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "button",
    "input",
    "select",
    "textarea",
    "iframe",
    "video",
    "audio",
    "canvas",
    "object",
    "embed",
    "img",
    "picture",
    "map",
    "head",
    "meta",
    "link",
    "title",
}
_INVISIBLE = {"script", "style", "noscript", "template", "head", "title", "meta", "link"}
_STRONG = {"strong", "b"}
_EM = {"em", "i", "cite", "dfn"}
_CODE = {"code", "kbd", "samp", "tt"}


def read_html(data: bytes, shown: str, url: str | None) -> Draft:
    """Read a web page; ``url`` is where it was fetched from (None for a saved file)."""
    text = decode_html(data)
    try:
        page = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise SourceError(f"not a web page: {exc}", Location(shown)) from None
    return _HtmlReader(page, text, shown, url).read()


def decode_html(data: bytes, declared: str | None = None) -> str:
    """Text of a page: the byte-order mark, the HTTP charset, ``<meta charset>``, then UTF-8, then Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    head = data[:4096].decode("ascii", errors="replace")
    match = re.search(r"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", head, re.IGNORECASE)
    for charset in (declared, match.group(1) if match else None, "utf-8"):
        if charset:
            try:
                return data.decode(charset)
            except (LookupError, UnicodeDecodeError):
                continue
    return data.decode("cp1252", errors="replace")


class _HtmlReader:
    def __init__(self, page: lxml.html.HtmlElement, text: str, shown: str, url: str | None) -> None:
        self.page = page
        self.text = text
        self.shown = shown
        self.url = url
        self.notes: list[Note] = []
        self.base = self._base()

    def read(self) -> Draft:
        body = self.page.find("body")
        if body is None:
            body = self.page
        words_in = count_words(_visible_text(body))
        clues = self._clues()
        article = self._article()
        consumed = self._front_in_article(article, clues)
        blocks, places = self._blocks(article)
        blocks, places = _shift_headings(blocks, places)
        self._dropped_regions(body, article, consumed)
        if self.base is None and any(self._relative):
            self.notes.append(
                Note(
                    self.shown,
                    "relative links kept relative: the page does not say its address (no <base>, og:url or canonical link)",
                )
            )
        return Draft(self.shown, blocks, clues, self.notes, words_in, places)

    _relative: list[str]

    # --- where the page lives --------------------------------------------------

    def _base(self) -> str | None:
        self._relative = []
        base = self.page.find(".//base[@href]")
        og = self._meta("og:url")
        canonical = self.page.find(".//link[@rel='canonical'][@href]")
        for candidate in (
            base.get("href") if base is not None else None,
            og,
            canonical.get("href") if canonical is not None else None,
        ):
            if candidate and re.match(r"^https?://", candidate.strip()):
                return candidate.strip()
        return self.url

    def _meta(self, *names: str) -> str | None:
        for name in names:
            for el in self.page.iter("meta"):
                if (el.get("property") or el.get("name") or "").lower() == name.lower() and (el.get("content") or "").strip():
                    return str(el.get("content")).strip()
        return None

    def where(self, el: etree._Element) -> str:
        line = getattr(el, "sourceline", None)
        return f"line {line}" if line else self.shown

    # --- front matter ------------------------------------------------------------

    def _clues(self) -> Clues:
        clues = Clues()
        front = self.page.find(".//header[@class='front']")
        h1 = front.find(".//h1") if front is not None else None
        h1 = h1 if h1 is not None else self._first_h1()
        if h1 is not None and h1.text_content().strip():
            clues.title = Found(tidy(self._inline(h1), breaks=False), f"{self.where(h1)} (<h1>)")
        else:
            title = self._meta("og:title", "twitter:title") or (self.page.findtext(".//title") or "").strip()
            if title:
                clues.title = Found(tidy(tuple(split_breaks(title)), breaks=False), "og:title / <title>")
        if front is not None:
            self._own_front(front, clues)
        if clues.date is None:
            clues.date = self._date()
        if clues.author is None:
            author = self._author()
            if author:
                clues.author = author
        kicker = self.page.find(".//*[@class='kind']")
        if kicker is not None and clues.kicker is None:
            clues.kicker = Found(kicker.text_content().strip(), self.where(kicker))
        return clues

    def _first_h1(self) -> etree._Element | None:
        for scope in ("//article//h1", "//main//h1", "//h1"):
            found = self.page.xpath(scope)
            if found:
                first: etree._Element = found[0]
                return first
        return None

    def _own_front(self, front: etree._Element, clues: Clues) -> None:
        """The front of a page ``stk build`` wrote: subtitle, and a byline of author, place and time."""
        subtitle = front.find(".//p[@class='subtitle']")
        if subtitle is not None:
            clues.subtitle = Found(tidy(self._inline(subtitle), breaks=False), self.where(subtitle))
        byline = front.find(".//p[@class='byline']")
        if byline is None:
            return
        author = byline.find(".//bdi[@class='author']")
        place = byline.find(".//bdi[@class='place']")
        time = byline.find(".//time[@datetime]")
        if author is not None:
            clues.author = Found(tidy(self._inline(author), breaks=False), f"{self.where(byline)} (byline)")
        if place is not None:
            clues.place = Found(tidy(self._inline(place), breaks=False), f"{self.where(byline)} (byline)")
        if time is not None:
            date = _iso_date(time.get("datetime") or "")
            if date:
                clues.date = Found(date, f"{self.where(time)} (<time datetime>)")

    def _date(self) -> Found[dt.date] | None:
        for name in ("article:published_time", "datePublished", "date", "dcterms.date", "DC.date", "DC.date.issued", "pubdate"):
            value = self._meta(name)
            date = _iso_date(value or "")
            if date:
                return Found(date, f"<meta {name}>")
        for data in self._json_ld():
            date = _iso_date(str(data.get("datePublished") or ""))
            if date:
                return Found(date, "JSON-LD datePublished")
        for time in self.page.xpath("//article//time[@datetime]|//main//time[@datetime]|//time[@datetime]"):
            date = _iso_date(time.get("datetime") or "")
            if date:
                return Found(date, f"{self.where(time)} (<time datetime>)")
        return None

    def _author(self) -> Found[Content] | None:
        value = self._meta("author", "article:author", "dcterms.creator", "DC.creator")
        if value and not re.match(r"^https?://", value):
            return Found((Text(value),), "<meta author>")
        for data in self._json_ld():
            for key in ("author", "publisher"):
                who = data.get(key)
                who = who[0] if isinstance(who, list) and who else who
                name = who.get("name") if isinstance(who, dict) else who if isinstance(who, str) else None
                if isinstance(name, str) and name.strip():
                    return Found((Text(name.strip()),), f"JSON-LD {key}")
        site = self._meta("og:site_name")
        return Found((Text(site),), "og:site_name") if site else None

    def _json_ld(self) -> Iterator[dict[str, object]]:
        for script in self.page.xpath("//script[@type='application/ld+json']"):
            try:
                data = json.loads(script.text or "")
            except ValueError:
                continue
            for item in data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []:
                if isinstance(item, dict):
                    yield item

    # --- the article -------------------------------------------------------------

    def _article(self) -> etree._Element:
        """The element holding the article: readability's choice, mapped back onto this page's tree."""
        own = self.page.find(".//header[@class='front']")
        if own is not None and own.getparent() is not None and own.getparent().tag == "article":
            return own.getparent()  # a page stk build wrote: its <article> is the statement
        html = etree.tostring(self.page, encoding="unicode", method="html")
        try:
            summary = Readability(html, xpath=True).summary(html_partial=True)
        except Exception as exc:  # readability raises its own Unparseable and lxml errors alike
            raise SourceError(f"no article found in the page ({exc})", Location(self.shown)) from None
        chosen = lxml.html.fragment_fromstring(summary, create_parent="div")
        paths = [el.get("x") for el in chosen.iter() if isinstance(el.tag, str) and el.get("x")]
        tree = self.page.getroottree()
        found = [hit for path in paths for hit in tree.xpath(path)[:1]]
        if not found:
            raise SourceError("no article found in the page", Location(self.shown))
        # readability names (with xpath=True) every original element it kept: the rest of the article
        # (share bar, entry meta, tags) is left out below, block by block.
        self.kept = set(found)
        article: etree._Element = found[0]
        return article

    kept: set[etree._Element] | None = None

    def _front_in_article(self, article: etree._Element, clues: Clues) -> set[etree._Element]:
        """Title, kicker and byline inside the article are front matter, not body."""
        consumed: set[etree._Element] = set()
        front = article.find("./header[@class='front']")
        candidates = [front] if front is not None else []
        title_text = " ".join(((clues.title and _plain(clues.title.value)) or "").split())
        inside_front = set(front.iter()) if front is not None else set()
        for h1 in self.page.iter("h1"):
            if h1 not in inside_front and " ".join(h1.text_content().split()) == title_text:
                candidates.append(h1)
                break
        for el in candidates:
            words = count_words(el.text_content())
            self.notes.append(Note(self.where(el), f"front matter (title, byline): {short_text(el.text_content())!r}", words))
            consumed.add(el)
        self.consumed = consumed
        return consumed

    consumed: set[etree._Element]

    def _dropped_regions(self, body: etree._Element, article: etree._Element, consumed: set[etree._Element]) -> None:
        """Every part of the page outside the article (or dropped inside it), the largest whole parts first."""
        inside = set(article.iter())

        def walk(el: etree._Element) -> None:
            for child in el:
                if not isinstance(child.tag, str) or child in consumed:
                    continue
                if child is article or child in inside:
                    continue
                if article in set(child.iter()) or any(c in consumed for c in child.iter()):
                    walk(child)
                    if child.tail and child.tail.strip():
                        self._drop_note(child, child.tail, "text")
                    continue
                text = _visible_text(child, consumed) + " " + (child.tail or "")
                if text.strip():
                    self._drop_note(child, text, _describe(child))

        if el_text := (body.text or "").strip():
            self._drop_note(body, el_text, "text")
        walk(body)

    def _drop_note(self, el: etree._Element, text: str, what: str) -> None:
        self.notes.append(Note(self.where(el), f"{what} dropped: {short_text(text)!r}", count_words(text), dropped=True))

    # --- blocks ------------------------------------------------------------------

    def _blocks(self, container: etree._Element) -> tuple[list[Block], list[str]]:
        blocks: list[Block] = []
        places: list[str] = []
        pending: list[Inline] = []
        pending_at: list[etree._Element] = []

        def flush() -> None:
            content = tidy(tuple(pending))
            if content:
                blocks.append(Paragraph(content, _line(pending_at[0]) if pending_at else 0))
                places.append(self.where(pending_at[0]) if pending_at else self.shown)
            pending.clear()
            pending_at.clear()

        if container.text:
            pending.extend(split_breaks(container.text))
            pending_at.append(container)
        for child in container:
            if not isinstance(child.tag, str) or child in self.consumed:
                if child.tail:
                    pending.extend(split_breaks(child.tail))
                continue
            tag = child.tag.lower()
            if (
                self.kept is not None
                and child not in self.kept
                and (tag in _BLOCKS or tag in _CONTAINERS)
                and not _content_like(child)
            ):
                text = _visible_text(child, self.consumed)
                if text.strip():
                    self._drop_note(child, text, _describe(child))
            elif tag in _BLOCKS or (tag in _CONTAINERS and _has_blocks(child)):
                flush()
                for block in self._block(child, tag):
                    blocks.append(block)
                    places.append(self.where(child))
            elif tag in _DROPPED:
                self._dropped_element(child, tag)
            else:
                pending.extend(self._inline_node(child))
                pending_at.append(child)
                continue  # the tail was read with the node
            if child.tail and child.tail.strip():
                pending.extend(split_breaks(child.tail))
                pending_at.append(child)
        flush()
        return blocks, places

    def _block(self, el: etree._Element, tag: str) -> list[Block]:
        line = _line(el)
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            content = tidy(self._inline(el), breaks=False)
            return [Heading(int(tag[1]), content, line)] if content else []
        if tag in ("p", "dt", "dd", "figcaption", "summary", "address"):
            content = tidy(self._inline(el))
            return [Paragraph(content, line)] if content else []
        if tag in ("ul", "ol"):
            items = [self._item(li) for li in el if isinstance(li.tag, str) and li.tag.lower() == "li"]
            items = [i for i in items if i.blocks]
            if not items:
                return []
            start = int(el.get("start")) if tag == "ol" and (el.get("start") or "").strip().isdigit() else 1
            names = "names" in (el.get("class") or "").split()
            if names:
                self.notes.append(Note(self.where(el), f'signatory list ({len(items)} names, marked class="names")'))
            return [ListBlock(tuple(items), tag == "ol", line, start, names)]
        if tag == "li":
            return list(self._item(el).blocks)
        if tag == "blockquote":
            inner, _ = self._blocks(el)
            return [Quote(tuple(inner), line)] if inner else []
        if tag == "hr":
            return [Rule(line)]
        if tag == "table":
            return [self._table(el)]
        if tag == "pre":
            self.notes.append(Note(self.where(el), "preformatted text became a paragraph with its line breaks"))
            pre: list[Inline] = []
            for part in (el.text_content() or "").split("\n"):
                if pre:
                    pre.append(LineBreak())
                pre.append(Text(part))
            return [Paragraph(tidy(tuple(pre)), line)]
        inner, _ = self._blocks(el)  # a container (div, section, dl, figure...)
        return inner

    def _item(self, li: etree._Element) -> ListItem:
        blocks, _ = self._blocks(li)
        return ListItem(tuple(blocks), _line(li))

    def _table(self, table: etree._Element) -> Block:
        rows = [
            [cell for cell in tr if isinstance(cell.tag, str) and cell.tag.lower() in ("td", "th")] for tr in table.iter("tr")
        ]
        texts = [[" ".join(cell.text_content().split()) for cell in row] for row in rows]
        names = [t for row in texts for t in row if t]
        columns = max((len(r) for r in rows), default=0)
        nested = any(t is not table for t in table.iter("table"))
        if len(names) >= 2 and columns <= 4 and not nested and all(is_name_like(t) for t in names):
            self.notes.append(
                Note(
                    self.where(table),
                    f"table ({len(rows)} rows x {columns} columns) became a signatory list of {len(names)} names, "
                    "read row by row",
                )
            )
            items = tuple(ListItem((Paragraph(tidy((Text(n),), breaks=False), _line(table)),), _line(table)) for n in names)
            return ListBlock(items, False, _line(table), names=True)
        raise SourceError(
            f"the table at line {_line(table)} ({len(rows)} rows x {columns} columns, "
            f"first cell {short_text(names[0] if names else '', 40)!r}) is not a list of names: tables cannot be imported; "
            "save the page without it, or copy the article into a Word document",
            Location(self.shown, _line(table)),
        )

    def _dropped_element(self, el: etree._Element, tag: str) -> None:
        if tag in _INVISIBLE:
            return
        text = el.text_content().strip() if tag not in ("img", "picture") else ""
        what = {"img": "image", "picture": "image", "iframe": "embedded frame", "video": "video", "audio": "audio"}.get(
            tag, f"<{tag}>"
        )
        alt = f" ({el.get('alt')!r})" if tag == "img" and el.get("alt") else ""
        words = count_words(text)
        self.notes.append(
            Note(self.where(el), f"{what}{alt} dropped" + (f": {short_text(text)!r}" if text else ""), words, dropped=True)
        )

    # --- inline --------------------------------------------------------------------

    def _inline(self, el: etree._Element) -> Content:
        out: list[Inline] = []
        if el.text:
            out.extend(split_breaks(el.text))
        for child in el:
            out.extend(self._inline_node(child))
        return tuple(out)

    def _inline_node(self, el: etree._Element) -> list[Inline]:
        """One child element and its tail."""
        out: list[Inline] = []
        if isinstance(el.tag, str):
            tag = el.tag.lower()
            if tag == "br":
                out.append(LineBreak())
            elif tag in _STRONG:
                out.append(Strong(self._inline(el)))
            elif tag in _EM:
                out.append(Emphasis(self._inline(el)))
            elif tag in _CODE:
                out.append(Code(" ".join(el.text_content().split())))
            elif tag == "a":
                out.extend(self._link(el))
            elif tag == "q":
                out.extend((Text("“"), *self._inline(el), Text("”")))
            elif tag in _DROPPED:
                self._dropped_element(el, tag)
            elif tag in _BLOCKS:  # a block inside inline content (invalid HTML browsers accept): keep its text on a new line
                out.extend((LineBreak(), *self._inline(el), LineBreak()))
            else:
                out.extend(self._inline(el))
        if el.tail:
            out.extend(split_breaks(el.tail))
        return out

    def _link(self, a: etree._Element) -> list[Inline]:
        inner = self._inline(a)
        raw = (a.get("href") or "").strip()
        if not raw:
            return list(inner)
        if raw.startswith("#"):
            self.notes.append(Note(self.where(a), f"link to {raw!r} within the page kept as text"))
            return list(inner)
        href = safe_link(raw, self.base)
        if href is None:
            self.notes.append(
                Note(self.where(a), f"link to {short_text(raw, 50)!r} kept as text (only http, https, mailto and relative links)")
            )
            return list(inner)
        if not re.match(r"^[a-z][a-z0-9+.-]*:", href, re.IGNORECASE):
            self._relative.append(href)
        return [Link(href, inner, a.get("title") or "")]


# --- helpers -------------------------------------------------------------------------


_FURNITURE = re.compile(
    r"share|social|related|comment|newsletter|subscri|tags?\b|breadcrumb|nav|menu|footer|cookie|consent|promo|advert|sponsor"
    r"|widget|sidebar|byline|meta|author|print|toolbar|pagination",
    re.IGNORECASE,
)


def _content_like(el: etree._Element) -> bool:
    """A list, quote or paragraph inside the article that readability's density rules left out (a short list of
    names, a one-line list) but that is not furniture by its name or its links: it stays."""
    if el.tag.lower() not in ("ul", "ol", "blockquote", "p", "h2", "h3", "h4", "h5", "h6"):
        return False
    if _FURNITURE.search(f"{el.get('class') or ''} {el.get('id') or ''} {el.get('role') or ''}"):
        return False
    text = " ".join(el.text_content().split())
    linked = sum(len(" ".join(a.text_content().split())) for a in el.iter("a"))
    return bool(text) and linked <= len(text) / 2


def _has_blocks(el: etree._Element) -> bool:
    return any(isinstance(d.tag, str) and d.tag.lower() in _BLOCKS for d in el.iterdescendants())


def _line(el: etree._Element) -> int:
    return int(getattr(el, "sourceline", 0) or 0)


def _visible_text(el: etree._Element, skip: set[etree._Element] | None = None) -> str:
    """What a reader of the page sees of ``el`` (scripts and styles aside), less the ``skip`` elements."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if (isinstance(node.tag, str) and node.tag.lower() in _INVISIBLE) or (skip and node in skip):
            return
        if isinstance(node.tag, str) and node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(el)
    return " ".join(parts)


def _describe(el: etree._Element) -> str:
    """``<nav id="site-navigation">`` -> ``navigation (nav#site-navigation)``."""
    tag = el.tag.lower()
    ident = f"#{el.get('id')}" if el.get("id") else ""
    classes = "".join(f".{c}" for c in (el.get("class") or "").split()[:2])
    names = {"nav": "navigation", "footer": "footer", "header": "page header", "aside": "sidebar", "form": "form"}
    label = names.get(tag, "page part")
    return f"{label} ({tag}{ident}{classes})"


def _plain(content: Content) -> str:
    from ..document import plain_text

    return plain_text(content)


def _iso_date(value: str) -> dt.date | None:
    match = re.match(r"^\s*(\d{4})-(\d{2})-(\d{2})", value)
    if not match:
        return None
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def _shift_headings(blocks: list[Block], places: list[str]) -> tuple[list[Block], list[str]]:
    """The shallowest heading becomes level 2 (the title is the first level), as the renderers shift them."""
    levels = [b.level for b in _all(blocks) if isinstance(b, Heading)]
    if not levels:
        return blocks, places
    shift = min(levels) - 2
    return [_shifted(b, shift) for b in blocks], places


def _all(blocks: list[Block]) -> Iterator[Block]:
    for block in blocks:
        yield block
        if isinstance(block, Quote):
            yield from _all(list(block.blocks))
        elif isinstance(block, ListBlock):
            for item in block.items:
                yield from _all(list(item.blocks))


def _shifted(block: Block, shift: int) -> Block:
    if isinstance(block, Heading):
        return Heading(max(2, min(6, block.level - shift)), block.content, block.line)
    if isinstance(block, Quote):
        return Quote(tuple(_shifted(b, shift) for b in block.blocks), block.line)
    if isinstance(block, ListBlock):
        items = tuple(ListItem(tuple(_shifted(b, shift) for b in item.blocks), item.line) for item in block.items)
        return ListBlock(items, block.ordered, block.line, block.start, block.names)
    return block


__all__ = ["decode_html", "read_html"]
