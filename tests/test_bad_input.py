"""Every bad input: one clear line naming file and line, exit 2, and no file changed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import make_project, run_stk, snapshot, statement, stk

from toolkit import api

SOURCE = statement("The Court is independent. It must stay so.\n\n<!-- names -->\n- Human Rights Watch\n")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = make_project(tmp_path / "p", {"court": SOURCE})
    api.extract(api.open_project(root))
    po = root / "locales/fr/court.po"
    po.write_text(
        po.read_text(encoding="utf-8").replace(
            'msgid "The Court is independent."\nmsgstr ""',
            'msgid "The Court is independent."\nmsgstr "La Cour est indépendante."',
        ),
        encoding="utf-8",
    )
    return root


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def break_utf8(root: Path) -> None:
    path = root / "sources/court.md"
    path.write_bytes(path.read_bytes().replace(b"stay so", b"stay s\xf6"))


def no_front_matter(root: Path) -> None:
    (root / "sources/court.md").write_text("The Court is independent.\n", encoding="utf-8")


def malformed_front_matter(root: Path) -> None:
    replace_in(root / "sources/court.md", "kind: statement", "kind: [statement")


def impossible_date(root: Path) -> None:
    replace_in(root / "sources/court.md", "date: 2025-01-14", "date: 2025-02-30")


def toml_syntax(root: Path) -> None:
    replace_in(root / "toolkit.toml", 'source_language = "en"', "source_language = en")


def unknown_language(root: Path) -> None:
    replace_in(root / "toolkit.toml", '"ar"]', '"xx-nope"]')


def duplicate_slug(root: Path) -> None:
    (root / "sources/2025").mkdir()
    (root / "sources/2025/court.md").write_text(SOURCE, encoding="utf-8")


def unterminated_string(root: Path) -> None:
    replace_in(root / "locales/fr/court.po", 'msgstr "La Cour est indépendante."', 'msgstr "La Cour est indépendante.')


def missing_msgstr(root: Path) -> None:
    replace_in(root / "locales/fr/court.po", 'msgstr "La Cour est indépendante."\n', "")


def wrong_language(root: Path) -> None:
    replace_in(root / "locales/es/court.po", '"Language: es\\n"', '"Language: fr\\n"')


def po_not_utf8(root: Path) -> None:
    path = root / "locales/fr/court.po"
    path.write_bytes(path.read_bytes().replace("indépendante".encode(), "indépendante".encode("latin-1")))


CASES: list[tuple[str, Callable[[Path], None], str]] = [
    ("source not UTF-8", break_utf8, "sources/court.md:8: Source error: not valid UTF-8: byte 0xf6 at column 41"),
    ("no front matter", no_front_matter, "sources/court.md:1: Source error: missing front matter"),
    ("malformed front matter", malformed_front_matter, "sources/court.md:5: Source error: malformed front matter"),
    ("impossible date", impossible_date, "sources/court.md:3: Source error: date 2025-02-30 does not exist"),
    ("TOML syntax", toml_syntax, "toolkit.toml:3: Config error: not valid TOML: Invalid value (column 19)"),
    ("unknown language", unknown_language, "toolkit.toml:4: Config error: unknown language code 'xx-nope'"),
    (
        "duplicate slug",
        duplicate_slug,
        "sources/court.md: Source error: two sources have the slug 'court' (sources/2025/court.md and sources/court.md)",
    ),
    ("unterminated string", unterminated_string, "locales/fr/court.po:31: Catalog error: end-of-line within string"),
    ("missing msgstr", missing_msgstr, "locales/fr/court.po:30: Catalog error: missing 'msgstr' section"),
    (
        "PO of another language",
        wrong_language,
        "locales/es/court.po:11: Catalog error: header declares Language: fr, but the file is in the folder for es",
    ),
    ("PO not UTF-8", po_not_utf8, "locales/fr/court.po:31: Catalog error: not valid UTF-8"),
]


@pytest.mark.parametrize(("name", "damage", "message"), CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("command", ["extract", "status"])
def test_bad_input_is_one_line_exit_2_nothing_changed(
    project: Path, name: str, damage: Callable[[Path], None], message: str, command: str
) -> None:
    damage(project)
    before = snapshot(project)
    run = stk(command, "--project", str(project))
    assert (run.returncode, run.stdout) == (2, ""), run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(message), run.stderr
    assert snapshot(project) == before


def test_in_a_real_process_bad_input_is_one_line_on_stderr_and_nothing_on_stdout(project: Path) -> None:
    """The cases above run in this process (a crash would fail them with its traceback); this is what a shell sees."""
    po_not_utf8(project)
    before = snapshot(project)
    run = run_stk("status", "--project", str(project))
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr.startswith("locales/fr/court.po:31: Catalog error: not valid UTF-8") and run.stderr.count("\n") == 1
    assert snapshot(project) == before


def test_gettext_agrees_on_the_line_of_a_broken_po(project: Path, msgfmt) -> None:  # type: ignore[no-untyped-def]
    # msgfmt counts the newline that ends an unterminated string, so it names the
    # next line (32); the toolkit names the line that lacks the quote (31).
    for damage, line in ((unterminated_string, 32), (missing_msgstr, 30)):
        path = project / "locales/fr/court.po"
        original = path.read_text(encoding="utf-8")
        damage(project)
        run = msgfmt(path)
        assert run.returncode != 0 and f"court.po:{line}:" in run.stderr
        path.write_text(original, encoding="utf-8")


def test_missing_config_says_how_to_start(tmp_path: Path) -> None:
    run = stk("extract", "--project", str(tmp_path))
    assert run.returncode == 2
    assert "no toolkit.toml" in run.stderr and "stk init" in run.stderr


def test_init_on_a_file_is_one_line(tmp_path: Path) -> None:
    target = tmp_path / "notes.txt"
    target.write_text("keep me\n", encoding="utf-8")
    for where in (target, target / "sub"):
        run = stk("init", str(where))
        assert run.returncode == 2, run.stderr
        assert len(run.stderr.strip().splitlines()) == 1
        assert str(target) in run.stderr
    assert target.read_text(encoding="utf-8") == "keep me\n"
