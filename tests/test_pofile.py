"""The strict PO syntax check: what GNU msgfmt refuses, refused at the line a translator must fix."""

from __future__ import annotations

import pytest

from toolkit.catalogs.pofile import check_syntax, parse
from toolkit.errors import CatalogError, CharsetError, Location

HEAD = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        ('msgid "one"\nmsgstr "un\n', 6, "end-of-line within string"),
        ('msgid "one\nmsgstr "un"\n', 5, "end-of-line within string"),
        ('msgid "one"\n\nmsgid "two"\nmsgstr "deux"\n', 5, "missing 'msgstr' section"),
        ('msgid "one"\nmsgstr "un" "deux"\n', 6, 'unescaped " inside a string'),
        ('msgid "one"\nmsgstr "un \\q"\n', 6, "invalid escape sequence \\q"),
        ('msgid "one"\nmsgstr "un"\ngarbage\n', 7, "keyword 'garbage' unknown"),
        ('msgstr "orphan"\n', 5, "msgstr without msgid"),
        ('"dangling"\n', 5, "string without a keyword"),
        ('msgid "one"\nmsgstr "un"\n\nmsgid "one"\nmsgstr "uno"\n', 8, "duplicate message definition (first defined at line 5)"),
        ('msgid "one"\n# a comment in the middle\nmsgstr "un"\n', 5, "missing 'msgstr' section"),
        ('#| msgid "old\nmsgid "one"\nmsgstr "un"\n', 5, "in the previous msgid"),
        ('msgid "one"\nmsgid_plural "ones"\nmsgstr "un"\n', 7, "the translations are msgstr[0], msgstr[1]"),
        ('msgid "one"\nmsgstr[0] "un"\n', 5, "missing 'msgid_plural' section"),
        ('msgid "one"\nmsgstr "un"\n# a comment\n"more"\n', 8, "a string after a comment line"),
        ('msgid "one"\nmsgstr "\\303\\251"\n', 6, "escape sequence \\3... is read differently by PO tools"),
    ],
)
def test_broken_files(body: str, line: int, words: str) -> None:
    with pytest.raises(CatalogError) as err:
        check_syntax(HEAD + body, "fr.po")
    assert err.value.location is not None and err.value.location.line == line
    assert words in err.value.message


@pytest.mark.parametrize(
    "body",
    [
        'msgid "one"\nmsgstr "un"\n',
        '#, fuzzy\n#| msgid "old"\nmsgid "one"\nmsgstr "un"\n',
        'msgid ""\n"multi "\n"line"\nmsgstr ""\n"multi "\n"ligne"\n',
        'msgctxt "ctx"\nmsgid "one"\nmsgstr "un"\n\nmsgid "one"\nmsgstr "un"\n',
        'msgid "one"\nmsgid_plural "ones"\nmsgstr[0] "un"\nmsgstr[1] "uns"\n',
        'msgid "one"\nmsgstr "un"\n#~ msgid "one"\n#~ msgstr "un"\n',
        'msgid "tab\\there \\"quoted\\" back\\\\slash\\n"\nmsgstr "ok"\n',
        'msgid "one"\nmsgstr "un"\nmsgid "two"\nmsgstr "deux"\n',
    ],
)
def test_valid_files(body: str) -> None:
    check_syntax(HEAD + body, "fr.po")
    assert parse(HEAD + body, "fr.po") is not None


def test_non_utf8_charset_is_refused() -> None:
    text = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=ISO-8859-1\\n"\n'
    with pytest.raises(CatalogError) as err:
        parse(text, "fr.po")
    assert err.value.location is not None and err.value.location.line == 3


@pytest.mark.parametrize(
    ("content_type", "accepted"),
    [
        ("text/plain; charset=UTF-8", True),
        ("text/plain; charset=utf8", True),
        ("text/plain; charset=utf_8", True),
        ("text/plain;charset=UTF-8", True),
        ("text/plain; charset=ISO-8859-1", False),
        ("text/plain", False),  # says nothing: editors would guess
    ],
)
def test_one_charset_rule(content_type: str, accepted: bool) -> None:
    text = f'msgid ""\nmsgstr ""\n"Content-Type: {content_type}\\n"\n'
    if accepted:
        assert parse(text, "fr.po").metadata["Content-Type"] == content_type
        return
    with pytest.raises(CharsetError) as err:
        parse(text, "fr.po")
    assert err.value.location == Location("fr.po", 3) and "UTF-8 only" in err.value.message
