"""A Word document or web page -> a source statement: front matter settled, signatory lists found.

The readers (:mod:`.docx`, :mod:`.html`) give a :class:`Draft`; here it becomes
a :class:`Document` and its Markdown text, checked by reading that text back
with the Markdown reader: the import is only accepted when the source means
exactly what was imported.

Front matter comes from what the document says, never from a guess:

- title: the option, else the Title style / ``<h1>`` / ``og:title``, else the
  file's properties;
- date: the option, else a byline or dateline ("The Hague, 7 February 2025",
  "04/09/2020" with ``--date-order``), ``<time datetime>`` or
  ``article:published_time``, else the file's creation date (said so);
- kind: the option, else a kicker naming one of the known kinds
  ("Press release" above the title, the file's category);
- author: the option, else a byline, the page's author or site name, the
  file's company;
- place: the option, else a byline or dateline.

What is still missing stops the import with one line naming the options to
give (``--date 2025-02-07``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from ..choices import DATE_ORDERS
from ..dates import find_dates
from ..document import (
    KINDS,
    Block,
    Content,
    Document,
    Emphasis,
    Inline,
    Link,
    ListBlock,
    ListItem,
    Meta,
    Paragraph,
    Quote,
    Strong,
    Text,
    plain_text,
)
from ..document.walk import Slot, map_content
from ..errors import Location, SourceError
from ..labels import labels_for
from .draft import Clues, Draft, Found, Note, plain_words, short_text, tidy
from .markdown import read_markdown
from .signatories import find_names
from .writer import Unwritable, inline_markdown, same_document, write_markdown

_NUMERIC_DATE = re.compile(r"(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?![\d/.-])")
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_BYLINE_SEPARATORS = re.compile(r"\s+[·|•—–]\s+")
_DATELINE = re.compile(r"^(?P<place>[A-Z][\w'’. -]{1,40}?),\s*$")
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class ImportOptions:
    """What the user told ``stk import``; None means "take it from the document"."""

    slug: str | None = None
    kind: str | None = None
    date: dt.date | None = None
    date_order: str | None = None
    title: str | None = None
    author: str | None = None
    place: str | None = None
    names: bool = True
    """Look for signatory lists (``--no-names`` turns it off)."""


@dataclass
class Imported:
    """One input made into a source: the Document, its Markdown, and the summary of what was decided."""

    input: str
    slug: str
    doc: Document
    text: str
    decided: dict[str, str] = field(default_factory=dict)
    """Front-matter key -> where its value came from."""
    notes: list[Note] = field(default_factory=list)
    words_in: int = 0
    words_out: int = 0
    """Words of the source's body."""

    @property
    def words_accounted(self) -> int:
        """Words of the input the notes account for (front matter, dropped text, joining words)."""
        return sum(n.words for n in self.notes)

    @property
    def words_dropped(self) -> int:
        return sum(n.words for n in self.notes if n.dropped)


def make_source(draft: Draft, options: ImportOptions, slug: str) -> Imported:
    """The source statement for ``draft``: front matter, signatory lists, Markdown, checked by reading it back."""
    notes = list(draft.notes)
    blocks, places = list(draft.blocks), list(draft.block_places or [draft.path] * len(draft.blocks))
    if options.names:
        blocks, places = find_names(blocks, places, notes.append)
    else:
        blocks = [_no_names(b, notes, where) for b, where in zip(blocks, places, strict=True)]
    meta, decided, blocks = _meta(draft, options, blocks, places, notes)
    doc = map_content(
        Document(slug=slug, path=f"sources/{slug}.md", lang="en", meta=meta, blocks=tuple(blocks)), _writable(notes)
    )
    try:
        text = write_markdown(doc)
    except Unwritable as exc:
        raise SourceError(f"{exc}; simplify its formatting in the original and import again", Location(draft.path)) from None
    reread = read_markdown(text.encode("utf-8"), doc.path, slug, [])
    if not same_document(doc, reread):  # pragma: no cover - a writer bug; keep the evidence
        raise AssertionError(f"the Markdown written for {draft.path} does not read back the same")
    return Imported(draft.path, slug, reread, text, decided, notes, draft.words_in, plain_words(list(reread.blocks)))


def _writable(notes: list[Note]) -> Callable[[Content, Slot], Content]:
    """Content Markdown can spell: bold or italic that starts or ends with punctuation next to a letter
    (``x**"y"**``, which CommonMark does not read as bold) gets the punctuation outside; what still cannot
    be written loses its bold and italic, with a note."""

    def fit(content: Content, slot: Slot) -> Content:
        if _spellable(content):
            return content
        moved = tidy(_punctuation_out(content))
        if _spellable(moved):
            return moved
        notes.append(Note(f"{slot.context} (line {slot.line})", "bold and italic dropped: Markdown cannot spell them here"))
        return tidy(_plain_inline(content))

    return fit


def _spellable(content: Content) -> bool:
    try:
        inline_markdown(content)
    except Unwritable:
        return False
    return True


_EDGE_PUNCTUATION = re.compile(r"^([^\w\s]*)(.*?)([^\w\s]*)$", re.DOTALL)


def _punctuation_out(content: Content) -> Content:
    out: list[Inline] = []
    for node in content:
        if isinstance(node, (Strong, Emphasis)):
            inner = _punctuation_out(node.children)
            lead = trail = ""
            if inner and isinstance(inner[0], Text):
                match = _EDGE_PUNCTUATION.match(inner[0].text)
                assert match
                lead = match.group(1)
                inner = (Text(inner[0].text[len(lead) :]), *inner[1:])
            if inner and isinstance(inner[-1], Text):
                match = _EDGE_PUNCTUATION.match(inner[-1].text)
                assert match
                trail = match.group(3)
                inner = (*inner[:-1], Text(inner[-1].text[: len(inner[-1].text) - len(trail)]))
            out.append(Text(lead))
            out.append(Strong(inner) if isinstance(node, Strong) else Emphasis(inner))
            out.append(Text(trail))
        elif isinstance(node, Link):
            out.append(Link(node.href, _punctuation_out(node.children), node.title))
        else:
            out.append(node)
    return tuple(out)


def _plain_inline(content: Content) -> Content:
    out: list[Inline] = []
    for node in content:
        if isinstance(node, (Strong, Emphasis)):
            out.extend(_plain_inline(node.children))
        elif isinstance(node, Link):
            out.append(Link(node.href, _plain_inline(node.children), node.title))
        else:
            out.append(node)
    return tuple(out)


def _no_names(block: Block, notes: list[Note], where: str) -> Block:
    if isinstance(block, ListBlock) and block.names:
        notes.append(Note(where, f"--no-names: a list of {len(block.items)} names kept as an ordinary list"))
        return dataclasses.replace(block, names=False)
    return block


# --- front matter -----------------------------------------------------------


def _meta(
    draft: Draft, options: ImportOptions, blocks: list[Block], places: list[str], notes: list[Note]
) -> tuple[Meta, dict[str, str], list[Block]]:
    clues = draft.clues
    decided: dict[str, str] = {}
    missing: list[str] = []
    byline = _byline(clues, options.date_order)

    title = _text_option(options.title) or (clues.title.value if clues.title else None)
    decided["title"] = "--title" if options.title else clues.title.where if clues.title else ""

    blocks, kicker = _leading_kicker(blocks, places, notes)
    kind_found = _kind(options.kind, kicker or clues.kicker)
    if kind_found is None:
        missing.append("the kind (give --kind 'press release', 'statement', 'joint letter' or your own word for it)")
    else:
        decided["kind"] = kind_found.where

    date: Found[dt.date] | None = None
    ambiguity = ""
    if options.date is not None:
        date = Found(options.date, "--date")
    elif byline.date is not None:
        date = byline.date
    elif clues.date is not None:
        date = clues.date
    else:
        date, ambiguity, dateline_place = _dateline(blocks, places, options.date_order)
        if date is None and clues.file_date is not None and not ambiguity:
            date = clues.file_date
        if dateline_place is not None and byline.place is None:
            byline.place = dateline_place
    if date is None:
        missing.append(f"the date: {ambiguity}; or give --date YYYY-MM-DD" if ambiguity else "the date (give --date YYYY-MM-DD)")
    else:
        decided["date"] = date.where

    author: Found[Content] | None = _found_option(options.author, "--author") or byline.author or clues.author
    if author is None:
        hint = f"; {'; '.join(clues.hints)}" if clues.hints else ""
        missing.append(f"the author (give --author 'Your organisation'{hint})")
    else:
        decided["author"] = author.where
    if title is None:
        missing.append("the title (give --title '...')")
    if missing:
        raise SourceError("cannot tell " + "; ".join(missing), Location(draft.path))
    place = _found_option(options.place, "--place") or byline.place or clues.place
    if place is not None:
        decided["place"] = place.where
    subtitle = clues.subtitle
    if subtitle is not None:
        decided["subtitle"] = subtitle.where
    assert title is not None and date is not None and author is not None and kind_found is not None
    meta = Meta(
        title=title,
        date=date.value,
        kind=kind_found.value,
        author=author.value,
        subtitle=subtitle.value if subtitle else None,
        place=place.value if place else None,
    )
    return meta, decided, blocks


def _text_option(value: str | None) -> Content | None:
    if value is None or not value.strip():
        return None
    return tidy((Text(value),), breaks=False)


def _found_option(value: str | None, option: str) -> Found[Content] | None:
    content = _text_option(value)
    return Found(content, option) if content else None


def _kind(option: str | None, kicker: Found[str] | None) -> Found[str] | None:
    if option is not None and option.strip():
        return Found(normalise_kind(option), "--kind")
    if kicker is None:
        return None
    known = _known_kind(kicker.value)
    return Found(known, kicker.where) if known else None


def normalise_kind(text: str) -> str:
    """``Press Release`` -> ``press-release``; any other text kept as written (one space between words)."""
    written = " ".join(text.split())
    key = written.lower().replace(" ", "-").replace("_", "-")
    return key if key in KINDS else written


def _known_kind(text: str) -> str | None:
    """A known kind named in ``text`` (a kicker, a header line ``CICC · Press release · 14 January 2025``)."""
    parts = [p.strip() for p in _BYLINE_SEPARATORS.split(" ".join(text.split()))]
    labels = labels_for("en")
    for part in parts:
        for kind in KINDS:
            if part.casefold() in (labels.kind(kind).casefold(), kind.replace("-", " ")):
                return kind
    return None


def _leading_kicker(blocks: list[Block], places: list[str], notes: list[Note]) -> tuple[list[Block], Found[str] | None]:
    """A first paragraph that only names a known kind ("PRESS RELEASE") is front matter, not body."""
    if blocks and isinstance(blocks[0], Paragraph):
        text = plain_text(blocks[0].content).strip()
        if len(text) <= 40 and _known_kind(text):
            where = places.pop(0)
            notes.append(Note(where, f"kind: {text!r}", words=len(re.findall(r"\w+", text))))
            return blocks[1:], Found(text, where)
    return blocks, None


@dataclass
class _Byline:
    author: Found[Content] | None = None
    place: Found[Content] | None = None
    date: Found[dt.date] | None = None


def _byline(clues: Clues, order: str | None) -> _Byline:
    """``CICC · The Hague · 14 January 2025``: the author first, the date last, a place between."""
    out = _Byline()
    if clues.byline is None:
        return out
    where = clues.byline.where
    parts = [p.strip() for p in _BYLINE_SEPARATORS.split(plain_text(clues.byline.value).strip()) if p.strip()]
    if parts:
        date, _ = parse_date(parts[-1], order)
        if date is not None:
            out.date = Found(date, f"{where} (byline)")
            parts = parts[:-1]
    if parts:
        out.author = Found(tidy((Text(parts[0]),), breaks=False), f"{where} (byline)")
    if len(parts) > 1:
        out.place = Found(tidy((Text(" · ".join(parts[1:])),), breaks=False), f"{where} (byline)")
    return out


def parse_date(text: str, order: str | None) -> tuple[dt.date | None, str]:
    """A whole date in ``text`` and, when none can be read, why (an ambiguous ``04/09/2020``).

    >>> parse_date("The Hague, 7 February 2025", None)
    (datetime.date(2025, 2, 7), '')
    >>> parse_date("04/09/2020", None)[1]
    '04/09/2020 may be 4 September or 9 April 2020 (give --date-order dmy or mdy)'
    >>> parse_date("04/09/2020", "mdy")[0]
    datetime.date(2020, 4, 9)
    """
    iso = _ISO_DATE.search(text)
    if iso:
        try:
            return dt.date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3))), ""
        except ValueError:
            pass
    full = [d for d in find_dates(text) if d.parts == "dmy"]
    if full:
        return full[0].date, ""
    match = _NUMERIC_DATE.search(text)
    if not match:
        return None, ""
    a, b, year = int(match.group(1)), int(match.group(3)), int(match.group(4))
    if order is None and a <= 12 and b <= 12 and a != b:
        names = [dt.date(2000, m, 1).strftime("%B") for m in (b, a)]
        return None, f"{match.group(0)} may be {a} {names[0]} or {b} {names[1]} {year} (give --date-order dmy or mdy)"
    day, month = (a, b) if (order or ("dmy" if a > 12 else "mdy")) == "dmy" else (b, a)
    try:
        return dt.date(year, month, day), ""
    except ValueError:
        return None, f"{match.group(0)} is not a date in the order {order or 'dmy'}"


def _dateline(
    blocks: list[Block], places: list[str], order: str | None
) -> tuple[Found[dt.date] | None, str, Found[Content] | None]:
    """A date in one of the first short paragraphs ("The Hague, 7 February 2025"; "May 22, 2024")."""
    ambiguity = ""
    for block, where in list(zip(blocks, places, strict=True))[:6]:
        if not isinstance(block, Paragraph):
            continue
        text = plain_text(block.content).strip()
        if len(text.split()) > 30:
            continue
        date, why = parse_date(text, order)
        ambiguity = ambiguity or why
        if date is not None:
            place = None
            spans = find_dates(text)
            numeric = _NUMERIC_DATE.search(text)
            head = text[: spans[0].start] if spans else text[: numeric.start()] if numeric else ""
            match = _DATELINE.match(head)
            if match:
                place = Found(tidy((Text(match.group("place")),), breaks=False), f"{where} (dateline)")
            return Found(date, f"{where} ({short_text(text, 40)!r})"), "", place
    return None, ambiguity, None


# --- names of files ---------------------------------------------------------


def slug_for(name: str) -> str:
    """A slug from a file name or URL: ``Joint Letter (FINAL v3).docx`` -> ``joint-letter-final-v3``.

    >>> slug_for("https://example.org/news/2025/icc-sanctions.html?x=1"), slug_for("Déclaration commune.docx")
    ('icc-sanctions', 'declaration-commune')
    """
    path = urlsplit(name).path if re.match(r"^https?://", name) else name
    stem = PurePosixPath(path.rstrip("/").replace("\\", "/")).name
    stem = re.sub(r"\.(docx|html?|xhtml|php|aspx?)$", "", stem, flags=re.IGNORECASE)
    ascii_text = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def every_block(blocks: tuple[Block, ...]) -> list[Block]:
    """Blocks depth first (for summaries)."""
    out: list[Block] = []
    for block in blocks:
        out.append(block)
        if isinstance(block, ListBlock):
            for item in block.items:
                out.extend(every_block(item.blocks))
        elif isinstance(block, Quote):
            out.extend(every_block(block.blocks))
    return out


__all__ = [
    "DATE_ORDERS",
    "SLUG",
    "ImportOptions",
    "Imported",
    "ListItem",
    "every_block",
    "make_source",
    "normalise_kind",
    "parse_date",
    "slug_for",
]
