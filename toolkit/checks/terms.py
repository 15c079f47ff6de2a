"""Glossary: where the source uses a glossary term, the translation uses one of its accepted forms.

Matching is the glossary's own (:mod:`toolkit.glossary`): English plurals and
capitals on the source side; on the target side case, apostrophes and no-break
spaces are folded, and Arabic tolerates the article ال, attached prepositions
and conjunctions and the alef/ya/ta marbuta variants. A term that occurs twice
in the source needs its rendering once: a translation may use a pronoun.
"""

from __future__ import annotations

from ..glossary import Term, contains_form, contains_form_as_written, target_present
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


def glossary_case(entry: Entry) -> list[str]:
    """``glossary-case``: a glossary term is rendered, but not with the glossary's capitals.

    The glossary check folds case so that a term opening a sentence still matches; this one
    holds a decided spelling (« États Parties », not « États parties ») to the letter.
    """
    problems: list[str] = []
    seen: set[Term] = set()
    for match in entry.glossary.find(entry.source_text):
        term, forms = match.term, match.term.forms(entry.lang)
        if term in seen or not forms:
            continue
        seen.add(term)
        # Only scripts with capitals: Arabic forms have none (and match by their own rules).
        cased = [f for f in forms if any(c.lower() != c.upper() for c in f)]
        present = [f for f in cased if contains_form(entry.target_text, f, entry.lang)]
        if present and not any(contains_form_as_written(entry.target_text, f) for f in present):
            problems.append(f"“{present[0]}” is written with other capitals than the glossary's (glossary line {term.line})")
    return problems


__all__ = ["glossary", "glossary_case"]
