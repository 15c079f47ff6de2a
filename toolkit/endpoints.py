"""A server's base URL (``[translate.libretranslate] url``, ``--url``): checked once, shown without secrets."""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass


@dataclass(frozen=True)
class Endpoint:
    """A server's base URL, split once."""

    url: str
    scheme: str
    host: str
    port: int
    path: str
    """Base path without its trailing slash (``/lt`` behind a reverse proxy, usually ``''``)."""

    @property
    def shown(self) -> str:
        """``host:port`` as messages and provenance comments show it: never credentials, path or query."""
        default = 443 if self.scheme == "https" else 80
        host = f"[{self.host}]" if ":" in self.host else self.host
        return host if self.port == default else f"{host}:{self.port}"


def parse_endpoint(url: str) -> Endpoint:
    """``url`` as an :class:`Endpoint`; ``ValueError`` (with a reason that never repeats the URL) when unusable.

    >>> parse_endpoint("http://127.0.0.1:5000/").shown
    '127.0.0.1:5000'
    >>> parse_endpoint("https://user:secret@lt.example.org/api?key=x").shown
    'lt.example.org'
    """
    parts = urllib.parse.urlsplit(url.strip())
    if parts.scheme not in ("http", "https"):
        raise ValueError("it must start with http:// or https://")
    if not parts.hostname:
        raise ValueError("it has no host name")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise ValueError("its port is not a number between 0 and 65535") from None
    return Endpoint(url, parts.scheme, parts.hostname, port, parts.path.rstrip("/"))
