"""What decides a sentence boundary in one language: its non-breaking prefixes and sentence openers, as data.

The lists live in ``prefixes/<lang>.txt`` beside this module (the format is
explained at the top of ``prefixes/en.txt``), in the spirit of Moses'
``nonbreaking_prefix.<lang>`` files; a project adds its own abbreviations in
``toolkit.toml``::

    [segmentation]
    nonbreaking_prefixes = ["Excl.", "Ref. #number"]

English segments the sources; French, Spanish and Arabic split translations
(the re-segmentation merge, QA). A language without a file gets the generic
rules: no abbreviations, and any capital or caseless letter opens a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from ..errors import ConfigError, Location
from ..prefixes import Prefix, parse_entry

_SECTION = re.compile(r"^\[(title|number|context|time|opener)\]$")
_ELISION = re.compile(r"[’']")


@dataclass(frozen=True)
class SentenceRules:
    """The language data :func:`~toolkit.segmentation.sentences.sentence_spans` splits with."""

    lang: str
    prefixes: Mapping[str, tuple[Prefix, ...]] = field(default_factory=dict)
    """By token; the entries with more preceding words first."""
    openers: frozenset[str] = frozenset()
    """Words that open a sentence and cannot continue a name (``The``, ``We``)."""

    def category(self, words: list[str]) -> str | None:
        """The category of the prefix that ``words`` (the sentence so far, split) ends with, if any.

        >>> rules = rules_for("en")
        >>> rules.category(["Smith", "et", "al"]), rules.category(["al"]), rules.category(["See", "No"])
        ('context', None, 'number')
        >>> rules_for("fr").category(["cité", "l’art"])
        'number'
        """
        if not words:
            return None
        last = words[-1]
        # French and Italian elide an article into the word: "l’art. 5" is "art. 5".
        for token in (last, _ELISION.split(last)[-1]):
            for prefix in self.prefixes.get(token, ()):
                if not prefix.before or tuple(words[-1 - len(prefix.before) : -1]) == prefix.before:
                    return prefix.category
        return None

    def is_title(self, word: str) -> bool:
        """Whether ``word`` (without its full stop) is a title such as ``Mr``."""
        return any(p.category == "title" and not p.before for p in self.prefixes.get(word, ()))


def parse_prefix_file(text: str, path: str) -> tuple[list[Prefix], list[str]]:
    """The prefixes and the openers of one ``prefixes/<lang>.txt``."""
    prefixes: list[Prefix] = []
    openers: list[str] = []
    section: str | None = None
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("# ") or line == "#":
            continue
        where = Location(path, number)
        header = _SECTION.match(line)
        if header:
            section = header.group(1)
        elif section is None:
            raise ConfigError(f"{line!r} comes before any [section]", where)
        elif section == "opener":
            openers.append(line)
        else:
            prefixes.append(parse_entry(line, section, where))
    return prefixes, openers


def build_rules(lang: str, prefixes: Iterable[Prefix], openers: Iterable[str]) -> SentenceRules:
    by_token: dict[str, list[Prefix]] = {}
    for prefix in prefixes:
        by_token.setdefault(prefix.token, []).append(prefix)
    ordered = {token: tuple(sorted(found, key=lambda p: -len(p.before))) for token, found in by_token.items()}
    return SentenceRules(lang, ordered, frozenset(openers))


@cache
def _language_data(lang: str) -> tuple[tuple[Prefix, ...], tuple[str, ...]]:
    resource = resources.files(__package__).joinpath("prefixes", f"{lang}.txt")
    if not resource.is_file():
        return (), ()
    prefixes, openers = parse_prefix_file(resource.read_text(encoding="utf-8"), f"toolkit/segmentation/prefixes/{lang}.txt")
    return tuple(prefixes), tuple(openers)


@cache
def rules_for(lang: str, extra: tuple[str, ...] = ()) -> SentenceRules:
    """The rules of ``lang`` (``fr``, ``pt_BR`` -> ``pt``), with a project's ``extra`` prefixes added.

    ``extra`` entries are lines as in the data files (``Ref.``, ``Ref. #number``),
    titles unless marked; they were validated with the configuration.
    """
    base = re.split(r"[-_]", lang, maxsplit=1)[0].lower()
    prefixes, openers = _language_data(base)
    added = [parse_entry(line, "title", Location("toolkit.toml")) for line in extra]
    return build_rules(base, [*added, *prefixes], openers)
