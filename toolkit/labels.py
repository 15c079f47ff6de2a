"""The few words the toolkit itself prints in documents, in each language.

Statements are translated by people; these labels are not in any catalog:
the kind of statement ("Communiqué de presse"), the DRAFT mark, "Page 2 of 3",
the name of the language switcher (each language's name in itself comes from
CLDR: :func:`toolkit.languages.language_name`). English, French, Spanish and Arabic are built in; any other
language falls back to English. A project overrides any of them in
``toolkit.toml``::

    [build.labels.fr]
    press-release = "Communiqué"
    draft = "BROUILLON"

>>> labels_for("fr").kind("press-release")
'Communiqué de presse'
>>> labels_for("ar").page
'الصفحة {page} من {pages}'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .choices import LABELS
from .languages import base_language

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
KEYS = LABELS
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
    base = _BUILT_IN.get(lang) or _BUILT_IN.get(base_language(lang)) or _BUILT_IN["en"]
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
