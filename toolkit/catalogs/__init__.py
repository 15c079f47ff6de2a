"""Catalogs: the POT of each statement, the PO files translators own, and what the toolkit keeps beside them.

- :mod:`.template`: a statement's segments -> its POT (entries with context, header);
- :mod:`.merging`: template + old catalog -> new catalog, never losing a translation;
- :mod:`.counts`: segments and words by review state;
- :mod:`.pofile`: strict PO reading (``file:line`` errors) and rendering;
- :mod:`.patch`: rewriting only the entries a run filled, leaving the rest as the editor wrote it;
- :mod:`.draft_record`: what the toolkit drafted into each catalog (``<slug>.mt.json``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .counts import Counts, count, word_count
from .template import NAME_FLAG, NAME_NOTE, TemplateInfo, build_template, format_date, name_ids, now

if TYPE_CHECKING:
    from .merging import FUZZY_CUTOFF, NOISE_FIELDS, equivalent, merge


def __getattr__(name: str) -> Any:
    # The merge (and rapidfuzz, re-segmentation) loads when a command merges: status and check never do.
    if name in ("FUZZY_CUTOFF", "NOISE_FIELDS", "equivalent", "merge"):
        from . import merging

        return getattr(merging, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "FUZZY_CUTOFF",
    "NAME_FLAG",
    "NAME_NOTE",
    "NOISE_FIELDS",
    "Counts",
    "TemplateInfo",
    "build_template",
    "count",
    "equivalent",
    "format_date",
    "merge",
    "name_ids",
    "now",
    "word_count",
]
