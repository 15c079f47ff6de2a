"""Carrying inline markup across a machine translation.

A model is never trusted to copy ``**`` or ``[text][1]``: the toolkit sends
the plain sentence, and separately the text under each piece of markup, then
looks for the marked text's translation inside the sentence's translation and
puts the markup back around it (the approach of argostranslate's ``tags``
module, with a fuzzy fallback and nesting kept valid by construction):

>>> text, marks = flatten((Text("Act "), Strong((Text("now"),)), Text(".")))
>>> text, marks
('Act now.', [Mark(kind='strong', start=4, end=7, href='', title='')])
>>> span = locate("maintenant", "Agissez maintenant.", marks[0], text, [])
>>> span
(8, 18)
>>> rebuild("Agissez maintenant.", [(span[0], span[1], marks[0])], lambda a, b: [Text("Agissez maintenant."[a:b])])
(Text(text='Agissez '), Strong(children=(Text(text='maintenant'),)), Text(text='.'))
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from ..document import Code, Content, Emphasis, Inline, LineBreak, Link, Strong, Text
from ..document.markup import normalize

FUZZY_PLACE = 70.0
"""Least similarity (0-100) at which a marked text's translation is taken to be found in the sentence."""

_EDGE = " \t\n.,;:!?()[]{}\"'«»“”‘’¿¡…·-–—"
_WORD = re.compile(r"\w", re.UNICODE)
_WORDS = re.compile(r"\w+")


@dataclass(frozen=True)
class Mark:
    """Inline markup over plain text ``[start, end)``."""

    kind: str
    """``strong``, ``em`` or ``link``."""
    start: int
    end: int
    href: str = ""
    title: str = ""


Span = tuple[int, int]
Leaf = Callable[[int, int], list[Inline]]
"""Turns ``translation[a:b]`` (text between markup) into inline nodes."""


def flatten(content: Content) -> tuple[str, list[Mark]]:
    """Plain text of ``content`` and its markup, outer marks before the marks they contain.

    Inline code stays in the text; its span is reported as a mark of kind ``code``
    so that the caller can protect it.
    """
    parts: list[str] = []
    marks: list[Mark] = []
    position = 0

    def walk(nodes: Content) -> None:
        nonlocal position
        for node in nodes:
            if isinstance(node, Text):
                parts.append(node.text)
                position += len(node.text)
            elif isinstance(node, LineBreak):
                parts.append(" ")
                position += 1
            elif isinstance(node, Code):
                marks.append(Mark("code", position, position + len(node.text)))
                parts.append(node.text)
                position += len(node.text)
            else:
                index = len(marks)
                marks.append(Mark("strong", position, position))  # replaced once the end is known
                walk(node.children)
                kind = "strong" if isinstance(node, Strong) else "em" if isinstance(node, Emphasis) else "link"
                href, title = (node.href, node.title) if isinstance(node, Link) else ("", "")
                marks[index] = Mark(kind, marks[index].start, position, href, title)

    walk(content)
    return "".join(parts), [m for m in marks if m.end > m.start]


def covers_all(mark: Mark, text: str) -> bool:
    """Whether ``mark`` holds every word character of ``text`` (a bold heading, a link that is the whole entry)."""
    return not _WORD.search(text[: mark.start]) and not _WORD.search(text[mark.end :])


def locate(
    candidate: str, translation: str, mark: Mark, source: str, placed: Sequence[Span], atoms: Sequence[Span] = ()
) -> Span | None:
    """Where the translation of the text under ``mark`` sits in ``translation``, or None.

    ``candidate`` is that text's own translation; ``placed`` are spans already
    given to other marks (the result never crosses one); ``atoms`` are spans
    that must not be cut (placeholders). Among several exact occurrences the
    one at the most similar relative position wins.
    """
    if covers_all(mark, source):
        start, end = _trim(translation, 0, len(translation))
        return _fit((start, end), placed, atoms) if end > start else None
    needle = candidate.strip(_EDGE)
    if not needle or len(needle) > len(translation):
        return None
    hay, low = (translation.lower(), needle.lower())
    if len(hay) != len(translation) or len(low) != len(needle):
        hay, low = translation, needle  # lower() changed a length: offsets would drift
    hint = (mark.start + mark.end) / 2 / max(len(source), 1) * len(translation)
    spans = []
    for found in re.finditer(re.escape(low), hay):
        if _words(translation, found.start(), found.end()) != found.span():
            continue  # inside a longer word
        span = _fit(found.span(), placed, atoms)
        if span is not None:
            spans.append(span)
    if spans:
        return min(spans, key=lambda s: abs((s[0] + s[1]) / 2 - hint))
    aligned = fuzz.partial_ratio_alignment(low, hay, score_cutoff=FUZZY_PLACE)
    if aligned is None:
        return None
    start, end = _trim(translation, *_best_words(low, hay, aligned.dest_start, aligned.dest_end))
    return _fit((start, end), placed, atoms) if end > start else None


def _best_words(needle: str, hay: str, start: int, end: int) -> Span:
    """The run of whole words around ``hay[start:end]`` most similar to ``needle``.

    The fuzzy alignment has the needle's length in characters, so it may take
    a word too many or too few ("agir maintenant et" for "agissez maintenant").
    """
    words = [m.span() for m in _WORDS.finditer(hay)]
    inside = [i for i, (a, b) in enumerate(words) if a < end and start < b]
    if not inside:
        return start, end
    first, last = inside[0], inside[-1]
    best: tuple[float, Span] = (-1.0, (start, end))
    for i in range(max(0, first - 1), min(len(words), first + 2)):
        for j in range(max(i, last - 1), min(len(words), last + 2)):
            span = (words[i][0], words[j][1])
            score = fuzz.ratio(needle, hay[span[0] : span[1]])
            if score > best[0]:
                best = (score, span)
    return best[1]


def _words(text: str, start: int, end: int) -> Span:
    """Widen ``[start, end)`` to whole words."""
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and end > 0 and text[end].isalnum() and text[end - 1].isalnum():
        end += 1
    return start, end


def _trim(text: str, start: int, end: int) -> Span:
    """Narrow ``[start, end)`` past spaces and punctuation at both edges."""
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def _fit(span: Span, placed: Sequence[Span], atoms: Sequence[Span]) -> Span | None:
    """``span`` widened over the atoms it cuts, if it then nests with every placed span."""
    start, end = span
    for a, b in atoms:
        if a < start < b:
            start = a
        if a < end < b:
            end = b
    for a, b in placed:
        disjoint = end <= a or start >= b
        nested = (a <= start and end <= b) or (start <= a and b <= end)
        if not (disjoint or nested):
            return None
    return start, end


def rebuild(translation: str, placed: Sequence[tuple[int, int, Mark]], leaf: Leaf) -> Content:
    """Inline content: ``translation`` with each mark around its span (spans nest, never cross)."""
    order = {id(p): i for i, p in enumerate(placed)}
    items = sorted(placed, key=lambda p: (p[0], -p[1], order[id(p)]))

    def build(lo: int, hi: int, inner: list[tuple[int, int, Mark]]) -> list[Inline]:
        out: list[Inline] = []
        position, i = lo, 0
        while i < len(inner):
            start, end, mark = inner[i]
            j = i + 1
            while j < len(inner) and inner[j][0] < end:
                j += 1
            out.extend(leaf(position, start))
            out.append(_node(mark, tuple(build(start, end, inner[i + 1 : j]))))
            position, i = end, j
        out.extend(leaf(position, hi))
        return out

    return normalize(tuple(build(0, len(translation), list(items))))


def _node(mark: Mark, children: Content) -> Inline:
    if mark.kind == "strong":
        return Strong(children)
    if mark.kind == "em":
        return Emphasis(children)
    return Link(mark.href, children, mark.title)


__all__ = ["Mark", "covers_all", "flatten", "locate", "rebuild"]
