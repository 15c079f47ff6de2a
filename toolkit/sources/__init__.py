"""Source readers: each turns one source file into a :class:`~toolkit.document.Document`.

READERS maps a suffix of a file in sources/ to its reader: Markdown with front
matter, the one source format. Word documents and web pages are not sources:
``stk import`` reads them (:mod:`.docx`, :mod:`.html`) into the same Document,
settles front matter and signatory lists (:mod:`.importing`) and writes Markdown
(:mod:`.writer`), so a person edits and reviews one format.
"""

from __future__ import annotations

from collections.abc import Callable

from ..document import Document
from ..errors import Notice
from .markdown import read_markdown

Reader = Callable[[bytes, str, str, list[Notice]], Document]

READERS: dict[str, Reader] = {".md": read_markdown}

__all__ = ["READERS", "Reader", "read_markdown"]
