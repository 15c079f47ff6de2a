"""Markdown with YAML front matter -> Document.

The body is parsed by markdown-it-py (CommonMark). Constructs the model cannot
hold -- tables, images, raw HTML, code blocks -- are errors naming file:line:
a statement must never lose a paragraph on its way to four languages.

Nesting has limits the model states rather than markdown-it's silent ones (its ``maxNesting``
stops parsing deeper content without a word): lists and block quotes up to
:data:`MAX_BLOCK_DEPTH` levels, emphasis and links up to :data:`MAX_INLINE_DEPTH`. Deeper
content is an error at its line, never dropped and never a RecursionError.

A signatory list is marked by an HTML comment on the line before it::

    <!-- names -->
    - Amnesty International
    - Human Rights Watch
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Iterator, Sequence
from typing import Any

from markdown_it.token import Token

from .. import characters
from ..document import KINDS, Block, Content, Document, Heading, ListBlock, ListItem, Meta, Paragraph, Quote, Rule, markup
from ..document.markup import content_from_tokens, new_parser
from ..errors import Location, Notice, SourceError, ToolkitError, raise_all
from .soft_breaks import soft_break_warning

_PARSER = new_parser()
MAX_BLOCK_DEPTH = 8
"""Lists and block quotes nested in each other, at most (markdown-it's maxNesting of 20 keeps them all)."""
MAX_INLINE_DEPTH = markup.MAX_INLINE_DEPTH
_NAMES_DIRECTIVE = re.compile(r"^<!--\s*names\s*-->\s*$")
_COMMENT = re.compile(r"^<!--.*-->\s*$", re.DOTALL)
_REQUIRED = ("title", "date", "kind", "author")
_OPTIONAL = ("subtitle", "place")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def decode_source(data: bytes, path: str) -> str:
    """UTF-8 text with LF line ends; a bad byte is an error naming its line and column."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise SourceError(
            f"not valid UTF-8: byte 0x{data[exc.start]:02x} at column {column} (save the file as UTF-8)",
            Location(path, line),
        ) from None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def read_markdown(data: bytes, path: str, slug: str, warnings: list[Notice]) -> Document:
    """Read one statement. ``warnings`` receives what was dropped or looks wrong."""
    text = decode_source(data, path)
    check_characters(text, path, warnings)
    lines = text.split("\n")
    meta_raw, meta_lines, body_start = _front_matter(lines, path)
    meta = _meta(meta_raw, meta_lines, path, warnings)
    # Blank out the front matter instead of cutting it, so that markdown-it's
    # line maps are line numbers of the file itself.
    body = "\n" * body_start + "\n".join(lines[body_start:])
    tokens = _PARSER.parse(body)
    builder = _BlockBuilder(tokens, path, warnings)
    blocks = builder.blocks(0, len(tokens))
    return Document(slug=slug, path=path, lang="en", meta=meta, blocks=blocks)


def check_characters(text: str, path: str, warnings: list[Notice]) -> None:
    """Refuse a control character no output can hold; report invisible separators, kept as they are."""
    index = characters.first_forbidden(text)
    if index is not None:
        line, column = characters.position(text, index)
        raise SourceError(
            f"{characters.describe(text[index])} at column {column}: an invisible control character "
            "that no DOCX, HTML or TMX file can hold; delete it",
            Location(path, line),
        )
    seen: set[tuple[int, str]] = set()
    for match in re.finditer(f"[{characters.SEPARATORS}]", text):
        line, column = characters.position(text, match.start())
        if (line, match.group()) not in seen:
            seen.add((line, match.group()))
            message = (
                f"{characters.describe(match.group())} at column {column} (an invisible line break pasted "
                "from Word or a web page): kept; remove it from the source unless it is meant"
            )
            warnings.append(Notice(Location(path, line), "source-invisible-separator", message))


# --- front matter -----------------------------------------------------------


def _front_matter(lines: list[str], path: str) -> tuple[dict[str, Any], dict[str, int], int]:
    if not lines or lines[0].strip() != "---":
        raise SourceError(
            "missing front matter: the file must start with a line '---', then title, date, kind, author, then '---'",
            Location(path, 1),
        )
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        raise SourceError("front matter is not closed: add a line '---' after it", Location(path, 1))
    # YAML ends lines at U+2028, U+2029 and U+0085 too: hide them from it, as from polib.
    block, back = characters.shield("\n".join(lines[1:end]), characters.SEPARATORS)
    plain = _plain_front_matter(block)
    data = plain if plain is not None else _yaml_front_matter(block, path)
    if not isinstance(data, dict):
        raise SourceError("front matter must be 'key: value' lines", Location(path, 2))
    data = {key: characters.unshield(value, back) if isinstance(value, str) else value for key, value in data.items()}
    key_lines: dict[str, int] = {}
    for number, line in enumerate(lines[1:end], 2):
        match = re.match(r"^([A-Za-z_][\w-]*)\s*:", line)
        if match:
            key_lines.setdefault(match.group(1), number)
    return data, key_lines, end + 1


def _meta(raw: dict[str, Any], key_lines: dict[str, int], path: str, warnings: list[Notice]) -> Meta:
    """The front matter's values; every mistake in it is reported together (one run shows them all)."""
    errors: list[ToolkitError] = []

    def where(key: str) -> Location:
        return Location(path, key_lines.get(key, 1))

    missing = [key for key in _REQUIRED if raw.get(key) in (None, "")]
    if missing:
        lacks = ", ".join(f"'{key}'" for key in missing)
        errors.append(SourceError(f"front matter lacks {lacks} (required: {', '.join(_REQUIRED)})", Location(path, 1)))
    for key in raw:
        if key not in _REQUIRED and key not in _OPTIONAL:
            warnings.append(Notice(where(str(key)), "source-unknown-key", f"unknown front-matter key '{key}' ignored"))

    date = dt.date(1970, 1, 1)
    date_text = raw.get("date")
    if date_text not in (None, ""):
        if not isinstance(date_text, str) or not _ISO_DATE.fullmatch(date_text.strip()):
            errors.append(SourceError(f"date must be an ISO date like 2025-01-14, not {date_text!r}", where("date")))
        else:
            try:
                date = dt.date.fromisoformat(date_text.strip())
            except ValueError as exc:
                errors.append(SourceError(f"date {date_text.strip()} does not exist ({exc})", where("date")))

    kind = "statement"
    if raw.get("kind") not in (None, ""):
        try:
            kind = read_kind(raw["kind"], where("kind"), warnings)
        except SourceError as exc:
            errors.append(exc)

    def field(key: str) -> Content | None:
        value = raw.get(key)
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            errors.append(SourceError(f"'{key}' must be text", where(key)))
            return None
        try:
            return _inline(value, where(key), warnings)
        except SourceError as exc:
            errors.append(exc)
            return None

    title, author, subtitle, place = field("title"), field("author"), field("subtitle"), field("place")
    raise_all(sorted(errors, key=lambda e: e.location.line or 0 if e.location else 0))
    assert title is not None and author is not None
    return Meta(
        title=title,
        date=date,
        kind=kind,
        author=author,
        subtitle=subtitle,
        place=place,
        lines={k: v for k, v in key_lines.items() if k in _REQUIRED + _OPTIONAL},
    )


def read_kind(value: Any, where: Location, warnings: list[Notice]) -> str:
    """``press release`` -> ``press-release`` (the known kinds are typed: their names come from labels);
    any other text ("key recommendations", "open letter") is kept as written and translated like the title.
    A near miss of a known kind is probably a typo: kept, with a warning."""
    if not isinstance(value, str) or not value.strip():
        raise SourceError("'kind' must be text, e.g. press release, statement, joint letter", where)
    written = " ".join(value.split())
    kind = written.lower().replace(" ", "-").replace("_", "-")
    if kind in KINDS:
        return kind
    from rapidfuzz import fuzz  # a suggestion for a mistyped kind: rare, not worth its import on every run

    near = [k for k in KINDS if fuzz.ratio(kind, k) >= 80]
    if near:
        suggestion = near[0].replace("-", " ")
        message = f"kind {written!r} is not one of the known kinds; used as written (did you mean {suggestion!r}?)"
        warnings.append(Notice(where, "source-kind", message))
    return written


def _inline(text: str, where: Location, warnings: list[Notice]) -> Content:
    return _content(_PARSER.parseInline(text)[0].children or [], where, warnings)


def _content(tokens: Sequence[Token], where: Location, warnings: list[Notice]) -> Content:
    """Inline tokens as document content; what the model cannot hold is a warning or an error at ``where``."""
    try:
        return content_from_tokens(tokens, lambda m: warnings.append(Notice(where, "source-dropped", m)))
    except ValueError as exc:
        raise SourceError(str(exc), where) from None


# --- body -------------------------------------------------------------------


class _BlockBuilder:
    """Walks markdown-it's flat token stream and builds nested blocks."""

    def __init__(self, tokens: Sequence[Token], path: str, warnings: list[Notice]) -> None:
        self.tokens = tokens
        self.path = path
        self.warnings = warnings
        self.names_pending: Location | None = None
        self.depth = 0
        """Lists and block quotes open around the block being built."""

    def loc(self, tok: Token) -> Location:
        return Location(self.path, tok.map[0] + 1 if tok.map else None)

    def _close(self, start: int) -> int:
        """Index of the token closing the one opened at ``start``."""
        depth = 0
        for i in range(start, len(self.tokens)):
            depth += self.tokens[i].nesting
            if depth == 0:
                return i
        raise AssertionError("unbalanced markdown-it token stream")  # pragma: no cover

    def blocks(self, start: int, end: int) -> tuple[Block, ...]:
        out: list[Block] = []
        i = start
        while i < end:
            tok = self.tokens[i]
            close = self._close(i) if tok.nesting == 1 else i
            block = self.block(tok, i, close)
            if block is not None:
                if self.names_pending is not None and not isinstance(block, ListBlock):
                    raise SourceError("<!-- names --> must be followed by a bullet list", self.names_pending)
                out.append(block)
            i = close + 1
        if self.names_pending is not None and start == 0:
            raise SourceError("<!-- names --> must be followed by a bullet list", self.names_pending)
        return tuple(out)

    def block(self, tok: Token, i: int, close: int) -> Block | None:
        line = tok.map[0] + 1 if tok.map else 1
        kind = tok.type
        if kind == "heading_open":
            return Heading(int(tok.tag[1]), self.inline(self.tokens[i + 1]), line)
        if kind == "paragraph_open":
            inline = self.tokens[i + 1]
            lint = soft_break_warning(inline.content)
            if lint is not None:
                self.warnings.append(Notice(Location(self.path, line), "source-soft-break", lint))
            return Paragraph(self.inline(inline), line)
        if kind in ("bullet_list_open", "ordered_list_open"):
            names, self.names_pending = self.names_pending is not None, None
            with self.nested(tok):
                items = tuple(self.item(j) for j in range(i + 1, close) if self._is_item(j, i))
            start = int(tok.attrs.get("start", 1) or 1)
            return ListBlock(items, kind == "ordered_list_open", line, start, names)
        if kind == "blockquote_open":
            with self.nested(tok):
                return Quote(self.blocks(i + 1, close), line)
        if kind == "hr":
            return Rule(line)
        if kind == "html_block":
            content = tok.content.strip()
            if _NAMES_DIRECTIVE.match(content):
                self.names_pending = self.loc(tok)
                return None
            if _COMMENT.match(content):
                return None  # an author's note to self: not content
            raise SourceError(f"raw HTML is not supported ({content.splitlines()[0][:40]!r})", self.loc(tok))
        if kind == "table_open":
            raise SourceError("tables are not supported; use a list", self.loc(tok))
        if kind in ("fence", "code_block"):
            hint = " (is a paragraph indented by 4 spaces?)" if kind == "code_block" else ""
            raise SourceError(f"code blocks are not supported{hint}", self.loc(tok))
        raise SourceError(f"unsupported Markdown block '{kind}'", self.loc(tok))  # pragma: no cover

    @contextlib.contextmanager
    def nested(self, tok: Token) -> Iterator[None]:
        self.depth += 1
        if self.depth > MAX_BLOCK_DEPTH:
            raise SourceError(
                f"lists and block quotes nested {self.depth} levels deep: the toolkit keeps {MAX_BLOCK_DEPTH} (flatten the list)",
                self.loc(tok),
            )
        try:
            yield
        finally:
            self.depth -= 1

    def _is_item(self, j: int, list_open: int) -> bool:
        tok = self.tokens[j]
        return tok.type == "list_item_open" and tok.level == self.tokens[list_open].level + 1

    def item(self, j: int) -> ListItem:
        tok = self.tokens[j]
        return ListItem(self.blocks(j + 1, self._close(j)), tok.map[0] + 1 if tok.map else 1)

    def inline(self, tok: Token) -> Content:
        return _content(tok.children or [], self.loc(tok), self.warnings)


_PLAIN_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*): (.+)")
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
"""Characters a YAML plain scalar cannot start with."""


def _plain_front_matter(block: str) -> dict[str, str] | None:
    """What ``yaml.load(block, Loader=yaml.BaseLoader)`` gives for front matter of ``key: value`` lines
    whose values are plain or double-quoted text without escapes; None for anything else, which YAML reads.

    Nearly every statement's front matter is such lines, and PyYAML's import alone costs more than
    reading a statement (a reader regex over all of Unicode). tests/test_front_matter.py holds the two
    readers to the same result.
    """
    data: dict[str, str] = {}
    for line in block.split("\n"):
        match = _PLAIN_LINE.fullmatch(line)
        if match is None or not line.isprintable():
            return None
        key, value = match.groups()
        if key in data:
            return None
        if value[0] == '"':
            if len(value) < 2 or value[-1] != '"' or '"' in value[1:-1] or "\\" in value:
                return None
            data[key] = value[1:-1]
        elif value[0] in _INDICATORS or value[-1] == ":" or value != value.strip(" ") or ": " in value or " #" in value:
            return None
        else:
            data[key] = value
    return data


def _yaml_front_matter(block: str, path: str) -> object:
    import yaml  # the rare front matter beyond plain lines

    try:
        # BaseLoader keeps every scalar as the text the author wrote: safe_load would turn
        # `author: yes` into True and `date: 2025-02-30` into an uncaught ValueError.
        return yaml.load(block, Loader=yaml.BaseLoader) if block.strip() else {}
    except RecursionError:  # PyYAML's composer recurses once per level of [[[...]]]
        raise SourceError("malformed front matter: nested too deeply (values are plain text)", Location(path, 2)) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise SourceError(f"malformed front matter: {problem}", Location(path, line)) from None
