"""Inline content <-> light Markdown msgids: inverse functions, safe links."""

from __future__ import annotations

import pytest

from toolkit import api
from toolkit.document import Code, Emphasis, Link, Strong, Text
from toolkit.document.markup import escape_text, is_safe_href, parse, serialize


def no_warnings(message: str) -> None:
    raise AssertionError(f"unexpected warning: {message}")


CASES = [
    (Text("Asia Justice Coalition (AJC)*"),),
    (Text("reiterate[ing] [the] commitment"),),
    (Text("a_b file_name _lead trail_ & x &amp; y"),),
    (Text("back\\slash and `tick` and <tag>"),),
    (Text("Call "), Strong((Text("now"),)), Text("!")),
    (Strong((Text("all "), Emphasis((Text("States"),)), Text(" Parties"))),),
    (Text("See the "), Link("https://example.org/a_b?x=1&y=2", (Text("statement"),)), Text(".")),
    (
        Link("https://a.org", (Text("one"),)),
        Text(" and "),
        Link("https://b.org", (Strong((Text("two"),)),)),
        Text(" and "),
        Link("https://a.org", (Text("again"),)),
    ),
    (Text("Run "), Code("stk extract"), Text(" now")),
    (Text("1. Not a list, # not a heading, > not a quote"),),
    (Text("Eleanor Lives! (US) ![not an image]"),),
]


@pytest.mark.parametrize("content", CASES)
def test_serialize_then_parse_is_identity(content) -> None:  # type: ignore[no-untyped-def]
    text = serialize(content)
    links = tuple(dict.fromkeys(_hrefs(content)))
    assert parse(text, links, no_warnings) == content


def _hrefs(content):  # type: ignore[no-untyped-def]
    for node in content:
        if isinstance(node, Link):
            yield node.href
        if hasattr(node, "children"):
            yield from _hrefs(node.children)


def test_links_are_numbered_references() -> None:
    content = CASES[7]
    assert serialize(content) == "[one][1] and [**two**][2] and [again][1]"


def test_every_example_segment_round_trips(example) -> None:  # type: ignore[no-untyped-def]
    project = api.open_project(example)
    count = 0
    for st in project.statements:
        for seg in st.segments:
            assert parse(seg.msgid, seg.links, no_warnings) == seg.content, seg.msgid
            count += 1
    assert count > 400


def test_translator_markup_is_parsed() -> None:
    got = parse("Signez la [lettre][1] **maintenant**.", ("https://x.org",), no_warnings)
    assert got == (
        Text("Signez la "),
        Link("https://x.org", (Text("lettre"),)),
        Text(" "),
        Strong((Text("maintenant"),)),
        Text("."),
    )


def test_hostile_msgstr_is_kept_as_text_or_dropped() -> None:
    warnings: list[str] = []
    got = parse('<script>alert(1)</script> [x](javascript:alert(1)) [y](data:text/html,z) " onmouseover=', (), warnings.append)
    assert all(isinstance(n, Text) for n in got)
    assert "<script>" in got[0].text  # type: ignore[union-attr]
    assert any("raw HTML" in w for w in warnings)


def test_unsafe_inline_link_in_msgstr_is_dropped_with_warning() -> None:
    warnings: list[str] = []
    got = parse("Appelez [ici](tel:123).", (), warnings.append)
    assert got == (Text("Appelez ici."),)
    assert warnings and "tel:123" in warnings[0]


@pytest.mark.parametrize(
    ("href", "safe"),
    [
        ("https://x.org", True),
        ("HTTP://X.ORG", True),
        ("mailto:a@b.org", True),
        ("/relative/path.html", True),
        ("other.html#frag", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        (" javascript:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("data:text/html,x", False),
        ("vbscript:x", False),
        ("ftp://x.org", False),
        ("tel:+33", False),
    ],
)
def test_safe_schemes(href: str, safe: bool) -> None:
    assert is_safe_href(href) is safe


def test_escape_keeps_intraword_underscores_readable() -> None:
    assert escape_text("snake_case") == "snake_case"
    assert escape_text("_x_") == "\\_x\\_"
