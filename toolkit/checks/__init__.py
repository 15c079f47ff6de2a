"""Translator QA: small checks that catch what must not reach a release.

Each check has a stable code, a family, a severity and one small function;
:data:`CHECKS` lists them all, explicitly. :func:`check_project` runs them
over the catalogs of a project and returns every problem as an :class:`Issue`
located at ``locales/<lang>/<slug>.po:<line>``.

Translators silence a check for one entry with a translator comment naming
the check or its family and saying why::

    # noqa: glossary the quotation keeps the Statute's wording

A project silences checks in toolkit.toml (``[check] disable = ["length"]``);
see :mod:`toolkit.checks.settings` and docs/qa.md.

>>> sorted({c.family for c in CHECKS.values()})  # doctest: +NORMALIZE_WHITESPACE
['catalog', 'characters', 'glossary', 'header', 'length', 'markup', 'punctuation', 'tokens', 'typography',
 'untranslated-copy', 'whitespace']
"""

from __future__ import annotations

from ..workspace import Project
from . import catalog, characters, markup, terms, text, tokens, typography
from .base import Check, CheckReport, Issue
from .run import run_checks
from .settings import CheckSettings, check_settings

_E, _W = "error", "warning"

CHECKS: dict[str, Check] = {
    c.code: c
    for c in (
        # markup: what a release prints must carry the source's links and emphasis
        Check("markup-links", "markup", _E, "links of the source missing or repeated", markup.links, names=True),
        Check(
            "link-target",
            "markup",
            _E,
            "a link to a URL neither the source nor [links.<lang>] gives",
            markup.link_target,
            names=True,
        ),
        Check("markup-emphasis", "markup", _E, "bold or italic spans missing or added", markup.emphasis, names=True),
        Check("markup-code", "markup", _E, "inline code changed", markup.code, names=True),
        Check("markup-html", "markup", _E, "raw HTML or an image in the msgstr (printed as text)", markup.raw_html, names=True),
        # tokens copied, not translated
        Check("urls", "tokens", _E, "URLs written in the text changed or missing", tokens.urls),
        Check("emails", "tokens", _E, "e-mail addresses changed or missing", tokens.emails),
        Check("numbers", "tokens", _E, "numbers (digit sequences) differ from the source", tokens.numbers),
        Check("acronym", "tokens", _W, "an acronym the glossary does not render is missing", tokens.acronyms),
        Check("glossary", "glossary", _E, "the glossary's rendering of a source term is missing", terms.glossary),
        Check(
            "glossary-case",
            "glossary",
            _W,
            "a glossary term written with other capitals (États parties for États Parties)",
            terms.glossary_case,
        ),
        Check("untranslated-copy", "untranslated-copy", _E, "the msgstr is the English msgid", text.untranslated_copy),
        # invisible characters pasted from Word and web pages
        Check(
            "control-character",
            "characters",
            _E,
            "a control character no DOCX, HTML or TMX file can hold (U+0001, Word's \\v), in any entry",
            on_catalog=characters.control_character,
        ),
        Check(
            "invisible-separator",
            "characters",
            _W,
            "a line or paragraph separator (U+2028, U+2029, U+0085) the source does not have",
            on_catalog=characters.separator,
        ),
        Check("whitespace", "whitespace", _W, "leading/trailing whitespace, double spaces, tabs", text.whitespace, names=True),
        Check("punctuation-end", "punctuation", _W, "the end punctuation differs from the source's", text.punctuation_end),
        Check("brackets", "punctuation", _E, "brackets not balanced as in the source", text.brackets),
        Check("quotes", "punctuation", _E, "quotation marks not paired as in the source", text.quotes),
        Check("length", "length", _W, "a translation three times longer or a third of the source", text.length),
        # typography per language
        Check(
            "typography-fr-nbsp",
            "typography",
            _E,
            "French: no-break space before : ; ! ? and inside « »",
            typography.french_nbsp,
            languages=("fr",),
        ),
        Check(
            "typography-fr-quotes",
            "typography",
            _E,
            "French: « » rather than straight quotes",
            typography.straight_quotes,
            languages=("fr",),
        ),
        Check(
            "typography-fr-apostrophe",
            "typography",
            _W,
            "French: ’ rather than the straight apostrophe",
            typography.french_apostrophe,
            languages=("fr",),
        ),
        Check(
            "typography-es-inverted", "typography", _E, "Spanish: opening ¿ and ¡", typography.spanish_inverted, languages=("es",)
        ),
        Check(
            "typography-es-quotes",
            "typography",
            _E,
            "Spanish: « » rather than straight quotes",
            typography.straight_quotes,
            languages=("es",),
        ),
        Check(
            "typography-ar-punctuation",
            "typography",
            _E,
            "Arabic: ، ؛ ؟ rather than , ; ?",
            typography.arabic_punctuation,
            languages=("ar",),
        ),
        Check(
            "typography-ar-kashida",
            "typography",
            _E,
            "Arabic: no kashida (tatweel)",
            typography.arabic_kashida,
            languages=("ar",),
        ),
        Check(
            "typography-ar-quotes",
            "typography",
            _E,
            "Arabic: « » rather than straight quotes",
            typography.straight_quotes,
            languages=("ar",),
        ),
        Check("typography-digits", "typography", _E, "digits of the system set in [project] digits", typography.digits),
        # the catalog as a whole
        Check(
            "fuzzy",
            "catalog",
            _W,
            "a draft awaiting review (an error for a release)",
            on_catalog=catalog.fuzzy,
            release_severity=_E,
        ),
        Check(
            "untranslated",
            "catalog",
            _W,
            "a segment without translation (an error for a release)",
            on_catalog=catalog.untranslated,
            release_severity=_E,
        ),
        Check(
            "pseudo",
            "catalog",
            _W,
            "a pseudo-translation marked reviewed (an error for a release)",
            on_catalog=catalog.pseudo,
            release_severity=_E,
        ),
        Check(
            "header-language",
            "header",
            _E,
            "the header's Language is not the folder's language",
            on_catalog=catalog.header_language,
        ),
        Check("header-plural-forms", "header", _E, "the header has no Plural-Forms", on_catalog=catalog.header_plural_forms),
        Check("header-charset", "header", _E, "the catalog is not UTF-8 or does not say so", on_catalog=catalog.header_charset),
        Check("header-fuzzy", "header", _E, "the header entry is marked fuzzy", on_catalog=catalog.header_fuzzy),
        Check("po-syntax", "catalog", _E, "the catalog breaks the PO grammar (nothing else is checked in it)"),
        Check(
            "msgfmt",
            "catalog",
            _E,
            "GNU msgfmt -c refuses the catalog: a byte-order mark, no header entry, a bad Plural-Forms, ...",
            on_catalog=catalog.msgfmt,
        ),
        Check("noqa", "catalog", _W, "a # noqa comment that names no known check"),
    )
}


def check_project(
    project: Project,
    langs: list[str] | None = None,
    slugs: list[str] | None = None,
    *,
    release: bool = False,
) -> CheckReport:
    """Check the catalogs of ``project`` (every target language and statement unless narrowed).

    ``release=True``: fuzzy, untranslated and pseudo-translated entries are
    errors (a release gate) and cannot be disabled; otherwise they are
    warnings (a draft in progress).
    """
    return run_checks(project, CHECKS, langs, slugs, release=release)


__all__ = ["CHECKS", "Check", "CheckReport", "CheckSettings", "Issue", "check_project", "check_settings"]
