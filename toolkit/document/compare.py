"""What a translation lost or added of its source's emphasis: one comparison for reassembly (build
warnings) and QA (``markup-emphasis``), so both say the same thing about the same entry."""

from __future__ import annotations

from .model import Content, Emphasis, Strong, iter_inline


def emphasis_differences(source: Content, translation: Content) -> list[str]:
    """Bold and italic spans, counted (translators may move them, not add or drop them).

    >>> from toolkit.document import Text
    >>> emphasis_differences((Strong((Text("now"),)),), (Text("maintenant"),))
    ['bold: 1 in the source, 0 in the translation']
    """
    messages: list[str] = []
    for kind, name in ((Strong, "bold"), (Emphasis, "italic")):
        want = sum(isinstance(node, kind) for node in iter_inline(source))
        have = sum(isinstance(node, kind) for node in iter_inline(translation))
        if want != have:
            messages.append(f"{name}: {want} in the source, {have} in the translation")
    return messages
