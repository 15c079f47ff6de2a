"""Non-breaking prefix entries (``Mr.``, ``et al.``, ``Ref. #number``): the one grammar of the sentence rules'
language lists (``segmentation/prefixes/<lang>.txt``) and of ``[segmentation] nonbreaking_prefixes`` in toolkit.toml.

Kept apart from :mod:`toolkit.segmentation.rules` so that the configuration can check a project's entries
when it is read, without loading the segmentation stage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import ConfigError, Location

CATEGORIES = ("title", "number", "context", "time")
"""What the full stop of a prefix means; ``prefixes/en.txt`` explains each."""

_ENTRY = re.compile(r"^(?P<entry>\S(?:.*?\S)?)(?:\s+#(?P<category>[a-z]+))?$")


@dataclass(frozen=True)
class Prefix:
    """One non-breaking prefix: ``et al.`` is words ``("et",)`` before the token ``al``."""

    token: str
    """The word before the full stop, inner dots included: ``e.g``, ``H.E``, ``No``."""
    before: tuple[str, ...]
    """Words that must precede it (``et`` for ``et al.``)."""
    category: str


def parse_entry(line: str, category: str, where: Location) -> Prefix:
    """One line of a prefix list: ``Mr.``, ``et al.``, ``Ref. #number``.

    >>> parse_entry("Ref. #number", "title", Location("toolkit.toml", 3))
    Prefix(token='Ref', before=(), category='number')
    >>> parse_entry("Ref", "title", Location("toolkit.toml", 3))
    Traceback (most recent call last):
    ...
    toolkit.errors.ConfigError: toolkit.toml:3: Config error: non-breaking prefix 'Ref' must end with its full stop ('Ref.')
    """
    match = _ENTRY.match(line.strip())
    if match is None:
        raise ConfigError(f"empty non-breaking prefix {line!r}", where)
    entry, marked = match.group("entry"), match.group("category")
    if marked is not None:
        if marked not in CATEGORIES:
            raise ConfigError(
                f"non-breaking prefix {entry!r}: unknown category #{marked} (one of {', '.join('#' + c for c in CATEGORIES)})",
                where,
            )
        category = marked
    if not entry.endswith(".") or entry == ".":
        raise ConfigError(f"non-breaking prefix {entry!r} must end with its full stop ({entry.rstrip('.') + '.'!r})", where)
    *before, token = entry[:-1].split()
    return Prefix(token, tuple(before), category)


def validate_prefixes(values: list[object], where: Location) -> tuple[str, ...]:
    """``[segmentation] nonbreaking_prefixes`` checked once, when the configuration is read."""
    out: list[str] = []
    for value in values:
        if not isinstance(value, str):
            raise ConfigError('segmentation.nonbreaking_prefixes must list abbreviations as strings ("Ref.")', where)
        parse_entry(value, "title", where)
        out.append(value.strip())
    return tuple(out)
