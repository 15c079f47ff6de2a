"""Markup: the msgstr must carry the msgid's links, bold, italic and code, in any order.

Both sides are parsed with the parser that builds releases
(:func:`toolkit.document.markup.parse`), so what is compared is what would be printed:
a ``**`` left open is literal asterisks, an unknown ``[text][3]`` is literal
brackets. Links are compared by target and spans by kind, as multisets
(Sphinx's ``compare_references``): translators may reorder them.

>>> from toolkit.glossary import Glossary
>>> from toolkit.checks.settings import CheckSettings
>>> e = Entry("fr", "x", "Sign **now** the [letter][1].", "Signez la [lettre][1] maintenant.",
...           ("https://a.org",), "paragraph", Glossary(), CheckSettings())
>>> links(e), emphasis(e)
([], ['bold: 1 in the source, 0 in the translation'])
"""

from __future__ import annotations

from collections import Counter

from ..document import Code, Content, iter_inline, iter_links
from ..document.compare import emphasis_differences
from .base import Entry
from .tokens import compare


def _hrefs(content: Content) -> list[str]:
    return [link.href for link in iter_links(content)]


def _dropped(entry: Entry) -> list[str]:
    """Warnings about links the parser dropped for an unsafe scheme (``javascript:``...)."""
    return [w for w in entry.target_warnings if w.startswith("link to ")]


def _to_source(entry: Entry, href: str) -> str:
    """The source URL a translated link stands for: itself, or the URL the project maps to it."""
    if href in entry.links:
        return href
    for source in entry.links:
        if entry.settings.link_override(entry.lang, source) == href:
            return source
    return href


def links(entry: Entry) -> list[str]:
    """``markup-links``: the same link targets as many times as in the source.

    A link to a URL the source does not have is ``link-target``'s to report;
    here it stands in for one missing source link, so one slip is one issue.
    """
    if not entry.links:
        return []  # the source links nowhere: a link in the translation is link-target's to report
    want = Counter(_hrefs(entry.source))
    mapped = [_to_source(entry, h) for h in _hrefs(entry.target)]
    have = Counter(h for h in mapped if h in want)
    unknown = sum(1 for h in mapped if h not in want) + len(_dropped(entry))
    problems: list[str] = []
    for href in entry.links:
        if want[href] == have[href]:
            continue
        if want[href] > have[href] and unknown:
            unknown -= 1
            continue
        number = entry.links.index(href) + 1
        problems.append(f"link […][{number}] ({href}): {want[href]} in the source, {have[href]} in the translation")
    return problems


def link_target(entry: Entry) -> list[str]:
    """``link-target``: an inline link to a URL that neither the source nor ``[links.<lang>]`` gives."""
    problems = [f"{w}: write the link as [text][N]" for w in _dropped(entry)]
    for href in _hrefs(entry.target):
        if _to_source(entry, href) not in entry.links:
            expected = ", ".join(f"[{i}] {u}" for i, u in enumerate(entry.links, 1)) or "none"
            problems.append(
                f"link to {href} is not a link of the source (source links: {expected}); "
                f"use [text][N], or map the source URL to it in toolkit.toml [links.{entry.lang}]"
            )
    return problems


def emphasis(entry: Entry) -> list[str]:
    """``markup-emphasis``: as many bold and italic spans as the source (the comparison builds warn with too)."""
    return emphasis_differences(entry.source, entry.target)


def code(entry: Entry) -> list[str]:
    """``markup-code``: inline code is copied, never translated."""
    want = [f"`{n.text}`" for n in iter_inline(entry.source) if isinstance(n, Code)]
    have = [f"`{n.text}`" for n in iter_inline(entry.target) if isinstance(n, Code)]
    return compare(want, have, "inline code")


def raw_html(entry: Entry) -> list[str]:
    """``markup-html``: raw HTML or images in a msgstr are printed as text, never interpreted."""
    found = [w for w in entry.target_warnings if not w.startswith("link to ")]
    return ["; ".join(found)] if found else []


__all__ = ["code", "emphasis", "link_target", "links", "raw_html"]
