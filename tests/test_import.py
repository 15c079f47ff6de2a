# ruff: noqa: E501 - inputs and expected sources read best on one line each
"""stk import: Word documents and web pages -> sources that mean what the input said.

The round trips are the property: every example statement, built to DOCX and
HTML by ``stk build``, imports back to a source whose Document equals the
original's. The realistic inputs (tests/word_documents.py, tests/webpages.py,
a LibreOffice-written DOCX) check what each construct becomes and that
everything not kept is reported: words in = words out + front matter + dropped.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO
from helpers import make_project, skip_or_fail, snapshot, statement, stk
from webpages import PAGES, SIGNATORIES, STATES, drupal_press_release, joint_statement_page, news_post
from word_documents import SIGNATORY_TABLE_NAMES, direct_formatting_memo, joint_letter, signatory_table

from toolkit import api
from toolkit.config import load_config
from toolkit.document import ListBlock, Paragraph, plain_text
from toolkit.errors import SourceError
from toolkit.files import Changed, replace_if_unchanged
from toolkit.segmentation.segments import segment_document
from toolkit.sources.importing import ImportOptions
from toolkit.sources.markdown import read_markdown
from toolkit.sources.writer import same_document, write_markdown
from toolkit.workspace import load_project

SLUGS = sorted(p.stem for p in (REPO / "sources").glob("*.md"))


def read_source(path: Path) -> object:
    return read_markdown(path.read_bytes(), str(path), path.stem, [])


def empty_project(root: Path) -> Path:
    return make_project(root, {})


def balanced(entry: api.ImportedSource) -> bool:
    return entry.words_in == entry.words_out + entry.words_front_matter + entry.words_dropped


# --- the writer ---------------------------------------------------------------------


@pytest.mark.parametrize("slug", SLUGS)
def test_markdown_document_markdown_is_identity_on_the_examples(slug: str) -> None:
    path = REPO / "sources" / f"{slug}.md"
    doc = read_source(path)
    text = write_markdown(doc)  # type: ignore[arg-type]
    again = read_markdown(text.encode(), "x.md", slug, [])
    assert same_document(doc, again)  # type: ignore[arg-type]
    assert write_markdown(again) == text  # a fixed point
    body = lambda t: t.split("\n---\n", 1)[1]  # noqa: E731
    assert body(text) == body(path.read_text(encoding="utf-8"))  # the body is written exactly as people wrote it


def test_writer_escapes_what_markdown_would_read_as_markup() -> None:
    body = (
        "1\\. not a list\\\n\\- not a bullet\\\n\\# not a heading\\\n\\> not a quote\n\n"
        '**bold** and *em* and ***both*** and [a link](https://x.org/a_(b) "t") and `code` and \\*stars\\* and AT&amp;T\n\n'
        "- a\n  - nested\n\n  second paragraph\n- b\n\n* next list\n\n3. three\n4. four\n\n> quoted\n>\n> - in a list\n\n---\n\n"
        "<!-- names -->\n- Amnesty International\n- Al-Haq\n"
    )
    doc = read_markdown(statement(body, kind="key recommendations").encode(), "x.md", "x", [])
    text = write_markdown(doc)
    assert same_document(doc, read_markdown(text.encode(), "x.md", "x", []))
    assert "kind: key recommendations" in text and "<!-- names -->\n- Amnesty" in text


def test_kind_is_any_text_and_translated_like_the_title() -> None:
    warnings: list[object] = []
    doc = read_markdown(statement("Body.", kind="Key recommendations").encode(), "x.md", "x", warnings)  # type: ignore[arg-type]
    assert doc.meta.kind == "Key recommendations" and not warnings
    assert any(s.role == "kind" and s.msgid == "Key recommendations" for s in segment_document(doc))
    known = read_markdown(statement("Body.", kind="Press Release").encode(), "x.md", "x", [])
    assert known.meta.kind == "press-release" and not any(s.role == "kind" for s in segment_document(known))
    read_markdown(statement("Body.", kind="press relase").encode(), "x.md", "x", warnings)  # type: ignore[arg-type]
    assert "did you mean 'press release'" in str(warnings[-1])


# --- the ten round trips ---------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example project built to English DOCX and HTML, as `stk build` writes them."""
    root = tmp_path_factory.mktemp("built")
    shutil.copytree(REPO / "sources", root / "sources")
    shutil.copy(REPO / "toolkit.toml", root / "toolkit.toml")
    api.build(api.open_project(root), langs=["en"])
    return root / "output" / "en"


@pytest.mark.parametrize("fmt", ["docx", "html"])
@pytest.mark.parametrize("slug", SLUGS)
def test_built_statements_import_back_to_their_sources(built: Path, tmp_path: Path, slug: str, fmt: str) -> None:
    project = empty_project(tmp_path / "p")
    result = api.import_sources(project, [str(built / f"{slug}.{fmt}")], ImportOptions())
    (entry,) = result.sources
    assert entry.written and entry.slug == slug
    original = read_source(REPO / "sources" / f"{slug}.md")
    imported = read_source(project / "sources" / f"{slug}.md")
    assert same_document(original, imported)  # type: ignore[arg-type]
    assert balanced(entry)


# --- Word -----------------------------------------------------------------------------


def test_joint_letter_from_word_one_command_gives_a_source_extract_accepts(tmp_path: Path) -> None:
    project = empty_project(tmp_path / "p")
    letter = tmp_path / "Joint letter FINAL (2).docx"
    letter.write_bytes(joint_letter())
    done = stk("import", str(letter), "--kind", "joint letter", "--author", "Coalition for the Court", "--project", str(project))
    assert done.returncode == 0, done.stderr
    source = project / "sources" / "joint-letter-final-2.md"
    text = source.read_text(encoding="utf-8")
    doc = read_source(source)
    # the names list from the 2-column table, in reading order
    names = [b for b in doc.blocks if isinstance(b, ListBlock) and b.names]  # type: ignore[attr-defined]
    assert [plain_text(i.blocks[0].content) for i in names[0].items] == SIGNATORY_TABLE_NAMES  # type: ignore[union-attr]
    # the link field's target and the w:hyperlink's, only the accepted text
    assert "[full analysis](https://coalition.example.org/letter" in text
    assert "[our press office](mailto:press@coalition.example.org)" in text
    assert "We strongly urge you to protect *the Court* and **all those** who cooperate" in text
    for gone in ("perhaps", "deleted in review", "postcode", "CONFIDENTIAL", "EMBARGOED"):
        assert gone not in text
    assert "Coalition Secretariat\\\nPostbus 1234\\\n2500 The Hague" in text  # soft breaks
    assert "1. Execute every" in text and "   * relocation agreements;" in text and "1. adopt blocking statutes;" in text
    assert "> Justice delayed is justice denied." in text and "## Our requests" in text
    assert (
        "title: Joint letter on the protection of the Court" in text and "date: 2025-02-07" in text and "place: The Hague" in text
    )
    assert "\\[1\\] Including witnesses" in text  # the footnote as an endnote paragraph
    for said in ("tracked changes: 1 insertion(s) accepted, 3 deletion(s) dropped", "comment(s) dropped", "header dropped",
                 "footer with page numbers dropped", "text box dropped: 'EMBARGOED", "signatory list of 8 names"):  # fmt: skip
        assert said in done.stdout
    extracted = stk("extract", "--project", str(project))
    assert extracted.returncode == 0 and "warning" not in extracted.stderr, extracted.stderr


def test_word_import_accounts_for_every_word(tmp_path: Path) -> None:
    project = empty_project(tmp_path / "p")
    letter = tmp_path / "letter.docx"
    letter.write_bytes(joint_letter())
    (entry,) = api.import_sources(project, [str(letter)], ImportOptions(kind="statement", author="C")).sources
    assert entry.words_in == 163 and entry.words_dropped == 27  # 7 deleted, 8 comment, 6 header, 1 footer, 5 text box
    assert balanced(entry)


def test_direct_formatting_document(tmp_path: Path) -> None:
    project = empty_project(tmp_path / "p")
    memo = tmp_path / "memo.docx"
    memo.write_bytes(direct_formatting_memo())
    with pytest.raises(SourceError, match=r"04/09/2024 may be 4 September or 9 April 2024 \(give --date-order dmy or mdy\)"):
        api.import_sources(project, [str(memo)], ImportOptions(kind="statement", author="C"))
    (entry,) = api.import_sources(project, [str(memo)], ImportOptions(kind="statement", author="C", date_order="dmy")).sources
    assert "date: 2024-09-04" in entry.text and "place: Geneva" in entry.text
    assert "title: Statement on the budget of the Court" in entry.text
    assert (
        "## Three priorities\n\n1. Protect" in entry.text
        and "- Victims depend" in entry.text
        and "- Witnesses depend" in entry.text
    )
    assert balanced(entry)


def test_a_table_that_is_not_names_is_refused_with_its_place(tmp_path: Path) -> None:
    import io

    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_paragraph("Budget", style="Title")
    document.add_paragraph("The figures below are in euros.")
    body = document.element.body
    body[-1].addprevious(parse_xml(signatory_table(["Programme", "2024", "Field offices closed in three situations.", "4.2"])))
    path = tmp_path / "budget.docx"
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(buffer.getvalue())
    project = empty_project(tmp_path / "p")
    before = snapshot(project)
    done = stk("import", str(path), "--project", str(project), "--kind", "statement", "--author", "C", "--date", "2025-01-01")
    assert done.returncode == 2
    assert done.stderr.startswith(f"{path}:3: Source error: paragraph 3: table 1 (2 rows x 2 columns")
    assert len(done.stderr.strip().splitlines()) == 1 and snapshot(project) == before


@pytest.mark.slow  # LibreOffice
def test_libreoffice_written_docx(tmp_path: Path) -> None:
    if shutil.which("soffice") is None:
        skip_or_fail("LibreOffice (soffice) is not installed")
    page = tmp_path / "letter.html"
    page.write_text(
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Open letter</title></head><body>'
        "<h1>Open letter on cooperation with the Court</h1><p>Geneva, 3 March 2025</p>"
        '<p>We urge <strong>all States Parties</strong> to <em>cooperate fully</em>, as <a href="https://coalition.example.org/c">our report</a> explains.</p>'
        "<h2>Our requests</h2><ol><li>Execute arrest warrants.</li><li>Protect witnesses:<ul><li>relocation;</li><li>secure channels.</li></ul></li>"
        "<li>Pay on time.</li></ol><blockquote><p>Justice delayed is justice denied.</p></blockquote>"
        "<h2>Signatories</h2><ul><li>Africa Legal Aid</li><li>Avocats Sans Frontières</li><li>Lawyers for Victims</li></ul></body></html>",
        encoding="utf-8",
    )
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(tmp_path),
            str(page),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    project = empty_project(tmp_path / "p")
    (entry,) = api.import_sources(
        project, [str(tmp_path / "letter.docx")], ImportOptions(kind="open letter", author="Coalition")
    ).sources
    assert entry.text.split("---\n", 2)[2] == (
        "\nGeneva, 3 March 2025\n\n"
        "We urge **all States Parties** to *cooperate fully*, as [our report](https://coalition.example.org/c) explains.\n\n"
        "## Our requests\n\n1. Execute arrest warrants.\n2. Protect witnesses:\n   * relocation;\n   * secure channels.\n3. Pay on time.\n\n"
        "> Justice delayed is justice denied.\n\n## Signatories\n\n<!-- names -->\n- Africa Legal Aid\n- Avocats Sans Frontières\n- Lawyers for Victims\n"
    )
    assert "title: Open letter on cooperation with the Court" in entry.text and "date: 2025-03-03" in entry.text
    assert balanced(entry)


# --- web pages ------------------------------------------------------------------------


def import_page(tmp_path: Path, html: str, name: str = "page.html", **options: object) -> api.ImportedSource:
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    project = empty_project(tmp_path / "p")
    (entry,) = api.import_sources(project, [str(path)], ImportOptions(**options)).sources  # type: ignore[arg-type]
    return entry


def test_news_page_gives_the_article_alone(tmp_path: Path) -> None:
    page = news_post()
    entry = import_page(tmp_path, page.html, "shield-the-court.html", kind="press release")
    text = entry.text
    assert "title: States must shield the Court from coercive sanctions" in text
    assert "date: 2025-02-07" in text and "author: Justice Monitor Editorial Team" in text
    assert "## What the measures mean" in text and "## What States can do" in text
    assert "- Financial institutions may refuse" in text and "1. Adopt a *blocking statute* that" in text
    assert "> “Justice cannot depend" in text
    # relative links resolved against the page's address (og:url / canonical)
    assert "[blocking statutes](https://news.example.org/explainers/blocking-statutes)" in text
    assert "[full joint statement](https://news.example.org/2025/02/joint-statement/)" in text
    for furniture in [*page.furniture, "Share this", "Tagged", "Skip to content", "Posted on"]:
        assert furniture not in text, furniture
    body = plain_body(text)
    for block in page.article:
        assert block in body, block
    assert balanced(entry)


@pytest.mark.parametrize("make", PAGES, ids=lambda m: m.__name__)
def test_saved_pages_keep_the_article_and_drop_the_furniture(tmp_path: Path, make: object) -> None:
    page = make()  # type: ignore[operator]
    entry = import_page(tmp_path, page.html, kind="statement", author="Someone")
    body = plain_body(entry.text)
    for block in page.article:
        if block not in page.list_items:
            assert " ".join(block.split())[:50] in body, block
    for furniture in page.furniture:
        assert furniture not in body, furniture
    dropped = {n.message for n in entry.notes if n.dropped}
    assert dropped and balanced(entry)


def plain_body(text: str) -> str:
    doc = read_markdown(text.encode(), "x.md", "x", [])
    out: list[str] = []

    def walk(blocks: tuple[object, ...]) -> None:
        for b in blocks:
            if isinstance(b, ListBlock):
                for item in b.items:
                    walk(item.blocks)
            elif hasattr(b, "content"):
                out.append(plain_text(b.content))  # type: ignore[attr-defined]
            elif hasattr(b, "blocks"):
                walk(b.blocks)  # type: ignore[attr-defined]

    walk(doc.blocks)
    return "\n".join(out)


def test_enumeration_of_states_becomes_a_names_list(tmp_path: Path) -> None:
    entry = import_page(tmp_path, joint_statement_page().html, kind="statement")
    doc = read_markdown(entry.text.encode(), "x.md", "x", [])
    last = doc.blocks[-1]
    assert isinstance(last, ListBlock) and last.names
    assert [plain_text(i.blocks[0].content) for i in last.items] == STATES  # type: ignore[union-attr]
    lead = doc.blocks[-2]
    assert isinstance(lead, Paragraph) and plain_text(lead.content) == "This statement is supported by the following States:"
    assert "date: 2025-02-07" in entry.text and "author: Ministry of Foreign Affairs" in entry.text
    assert any("30 names, a comma-separated enumeration" in n.message for n in entry.notes)
    assert balanced(entry)
    plain = import_page(tmp_path / "again", joint_statement_page().html, kind="statement", names=False)
    assert "<!-- names -->" not in plain.text and "Albania, Andorra" in plain.text


def test_signed_by_list_is_names_and_the_sitemap_is_not_kept(tmp_path: Path) -> None:
    from webpages import campaign_with_signatories

    entry = import_page(tmp_path, campaign_with_signatories().html, kind="open letter")
    assert "## Signed by\n\n<!-- names -->\n" + "".join(f"- {n}\n" for n in SIGNATORIES) in entry.text
    assert "Member directory" not in entry.text and "author: Justice Now Campaign" in entry.text


def test_base_href_resolves_relative_links(tmp_path: Path) -> None:
    entry = import_page(tmp_path, drupal_press_release().html, kind="press release", author="Coalition")
    assert "[Advisory Committee on Nominations](https://coalition.example.org/en/committee/nominations)" in entry.text
    assert "## A stronger vetting process" in entry.text and "date: 2023-12-18" in entry.text


def test_unsafe_links_text_characters_and_breaks(tmp_path: Path) -> None:
    html = (
        '<html><head><meta property="og:title" content="T"><meta property="article:published_time" content="2025-01-02"></head><body><article><h1>T</h1>'
        '<p>Click <a href="javascript:alert(1)">here</a> or <a href="tel:+3170">call</a> or <a href="ftp://x.org/f">get</a>.</p>'
        "<p>Non\u00a0breaking, soft\u00adhyphen, control\x07char, line\u2028separator and <b>bold<br>break</b>.</p>"
        "<p>Some more words so that the article is long enough to be found by the extractor, as real ones are.</p></article></body></html>"
    )
    entry = import_page(tmp_path, html, kind="statement", author="A")
    assert "Click here or call or get." in entry.text
    assert "Non\u00a0breaking, softhyphen, controlchar, line\\\nseparator and **bold\\\nbreak**." in entry.text
    assert sum("kept as text (only http, https, mailto" in n.message for n in entry.notes) == 3


# --- fetching a page ---------------------------------------------------------------------


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """A web server on 127.0.0.1 serving tmp_path/site (stopped after the test)."""
    site = tmp_path / "site"
    (site / "news").mkdir(parents=True)

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_url_is_fetched_and_links_resolve_against_it(tmp_path: Path, server: str) -> None:
    html = news_post().html.replace(
        '<meta property="og:url" content="https://news.example.org/2025/02/07/shield-the-court/">', ""
    )
    html = html.replace('<link rel="canonical" href="https://news.example.org/2025/02/07/shield-the-court/">', "")
    (tmp_path / "site" / "news" / "shield.html").write_text(html, encoding="utf-8")
    project = empty_project(tmp_path / "p")
    done = stk("import", f"{server}/news/shield.html", "--kind", "statement", "--project", str(project))
    assert done.returncode == 0, done.stderr
    text = (project / "sources" / "shield.md").read_text(encoding="utf-8")
    assert f"[full joint statement]({server}/2025/02/joint-statement/)" in text
    missing = stk("import", f"{server}/news/gone.html", "--project", str(project))
    assert missing.returncode == 2 and "HTTP 404" in missing.stderr and len(missing.stderr.splitlines()) == 1


# --- never overwrite, never lose ------------------------------------------------------------


def test_existing_source_is_kept_unless_force_and_then_recoverable(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", {"shield-the-court": statement("My own edits.")})
    page = tmp_path / "shield-the-court.html"
    page.write_text(news_post().html, encoding="utf-8")
    before = snapshot(project)
    done = stk("import", str(page), "--kind", "statement", "--project", str(project))
    assert done.returncode == 2 and "already exists" in done.stderr and "--force" in done.stderr
    assert snapshot(project) == before
    done = stk("import", str(page), "--kind", "statement", "--force", "--project", str(project))
    assert done.returncode == 0, done.stderr
    (kept,) = (project / "sources" / ".history").glob("shield-the-court.*.md")
    assert kept.read_bytes() == before["sources/shield-the-court.md"] and f"sources/.history/{kept.name}" in done.stdout
    assert "What States can do" in (project / "sources" / "shield-the-court.md").read_text(encoding="utf-8")
    project_loaded = load_project(load_config(project))  # .history/ is not read as sources
    assert [s.slug for s in project_loaded.statements] == ["shield-the-court"]


def test_compare_and_swap_stops_when_the_file_changed(tmp_path: Path) -> None:
    path = tmp_path / "s.md"
    path.write_bytes(b"edited by a person")
    with pytest.raises(Changed):
        replace_if_unchanged(path, b"new", b"what the import read")
    assert path.read_bytes() == b"edited by a person"
    with pytest.raises(Changed):
        replace_if_unchanged(path, b"new", None)  # appeared meanwhile
    replace_if_unchanged(path, b"new", b"edited by a person")
    replace_if_unchanged(tmp_path / "fresh.md", b"x", None)
    assert path.read_bytes() == b"new" and (tmp_path / "fresh.md").read_bytes() == b"x"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fresh.md", "s.md"]  # no temporary file left


def test_missing_front_matter_is_asked_for_in_one_line(tmp_path: Path) -> None:
    project = empty_project(tmp_path / "p")
    page = tmp_path / "x.html"
    page.write_text(
        "<html><body><article><h1>A title</h1><p>" + "Words of the statement. " * 10 + "</p></article></body></html>",
        encoding="utf-8",
    )
    done = stk("import", str(page), "--project", str(project))
    assert done.returncode == 2
    assert done.stderr == (
        f"{page}: Source error: cannot tell the kind (give --kind 'press release', 'statement', 'joint letter' or your own word for it); "
        "the date (give --date YYYY-MM-DD); the author (give --author 'Your organisation')\n"
    )
    done = stk(
        "import",
        str(page),
        "--project",
        str(project),
        "--kind",
        "Key recommendations",
        "--date",
        "2025-02-07",
        "--author",
        "CICC",
    )
    assert done.returncode == 0 and "kind: Key recommendations" in (project / "sources" / "x.md").read_text(encoding="utf-8")


def test_extract_names_files_it_does_not_read(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", {"a": statement("Body.")})
    (project / "sources" / "letter.docx").write_bytes(joint_letter())
    (project / "sources" / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (project / "sources" / ".history").mkdir()
    (project / "sources" / ".history" / "a.20250101T000000Z.md").write_text(statement("Old."), encoding="utf-8")
    done = stk("extract", "--project", str(project))
    assert done.returncode == 0
    assert "warning: sources/letter.docx: not read: a .docx file is not a source; run `stk import` on it" in done.stderr
    assert "warning: sources/old.doc: not read: save this .doc document as .docx" in done.stderr
    assert ".history" not in done.stderr


AWKWARD = [
    ("<p>\u00a0no-break spaces at the edges\u00a0</p>", "no-break spaces at the edges"),
    (
        "<p>1. not a list</p><p>- not a bullet</p><p>#hashtag and # not a heading</p><p>&gt; not a quote</p>",
        "1\\. not a list\n\n\\- not a bullet\n\n#hashtag and # not a heading\n\n\\> not a quote",
    ),
    (
        "<p>stars * and _under_ and <b>&lt;tag&gt;</b> &amp;amp; back\\slash\\</p>",
        "stars \\* and \\_under\\_ and **\\<tag>** \\&amp; back\\\\slash\\\\",
    ),
    (
        '<p>x<b>"y"</b>z, a<i>(b)</i>c, <b><i>both</i></b> and <i><b>both</b></i></p>',
        'x"**y**"z, a(*b*)c, **_both_** and ***both***',
    ),
    (
        '<p><a href="https://x.org/a b(c">odd</a> <a href="/rel path">rel</a></p>',
        "[odd](<https://x.org/a%20b(c>) [rel](https://example.org/rel%20path)",
    ),
    ("<p>line<br>---<br>===<br>1) next</p>", "line\\\n\\---\\\n\\===\\\n1\\) next"),
    (
        '<ol start="7"><li>seven</li><li>eight<ol><li>inner</li></ol></li></ol><ul><li>a</li></ul><ul><li>b</li></ul>',
        "7. seven\n8. eight\n   1. inner\n\n- a\n\n* b",
    ),
    ("<blockquote><p>q</p><ul><li>qi</li></ul><blockquote><p>deep</p></blockquote></blockquote>", "> q\n>\n> - qi\n>\n> > deep"),
    (
        "<h2>Ends with #</h2><p>[brackets] ![img] <b>bold</b><b>er</b></p>",
        "## Ends with \\#\n\n\\[brackets\\] \\!\\[img\\] **bolder**",
    ),
]


@pytest.mark.parametrize(("body", "expected"), AWKWARD)
def test_awkward_text_is_written_so_that_it_reads_back(tmp_path: Path, body: str, expected: str) -> None:
    html = (
        '<html><head><link rel="canonical" href="https://example.org/dir/page.html"></head><body><article><h1>T</h1>'
        f"{body}<p>Padding words so that the extractor keeps the article, as it does with real ones.</p></article></body></html>"
    )
    entry = import_page(tmp_path, html, kind="statement", author="A", date=__import__("datetime").date(2025, 1, 1))
    # make_source has already read the Markdown back and compared Documents; here, what a person sees
    assert entry.text.split("---\n", 2)[2].startswith("\n" + expected + "\n\n"), entry.text
