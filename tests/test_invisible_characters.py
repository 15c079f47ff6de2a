"""Line separators and control characters pasted from Word and web pages (issue 12, findings 3 and 4).

One line-splitting rule everywhere: the PO grammar's only line end is ``\\n``. U+2028, U+2029, U+0085
and the other characters ``str.splitlines()`` breaks on are text: read, checked and written without
loss, and agreed on by GNU msgfmt, Babel, translate-toolkit and the toolkit. Control characters no
DOCX, HTML or TMX can hold are an error at ``file:line``, in a source and in a msgstr.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import polib
import pytest
from babel.messages.pofile import read_po
from helpers import make_project, run_stk, snapshot, statement
from translate.storage import pypo

from toolkit import api
from toolkit.catalogs import pofile
from toolkit.errors import CatalogError, SourceError

CONFIG = '[project]\nname = "Chars"\norganisation = "Coalition"\ntarget_languages = ["fr"]\n'
HEAD = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: fr\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n'
)
SEPARATORS = ["\u2028", "\u2029", "\x85"]


def project_with(tmp_path: Path, body: str) -> Path:
    root = make_project(tmp_path / "p", {"s": statement(body)}, CONFIG)
    api.extract(api.open_project(root))
    return root


def translate_all(root: Path, translations: dict[str, str]) -> Path:
    """A translator fills every entry (the given ones as given, the others with a copy) and saves, not fuzzy."""
    path = root / "locales/fr/s.po"
    text = path.read_text(encoding="utf-8")
    catalog = pofile.parse(text, "s.po")
    for entry in catalog:
        if entry.msgid:
            entry.msgstr = translations.get(entry.msgid, f"FR {entry.msgid}")
    path.write_bytes(pofile.render(catalog))
    return path


# --- finding 3: one line rule -------------------------------------------------------------------


def test_a_msgstr_line_ending_in_a_line_separator_keeps_every_character(tmp_path: Path, msgfmt) -> None:  # type: ignore[no-untyped-def]
    """polib split "Le 5 juin 2025<U+2028>" into two lines and dropped the 5 and the comma."""
    po = tmp_path / "fr.po"
    body = 'msgid "On 5 June 2025, the government acted."\nmsgstr ""\n"Le 5 juin 2025\u2028"\n", le gouvernement a agi."\n'
    po.write_text(HEAD + body)
    assert msgfmt(po).returncode == 0
    entry = pofile.parse(po.read_text(encoding="utf-8"), "fr.po").find("On 5 June 2025, the government acted.")
    assert entry is not None and entry.msgstr == "Le 5 juin 2025\u2028, le gouvernement a agi."


@pytest.mark.parametrize("char", [*SEPARATORS, "\x1c", "\x1d", "\x1e", "\x0b", "\x0c", "\r"])
def test_every_splitlines_break_is_text_in_a_po_file(tmp_path: Path, char: str) -> None:
    """Mid-line, a PO file msgfmt accepts was refused as "Syntax error in po file (line 8)"."""
    text = HEAD + f'msgid "Hello{char}world."\nmsgstr "Bonjour{char}monde."\n\nmsgid "Next."\nmsgstr "Suivant."\n'
    catalog = pofile.parse(text, "fr.po")
    entry = catalog.find(f"Hello{char}world.")
    assert entry is not None and entry.msgstr == f"Bonjour{char}monde." and entry.linenum == 7
    assert catalog.find("Next.").linenum == 10  # type: ignore[union-attr]


def test_a_parse_error_polib_finds_and_the_grammar_check_does_not_names_the_file_and_line() -> None:
    """polib's "Syntax error in po file (line 40)" had no file name; the toolkit's errors all do (msgfmt: 10:7)."""
    text = HEAD + 'msgid "A"\nmsgstr "B"\n# a comment\n"more"\n'
    with pytest.raises(CatalogError) as err:
        pofile.parse(text, "locales/fr/s.po")
    assert str(err.value).startswith("locales/fr/s.po:10: Catalog error: ")


@pytest.mark.parametrize("char", SEPARATORS)
def test_round_trip_agrees_with_msgfmt_polib_babel_and_translate_toolkit(tmp_path: Path, char: str, msgfmt) -> None:  # type: ignore[no-untyped-def]
    msgid, msgstr = f"Line one{char}line two, and {char * 2}more.", f"Ligne un{char}ligne deux, et {char * 2}plus."
    catalog = pofile.parse(HEAD, "fr.po")
    catalog.append(polib.POEntry(msgid=msgid, msgstr=msgstr, tcomment=f"note{char}here"))
    data = pofile.render(catalog)
    path = tmp_path / "fr.po"
    path.write_bytes(data)
    assert msgfmt(path).returncode == 0, msgfmt(path).stderr
    again = pofile.parse(data.decode("utf-8"), "fr.po")
    assert [(e.msgid, e.msgstr) for e in again] == [(msgid, msgstr)]
    assert pofile.render(again) == data  # written back byte-identical
    assert [(m.id, m.string) for m in read_po(io.BytesIO(data)) if m.id] == [(msgid, msgstr)]  # Babel
    assert [(u.source, u.target) for u in pypo.pofile(data).units if not u.isheader()] == [(msgid, msgstr)]  # Weblate's


def test_a_source_with_a_line_separator_round_trips_and_its_translation_is_used(tmp_path: Path) -> None:
    """The msgid "Hello<U+2028>world." came back as "Hellworld.": never used, re-fuzzied by every extract."""
    root = make_project(tmp_path / "p", {"s": statement("Hello\u2028world. Second sentence.\n", title="A\u2029title")}, CONFIG)
    api.extract(api.open_project(root))  # YAML ends lines at U+2029 too: the front matter hides it from YAML
    path = translate_all(root, {"Hello\u2028world.": "Bonjour\u2028monde.", "A\u2029title": "Un\u2029titre"})
    before = path.read_bytes()
    result = api.extract(api.open_project(root))
    assert path.read_bytes() == before and "locales/fr/s.po" in result.unchanged  # nothing re-fuzzied
    assert any(str(w).startswith("sources/s.md:8: U+2028 LINE SEPARATOR at column 6") for w in result.warnings)
    api.build(api.open_project(root), formats=["html"])
    html = (root / "output/fr/s.html").read_text(encoding="utf-8")
    assert "Bonjour\u2028monde." in html and "FR Second sentence." in html and "Un\u2029titre" in html


def test_check_names_a_separator_the_source_does_not_have(tmp_path: Path) -> None:
    root = project_with(tmp_path, "Hello world. Second sentence.\n")
    translate_all(root, {"Hello world.": "Bonjour\u2028monde."})
    issues = [i for i in api.check(api.open_project(root)).issues if i.code == "invisible-separator"]
    assert [(str(i.location), i.severity, i.message) for i in issues] == [
        (
            "locales/fr/s.po:32",  # the msgstr line that holds it (the entry's msgid is on line 30)
            "warning",
            "U+2028 LINE SEPARATOR in the translation, not in the source "
            "(an invisible line break pasted from Word or a web page): remove it",
        )
    ]


# --- finding 4: control characters --------------------------------------------------------------


@pytest.mark.parametrize(
    ("char", "name"),
    [
        ("\x01", "U+0001 START OF HEADING"),
        ("\x0b", "U+000B LINE TABULATION (Word's manual line break)"),
        ("\x1e", "U+001E RECORD SEPARATOR"),
        ("\ufffe", "U+FFFE (a noncharacter)"),
    ],
)
def test_a_control_character_in_a_source_is_an_error_at_its_line_and_column(tmp_path: Path, char: str, name: str) -> None:
    root = make_project(tmp_path / "p", {"s": statement(f"First line.\n\nHello{char}world.\n")}, CONFIG)
    before = snapshot(root)
    with pytest.raises(SourceError) as err:
        api.extract(api.open_project(root))
    assert str(err.value) == (
        f"sources/s.md:10: Source error: {name} at column 6: an invisible control character "
        "that no DOCX, HTML or TMX file can hold; delete it"
    )
    assert snapshot(root) == before


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("\x01", "U+0001 START OF HEADING"),
        ("\\v", "U+000B LINE TABULATION (Word's manual line break)"),
        ("\\f", "U+000C FORM FEED (Word's page break)"),
        ("\\b", "U+0008 BACKSPACE"),
        ("\ufffe", "U+FFFE (a noncharacter)"),
    ],
)
def test_a_control_character_in_a_msgstr_is_a_check_error_and_never_reaches_docx_html_or_tmx(
    tmp_path: Path, written: str, name: str, msgfmt
) -> None:  # type: ignore[no-untyped-def]
    root = project_with(tmp_path, "Hello world. Second sentence.\n")
    path = translate_all(root, {"Hello world.": "Bonjour X monde."})
    path.write_text(path.read_text(encoding="utf-8").replace("Bonjour X monde.", f"Bonjour {written}monde."), encoding="utf-8")
    assert msgfmt(path).returncode == 0  # GNU accepts it: the toolkit must say it

    errors = api.check(api.open_project(root)).errors()
    assert [(str(i.location), i.code, i.message) for i in errors] == [
        (
            "locales/fr/s.po:31",
            "control-character",
            f"{name} in the translation: an invisible control character that no DOCX, HTML or TMX file can hold; delete it",
        )
    ]
    status = api.status(api.open_project(root))
    assert status.summary("fr").ready is False and status.rows[0].qa_errors == 1

    run = run_stk("build", "--project", str(root))
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr
    assert f"locales/fr/s.po:30: {name} in the translation: the English is used" in run.stderr
    with zipfile.ZipFile(root / "output/fr/s.docx") as docx:
        document = docx.read("word/document.xml").decode("utf-8")
    assert "Hello world." in document and "Bonjour" not in document
    assert "Hello world." in (root / "output/fr/s.html").read_text(encoding="utf-8")

    run = run_stk("release", "--project", str(root))
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert f"locales/fr/s.po:31: Release refused: fr/s: 1 QA error: [control-character] {name}" in run.stderr

    run = run_stk("tm", "export", str(root / "memory.tmx"), "--project", str(root))
    assert run.returncode == 0, run.stderr
    assert f"locales/fr/s.po:30: {name} in the translation: left out of the TMX" in run.stderr
    units = ET.parse(root / "memory.tmx").getroot().findall("body/tu")  # well-formed XML
    sources = ["".join(next(tu.iter("seg")).itertext()) for tu in units]
    assert sources == ["A title", "The Coalition", "Second sentence."]  # every reviewed pair but that one


@pytest.mark.parametrize(
    ("table", "message"),
    [
        (
            '[project]\norganisation = "Coal\\u0001ition"\ntarget_languages = ["fr"]\n',
            "toolkit.toml:2: Config error: project.organisation holds U+0001 START OF HEADING, "
            "an invisible control character: delete it",
        ),
        (
            '[project]\ntarget_languages = ["fr"]\n[build.labels.fr]\norganisation = "Coal\\u000bition"\n',
            "toolkit.toml:4: Config error: build.labels.fr.organisation holds "
            "U+000B LINE TABULATION (Word's manual line break), an invisible control character: delete it",
        ),
    ],
)
def test_a_control_character_in_the_configuration_is_one_line(tmp_path: Path, table: str, message: str) -> None:
    """TOML's \\u0001 escape put one in the DOCX header: lxml's ValueError and a traceback."""
    root = make_project(tmp_path / "p", {"s": statement("Hello.\n")}, table)
    run = run_stk("build", "--project", str(root))
    assert (run.returncode, run.stderr.strip().splitlines()) == (2, [message])
