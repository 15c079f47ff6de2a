"""The fast PO reader and writer against polib's, on real catalogs and on thousands of generated and damaged ones.

:mod:`toolkit.catalogs.poparse` must build exactly what the strict reader (GNU's grammar, then polib)
builds, or step aside (None) and let it decide; :mod:`toolkit.catalogs.porender` must write exactly
``str(po)``. Any difference would show up as a catalog rewritten on the next run, a line number off
in an error, or a translation read differently.
"""

from __future__ import annotations

import random
import textwrap
from pathlib import Path

import polib
import pytest

from toolkit.catalogs import pofile, poparse, porender
from toolkit.errors import CatalogError

ROOT = Path(__file__).resolve().parent.parent
ATTRIBUTES = ("header", "metadata", "metadata_is_fuzzy", "wrapwidth", "encoding", "fpath")


def strict(text: str) -> polib.POFile:
    return pofile._parse_strictly(text, "x.po")


def assert_same(fast: polib.POFile, slow: polib.POFile) -> None:
    for name in ATTRIBUTES:
        assert getattr(fast, name) == getattr(slow, name), name
    assert [type(e) for e in fast] == [type(e) for e in slow]
    assert [e.__dict__ for e in fast] == [e.__dict__ for e in slow]


def fast_if_readable(text: str) -> polib.POFile | None:
    """The fast reading of ``text`` held to the strict one: the same catalog, or None (always None for a broken file)."""
    try:
        slow = strict(text)
    except CatalogError:
        assert poparse.parse(text, 79) is None, text  # an error is always the strict reader's, with its line
        return None
    fast = poparse.parse(text, 79)
    if fast is not None:
        assert_same(fast, slow)
    return fast


def repository_catalogs() -> list[Path]:
    found = [*ROOT.glob("locales/**/*.po"), *ROOT.glob("locales/**/*.pot"), *ROOT.glob("tests/fixtures/**/*.po*")]
    return sorted(p for p in found if p.is_file())


@pytest.mark.parametrize("path", repository_catalogs(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_catalog_in_the_repository_reads_and_writes_as_with_polib(path: Path) -> None:
    try:
        text = pofile.decode(path.read_bytes(), path.name)
    except CatalogError:
        return  # not UTF-8: refused before either reader sees it
    fast_if_readable(text)
    try:
        slow = strict(text)
    except CatalogError:
        return
    assert porender.render(slow) == str(slow)


def test_the_example_catalogs_take_the_fast_path() -> None:
    # The reader is only worth having if the files the toolkit writes are inside its subset.
    paths = [*ROOT.glob("locales/*/*.po"), *ROOT.glob("locales/templates/*.pot")]
    assert len(paths) == 20
    for path in paths:
        text = path.read_text(encoding="utf-8")
        assert poparse.parse(text, 79) is not None, path
        assert porender.render(strict(text)) == text, path


# --- generated catalogs --------------------------------------------------------

WORDS = [
    "the", "International", "Criminal", "Court", "human-rights", "follow-up", "e-mail", "a--b", "--",
    "well-known-thing", "x-", "-y", "2024-2025", "«", "»", "¿Qué?", "المحكمة", "الجنائية", "\u00a0", "l’État",
    '"quoted"', "back\\slash", "tab\there", "end\n", "a\u00adb", "nbsp\u00a0:", "Ünïcödé",
    "averyveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryverylongword",
    "hyphen-ated-very-long-word-that-goes-on-and-on-beyond-the-width-of-a-line-for-sure",
    "https://example.org/a-b?c=d&e=f", "[1]", "**bold**", "*it*", "\\n", "%s", "{name}", "  ", "   ",
]  # fmt: skip


RARE = ["line\u2028sep", "para\u2029sep", "nel\x85", "ff\x0c", "cr\rlf"]
"""Where str.splitlines() breaks: the fast reader leaves such catalogs to the strict one."""


def random_text(rng: random.Random, longest: int = 40) -> str:
    words = [rng.choice(WORDS) if rng.random() > 0.002 else rng.choice(RARE) for _ in range(rng.randint(0, longest))]
    text = ""
    for word in words:
        text += word + rng.choice([" ", " ", " ", "", "  ", "-", " -- "])
    return text.strip(" ") if rng.random() < 0.8 else text


def random_entry(rng: random.Random, index: int) -> polib.POEntry:
    msgid = f"{random_text(rng)} #{index}"
    entry = polib.POEntry(msgid=msgid, msgstr=random_text(rng) if rng.random() < 0.7 else "")
    if rng.random() < 0.1:
        entry.msgctxt = random_text(rng, 3) or "ctx"
    if rng.random() < 0.5:
        entry.comment = "\n".join(random_text(rng, 12).replace("\n", " ").strip() or "c" for _ in range(rng.randint(1, 2)))
    if rng.random() < 0.2:
        # (a line ending in a space is read without it by polib, and left to it by the fast reader)
        entry.tcomment = "\n".join(random_text(rng, 30).replace("\n", " ").strip() for _ in range(rng.randint(1, 3)))
    if rng.random() < 0.8:
        entry.occurrences = [(f"sources/s-{rng.randint(0, 9)}.md", str(rng.randint(1, 999))) for _ in range(rng.randint(1, 12))]
    if rng.random() < 0.3:
        entry.flags = rng.sample(["fuzzy", "ignore-same", "no-wrap", "python-format"], rng.randint(1, 2))
    if rng.random() < 0.15:
        entry.previous_msgid = random_text(rng)
        if rng.random() < 0.2:
            entry.previous_msgctxt = "old"
    if rng.random() < 0.01:
        entry.msgid_plural = f"{msgid} (plural)"
        entry.msgstr_plural = {0: random_text(rng, 5), 1: random_text(rng, 5)}
    if rng.random() < 0.1:
        entry.obsolete = True
    return entry


def random_catalog(rng: random.Random) -> polib.POFile:
    po = polib.POFile(wrapwidth=79)
    po.header = rng.choice(["", "French translation.\nSecond line.", "\nstarts empty", ", flags-like", "one"])
    po.metadata = {"Project-Id-Version": "x", "Language": "fr", "Content-Type": "text/plain; charset=UTF-8"}
    if rng.random() < 0.2:
        po.metadata["X-Extra"] = random_text(rng, 4).replace("\n", " ")
    po.metadata_is_fuzzy = rng.random() < 0.1
    for index in range(rng.randint(0, 30)):
        po.append(random_entry(rng, index))
    return po


@pytest.mark.parametrize("seed", range(40))
def test_generated_catalogs_read_and_write_as_with_polib(seed: int) -> None:
    rng = random.Random(seed)
    fast_count = 0
    for _ in range(25):
        po = random_catalog(rng)
        text = str(po)
        assert porender.render(po) == text
        fast_count += fast_if_readable(text) is not None
    assert fast_count >= 8  # the comparison is about the fast path: most generated catalogs must take it


def damage(rng: random.Random, text: str) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(lines))
        line = lines[at]
        action = rng.randrange(10)
        if action == 0:
            del lines[at]
        elif action == 1:
            lines.insert(at, line)
        elif action == 2:
            lines[at] = " " + line
        elif action == 3:
            lines[at] = line + rng.choice([" ", "\t", "\u00a0", "\u2028", "\r"])
        elif action == 4:
            lines[at] = line.replace('"', "", 1)
        elif action == 5:
            lines.insert(at, rng.choice(["", "#", "# c", "#, fuzzy", '"x"', '#~ msgid "o"', '#| msgid "p"', "#~| x", "#.", "#:"]))
        elif action == 6 and at + 1 < len(lines):
            lines[at], lines[at + 1] = lines[at + 1], lines[at]
        elif action == 7:
            lines[at] = line.replace("\\", "\\q", 1) if "\\" in line else line + '\\"'
        elif action == 8:
            lines[at] = line.replace("msgid ", "msgid  ", 1).replace("msgstr ", "msgstr[0] ", 1)
        else:
            lines[at] = line.replace(" ", "\x01", 1)
    return "\n".join(lines)


@pytest.mark.parametrize("seed", range(40))
def test_damaged_catalogs_are_left_to_the_strict_reader_or_read_alike(seed: int) -> None:
    rng = random.Random(1000 + seed)
    fast_count = 0
    for _ in range(40):
        fast_count += fast_if_readable(damage(rng, str(random_catalog(rng)))) is not None
    assert fast_count >= 1  # damage that leaves the grammar intact (a blank line, a header comment) reads fast


def test_line_numbers_are_polibs() -> None:
    text = (
        '# header\nmsgid ""\nmsgstr ""\n"Language: fr\\n"\n\n\n'
        '#. first\n#: a.md:1\nmsgid "a"\nmsgstr "b"\n\n'
        'msgctxt "c"\nmsgid "a"\nmsgstr ""\n"more"\n\n#~ msgid "gone"\n#~ msgstr "parti"\n'
    )
    fast = poparse.parse(text, 79)
    assert fast is not None
    assert [e.linenum for e in fast] == [e.linenum for e in strict(text)] == [7, 12, 17]


def test_what_the_fast_reader_leaves_to_the_strict_one() -> None:
    good = 'msgid ""\nmsgstr ""\n"Language: fr\\n"\n\nmsgid "a"\nmsgstr "b"\n'
    assert poparse.parse(good, 79) is not None
    for broken in (
        good.replace('msgstr "b"', 'msgstr "b'),  # unterminated
        good.replace('msgid "a"', 'msgid  "a"'),  # two spaces: polib and GNU read it, this reader does not
        good + 'msgid "a"\nmsgstr "c"\n',  # duplicate
        good.replace('"b"', '"b"\u2028'),  # str.splitlines() breaks there
        good.replace('"b"', '"b\\x"'),  # an escape GNU and polib read differently
        good + "# trailing comment\n",  # polib drops the entry before it
        good.replace('msgstr "b"', '# inside\nmsgstr "b"'),
        good.replace("\n", "\r\n"),
    ):
        assert poparse.parse(broken, 79) is None, broken


# --- wrapping --------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(20))
def test_filling_is_textwraps(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(300):
        text = polib.escape(random_text(rng, 60)).replace(" -- ", " ")
        width = rng.choice([10, 20, 40, 77])
        expected = textwrap.wrap(text, width, drop_whitespace=False, break_long_words=False)
        if "-" not in text:
            assert porender._filler(width)(text) == expected, text
        assert porender._fill_chunks(text, width) == expected, text


def test_the_fifty_thousand_entry_shape_round_trips(tmp_path: Path) -> None:
    # The shape benchmarks/merge_catalog.py makes, smaller: every entry read fast, written back byte for byte.
    rng = random.Random(7)
    po = polib.POFile(wrapwidth=79)
    po.metadata = {"Language": "fr", "Content-Type": "text/plain; charset=UTF-8"}
    for index in range(2000):
        po.append(
            polib.POEntry(
                msgid=f"{random_text(rng)} [{index}]", msgstr=random_text(rng), occurrences=[("sources/b.md", str(index))]
            )
        )
    text = str(po)
    fast = poparse.parse(text, 79)
    assert fast is not None and len(fast) == 2000
    assert porender.render(fast) == text


@pytest.mark.parametrize("char", ["\u00a0", "\u2028", "\u3000"])
def test_a_line_holding_only_an_invisible_character_is_an_error_at_its_line(char: str) -> None:
    # str.split() finds no word there: the grammar check used to crash with an IndexError
    text = f'msgid ""\nmsgstr ""\n"Language: fr\\n"\n\nmsgid "a"\nmsgstr "b"\n{char}\n'
    with pytest.raises(CatalogError, match=f"U\\+{ord(char):04X}") as caught:
        pofile.parse(text, "fr.po")
    assert caught.value.location is not None and caught.value.location.line == 7


def test_the_fields_sent_between_processes_are_polibs() -> None:
    assert set(poparse._FIELDS) == set(polib.POEntry().__dict__) and len(poparse._FIELDS) == len(set(poparse._FIELDS))


@pytest.mark.parametrize("fork", [True, False])
def test_large_catalogs_read_on_two_cores_read_as_on_one(monkeypatch: pytest.MonkeyPatch, fork: bool) -> None:
    rng = random.Random(11)
    texts = []
    for size in (3000, 1500, 200, 800):
        po = polib.POFile(wrapwidth=79)
        po.header = "A header."
        po.metadata = {"Language": "fr", "Content-Type": "text/plain; charset=UTF-8"}
        for index in range(size):  # entries of the shapes the fast reader takes (the rare ones: tests above)
            entry = polib.POEntry(msgid=f"{random_text(rng)} [{index}]", msgstr=random_text(rng), comment="paragraph 1")
            entry.occurrences = [("sources/s.md", str(index))]
            entry.flags = ["fuzzy"] if index % 7 == 0 else []
            entry.obsolete = index % 50 == 3
            po.append(entry)
        texts.append(str(po))
    texts.append(texts[2].replace('msgid "', 'msgid  "', 1))  # left to the strict reader: None from the fast one
    monkeypatch.setattr(poparse, "_SHARE_ABOVE", 0 if fork else 10**12)
    shared = poparse.parse_many(texts, 79)
    alone = [poparse.parse(text, 79) for text in texts]
    assert shared[-1] is None and alone[-1] is None
    for a, b in zip(shared[:-1], alone[:-1], strict=True):
        assert a is not None and b is not None
        assert_same(a, b)


def test_a_failed_reading_process_is_made_up_for(monkeypatch: pytest.MonkeyPatch) -> None:
    from toolkit import forking

    texts = [str(random_catalog(random.Random(n))) for n in range(4)]
    monkeypatch.setattr(poparse, "_SHARE_ABOVE", 0)
    monkeypatch.setattr(forking.pickle, "dump", lambda *a, **k: 1 / 0)  # the child dies before it answers
    for a, text in zip(poparse.parse_many(texts, 79), texts, strict=True):
        b = poparse.parse(text, 79)
        assert (a is None) == (b is None)
        if a is not None and b is not None:
            assert_same(a, b)
