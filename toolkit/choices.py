"""The closed vocabularies of the settings: one list for toolkit.toml, the command line and the registries.

Kept free of imports so that ``stk --help`` can offer them as choices without loading any stage.
Each registry that implements a vocabulary (engines, renderers, checks, labels) is tested to match
its list here exactly.
"""

from __future__ import annotations

ENGINES = ("argos", "libretranslate", "pseudo")
"""Machine translation engines (:data:`toolkit.drafting.engines.ENGINES`)."""

DEVICES = ("auto", "cpu", "cuda")

COMPUTE_TYPES = (
    "auto",
    "default",
    "int8",
    "int8_float32",
    "int8_float16",
    "int8_bfloat16",
    "int16",
    "float16",
    "bfloat16",
    "float32",
)
"""CTranslate2 compute types."""

FORMATS = ("docx", "html", "pdf")
"""Release formats, in the order ``stk build`` writes them (:data:`toolkit.publishing.renderers.RENDERERS`)."""

FALLBACKS = ("draft", "source")
"""What a build shows for an unreviewed segment: the fuzzy draft (the file is marked DRAFT), or the source."""

UNITS = ("sentence", "paragraph")
"""Segmentation units: one PO entry per sentence, or per paragraph."""

DIGIT_SYSTEMS = ("latn", "arab", "arabext")
"""CLDR numbering systems a language may be written with (Latin, Arabic-Indic, Extended Arabic-Indic)."""

SEVERITIES = ("error", "warning")

DATE_ORDERS = ("dmy", "mdy")
"""How ``stk import --date-order`` reads a numeric date such as 04/09/2020."""

CHECKS: dict[str, str] = {
    "markup-links": "markup",
    "link-target": "markup",
    "markup-emphasis": "markup",
    "markup-code": "markup",
    "markup-html": "markup",
    "urls": "tokens",
    "emails": "tokens",
    "numbers": "tokens",
    "acronym": "tokens",
    "glossary": "glossary",
    "glossary-case": "glossary",
    "untranslated-copy": "untranslated-copy",
    "whitespace": "whitespace",
    "punctuation-end": "punctuation",
    "brackets": "punctuation",
    "quotes": "punctuation",
    "length": "length",
    "typography-fr-nbsp": "typography",
    "typography-fr-quotes": "typography",
    "typography-fr-apostrophe": "typography",
    "typography-es-inverted": "typography",
    "typography-es-quotes": "typography",
    "typography-ar-punctuation": "typography",
    "typography-ar-kashida": "typography",
    "typography-ar-quotes": "typography",
    "typography-digits": "typography",
    "fuzzy": "catalog",
    "untranslated": "catalog",
    "pseudo": "catalog",
    "header-language": "header",
    "header-plural-forms": "header",
    "header-charset": "header",
    "header-fuzzy": "header",
    "po-syntax": "catalog",
    "msgfmt": "catalog",
    "noqa": "catalog",
    "control-character": "characters",
    "invisible-separator": "characters",
}
"""QA check code -> family: stable names users write in ``# noqa:`` comments and ``[check]``
(:data:`toolkit.checks.CHECKS` implements exactly these)."""

LABELS = ("press-release", "statement", "joint-letter", "draft", "draft-note", "page", "languages", "organisation")
"""Words the toolkit prints in documents, overridable per language in ``[build.labels.<lang>]``."""
