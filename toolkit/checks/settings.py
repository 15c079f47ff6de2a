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

Every error names toolkit.toml, the line and the key; unknown keys are warnings.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..config import Config
from ..errors import ConfigError, Location
from ..publishing.reassemble import link_overrides

_LENGTH_DEFAULTS = {"min_ratio": 1 / 3, "max_ratio": 3.0, "min_chars": 20.0}


@dataclass(frozen=True)
class CheckSettings:
    disabled: frozenset[str] = frozenset()
    """Codes and families switched off for the whole project."""
    severity: Mapping[str, str] = field(default_factory=dict)
    """code -> severity, overriding the check's own."""
    min_ratio: float = _LENGTH_DEFAULTS["min_ratio"]
    max_ratio: float = _LENGTH_DEFAULTS["max_ratio"]
    min_chars: int = int(_LENGTH_DEFAULTS["min_chars"])
    links: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """lang -> {source URL: that language's URL}."""
    digits: Mapping[str, str] = field(default_factory=dict)
    """lang -> digit system (``latn``, ``arab``), from ``[project] digits``."""
    warnings: tuple[tuple[Location, str], ...] = ()

    def link_override(self, lang: str, href: str) -> str | None:
        """The URL ``lang`` links to instead of the source URL ``href``, if the project set one."""
        return self.links.get(lang, {}).get(href)


def check_settings(config: Config, known: Mapping[str, str]) -> CheckSettings:
    """Validate ``[check]`` and ``[links.*]``; ``known`` maps every check code to its family."""
    warnings: list[tuple[Location, str]] = []

    def where(key: str) -> Location:
        return config.where(key)

    table = config.section("check")
    names = set(known) | set(known.values())
    disabled: set[str] = set()
    severity: dict[str, str] = {}
    length = dict(_LENGTH_DEFAULTS)
    for key, value in table.items():
        if key == "disable":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError("check.disable must be a list of check codes or families", where("disable"))
            for name in value:
                if name not in names:
                    raise ConfigError(f"check.disable: no check or family named {name!r} (see `stk check --list`)", where(key))
            disabled.update(value)
        elif key == "severity":
            if not isinstance(value, dict):
                raise ConfigError('check.severity must be a table such as { length = "error" }', where(key))
            for code, level in value.items():
                if code not in known:
                    raise ConfigError(f"check.severity: no check named {code!r} (see `stk check --list`)", where(key))
                if level not in ("error", "warning"):
                    raise ConfigError(f"check.severity.{code} must be 'error' or 'warning', not {level!r}", where(key))
                severity[code] = level
        elif key == "length":
            length.update(_length_table(value, where))
        else:
            warnings.append((where(key), f"unknown key check.{key} ignored"))
    return CheckSettings(
        disabled=frozenset(disabled),
        severity=severity,
        min_ratio=length["min_ratio"],
        max_ratio=length["max_ratio"],
        min_chars=int(length["min_chars"]),
        links=_links(config),
        digits=dict(config.digits),
        warnings=tuple(warnings),
    )


def _length_table(value: Any, where: Callable[[str], Location]) -> dict[str, float]:
    if not isinstance(value, dict):
        raise ConfigError("[check.length] must be a table (min_ratio, max_ratio, min_chars)", where("check.length"))
    out: dict[str, float] = {}
    for key, number in value.items():
        if key not in _LENGTH_DEFAULTS:
            raise ConfigError(f"unknown key check.length.{key} (known: {', '.join(_LENGTH_DEFAULTS)})", where(key))
        if isinstance(number, bool) or not isinstance(number, (int, float)) or number < 0:
            raise ConfigError(f"check.length.{key} must be a positive number, not {number!r}", where(key))
        out[key] = float(number)
    low, high = out.get("min_ratio", _LENGTH_DEFAULTS["min_ratio"]), out.get("max_ratio", _LENGTH_DEFAULTS["max_ratio"])
    if not low < 1 < high:
        raise ConfigError("check.length: min_ratio must be below 1 and max_ratio above 1", where("check.length"))
    return out


def _links(config: Config) -> dict[str, dict[str, str]]:
    """Every ``[links.<lang>]`` table, validated by the builder's own rule."""
    return {lang: link_overrides(config, lang) for lang in config.target_languages}


__all__ = ["CheckSettings", "check_settings"]
