"""Deep nesting (issue 12, finding 8): refused with file:line, never dropped, never a RecursionError.

A list nested 10 deep kept 9 levels, a block quote 20 deep lost its text (markdown-it stops at its
``maxNesting`` and says nothing), emphasis nested 5,000 deep was a RecursionError traceback. The
toolkit's limits: lists and block quotes 8 levels deep, emphasis and links 8 levels deep.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from helpers import make_project, run_stk, snapshot, statement

from toolkit import api
from toolkit.catalogs import pofile
from toolkit.document import plain_text
from toolkit.errors import CatalogError, SourceError
from toolkit.sources.markdown import read_markdown

CONFIG = '[project]\nname = "Deep"\norganisation = "Coalition"\ntarget_languages = ["fr"]\n'


def nested_list(levels: int) -> str:
    return "".join("  " * i + f"- level {i + 1}\n" for i in range(levels))


def read(body: str) -> list[tuple[object, str]]:
    warnings: list[tuple[object, str]] = []
    read_markdown(statement(body).encode(), "sources/s.md", "s", warnings)
    return warnings


def test_the_limits_are_what_the_docs_say() -> None:
    from toolkit.sources import markdown

    assert (markdown.MAX_BLOCK_DEPTH, markdown.MAX_INLINE_DEPTH) == (8, 8)
    docs = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert "nested up to 8 levels deep" in docs


def test_lists_and_quotes_mixed_within_the_limit_are_read_whole() -> None:
    assert read("- a\n  > b\n  > - c\n  >   > d\n") == []


def test_a_list_as_deep_as_the_limit_keeps_every_level() -> None:
    warnings: list[tuple[object, str]] = []
    doc = read_markdown(statement(nested_list(8)).encode(), "sources/s.md", "s", warnings)
    text = repr(doc.blocks)
    assert all(f"level {n}" in text for n in range(1, 9)) and warnings == []


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        (nested_list(10), 16, "lists and block quotes nested 9 levels deep: the toolkit keeps 8 (flatten the list)"),
        (nested_list(40), 16, "lists and block quotes nested 9 levels deep: the toolkit keeps 8 (flatten the list)"),
        (">" * 20 + " deep text\n", 8, "lists and block quotes nested 9 levels deep: the toolkit keeps 8 (flatten the list)"),
        ("*" * 5000 + "x" + "*" * 5000 + "\n", 8, "emphasis and links nested 9 levels deep: the toolkit keeps 8"),
        ("**a *b **c *d **e *f **g *h **i** j* k** l* m** n* o** p* q**\n", 8, "emphasis and links nested 9 levels"),
    ],
)
def test_deeper_content_is_refused_at_its_line(body: str, line: int, message: str) -> None:
    with pytest.raises(SourceError) as err:
        read(body)
    assert str(err.value).startswith(f"sources/s.md:{line}: Source error: {message}")


def test_links_inside_links_are_text_as_commonmark_says_and_nothing_is_lost() -> None:
    """CommonMark links cannot contain links: 5,000 nested brackets are one link and literal text."""
    warnings: list[tuple[object, str]] = []
    doc = read_markdown(statement("[" * 5000 + "x" + "](https://a.org)" * 5000 + "\n").encode(), "sources/s.md", "s", warnings)
    text = plain_text(doc.blocks[0].content)  # type: ignore[union-attr]
    assert (text.count("["), text.count("](https://a.org)"), "x" in text) == (4999, 4999, True)


def test_front_matter_nested_5000_deep_is_one_line(tmp_path: Path) -> None:
    text = statement("Hello.\n").replace("title: A title", "title: " + "[" * 5000 + "]" * 5000)
    root = make_project(tmp_path / "p", {"s": text}, CONFIG)
    run = run_stk("extract", "--project", str(root))
    assert (run.returncode, run.stderr.strip().splitlines()) == (
        2,
        ["sources/s.md:2: Source error: malformed front matter: nested too deeply (values are plain text)"],
    )


def test_a_source_nested_5000_deep_is_one_line_and_changes_nothing(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"s": statement("*" * 5000 + "x" + "*" * 5000 + "\n")}, CONFIG)
    before = snapshot(root)
    run = run_stk("extract", "--project", str(root))
    assert run.returncode == 2 and len(run.stderr.strip().splitlines()) == 1 and "Traceback" not in run.stderr
    assert run.stderr.startswith("sources/s.md:8: Source error: emphasis and links nested 9 levels deep")
    assert snapshot(root) == before


def test_a_msgstr_nested_5000_deep_keeps_its_text_and_crashes_nothing(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"s": statement("Hello world.\n")}, CONFIG)
    api.extract(api.open_project(root))
    path = root / "locales/fr/s.po"
    deep = "*" * 5000 + "Bonjour" + "*" * 5000 + " monde."
    catalog = pofile.parse(path.read_text(encoding="utf-8"), "s.po")
    for entry in catalog:
        if entry.msgid:
            entry.msgstr = deep if entry.msgid == "Hello world." else f"FR {entry.msgid}"
    path.write_bytes(pofile.render(catalog))
    for command in ("check", "status", "build"):
        run = run_stk(command, "--project", str(root))
        assert run.returncode in (0, 1) and "Traceback" not in run.stderr, (command, run.stderr)
    issues = api.check(api.open_project(root)).issues
    assert any(i.code == "markup-emphasis" and i.location.line == 30 for i in issues)
    with zipfile.ZipFile(root / "output/fr/s.docx") as docx:
        assert "Bonjour" in docx.read("word/document.xml").decode("utf-8")  # the text is kept
    assert "Bonjour" in (root / "output/fr/s.html").read_text(encoding="utf-8")


def test_a_drafts_record_nested_100000_deep_is_one_line(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"s": statement("Hello world.\n")}, CONFIG)
    api.extract(api.open_project(root))
    (root / "locales/fr/s.mt.json").write_text('{"drafts": ' + "[" * 100000 + "]" * 100000 + "}", encoding="utf-8")
    with pytest.raises(CatalogError, match="unreadable drafts record"):
        api.status(api.open_project(root))


def test_toolkit_toml_nested_5000_deep_is_one_line(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"s": statement("Hello.\n")}, CONFIG + "x = " + "[" * 5000 + "]" * 5000 + "\n")
    run = run_stk("status", "--project", str(root))
    assert (run.returncode, len(run.stderr.strip().splitlines())) == (2, 1), run.stderr
    assert run.stderr.startswith("toolkit.toml: Config error: not valid TOML: nested too deeply")


def test_a_model_package_metadata_nested_deep_is_refused(tmp_path: Path) -> None:
    from toolkit.drafting import packages

    archive = tmp_path / "deep.argosmodel"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("translate-en_fr/metadata.json", "[" * 100000 + "]" * 100000)
        zf.writestr("translate-en_fr/model/model.bin", b"x")
        zf.writestr("translate-en_fr/sentencepiece.model", b"y")
    with pytest.raises(Exception) as err:
        packages.validate_archive(archive, "deep.argosmodel")
    assert str(err.value) == "deep.argosmodel: Model package error: refused: metadata.json is not valid JSON (nested too deeply)"
