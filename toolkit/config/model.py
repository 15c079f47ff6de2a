"""The project configuration as typed, frozen values: what every stage reads instead of raw TOML."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..errors import ConfigError, Location, Notice
from ..languages import normalise_code
from .lines import KeyLines

CONFIG_NAME = "toolkit.toml"


@dataclass(frozen=True)
class LibreTranslateConfig:
    """``[translate.libretranslate]`` in toolkit.toml, and ``--url`` on the command line."""

    urls: tuple[str, ...] = ()
    """Base URLs of the servers (``http://127.0.0.1:5000``); several make a pool."""
    api_key: str = field(default="", repr=False)
    """The key itself (prefer ``api_key_env``: toolkit.toml is usually committed)."""
    api_key_env: str = ""
    """Name of the environment variable holding the key."""
    concurrency: int = 2
    """Requests in flight per server: one being translated, one on its way, so the server never idles."""
    timeout: float = 120.0
    """Seconds to wait for one answer before retrying."""
    batch: int = 16
    """Most sentences per request."""


@dataclass(frozen=True)
class TranslateConfig:
    """``[translate]``: machine pre-translation (docs/translate.md)."""

    engine: str = "argos"
    tm_threshold: float = 75.0
    """Least similarity (50-100) for a fuzzy translation-memory match."""
    batch_size: int = 32
    """Segments per engine call; catalogs are saved after each batch, so an interruption loses at most one."""
    beam_size: int = 4
    """argostranslate's default; 1 (greedy) is faster and a little worse (docs/translate.md#speed)."""
    device: str = "auto"
    compute_type: str = "auto"
    threads: int = 0
    """CPU threads the model runs on (``stk translate --threads``); 0: every core."""
    libretranslate: LibreTranslateConfig = field(default_factory=LibreTranslateConfig)


@dataclass(frozen=True)
class LengthConfig:
    """``[check.length]``: when a translation's length is an outlier."""

    min_ratio: float = 1 / 3
    max_ratio: float = 3.0
    min_chars: int = 20
    """Sources shorter than this are never measured."""


@dataclass(frozen=True)
class CheckConfig:
    """``[check]``: QA checks switched off or re-graded for the whole project (docs/qa.md)."""

    disable: frozenset[str] = frozenset()
    """Check codes and families."""
    severity: Mapping[str, str] = field(default_factory=dict)
    """Check code -> ``error`` or ``warning``."""
    length: LengthConfig = field(default_factory=LengthConfig)


@dataclass(frozen=True)
class BuildConfig:
    """``[build]``: formats and looks of the files (docs/release.md)."""

    formats: tuple[str, ...] = ("docx", "html")
    fallback: str = "draft"
    font: str = "Arial"
    """Latin font of the DOCX body (LibreOffice substitutes the metric-compatible Liberation Sans)."""
    arabic_font: str = "Arial"
    """Complex-script font of the DOCX (``w:rFonts w:cs``): Arial has Arabic on every Word (Windows and
    macOS); "Noto Naskh Arabic" for LibreOffice-only teams (docs/release.md#fonts). Browsers get a font stack."""
    labels: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """``[build.labels.<lang>]``: the words the toolkit prints, per language."""


@dataclass(frozen=True)
class ReleaseConfig:
    """``[release]``: how much of each language must be reviewed for it to be released."""

    threshold: Mapping[str, float] = field(default_factory=dict)
    """Language -> percent of segments reviewed (100 when absent)."""


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
    locale: str = ""
    """How the source language writes dates (``en_GB``: 6 February 2025); its language code when empty."""
    digits: Mapping[str, str] = field(default_factory=dict)
    """Digit system per language (``latn`` or ``arab``); CLDR's default when absent."""
    sources_dir: str = "sources"
    locales_dir: str = "locales"
    output_dir: str = "output"
    templates_dir: str = "templates"
    glossary_file: str = "glossary.csv"
    tm_dir: str = "tm"
    """Imported translation memories (TMX) that ``stk translate`` uses besides the catalogs."""
    segment_unit: str = "sentence"
    """``sentence`` (default) or ``paragraph``."""
    nonbreaking_prefixes: tuple[str, ...] = ()
    """The project's abbreviations, added to the source language's lists (``Ref.``, ``Ref. #number``)."""
    translate: TranslateConfig = field(default_factory=TranslateConfig)
    check: CheckConfig = field(default_factory=CheckConfig)
    build: BuildConfig = field(default_factory=BuildConfig)
    release: ReleaseConfig = field(default_factory=ReleaseConfig)
    links: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """``[links.<lang>]``: source URL -> the URL that language's translation links to instead."""
    notices: tuple[Notice, ...] = ()
    """Warnings of the load (unknown keys...); the config is used as far as it is valid."""
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

    @property
    def warnings(self) -> tuple[str, ...]:
        """The notices as lines, for people."""
        return tuple(str(n) for n in self.notices)

    def where(self, *path: str, section: str | None = None) -> Location:
        """Where a key (``where("translate", "beam_size")``) or a table is written in toolkit.toml.

        The older spelling ``where("beam_size", section="translate")`` is accepted too.
        """
        full = (*section.split("."), *path) if section else tuple(p for part in path for p in part.split("."))
        return Location(CONFIG_NAME, self._lines.line(*full))

    @cached_property
    def _lines(self) -> KeyLines:
        return KeyLines(self.text)

    def pick_languages(self, langs: Sequence[str] | None, *, source: bool) -> list[str]:
        """The languages ``langs`` names, in project order (all when None): targets, and the source too if ``source``.

        One rule and one error for every command's ``--lang``.
        """
        allowed = self.languages if source else self.target_languages
        if not langs:
            return list(allowed)
        langs = [normalise_code(lang) for lang in langs]  # --lang FR is fr
        unknown = [lang for lang in langs if lang not in allowed]
        if unknown:
            what = "a language" if source else "a target language"
            raise ConfigError(
                f"--lang {', '.join(unknown)}: not {what} of this project ({', '.join(allowed)})",
                self.where("project", "target_languages"),
            )
        return [lang for lang in allowed if lang in langs]

    def date_locale(self, lang: str) -> str:
        """The CLDR locale that writes dates in ``lang``: ``[project] locale`` for the source language."""
        return self.locale if lang == self.source_language and self.locale else lang
