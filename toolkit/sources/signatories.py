"""Finding signatory lists in an imported document, so they become ``<!-- names -->`` lists.

A names list is never machine-translated and gives one catalog entry per
name, so finding it matters; but a list of demands must never be taken for
one. What counts as names (each rule reported in the import summary):

- a bullet list (or a run of one-line paragraphs, or the lines of one
  paragraph) whose every item is name-like -- short, no sentence inside, no
  sentence-ending full stop -- *after a lead-in*: a heading or paragraph such
  as "Signatories", "Signed by", "Endorsed by", "The following organisations…";
- a bullet list of 10 or more name-like items that ends the statement (at
  most two short paragraphs after it, a footnote or a contact line);
- a comma-separated enumeration of 20 or more name-like items ("Albania,
  Andorra, …, and Zambia") in one of the last paragraphs: the sentence that
  introduces it stays a paragraph, the enumeration becomes the list.

Numbered lists are never names: a signatory list carries no numbers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from ..document import Block, Content, Heading, LineBreak, ListBlock, ListItem, Paragraph, Text, plain_text
from .draft import Note, count_words, short_text, tidy

LEAD_IN = re.compile(
    r"\b(?:signatories|signatory (?:organi[sz]ations|states|list)|signed by|co-?signed by|endorsed by|endorsements?|"
    r"undersigned|supported by|joined by|on behalf of the following|the following (?:\w+ ){0,3}"
    r"(?:organi[sz]ations|states|groups|ngos|members|countries|signatories|individuals)|list of (?:signatories|organi[sz]ations)|"
    r"organi[sz]ations? (?:that )?(?:have )?(?:signed|endorsed)|signataires|firmantes|الموقعون|الموقعين)\b",
    re.IGNORECASE,
)
_ABBREVIATION_END = re.compile(
    r"(?:\b(?:Inc|Ltd|Ltda|Jr|Sr|Co|Corp|Assn|Assoc|Intl|Int|Org|Dept|Univ|Bros|St|Ste|asbl|Cia|Cía)\.|\b(?:\w\.){2,})$",
    re.IGNORECASE,
)
MIN_TRAILING_LIST = 10
MIN_ENUMERATION = 20

Report = Callable[[Note], None]


def is_name_like(text: str) -> bool:
    """Short, one line, no sentence in it: ``Amnesty International``, ``Al-Haq (Palestine)``, ``Acme Inc.``.

    >>> [is_name_like(t) for t in ("Human Rights Watch", "Acme Inc.", "We urge you to act.", "A. B. Smith")]
    [True, True, False, True]
    """
    text = " ".join(text.split())
    if not text or len(text) > 160 or count_words(text) > 16:
        return False
    if re.search(r"[.!?]\s+[A-Z][a-z]+\s+[a-z]", text):  # a sentence ends inside it
        return False
    if re.search(r"[;!?]$", text) or (text.endswith(".") and not _ABBREVIATION_END.search(text)):
        return False
    return not text.endswith(":")


def is_lead_in(block: Block) -> bool:
    """A heading or short paragraph announcing the signatories."""
    if isinstance(block, Heading):
        return bool(LEAD_IN.search(plain_text(block.content)))
    if isinstance(block, Paragraph):
        text = plain_text(block.content)
        return count_words(text) <= 60 and bool(LEAD_IN.search(text))
    return False


def find_names(blocks: list[Block], places: list[str], report: Report) -> tuple[list[Block], list[str]]:
    """``blocks`` with signatory lists marked (or built from paragraphs); each decision reported."""
    blocks, places = list(blocks), list(places)
    _enumeration(blocks, places, report)
    out: list[Block] = []
    out_places: list[str] = []
    i = 0
    lead: Block | None = None
    while i < len(blocks):
        block, where = blocks[i], places[i]
        if isinstance(block, Heading):
            lead = block if is_lead_in(block) else None
        elif isinstance(block, Paragraph) and is_lead_in(block):
            lead = block
        if isinstance(block, ListBlock) and not block.names and not block.ordered and _all_names(block):
            reason = _reason(block, lead, blocks[i + 1 :])
            if reason:
                out.append(replace(block, names=True))
                out_places.append(where)
                report(Note(where, f"signatory list ({len(block.items)} names, {reason})"))
                i += 1
                continue
        if lead is not None and isinstance(block, Paragraph) and not is_lead_in(block):
            run = _paragraph_run(blocks, i)
            if run:
                items, end = run
                out.append(
                    ListBlock(
                        tuple(ListItem((Paragraph(c, block.line),), block.line) for c in items), False, block.line, names=True
                    )
                )
                out_places.append(where)
                report(
                    Note(
                        where,
                        f"signatory list ({len(items)} names, one per line after {short_text(plain_text(_content(lead)))!r})",
                    )
                )
                lead = None
                i = end
                continue
        out.append(block)
        out_places.append(where)
        i += 1
    return out, out_places


def _content(block: Block) -> Content:
    return block.content if isinstance(block, (Heading, Paragraph)) else ()


def _all_names(block: ListBlock) -> bool:
    return all(
        len(item.blocks) == 1 and isinstance(item.blocks[0], Paragraph) and is_name_like(plain_text(item.blocks[0].content))
        for item in block.items
    )


def _reason(block: ListBlock, lead: Block | None, after: list[Block]) -> str:
    if lead is not None:
        return f"after {short_text(plain_text(_content(lead)))!r}"
    trailing = [b for b in after if not (isinstance(b, Paragraph) and count_words(plain_text(b.content)) <= 40)]
    if len(block.items) >= MIN_TRAILING_LIST and not trailing and len(after) <= 2:
        return "a long list of names ending the statement"
    return ""


def _paragraph_run(blocks: list[Block], start: int) -> tuple[list[Content], int] | None:
    """Name-like one-line paragraphs (or one paragraph of name-like lines) after a lead-in: at least three names."""
    first = blocks[start]
    assert isinstance(first, Paragraph)
    lines = _lines(first.content)
    if len(lines) >= 3 and all(is_name_like(plain_text(line)) for line in lines):
        return lines, start + 1
    end = start
    names: list[Content] = []
    while end < len(blocks):
        block = blocks[end]
        if not isinstance(block, Paragraph) or len(_lines(block.content)) != 1 or not is_name_like(plain_text(block.content)):
            break
        names.append(block.content)
        end += 1
    return (names, end) if len(names) >= 3 else None


def _lines(content: Content) -> list[Content]:
    lines: list[list[object]] = [[]]
    for node in content:
        if isinstance(node, LineBreak):
            lines.append([])
        else:
            lines[-1].append(node)
    return [tidy(tuple(line)) for line in lines if tidy(tuple(line))]  # type: ignore[arg-type]


_ENUM_SPLIT = re.compile(r",\s+(?:and\s+|&\s+)?|\s+and\s+(?=[^,]*$)|;\s+")


def _enumeration(blocks: list[Block], places: list[str], report: Report) -> None:
    """A comma-separated enumeration of 20+ names in one of the last three paragraphs -> lead-in + names list."""
    for index in range(max(0, len(blocks) - 3), len(blocks)):
        block = blocks[index]
        if not isinstance(block, Paragraph) or any(not isinstance(n, Text) for n in block.content):
            continue
        text = plain_text(block.content).strip()
        lead, sep, listed = text.rpartition(": ")
        if not sep:
            lead, listed = "", text
        listed = listed.rstrip(".").strip()
        items = [item.strip() for item in _ENUM_SPLIT.split(listed) if item.strip()]
        if len(items) < MIN_ENUMERATION or not all(is_name_like(item) and count_words(item) <= 8 for item in items):
            continue
        names = ListBlock(
            tuple(ListItem((Paragraph((Text(item),), block.line),), block.line) for item in items), False, block.line, names=True
        )
        new: list[Block] = [names]
        new_places = [places[index]]
        if lead:
            new.insert(0, Paragraph(tidy((Text(lead + ":"),)), block.line))
            new_places.insert(0, places[index])
        blocks[index : index + 1] = new
        places[index : index + 1] = new_places
        joining = count_words(text) - count_words(lead) - sum(count_words(item) for item in items)
        report(
            Note(
                places[index], f"signatory list ({len(items)} names, a comma-separated enumeration ending the statement)", joining
            )
        )
        return


__all__ = ["LEAD_IN", "find_names", "is_lead_in", "is_name_like"]
