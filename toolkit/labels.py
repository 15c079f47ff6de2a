"""The few words the toolkit itself prints in documents, in each language.

Statements are translated by people; these labels are not in any catalog:
the kind of statement ("Communiqué de presse"), the DRAFT mark, "Page 2 of 3",
the name of the language switcher, and each language's name in itself (from
CLDR via Babel). English, French, Spanish and Arabic are built in; any other
language falls back to English. A project overrides any of them in
``toolkit.toml``::

    [build.labels.fr]
    press-release = "Communiqué"
    draft = "BROUILLON"

>>> labels_for("fr").kind("press-release")
'Communiqué de presse'
>>> labels_for("ar").page
'الصفحة {page} من {pages}'
>>> language_name("es"), language_name("ar")
('Español', 'العربية')
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.core import get_global

from .errors import ConfigError, Location

_BUILT_IN: dict[str, dict[str, str]] = {
    "en": {
        "press-release": "Press release",
        "statement": "Statement",
        "joint-letter": "Joint letter",
        "draft": "DRAFT",
        "draft-note": "Translation not yet reviewed: not for publication.",
        "page": "Page {page} of {pages}",
        "languages": "Languages",
        "organisation": "",
    },
    "fr": {
        "press-release": "Communiqué de presse",
        "statement": "Déclaration",
        "joint-letter": "Lettre conjointe",
        "draft": "PROJET",
        "draft-note": "Traduction pas encore relue : ne pas diffuser.",
        "page": "Page {page} sur {pages}",
        "languages": "Langues",
    },
    "es": {
        "press-release": "Comunicado de prensa",
        "statement": "Declaración",
        "joint-letter": "Carta conjunta",
        "draft": "BORRADOR",
        "draft-note": "Traducción aún no revisada: no publicar.",
        "page": "Página {page} de {pages}",
        "languages": "Idiomas",
    },
    "ar": {
        "press-release": "بيان صحفي",
        "statement": "بيان",
        "joint-letter": "رسالة مشتركة",
        "draft": "مسودة",
        "draft-note": "ترجمة لم تُراجَع بعد: ليست للنشر.",
        "page": "الصفحة {page} من {pages}",
        "languages": "اللغات",
    },
}
KEYS = tuple(_BUILT_IN["en"])
"""Every label a project may override (``organisation``: the organisation's name in that language;
empty means ``project.organisation``)."""


@dataclass(frozen=True)
class Labels:
    """The labels of one language."""

    lang: str
    kinds: Mapping[str, str] = field(default_factory=dict)
    """Kind of statement (``press-release``) -> its name in this language."""
    draft: str = ""
    """The short DRAFT mark (banner, DOCX header, index)."""
    draft_note: str = ""
    """One sentence telling readers why the document is a draft."""
    page: str = ""
    """``Page {page} of {pages}``: both fields become Word PAGE / NUMPAGES fields."""
    languages: str = ""
    """Accessible name of the language switcher."""
    organisation: str = ""
    """The organisation's name in this language ('' when the project sets none)."""

    def kind(self, kind: str) -> str:
        """The label of a known kind; any other kind is the organisation's own (translated) words, first letter raised."""
        return self.kinds.get(kind) or kind[:1].upper() + kind[1:]


def labels_for(lang: str, overrides: Mapping[str, Mapping[str, str]] | None = None) -> Labels:
    """Labels for ``lang``: built in (English when unknown), then the project's overrides."""
    base = _BUILT_IN.get(lang) or _BUILT_IN.get(lang.split("-")[0].split("_")[0]) or _BUILT_IN["en"]
    values = {**_BUILT_IN["en"], **base, **(overrides or {}).get(lang, {})}
    return Labels(
        lang=lang,
        kinds={k: values[k] for k in ("press-release", "statement", "joint-letter")},
        draft=values["draft"],
        draft_note=values["draft-note"],
        page=values["page"],
        languages=values["languages"],
        organisation=values["organisation"],
    )


@cache
def language_name(lang: str) -> str:
    """The language's name in itself, capitalised as a menu entry (``Français``)."""
    try:
        name = Locale.parse(lang.replace("-", "_")).get_display_name(lang.replace("-", "_")) or lang
    except (UnknownLocaleError, ValueError):
        return lang
    return name[:1].upper() + name[1:]


@cache  # Babel parses the locale each time; renderers ask per paragraph and run
def text_direction(lang: str) -> str:
    """``rtl`` or ``ltr``, from CLDR (never a hard-coded list of languages).

    >>> text_direction("ar"), text_direction("fr")
    ('rtl', 'ltr')
    """
    try:
        return "rtl" if Locale.parse(lang.replace("-", "_")).text_direction == "rtl" else "ltr"
    except (UnknownLocaleError, ValueError):
        return "ltr"


@cache
def word_language(lang: str) -> str:
    """The tag Word expects in ``w:lang`` (language-REGION): ``fr-FR``, ``es-ES``, ``ar-SA``.

    CLDR's likely region, except Arabic: Word and its proofing tools default to
    ``ar-SA``, not CLDR's ``ar-EG``.

    >>> [word_language(x) for x in ("fr", "es", "ar", "pt-BR")]
    ['fr-FR', 'es-ES', 'ar-SA', 'pt-BR']
    """
    if lang == "ar":
        return "ar-SA"
    try:
        locale = Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return lang
    territory = locale.territory or _likely_territory(locale.language)
    return f"{locale.language}-{territory}" if territory else locale.language


def _likely_territory(language: str) -> str | None:
    likely = get_global("likely_subtags").get(language)  # e.g. fr -> fr_Latn_FR
    return str(likely).split("_")[-1] if likely else None


def parse_overrides(raw: Any, where: Location) -> dict[str, dict[str, str]]:
    """Validate ``[build.labels.<lang>]`` tables: known keys, string values, page fields present."""
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise ConfigError("build.labels must be a table of languages", where)
    result: dict[str, dict[str, str]] = {}
    for lang, table in raw.items():
        if not isinstance(table, Mapping):
            raise ConfigError(f"build.labels.{lang} must be a table", where)
        for key, value in table.items():
            if key not in KEYS:
                raise ConfigError(f"build.labels.{lang}.{key} is not a label (labels: {', '.join(KEYS)})", where)
            if not isinstance(value, str) or not value.strip():
                raise ConfigError(f"build.labels.{lang}.{key} must be a non-empty string", where)
            if key == "page" and ("{page}" not in value or "{pages}" not in value):
                raise ConfigError(f"build.labels.{lang}.page must contain {{page}} and {{pages}}", where)
        result[str(lang)] = {str(k): str(v) for k, v in table.items()}
    return result
