"""Document -> segments -> translated Document, driven by tests/fixtures/segmentation.txt."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import statement

from toolkit import api
from toolkit.document import Content, Heading, LineBreak, ListBlock, Paragraph, Strong, Text, plain_text
from toolkit.document.markup import parse
from toolkit.document.walk import Slot, map_content
from toolkit.errors import Location
from toolkit.segmentation.segments import segment_document, translate_document
from toolkit.sources import read_markdown

FIXTURE = Path(__file__).parent / "fixtures" / "segmentation.txt"


def load_cases() -> list[tuple[str, str, list[str]]]:
    lines = FIXTURE.read_text(encoding="utf-8").split("\n")
    cases = []
    i = lines.index("")  # after the header comment
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        title = lines[i]
        assert lines[i + 1] == ".", title
        end = lines.index(".", i + 2)
        body = "\n".join(lines[i + 2 : end])
        end2 = lines.index(".", end + 1)
        cases.append((title, body, lines[end + 1 : end2]))
        i = end2 + 1
    return cases


def doc_of(body: str, **meta: str):  # type: ignore[no-untyped-def]
    warnings: list[tuple[Location, str]] = []
    return read_markdown(statement(body + "\n", title="T", author="A", **meta).encode(), "sources/x.md", "x", warnings)


@pytest.mark.parametrize(("title", "body", "expected"), load_cases(), ids=[c[0] for c in load_cases()])
def test_segmentation_fixture(title: str, body: str, expected: list[str]) -> None:
    segments = segment_document(doc_of(body))
    assert [f"{s.context} :: {s.msgid}" for s in segments] == expected


def pieces(body: str) -> dict[str, str]:
    """The plain text of each piece of translatable content of a statement, by its context."""
    written: dict[str, str] = {}

    def keep(content: Content, slot: Slot) -> Content:
        written[slot.context] = written.get(slot.context, "") + plain_text(content)
        return content

    map_content(doc_of(body), keep)
    return written


def test_fixture_cases_are_whole_distinct_and_lose_no_word() -> None:
    """The expectations themselves, independently of the segmenter: a case pasted from a wrong run (a word
    dropped, a segment twice, a sentence numbered out of order) or a case the loader skipped fails here."""
    cases = load_cases()
    assert FIXTURE.read_text(encoding="utf-8").split("\n").count(".") == 3 * len(cases)  # the loader read every case
    assert len({c[0] for c in cases}) == len(cases) and len({c[1] for c in cases}) == len(cases)
    for title, body, expected in cases:
        said: dict[str, str] = {}
        numbered: dict[str, list[str]] = {}
        for line in expected:
            context, msgid = line.split(" :: ", 1)
            piece, _, part = context.partition(", sentence ") if ", sentence " in context else context.partition(", line ")
            refs = [int(n) for n in re.findall(r"\]\[(\d+)\]", msgid)]
            text = plain_text(parse(msgid, ["https://example.org/"] * max(refs, default=0), lambda _: None))
            said[piece] = said.get(piece, "") + text
            if part:
                numbered.setdefault(piece, []).append(part)
        for piece, parts in numbered.items():  # "sentence 1 of 3", "2 of 3", "3 of 3": all of them, in order
            assert parts == [f"{i} of {len(parts)}" for i in range(1, len(parts) + 1)], (title, piece, parts)
        written = pieces(body)
        # Every piece of the statement is cut into the expected segments with no word lost, added or moved.
        assert {k: "".join(v.split()) for k, v in said.items()} == {k: "".join(v.split()) for k, v in written.items()}, title


def test_paragraph_unit_keeps_paragraphs_whole_but_splits_lines() -> None:
    doc = doc_of("One. Two.\n\nA\\\nB")
    assert [s.msgid for s in segment_document(doc, "paragraph")] == ["T", "A", "One. Two.", "A", "B"]


def test_subtitle_and_place_are_segments() -> None:
    doc = doc_of("Body.", subtitle="Sub", place="The Hague")
    assert [s.role for s in segment_document(doc)][:4] == ["title", "subtitle", "author", "place"]


def test_translate_document_replaces_each_segment_in_place() -> None:
    doc = doc_of("## Head\n\nOne **bold**. Two.\\\nThree.\n\n<!-- names -->\n- Org")
    translated = translate_document(
        doc, "fr", lambda seg: (Text(seg.msgid.upper().replace("**", "")),) if not seg.is_name else None
    )
    assert translated.lang == "fr"
    assert translated.meta.title == (Text("T"),)
    heading, para, names = translated.blocks
    assert isinstance(heading, Heading) and heading.content == (Text("HEAD"),)
    assert isinstance(para, Paragraph)
    assert para.content == (Text("ONE BOLD. TWO."), LineBreak(), Text("THREE."))
    assert isinstance(names, ListBlock) and names.items[0].blocks[0].content == (Text("Org"),)  # type: ignore[union-attr]


def test_markup_of_a_translation_is_kept() -> None:
    doc = doc_of("We **urge** you.")
    translated = translate_document(
        doc, "fr", lambda seg: parse("Nous vous **exhortons**.", seg.links, print) if seg.role == "paragraph" else None
    )
    assert translated.blocks[0].content == (Text("Nous vous "), Strong((Text("exhortons"),)), Text("."))  # type: ignore[union-attr]


def test_example_documents_rebuild_identically_from_their_msgids(example: Path) -> None:
    project = api.open_project(example)
    for st in project.statements:
        rebuilt = translate_document(st.doc, st.doc.lang, lambda seg: parse(seg.msgid, seg.links, print))
        assert rebuilt == st.doc


def test_example_segment_counts(example: Path) -> None:
    project = api.open_project(example)
    counts = {st.slug: len(st.segments) for st in project.statements}
    names = {st.slug: sum(s.is_name for s in st.segments) for st in project.statements}
    assert names == {
        "asp23-cooperation-plenary-2024": 0,
        "icc-judges-sanctions-2025": 0,
        "letter-president-biden-2024": 116,
        "palestinian-ngos-sanctions-2025": 0,
        "us-sanctions-icc-2025": 129,
    }
    assert all(n > 30 for n in counts.values())


def test_each_segment_points_at_its_own_source_line() -> None:
    # statement() writes front matter on lines 1-6 and a blank line 7: the body starts on line 8.
    doc = doc_of("Intro. Second sentence.\n\nPresident Joseph R. Biden, Jr.\\\nThe White House\\\nWashington, D.C. 20500")
    lines = {s.msgid: s.line for s in segment_document(doc)}
    assert lines["Intro."] == lines["Second sentence."] == 8
    assert (lines["President Joseph R. Biden, Jr."], lines["The White House"], lines["Washington, D.C. 20500"]) == (10, 11, 12)


def test_example_address_block_references_name_each_line(example: Path) -> None:
    api.extract(api.open_project(example))
    pot = (example / "locales/templates/letter-president-biden-2024.pot").read_text(encoding="utf-8")
    source = (example / "sources/letter-president-biden-2024.md").read_text(encoding="utf-8").splitlines()
    for text in ("The White House", "1600 Pennsylvania Avenue NW", "Washington, D.C. 20500"):
        ref = pot.split(f'\nmsgid "{text}"')[0].rsplit("#: ", 1)[1]
        line = int(ref.split(":")[1])
        assert source[line - 1].startswith(text), (text, ref)
