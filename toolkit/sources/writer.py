"""Document -> Markdown source text: the direction the Markdown reader does not cover.

``stk import`` reads a Word document or a web page into a :class:`Document`
and writes it with :func:`write_markdown`; the Markdown reader turns that text
back into the same Document (blocks, inline markup, links, names lists, front
matter), which :func:`same_document` checks. The writer produces what a person
would type:

- front matter as ``key: value`` lines (YAML, quoted only when it must be);
- one paragraph per line, a hard line break as a backslash at the end of a line;
- ``## headings``, ``-`` / ``1.`` lists (nested lists indented under their
  item), ``>`` block quotes, ``---`` rules;
- ``**bold**``, ``*italic*``, ``[text](url "title")``, inline code;
- ``<!-- names -->`` on the line before a signatory list.

Text is escaped where Markdown would read it as markup: ``*``, ``[``, a ``#``
or ``1.`` starting a line, and so on. Markdown cannot nest every emphasis
everywhere (``x**"y"**`` is not bold in CommonMark): each inline run is parsed
back and, when it would change, written another way; content no spelling can
express raises :class:`Unwritable`, never silently differs.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

import yaml

from ..document import (
    KINDS,
    Block,
    Code,
    Content,
    Document,
    Emphasis,
    Heading,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    ListItem,
    Meta,
    Paragraph,
    Quote,
    Rule,
    Strong,
    Text,
    plain_text,
)
from ..document.markup import content_from_tokens, escape_text, new_parser, normalize

_PARSER = new_parser()


class Unwritable(ValueError):
    """Content that Markdown cannot spell so that it reads back the same (a bug in a reader if it happens)."""


# --- the document -----------------------------------------------------------


def write_markdown(doc: Document) -> str:
    """The source text of ``doc``: front matter, a blank line, the blocks separated by blank lines.

    >>> import datetime as dt
    >>> meta = Meta((Text("A title"),), dt.date(2025, 1, 14), "statement", (Text("CICC"),))
    >>> body = (Paragraph((Text("Act "), Strong((Text("now"),)), Text(".")), 1),)
    >>> print(write_markdown(Document("x", "x.md", "en", meta, body)), end="")
    ---
    title: A title
    date: 2025-01-14
    kind: statement
    author: CICC
    ---
    <BLANKLINE>
    Act **now**.
    """
    lines = ["---", *front_matter_lines(doc.meta), "---", ""]
    body = _blocks(doc.blocks)
    lines.extend(body)
    return "\n".join(lines).rstrip("\n") + "\n"


def front_matter_lines(meta: Meta) -> list[str]:
    """``key: value`` lines in the order sources use: title, subtitle, date, kind, author, place."""
    values: list[tuple[str, str]] = [("title", _meta_inline(meta.title))]
    if meta.subtitle:
        values.append(("subtitle", _meta_inline(meta.subtitle)))
    values.append(("date", meta.date.isoformat()))
    values.append(("kind", meta.kind.replace("-", " ") if meta.kind in KINDS else meta.kind))
    values.append(("author", _meta_inline(meta.author)))
    if meta.place:
        values.append(("place", _meta_inline(meta.place)))
    return [_yaml_line(key, value) for key, value in values]


def _meta_inline(content: Content) -> str:
    if any(isinstance(node, LineBreak) for node in _walk(content)):
        raise Unwritable(f"a front-matter value cannot hold a line break: {plain_text(content)!r}")
    return inline_markdown(content)


def _yaml_line(key: str, value: str) -> str:
    """``key: value``, quoted the way YAML needs (PyYAML decides; the reader uses YAML's BaseLoader)."""
    if key == "date":
        return f"date: {value}"
    dumped = yaml.safe_dump({key: value}, allow_unicode=True, width=1_000_000, sort_keys=False).rstrip("\n")
    if dumped[len(key) + 2 :][:1] in ("'", '"'):  # quoting needed: double quotes, as people write them
        dumped = yaml.safe_dump({key: value}, allow_unicode=True, width=1_000_000, default_style='"').rstrip("\n")
        dumped = dumped.replace(f'"{key}": ', f"{key}: ", 1)
    if "\n" in dumped:  # pragma: no cover - width and single-line values prevent folding
        raise Unwritable(f"front-matter value of {key} does not fit one line")
    return dumped


# --- blocks -----------------------------------------------------------------


def _blocks(blocks: tuple[Block, ...]) -> list[str]:
    """Lines of ``blocks``, one blank line between two blocks."""
    out: list[str] = []
    previous: Block | None = None
    bullets = iter(_alternating("-", "*"))
    numbers = iter(_alternating(".", ")"))
    for block in blocks:
        if out:
            out.append("")
        marker = ""
        if isinstance(block, ListBlock):
            # Two lists in a row would merge into one unless the second uses another marker.
            adjacent = isinstance(previous, ListBlock) and previous.ordered == block.ordered and not block.names
            if not adjacent:
                bullets, numbers = iter(_alternating("-", "*")), iter(_alternating(".", ")"))
            marker = next(numbers) if block.ordered else next(bullets)
        out.extend(_block(block, marker))
        previous = block
    return out


def _alternating(a: str, b: str) -> Iterator[str]:
    while True:
        yield a
        yield b


def _block(block: Block, marker: str) -> list[str]:
    if isinstance(block, Heading):
        if any(isinstance(node, LineBreak) for node in block.content):
            raise Unwritable(f"a heading cannot hold a line break: {plain_text(block.content)!r}")
        text = inline_markdown(block.content)
        if text.endswith("#"):
            text = text[:-1] + "\\#"  # else a closing sequence of the heading
        return [f"{'#' * block.level} {text}"]
    if isinstance(block, Paragraph):
        return inline_markdown(block.content).split("\n")
    if isinstance(block, ListBlock):
        return _list(block, marker)
    if isinstance(block, Quote):
        return [f"> {line}" if line else ">" for line in _blocks(block.blocks)]
    if isinstance(block, Rule):
        return ["---"]
    raise TypeError(f"unknown block {block!r}")  # pragma: no cover - the model has no other blocks


def _list(block: ListBlock, marker: str) -> list[str]:
    out = ["<!-- names -->"] if block.names else []
    loose = any(_needs_blank_lines(item) for item in block.items)
    for number, item in enumerate(block.items, block.start):
        if loose and out and out[-1] != "<!-- names -->":
            out.append("")
        lead = f"{number}{marker} " if block.ordered else f"{marker} "
        lines = _item(item)
        pad = " " * len(lead)
        out.append(lead + lines[0] if lines else lead.rstrip())
        out.extend(pad + line if line else "" for line in lines[1:])
    return out


def _needs_blank_lines(item: ListItem) -> bool:
    """Two paragraphs (or a paragraph after a nested list) in one item need blank lines between them."""
    return any(isinstance(b, Paragraph) for b in item.blocks[1:])


def _item(item: ListItem) -> list[str]:
    out: list[str] = []
    for i, child in enumerate(item.blocks):
        if i and not (isinstance(child, ListBlock) and isinstance(item.blocks[i - 1], Paragraph)):
            out.append("")
        out.extend(_block(child, "*" if isinstance(child, ListBlock) and not child.ordered else "."))
    return out


# --- inline content ---------------------------------------------------------


def inline_markdown(content: Content) -> str:
    """Inline content as Markdown that parses back to the same content; hard breaks as ``\\`` + newline.

    >>> inline_markdown((Strong((Emphasis((Text("both"),)),)), Text(" 1. "), Link("https://x.org", (Text("x"),))))
    '**_both_** 1. [x](https://x.org)'
    >>> inline_markdown((Text("# not a heading"),))
    '\\\\# not a heading'
    """
    want = normalize(content)
    attempts = ("*", "_")
    for em in attempts:
        text = "".join(_nodes(want, em, at_line_start=True))
        if _parse_inline(text) == want:
            return text
    raise Unwritable(f"Markdown cannot write this text with its emphasis so that it reads back the same: {plain_text(content)!r}")


def _parse_inline(text: str) -> Content:
    problems: list[str] = []
    tokens = _PARSER.parseInline(text)[0].children or []
    content = content_from_tokens(tokens, problems.append)
    return content if not problems else ()


def _nodes(content: Content, em: str, at_line_start: bool, in_strong: bool = False) -> Iterator[str]:
    start = at_line_start
    for i, node in enumerate(content):
        # Emphasis at the edge of bold: ``**_x_**`` (``***x***`` would read as italic around bold).
        edge = in_strong and isinstance(node, Emphasis) and (i == 0 or i == len(content) - 1)
        yield _node(node, "_" if edge and em == "*" else em, start)
        start = isinstance(node, LineBreak)


def _node(node: Inline, em: str, at_line_start: bool) -> str:
    if isinstance(node, Text):
        text = escape_text(node.text)
        return escape_line_start(text) if at_line_start else text
    if isinstance(node, Strong):
        return "**" + "".join(_nodes(node.children, em, at_line_start=False, in_strong=True)) + "**"
    if isinstance(node, Emphasis):
        return em + "".join(_nodes(node.children, "*", at_line_start=False)) + em
    if isinstance(node, Link):
        inner = "".join(_nodes(node.children, em, at_line_start=False))
        title = ' "' + node.title.replace("\\", "\\\\").replace('"', '\\"') + '"' if node.title else ""
        return f"[{inner}]({_destination(node.href)}{title})"
    if isinstance(node, Code):
        fence = "`" * (max((len(m) for m in re.findall(r"`+", node.text)), default=0) + 1)
        pad = " " if node.text.startswith("`") or node.text.endswith("`") or not node.text.strip() else ""
        return f"{fence}{pad}{node.text}{pad}{fence}"
    return "\\\n"  # LineBreak


def _destination(href: str) -> str:
    """A link destination as written: bare when Markdown reads it back whole, else in ``<...>``."""
    balanced = href.count("(") == href.count(")")
    if href and balanced and not re.search(r"[\s<>\\]|[\x00-\x1f]", href):
        return href
    return "<" + href.replace("\\", "\\\\").replace("<", "\\<").replace(">", "\\>") + ">"


_BLOCK_STARTS = (
    (re.compile(r"^(#{1,6})(?=[ \t]|$)"), r"\\\1"),  # ATX heading
    (re.compile(r"^([-+])(?=[ \t]|$)"), r"\\\1"),  # bullet list item (``*`` is already escaped)
    (re.compile(r"^(\d{1,9})([.)])(?=[ \t]|$)"), r"\1\\\2"),  # ordered list item
    (re.compile(r"^>"), r"\\>"),  # block quote
    (re.compile(r"^([-=]+[ \t]*)$"), r"\\\1"),  # setext underline after a hard-broken line
    (re.compile(r"^~~~"), r"\\~~~"),  # code fence
    (re.compile(r"^(- *){3,}$"), r"\\\1"),  # thematic break
)


def escape_line_start(text: str) -> str:
    """Escape what would start a block (heading, list item, quote, fence) at the start of a line.

    >>> [escape_line_start(t) for t in ("1. First", "- item", "> quote", "2025. A year", "#hashtag")]
    ['1\\\\. First', '\\\\- item', '\\\\> quote', '2025\\\\. A year', '#hashtag']
    """
    for pattern, replacement in _BLOCK_STARTS:
        text = pattern.sub(replacement, text, count=1)
    return text


# --- comparing documents ----------------------------------------------------


def without_lines(doc: Document) -> Document:
    """``doc`` with every block's source line set to 0 and the path cleared: what two formats can share."""
    return dataclasses.replace(doc, path="", blocks=tuple(_unlined(b) for b in doc.blocks))


def _unlined(block: Block) -> Block:
    if isinstance(block, ListBlock):
        items = tuple(ListItem(tuple(_unlined(b) for b in item.blocks), 0) for item in block.items)
        return dataclasses.replace(block, items=items, line=0)
    if isinstance(block, Quote):
        return Quote(tuple(_unlined(b) for b in block.blocks), 0)
    return dataclasses.replace(block, line=0)


def same_document(a: Document, b: Document) -> bool:
    """Equal blocks, inline markup, links, names lists and front matter (lines and paths aside)."""
    return without_lines(a) == without_lines(b)


def _walk(content: Content) -> Iterator[Inline]:
    for node in content:
        yield node
        if isinstance(node, (Strong, Emphasis, Link)):
            yield from _walk(node.children)


__all__ = [
    "Unwritable",
    "escape_line_start",
    "front_matter_lines",
    "inline_markdown",
    "same_document",
    "without_lines",
    "write_markdown",
]
