"""Edition -> PDF: the edition's DOCX laid out by LibreOffice (headless), made reproducible.

Why LibreOffice and not WeasyPrint on the HTML: measured on the example
project (docs/release.md#pdf, ``benchmarks/bench_pdf.py``), both shape
Arabic and lay it out right to left and both embed their fonts; LibreOffice's
PDF/UA export tags every span with its language where WeasyPrint tags the
document once, its pages are the DOCX's pages (what a communications officer
checked in Word), and it is a tool the project already needs.

One LibreOffice run converts every edition of a build (start-up is most of
its cost). It runs with a fresh profile, in UTC, and with the toolkit's
fontconfig rules (:func:`toolkit.renderers.fonts.fontconfig_file`), so Word's
Arial shows as Liberation Sans and its Arabic as Noto Naskh Arabic.

LibreOffice stamps each PDF with the time of conversion (Info dictionary,
XMP packet) and a random file identifier. :func:`reproducible` replaces the
dates with the statement's date, sets the document language (LibreOffice
writes the Latin-text default, en-US, even for Arabic), drops LibreOffice's
``/DocChecksum`` and lets qpdf (through pikepdf) derive the ``/ID`` from the
content: same inputs, same bytes, whenever and wherever the release is made
with the same LibreOffice.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from ...errors import BuildError
from ...languages import word_language
from .docx import DocxRenderer
from .fonts import fontconfig_file
from .page import Page, Settings

EXPORT = (
    "pdf:writer_pdf_Export:"
    '{"PDFUACompliance":{"type":"boolean","value":"true"},'
    '"UseTaggedPDF":{"type":"boolean","value":"true"},'
    '"ExportBookmarks":{"type":"boolean","value":"true"}}'
)
"""LibreOffice's PDF export filter with its options (JSON, LibreOffice 7.4+): PDF/UA-1, so tagged,
with the language of every span, the title shown instead of the file name, and bookmarks."""

TIMEOUT = 900
"""Seconds for one LibreOffice run (20 editions take about 6 s on a 2-core machine)."""

INSTALL_HINT = "install LibreOffice (Debian: apt-get install libreoffice-writer-nogui)"


def find_soffice() -> str | None:
    """The LibreOffice executable on PATH, if any."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def missing() -> str | None:
    """Why PDFs cannot be made here (one line), or None when they can."""
    if find_soffice() is None:
        return f"LibreOffice (soffice) is not installed: {INSTALL_HINT}"
    return None


class PdfRenderer:
    name = "pdf"
    extension = ".pdf"

    def __init__(self, settings: Settings) -> None:
        reason = missing()
        if reason is not None:
            raise BuildError(f"no PDF: {reason}")
        self.docx = DocxRenderer(settings)

    def render(self, page: Page) -> bytes:
        return self.render_all([page])[0]

    def render_all(self, pages: Sequence[Page]) -> list[bytes]:
        """Every page's PDF, from one LibreOffice run."""
        names = [f"{page.lang}-{page.edition.slug}" for page in pages]
        pdfs = convert({name: self.docx.render(page) for name, page in zip(names, pages, strict=True)})
        return [
            reproducible(pdfs[name], word_language(page.lang), page.edition.doc.meta.date)
            for name, page in zip(names, pages, strict=True)
        ]


def convert(documents: Mapping[str, bytes], timeout: int = TIMEOUT) -> dict[str, bytes]:
    """``{name: DOCX bytes}`` -> ``{name: PDF bytes}`` with one headless LibreOffice run.

    Raises :class:`BuildError` naming the first document LibreOffice did not convert.
    """
    soffice = find_soffice()
    if soffice is None:
        raise BuildError(f"no PDF: LibreOffice (soffice) is not installed: {INSTALL_HINT}")
    if not documents:
        return {}
    with tempfile.TemporaryDirectory(prefix="stk-pdf-") as tmp:
        folder = Path(tmp)
        inputs = folder / "in"
        inputs.mkdir()
        for name, data in documents.items():
            (inputs / f"{name}.docx").write_bytes(data)
        run_libreoffice(soffice, sorted(inputs.glob("*.docx")), folder / "out", folder, timeout)
        out: dict[str, bytes] = {}
        for name in documents:
            pdf = folder / "out" / f"{name}.pdf"
            if not pdf.is_file() or not pdf.read_bytes().startswith(b"%PDF-"):
                raise BuildError(f"LibreOffice did not convert {name}.docx to PDF")
            out[name] = pdf.read_bytes()
        return out


def run_libreoffice(soffice: str, files: Sequence[Path], outdir: Path, scratch: Path, timeout: int = TIMEOUT) -> None:
    """``soffice --convert-to`` PDF of ``files`` into ``outdir``, with a fresh profile in ``scratch``.

    The profile is the run's own, so a LibreOffice the user has open (which
    locks the default profile) neither blocks nor changes the conversion.
    """
    profile = scratch / "profile"
    env = {
        **os.environ,
        "FONTCONFIG_FILE": str(fontconfig_file(scratch)),
        "TZ": "UTC",
    }
    command = [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        EXPORT,
        "--outdir",
        str(outdir),
        *(str(f) for f in files),
    ]
    try:
        run = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise BuildError(f"LibreOffice took more than {timeout} s to convert {len(files)} documents to PDF") from None
    if run.returncode != 0:
        detail = (run.stderr.strip().splitlines() or [f"exit status {run.returncode}"])[-1]
        raise BuildError(f"LibreOffice could not convert to PDF: {detail}")


_XMP_DATES = re.compile(rb"<(xmp:(?:CreateDate|ModifyDate|MetadataDate))>[^<]*</\1>")


def reproducible(data: bytes, lang: str, date: dt.date) -> bytes:
    """``data`` (a LibreOffice PDF) with ``date`` as its dates, ``lang`` as its language and an /ID from its content.

    >>> import datetime as dt
    >>> first = reproducible(_sample(b"D:20261204235954Z'"), "ar-SA", dt.date(2025, 6, 5))
    >>> first == reproducible(_sample(b"D:20270101120000Z'"), "ar-SA", dt.date(2025, 6, 5))
    True
    """
    import pikepdf  # here, not at the top: every stk command imports the renderers, few make PDFs (125 ms)

    stamp = f"D:{date:%Y%m%d}000000Z"
    iso = f"{date.isoformat()}T00:00:00Z".encode()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pdf.Root.Lang = pikepdf.String(lang)
        for key in ("/CreationDate", "/ModDate"):
            if key in pdf.docinfo or key == "/CreationDate":
                pdf.docinfo[key] = pikepdf.String(stamp)
        for key in ("/DocChecksum", "/ID"):  # with no /ID left, qpdf derives both halves from the content
            if key in pdf.trailer:
                del pdf.trailer[key]
        metadata = pdf.Root.get("/Metadata")
        if isinstance(metadata, pikepdf.Stream):
            packet = metadata.read_bytes()
            metadata.write(_XMP_DATES.sub(lambda m: b"<%s>%s</%s>" % (m[1], iso, m[1]), packet))
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, fix_metadata_version=False)
    return out.getvalue()


def _sample(created: bytes) -> bytes:
    """A one-page PDF as LibreOffice stamps it (for the doctest)."""
    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.docinfo["/CreationDate"] = pikepdf.String(created.decode())
    out = io.BytesIO()
    pdf.save(out, static_id=False)
    return out.getvalue()


__all__ = ["EXPORT", "PdfRenderer", "convert", "find_soffice", "missing", "reproducible", "run_libreoffice"]
