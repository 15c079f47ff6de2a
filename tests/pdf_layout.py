"""Reading a PDF's layout as a reader sees it, with poppler's command-line tools.

``pdftotext -bbox-layout`` gives every page's blocks, lines and words with
their boxes (points, origin top left), words in visual order: an Arabic word
comes out with its letters reversed, and the leftmost word of a line first.
``pdffonts`` lists every font with whether it is embedded.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from html import unescape
from pathlib import Path

ARABIC = re.compile("[\u0600-\u06ff]")
MARKER = re.compile(r"[•◦▪]|\.? ?[0-9٠-٩]+ ?\.?")
"""A list item's bullet or number, which pdftotext gives a line of its own."""
END_PUNCTUATION = ".:!؟،؛"
MM = 72 / 25.4


@dataclass(frozen=True)
class Word:
    text: str
    x_min: float
    x_max: float


@dataclass(frozen=True)
class Line:
    page: int
    block: int
    x_min: float
    x_max: float
    y_min: float
    y_max: float
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def arabic(self) -> bool:
        return bool(ARABIC.search(self.text))


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    lines: tuple[Line, ...]


_BOX = r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"'


def layout(pdf: Path) -> list[Page]:
    """Every page of ``pdf`` with its lines (each knowing its block) and words."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for number, match in enumerate(re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', xml, re.S), 1):
        lines = []
        for block, block_xml in enumerate(re.findall(r"<block [^>]*>(.*?)</block>", match[3], re.S)):
            for line in re.finditer(rf"<line {_BOX}>(.*?)</line>", block_xml, re.S):
                words = tuple(
                    Word(unescape(w[5]), float(w[1]), float(w[3])) for w in re.finditer(rf"<word {_BOX}>([^<]*)</word>", line[5])
                )
                box = [float(line[i]) for i in range(1, 5)]
                lines.append(Line(number, block, box[0], box[2], box[1], box[3], words))
        pages.append(Page(number, float(match[1]), float(match[2]), tuple(lines)))
    return pages


def fonts(pdf: Path) -> list[tuple[str, bool]]:
    """(font name, embedded) of every font ``pdffonts`` lists."""
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()
    rows = []
    for row in out[2:]:
        cells = row.split()
        # name type... encoding emb sub uni object-id generation: "emb" is the fifth field from the end
        rows.append((cells[0], cells[-5] == "yes"))
    return rows


def misaligned_rtl_lines(pdf: Path, side_margin_mm: float = 22, bottom_margin_mm: float = 20, gap_mm: float = 10) -> list[str]:
    """Lines of a right-to-left PDF that do not end at a right edge of the page's text.

    The right edges a line may end at: the text area's (or a list item's,
    indented by multiples of a quarter inch) and, in a two-column section,
    the left column's. The footer (centred page numbers) is left out.
    """
    bad = []
    for page in layout(pdf):
        left, right = side_margin_mm * MM, page.width - side_margin_mm * MM
        column = left + (right - left - gap_mm * MM) / 2
        edges = [right - 18 * k for k in range(5)] + [column - 18 * k for k in range(3)]
        for line in page.lines:
            if line.y_min > page.height - bottom_margin_mm * MM or MARKER.fullmatch(line.text):
                continue  # the footer, a list item's bullet or number
            if min(abs(line.x_max - edge) for edge in edges) > 3:
                bad.append(f"page {page.number}: x {line.x_min:.1f}-{line.x_max:.1f}: {line.text}")
    return bad


def punctuation_at_right_end(pdf: Path) -> list[str]:
    """Arabic lines drawn with sentence punctuation at their right end, where a right-to-left line starts."""
    bad = []
    for page in layout(pdf):
        for line in page.lines:
            if line.arabic and line.words and line.words[-1].text[-1] in END_PUNCTUATION:
                bad.append(f"page {page.number}: {line.text}")
    return bad


def lines_ending_left(pdf: Path) -> int:
    """Arabic lines whose leftmost word starts with sentence punctuation: where a right-to-left sentence ends."""
    return sum(1 for page in layout(pdf) for line in page.lines if line.arabic and line.words[0].text[0] in END_PUNCTUATION)


def page_end_gaps(pdf: Path, bottom_margin_mm: float = 20) -> list[float]:
    """For every page but the last: points between its last line of text and the bottom margin."""
    gaps = []
    for page in layout(pdf)[:-1]:
        limit = page.height - bottom_margin_mm * MM
        body = [line.y_max for line in page.lines if line.y_min < limit]
        gaps.append(limit - max(body, default=limit))
    return gaps
