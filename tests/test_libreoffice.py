"""One Arabic DOCX through LibreOffice: do the lines really sit at the right margin?

Converted with ``soffice --headless --convert-to pdf`` (Debian
libreoffice-writer-nogui; fonts-noto-core for Arabic), then word boxes read
with ``pdftotext -bbox`` (poppler-utils). Skipped where LibreOffice is not
installed; ``make test`` installs it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import make_project, skip_or_fail, statement
from release_helpers import fill_catalogs, set_msgstr

from toolkit import api

SENTENCE = "We call on all States Parties to act now (ICC)."
ARABIC = "ندعو جميع الدول الأطراف إلى التحرك الآن (ICC)."
A4_WIDTH = 595.3
MARGIN = 22 * 72 / 25.4  # the house style's 22 mm side margins, in points


def words(pdf: Path) -> list[tuple[str, float, float, float]]:
    """(word, xMin, xMax, yMin) of every word on the first page."""
    html = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    found = []
    for match in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', html):
        x_min, y_min, x_max, word = float(match[1]), float(match[2]), float(match[3]), match[4]
        found.append((word, x_min, x_max, y_min))
    return found


@pytest.mark.slow
def test_arabic_lines_sit_at_the_right_margin(tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or shutil.which("pdftotext") is None:
        skip_or_fail("LibreOffice and poppler-utils are needed (Debian: libreoffice-writer-nogui poppler-utils)")
    root = make_project(tmp_path / "p", {"s": statement(f"{SENTENCE}\n\n<!-- names -->\n- Human Rights Watch (HRW)\n")})
    fill_catalogs(root, ("ar",))
    set_msgstr(root / "locales/ar/s.po", SENTENCE, ARABIC)
    api.build(api.open_project(root), ["ar"], formats=["docx"])
    profile = tmp_path / "lo-profile"
    convert = ["--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(root / "output/ar/s.docx")]
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", *convert],
        check=True,
        capture_output=True,
        timeout=240,
    )
    found = words(tmp_path / "s.pdf")
    right = A4_WIDTH - MARGIN

    # pdftotext writes Arabic words in visual order (letters reversed): compare with reversed text.
    first_word = ARABIC.split()[0][::-1]
    line_y = next(y for word, _, _, y in found if word == first_word)
    line = sorted(((word, x0, x1) for word, x0, x1, y in found if abs(y - line_y) < 2), key=lambda w: w[1])
    assert line[-1][0] == first_word and line[-1][2] == pytest.approx(right, abs=3), line  # read first, flush right
    assert line[0][1] > MARGIN + 100, line  # a short line: not flush left
    assert [w for w, _, _ in line[:2]] == [".", "(ICC)"], line  # the acronym and its full stop end the line, on the left

    # A Latin name in the Arabic signatory list: no bullet, its parentheses intact, at the right edge of
    # the right-hand column (the first of a right-to-left two-column section).
    name_y = next(y for word, _, _, y in found if word == "Human")
    name = [(word, x0, x1) for word, x0, x1, y in found if abs(y - name_y) < 2]
    assert [w for w, _, _ in sorted(name, key=lambda w: w[1])] == ["Human", "Rights", "Watch", "(HRW)"], name
    assert min(x0 for _, x0, _ in name) > A4_WIDTH / 2 and max(x1 for _, _, x1 in name) == pytest.approx(right, abs=3)
