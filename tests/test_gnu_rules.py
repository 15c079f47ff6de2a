"""`stk check` refuses what GNU `msgfmt -c` refuses, so no such catalog is ever released (issue 12, finding 7).

A catalog without its header entry crashed check and release (TypeError); a byte-order mark and
bad Plural-Forms passed check and were released. The toolkit's own rules (no tool needed) and,
where GNU gettext is installed, msgfmt itself decide together; msgfmt is the oracle here.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import make_project, run_stk, statement

from toolkit import api
from toolkit.catalogs import pofile

CONFIG = '[project]\nname = "Gnu"\norganisation = "Coalition"\ntarget_languages = ["fr"]\n'
PLURAL = "nplurals=2; plural=(n > 1);"


def reviewed_project(tmp_path: Path) -> tuple[Path, Path]:
    """A project whose French catalog is complete and reviewed: ready to release, until it is damaged."""
    root = make_project(tmp_path / "p", {"s": statement("Hello world. Second sentence.\n")}, CONFIG)
    api.extract(api.open_project(root))
    path = root / "locales/fr/s.po"
    text = path.read_text(encoding="utf-8")
    for msgid in ("A title", "The Coalition", "Hello world.", "Second sentence."):
        text = text.replace(f'msgid "{msgid}"\nmsgstr ""', f'msgid "{msgid}"\nmsgstr "FR {msgid}"')
    path.write_text(text, encoding="utf-8")
    assert api.status(api.open_project(root)).summary("fr").ready
    return root, path


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def headerless(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    start = text.index('msgid ""')
    path.write_text(text[:start] + text[text.index("\n\n", start) + 2 :], encoding="utf-8")


def bom(path: Path) -> None:
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())


# name, damage, line, message
CASES = [
    ("no header entry", headerless, None, 'no header entry (msgid ""), which GNU msgfmt refuses: `stk extract` writes one'),
    (
        "byte-order mark",
        bom,
        1,
        "the file starts with a byte-order mark (U+FEFF), which GNU msgfmt refuses: save it as UTF-8 without one "
        "(`stk extract` does)",
    ),
    (
        "plural expression",
        lambda p: replace(p, PLURAL, "nplurals=2; plural=(n > );"),
        15,
        "Plural-Forms: invalid plural expression '(n > )' (for fr: nplurals=2; plural=(n > 1);)",
    ),
    (
        "nplurals too small",
        lambda p: replace(p, PLURAL, "nplurals=2; plural=n%3;"),
        15,
        "Plural-Forms: nplurals = 2 but the plural expression can produce values as large as 2",
    ),
    ("nplurals", lambda p: replace(p, PLURAL, "nplurals=x; plural=n%3;"), 15, "Plural-Forms: invalid nplurals value 'x'"),
    (
        "division by zero",
        lambda p: replace(p, PLURAL, "nplurals=2; plural=(1/n);"),
        15,
        "Plural-Forms: the plural expression can divide by zero",
    ),
    (
        "ends with a newline",
        lambda p: replace(p, 'msgstr "FR Hello world."', 'msgstr "FR Hello world.\\n"'),
        30,
        "'msgid' and 'msgstr' do not both end with '\\n' (GNU msgfmt refuses it)",
    ),
    (
        "begins with a newline",
        lambda p: replace(p, 'msgstr "FR Hello world."', 'msgstr "\\nFR Hello world."'),
        30,
        "'msgid' and 'msgstr' do not both begin with '\\n' (GNU msgfmt refuses it)",
    ),
]


@pytest.mark.parametrize(("name", "damage", "line", "message"), CASES, ids=[c[0] for c in CASES])
def test_what_msgfmt_refuses_is_a_check_error_and_is_never_released(
    tmp_path: Path, name: str, damage: object, line: int | None, message: str, msgfmt
) -> None:  # type: ignore[no-untyped-def]
    root, path = reviewed_project(tmp_path)
    damage(path)  # type: ignore[operator]
    assert msgfmt(path).returncode != 0  # the oracle refuses it
    where = f"locales/fr/s.po:{line}" if line else "locales/fr/s.po"

    run = run_stk("check", "--project", str(root))
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr
    errors = [i for i in api.check(api.open_project(root)).errors()]
    assert [(str(i.location), i.code, i.message) for i in errors] == [(where, "msgfmt", message)]

    assert not api.status(api.open_project(root)).summary("fr").ready
    run = run_stk("release", "--project", str(root))
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr
    assert f"{where}: Release refused: fr/s: 1 QA error: [msgfmt] {message}" in run.stderr
    assert not (root / "output/releases/s/fr").exists()


def test_extract_repairs_a_headerless_catalog_and_one_with_a_bom(tmp_path: Path, msgfmt) -> None:  # type: ignore[no-untyped-def]
    for damage in (headerless, bom):
        root, path = reviewed_project(tmp_path / damage.__name__)
        damage(path)
        api.extract(api.open_project(root))
        assert msgfmt(path).returncode == 0
        assert 'msgstr "FR Hello world."' in path.read_text(encoding="utf-8")  # the translations kept
        assert api.status(api.open_project(root)).summary("fr").ready


def test_a_rule_only_msgfmt_knows_is_reported_through_msgfmt(tmp_path: Path) -> None:
    """A c-format entry whose msgstr lost its %d: no rule of the toolkit's own, GNU says it."""
    root, path = reviewed_project(tmp_path)
    replace(path, 'msgid "Hello world."\nmsgstr "FR Hello world."', '#, c-format\nmsgid "Hello world."\nmsgstr "FR %d world."')
    errors = api.check(api.open_project(root)).errors()
    assert [(str(i.location), i.code) for i in errors] == [("locales/fr/s.po:32", "msgfmt")]  # msgfmt names the msgstr line
    assert errors[0].message.startswith("GNU msgfmt -c: ") and "format specifications" in errors[0].message


# --- the toolkit's own rules agree with msgfmt where GNU gettext is not installed ---------------

AR = "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;"
HEAD = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Plural-Forms: {plural}\\n"\n\n'
CORPUS = [
    # (plural forms, body): every rule, each way
    (PLURAL, 'msgid "A"\nmsgstr "B"\n'),
    ("nplurals=1; plural=0;", 'msgid "A"\nmsgstr "B"\n'),
    (
        "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;",
        'msgid "A"\nmsgstr "B"\n',
    ),
    ("nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && (n%100<10 || n%100>=20) ? 1 : 2);", 'msgid "A"\nmsgstr "B"\n'),
    ("nplurals=2; plural=n != 1", 'msgid "A"\nmsgstr "B"\n'),
    ("nplurals=2; plural=!(n == 1);", 'msgid "A"\nmsgstr "B"\n'),
    ("nplurals=2; plural=(n > );", 'msgid "A"\nmsgstr "B"\n'),
    ("nplurals=2; plural=n%3;", 'msgid "A"\nmsgstr "B"\n'),
    ("nplurals=0; plural=0;", 'msgid "A"\nmsgstr "B"\n'),
    ("nplurals=x; plural=0;", 'msgid "A"\nmsgstr "B"\n'),
    ("nplurals=2; plural=(1/n);", 'msgid "A"\nmsgstr "B"\n'),
    ("nplurals=2; plural=(n%(n-1));", 'msgid "A"\nmsgstr "B"\n'),
    ("nplurals=2; plural=(n > 1) + ;", 'msgid "A"\nmsgstr "B"\n'),
    ("nplurals=2; plural=m > 1;", 'msgid "A"\nmsgstr "B"\n'),
    (PLURAL, 'msgid "A"\nmsgid_plural "As"\nmsgstr[0] "B"\nmsgstr[1] "Bs"\n'),
    (PLURAL, 'msgid "A"\nmsgid_plural "As"\nmsgstr[0] "B"\n'),
    (PLURAL, 'msgid "A"\nmsgid_plural "As"\nmsgstr[0] "B"\nmsgstr[1] "Bs"\nmsgstr[2] "Bss"\n'),
    (PLURAL, '#, fuzzy\nmsgid "A"\nmsgid_plural "As"\nmsgstr[0] "B"\n'),
    (PLURAL, 'msgid "A\\n"\nmsgstr "B"\n'),
    (PLURAL, 'msgid "A\\n"\nmsgstr "B\\n"\n'),
    (PLURAL, 'msgid "A"\nmsgstr "\\nB"\n'),
    (PLURAL, 'msgid "A"\nmsgstr ""\n'),
    (PLURAL, '#, fuzzy\nmsgid "A"\nmsgstr "B\\n"\n'),
    (PLURAL, 'msgid "A\\n"\nmsgid_plural "As\\n"\nmsgstr[0] "B\\n"\nmsgstr[1] "Bs"\n'),
]


@pytest.mark.parametrize(("plural", "body"), CORPUS)
def test_the_toolkits_own_rules_give_msgfmts_verdict(tmp_path: Path, plural: str, body: str) -> None:
    exe = shutil.which("msgfmt")
    assert exe, "GNU gettext (msgfmt) is the oracle: `make test` installs it"
    text = HEAD.format(plural=plural) + body
    path = tmp_path / "x.po"
    path.write_text(text, encoding="utf-8")
    refused_by_gnu = subprocess.run([exe, "-c", "-o", "/dev/null", str(path)], capture_output=True).returncode != 0
    from toolkit.catalogs import gnu

    problems = gnu.own_rules(text.encode("utf-8"), text, pofile.parse(text, "x.po"), "fr")
    assert bool(problems) == refused_by_gnu, (problems, text)
