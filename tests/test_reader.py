"""Markdown sources -> Document: structure, front matter, and refusal of what the model cannot hold."""

from __future__ import annotations

import datetime as dt
import pathlib

import pytest
from helpers import statement

from toolkit.document import Emphasis, LineBreak, Link, ListBlock, Paragraph, Quote, Strong, Text
from toolkit.errors import Location, Notice, SourceError
from toolkit.sources import read_markdown


def read(text: str | bytes) -> tuple[object, list[tuple[Location, str]]]:
    warnings: list[Notice] = []
    data = text.encode("utf-8") if isinstance(text, str) else text
    return read_markdown(data, "sources/x.md", "x", warnings), warnings


def test_front_matter_fields_and_lines() -> None:
    doc, _ = read(statement("Body.", subtitle="“A question?”", place="The Hague"))
    meta = doc.meta  # type: ignore[attr-defined]
    assert meta.title == (Text("A title"),)
    assert meta.subtitle == (Text("“A question?”"),)
    assert meta.date == dt.date(2025, 1, 14)
    assert meta.kind == "statement"
    assert meta.place == (Text("The Hague"),)
    assert meta.lines["title"] == 2 and meta.lines["author"] == 5


def test_kind_is_normalised() -> None:
    doc, _ = read(statement("Body.", kind="Press Release"))
    assert doc.meta.kind == "press-release"  # type: ignore[attr-defined]


def test_blocks_inline_markup_and_lines() -> None:
    body = (
        "## Demands\n\nWe **urge** *all* [States](https://example.org/x).\\\nNext line.\n\n"
        "> Quoted.\n\n1. one\n   - nested\n2. two\n"
    )
    doc, warnings = read(statement(body))
    assert warnings == []
    heading, para, quote, lst = doc.blocks  # type: ignore[attr-defined]
    assert heading.level == 2 and heading.line == 8
    assert para.line == 10
    assert para.content == (
        Text("We "),
        Strong((Text("urge"),)),
        Text(" "),
        Emphasis((Text("all"),)),
        Text(" "),
        Link("https://example.org/x", (Text("States"),)),
        Text("."),
        LineBreak(),
        Text("Next line."),
    )
    assert isinstance(quote, Quote) and quote.blocks[0] == Paragraph((Text("Quoted."),), 13)
    assert isinstance(lst, ListBlock) and lst.ordered and len(lst.items) == 2
    nested = lst.items[0].blocks[1]
    assert isinstance(nested, ListBlock) and not nested.ordered and nested.line == 16


def test_names_directive_marks_the_next_list_only() -> None:
    doc, _ = read(statement("<!-- names -->\n- A\n- B\n\nText.\n\n- C\n"))
    names, _, other = doc.blocks  # type: ignore[attr-defined]
    assert names.names and not other.names


def test_names_directive_must_precede_a_list() -> None:
    with pytest.raises(SourceError) as err:
        read(statement("<!-- names -->\n\nA paragraph.\n"))
    assert str(err.value).startswith("sources/x.md:8: Source error: <!-- names -->")


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        ("Text.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", 10, "tables are not supported"),
        ("Text.\n\n![logo](logo.png)\n", 10, "images not supported"),
        ("Text.\n\n<div>raw</div>\n", 10, "raw HTML is not supported"),
        ("Text with <span>inline</span> HTML.\n", 8, "raw HTML not supported"),
        ("Text.\n\n    indented by four\n", 10, "code blocks are not supported (is a paragraph indented"),
        ("```\ncode\n```\n", 8, "code blocks are not supported"),
    ],
)
def test_unsupported_constructs_are_errors_with_line(body: str, line: int, words: str) -> None:
    with pytest.raises(SourceError) as err:
        read(statement(body))
    assert err.value.location == Location("sources/x.md", line)
    assert words in err.value.message


def test_comments_are_not_content() -> None:
    doc, _ = read(statement("<!-- a note to self -->\n\nText.\n"))
    assert len(doc.blocks) == 1  # type: ignore[attr-defined]


def test_unsafe_links_are_dropped_with_a_warning_keeping_the_text() -> None:
    doc, warnings = read(statement("See [this](tel:+3312345) and [that](ftp://x.org/f).\n"))
    assert doc.blocks[0].content == (Text("See this and that."),)  # type: ignore[attr-defined]
    assert [w.location for w in warnings] == [Location("sources/x.md", 8)] * 2
    assert "tel:+3312345" in warnings[0].message and "only http, https, mailto" in warnings[0].message
    assert {w.code for w in warnings} == {"source-dropped"}


def test_javascript_links_never_become_links_and_are_reported() -> None:
    doc, warnings = read(statement("Click [me](javascript:alert(1)) or [that](data:text/html,x) now.\n"))
    assert doc.blocks[0].content == (Text("Click me or that now."),)  # type: ignore[attr-defined]
    assert len(warnings) == 2 and "javascript:alert(1)" in warnings[0].message


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("No front matter.\n", 1, "missing front matter"),
        ("---\ntitle: x\n", 1, "front matter is not closed"),
        ("---\ntitle: [unclosed\ndate: 2025-01-01\n---\n", 3, "malformed front matter"),
        ("---\ntitle: T\ndate: 2025-01-01\nkind: statement\n---\n", 1, "lacks 'author'"),
        ("---\ntitle: T\ndate: 14 January 2025\nkind: statement\nauthor: A\n---\n", 3, "ISO date"),
        ("---\ntitle: T\ndate: 2025-01-01\nkind: [a, b]\nauthor: A\n---\n", 4, "'kind' must be text"),
        ("---\ntitle: T\ndate: 2025-02-30\nkind: statement\nauthor: A\n---\n", 3, "date 2025-02-30 does not exist"),
        ("---\ntitle: T\ndate: 2025-13-45\nkind: statement\nauthor: A\n---\n", 3, "does not exist"),
        ("---\ntitle: T\ndate: 2025-01-01\nkind: statement\nauthor: [A, B]\n---\n", 5, "'author' must be text"),
    ],
)
def test_bad_front_matter(text: str, line: int, words: str) -> None:
    with pytest.raises(SourceError) as err:
        read(text)
    assert err.value.location == Location("sources/x.md", line)
    assert words in err.value.message


def test_invalid_utf8_names_line_and_column() -> None:
    data = statement("Line one.\n\nCaf\xe9 latin-1.\n").encode("utf-8").replace("é".encode(), b"\xe9")
    with pytest.raises(SourceError) as err:
        read(data)
    assert str(err.value) == "sources/x.md:10: Source error: not valid UTF-8: byte 0xe9 at column 4 (save the file as UTF-8)"


def test_crlf_and_bom_are_accepted() -> None:
    doc, _ = read(("\ufeff" + statement("One.\n\nTwo.\n")).replace("\n", "\r\n"))
    assert [b.line for b in doc.blocks] == [8, 10]  # type: ignore[attr-defined]


def test_front_matter_words_stay_as_written() -> None:
    # YAML 1.1 would read `yes` as True and `2025` as a number: a title is text, whatever it looks like.
    doc, _ = read(statement("Body.\n", title="2025", author="yes", place="Off"))
    assert (doc.meta.title, doc.meta.author, doc.meta.place) == ((Text("2025"),), (Text("yes"),), (Text("Off"),))


def test_unknown_front_matter_key_warns() -> None:
    _, warnings = read(statement("Body.\n", colour="red"))
    assert warnings == [Notice(Location("sources/x.md", 6), "source-unknown-key", "unknown front-matter key 'colour' ignored")]


def test_seed_statements_read_without_warnings(example) -> None:  # type: ignore[no-untyped-def]
    for path in sorted((example / "sources").glob("*.md")):
        warnings: list[Notice] = []
        doc = read_markdown(path.read_bytes(), f"sources/{path.name}", path.stem, warnings)
        assert warnings == []
        assert doc.blocks


def test_every_front_matter_mistake_of_a_source_is_reported_in_one_run(tmp_path: pathlib.Path) -> None:
    from helpers import make_project, run_stk

    text = "---\ntitle: A title\ndate: 2025-02-30\nkind: [a, b]\nauthor:\n---\n\nBody.\n"
    root = make_project(tmp_path / "p", {"x": text})
    run = run_stk("extract", "--project", str(root))
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert run.stderr.splitlines() == [
        "sources/x.md:1: Source error: front matter lacks 'author' (required: title, date, kind, author)",
        "sources/x.md:3: Source error: date 2025-02-30 does not exist (day is out of range for month)",
        "sources/x.md:4: Source error: 'kind' must be text, e.g. press release, statement, joint letter",
    ], run.stderr
