"""Source readers: each turns one source file into a :class:`~toolkit.document.Document`.

READERS maps a file suffix to its reader; one reader today (Markdown with front
matter). A later DOCX or HTML import adds an entry here, nothing else changes.
"""

from __future__ import annotations

from collections.abc import Callable

from ..document import Document
from ..errors import Location
from .markdown import read_markdown

Reader = Callable[[bytes, str, str, list[tuple[Location, str]]], Document]

READERS: dict[str, Reader] = {".md": read_markdown}

__all__ = ["READERS", "Reader", "read_markdown"]
