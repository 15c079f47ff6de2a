"""The project configuration: ``toolkit.toml`` at the project root, validated once.

Every error names the key and the file; unknown keys are reported as warnings
(a typo in an optional key must not pass silently, but must not stop a build
either). Paths are resolved against the folder holding the config file, never
against the working directory.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError

from . import characters
from .errors import ConfigError, Location
from .languages import DIGIT_SYSTEMS, normalise_code
from .segmentation.segments import UNITS

CONFIG_NAME = "toolkit.toml"


@dataclass(frozen=True)
class Config:
    root: Path
    """The project folder (where toolkit.toml lives)."""
    name: str = "Statements"
    organisation: str = ""
    """Shown in DOCX headers and HTML footers."""
    contact: str = ""
    """Report-Msgid-Bugs-To in catalogs: where translators report source problems."""
    source_language: str = "en"
    target_languages: tuple[str, ...] = ("fr", "es", "ar")
    sources_dir: str = "sources"
    locales_dir: str = "locales"
    output_dir: str = "output"
    templates_dir: str = "templates"
    glossary_file: str = "glossary.csv"
    tm_dir: str = "tm"
    """Imported translation memories (TMX) that ``stk translate`` uses besides the catalogs."""
    segment_unit: str = "sentence"
    """``sentence`` (default) or ``paragraph``."""
    digits: Mapping[str, str] = field(default_factory=dict)
    """Digit system per language (``latn`` or ``arab``); CLDR's default when absent."""
    locale: str = ""
    """How the source language writes dates (``en_GB``: 6 February 2025); its language code when empty."""
    sections: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    """Raw tables of the later stages (translate, check, release, links), validated there."""
    warnings: tuple[str, ...] = ()
    text: str = field(default="", repr=False, compare=False)
    """toolkit.toml as written, so that later stages can name the line of a bad value."""

    @property
    def sources(self) -> Path:
        return self.root / self.sources_dir

    @property
    def locales(self) -> Path:
        return self.root / self.locales_dir

    @property
    def output(self) -> Path:
        return self.root / self.output_dir

    @property
    def templates(self) -> Path:
        return self.root / self.templates_dir

    @property
    def glossary(self) -> Path:
        return self.root / self.glossary_file

    @property
    def tm(self) -> Path:
        return self.root / self.tm_dir

    @property
    def languages(self) -> tuple[str, ...]:
        """Source language first, then the targets."""
        return (self.source_language, *self.target_languages)

    def pick_languages(self, langs: Sequence[str] | None, *, source: bool) -> list[str]:
        """The languages ``langs`` names, in project order (all when None): targets, and the source too if ``source``.

        One rule and one error for every command's ``--lang``.
        """
        allowed = self.languages if source else self.target_languages
        if not langs:
            return list(allowed)
        langs = [normalise_code(lang) for lang in langs]
        unknown = [lang for lang in langs if lang not in allowed]
        if unknown:
            what = "a language" if source else "a target language"
            raise ConfigError(
                f"--lang {', '.join(unknown)}: not {what} of this project ({', '.join(allowed)})",
                self.where("target_languages"),
            )
        return [lang for lang in allowed if lang in langs]

    def date_locale(self, lang: str) -> str:
        """The CLDR locale that writes dates in ``lang``: ``[project] locale`` for the source language."""
        return self.locale if lang == self.source_language and self.locale else lang

    def section(self, name: str) -> Mapping[str, Any]:
        return self.sections.get(name, {})

    def where(self, *keys: str, section: str | None = None) -> Location:
        """Where the first of ``keys`` found is written in toolkit.toml (a key, or a table as
        ``links.fr``); with ``section``, only keys inside that table count."""
        lines = [_line(self.text, key, section) for key in keys]
        return Location(CONFIG_NAME, next((line for line in lines if line), None))


# key -> (section, attribute, type)
_SCHEMA: dict[str, dict[str, tuple[str, type]]] = {
    "project": {
        "name": ("name", str),
        "organisation": ("organisation", str),
        "contact": ("contact", str),
        "source_language": ("source_language", str),
        "target_languages": ("target_languages", list),
        "digits": ("digits", dict),
        "locale": ("locale", str),
    },
    "paths": {
        "sources": ("sources_dir", str),
        "locales": ("locales_dir", str),
        "output": ("output_dir", str),
        "templates": ("templates_dir", str),
        "glossary": ("glossary_file", str),
        "tm": ("tm_dir", str),
    },
    "segmentation": {"unit": ("segment_unit", str)},
}
# Tables owned by later stages; kept raw here and validated by their owners.
_STAGE_SECTIONS = ("translate", "check", "release", "links", "build")


def validate_language(code: str, where: Location) -> str:
    """Return ``code`` if Babel knows it (``fr``, ``pt-BR``, ``pt_BR``), else raise."""
    try:
        Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        raise ConfigError(f"unknown language code {code!r} (not a CLDR locale)", where) from None
    return code


def load_config(project: Path) -> Config:
    """Read and validate ``project/toolkit.toml``."""
    root = project.resolve()
    path = root / CONFIG_NAME
    if not root.is_dir():
        raise ConfigError(f"project folder {project} does not exist")
    if not path.is_file():
        raise ConfigError(f"no {CONFIG_NAME} in {project} (create a project with `stk init DIR`)")
    raw = path.read_bytes()
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ConfigError("not valid UTF-8", Location(CONFIG_NAME, line)) from None
    except RecursionError:  # tomllib recurses once per level of [[[...]]]
        raise ConfigError("not valid TOML: nested too deeply", Location(CONFIG_NAME)) from None
    except tomllib.TOMLDecodeError as exc:
        # tomllib puts "(at line N, column M)" inside its message: move the line to the prefix
        # every other error has, so that editors can jump to it.
        message, line = str(exc), None
        found = re.search(r"\s*\(at line (\d+), column (\d+)\)$", message)
        if found:
            message = f"{message[: found.start()]} (column {found.group(2)})"
            line = int(found.group(1))
        elif message.endswith("(at end of document)"):
            message, line = message.removesuffix(" (at end of document)") + " at the end of the file", raw.count(b"\n") or 1
        raise ConfigError(f"not valid TOML: {message}", Location(CONFIG_NAME, line)) from None
    return config_from_dict(data, root, raw.decode("utf-8"))


def config_from_dict(data: Mapping[str, Any], root: Path, text: str = "") -> Config:
    values: dict[str, Any] = {}
    warnings: list[str] = []
    sections: dict[str, Mapping[str, Any]] = {}
    for section, table in data.items():
        if section in _STAGE_SECTIONS and isinstance(table, dict):
            sections[section] = table
            continue
        if section not in _SCHEMA:
            warnings.append(f"{_where(text, section)}: unknown table [{section}] ignored")
            continue
        if not isinstance(table, dict):
            raise ConfigError(f"[{section}] must be a table", Location(CONFIG_NAME, _line(text, section)))
        for key, value in table.items():
            if key not in _SCHEMA[section]:
                warnings.append(f"{_where(text, key)}: unknown key {section}.{key} ignored")
                continue
            attr, kind = _SCHEMA[section][key]
            if not isinstance(value, kind):
                raise ConfigError(
                    f"{section}.{key} must be a {kind.__name__}, not {type(value).__name__}",
                    Location(CONFIG_NAME, _line(text, key)),
                )
            bad = characters.forbidden(value) if isinstance(value, str) else []
            if bad:  # TOML's \u0001 escape: no DOCX or HTML header can hold it
                raise ConfigError(
                    f"{section}.{key} holds {characters.describe(bad[0])}, an invisible control character: delete it",
                    Location(CONFIG_NAME, _line(text, key)),
                )
            values[attr] = value

    src = validate_language(values.get("source_language", "en"), Location(CONFIG_NAME, _line(text, "source_language")))
    targets = values.get("target_languages", ["fr", "es", "ar"])
    loc = Location(CONFIG_NAME, _line(text, "target_languages"))
    for code in [src, *targets]:
        if not isinstance(code, str):
            raise ConfigError("project.target_languages must list language codes as strings", loc)
        validate_language(code, loc)
        # "FR" would make locales/FR/ beside locales/fr/ (one folder on macOS, two on Linux), and quietly
        # reading it as "fr" would leave a locales/FR/ of earlier catalogs behind: refuse, say how.
        if code != normalise_code(code):
            where = loc if code in targets else Location(CONFIG_NAME, _line(text, "source_language"))
            raise ConfigError(f"write the language code {code!r} as {normalise_code(code)!r} (one folder per language)", where)
    if len(set(targets)) != len(targets) or src in targets:
        raise ConfigError("project.target_languages repeats a language or includes the source language", loc)
    values["target_languages"] = tuple(targets)
    for lang, system in values.get("digits", {}).items():
        if system not in DIGIT_SYSTEMS:
            raise ConfigError(
                f"project.digits.{lang} must be one of {', '.join(map(repr, DIGIT_SYSTEMS))}, not {system!r}",
                Location(CONFIG_NAME, _line(text, "digits")),
            )
    if values.get("locale"):
        where = Location(CONFIG_NAME, _line(text, "locale"))
        validate_language(values["locale"], where)
        if Locale.parse(values["locale"].replace("-", "_")).language != Locale.parse(src.replace("-", "_")).language:
            raise ConfigError(f"project.locale {values['locale']!r} is not a variety of the source language {src!r}", where)
    unit = values.get("segment_unit", "sentence")
    if unit not in UNITS:
        raise ConfigError(
            f"segmentation.unit must be one of {', '.join(map(repr, UNITS))}, not {unit!r}",
            Location(CONFIG_NAME, _line(text, "unit")),
        )
    return Config(root=root, sections=sections, warnings=tuple(warnings), text=text, **values)


def _line(text: str, key: str, section: str | None = None) -> int | None:
    r"""1-based line where ``key`` (or the table ``[key]``) is defined, inside ``[section]`` if given.

    >>> _line("[build]\nformats = []\n[translate]\nbeam_size = 1\n", "beam_size", "translate")
    4
    >>> _line("[build]\nengine = 1\n[translate]\n", "engine", "translate") is None
    True
    """
    inside = section is None
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.split("#")[0].strip()
        if stripped.startswith("["):
            if section is not None:
                inside = stripped == f"[{section}]"
            if stripped.startswith(f"[{key}]") and section is None:
                return number
        elif inside and stripped.split("=", 1)[0].strip() == key:
            return number
    return None


def _where(text: str, key: str) -> str:
    return str(Location(CONFIG_NAME, _line(text, key)))


DEFAULT_CONFIG = """\
# statement-toolkit project: `stk --help` lists the commands.

[project]
name = "{name}"
# Shown in DOCX headers and HTML footers.
organisation = ""
# Report-Msgid-Bugs-To in the PO files: where translators report problems in the English.
contact = ""
source_language = "en"
# How the source language writes dates: "en_GB" (6 February 2025), "en_US" (February 6, 2025)...
# locale = "en_GB"
# Babel (CLDR) language codes; one folder each under locales/.
target_languages = ["fr", "es", "ar"]
# Digits per language: "latn" (0-9, the default) or "arab" (Arabic-Indic).
digits = {{ ar = "latn" }}

[paths]
sources = "sources"
locales = "locales"
output = "output"
templates = "templates"
glossary = "glossary.csv"
# Imported translation memories (stk tm import FILE.tmx) live here.
tm = "tm"

[segmentation]
# "sentence": one PO entry per sentence (best for translation memory);
# "paragraph": one per paragraph (more context for translators).
unit = "sentence"

# Machine pre-translation (`stk translate`; docs/translate.md). Uncomment to change.
# [translate]
# engine = "argos"       # or "pseudo": accented look-alike text, to preview layouts without a model
# tm_threshold = 75      # least similarity (50-100) for a fuzzy translation-memory match
# batch_size = 32        # segments per model call; catalogs are saved after every batch
# beam_size = 4          # argostranslate's default; 1 is about 2.5 times faster (measured on 2 CPUs), a little worse
# device = "auto"        # "cpu", "cuda" (needs CUDA 12 and cuBLAS) or "auto"

# Translator QA (`stk check`; docs/qa.md lists every check). Uncomment to change.
# [check]
# disable = ["length"]              # check codes or families, for the whole project
# severity = {{ acronym = "error" }}  # make a warning an error, or the reverse
# [check.length]
# min_ratio = 0.33                  # a translation under a third of the source...
# max_ratio = 3.0                   # ...or over three times longer is reported
# min_chars = 20                    # shorter sources are never measured
#
# A language's own version of a linked page: where the source has [text][1],
# translators may then write an inline link to it, [texte](https://example.org/fr/page).
# [links.fr]
# "https://example.org/page" = "https://example.org/fr/page"
"""
