"""The DOCX files as Word sees them: styles, numbering, hyperlinks, languages, right to left, reproducibility."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import docx
import polib
import pytest
from helpers import make_project, snapshot, statement
from release_helpers import NS, W, docx_text, docx_xml, fill_catalogs, set_msgstr

from toolkit import api
from toolkit.errors import BuildError, CatalogError

BODY = """\
Intro with **bold words**, *emphasis* and a [link](https://example.org/report).

## Our demands

1. First demand.
2. Second demand with a sub-list:
   - nested point
3. Third demand.

Between the lists.

1. Again one.
2. Again two.

> A quoted sentence.

---

### Contact

<!-- names -->
- Amnesty International
- Al-Haq
"""


@pytest.fixture
def built(tmp_path: Path) -> Path:
    config = '[project]\nname = "T"\norganisation = "The Coalition"\ntarget_languages = ["fr", "ar"]\n'
    root = make_project(tmp_path / "p", {"s": statement(BODY, kind="press release", subtitle="A subtitle")}, config)
    fill_catalogs(root, ("fr", "ar"))
    # A real Arabic sentence with a Latin acronym in it, as translators write them.
    set_msgstr(root / "locales/ar/s.po", "Between the lists.", "بين القائمتين (CICC) اليوم.")
    api.build(api.open_project(root), formats=["docx"])
    return root / "output"


def styles_of(path: Path) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in docx.Document(str(path)).paragraphs]


def body_paragraphs(path: Path) -> list:  # type: ignore[type-arg]
    return docx_xml(path).findall(".//w:body/w:p", NS)


def style_id(paragraph) -> str | None:  # type: ignore[no-untyped-def]
    style = paragraph.find("w:pPr/w:pStyle", NS)
    return None if style is None else style.get(f"{{{W}}}val")


def test_structure_uses_word_styles(built: Path) -> None:
    styles = styles_of(built / "en/s.docx")
    assert styles[0] == ("Title", "A title")
    assert styles[1] == ("Subtitle", "A subtitle")
    assert styles[2][0] == "Byline" and "The Coalition" in styles[2][1] and "January 14, 2025" in styles[2][1]
    names = [name for name, _ in styles]
    # "## Our demands" is the shallowest heading: Heading 1 under the Title; "###" is Heading 2.
    assert ("Heading 1", "Our demands") in styles and ("Heading 2", "Contact") in styles
    assert names.count("List Number") == 5 and names.count("List Bullet 2") == 1
    assert ("Quote", "A quoted sentence.") in styles
    assert names.count("Names") == 2 and "List Bullet" not in names  # the signatories: no bullets
    assert ("Normal", "Between the lists.") in styles


def test_each_numbered_list_restarts_at_one(built: Path) -> None:
    root = docx_xml(built / "en/s.docx")
    numbering = docx_xml(built / "en/s.docx", "word/numbering.xml")
    num_ids = []
    for p in root.findall(".//w:body/w:p", NS):
        style = p.find("w:pPr/w:pStyle", NS)
        if style is not None and style.get(f"{{{W}}}val") == "ListNumber":
            num_ids.append(p.find("w:pPr/w:numPr/w:numId", NS).get(f"{{{W}}}val"))
    assert len(num_ids) == 5 and len(set(num_ids[:3])) == 1 and len(set(num_ids[3:])) == 1 and num_ids[0] != num_ids[3]
    for num_id in set(num_ids):
        num = numbering.find(f"w:num[@w:numId='{num_id}']", NS)
        assert num.find("w:lvlOverride/w:startOverride", NS).get(f"{{{W}}}val") == "1"
        abstract_id = num.find("w:abstractNumId", NS).get(f"{{{W}}}val")
        abstract = numbering.find(f"w:abstractNum[@w:abstractNumId='{abstract_id}']", NS)
        assert abstract.find("w:lvl[@w:ilvl='0']/w:numFmt", NS).get(f"{{{W}}}val") == "decimal"
    # all abstract numbering definitions precede the first w:num (schema order)
    tags = [child.tag.split("}")[1] for child in numbering]
    assert "abstractNum" not in tags[tags.index("num") :]


def test_hyperlinks_are_relationships_with_the_hyperlink_style(built: Path) -> None:
    path = built / "fr/s.docx"
    links = docx_xml(path).findall(".//w:hyperlink", NS)
    assert len(links) == 1
    rid = links[0].get(f"{{{NS['r']}}}id")
    rels = docx_xml(path, "word/_rels/document.xml.rels")
    rel = next(r for r in rels if r.get("Id") == rid)
    assert rel.get("Target") == "https://example.org/report" and rel.get("TargetMode") == "External"
    assert rel.get("Type").endswith("/hyperlink")
    assert links[0].find("w:r/w:rPr/w:rStyle", NS).get(f"{{{W}}}val") == "Hyperlink"
    assert "".join(t.text for t in links[0].iter(f"{{{W}}}t")) == "LINK"


def test_bold_and_italic_runs_with_complex_script_twins_and_language(built: Path) -> None:
    root = docx_xml(built / "fr/s.docx")
    runs = root.findall(".//w:body//w:r", NS)
    bold = [r for r in runs if r.find("w:rPr/w:b", NS) is not None]
    assert "".join(r.findtext("w:t", namespaces=NS) for r in bold) == "BOLD WORDS"
    assert all(r.find("w:rPr/w:bCs", NS) is not None for r in bold)
    italic = [r for r in runs if r.find("w:rPr/w:i", NS) is not None]
    assert [r.findtext("w:t", namespaces=NS) for r in italic] == ["EMPHASIS"]
    langs = {r.find("w:rPr/w:lang", NS).get(f"{{{W}}}val") for r in runs if r.find("w:t", NS) is not None}
    assert langs == {"fr-FR"}


def test_arabic_is_right_to_left_and_latin_runs_are_not(built: Path) -> None:
    path = built / "ar/s.docx"
    root = docx_xml(path)
    paragraphs = root.findall(".//w:body/w:p", NS)
    assert paragraphs and all(p.find("w:pPr/w:bidi", NS) is not None for p in paragraphs)
    assert not root.findall(".//w:jc[@w:val='right']", NS)  # start alignment: LibreOffice shows jc=right on the left
    assert root.find(".//w:body/w:sectPr/w:bidi", NS) is not None
    arabic, latin = [], []
    for r in root.findall(".//w:body//w:r", NS):
        text = r.findtext("w:t", default="", namespaces=NS).strip("\u200e\u200f ")
        if not text or not any(ch.isalpha() for ch in text):
            continue
        rtl = r.find("w:rPr/w:rtl", NS) is not None
        assert r.find("w:rPr/w:lang", NS).get(f"{{{W}}}bidi") == "ar-SA"
        if any("\u0600" <= ch <= "\u06ff" for ch in text):
            assert rtl, text
            arabic.append(text)
        else:
            assert not rtl, text
            latin.append(text)
    assert "(CICC)" in latin and "Amnesty International" in latin and "Al-Haq" in latin
    assert any("بين القائمتين" in t for t in arabic)
    # the acronym's parentheses stay with it, marked left-to-right at both ends
    acronym = next(t for t in root.iter(f"{{{W}}}t") if "CICC" in (t.text or ""))
    assert acronym.text == "\u200e(CICC)\u200e"
    # list levels of right-to-left lists are right-to-left too
    numbering = docx_xml(path, "word/numbering.xml")
    assert numbering.findall(".//w:abstractNum/w:lvl/w:pPr/w:bidi", NS)
    # complex-script font (one every Word has) and sizes in the styles, Arabic as large as Latin text
    styles = docx_xml(path, "word/styles.xml")
    assert styles.find(".//w:docDefaults//w:rFonts", NS).get(f"{{{W}}}cs") == "Arial"
    assert {f.get(f"{{{W}}}cs") for f in styles.iter(f"{{{W}}}rFonts") if f.get(f"{{{W}}}cs")} == {"Arial"}
    for rpr in styles.iter(f"{{{W}}}rPr"):
        if rpr.find("w:sz", NS) is not None:
            size = rpr.find("w:sz", NS).get(f"{{{W}}}val")
            assert rpr.find("w:szCs", NS).get(f"{{{W}}}val") == size
        if rpr.find("w:b", NS) is not None:
            assert rpr.find("w:bCs", NS) is not None


def test_header_footer_and_core_properties(built: Path) -> None:
    path = built / "fr/s.docx"
    document = docx.Document(str(path))
    header = " ".join(p.text for p in document.sections[0].header.paragraphs)
    assert "The Coalition" in header and "Communiqué de presse" in header and "14 janvier 2025" in header
    assert "PROJET" not in header
    footer = docx_xml(path, "word/footer1.xml") if "word/footer1.xml" in zipfile.ZipFile(path).namelist() else None
    fields = [f.get(f"{{{W}}}instr").strip() for f in document.sections[0].footer._element.iter(f"{{{W}}}fldSimple")]
    assert fields == ["PAGE", "NUMPAGES"], footer
    assert "Page" in docx_text(path) and "sur" in docx_text(path)
    props = document.core_properties
    assert props.title == "A TITLE" and props.language == "fr-FR" and props.author == "THE COALITION"
    assert props.created.date().isoformat() == "2025-01-14" == props.modified.date().isoformat()
    assert props.identifier == "s" and props.revision == 1
    assert "docProps/thumbnail.jpeg" not in zipfile.ZipFile(path).namelist()


def test_draft_has_a_header_line(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"s": statement("One. Two.")})
    fill_catalogs(root, ("fr",), state=lambda lang, e: "fuzzy" if e.msgid == "Two." else "translated")
    api.build(api.open_project(root), ["fr"], formats=["docx"])
    header = docx.Document(str(root / "output/fr/s.docx")).sections[0].header.paragraphs
    assert header[0].text.startswith("PROJET — ") and header[0].runs[0].bold


def test_two_builds_at_different_times_are_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_project(tmp_path / "p", {"s": statement(BODY)})
    fill_catalogs(root)
    api.build(api.open_project(root), formats=["docx"])
    first = snapshot(root / "output")
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 3 * 86400 + 7)  # zip entries would carry this time
    for path in (root / "output").rglob("*.docx"):
        path.unlink()
    api.build(api.open_project(root), formats=["docx"])
    assert snapshot(root / "output") == first
    with zipfile.ZipFile(root / "output/ar/s.docx") as archive:
        assert {info.date_time for info in archive.infolist()} == {(2025, 1, 14, 0, 0, 0)}


def test_reference_docx_supplies_styles_and_letterhead(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"s": statement("Body text.\n\n## Section")})
    (root / "templates").mkdir()
    reference = docx.Document()
    reference.styles["Normal"].font.name = "Georgia"
    reference.sections[0].header.paragraphs[0].text = "OUR LETTERHEAD"
    reference.add_paragraph("Template body text that must not survive.")
    reference.save(str(root / "templates/reference.docx"))
    api.build(api.open_project(root), ["en"], formats=["docx"])
    out = docx.Document(str(root / "output/en/s.docx"))
    assert out.styles["Normal"].font.name == "Georgia"
    assert [p.text for p in out.sections[0].header.paragraphs] == ["OUR LETTERHEAD"]
    assert "Template body text" not in docx_text(root / "output/en/s.docx")
    assert [p.style.name for p in out.paragraphs][-2:] == ["Normal", "Heading 1"]


def test_a_broken_reference_docx_or_catalog_writes_nothing(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"s": statement("One.")})
    fill_catalogs(root)
    api.build(api.open_project(root))
    before = snapshot(root / "output")
    (root / "templates").mkdir()
    (root / "templates/reference.docx").write_bytes(b"not a zip")
    with pytest.raises(BuildError) as info:
        api.build(api.open_project(root))
    assert str(info.value).startswith("templates/reference.docx: Build error: not a Word document")
    (root / "templates/reference.docx").unlink()
    po = root / "locales/ar/s.po"
    po.write_text(po.read_text(encoding="utf-8") + '\nmsgid "unterminated\nmsgstr ""\n', encoding="utf-8")
    with pytest.raises(CatalogError) as error:
        api.build(api.open_project(root), ["fr"])  # only French asked for: every catalog is still checked
    assert str(error.value).startswith("locales/ar/s.po:")
    assert snapshot(root / "output") == before


def test_example_statements_build_in_every_language(example_with_locales: Path) -> None:
    result = api.build(api.open_project(example_with_locales), formats=["docx"])
    files = sorted(
        p.relative_to(example_with_locales / "output").as_posix() for p in (example_with_locales / "output").rglob("*.docx")
    )
    assert len(files) == 20 and len(result.editions) == 20
    ar = docx_xml(example_with_locales / "output/ar/us-sanctions-icc-2025.docx")
    names = [p for p in ar.findall(".//w:body/w:p", NS) if style_id(p) == "Names"]
    assert len(names) >= 129 and all(p.find("w:pPr/w:numPr", NS) is None for p in names)
    sections = ar.findall(".//w:sectPr", NS)
    assert [s.find("w:cols", NS).get(f"{{{W}}}num") for s in sections] == [None, "2", None]  # before, names, footnote
    assert all(s.find("w:bidi", NS) is not None and s.find("w:headerReference", NS) is not None for s in sections)
    po = polib.pofile(str(example_with_locales / "locales/ar/us-sanctions-icc-2025.po"))
    assert po.find("Amnesty International").msgstr in docx_text(example_with_locales / "output/ar/us-sanctions-icc-2025.docx")


def test_signatory_names_sit_in_two_columns_between_continuous_breaks(built: Path) -> None:
    """One section per names list (two columns), continuous breaks, headers and bidi copied from the page."""
    root = docx_xml(built / "ar/s.docx")
    body = root.find("w:body", NS)
    paragraphs = body.findall("w:p", NS)
    names = [i for i, p in enumerate(paragraphs) if style_id(p) == "Names"]
    assert len(names) == 2 and names[1] == names[0] + 1 == len(paragraphs) - 1  # the list ends the document
    before = paragraphs[names[0] - 1].find("w:pPr/w:sectPr", NS)
    assert before is not None and before.find("w:cols", NS).get(f"{{{W}}}num") is None  # one column above the names
    final = body.find("w:sectPr", NS)  # the names are the final section
    assert final.find("w:cols", NS).get(f"{{{W}}}num") == "2" and final.find("w:type", NS).get(f"{{{W}}}val") == "continuous"
    for sect in (before, final):
        assert sect.find("w:bidi", NS) is not None and sect.find("w:headerReference", NS) is not None
        tags = [child.tag.split("}")[1] for child in sect]
        assert tags.index("type") < tags.index("pgSz") < tags.index("cols") < tags.index("bidi")  # schema order
    assert all(p.find("w:pPr/w:numPr", NS) is None for p in paragraphs[names[0] :])  # no bullets
    # python-docx reads the sections back with their columns
    document = docx.Document(str(built / "ar/s.docx"))
    assert len(document.sections) == 2


def test_a_paragraph_that_introduces_a_list_keeps_with_it(built: Path) -> None:
    paragraphs = body_paragraphs(built / "en/s.docx")
    keep = ["".join(t.text for t in p.iter(f"{{{W}}}t")) for p in paragraphs if p.find("w:pPr/w:keepNext", NS) is not None]
    # title, headings, and the paragraph followed by a list; not the other paragraphs
    assert "Between the lists." in keep and "Our demands" in keep and "A title" in keep
    assert not any(text.startswith("Intro with") for text in keep)


def test_a_font_word_does_not_ship_is_reported(tmp_path: Path) -> None:
    config = '[project]\nname = "T"\ntarget_languages = ["ar"]\n\n[build]\narabic_font = "Sakkal Majalla"\n'
    root = make_project(tmp_path / "p", {"s": statement("One.")}, config)
    fill_catalogs(root, ("ar",))
    result = api.build(api.open_project(root), ["ar"], formats=["docx"])
    assert any(
        w.startswith("toolkit.toml:6: build.arabic_font: Sakkal Majalla is installed on Windows only")
        for w in map(str, result.warnings)
    )
    styles = docx_xml(root / "output/ar/s.docx", "word/styles.xml")
    assert styles.find(".//w:docDefaults//w:rFonts", NS).get(f"{{{W}}}cs") == "Sakkal Majalla"
    assert not any("arabic_font" in w for w in map(str, api.build(api.open_project(root), ["ar"], formats=["html"]).warnings))
