"""Tokens a translation copies rather than translates -- URLs, e-mail addresses, acronyms -- as one set of
patterns: what drafting protects from the engine (:mod:`toolkit.drafting.protection`) is what QA checks the
translator kept (:mod:`toolkit.checks.tokens`).

>>> [m.group() for m in ACRONYM.finditer("The ICC, the G20 and NGOs met; AT&T did not. I agree.")]
['ICC', 'G20', 'NGOs', 'AT&T']
>>> [m.group() for m in DOTTED.finditer("The U.S. and E.O. 14203, e.g. this.")]
['U.S.', 'E.O.']
"""

from __future__ import annotations

import re

URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"«»]+[^\s<>\".,;:!?)\]'’”«»]")
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
ACRONYM = re.compile(r"(?<![\w.&-])[A-Z][A-Z0-9&]*[A-Z0-9](?:s)?(?![\w&-])")
"""Undotted capitals, digits after the first letter (ICC, NGOs, G20, AT&T); a lone capital is a word."""
DOTTED = re.compile(r"(?<![\w.])(?:[A-Z]\.){2,}(?!\w)")
"""Dotted abbreviations (U.S., E.O.): protected from the engine, but languages write their own (É.-U.)."""
SHOUTED = frozenset({"NOW", "NOT", "NO", "ALL", "MUST", "NEVER", "STOP", "YES", "AND", "OR", "THE", "FREE", "URGENT", "END"})
"""English words written in capitals for emphasis: translated like any word."""
