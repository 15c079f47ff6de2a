"""Checks of a whole catalog: its header, and the entries that are not translations yet.

Entries are counted against the current source, as ``stk status`` counts
them: a sentence added to the source but not yet in the catalog is
untranslated (``stk extract`` brings it in), whatever the catalog says.
"""

from __future__ import annotations

from collections.abc import Iterator

import polib

from ..catalogs import gnu
from ..catalogs.draft_record import is_pseudo
from ..catalogs.pofile import check_language
from ..errors import CatalogError
from .base import Catalog, Finding


def msgfmt(catalog: Catalog) -> list[Finding]:
    """``msgfmt``: GNU ``msgfmt -c`` would refuse the catalog (so no PO tool reads it as the toolkit does).

    The toolkit's own rules first (a BOM, no header entry, Plural-Forms, plural counts, ``\\n`` at
    one end); when they find nothing, msgfmt itself where GNU gettext is installed.
    """
    data = catalog.data or catalog.text.encode("utf-8")
    problems = gnu.own_rules(data, catalog.text, catalog.po, catalog.lang) or (
        catalog.msgfmt_verdict() if catalog.msgfmt_verdict is not None else gnu.msgfmt_problems(data)
    )
    return [Finding(message, line) for line, message in problems]


def header_language(catalog: Catalog) -> list[Finding]:
    """``header-language``: the header's Language is the language of the folder."""
    if not gnu.has_header(catalog.po):
        return []  # the msgfmt check says so, once
    if not catalog.po.metadata.get("Language", "").strip():
        return [Finding(f"the header has no Language field (it should say Language: {catalog.lang})")]
    try:
        check_language(catalog.po, catalog.lang, catalog.path, catalog.text)
    except CatalogError as exc:
        return [Finding(exc.message, exc.location.line if exc.location else None)]
    return []


def header_plural_forms(catalog: Catalog) -> list[Finding]:
    """``header-plural-forms``: the header declares Plural-Forms (PO editors and msgfmt need it)."""
    if not gnu.has_header(catalog.po) or catalog.po.metadata.get("Plural-Forms", "").strip():
        return []
    return [Finding("the header has no Plural-Forms field (`stk extract` writes the CLDR one)")]


def header_charset(catalog: Catalog) -> list[Finding]:
    """``header-charset``: the header declares ``Content-Type: text/plain; charset=UTF-8``.

    A catalog that is not UTF-8, or declares another charset, never gets this
    far: reading it fails (:class:`~toolkit.errors.CharsetError`) and the runner
    reports that under this code. What is left is a header without Content-Type.
    """
    if "Content-Type" in catalog.po.metadata or not gnu.has_header(catalog.po):
        return []
    header = next((n for n, line in enumerate(catalog.text.split("\n"), 1) if line.startswith('msgid ""')), 1)
    return [Finding("the header has no Content-Type: write 'text/plain; charset=UTF-8'", header)]


def header_fuzzy(catalog: Catalog) -> list[Finding]:
    """``header-fuzzy``: a fuzzy header makes msgfmt and some editors ignore it."""
    if gnu.has_header(catalog.po) and "fuzzy" in catalog.po.metadata_is_fuzzy:  # 0, not a list, without a header
        return [Finding('the header entry is marked fuzzy: remove the `#, fuzzy` line above msgid ""')]
    return []


def untranslated(catalog: Catalog) -> list[Finding]:
    """``untranslated``: a segment of the source with no translation."""
    found: list[Finding] = []
    for msgid in catalog.source_ids:
        entry = catalog.live.get(msgid)
        if entry is None:
            found.append(Finding("not in the catalog yet: run `stk extract`", None, msgid))
        elif not entry.msgstr.strip():
            found.append(Finding("untranslated", catalog.line(entry), msgid))
    return found


def fuzzy(catalog: Catalog) -> list[Finding]:
    """``fuzzy``: a draft (machine translation, memory match, edited source) awaiting review."""
    message = "fuzzy: review it, then remove the fuzzy flag"
    return [Finding(message, catalog.line(e), m) for m, e in _current(catalog) if e.fuzzy and e.msgstr.strip()]


def pseudo(catalog: Catalog) -> list[Finding]:
    """``pseudo``: a pseudo-translation someone marked as reviewed is still not a translation."""
    message = "a pseudo-translation (layout preview), not a translation"
    return [
        Finding(message, catalog.line(e), m)
        for m, e in _current(catalog)
        if not e.fuzzy and is_pseudo(catalog.drafts.get(m), e.msgstr)
    ]


def _current(catalog: Catalog) -> Iterator[tuple[str, polib.POEntry]]:
    """(msgid, entry) for the segments of the current source that the catalog has."""
    for msgid in catalog.source_ids:
        entry = catalog.live.get(msgid)
        if entry is not None:
            yield msgid, entry


__all__ = [
    "fuzzy",
    "header_charset",
    "header_fuzzy",
    "header_language",
    "header_plural_forms",
    "msgfmt",
    "pseudo",
    "untranslated",
]
