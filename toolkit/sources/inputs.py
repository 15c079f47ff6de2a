"""What ``stk import`` is given: a .docx, a saved .html page, or the URL of a page.

A URL is fetched with the user's own network (urllib, no proxy settings of
our own): the page's final address after redirects is the base for its
relative links. Other formats get a one-line refusal saying what to do.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from pathlib import Path

from .. import __version__
from ..errors import Location, SourceError
from .docx import read_docx
from .draft import Draft
from .html import decode_html, read_html

MAX_BYTES = 50 * 1024 * 1024
"""A statement page or document is far smaller; anything larger is not one."""
TIMEOUT = 30.0
_DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_HINTS = {
    ".doc": "a Word 97-2003 document: open it in Word or LibreOffice and save it as .docx",
    ".odt": "an OpenDocument text: save it as .docx in LibreOffice",
    ".rtf": "an RTF document: save it as .docx",
    ".pdf": "a PDF cannot be imported faithfully: ask for the Word document, or import the web page it was published on",
    ".md": "already Markdown: copy it into sources/ (with front matter) instead of importing it",
    ".txt": "plain text has no structure to import: paste it into a Word document, or write it as sources/<slug>.md",
}


def is_url(name: str) -> bool:
    return bool(re.match(r"^https?://", name, re.IGNORECASE))


def read_input(name: str) -> Draft:
    """The draft of one input, named as the user gave it (a path or an http(s) URL)."""
    if is_url(name):
        data, final, content_type = fetch(name)
        if content_type.split(";")[0].strip().lower() == _DOCX_TYPE or data[:2] == b"PK":
            return read_docx(data, name)
        charset = re.search(r"charset=([\w-]+)", content_type or "")
        return read_html(decode_html(data, charset.group(1) if charset else None).encode("utf-8"), name, final)
    path = Path(name)
    if not path.is_file():
        raise SourceError("no such file" if not path.exists() else "not a file", Location(name))
    suffix = path.suffix.lower()
    if suffix in _HINTS:
        raise SourceError(f"cannot import {_HINTS[suffix]}", Location(name))
    data = path.read_bytes()
    if suffix == ".docx" or (suffix not in (".html", ".htm", ".xhtml") and data[:2] == b"PK"):
        return read_docx(data, name)
    if suffix in (".html", ".htm", ".xhtml") or re.search(rb"<html|<!doctype html", data[:2048], re.IGNORECASE):
        return read_html(data, name, None)
    raise SourceError("cannot import this file: give a Word document (.docx), a saved web page (.html) or a URL", Location(name))


def fetch(url: str) -> tuple[bytes, str, str]:
    """The bytes of ``url``, its final address (after redirects) and its content type."""
    request = urllib.request.Request(url, headers={"User-Agent": f"statement-toolkit/{__version__} (stk import)"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            data = response.read(MAX_BYTES + 1)
            final = response.geturl()
            content_type = response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as exc:
        raise SourceError(f"cannot fetch the page: HTTP {exc.code} {exc.reason}", Location(url)) from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise SourceError(
            f"cannot fetch the page: {reason} (save it from the browser and import the .html file)", Location(url)
        ) from None
    if len(data) > MAX_BYTES:
        raise SourceError(f"the page is larger than {MAX_BYTES // (1024 * 1024)} MB: not a statement", Location(url))
    return data, final, content_type


__all__ = ["fetch", "is_url", "read_input"]
