"""Catalogs: the POT of each statement, the PO files translators own, and what the toolkit keeps beside them.

- :mod:`.template`: a statement's segments -> its POT (entries with context, header);
- :mod:`.merging`: template + old catalog -> new catalog, never losing a translation;
- :mod:`.counts`: segments and words by review state;
- :mod:`.pofile`: strict PO reading (``file:line`` errors) and rendering;
- :mod:`.patch`: rewriting only the entries a run filled, leaving the rest as the editor wrote it;
- :mod:`.draft_record`: what the toolkit drafted into each catalog (``<slug>.mt.json``).
"""

from .counts import Counts, count, word_count
from .merging import FUZZY_CUTOFF, NOISE_FIELDS, equivalent, merge
from .template import NAME_FLAG, NAME_NOTE, TemplateInfo, build_template, format_date, name_ids, now

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
