"""Renderers: an :class:`~toolkit.reassemble.Edition` in, the bytes of one file out.

RENDERERS maps a format name to a renderer class; ``stk build --format`` picks
from it. A renderer is created once per build with the project's
:class:`Settings` (it loads and checks its templates then, so a broken
template stops the build before anything is written) and renders any number of
:class:`Page` values. Renderers are pure: same page, same bytes. A renderer
with a ``render_all`` method (PDF: one LibreOffice run) gets every page at once.
"""

from __future__ import annotations

from .docx import DocxRenderer
from .html import HtmlRenderer
from .page import Page, Renderer, Settings
from .pdf import PdfRenderer

RENDERERS: dict[str, type[Renderer]] = {"docx": DocxRenderer, "html": HtmlRenderer, "pdf": PdfRenderer}
"""Format name -> renderer class, in the order ``stk build`` writes them."""

__all__ = ["RENDERERS", "DocxRenderer", "HtmlRenderer", "Page", "PdfRenderer", "Renderer", "Settings"]
