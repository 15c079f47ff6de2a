"""Fonts: which ones a DOCX names, and what LibreOffice shows in their place.

A DOCX names fonts; it does not carry them. Word on a stock Windows or macOS
machine shows the named font when the system has it and substitutes another
(and re-flows the document) when it does not. So the complex-script font of
our DOCX files defaults to one that every Word has with Arabic glyphs: Arial.
It is also what Word itself uses for Arabic body text: the Office theme
(``word/theme/theme1.xml`` of Word's own template) maps the Arabic script to
Arial for body text and Times New Roman for headings.

Where the Arabic-capable fonts ship (docs/release.md#fonts has the sources):

============================  =====================  ==================  =================================
font                          Windows 10/11          macOS 10.15+        Debian (LibreOffice)
============================  =====================  ==================  =================================
Arial, Times New Roman,       yes (base install)     yes (base install)  no: metric look-alikes (Liberation)
Tahoma, Courier New                                                      without Arabic glyphs
Segoe UI                      yes                    no                  no
Sakkal Majalla, Simplified    only with an Arabic-   no                  no
Arabic, Traditional Arabic    script language added
Geeza Pro, Al Bayan, Baghdad  no                     yes                 no
Noto Naskh Arabic,            no                     no                  yes (fonts-noto-core)
Noto Sans Arabic
============================  =====================  ==================  =================================

LibreOffice on Linux has no Arial: it shows Liberation Sans (same metrics)
for Latin text and, for Arabic, whatever fontconfig offers first (DejaVu
Sans on Debian). The PDF renderer and the preview scripts run LibreOffice
with :func:`fontconfig_file`, which makes Word's Arabic-capable fonts fall
back to Noto Naskh Arabic for Arabic text, so the PDFs look like the DOCX in
Word. A team that only uses LibreOffice sets ``[build] arabic_font = "Noto
Naskh Arabic"``.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from ...config import BuildConfig

DEFAULT_FONT = BuildConfig().font
"""Latin font of the built-in DOCX look (LibreOffice shows the metric-compatible Liberation Sans)."""

DEFAULT_ARABIC_FONT = BuildConfig().arabic_font
"""Complex-script font of every DOCX: Word on Windows and macOS has it, with Arabic glyphs."""

WORD_SAFE_ARABIC = ("Arial", "Times New Roman", "Tahoma", "Courier New")
"""Fonts with Arabic glyphs in the base install of both Windows 10/11 and macOS."""

LANGUAGE_PACK_ARABIC = ("Sakkal Majalla", "Simplified Arabic", "Traditional Arabic", "Arabic Typesetting", "Aldhabi", "Andalus")
"""Windows' "Arabic Script Supplemental Fonts": installed only with an Arabic-script language, absent on macOS."""

STAND_IN = "Noto Naskh Arabic"
"""What LibreOffice shows for Arabic text in one of Word's fonts (Debian fonts-noto-core)."""

_WORD_ARABIC = (*WORD_SAFE_ARABIC, "Segoe UI", "Microsoft Sans Serif", *LANGUAGE_PACK_ARABIC, "Geeza Pro")


def word_font_note(font: str) -> str | None:
    """Why ``font`` as the DOCX's complex-script font will not hold on a stock Word, or None when it will.

    >>> word_font_note("Arial") is None
    True
    >>> print(word_font_note("Sakkal Majalla"))  # doctest: +NORMALIZE_WHITESPACE
    Sakkal Majalla is installed on Windows only with an Arabic-script language and is absent on macOS:
    Word substitutes another font there
    """
    if font in WORD_SAFE_ARABIC:
        return None
    if font in LANGUAGE_PACK_ARABIC:
        return (
            f"{font} is installed on Windows only with an Arabic-script language and is absent on macOS: "
            "Word substitutes another font there"
        )
    return f"{font} is not installed with Word on Windows or macOS: Word substitutes another font there"


def fontconfig_text(system: str = "/etc/fonts/fonts.conf", stand_in: str = STAND_IN) -> str:
    """A fontconfig configuration: the system's, plus ``stand_in`` for Arabic text in Word's fonts.

    The rule applies to requests in an Arabic language only, so Latin text in
    Arial keeps Liberation Sans, and a font that is installed (Amiri, Noto Naskh
    Arabic named in toolkit.toml) is used as it is.
    """
    rules = "\n".join(
        '  <match target="pattern">\n'
        '    <test name="lang" compare="contains"><string>ar</string></test>\n'
        f'    <test name="family"><string>{escape(font)}</string></test>\n'
        f'    <edit name="family" mode="prepend" binding="strong"><string>{escape(stand_in)}</string></edit>\n'
        "  </match>"
        for font in _WORD_ARABIC
    )
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>\n'
        f'  <include ignore_missing="yes">{escape(system)}</include>\n{rules}\n</fontconfig>\n'
    )


def fontconfig_file(folder: Path) -> Path:
    """Write :func:`fontconfig_text` to ``folder``; give its path to LibreOffice as ``FONTCONFIG_FILE``."""
    path = folder / "fonts.conf"
    path.write_text(fontconfig_text(), encoding="utf-8")
    return path


__all__ = [
    "DEFAULT_ARABIC_FONT",
    "DEFAULT_FONT",
    "LANGUAGE_PACK_ARABIC",
    "STAND_IN",
    "WORD_SAFE_ARABIC",
    "fontconfig_file",
    "fontconfig_text",
    "word_font_note",
]
