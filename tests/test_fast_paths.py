"""The speed-ups of issue 11 that replace a loop by a shortcut give what the loop gave, on random input.

Each reference below is the code as it was before (a character loop, every glossary pattern tried);
the shortcut must agree with it on thousands of random strings drawn from the characters that matter.
"""

from __future__ import annotations

import random
import re
from collections import Counter

from markdown_it.token import Token

from toolkit.checks.tokens import compare
from toolkit.document.markup import _ENTITY, content_from_tokens, escape_text, parse
from toolkit.glossary import Glossary, Match, Term, _contains_word, english_pattern

ALPHABET = "ab_ *[]`<&!\\#x;1é\u00a0İſKk\n"


def reference_escape(text: str) -> str:
    out: list[str] = []
    for i, ch in enumerate(text):
        if ch in "\\*[]`<":
            out.append("\\" + ch)
        elif ch == "_":
            before = text[i - 1] if i else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            out.append("_" if before.isalnum() and after.isalnum() else "\\_")
        elif ch == "&" and _ENTITY.match(text, i):
            out.append("\\&")
        elif ch == "!" and text[i + 1 : i + 2] == "[":
            out.append("\\!")
        else:
            out.append(ch)
    return "".join(out)


def test_escape_text_escapes_as_the_character_loop_did() -> None:
    rng = random.Random(11)
    samples = [
        "",
        "plain text",
        "file_name",
        "&amp; &#12; &x",
        "![x] !",
        *("".join(rng.choices(ALPHABET, k=rng.randint(0, 30))) for _ in range(5000)),
    ]
    for text in samples:
        assert escape_text(text) == reference_escape(text), repr(text)


def reference_find(glossary: Glossary, text: str) -> tuple[Match, ...]:
    found: list[Match] = []
    taken: list[tuple[int, int]] = []
    for term in sorted(glossary.terms, key=lambda t: (-len(t.source), t.source)):
        for m in english_pattern(term).finditer(text):
            span = (m.start(), m.end())
            if any(a < span[1] and span[0] < b for a, b in taken):
                continue
            taken.append(span)
            found.append(Match(term, m.start(), m.end(), m.group(0)))
    return tuple(sorted(found, key=lambda m: m.start))


def test_glossary_find_skips_only_terms_that_cannot_match() -> None:
    sources = [
        "State Party",
        "States Parties",
        "arrest warrant",
        "ICC",
        "Rome Statute",
        "policy",
        "Assembly of States Parties",
        "ASP",
        "victim",
        "Kosovo",
        "İstanbul Convention",
    ]
    glossary = Glossary(tuple(Term(s, {"fr": (s,)}, line=n) for n, s in enumerate(sources, 1)))
    words = [
        *sources,
        "policies",
        "states parties",
        "STATE PARTY",
        "icc",
        "ICCs",
        "Arrest Warrants",
        "ſtate party",
        "polıcy",
        "vıctims",
        "KOSOVO",
        "Kosovo",
        "the",
        "of",
        "-",
        " ",
        "\u00a0",
    ]
    rng = random.Random(7)
    for _ in range(3000):
        text = " ".join(rng.choices(words, k=rng.randint(0, 8)))
        assert glossary.find(text) == reference_find(glossary, text), repr(text)
    assert re.search("K", "\u212a", re.IGNORECASE)  # the non-ASCII folds the shortcut leaves to the patterns


def test_the_po_string_pattern_reads_what_the_backtracking_one_read() -> None:
    from toolkit.catalogs.pofile import _STRING

    before = re.compile(r'^"((?:[^"\\]|\\.)*)"\s*$')
    rng = random.Random(3)
    for _ in range(50_000):
        line = '"' + "".join(rng.choices('a"\\ n\tx', k=rng.randint(0, 12))) + rng.choice(['"', "", '" ', '"x', '\\"'])
        old, new = before.match(line), _STRING.match(line)
        assert (old is None) == (new is None), repr(line)
        assert old is None or new is None or old.group(1) == new.group(1), repr(line)


def test_a_form_is_found_as_the_word_pattern_found_it() -> None:
    rng = random.Random(5)
    pieces = ["ab", "États", "ال", "a", "_", "-", " ", "’", ".", "1", "٣", "é", "\u00a0", ""]
    for _ in range(20000):
        text = "".join(rng.choices(pieces, k=rng.randint(0, 8)))
        word = "".join(rng.choices(pieces, k=rng.randint(0, 3)))
        expected = re.search(r"(?<!\w)" + re.escape(word) + r"(?!\w)", text) is not None
        assert _contains_word(text, word) == expected, (text, word)


def test_text_without_inline_syntax_parses_as_markdown_it_parses_it() -> None:
    # The shortcut hands such text over as one text token: what markdown-it returns for it.
    from toolkit.document import markup

    rng = random.Random(9)
    alphabet = [*"abc XYZ 123 #$%+-:=>@^{}~|'\".,;\t", "\u00a0", "\u2028", "é", "«", "http://x.org/a", "  ", ":)", "--"]
    for _ in range(5000):
        text = "".join(rng.choices(alphabet, k=rng.randint(1, 30)))
        warnings: list[str] = []
        shortcut = parse(text, ["https://l.example"], warnings.append)
        env = {"references": {"1": {"href": "https://l.example", "title": ""}}}
        tokens = markup._PARSER.parseInline(text, env)[0].children or []
        assert shortcut == content_from_tokens(tokens, warnings.append, raw_html="text"), repr(text)
        assert shortcut == content_from_tokens([Token("text", "", 0, content=text)], warnings.append, raw_html="text")


def test_comparing_lists_says_what_comparing_multisets_said() -> None:
    rng = random.Random(3)
    for _ in range(3000):
        want = rng.choices(["1", "2", "2025", "ICC"], k=rng.randint(0, 4))
        have = rng.choices(["1", "2", "2025", "ICC"], k=rng.randint(0, 4))
        assert compare(want, have, "numbers") == compare(Counter(want), Counter(have), "numbers")
