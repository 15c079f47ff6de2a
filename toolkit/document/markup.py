"""Inline content <-> the light Markdown translators see in msgids and write in msgstrs.

A segment's inline content becomes a msgid such as
``We call on **all States Parties** to sign the [statement][1].`` Links use the
reference form ``[text][N]``: the URL stays in the document model (and in a
``#.`` comment), so long URLs never sit inside right-to-left text. Parsing
goes back through the same markdown-it parser that reads the sources, with the
segment's URLs supplied as reference definitions; so ``serialize`` and ``parse``
are inverses, and a translator's ``[texte][1]`` becomes a real link again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token

from . import Code, Content, Emphasis, Inline, LineBreak, Link, Strong, Text, is_safe_href, iter_links, with_children

MAX_INLINE_DEPTH = 8
"""Emphasis and links nested in each other, at most: deeper is an error in a source; in a
translator's msgstr the deeper markup is dropped and its text kept, with a warning."""

Warn = Callable[[str], None]
"""Receives one message about something dropped or changed (the caller adds file:line)."""


def new_parser() -> MarkdownIt:
    """The one Markdown parser: CommonMark, with tables switched on only to refuse them.

    markdown-it's own link check silently turns ``[x](javascript:...)`` into
    text; accept every link here instead, so that :func:`is_safe_href` drops
    unsafe ones with a warning naming the file and line.
    """
    md = MarkdownIt("commonmark").enable("table")
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


_PARSER = new_parser()


# --- tokens -> content ------------------------------------------------------


def content_from_tokens(tokens: Sequence[Token], warn: Warn, *, raw_html: str = "error") -> Content:
    """Convert markdown-it inline tokens into normalised inline content.

    ``raw_html="error"`` makes inline HTML and images a ``ValueError`` (sources
    must not lose content silently); ``"text"`` keeps them as literal text with
    a warning (a translator's msgstr: escaped on output, never interpreted).
    """
    stack: list[tuple[str, list[Inline], dict[str, str]]] = [("root", [], {})]
    flattened = 0  # markup opened beyond MAX_INLINE_DEPTH (a msgstr): its text goes to the level above
    for tok in tokens:
        kind = tok.type
        if kind == "text":
            stack[-1][1].append(Text(tok.content))
        elif kind == "softbreak":
            stack[-1][1].append(Text(" "))
        elif kind == "hardbreak":
            stack[-1][1].append(LineBreak())
        elif kind == "code_inline":
            stack[-1][1].append(Code(tok.content))
        elif kind in ("strong_open", "em_open", "link_open"):
            if len(stack) > MAX_INLINE_DEPTH:
                if raw_html == "error":
                    raise ValueError(f"emphasis and links nested {len(stack)} levels deep: the toolkit keeps {MAX_INLINE_DEPTH}")
                if not flattened:
                    warn(f"emphasis and links nested deeper than {MAX_INLINE_DEPTH} levels: the deeper markup dropped")
                flattened += 1
                continue
            attrs = {k: str(v) for k, v in tok.attrs.items()}
            stack.append((kind[:-5], [], attrs))
        elif kind in ("strong_close", "em_close", "link_close"):
            if flattened:
                flattened -= 1
                continue
            name, children, attrs = stack.pop()
            node = _close(name, tuple(children), attrs, warn)
            stack[-1][1].extend(node)
        elif kind in ("html_inline", "image"):
            literal = tok.content if kind == "html_inline" else f"![{tok.content}]({tok.attrs.get('src', '')})"
            if raw_html == "error":
                what = "raw HTML" if kind == "html_inline" else "images"
                raise ValueError(f"{what} not supported ({literal!r}); write it as plain Markdown")
            warn(f"{'raw HTML' if kind == 'html_inline' else 'image'} {literal!r} kept as plain text")
            stack[-1][1].append(Text(literal))
        else:  # pragma: no cover - markdown-it's commonmark preset has no other inline tokens
            raise ValueError(f"unsupported inline token {kind}")
    return normalize(tuple(stack[0][1]))


def _close(name: str, children: Content, attrs: dict[str, str], warn: Warn) -> list[Inline]:
    if name == "strong":
        return [Strong(children)]
    if name == "em":
        return [Emphasis(children)]
    href = attrs.get("href", "")
    if not is_safe_href(href):
        warn(f"link to {href!r} dropped (only http, https, mailto and relative links are allowed)")
        return list(children)
    return [Link(href, children, attrs.get("title", ""))]


# --- normalisation ----------------------------------------------------------

_SPACES = re.compile(r"[ \t\r\n]+")


def normalize(content: Content) -> Content:
    """Collapse whitespace, merge adjacent text, move edge spaces out of emphasis, drop empties.

    Two contents that render the same compare equal afterwards, which is what
    lets a msgid round trip and the merge compare segments.
    """
    out: list[Inline] = []
    for node in content:
        if isinstance(node, Text):
            text = _SPACES.sub(" ", node.text)
            if text:
                _append_text(out, text)
        elif isinstance(node, (Strong, Emphasis, Link)):
            inner = normalize(node.children)
            lead, inner, trail = _strip_edges(inner)
            if lead:
                _append_text(out, " ")
            if inner:
                out.append(with_children(node, inner))
            if trail:
                _append_text(out, " ")
        else:
            out.append(node)
    return tuple(out)


def _append_text(out: list[Inline], text: str) -> None:
    if out and isinstance(out[-1], Text):
        merged = out[-1].text + text
        out[-1] = Text(_SPACES.sub(" ", merged))
    else:
        out.append(Text(text))


def _strip_edges(content: Content) -> tuple[bool, Content, bool]:
    """Split leading/trailing spaces off ``content`` (they belong outside emphasis)."""
    items = list(content)
    lead = trail = False
    if items and isinstance(items[0], Text) and items[0].text.startswith(" "):
        lead = True
        items[0] = Text(items[0].text.lstrip(" "))
        if not items[0].text:
            items.pop(0)
    if items and isinstance(items[-1], Text) and items[-1].text.endswith(" "):
        trail = True
        items[-1] = Text(items[-1].text.rstrip(" "))
        if not items[-1].text:
            items.pop()
    return lead, tuple(items), trail


def strip(content: Content) -> Content:
    """``content`` without leading/trailing spaces and line breaks."""
    items = list(content)
    while items and isinstance(items[0], LineBreak):
        items.pop(0)
    while items and isinstance(items[-1], LineBreak):
        items.pop()
    _, inner, _ = _strip_edges(tuple(items))
    return inner


# --- content -> light Markdown ---------------------------------------------


def link_targets(content: Content) -> tuple[str, ...]:
    """Distinct link URLs in reading order: ``[text][N]`` refers to the N-th."""
    return tuple(dict.fromkeys(link.href for link in iter_links(content)))


def serialize(content: Content, links: Sequence[str] | None = None) -> str:
    """Light Markdown for ``content``; links as ``[text][N]`` numbered by ``links``.

    >>> serialize((Text("Sign the "), Link("https://x.org", (Text("letter"),)), Text(" *now*")))
    'Sign the [letter][1] \\\\*now\\\\*'
    """
    numbers = {href: i for i, href in enumerate(links or link_targets(content), 1)}
    return "".join(_serialize_node(node, numbers) for node in content)


def _serialize_node(node: Inline, numbers: dict[str, int]) -> str:
    if isinstance(node, Text):
        return escape_text(node.text)
    if isinstance(node, Strong):
        return "**" + "".join(_serialize_node(n, numbers) for n in node.children) + "**"
    if isinstance(node, Emphasis):
        return "*" + "".join(_serialize_node(n, numbers) for n in node.children) + "*"
    if isinstance(node, Link):
        inner = "".join(_serialize_node(n, numbers) for n in node.children)
        return f"[{inner}][{numbers[node.href]}]"
    if isinstance(node, Code):
        fence = "`" * (_longest_backtick_run(node.text) + 1)
        pad = " " if node.text.startswith("`") or node.text.endswith("`") else ""
        return f"{fence}{pad}{node.text}{pad}{fence}"
    return "\\\n"  # LineBreak: never inside a msgid in practice (segments split there)


def _longest_backtick_run(text: str) -> int:
    return max((len(m) for m in re.findall(r"`+", text)), default=0)


_ENTITY = re.compile(r"&(#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")


def escape_text(text: str) -> str:
    r"""Backslash-escape what Markdown would otherwise read as markup.

    Underscores inside words stay as they are (CommonMark never reads them as
    emphasis), so ``file_name`` stays readable.

    >>> escape_text("AJC* & [1] _x_ file_name")
    'AJC\\* & \\[1\\] \\_x\\_ file_name'
    """
    if _SPECIAL.search(text) is None:
        return text  # most text: nothing to escape, and no character-by-character loop over it

    def escaped(match: re.Match[str]) -> str:
        ch, i = match.group(), match.start()
        if ch == "_":
            before = text[i - 1] if i else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            return "_" if before.isalnum() and after.isalnum() else "\\_"
        if ch == "&":
            return "\\&" if _ENTITY.match(text, i) else ch
        if ch == "!":
            return "\\!" if text[i + 1 : i + 2] == "[" else ch
        return "\\" + ch

    return _SPECIAL.sub(escaped, text)


_SPECIAL = re.compile(r"[\\*\[\]`<_&!]")
_INLINE_SYNTAX = re.compile("[\\\\`*_\\[\\]!<&\n\r\x00]")
"""Where CommonMark's inline rules (escape, code, emphasis, links, images, autolinks, HTML, entities, breaks) can start."""
"""Characters :func:`escape_text` may escape."""


# --- light Markdown -> content ---------------------------------------------


def parse(text: str, links: Sequence[str], warn: Warn) -> Content:
    """Parse a msgid or msgstr back into inline content.

    ``[text][N]`` resolves to ``links[N-1]``; inline links ``[text](url)`` are
    accepted too (a per-language URL), subject to the safe-scheme rule. Raw
    HTML and images stay literal text, with a warning.
    """
    if text and _INLINE_SYNTAX.search(text) is None:
        # Most sentences: no character any inline rule starts at, so markdown-it would return
        # the text as one text token (its normaliser only touches \r and NUL).
        return content_from_tokens([Token("text", "", 0, content=text)], warn, raw_html="text")
    env = {"references": {str(i): {"href": href, "title": ""} for i, href in enumerate(links, 1)}}
    tokens = _PARSER.parseInline(text, env)[0].children or []
    return content_from_tokens(tokens, warn, raw_html="text")
