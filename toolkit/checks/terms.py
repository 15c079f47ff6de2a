"""Glossary: where the source uses a glossary term, the translation uses one of its accepted forms.

Matching is the glossary's own (:mod:`toolkit.glossary`): English plurals and
capitals on the source side; on the target side case, apostrophes and no-break
spaces are folded, and Arabic tolerates the article ال, attached prepositions
and conjunctions and the alef/ya/ta marbuta variants. A term that occurs twice
in the source needs its rendering once: a translation may use a pronoun.
"""

from __future__ import annotations

from ..glossary import Term, target_present
from .base import Entry


def glossary(entry: Entry) -> list[str]:
    """``glossary``: a glossary term of the source has none of its forms in the translation."""
    problems: list[str] = []
    seen: set[Term] = set()
    for match in entry.glossary.find(entry.source_text):
        term = match.term
        if term in seen or not term.forms(entry.lang):
            continue
        seen.add(term)
        if target_present(term, entry.lang, entry.target_text):
            continue
        forms = " | ".join(f"“{f}”" for f in term.forms(entry.lang))
        if term.do_not_translate:
            problems.append(f"“{match.text}” is not translated: keep {forms}")
        else:
            problems.append(f"“{match.text}” should be rendered {forms} (glossary line {term.line})")
    return problems


__all__ = ["glossary"]
