"""The ``[check]`` and ``[links.<lang>]`` tables of toolkit.toml, validated once.

::

    [check]
    disable = ["length"]                 # codes or families, for the whole project
    severity = { acronym = "error" }     # per code: "error" or "warning"

    [check.length]
    min_ratio = 0.33                     # msgstr shorter than a third of the source...
    max_ratio = 3.0                      # ...or three times longer is an outlier
    min_chars = 20                       # sources shorter than this are never measured

    [links.fr]
    "https://www.coalitionfortheicc.org/news" = "https://www.coalitionfortheicc.org/fr/news"

``[links.<lang>]`` maps a source URL to the URL the translation of that
language links to instead: a translator may then write the inline link
``[texte](https://.../fr/news)`` where the msgid has ``[text][1]``. The release
builder applies the same table when it rebuilds documents.

Validated with the rest of toolkit.toml (:mod:`toolkit.config`); this module only shapes the values
the checks read.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..config import Config, LengthConfig

_LENGTH = LengthConfig()


@dataclass(frozen=True)
class CheckSettings:
    disabled: frozenset[str] = frozenset()
    """Codes and families switched off for the whole project."""
    severity: Mapping[str, str] = field(default_factory=dict)
    """code -> severity, overriding the check's own."""
    min_ratio: float = _LENGTH.min_ratio
    max_ratio: float = _LENGTH.max_ratio
    min_chars: int = _LENGTH.min_chars
    links: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """lang -> {source URL: that language's URL}."""
    digits: Mapping[str, str] = field(default_factory=dict)
    """lang -> digit system (``latn``, ``arab``), from ``[project] digits``."""

    def link_override(self, lang: str, href: str) -> str | None:
        """The URL ``lang`` links to instead of the source URL ``href``, if the project set one."""
        return self.links.get(lang, {}).get(href)


def check_settings(config: Config) -> CheckSettings:
    """The QA settings of ``config`` (``[check]``, ``[links.*]``, ``[project] digits``), validated with it."""
    check = config.check
    return CheckSettings(
        disabled=check.disable,
        severity=dict(check.severity),
        min_ratio=check.length.min_ratio,
        max_ratio=check.length.max_ratio,
        min_chars=check.length.min_chars,
        links={lang: dict(pairs) for lang, pairs in config.links.items()},
        digits=dict(config.digits),
    )


__all__ = ["CheckSettings", "check_settings"]
