"""English Document + a catalog -> the Document in that language: policies, links, warnings."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from helpers import make_project, statement
from release_helpers import fill_catalogs, pseudo, set_msgstr

from toolkit import api
from toolkit.document import Code, Link, Strong, Text, iter_blocks, iter_links, plain_text
from toolkit.errors import ConfigError
from toolkit.publishing.reassemble import link_overrides, reassemble, source_edition

BODY = """\
We call on **all States Parties** to act. Read the [letter](https://example.org/en/letter).

- First demand.
- Second demand.

<!-- names -->
- Amnesty International
"""


def project_with(tmp_path: Path, config_extra: str = "", body: str = BODY) -> Path:
    config = '[project]\nname = "T"\norganisation = "The Coalition"\ntarget_languages = ["fr", "ar"]\n' + config_extra
    root = make_project(tmp_path / "p", {"s": statement(body)}, config)
    fill_catalogs(root, ("fr", "ar"))
    return root


def edition(root: Path, lang: str = "fr", fallback: str = "draft"):  # type: ignore[no-untyped-def]
    project = api.open_project(root)
    st = project.statements[0]
    project.load_catalogs([lang])
    po = project.catalog(lang, st.slug).read()
    shown = project.catalog(lang, st.slug).shown
    return reassemble(
        st,
        lang,
        po,
        fallback=fallback,
        links=link_overrides(project.config, lang),
        catalog=shown,
        catalog_text=project.catalog_path(lang, st.slug).read_text(encoding="utf-8"),
        unit=project.config.segment_unit,
    )


def texts(doc) -> list[str]:  # type: ignore[no-untyped-def]
    return [plain_text(b.content) for b in iter_blocks(doc.blocks) if hasattr(b, "content")]


def test_reviewed_translations_replace_the_source(tmp_path: Path) -> None:
    ed = edition(project_with(tmp_path))
    assert ed.state == "reviewed" and ed.unreviewed == 0 and ed.lang == "fr"
    assert plain_text(ed.doc.meta.title) == "A TITLE"
    assert texts(ed.doc) == [
        "WE CALL ON ALL STATES PARTIES TO ACT. READ THE LETTER.",
        "FIRST DEMAND.",
        "SECOND DEMAND.",
        "Amnesty International",
    ]
    first = ed.doc.blocks[0].content  # type: ignore[union-attr]
    assert Strong((Text("ALL STATES PARTIES"),)) in first
    assert [link.href for link in iter_links(first)] == ["https://example.org/en/letter"]
    assert ed.warnings == ()


def test_fuzzy_is_used_in_a_draft_and_english_with_fallback_source(tmp_path: Path) -> None:
    root = project_with(tmp_path)
    path = root / "locales/fr/s.po"
    po = polib.pofile(str(path))
    po.find("First demand.").flags.append("fuzzy")
    po.find("Second demand.").msgstr = ""
    po.save(str(path))

    draft = edition(root)
    assert draft.state == "draft" and draft.draft
    assert (draft.counts.fuzzy, draft.counts.untranslated, draft.unreviewed) == (1, 1, 2)
    assert texts(draft.doc)[1:3] == ["FIRST DEMAND.", "Second demand."]  # fuzzy used, untranslated in English

    mixed = edition(root, fallback="source")
    assert mixed.state == "mixed" and not mixed.draft
    assert texts(mixed.doc)[1:3] == ["First demand.", "Second demand."]


def test_missing_catalog_is_an_all_english_draft(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"s": statement("One. Two.")})
    project = api.open_project(root)
    ed = reassemble(project.statements[0], "fr", None)
    assert ed.state == "draft" and ed.counts.untranslated == ed.counts.total == 4
    assert plain_text(ed.doc.meta.title) == "A title" and ed.doc.lang == "fr"


def test_names_keep_their_prefilled_msgstr_and_an_official_local_name(tmp_path: Path) -> None:
    root = project_with(tmp_path)
    set_msgstr(root / "locales/fr/s.po", "Amnesty International", "Amnistie internationale")
    assert texts(edition(root).doc)[-1] == "Amnistie internationale"
    assert texts(edition(root, "ar").doc)[-1] == "Amnesty International"


def test_unsafe_link_and_raw_html_in_a_msgstr_warn_with_file_and_line(tmp_path: Path) -> None:
    root = project_with(tmp_path)
    msgid = "Read the [letter][1]."
    line = set_msgstr(root / "locales/fr/s.po", msgid, "Lisez la [lettre](javascript:alert(1)) <script>x</script>.")
    ed = edition(root)
    messages = {str(n) for n in ed.warnings}
    where = f"locales/fr/s.po:{line}"
    assert any(m.startswith(where) and "javascript:alert(1)" in m and "dropped" in m for m in messages), messages
    assert any(m.startswith(where) and "raw HTML" in m for m in messages)
    assert any(m.startswith(where) and "link to https://example.org/en/letter is missing" in m for m in messages)
    hrefs = [link.href for b in iter_blocks(ed.doc.blocks) if hasattr(b, "content") for link in iter_links(b.content)]
    assert hrefs == []  # the javascript: link is gone, its text stays
    assert "<script>x</script>" in texts(ed.doc)[0]  # literal text, escaped by every renderer


def test_markup_lost_in_translation_is_reported(tmp_path: Path) -> None:
    root = project_with(tmp_path)
    line = set_msgstr(root / "locales/fr/s.po", "We call on **all States Parties** to act.", "Nous appelons tous les États.")
    assert [(str(n.location), n.message) for n in edition(root).warnings] == [
        (f"locales/fr/s.po:{line}", "bold: 1 in the source, 0 in the translation")
    ]


LINKS = """
[links.fr]
"https://example.org/en/letter" = "https://example.org/fr/lettre"
"""


def test_link_overrides_apply_to_reference_and_inline_links(tmp_path: Path) -> None:
    root = project_with(tmp_path, LINKS)
    ed = edition(root)
    first = ed.doc.blocks[0].content  # type: ignore[union-attr]
    assert [link.href for link in iter_links(first)] == ["https://example.org/fr/lettre"]
    # A translator who writes the French URL inline gets no warning; another URL does.
    set_msgstr(root / "locales/fr/s.po", "Read the [letter][1].", "Lisez la [lettre](https://example.org/fr/lettre).")
    assert edition(root).warnings == ()
    set_msgstr(root / "locales/fr/s.po", "Read the [letter][1].", "Lisez la [lettre](https://elsewhere.org/).")
    assert any("https://elsewhere.org/ is not in the source" in m for m in (n.message for n in edition(root).warnings))
    # Other languages keep the source URL.
    ar = edition(root, "ar").doc.blocks[0].content  # type: ignore[union-attr]
    assert [link.href for link in iter_links(ar)] == ["https://example.org/en/letter"]


@pytest.mark.parametrize(
    "table",
    [
        '[links.fr]\n"https://a.org" = "javascript:alert(1)"\n',
        '[links.fr]\n"https://a.org" = 3\n',
        "[links]\nfr = 3\n",
        '[links.en]\n"https://a.org" = "https://a.org/en"\n',  # the source language: refused by build and check alike
    ],
)
def test_bad_link_overrides_are_config_errors_with_a_line(tmp_path: Path, table: str) -> None:
    root = make_project(tmp_path / "p", {"s": statement("x")}, '[project]\nname = "T"\n' + table)
    with pytest.raises(ConfigError) as info:
        link_overrides(api.open_project(root).config, "fr")
    assert info.value.location is not None and info.value.location.line is not None


def test_source_edition_is_the_source(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"s": statement("One [x](https://a.org).")})
    st = api.open_project(root).statements[0]
    ed = source_edition(st)
    assert ed.state == "source" and ed.doc == st.doc and ed.counts.translated == ed.counts.total == 3
    assert isinstance(ed.doc.blocks[0].content[1], Link)  # type: ignore[union-attr]


def test_pseudo_translation_keeps_markup() -> None:
    assert pseudo("ar", "Sign the **letter** of the ICC [now][1].") == "نص نص **نص** نص نص ICC [نص][1]."


def test_inline_code_and_escapes_in_a_msgstr_are_built_as_written(tmp_path: Path) -> None:
    # Unsafe links are dropped by the Markdown parser itself, which knows code spans and escapes:
    # what looks like a link inside `code` or after a backslash is text, and is built as written.
    root = project_with(tmp_path)
    msgid = "Read the [letter][1]."
    set_msgstr(
        root / "locales/fr/s.po", msgid, "Lisez `[a](javascript:x)` et \\[b](javascript:y) [ici](https://example.org/en/letter)."
    )
    ed = edition(root)
    first = ed.doc.blocks[0].content  # type: ignore[union-attr]
    assert Code("[a](javascript:x)") in first
    assert "et [b](javascript:y) ici" in plain_text(first)
    assert not [m for _, m in ed.warnings if "dropped" in m]
